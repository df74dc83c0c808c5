// @ts-check
// The dashboard: counts by category, status and region (from the counters index sync keeps, with the time
// they were read), obligations at risk, documents waiting longest, failed notifications with resend, and the
// export of defaulted obligations as CSV. Tables first.
import { $, call, operatorPage, say, send } from './operator.js';
import { date, el, nameOf, t } from './shell.js';

/** @typedef {import('./api/types').components['schemas']} Schemas */

/** @type {Schemas['DashboardView'] | null} */
let board = null;
/** @type {Schemas['FailedNotificationView'][]} */
let failed = [];

function counts(table, list, rows) {
  table.querySelector('tbody').replaceChildren(...(rows ?? []).map((r) => el('tr', { 'data-code': r.code ?? '' },
    el('th', { scope: 'row', text: r.code ? nameOf(list, r.code) : r.name }),
    el('td', { class: 'num', text: String(r.count) }))));
}

function render() {
  if (board) {
    $('dash-asof').textContent = t('pages.op.dashboard.asOf', { time: new Date(board.asOf).toLocaleString(document.documentElement.lang) });
    $('dash-total').textContent = String(board.total);
    $('dash-atrisk').textContent = String(board.atRisk);
    counts($('by-category'), 'categories', board.byCategory);
    counts($('by-status'), 'obligationStatuses', board.byStatus);
    counts($('by-region'), 'regions', board.byRegion);
    const waiting = board.waitingLongest ?? [];
    $('waiting-empty').hidden = waiting.length > 0;
    $('waiting').hidden = waiting.length === 0;
    $('waiting').querySelector('tbody').replaceChildren(...waiting.map((w) => el('tr', { 'data-id': w.documentId },
      el('td', { text: date(w.receivedAt) }), el('td', { class: 'num', text: String(w.waitingDays) }),
      el('td', { text: nameOf('documentKinds', w.kind) }), el('td', { text: nameOf('categories', w.category) }),
      el('td', { text: w.region ? nameOf('regions', w.region) : '—' }))));
  }
  const count = board?.failedNotifications?.count ?? failed.length;
  $('failed-count').textContent = t('pages.op.dashboard.failedCount', { n: board?.failedNotifications?.capped ? `${count}+` : count });
  $('failed').querySelector('tbody').replaceChildren(...failed.map((f) => el('tr', { 'data-id': f.notificationId },
    el('td', { text: f.failedAt ? new Date(f.failedAt).toLocaleString(document.documentElement.lang) : '—' }),
    el('td', { text: f.to ?? '' }), el('td', { text: f.subject ?? '' }),
    el('td', { text: `${f.lastStatusCode ?? ''} ${f.lastError ?? ''}`.trim() }),
    el('td', {}, el('button', { type: 'button', class: 'secondary small', text: t('pages.op.dashboard.resend'), 'aria-label': t('pages.op.dashboard.resendLabel', { to: f.to ?? '' }), onclick: () => resend(f) })))));
}

/** @param {Schemas['FailedNotificationView']} f */
async function resend(f) {
  const r = await call(`/api/notifications/failed/${encodeURIComponent(f.notificationId)}/resend`, { method: 'POST' });
  if (!r.ok) { say($('failed-msg'), 'pages.op.error', r.body); return; }
  say($('failed-msg'), 'pages.op.dashboard.resent', null, true);
  failed = failed.filter((x) => x.notificationId !== f.notificationId);
  render();
}

async function load() {
  const [d, f] = await Promise.all([call('/api/operator/dashboard'), call('/api/notifications/failed')]);
  if (d.ok) board = /** @type {Schemas['DashboardView']} */ (d.body); else say($('dash-msg'), 'pages.op.error', d.body);
  failed = f.ok ? /** @type {Schemas['PagedFailedNotificationView']} */ (f.body).items ?? [] : [];
  render();
}

$('export-defaulted').addEventListener('click', async () => {
  const box = $('export-msg');
  const response = await send('/api/operator/exports/defaulted', { headers: { Accept: 'text/csv' } });
  if (!response.ok) { say(box, 'pages.op.error', await response.json().catch(() => null)); return; }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'defaulted.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(box, 'pages.op.export.done', null, true);
});

operatorPage({ active: '/operator/dashboard', ready: load, language: render });
