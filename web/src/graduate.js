// @ts-check
// The graduate's page: sign-in, the obligation card with its timeline and evidence, documents with what to
// do next, and uploads (large files straight to blob storage through the SAS route). Status changes show
// without reloading: the page polls while it is visible.
import { devTokensAllowed, forget, session, signIn, signOut, useDevelopmentToken } from './auth.js';
import { api, currentLanguage, date, el, fillSelect, money, nameOf, onLanguage, problemText, start, t } from './shell.js';
import { kindBoxes } from './check-kinds.js';

export const DIRECT_UPLOAD_BYTES = 4 * 1024 * 1024;
const MAX_BYTES = 20 * 1024 * 1024;
const PENDING = new Set(['received', 'validating', 'awaiting-employer', 'awaiting-review']);
const $ = (id) => document.getElementById(id);

/** @typedef {import('./shell.js').Schemas} Schemas */

let token = null;
/** @type {Schemas['GraduateView'] | null} */
let me = null;
/** @type {Schemas['ObligationView'] | null} */
let obligation = null;
/** @type {Schemas['DocumentView'][]} */
let documents = [];
let lastSeen = '';
let timer = null;
let authMessage = null;

// ---- sign-in -------------------------------------------------------------------------------------------

function message(key, detail) {
  authMessage = key ? { key, detail } : null;
  const box = $('auth-msg');
  box.hidden = !key;
  if (key) {
    box.textContent = detail ? `${t(key)} ${detail}` : t(key);
    box.className = `msg${key === 'pages.auth.signedOut' ? ' ok' : ' bad'}`;
  }
}

function showSignIn(reason, detail) {
  token = null;
  clearInterval(timer);
  $('account').hidden = true;
  $('signin').hidden = false;
  $('dev-token-form').hidden = !devTokensAllowed;
  message({ expired: 'pages.auth.expired', refused: 'pages.auth.refused', unavailable: 'pages.auth.unavailable', 'signed-out': 'pages.auth.signedOut', 'not-registered': 'pages.auth.notRegistered' }[reason], detail);
}

$('signin-button').addEventListener('click', async () => {
  const failure = await signIn();
  if (failure) showSignIn('unavailable');
});

$('dev-token-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const problem = useDevelopmentToken($('dev-token').value);
  if (problem) { message(problem); return; }
  $('dev-token').value = '';
  await begin();
});

$('signout').addEventListener('click', async () => {
  clearInterval(timer);
  if (await signOut()) return;
  showSignIn('signed-out');
  $('signin-button').focus();
});

// ---- reading -------------------------------------------------------------------------------------------

async function call(path, options = {}) {
  const r = await api(path, { ...options, token });
  if (r.status === 401) {
    await forget();
    showSignIn('expired');
    throw new Error('signed out');
  }
  return r;
}

async function refresh(force) {
  const [o, d] = await Promise.all([call('/api/me/obligation'), call('/api/me/documents')]);
  if (!o.ok || !d.ok) return;
  const seen = JSON.stringify([o.body, d.body]);
  if (!force && seen === lastSeen) return;
  lastSeen = seen;
  obligation = o.body;
  documents = d.body;
  renderObligation();
  renderDocuments();
}

async function begin() {
  const s = await session();
  if (!s.token) { showSignIn(s.reason, s.detail); return; }
  token = s.token;
  const r = await call('/api/me').catch(() => null);
  if (!r) return;
  if (!r.ok) {
    await forget();
    showSignIn(r.status === 404 || r.status === 403 ? 'not-registered' : 'refused', r.status === 404 || r.status === 403 ? null : problemText(r.body));
    return;
  }
  me = r.body;
  message(null);
  $('signin').hidden = true;
  $('account').hidden = false;
  $('who').textContent = me.fullName;
  await refresh(true);
  clearInterval(timer);
  timer = setInterval(() => {
    if (token && document.visibilityState === 'visible') refresh(false).catch(() => {});
  }, 3000);
}

// ---- the obligation card -------------------------------------------------------------------------------

function days(n) { return t('pages.days', { n }); }

function renderObligation() {
  if (!obligation || !me) return;
  const o = obligation;
  $('ob-category').textContent = nameOf('categories', me.category);
  $('ob-status').textContent = nameOf('obligationStatuses', o.status);
  $('ob-start').textContent = date(o.start);
  $('ob-required').textContent = days(o.requiredDays);
  $('ob-credited').textContent = days(o.creditedDays);
  $('ob-remaining').textContent = days(o.remainingDays);
  $('ob-projected').textContent = o.projectedCompletion ? date(o.projectedCompletion) : t('pages.obligation.noProjection');
  $('ob-owed').textContent = money(o.owedIfStoppedToday);
  const percent = o.requiredDays > 0 ? Math.min(100, Math.round((o.creditedDays / o.requiredDays) * 100)) : 0;
  const bar = $('ob-progress');
  bar.value = percent;
  bar.textContent = `${percent}%`;
  bar.setAttribute('aria-valuetext', t('pages.obligation.progressText', { percent, credited: o.creditedDays, required: o.requiredDays }));

  const items = o.periods.map((p) => {
    const evidence = documents.find((d) => d.id === p.source);
    return el('li', { class: p.kind === 'military-service' ? 'paused' : p.kind === 'exemption' ? 'exempt' : '' },
      el('strong', { text: t(`pages.period.${p.kind}`) }),
      el('div', { text: p.to ? t('pages.period.range', { from: date(p.from), to: date(p.to) }) : t('pages.period.open', { from: date(p.from) }) }),
      el('div', { class: 'muted', text: t(p.credited ? 'pages.period.credited' : 'pages.period.notCredited') }),
      el('div', { class: 'evidence' }, el('span', { text: `${t('pages.period.evidence')} ` }),
        evidence ? el('a', { href: `#doc-${evidence.id}`, text: `${nameOf('documentKinds', evidence.kind)} — ${date(evidence.receivedAt)}` }) : el('span', { text: p.source })));
  });
  $('timeline').replaceChildren(...items);
  $('timeline-empty').hidden = items.length > 0;
}

