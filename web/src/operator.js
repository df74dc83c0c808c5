// @ts-check
// What every operator page shares: the operators' menu, sign-in (the same OIDC client as the graduate's page,
// coming back through the one registered address /operator), the signed-in operator, and an API client that
// says so when the session ends or the role does not allow a page. Each page module calls operatorPage().
import { claimsOf, devTokensAllowed, forget, session, signIn, signOut, useDevelopmentToken } from './auth.js';
import { api, el, onLanguage, problemText, start, t } from './shell.js';

export const OPERATOR_LINKS = [
  ['/operator', 'pages.op.nav.queue'],
  ['/operator/graduates', 'pages.op.nav.graduates'],
  ['/operator/import', 'pages.op.nav.import'],
  ['/operator/dashboard', 'pages.op.nav.dashboard'],
  ['/operator/audit', 'pages.op.nav.audit'],
];

/** The element with that id, typed loosely: the pages' markup is theirs, the API's data is what the types check. */
export const $ = /** @type {(id: string) => any} */ ((id) => document.getElementById(id));

let token = null;
let lastMessage = null;
let roles = [];

function renderRoles() {
  $('who-role').textContent = roles.map((r) => (t(`pages.op.role.${r}`) === `pages.op.role.${r}` ? r : t(`pages.op.role.${r}`))).join(', ');
}

function message(key, detail) {
  lastMessage = key ? { key, detail } : null;
  const box = $('auth-msg');
  box.hidden = !key;
  if (key) {
    box.textContent = detail ? `${t(key)} ${detail}` : t(key);
    box.className = `msg${key === 'pages.auth.signedOut' ? ' ok' : ' bad'}`;
  }
}

const REASONS = {
  expired: 'pages.auth.expired',
  refused: 'pages.auth.refused',
  unavailable: 'pages.auth.unavailable',
  'signed-out': 'pages.auth.signedOut',
  forbidden: 'pages.op.auth.forbidden',
};

function gate() {
  const section = el('section', { id: 'signin', class: 'panel', hidden: true, 'aria-labelledby': 'signin-title' },
    el('h2', { id: 'signin-title', 'data-t': 'pages.signin.title' }),
    el('p', { 'data-t': 'pages.op.signin.text' }),
    el('button', { type: 'button', id: 'signin-button', 'data-t': 'pages.signin.button' }));
  const form = el('form', { id: 'dev-token-form', hidden: true },
    el('label', { for: 'dev-token', 'data-t': 'pages.signin.devToken' }),
    el('textarea', { id: 'dev-token', rows: '3', autocomplete: 'off', spellcheck: 'false' }),
    el('p', { class: 'muted', 'data-t': 'pages.op.signin.devTokenHint' }),
    el('button', { type: 'submit', class: 'secondary', id: 'dev-token-submit', 'data-t': 'pages.signin.devTokenButton' }));
  section.append(form);
  const who = el('p', { id: 'who-line', class: 'who', hidden: true },
    el('span', { 'data-t': 'pages.op.signedInAs' }), ' ', el('strong', { id: 'who' }), ' ',
    el('span', { id: 'who-role', class: 'status' }), ' ',
    el('button', { type: 'button', class: 'secondary', id: 'signout', 'data-t': 'pages.signout.button' }));
  const status = el('p', { id: 'auth-msg', class: 'msg', role: 'status', hidden: true });
  $('main').querySelector('h1').after(status, section, who);
}

/** Hides the page's content and offers sign-in, saying why. */
export function showSignIn(reason, detail) {
  token = null;
  $('content').hidden = true;
  $('who-line').hidden = true;
  $('signin').hidden = false;
  $('dev-token-form').hidden = !devTokensAllowed;
  message(REASONS[reason], detail);
}

/** Says the role does not allow this page (the API answered 403), keeping the operator signed in. */
export function showForbidden() {
  $('content').hidden = true;
  message('pages.op.auth.forbidden');
}

/** JSON request with the operator's token; a 401 ends the session on the page and throws. */
export async function call(path, options = {}) {
  const r = await api(path, { ...options, token });
  if (r.status === 401) {
    await forget();
    showSignIn('expired');
    throw new Error('signed out');
  }
  return r;
}

/** A raw fetch with the operator's token (CSV upload, CSV download). */
export async function send(path, init = {}) {
  const headers = { 'Accept-Language': document.documentElement.lang, ...(init.headers ?? {}), Authorization: `Bearer ${token}` };
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    await forget();
    showSignIn('expired');
    throw new Error('signed out');
  }
  return response;
}

/** Shows a problem (or a plain message key) in a status box. */
export function say(box, key, body, ok = false) {
  box.hidden = false;
  box.className = `msg ${ok ? 'ok' : 'bad'}`;
  box.textContent = body ? `${t(key)} ${problemText(body)}` : t(key);
}

/** Starts an operator page: the shell, the sign-in gate, then ready(claims) once a token is there. */
export async function operatorPage({ active, ready, language }) {
  gate();
  await start({ active, links: OPERATOR_LINKS });
  onLanguage(() => {
    if (lastMessage) message(lastMessage.key, lastMessage.detail);
    renderRoles();
    return language?.();
  });
  $('signin-button').addEventListener('click', async () => {
    const back = location.pathname + location.search;
    if (await signIn(back === '/operator' ? undefined : back)) showSignIn('unavailable');
  });
  $('dev-token-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const problem = useDevelopmentToken($('dev-token').value);
    if (problem) { message(problem); return; }
    $('dev-token').value = '';
    await begin(ready);
  });
  $('signout').addEventListener('click', async () => {
    if (await signOut()) return;
    showSignIn('signed-out');
    $('signin-button').focus();
  });
  await begin(ready);
}

async function begin(ready) {
  const current = await session();
  if (current.reason === 'leaving') return;
  if (!current.token) { showSignIn(current.reason === 'none' ? null : current.reason, current.detail); return; }
  token = current.token;
  const claims = claimsOf(token);
  roles = Array.isArray(claims.roles) ? claims.roles : [claims.roles ?? claims.role].filter(Boolean);
  $('signin').hidden = true;
  message(null);
  $('who').textContent = claims.sub ?? '';
  renderRoles();
  $('who-line').hidden = false;
  $('content').hidden = false;
  await ready({ subject: claims.sub, roles });
}
