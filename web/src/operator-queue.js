// @ts-check
// The review queue: documents awaiting review, oldest first, filtered by kind, category and region. Each opens
// beside an in-page preview of its file (pdf.js for PDFs, <img> for images, both from the short-lived read
// link), with the graduate's obligation and what was and was not verified; approve, or reject with a reason.
import { $, call, operatorPage, say } from './operator.js';
import { date, el, fillSelect, nameOf, t } from './shell.js';
import { declared } from './operator-meta.js';
import { closePreview, showPreview } from './operator-preview.js';

/** @typedef {import('./api/types').components['schemas']} Schemas */

/** @type {string | null} */
let next = null;
/** @type {string | null} */
let openId = null;
/** @type {Schemas['ReviewItem'] | null} */
let openItem = null;
/** @type {Schemas['ReviewDocumentView'] | null} */
let view = null;
/** @type {Schemas['GraduateView'] | null} */
let graduate = null;
/** @type {Schemas['ObligationView'] | null} */
let obligation = null;

function filters() {
  const params = new URLSearchParams();
  for (const name of ['kind', 'category', 'region']) {
    const value = $(`f-${name}`).value;
    if (value) params.set(name, value);
  }
  return params;
}

function fillFilters() {
  for (const select of /** @type {NodeListOf<HTMLSelectElement>} */ (document.querySelectorAll('#filters select[data-enum]'))) fillSelect(select, select.dataset.enum, { empty: 'pages.op.all' });
}

function fillReasons() {
  const select = $('d-reason');
  const keep = select.value;
  select.replaceChildren(new Option(t('pages.op.decision.pickReason'), ''));
  for (const code of reasonCodes()) select.append(new Option(t(`reasons.operator.${code}`), code));
  select.value = keep;
}

/** The codes an operator may reject with: those the texts catalog names (reasons.operator.*). */
function reasonCodes() {
  const codes = [];
  for (const key of ['illegible', 'dates-mismatch', 'data-mismatch', 'wrong-document', 'incomplete', 'not-confirmed', 'other']) {
    if (t(`reasons.operator.${key}`) !== `reasons.operator.${key}`) codes.push(key);
  }
  return codes;
}

/** @param {Schemas['ReviewItem']} item */
function row(item) {
  const open = el('button', {
    type: 'button', class: 'secondary small', 'data-id': item.documentId, text: t('pages.op.open'),
    'aria-label': t('pages.op.queue.openLabel', { kind: nameOf('documentKinds', item.kind), date: date(item.receivedAt) }),
    onclick: () => openDocument(item),
  });
  return el('tr', { id: `q-${item.documentId}`, 'data-id': item.documentId, class: item.documentId === openId ? 'current' : null },
    el('td', { text: date(item.receivedAt) }),
    el('td', { class: 'num', text: String(item.waitingDays) }),
    el('td', { text: nameOf('documentKinds', item.kind) }),
    el('td', { text: nameOf('categories', item.category) }),
    el('td', { text: item.region ? nameOf('regions', item.region) : '—' }),
    el('td', {}, open));
}

/** @type {Schemas['ReviewItem'][]} */
let items = [];

async function load(more) {
  const params = filters();
  if (more && next) params.set('continuationToken', next);
  const r = await call(`/api/review/documents?${params}`);
  if (!r.ok) { say($('queue-msg'), 'pages.op.error', r.body); return; }
  $('queue-msg').hidden = true;
  const page = /** @type {Schemas['PagedReviewItem']} */ (r.body);
  items = more ? [...items, ...page.items] : page.items;
  next = page.continuationToken ?? null;
  render();
  $('queue').dataset.query = filters().toString();
}

function render() {
  $('queue').querySelector('tbody').replaceChildren(...items.map(row));
  $('queue-empty').hidden = items.length > 0;
  $('queue').hidden = items.length === 0;
  $('queue-more').hidden = !next;
}

