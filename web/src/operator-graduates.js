// @ts-check
// Find a graduate by IIN or any part of a name (the API folds case and Kazakh letters), open their record,
// obligation, documents and correction history; correct the record with a reason; record an exemption or a
// default. A graduate opens at /operator/graduates?id=… so the address can be shared between operators.
import { $, call, operatorPage, say } from './operator.js';
import { date, el, fillSelect, money, nameOf, t } from './shell.js';

const FIELDS = ['fullName', 'email', 'language', 'category', 'level', 'specialtyGroup', 'graduationDate', 'admissionYear', 'budgetCost', 'university', 'grantMonths', 'normativeMonths'];
const NUMBERS = new Set(['admissionYear', 'budgetCost', 'grantMonths', 'normativeMonths']);
const OPTIONAL = new Set(['grantMonths', 'normativeMonths']);

/** @typedef {import('./api/types').components['schemas']} Schemas */
/** @typedef {Schemas['OperatorGraduateView']} GraduateRecord */

/** @type {Schemas['SearchHit'][]} */
let hits = [];
/** @type {string | null} */
let next = null;
/** @type {string | null} */
let query = null;
/** @type {GraduateRecord | null} */
let record = null;
/** @type {Schemas['ObligationView'] | null} */
let obligation = null;
/** @type {Schemas['DocumentView'][]} */
let documents = [];

// ---- search ------------------------------------------------------------------------------------------

async function search(more) {
  const box = $('search-msg');
  box.hidden = true;
  if (!more) { query = $('q').value.trim(); hits = []; next = null; }
  if (!query) { say(box, 'pages.op.search.empty'); return; }
  const params = new URLSearchParams({ q: query });
  if (more && next) params.set('continuationToken', next);
  const r = await call(`/api/operator/graduates?${params}`);
  if (!r.ok) { say(box, 'pages.op.error', r.body); return; }
  const page = /** @type {Schemas['PagedSearchHit']} */ (r.body);
  hits = [...hits, ...page.items];
  next = page.continuationToken ?? null;
  renderHits();
  $('results').dataset.query = query;
}

function renderHits() {
  $('results-box').hidden = query === null;
  $('results-empty').hidden = hits.length > 0;
  $('results').hidden = hits.length === 0;
  $('results-more').hidden = !next;
  $('results').querySelector('tbody').replaceChildren(...hits.map((h) => el('tr', { 'data-id': h.graduateId },
    el('td', {}, el('a', { href: `/operator/graduates?id=${encodeURIComponent(h.graduateId)}`, text: h.fullName })),
    el('td', { text: nameOf('categories', h.category) }),
    el('td', { text: nameOf('obligationStatuses', h.status) }),
    el('td', { text: h.region ? nameOf('regions', h.region) : '—' }),
    el('td', { text: h.university ?? '' }))));
}

// ---- one graduate ------------------------------------------------------------------------------------

/** @param {string} id */
async function openGraduate(id) {
  const path = encodeURIComponent(id);
  const r = await call(`/api/operator/graduates/${path}`);
  if (!r.ok) { say($('search-msg'), 'pages.op.error', r.body); return; }
  record = /** @type {GraduateRecord} */ (r.body);
  const [o, d] = await Promise.all([call(`/api/graduates/${path}/obligation`), call(`/api/graduates/${path}/documents`)]);
  obligation = o.ok ? /** @type {Schemas['ObligationView']} */ (o.body) : null;
  documents = d.ok ? /** @type {Schemas['DocumentView'][]} */ (d.body) : [];
  $('graduate').hidden = false;
  renderGraduate();
  fillForm();
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([label, text, id]) => [el('dt', { text: label }), el('dd', { id, text })]));
}

function shown(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'category') return nameOf('categories', value);
  if (field === 'level') return nameOf('levels', value);
  if (field === 'specialtyGroup') return nameOf('specialtyGroups', value);
  if (field === 'graduationDate' || field === 'obligationStart') return date(value);
  if (field === 'budgetCost') return money(value);
  if (field === 'status') return nameOf('obligationStatuses', value);
  if (field === 'region') return nameOf('regions', value);
  return String(value);
}

function renderGraduate() {
  if (!record) return;
  const g = record.graduate;
  $('g-name').textContent = g.fullName;
  facts($('g-facts'), [
    [t('pages.op.g.iin'), g.iin, 'g-iin'],
    ...FIELDS.filter((f) => f !== 'fullName').map((f) => [t(`pages.op.g.${f}`), shown(f, g[f]), `g-${f}`]),
    [t('pages.op.g.status'), shown('status', g.status), 'g-status'],
  ]);
  if (obligation) {
    $('ob-status').textContent = nameOf('obligationStatuses', obligation.status);
    $('ob-start').textContent = date(obligation.start);
    $('ob-required').textContent = t('pages.days', { n: obligation.requiredDays });
    $('ob-credited').textContent = t('pages.days', { n: obligation.creditedDays });
    $('ob-remaining').textContent = t('pages.days', { n: obligation.remainingDays });
    $('ob-owed').textContent = money(obligation.owedIfStoppedToday);
  }
  $('g-docs-empty').hidden = documents.length > 0;
  $('g-docs').hidden = documents.length === 0;
  $('g-docs').querySelector('tbody').replaceChildren(...documents.map((d) => el('tr', { 'data-id': d.id, 'data-status': d.status },
    el('td', { text: date(d.receivedAt) }),
    el('td', { text: d.kindName ?? nameOf('documentKinds', d.kind) }),
    el('td', { text: d.statusName ?? nameOf('documentStatuses', d.status) }),
    el('td', { text: (d.reasons ?? []).map((x) => x.message).join(' ') }))));
  const rows = (record.corrections ?? []).flatMap((c) => c.changes.map((change, i) => el('tr', { 'data-field': change.field },
    el('td', { text: i === 0 ? new Date(c.at).toLocaleString(document.documentElement.lang) : '' }),
    el('td', { text: i === 0 ? c.actorId : '' }),
    el('td', { text: t(`pages.op.g.${change.field}`) }),
    el('td', { class: 'old', text: shown(change.field, change.old) }),
    el('td', { class: 'new', text: shown(change.field, change.new) }),
    el('td', { text: i === 0 ? c.reason : '' }))));
  $('g-history-empty').hidden = rows.length > 0;
  $('g-history').hidden = rows.length === 0;
  $('g-history').querySelector('tbody').replaceChildren(...rows);
}

