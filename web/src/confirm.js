// @ts-check
// The employer's page: the token comes from the fragment (never sent in a URL); every message in the page's language.
import { api, date, nameOf, onLanguage, problemText, start, t } from './shell.js';

const token = new URLSearchParams(location.hash.slice(1)).get('t');
const status = document.getElementById('status');
const details = document.getElementById('details');
/** @typedef {import('./shell.js').Schemas} Schemas */
/** @type {{ phase: string, view?: Schemas['ConfirmationView'], body?: Schemas['ProblemBody'], decision?: string }} */
let state = { phase: 'loading' };

function show(text, kind) {
  status.textContent = text;
  status.className = `msg${kind ? ` ${kind}` : ''}`;
}

function errorText(body) {
  const key = `employer-page.problem.${body?.code}`;
  const known = t(key, { days: body?.days ?? 14 });
  return known !== key ? known : problemText(body);
}

function render() {
  switch (state.phase) {
    case 'no-token': show(t('employer-page.link-incomplete'), 'bad'); break;
    case 'error': show(errorText(state.body), 'bad'); break;
    case 'done': show(t(state.decision === 'confirm' ? 'employer-page.thanks' : 'pages.confirm.thanksDeclined'), 'ok'); break;
    case 'ready': {
      const v = state.view;
      const kinds = v.organisationKinds ?? [v.organisationKind];
      for (const [id, value] of [['graduate', v.graduateName], ['employer', v.employerName], ['bin', v.employerBin], ['position', v.position],
        ['start', date(v.startDate)], ['region', nameOf('regions', v.region)], ['settlement', nameOf('settlementTypes', v.settlementType)],
        ['kind', kinds.map((k) => nameOf('organisationKinds', k)).join('; ')]]) {
        document.getElementById(id).textContent = value;
      }
      show(t('employer-page.check-and-decide'));
      break;
    }
    default: show(t('employer-page.loading'));
  }
  details.hidden = state.phase !== 'ready';
}

async function load() {
  if (!token) { state = { phase: 'no-token' }; render(); return; }
  /** @type {Schemas['ConfirmationTokenRequest']} */
  const request = { token };
  /** @type {import('./shell.js').Answer<Schemas['ConfirmationView']>} */
  const r = await api('/api/confirmations/view', { method: 'POST', body: request });
  if (r.ok === true) state = { phase: 'ready', view: r.body };
  else state = { phase: 'error', body: r.body };
  render();
}

document.getElementById('form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const decision = e.submitter?.value ?? 'confirm';
  const name = document.getElementById('name');
  const role = document.getElementById('role');
  if (!name.value.trim() || !role.value.trim()) {
    show(t('pages.confirm.required'), 'bad');
    (name.value.trim() ? role : name).focus();
    return;
  }
  /** @type {Schemas['ConfirmationDecisionRequest']} */
  const request = { token, decision, confirmerName: name.value, confirmerPosition: role.value, note: document.getElementById('note').value || null };
  /** @type {import('./shell.js').Answer<Schemas['ConfirmationResult']>} */
  const r = await api('/api/confirmations/decision', { method: 'POST', body: request });
  // `=== true` narrows the answer to its success shape (the pages are checked without strict null checks).
  if (r.ok === true) state = { phase: 'done', decision };
  else state = { phase: 'error', body: r.body };
  render();
  status.focus?.();
});

onLanguage(async () => {
  // Problems come from the API in the language asked for: ask again in the new one.
  if (state.phase === 'error' && state.body?.code !== 'token-used') await load();
  else render();
});

start({ navigation: false }).then(load);