// ---- documents -----------------------------------------------------------------------------------------

function summary(d) {
  const m = d.metadata || {};
  switch (d.kind) {
    case 'employment-confirmation': return `${m.employerName ?? ''} · ${m.position ?? ''} · ${date(m.startDate)}`;
    case 'employment-end': return date(m.endDate);
    case 'exemption-proof': return nameOf('exemptionGrounds', m.ground);
    case 'deferral-proof': return `${date(m.serviceStart)} — ${m.serviceEnd ? date(m.serviceEnd) : '…'}`;
    case 'unemployment-registration': return `${date(m.registeredFrom)} — ${m.registeredTo ? date(m.registeredTo) : '…'}`;
    default: return '';
  }
}

function reasons(title, list) {
  if (!list?.length) return null;
  return el('div', {}, el('strong', { text: title }), el('ul', { class: 'reasons' },
    list.map((r) => el('li', { 'data-code': r.code }, el('span', { text: r.message }), r.law ? el('span', { class: 'law', text: ` (${r.law})` }) : null))));
}

async function act(d, path, body, done) {
  const box = $(`doc-msg-${d.id}`);
  const r = await call(path, { method: 'POST', body: body ?? {} });
  box.hidden = false;
  box.className = `msg ${r.ok ? 'ok' : 'bad'}`;
  box.textContent = r.ok ? t(done) : problemText(r.body);
  await refresh(true);
  const after = $(`doc-msg-${d.id}`);
  if (after) { after.hidden = false; after.className = box.className; after.textContent = box.textContent; }
}

function actions(d) {
  const list = [];
  if (d.status === 'awaiting-employer' && d.kind === 'employment-confirmation') {
    list.push(el('button', { type: 'button', class: 'secondary', 'data-action': 'resend', text: t('pages.documents.resend'),
      onclick: () => act(d, `/api/me/documents/${d.id}/employer-link`, {}, 'pages.documents.resent') }));
  }
  if (d.status === 'awaiting-employer' || d.status === 'awaiting-review') {
    list.push(el('button', { type: 'button', class: 'secondary', 'data-action': 'withdraw', text: t('pages.documents.withdraw'),
      onclick: () => act(d, `/api/me/documents/${d.id}/withdraw`, {}, 'pages.documents.withdrawn') }));
  }
  if (d.status === 'rejected' && !d.contested) {
    const id = `contest-${d.id}`;
    const note = el('textarea', { id, rows: '3', maxlength: '2000' });
    list.push(el('form', { class: 'contest', onsubmit: (e) => {
      e.preventDefault();
      if (!note.value.trim()) { note.focus(); return; }
      act(d, `/api/me/documents/${d.id}/contest`, { note: note.value }, 'pages.documents.contested');
    } }, el('label', { for: id, text: t('pages.documents.contestNote') }), note,
    el('button', { type: 'submit', 'data-action': 'contest', text: t('pages.documents.contest') })));
  }
  return list;
}

function nextStep(d) {
  if (d.status === 'rejected') return t(d.contested ? 'pages.next.rejectedContested' : 'pages.next.rejected');
  return t(`pages.next.${d.status}`);
}

function renderDocuments() {
  const items = documents.map((d) => el('li', { id: `doc-${d.id}`, 'data-status': d.status, tabindex: '-1' },
    el('h3', { text: nameOf('documentKinds', d.kind) }),
    el('p', {}, el('span', { class: `status ${d.status}`, text: nameOf('documentStatuses', d.status) }),
      el('span', { class: 'muted', text: ` · ${t('pages.documents.received')} ${date(d.receivedAt)}` })),
    el('p', { text: summary(d) }),
    reasons(t('pages.documents.reasons'), d.reasons),
    d.rejectionNote ? el('p', { class: 'rejection-note', text: d.rejectionNote }) : null,
    reasons(t('pages.documents.warnings'), d.warnings),
    el('p', {}, el('strong', { text: `${t('pages.documents.next')} ` }), el('span', { class: 'next', text: nextStep(d) })),
    el('p', { id: `doc-msg-${d.id}`, class: 'msg', role: 'status', hidden: true }),
    el('div', { class: 'actions' }, actions(d))));
  $('documents').replaceChildren(...items);
  $('documents-empty').hidden = items.length > 0;
  const jobs = $('ee-employmentDocumentId');
  const keep = jobs.value;
  jobs.replaceChildren(new Option(t('pages.field.latestJob'), ''),
    ...documents.filter((d) => d.kind === 'employment-confirmation' && d.status === 'accepted')
      .map((d) => {
        const job = /** @type {Schemas['EmploymentMeta']} */ (d.metadata);
        return new Option(`${job.employerName} — ${date(job.startDate)}`, d.id);
      }));
  jobs.value = keep;
}