function fillSelects() {
  for (const select of /** @type {NodeListOf<HTMLSelectElement>} */ (document.querySelectorAll('#graduate select[data-enum]'))) fillSelect(select, select.dataset.enum, { empty: select.dataset.empty });
}

function fillForm() {
  fillSelects();
  if (!record) return;
  for (const field of FIELDS) {
    const value = record.graduate[field];
    $(`c-${field}`).value = value === null || value === undefined ? '' : String(value);
  }
}

/** Only the fields the operator changed, typed as the API reads them. @returns {Schemas['GraduateChanges']} */
function changes() {
  /** @type {Record<string, unknown>} */
  const found = {};
  for (const field of FIELDS) {
    const input = $(`c-${field}`).value.trim();
    const current = record.graduate[field];
    const before = current === null || current === undefined ? '' : String(current);
    if (input === before) continue;
    if (input === '' && OPTIONAL.has(field)) found[field] = null;
    else found[field] = NUMBERS.has(field) && input !== '' ? Number(input) : input;
  }
  return /** @type {Schemas['GraduateChanges']} */ (found);
}

$('correct-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const box = $('correct-msg');
  const changed = changes();
  const reason = $('c-reason').value.trim();
  if (Object.keys(changed).length === 0) { say(box, 'pages.op.correct.nothing'); return; }
  if (reason.length < 2) { say(box, 'pages.op.correct.reasonNeeded'); $('c-reason').focus(); return; }
  const headers = record.etag ? { 'If-Match': record.etag } : {};
  /** @type {Schemas['GraduateCorrection']} */
  const correction = { changes: changed, reason };
  const r = await call(`/api/operator/graduates/${encodeURIComponent(record.graduate.graduateId)}`, { method: 'PATCH', body: correction, headers });
  if (!r.ok) { say(box, r.status === 412 ? 'pages.op.correct.stale' : 'pages.op.error', r.body); return; }
  record = /** @type {GraduateRecord} */ (r.body);
  $('c-reason').value = '';
  say(box, 'pages.op.correct.done', null, true);
  const o = await call(`/api/graduates/${encodeURIComponent(record.graduate.graduateId)}/obligation`);
  if (o.ok) obligation = /** @type {Schemas['ObligationView']} */ (o.body);
  renderGraduate();
  fillForm();
});

$('exemption-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  /** @type {Schemas['ExemptionMeta']} */
  const body = { ground: $('x-ground').value, commissionDecisionDate: $('x-commissionDecisionDate').value };
  for (const name of ['disabilityGroup', 'studyLevel', 'enrolmentDate', 'spouseLocality', 'pregnancyConfirmedOn', 'childBirthDate']) {
    const value = $(`x-${name}`).value.trim();
    if (value) body[name] = name === 'disabilityGroup' ? Number(value) : value;
  }
  const r = await call(`/api/graduates/${encodeURIComponent(record.graduate.graduateId)}/exemptions`, { method: 'POST', body });
  if (!r.ok) { say($('exemption-msg'), 'pages.op.error', r.body); return; }
  say($('exemption-msg'), 'pages.op.exemption.done', null, true);
  await openGraduate(record.graduate.graduateId);
});

$('default-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const note = $('df-note').value.trim();
  if (!note) { say($('default-msg'), 'pages.op.default.noteNeeded'); $('df-note').focus(); return; }
  /** @type {Schemas['DefaultDeclaration']} */
  const body = { asOf: $('df-asOf').value, note };
  const r = await call(`/api/graduates/${encodeURIComponent(record.graduate.graduateId)}/default`, { method: 'POST', body });
  if (!r.ok) { say($('default-msg'), 'pages.op.error', r.body); return; }
  say($('default-msg'), 'pages.op.default.done', null, true);
  await openGraduate(record.graduate.graduateId);
});

$('search-form').addEventListener('submit', (e) => { e.preventDefault(); search(false); });
$('results-more').addEventListener('click', () => search(true));

operatorPage({
  active: '/operator/graduates',
  ready: async () => {
    fillForm();
    const id = new URLSearchParams(location.search).get('id');
    if (id) await openGraduate(id);
  },
  language: () => { renderHits(); renderGraduate(); fillSelects(); },
});
