// @ts-check
// The dashboard: counts by category, status and region (from the counters index sync keeps, with the time
// they were read), obligations at risk, documents waiting longest, failed notifications with resend, and the
// export of defaulted obligations as CSV. Tables first. A supervisor also starts the re-sync of the operators'
// index here and follows its progress (the API refuses it to a plain operator, and the page does not offer it).
import { $, call, operatorPage, say, send } from './operator.js';
import { date, el, nameOf, t } from './shell.js';

/** @typedef {import('./api/types').components['schemas']} Schemas */

/** @type {Schemas['DashboardView'] | null} */
let board = null;
/** @type {Schemas['FailedNotificationView'][]} */
let failed = [];
/** @type {Schemas['ResyncStatus'] | null} */
let resync = null;
let polling = 0;
const POLL_MS = 1500;

function counts(table, list, rows) {
  table.querySelector('tbody').replaceChildren(...(rows ?? []).map((r) => el('tr', { 'data-code': r.code ?? '' },
    el('th', { scope: 'row', text: r.code ? nameOf(list, r.code) : r.name }),
    el('td', { class: 'num', text: String(r.count) }))));
}

function renderResync() {
  const box = $('resync-msg');
  $('resync-progress').hidden = !resync || resync.state === 'done';
  $('resync-start').disabled = !!resync && resync.state !== 'done';
  if (!resync) return;
  box.hidden = false;
  box.className = `msg${resync.state === 'done' ? ' ok' : ''}`;
  box.dataset.state = resync.state;
  box.textContent = t(resync.state === 'done' ? 'pages.op.resync.done' : 'pages.op.resync.running', {
    graduates: resync.graduates, steps: resync.steps, failed: resync.failed,
    time: new Date(resync.updatedAt).toLocaleString(document.documentElement.lang),
  });
}

/** Follows the run until it is done, one status read every POLL_MS. */
async function follow(statusUrl) {
  const run = ++polling;
  while (run === polling) {
    await new Promise((done) => setTimeout(done, POLL_MS));
    if (run !== polling) return;
    const r = await call(statusUrl);
    if (!r.ok) { say($('resync-msg'), 'pages.op.error', r.body); $('resync-start').disabled = false; $('resync-progress').hidden = true; return; }
    resync = /** @type {Schemas['ResyncStatus']} */ (r.body);
    renderResync();
    if (resync.state === 'done') return;
  }
}

$('resync-start').addEventListener('click', async () => {
  $('resync-start').disabled = true;
  const r = await call('/api/operator/resync', { method: 'POST' });
  if (!r.ok) { say($('resync-msg'), 'pages.op.error', r.body); $('resync-start').disabled = false; return; }
  resync = /** @type {Schemas['ResyncStatus']} */ (r.body);
  renderResync();
  if (resync.state !== 'done') await follow(resync.statusUrl);
});

function render() {
  renderResync();
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

/** @param {{ subject: string, roles: string[] }} who */
function ready(who) {
  // The counts are the operators'; only a supervisor may start a re-sync (the API checks the role on each request too).
  const operator = who.roles.includes('operator');
  $('board').hidden = !operator;
  $('resync-panel').hidden = !who.roles.includes('supervisor');
  return operator ? load() : undefined;
}

operatorPage({ active: '/operator/dashboard', ready, language: render });