/** @param {Schemas['ReviewItem']} item */
async function openDocument(item) {
  openId = item.documentId;
  openItem = item;
  for (const tr of $('queue').querySelectorAll('tbody tr')) tr.classList.toggle('current', tr.dataset.id === openId);
  $('decision-msg').hidden = true;
  $('d-note').value = '';
  $('d-reason').value = '';
  const [doc, g, o] = await Promise.all([
    call(`/api/review/documents/${encodeURIComponent(item.documentId)}`),
    call(`/api/graduates/${encodeURIComponent(item.graduateId)}`),
    call(`/api/graduates/${encodeURIComponent(item.graduateId)}/obligation`),
  ]);
  if (!doc.ok) { say($('queue-msg'), 'pages.op.error', doc.body); return; }
  view = /** @type {Schemas['ReviewDocumentView']} */ (doc.body);
  graduate = g.ok ? /** @type {Schemas['GraduateView']} */ (g.body) : null;
  obligation = o.ok ? /** @type {Schemas['ObligationView']} */ (o.body) : null;
  $('review').hidden = false;
  renderReview();
  await showPreview(view.readUrl);
  $('review-title').focus?.();
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([label, text]) => [el('dt', { text: label }), el('dd', { text })]));
}

function renderReview() {
  if (!view) return;
  $('rv-kind').textContent = view.kindName ?? nameOf('documentKinds', view.kind);
  $('rv-graduate').textContent = graduate ? graduate.fullName : '—';
  $('rv-category').textContent = graduate ? nameOf('categories', graduate.category) : nameOf('categories', openItem?.category);
  $('rv-status').textContent = nameOf('documentStatuses', view.status);
  $('rv-received').textContent = date(view.receivedAt);
  if (obligation) {
    $('ob-status').textContent = nameOf('obligationStatuses', obligation.status);
    $('ob-start').textContent = date(obligation.start);
    $('ob-required').textContent = t('pages.days', { n: obligation.requiredDays });
    $('ob-credited').textContent = t('pages.days', { n: obligation.creditedDays });
    $('ob-remaining').textContent = t('pages.days', { n: obligation.remainingDays });
  }
  facts($('rv-metadata'), declared(view.metadata));
  const checks = view.checks ?? [];
  $('rv-checks').replaceChildren(...checks.map((c) => el('li', { 'data-code': c.code, 'data-verified': String(c.verified), class: c.verified ? 'yes' : 'no' },
    el('strong', { text: t(c.verified ? 'pages.op.check.verified' : 'pages.op.check.unverified') }), ' ',
    el('span', { text: c.detail }))));
  $('rv-checks-none').hidden = checks.length > 0;
  const reasons = [...(view.reasons ?? []), ...(view.warnings ?? [])];
  $('rv-reasons-box').hidden = reasons.length === 0;
  $('rv-reasons').replaceChildren(...reasons.map((r) => el('li', { 'data-code': r.code }, r.message, r.law ? el('span', { class: 'law', text: ` (${r.law})` }) : null)));
  const pending = view.status === 'awaiting-review' || (view.checks ?? []).some((c) => !c.verified);
  $('approve').disabled = !pending;
  $('reject').disabled = view.status !== 'awaiting-review';
}

/** @param {'approve' | 'reject'} decision */
async function decide(decision) {
  const box = $('decision-msg');
  /** @type {Schemas['ReviewDecisionRequest']} */
  const body = { decision };
  const note = $('d-note').value.trim();
  if (note) body.note = note;
  if (decision === 'reject') {
    if (!$('d-reason').value) { say(box, 'pages.op.decision.reasonNeeded'); $('d-reason').focus(); return; }
    body.reasonCode = $('d-reason').value;
  }
  const r = await call(`/api/review/documents/${encodeURIComponent(openId)}/decision`, { method: 'POST', body });
  if (!r.ok) { say(box, 'pages.op.error', r.body); return; }
  view = { ...view, .../** @type {Schemas['DocumentView']} */ (r.body), checks: view.checks };
  say(box, decision === 'approve' ? 'pages.op.decision.approved' : 'pages.op.decision.rejected', null, true);
  items = items.filter((i) => i.documentId !== openId);
  render();
  renderReview();
}

$('filters').addEventListener('submit', (e) => {
  e.preventDefault();
  closeReview();
  load(false);
});
$('queue-more').addEventListener('click', () => load(true));
$('approve').addEventListener('click', () => decide('approve'));
$('reject').addEventListener('click', () => decide('reject'));

function closeReview() {
  openId = null;
  view = null;
  $('review').hidden = true;
  closePreview();
}

operatorPage({
  active: '/operator',
  ready: async () => { fillFilters(); fillReasons(); await load(false); },
  language: () => { fillFilters(); fillReasons(); render(); renderReview(); },
});