// ---- upload --------------------------------------------------------------------------------------------

const form = $('upload-form');

function showKind() {
  const kind = $('kind').value;
  for (const fs of form.querySelectorAll('fieldset[data-kind]')) {
    const on = fs.dataset.kind === kind;
    fs.hidden = !on;
    fs.disabled = !on;
  }
}

function fillUploadChoices() {
  fillSelect($('kind'), 'documentKinds');
  for (const select of form.querySelectorAll('select[data-enum]')) fillSelect(select, select.dataset.enum, { empty: select.dataset.empty });
  kindBoxes($('ec-kinds'), 'ec-kind');
  showKind();
}

$('kind').addEventListener('change', showKind);

function metadata() {
  const fs = form.querySelector(`fieldset[data-kind="${$('kind').value}"]`);
  const meta = {};
  for (const input of fs.querySelectorAll('input:not([type=checkbox]), select')) {
    if (input.value.trim()) meta[input.name] = input.type === 'number' ? Number(input.value) : input.value.trim();
  }
  const kinds = [...fs.querySelectorAll('input[type=checkbox]:checked')].map((i) => i.value);
  if (kinds.length) {
    meta.organisationKind = kinds[0];
    meta.organisationKinds = kinds;
  }
  return meta;
}

function missing() {
  const fs = form.querySelector(`fieldset[data-kind="${$('kind').value}"]`);
  const empty = [...fs.querySelectorAll('[required]')].find((i) => !i.value.trim());
  if (empty) return empty;
  if ($('kind').value === 'employment-confirmation' && !fs.querySelector('input[type=checkbox]:checked')) return fs.querySelector('input[type=checkbox]');
  return $('file').files.length ? null : $('file');
}

/** Sends with XMLHttpRequest, the one browser API that reports upload progress. */
function send(method, url, body, headers) {
  const bar = $('upload-progress');
  $('upload-progress-box').hidden = false;
  bar.value = 0;
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100); };
    xhr.onload = () => {
      let parsed = null;
      try { parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch { parsed = null; }
      resolve({ ok: xhr.status >= 200 && xhr.status < 300, status: xhr.status, body: parsed });
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, body: null });
    xhr.send(body);
  });
}

function uploadMessage(text, kind) {
  const box = $('upload-msg');
  box.hidden = false;
  box.className = `msg ${kind}`;
  box.textContent = text;
}

async function upload(kind, meta, file) {
  const auth = { Authorization: `Bearer ${token}`, 'Accept-Language': currentLanguage() };
  if (file.size > DIRECT_UPLOAD_BYTES) {
    /** @type {import('./shell.js').Answer<Schemas['UploadView']>} */
    const link = await call('/api/me/documents/uploads', { method: 'POST', body: { kind, metadata: meta } });
    if (!link.ok) return link;
    const put = await send('PUT', link.body.uploadUrl, file, { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': file.type || 'application/octet-stream' });
    if (!put.ok) return { ok: false, body: { detail: t('pages.upload.storageFailed') } };
    return call(`/api/me/documents/${link.body.id}/complete`, { method: 'POST', body: {} });
  }
  const data = new FormData();
  data.append('kind', kind);
  data.append('metadata', JSON.stringify(meta));
  data.append('file', file);
  const r = await send('POST', '/api/me/documents', data, { ...auth, 'Idempotency-Key': crypto.randomUUID() });
  if (r.status === 401) { await forget(); showSignIn('expired'); }
  return r;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const gap = missing();
  if (gap) { uploadMessage(t('pages.upload.missing'), 'bad'); gap.focus(); return; }
  const file = $('file').files[0];
  if (file.size > MAX_BYTES) { uploadMessage(t('pages.upload.tooLarge'), 'bad'); return; }
  const button = $('upload-submit');
  button.disabled = true;
  uploadMessage(t('pages.upload.sending'), '');
  try {
    const r = await upload($('kind').value, metadata(), file);
    if (r.ok) {
      uploadMessage(t('pages.upload.done'), 'ok');
      $('file').value = '';
      await refresh(true);
    } else if (token) {
      uploadMessage(problemText(r.body), 'bad');
    }
  } finally {
    button.disabled = false;
  }
});

// ---- language ------------------------------------------------------------------------------------------

onLanguage(async () => {
  fillUploadChoices();
  if (authMessage) message(authMessage.key, authMessage.detail);
  if (token) await refresh(true);
});

start({ active: '/graduate' }).then(begin);
