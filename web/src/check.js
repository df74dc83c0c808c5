// @ts-check
// The public pre-check: anyone asks whether a job would count; the answer is the domain's, with every reason.
import { api, applyTexts, date, el, fillSelect, onLanguage, problemText, start, t } from './shell.js';
import { kindBoxes } from './check-kinds.js';

/** @typedef {import('./shell.js').Schemas} Schemas */

const form = /** @type {HTMLFormElement} */ (document.getElementById('check-form'));
const result = document.getElementById('result');
const error = document.getElementById('check-error');
/** @type {Schemas['WorkplaceCheckRequest'] | null} */
let lastRequest = null;

function fillChoices() {
  fillSelect(document.getElementById('category'), 'categories');
  fillSelect(document.getElementById('level'), 'levels');
  fillSelect(document.getElementById('specialtyGroup'), 'specialtyGroups');
  fillSelect(document.getElementById('ownership'), 'ownerships');
  fillSelect(document.getElementById('region'), 'regions');
  fillSelect(document.getElementById('settlementType'), 'settlementTypes');
  kindBoxes(document.getElementById('kinds'), 'kind');
}

/** @param {string} title @param {Schemas['CheckReasonView'][]} reasons */
function reasonList(title, reasons) {
  if (!reasons.length) return null;
  return el('div', {},
    el('h3', { text: title }),
    el('ul', { class: 'reasons' }, reasons.map((r) => el('li', { 'data-code': r.code },
      el('span', { text: r.message }), r.law ? el('span', { class: 'law', text: ` (${r.law})` }) : null))));
}

/** @param {Schemas['CheckView']} answer */
function show(answer) {
  const verdict = document.getElementById('verdict');
  verdict.textContent = answer.verdict;
  verdict.className = `verdict ${answer.counts ? 'yes' : 'no'}`;
  document.getElementById('terms').textContent = answer.terms
    ? t('pages.check.terms', { category: answer.terms.categoryName, months: answer.terms.months, start: date(answer.terms.start), rule: answer.terms.locationRule })
    : '';
  document.getElementById('reasons').replaceChildren(...[
    reasonList(t('pages.check.reasons'), answer.reasons),
    reasonList(t('pages.check.warnings'), answer.warnings),
  ].filter(Boolean));
  result.hidden = false;
}

/** @param {Schemas['WorkplaceCheckRequest']} request */
async function run(request) {
  error.hidden = true;
  /** @type {import('./shell.js').Answer<Schemas['CheckView']>} */
  const r = await api('/api/check', { method: 'POST', body: request });
  if (!r.ok) {
    result.hidden = true;
    error.textContent = r.status === 429 ? t('pages.check.tooMany', { seconds: r.headers.get('Retry-After') ?? '60' }) : problemText(r.body);
    error.hidden = false;
    return;
  }
  show(r.body);
  result.focus?.();
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = new FormData(form);
  const kinds = data.getAll('organisationKinds');
  if (!kinds.length) {
    error.textContent = t('pages.check.chooseKind');
    error.hidden = false;
    document.querySelector('#kinds input')?.focus();
    return;
  }
  // Form values are strings; the server checks each against its enumeration.
  lastRequest = /** @type {Schemas['WorkplaceCheckRequest']} */ ({
    category: data.get('category'), level: data.get('level'), specialtyGroup: data.get('specialtyGroup'),
    organisationKind: kinds[0], organisationKinds: kinds, ownership: data.get('ownership'), region: data.get('region'),
    settlementType: data.get('settlementType'), startDate: data.get('startDate') || null,
  });
  await run(lastRequest);
});

onLanguage(async () => {
  fillChoices();
  applyTexts(form);
  if (lastRequest && !result.hidden) await run(lastRequest);
});

start({ active: '/check' });
