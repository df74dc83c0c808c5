// @ts-check
// Register graduates from CSV: a small file is answered at once; a large one answers 202 with its import's
// status route, which the page polls (GET /api/imports/{id}) showing chunks done, counts and each row's error.
import { $, call, operatorPage, say, send } from './operator.js';
import { el, t } from './shell.js';

const HEADER = 'iin;fullName;email;language;category;level;specialtyGroup;graduationDate;admissionYear;budgetCost;university;grantMonths;normativeMonths';
const POLL_MS = 1000;
/** @typedef {import('./api/types').components['schemas']} Schemas */
/** @typedef {Partial<Schemas['ImportStatus']> & Partial<Schemas['ImportResult']>} Progress  a status (large file) or a result (small file) */

/** @type {Progress | null} */
let last = null;
let timer = null;

/** @param {Progress} result */
function show(result) {
  last = result;
  $('import-result').hidden = false;
  const done = result.done !== false;
  const registered = result.registered ?? result.created ?? 0;
  $('im-registered').textContent = String(registered);
  $('im-unchanged').textContent = String(result.unchanged ?? 0);
  const errors = result.errors ?? [];
  $('im-errors').textContent = String(result.errorCount ?? errors.length);
  const progress = $('import-progress');
  progress.value = result.chunks ? Math.round((100 * (result.chunksDone ?? 0)) / result.chunks) : (done ? 100 : 0);
  $('import-state').textContent = done
    ? t('pages.op.import.done', { rows: result.rowsRead ?? registered + (result.unchanged ?? 0) + errors.length })
    : t('pages.op.import.running', { done: result.chunksDone ?? 0, total: result.chunks ?? '?', rows: result.rowsRead ?? 0 });
  $('import-progress-box').dataset.done = String(done);
  $('import-errors-box').hidden = errors.length === 0;
  $('import-errors').querySelector('tbody').replaceChildren(...errors.map((e) => el('tr', { 'data-line': String(e.line), 'data-code': e.code },
    el('td', { class: 'num', text: String(e.line) }), el('td', { text: e.code }), el('td', { text: e.detail }))));
}

/** @param {string} location */
async function poll(location) {
  clearTimeout(timer);
  const r = await call(location);
  if (!r.ok) { say($('import-msg'), 'pages.op.error', r.body); return; }
  const status = /** @type {Schemas['ImportStatus']} */ (r.body);
  show(status);
  if (!status.done) timer = setTimeout(() => poll(location), POLL_MS);
  else $('import-submit').disabled = false;
}

$('import-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = $('csv').files[0];
  const box = $('import-msg');
  box.hidden = true;
  if (!file) { say(box, 'pages.op.import.pick'); $('csv').focus(); return; }
  clearTimeout(timer);
  $('import-submit').disabled = true;
  $('import-result').hidden = true;
  const response = await send('/api/graduates/import', { method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' }, body: file });
  const body = await response.json().catch(() => null);
  if (response.status === 202) {
    show(body);
    await poll(response.headers.get('Location') || `/api/imports/${encodeURIComponent(body.importId)}`);
    return;
  }
  $('import-submit').disabled = false;
  if (!response.ok) { say(box, 'pages.op.error', body); return; }
  show({ ...body, done: true });
});

operatorPage({
  active: '/operator/import',
  ready: async () => { $('import-header').textContent = HEADER; },
  language: () => { if (last) show(last); },
});
