// @ts-check
// The shell every page shares: header (brand, navigation, language switch), footer (contacts), texts in
// kk/ru/en from /assets/pages.<lang>.json, the API's enumerations, and a small JSON client.
/** The API's schemas, generated from the OpenAPI document (`npm run gen:api`). @typedef {import('./api/types').components['schemas']} Schemas */
/**
 * An API answer: the body is T on success, problem details otherwise.
 * @template [T=any]
 * @typedef {{ ok: true, status: number, body: T, headers: Headers } | { ok: false, status: number, body: Schemas['ProblemBody'], headers: Headers }} Answer
 */

export const LANGUAGES = ['kk', 'ru', 'en'];
const STORE = 'otrabotka.lang';
let texts = {};
/** @type {Schemas['EnumerationsView'] | null} */
let enums = null;
let language = 'kk';
const listeners = [];

export function currentLanguage() { return language; }

function initialLanguage() {
  const saved = localStorage.getItem(STORE);
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language]) {
    const primary = String(tag).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(primary)) return primary;
  }
  return 'kk';
}

/** The text for key in the current language, with {name} placeholders filled. */
export function t(key, values) {
  const text = texts[key] ?? key;
  return values ? text.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m)) : text;
}

/**
 * Fills every element marked data-t (text), data-t-label (aria-label), data-t-placeholder.
 * @param {ParentNode} [root]
 */
export function applyTexts(root = document) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of root.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
  for (const el of root.querySelectorAll('[data-t-placeholder]')) el.setAttribute('placeholder', t(el.dataset.tPlaceholder));
  if (document.body.dataset.title) document.title = `${t(document.body.dataset.title)} · ${t('pages.brand')}`;
}

/** Name of an enumeration value (e.g. 'regions', 'akmola') in the current language. */
export function nameOf(list, value) {
  const found = enums?.[list]?.find((v) => v.value === value);
  return found ? found.name[language] : value;
}

export function enumeration(list) { return enums?.[list] ?? []; }

/**
 * Fills a <select> with an enumeration's values, keeping the selection.
 * @param {Element} select @param {string} list @param {{ empty?: string }} [options]
 */
export function fillSelect(select, list, { empty } = {}) {
  const keep = select.value;
  select.replaceChildren();
  if (empty) select.append(new Option(t(empty), ''));
  for (const v of enumeration(list)) select.append(new Option(v.name[language], v.value));
  if (keep) select.value = keep;
}

export function onLanguage(callback) { listeners.push(callback); }

export async function setLanguage(next) {
  language = LANGUAGES.includes(next) ? next : 'kk';
  localStorage.setItem(STORE, language);
  // Texts come from the resource set the e-mails share: pages.<lang>.json, plus the areas a page names (data-areas).
  const areas = ['pages', ...(document.body.dataset.areas ?? '').split(' ').filter(Boolean)];
  const parts = await Promise.all(areas.map((area) => fetch(`/assets/${area}.${language}.json`).then((r) => r.json())));
  texts = Object.assign({}, ...parts);
  document.documentElement.lang = language;
  for (const b of document.querySelectorAll('.langs button')) b.setAttribute('aria-pressed', String(b.dataset.lang === language));
  applyTexts();
  const footer = document.querySelector('footer.site');
  if (footer && enums) footer.textContent = enums.contacts[language];
  for (const callback of listeners) await callback(language);
}

/**
 * JSON request to the API in the page's language; answers { ok, status, body, headers }. T is the body's
 * schema when the answer is a success (a problem's body is a ProblemBody).
 * @template [T=any]
 * @param {string} path
 * @param {{ method?: string, body?: unknown, token?: string | null, headers?: Record<string, string> }} [options]
 * @returns {Promise<Answer<T>>}
 */
export async function api(path, { method = 'GET', body, token, headers = {} } = {}) {
  /** @type {RequestInit & { headers: Record<string, string> }} */
  const init = { method, headers: { Accept: 'application/json', 'Accept-Language': language, ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { detail: text }; }
  return { ok: response.ok, status: response.status, body: parsed, headers: response.headers };
}

/** A problem's words: its detail and each field error. */
export function problemText(body) {
  if (!body) return t('pages.error.generic');
  const parts = [body.detail || body.title || t('pages.error.generic')];
  for (const e of body.errors ?? []) parts.push(`${e.field}: ${e.detail}`);
  return parts.join(' ');
}

function header(active) {
  const bar = document.createElement('div');
  bar.className = 'bar';
  const links = [['/', 'pages.nav.home'], ['/graduate', 'pages.nav.graduate'], ['/check', 'pages.nav.check']];
  bar.innerHTML = `<a class="brand" href="/" data-t="pages.brand"></a>
<nav class="main" data-t-label="pages.nav.label"><ul>${links.map(([href, key]) => `<li><a href="${href}" data-t="${key}"${href === active ? ' aria-current="page"' : ''}></a></li>`).join('')}</ul></nav>
<div class="langs" role="group" data-t-label="pages.lang.label">${LANGUAGES.map((l) => `<button type="button" data-lang="${l}" lang="${l}" aria-pressed="false">${l === 'kk' ? 'Қаз' : l === 'ru' ? 'Рус' : 'Eng'}</button>`).join('')}</div>`;
  for (const b of bar.querySelectorAll('.langs button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  return bar;
}

/**
 * Builds the shell around the page's <main> and loads texts and enumerations.
 * @param {{ active?: string, navigation?: boolean }} [options]
 */
export async function start({ active, navigation = true } = {}) {
  const top = document.querySelector('header.site');
  if (top) {
    const bar = header(active);
    if (!navigation) bar.querySelector('nav.main').remove();
    top.append(bar);
  }
  const enumsResponse = await fetch('/api/enumerations');
  enums = enumsResponse.ok ? await enumsResponse.json() : null;
  await setLanguage(initialLanguage());
}

/** Formats a yyyy-mm-dd date in the page's language. */
export function date(value) {
  if (!value) return '—';
  const [y, m, d] = String(value).slice(0, 10).split('-').map(Number);
  const locale = language === 'kk' ? 'kk-KZ' : language === 'ru' ? 'ru-RU' : 'en-GB';
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export function money(value) {
  const locale = language === 'kk' ? 'kk-KZ' : language === 'ru' ? 'ru-RU' : 'en-GB';
  return `${Number(value).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ₸`;
}

/** An element with text content (never HTML): safe for any value the API returns. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}
