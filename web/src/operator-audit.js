// @ts-check
// The audit trail, for the supervisor role: who read or changed what and when, a day at a time or for one
// graduate, newest first. Read-only: the API has no route that changes an entry. An operator is told the
// page is not theirs (the API answers 403).
import { $, call, operatorPage, say, showForbidden } from './operator.js';
import { el, t } from './shell.js';

/** @typedef {import('./api/types').components['schemas']} Schemas */

/** @type {Schemas['AuditEntryView'][]} */
let entries = [];
/** @type {string | null} */
let next = null;
let params = null;

function actionName(action) {
  const key = `pages.op.audit.action.${action}`;
  const text = t(key);
  return text === key ? action : text;
}

function render() {
  $('audit-empty').hidden = entries.length > 0 || params === null;
  $('audit').hidden = entries.length === 0;
  $('audit-more').hidden = !next;
  $('audit').querySelector('tbody').replaceChildren(...entries.map((a) => el('tr', { 'data-action': a.action, 'data-document': a.documentId ?? '', 'data-graduate': a.graduateId ?? '' },
    el('td', { text: new Date(a.at).toLocaleString(document.documentElement.lang) }),
    el('td', { text: a.actorId }),
    el('td', { text: t(`pages.op.role.${a.role}`) === `pages.op.role.${a.role}` ? a.role : t(`pages.op.role.${a.role}`) }),
    el('td', { text: actionName(a.action) }),
    el('td', {}, a.graduateId ? el('a', { href: `/operator/graduates?id=${encodeURIComponent(a.graduateId)}`, text: a.graduateId }) : '—'),
    el('td', { text: a.documentId ?? '—' }))));
}

async function load(more) {
  if (!more) {
    params = new URLSearchParams();
    const graduate = $('a-graduate').value.trim();
    if (graduate) params.set('graduateId', graduate);
    else if ($('a-date').value) params.set('date', $('a-date').value);
    entries = [];
    next = null;
  }
  const query = new URLSearchParams(params);
  if (more && next) query.set('continuationToken', next);
  const r = await call(`/api/operator/audit?${query}`);
  if (r.status === 403) { showForbidden(); return; }
  if (!r.ok) { say($('audit-msg'), 'pages.op.error', r.body); return; }
  $('audit-msg').hidden = true;
  const page = /** @type {Schemas['PagedAuditEntryView']} */ (r.body);
  entries = [...entries, ...page.items];
  next = page.continuationToken ?? null;
  render();
}

$('audit-form').addEventListener('submit', (e) => { e.preventDefault(); load(false); });
$('audit-more').addEventListener('click', () => load(true));

operatorPage({
  active: '/operator/audit',
  ready: async () => {
    if (!$('a-date').value) $('a-date').value = new Date().toISOString().slice(0, 10);
    await load(false);
  },
  language: render,
});
