// Probes the running system (README's run command) as an attacker and as a careless client would, through the
// documented routes only: prints each case with its status and flags every 5xx, every 4xx that is not RFC 9457
// problem details, every problem not in the caller's language (Accept-Language kk/ru/en), and every double or
// loss under small bursts of identical requests. Loopback only, bounded (bodies ≤ 50 MB, bursts ≤ 20).
// Usage: node scripts/probe-hostile.mjs [base]   (scripts/probe-hostile.sh mints the tokens and runs it)
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

const BASE = new URL(process.argv[2] ?? process.env.PROBE_BASE ?? 'http://127.0.0.1:7071');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(BASE.hostname)) {
  console.error('probe-hostile: loopback only'); process.exit(2);
}
const TOK = JSON.parse(fs.readFileSync(process.env.PROBE_TOKENS, 'utf8'));
const SIGNING_KEY = process.env.PROBE_SIGNING_KEY;
const TEXTS = Object.fromEntries(['kk', 'ru', 'en'].map(l => [l, JSON.parse(fs.readFileSync(new URL(`../functions/Otrabotka.Functions/Texts/problems.${l}.json`, import.meta.url), 'utf8'))]));
const LANGS = ['kk', 'ru', 'en'];
let langTurn = 0;
const results = [];

// ---------- HTTP ----------
function send(method, path, { headers = {}, body, lang, chunked = false } = {}) {
  return new Promise(resolve => {
    const h = { ...headers };
    if (lang) h['Accept-Language'] = lang;
    if (body !== undefined && !chunked) h['Content-Length'] = Buffer.byteLength(body);
    if (chunked) h['Transfer-Encoding'] = 'chunked';
    let answered = null;
    const req = http.request({ host: BASE.hostname, port: BASE.port, method, path, headers: h, timeout: 120000 }, res => {
      const parts = [];
      answered = { status: res.statusCode, headers: res.headers, text: '' };
      res.on('data', c => parts.push(c));
      res.on('end', () => resolve({ ...answered, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', () => resolve({ ...answered, text: Buffer.concat(parts).toString('utf8') }));
    });
    // A server that answers early (413) and closes makes our write fail: keep its answer if it came.
    req.on('error', e => setTimeout(() => resolve(answered ?? { status: 0, headers: {}, text: String(e) }), 300));
    req.on('timeout', () => { req.destroy(new Error('timeout')); });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (token, obj, extra = {}) => ({ headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}), 'Content-Type': 'application/json', ...extra }, body: typeof obj === 'string' || Buffer.isBuffer(obj) ? obj : JSON.stringify(obj) });
const auth = (token, extra = {}) => ({ headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}), ...extra } });

// ---------- checks ----------
const hasCyrillic = s => /[\u0400-\u04FF]/.test(s ?? '');
const hasKazakh = s => /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/.test(s ?? '');
const startsLatin = s => /^[\s"'«(]*[A-Za-z]/.test(s ?? '');

function languageIssue(problem, lang) {
  lang = LANGS.includes(lang) ? lang : (lang === 'en;q=0.1,ru;q=0.9' ? 'ru' : 'kk');
  const expected = TEXTS[lang][`problems.title.${problem.status}`] ?? TEXTS[lang]['problems.title.other'];
  const issues = [];
  if (problem.title !== expected) issues.push(`title "${problem.title}" not the ${lang} title`);
  const texts = [problem.detail, ...(problem.errors ?? []).map(e => e.detail)].filter(t => typeof t === 'string' && t.length > 0);
  for (const t of texts) {
    if (lang === 'en' && !startsLatin(t)) issues.push(`detail not English: ${t.slice(0, 60)}`);
    if (lang !== 'en' && !hasCyrillic(t)) issues.push(`detail not ${lang}: ${t.slice(0, 60)}`);
    if (lang === 'ru' && hasKazakh(t)) issues.push(`detail Kazakh under ru: ${t.slice(0, 60)}`);
  }
  return issues;
}

/** One case: send, classify, record. expect: list of acceptable statuses (optional; a mismatch is noted, not flagged). */
async function probe(name, method, path, opts = {}, expect = null) {
  const lang = opts.lang ?? LANGS[langTurn++ % 3];
  const res = await send(method, path, { ...opts, lang });
  const flags = [];
  if (res.status === 0) flags.push('NO-ANSWER ' + res.text);
  // Kestrel itself refuses a NUL in the path (400) and headers past 32 KB (431) before any app code runs.
  const serverLevel = res.status === 431 || (res.status === 400 && path.includes('%00') && !res.headers['content-type']);
  if (res.status >= 500) flags.push('5XX');
  if (res.status >= 400 && res.status < 500 && !path.startsWith('/dev/')) {
    const ct = String(res.headers['content-type'] ?? '');
    let problem = null;
    try { problem = JSON.parse(res.text); } catch { /* not JSON */ }
    if (!ct.startsWith('application/problem+json') || !problem || typeof problem.code !== 'string' || problem.status !== res.status) {
      flags.push(serverLevel ? 'NOT-PROBLEM (server-level)' : 'NOT-PROBLEM');
    } else {
      for (const issue of languageIssue(problem, lang)) flags.push('LANG ' + issue);
    }
  }
  if (expect && !expect.includes(res.status)) flags.push(`UNEXPECTED (wanted ${expect.join('/')})`);
  const code = (() => { try { return JSON.parse(res.text).code ?? ''; } catch { return ''; } })();
  results.push({ name, status: res.status, flags });
  console.log(`${flags.length ? '!!' : 'ok'} ${String(res.status).padEnd(3)} ${lang} ${name}${code ? ' [' + code + ']' : ''}${flags.length ? '  <- ' + flags.join('; ') : ''}`);
  return res;
}

function note(name, ok, detail = '') {
  results.push({ name, status: ok ? 'ok' : 'bad', flags: ok ? [] : ['INVARIANT ' + detail] });
  console.log(`${ok ? 'ok' : '!!'} --- ${name}${detail ? ': ' + detail : ''}`);
}

// ---------- data ----------
function checkDigit(first11) {
  const d = [...first11].map(Number);
  let s = d.reduce((a, x, i) => a + x * (i + 1), 0) % 11;
  if (s === 10) s = d.reduce((a, x, i) => a + x * (((i + 2) % 11) + 1), 0) % 11;
  return s === 10 ? -1 : s;
}
const usedIins = new Set();
function iin() {
  for (;;) {
    const y = 90 + crypto.randomInt(0, 9), m = 1 + crypto.randomInt(0, 12), dd = 1 + crypto.randomInt(0, 28);
    const first = `${y}${String(m).padStart(2, '0')}${String(dd).padStart(2, '0')}3${String(crypto.randomInt(0, 10000)).padStart(4, '0')}`;
    const c = checkDigit(first);
    if (c >= 0 && !usedIins.has(first + c)) {
      usedIins.add(first + c);
      return first + c;
    }
  }
}
function bin() {
  for (;;) {
    const first = '1405400' + String(crypto.randomInt(0, 10000)).padStart(4, '0');
    const c = checkDigit(first);
    if (c >= 0) return first + c;
  }
}
const wrongCheck = v => v.slice(0, 11) + String((Number(v[11]) + 1) % 10);

function pdf(text = crypto.randomUUID()) {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ];
  const stream = `BT /F1 12 Tf 50 700 Td (Anyqtama ${text}) Tj ET`;
  objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  objs.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offs = [];
  objs.forEach((o, i) => { offs.push(out.length); out += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offs.map(o => String(o).padStart(10, '0') + ' 00000 n \n').join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function multipart(parts) {
  const boundary = '----probe' + crypto.randomUUID();
  const chunks = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

const employment = (over = {}) => ({
  employerBin: '140540000015', employerName: 'Ақсу мектебі', employerEmail: `hr-${crypto.randomUUID().slice(0, 8)}@aksu-school.kz`,
  organisationKind: 'education', ownership: 'state', region: 'akmola', settlementType: 'village', position: 'мұғалім', startDate: '2025-09-01', ...over,
});

function upload(token, { kind = 'employment-confirmation', metadata = employment(), file = pdf(), filename = 'proof.pdf', key, extraParts = [], skipFile = false } = {}) {
  const parts = [{ name: 'kind', value: kind }, { name: 'metadata', value: typeof metadata === 'string' ? metadata : JSON.stringify(metadata) }];
  if (!skipFile) parts.push({ name: 'file', filename, type: 'application/pdf', value: file });
  parts.push(...extraParts);
  const mp = multipart(parts);
  return { headers: { Authorization: 'Bearer ' + token, 'Content-Type': mp.type, ...(key ? { 'Idempotency-Key': key } : {}) }, body: mp.body };
}

const registration = (over = {}) => ({
  iin: iin(), fullName: 'Айгерім Сапарова', email: `g-${crypto.randomUUID().slice(0, 8)}@example.kz`, language: 'kk',
  category: 'rural-quota', level: 'bachelor', specialtyGroup: 'pedagogical', graduationDate: '2025-06-20',
  admissionYear: 2021, budgetCost: 3600000, university: 'ЕҰУ', ...over,
});

// ---------- tokens ----------
const b64u = b => Buffer.from(b).toString('base64url');
function forge(payload, { alg = 'HS256', key = SIGNING_KEY } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { aud: 'otrabotka', iss: 'otrabotka-local', iat: now, nbf: now, exp: now + 3600, ...payload };
  const head = b64u(JSON.stringify({ alg, typ: 'JWT' })) + '.' + b64u(JSON.stringify(claims));
  if (alg === 'none') return head + '.';
  return head + '.' + crypto.createHmac('sha256', key).update(head).digest('base64url');
}

async function mailsTo(address) {
  const r = await send('GET', '/dev/mail?to=' + encodeURIComponent(address));
  try { return JSON.parse(r.text); } catch { return []; }
}
const sleep = ms => new Promise(r => setTimeout(r, ms));
async function employerLinkToken(address) {
  for (let i = 0; i < 60; i++) {
    const mails = await mailsTo(address);
    const text = mails[0]?.text ?? mails[0]?.Text ?? '';
    const at = text.indexOf('#t=');
    if (at >= 0) return text.slice(at + 3).split(/\s/)[0];
    await sleep(500);
  }
  return null;
}

async function freshToken() {
  return (await registerGraduate()).token;
}

async function registerGraduate(over = {}) {
  const body = registration(over);
  const r = await send('POST', '/api/graduates', { ...json(TOK.operator, body), lang: 'en' });
  const id = JSON.parse(r.text).graduateId;
  const token = forge({ sub: body.iin, roles: ['graduate'] });
  return { id, iin: body.iin, token, body };
}

// ---------- cases ----------
async function main() {
  const OP = TOK.operator;
  const SUP = TOK.supervisor;

  // Graduates A and B registered with IINs the shell minted tokens for.
  const iins = Object.keys(TOK.graduates);
  const A = await registerGraduate({ iin: iins[0] });
  const B = await registerGraduate({ iin: iins[1] });
  const GA = A.token, GB = B.token;
  console.log(`registered A=${A.id} B=${B.id}`);

  // --- tokens ---
  const tokenCases = {
    none: undefined,
    garbage: 'not.a.jwt',
    empty: '',
    expired: TOK.expired,
    'wrong audience': forge({ aud: 'someone-else', sub: 'operator', roles: ['operator'] }),
    'wrong issuer': forge({ iss: 'evil', sub: 'operator', roles: ['operator'] }),
    'alg none': forge({ sub: 'operator', roles: ['operator'] }, { alg: 'none' }),
    'wrong key': forge({ sub: 'operator', roles: ['operator'] }, { key: 'x'.repeat(64) }),
    'far-future nbf': forge({ sub: 'operator', roles: ['operator'], nbf: 4102444800, iat: 4102444800, exp: 4102448400 }),
    'graduate as operator': GA,
    'operator as graduate': OP,
    'supervisor on operator route': SUP,
    'role string not array': forge({ sub: 'operator', roles: 'operator' }),
    'graduate sub not an IIN': forge({ sub: '../../etc/passwd', roles: ['graduate'] }),
    'graduate sub unknown IIN': forge({ sub: iin(), roles: ['graduate'] }),
    'graduate sub wrong check digit': forge({ sub: wrongCheck(A.iin), roles: ['graduate'] }),
    'huge token': 'a'.repeat(60000),
  };
  for (const [what, token] of Object.entries(tokenCases)) {
    const valid = { 'graduate as operator': ['me'], 'operator as graduate': ['op'], 'role string not array': ['op'], 'supervisor on operator route': [] }[what] ?? [];
    await probe(`token ${what}: GET /api/me`, 'GET', '/api/me', auth(token), valid.includes('me') ? [200] : [401, 403, 404, 431]);
    await probe(`token ${what}: GET /api/operator/graduates`, 'GET', '/api/operator/graduates', auth(token), valid.includes('op') ? [200, 400] : [200, 401, 403, 431].filter(x => x !== 200 || what === 'supervisor on operator route'));
    await probe(`token ${what}: POST /api/graduates`, 'POST', '/api/graduates', json(token, registration()), valid.includes('op') ? [201] : [401, 403, 431]);
  }
  await probe('Bearer scheme lower-case', 'GET', '/api/me', { headers: { Authorization: 'bearer ' + GA } });
  await probe('Basic scheme', 'GET', '/api/me', { headers: { Authorization: 'Basic ' + b64u('a:b') } }, [401]);
  await probe('two Authorization headers', 'GET', '/api/me', { headers: { Authorization: ['Bearer ' + GA, 'Bearer ' + GB] } });

  // --- JSON bodies on every JSON route ---
  const jsonRoutes = [
    ['POST', '/api/graduates', OP], ['POST', '/api/graduates/search', OP], ['PATCH', '/api/me', GA],
    ['POST', '/api/me/documents/uploads', GA], ['POST', '/api/check', null], ['POST', '/api/confirmations/view', null],
    ['POST', '/api/confirmations/decision', null], ['POST', '/api/reminders/run', OP],
    ['POST', `/api/graduates/${A.id}/exemptions`, OP], ['POST', `/api/graduates/${A.id}/default`, OP],
    ['PATCH', `/api/operator/graduates/${A.id}`, OP], ['PUT', `/api/graduates/${A.id}/feed-consent`, OP],
    ['PUT', '/api/employer-registry/140540000015', OP], ['POST', '/api/employer-registry/imports/json', OP],
    ['POST', '/api/review/documents/nope/decision', OP], ['POST', '/api/me/documents/nope/contest', GA],
  ];
  const badBodies = {
    'malformed JSON': '{"a":',
    'empty body': '',
    'JSON null': 'null',
    'JSON array': '[1,2]',
    'JSON string': '"x"',
    'deep nesting': '['.repeat(5000) + ']'.repeat(5000),
    'deep object nesting': '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
    'BOM + object': '\uFEFF{}',
    'duplicate keys': '{"date":"2025-01-01","date":"2025-01-02","iin":"1","iin":"2"}',
    'NUL and controls': JSON.stringify({ iin: '\u0000\u0001\u001f', fullName: '\u202e\u0000x', note: '\u0007', date: '\u0000', token: '\u0000' }),
    'numbers out of range': '{"admissionYear":1e400,"budgetCost":-1e308,"grantMonths":99999999999999999999,"disabilityGroup":-2147483649}',
    'wrong types': '{"iin":12,"fullName":["a"],"email":{},"date":true,"token":5,"decision":1,"note":{},"changes":"x","reason":7,"consent":[] }',
    '200 KB body': JSON.stringify({ note: 'x'.repeat(200000) }),
  };
  for (const [method, path, token] of jsonRoutes) {
    for (const [what, body] of Object.entries(badBodies)) {
      await probe(`${what}: ${method} ${path}`, method, path, json(token, body), null);
    }
    await probe(`text/plain: ${method} ${path}`, method, path, { headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}), 'Content-Type': 'text/plain' }, body: '{}' }, [400, 401, 403, 404, 415, 429]);
    await probe(`no content type: ${method} ${path}`, method, path, { headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}) }, body: '{}' }, null);
    await probe(`chunked 70 KB: ${method} ${path}`, method, path, { headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}), 'Content-Type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(70000) }), chunked: true }, null);
  }

  // --- registration fields ---
  const regCases = {
    'IIN wrong check digit': { iin: wrongCheck(iin()) },
    'IIN 11 digits': { iin: '90010130001' },
    'IIN with letters': { iin: '90010130001X' },
    'IIN Arabic-Indic digits': { iin: '٩٠٠١٠١٣٠٠٠١٧' },
    'IIN fullwidth digits': { iin: '９００１０１３０００１７' },
    'IIN bad date 991399': { iin: (() => { const f = '99139930001'; return f + Math.max(checkDigit(f), 0); })() },
    'name 10k chars': { fullName: 'А'.repeat(10000) },
    'name controls/RTL': { fullName: 'Ай\u0000гер\u202eім\u0007' },
    'name emoji + ZWJ': { fullName: '👩‍👩‍👧‍👦'.repeat(50) },
    'email no at': { email: 'nobody' },
    'email header injection': { email: 'a@b.kz\r\nBcc: x@evil.kz' },
    'email 300 chars': { email: 'a'.repeat(290) + '@example.kz' },
    'graduation 0001-01-01': { graduationDate: '0001-01-01' },
    'graduation 9999-12-31': { graduationDate: '9999-12-31' },
    'graduation 2025-02-30': { graduationDate: '2025-02-30' },
    'graduation with time': { graduationDate: '2025-06-20T00:00:00Z' },
    'admissionYear 0': { admissionYear: 0 },
    'admissionYear negative': { admissionYear: -2021 },
    'admissionYear after graduation': { admissionYear: 2030 },
    'admissionYear 1.5': { admissionYear: 2021.5 },
    'budgetCost negative': { budgetCost: -1 },
    'budgetCost zero': { budgetCost: 0 },
    'budgetCost 1e28': { budgetCost: 1e28 },
    'budgetCost string': { budgetCost: '3600000' },
    'grantMonths 0': { grantMonths: 0 },
    'grantMonths negative': { grantMonths: -5 },
    'normativeMonths huge': { normativeMonths: 2147483647 },
    'grantMonths > normative': { grantMonths: 100, normativeMonths: 48 },
    'unknown category': { category: 'astronaut' },
    'category wrong case': { category: 'Rural-Quota' },
    'language xx': { language: 'xx' },
    'feedConsent 999': { feedConsent: '999' },
    'university 100k': { university: 'У'.repeat(100000) },
    'extra unknown field': { isAdmin: true },
  };
  for (const [what, over] of Object.entries(regCases)) {
    await probe(`register ${what}`, 'POST', '/api/graduates', json(OP, registration(over)), [400, 409, 413, 422, 201]);
  }
  for (const field of ['iin', 'fullName', 'email', 'category', 'graduationDate', 'budgetCost', 'university']) {
    const body = registration(); delete body[field];
    await probe(`register missing ${field}`, 'POST', '/api/graduates', json(OP, body), [400, 422]);
    const nulled = registration({ [field]: null });
    await probe(`register null ${field}`, 'POST', '/api/graduates', json(OP, nulled), [400, 422]);
  }

  // --- ids: unknown, traversal, IDOR ---
  const ids = ['nope', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', 'a%00b', "'%20OR%201=1--", 'x'.repeat(1500), '%F0%9F%98%80', A.iin, '%20', 'live%7Cprofile', "PartitionKey%20eq%20'x'", '%25', '..', '~'];
  for (const id of ids) {
    await probe(`id ${id.slice(0, 30)}: GET /api/graduates/{id}`, 'GET', `/api/graduates/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/graduates/{id}/obligation`, 'GET', `/api/graduates/${id}/obligation`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/operator/graduates/{id}`, 'GET', `/api/operator/graduates/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/me/documents/{id}`, 'GET', `/api/me/documents/${id}`, auth(GA), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: POST /api/me/documents/{id}/withdraw`, 'POST', `/api/me/documents/${id}/withdraw`, auth(GA), [400, 404, 409, 414]);
    await probe(`id ${id.slice(0, 30)}: POST /api/me/documents/{id}/complete`, 'POST', `/api/me/documents/${id}/complete`, auth(GA), [400, 404, 409, 414]);
    await probe(`id ${id.slice(0, 30)}: POST /api/me/documents/{id}/employer-link`, 'POST', `/api/me/documents/${id}/employer-link`, auth(GA), [400, 404, 409, 414, 429]);
    await probe(`id ${id.slice(0, 30)}: GET /api/review/documents/{id}`, 'GET', `/api/review/documents/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: POST review decision`, 'POST', `/api/review/documents/${id}/decision`, json(OP, { decision: 'approve' }), [400, 404, 409, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/imports/{id}`, 'GET', `/api/imports/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/feed/imports/{id}`, 'GET', `/api/feed/imports/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/reminders/runs/{id}`, 'GET', `/api/reminders/runs/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/operator/resync/{id}`, 'GET', `/api/operator/resync/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: POST notification resend`, 'POST', `/api/notifications/failed/${id}/resend`, auth(OP), [400, 404, 409, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/employer-registry/{bin}`, 'GET', `/api/employer-registry/${id}`, auth(OP), [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /api/docs/{file}`, 'GET', `/api/docs/${id}`, {}, [400, 404, 414]);
    await probe(`id ${id.slice(0, 30)}: GET /assets/{file}`, 'GET', `/assets/${id}`, {}, [400, 404, 414]);
  }

  // --- uploads (multipart) ---
  await probe('upload valid (A)', 'POST', '/api/me/documents', upload(await freshToken()), [202]);
  await probe('upload no file part', 'POST', '/api/me/documents', upload(await freshToken(), { skipFile: true }), [400, 422]);
  await probe('upload two file parts', 'POST', '/api/me/documents', upload(await freshToken(), { extraParts: [{ name: 'file', filename: 'b.pdf', type: 'application/pdf', value: pdf() }] }), [400]);
  await probe('upload two kind parts', 'POST', '/api/me/documents', upload(await freshToken(), { extraParts: [{ name: 'kind', value: 'exemption-proof' }] }), [400]);
  await probe('upload non-PDF named .pdf', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.from('MZ\x90\x00 this is an exe'.repeat(100)) }), [400, 415, 422]);
  await probe('upload empty file', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.alloc(0) }), [400, 422]);
  await probe('upload PDF header only', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.from('%PDF-1.7\n') }), [400, 422]);
  await probe('upload PDF truncated', 'POST', '/api/me/documents', upload(await freshToken(), { file: pdf().subarray(0, 200) }), [400, 422, 202]);
  await probe('upload PDF no xref', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF') }), [400, 422, 202]);
  await probe('upload PDF circular refs', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF') }), [400, 422, 202]);
  await probe('upload PDF with /Encrypt in text', 'POST', '/api/me/documents', upload(await freshToken(), { file: pdf('/Encrypt this text') }), [202]);
  await probe('upload PDF with JavaScript', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.from(pdf().toString('latin1').replace('<< /Type /Catalog', '<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>'), 'latin1') }), [400, 422]);
  await probe('upload PDF + ZIP tail', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.concat([pdf(), Buffer.from('PK\x03\x04' + 'z'.repeat(200))]) }), [400, 422]);
  await probe('upload 21 MB', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.concat([pdf(), Buffer.alloc(21 * 1024 * 1024, 32)]) }), [400, 413, 422]);
  await probe('upload 45 MB body', 'POST', '/api/me/documents', upload(await freshToken(), { file: Buffer.alloc(45 * 1024 * 1024, 65) }), [400, 413, 422]);
  await probe('upload filename traversal', 'POST', '/api/me/documents', upload(await freshToken(), { filename: '../../../etc/passwd.pdf' }), [202, 400]);
  await probe('upload metadata malformed', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: '{"employerBin":' }), [400, 422]);
  await probe('upload metadata array', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: '[]' }), [400, 422]);
  await probe('upload metadata lone surrogate', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: '{"employerName":"\\ud800"}' }), [400, 422]);
  await probe('upload kind unknown', 'POST', '/api/me/documents', upload(await freshToken(), { kind: 'diploma' }), [400, 422]);
  await probe('upload kind empty', 'POST', '/api/me/documents', upload(await freshToken(), { kind: '' }), [400, 422]);
  await probe('upload BIN wrong check digit', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ employerBin: wrongCheck('140540000015') }) }), [400, 422]);
  await probe('upload BIN all zeros', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ employerBin: '000000000000' }) }), [400, 422, 202]);
  await probe('upload start 0001-01-01', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ startDate: '0001-01-01' }) }), [400, 422]);
  await probe('upload start 9999-12-31', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ startDate: '9999-12-31' }) }), [400, 422]);
  await probe('upload end before start', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ endDate: '2025-01-01' }) }), [400, 422]);
  await probe('upload end 9999-12-31', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ endDate: '9999-12-31' }) }), [202, 400, 422]);
  await probe('upload start negative year', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ startDate: '-2025-09-01' }) }), [400, 422]);
  await probe('upload employerEmail CRLF', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ employerEmail: 'hr@aksu.kz\r\nBcc: a@evil.kz' }) }), [400, 422]);
  await probe('upload employerName 10k', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ employerName: 'Ә'.repeat(10000) }) }), [400, 422]);
  await probe('upload employerName http link', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ employerName: 'http://evil.example/x' }) }), [202, 400, 422]);
  await probe('upload position controls', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ position: '\u0000\u202e\u0008' }) }), [202, 400, 422]);
  await probe('upload region unknown', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ region: 'mars' }) }), [400, 422]);
  await probe('upload organisationKinds wrong type', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ organisationKinds: 'education' }) }), [400, 422]);
  await probe('upload organisationKinds 10k items', 'POST', '/api/me/documents', upload(await freshToken(), { metadata: employment({ organisationKinds: Array(10000).fill('education') }) }), [202, 400, 422]);
  await probe('upload not multipart (JSON)', 'POST', '/api/me/documents', json(GA, {}), [415]);
  await probe('upload multipart without boundary', 'POST', '/api/me/documents', { headers: { Authorization: 'Bearer ' + GA, 'Content-Type': 'multipart/form-data' }, body: 'x' }, [400, 415]);
  await probe('upload multipart broken', 'POST', '/api/me/documents', { headers: { Authorization: 'Bearer ' + GA, 'Content-Type': 'multipart/form-data; boundary=abc' }, body: '--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF' }, [400]);
  await probe('upload urlencoded form', 'POST', '/api/me/documents', { headers: { Authorization: 'Bearer ' + GA, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'kind=employment-confirmation&metadata=%7B%7D' }, [400, 415, 422]);
  await probe('upload Idempotency-Key 5k chars', 'POST', '/api/me/documents', upload(await freshToken(), { key: 'k'.repeat(5000) }), [202, 400]);
  await probe('upload Idempotency-Key controls', 'POST', '/api/me/documents', upload(await freshToken(), { key: 'a/b\\c#d?e' }), [202, 400]);
  for (const [kind, meta] of [
    ['exemption-proof', { ground: 'disability-1-2', commissionDecisionDate: '9999-12-31', disabilityGroup: 7 }],
    ['exemption-proof', { ground: 'pregnancy-or-child-under-3', commissionDecisionDate: '2025-01-01', childBirthDate: '0001-01-01' }],
    ['exemption-proof', { ground: 'nope', commissionDecisionDate: '2025-01-01' }],
    ['deferral-proof', { ground: 'x', from: '2025-13-01' }],
    ['unemployment-registration', { registeredOn: '-1' }],
    ['employment-end', { endDate: '0000-00-00' }],
    ['deferral-proof', { serviceStart: '0001-01-01', serviceEnd: '0001-01-01' }],
    ['deferral-proof', { serviceStart: '2025-07-01', serviceEnd: '9999-12-31' }],
    ['unemployment-registration', { referralDate: '9999-12-31', registeredFrom: '9999-12-31', registeredTo: '9999-12-31' }],
    ['employment-end', { endDate: '9999-12-31' }],
  ]) {
    await probe(`upload ${kind} odd metadata ${JSON.stringify(meta).slice(0, 50)}`, 'POST', '/api/me/documents', upload(await freshToken(), { kind, metadata: meta }), [202, 400, 422]);
  }
  // SAS route
  await probe('SAS upload request with 10 GB declared size', 'POST', '/api/me/documents/uploads', json(GA, { kind: 'employment-confirmation', metadata: employment(), size: 1e10 }), null);
  await probe('SAS upload request metadata string', 'POST', '/api/me/documents/uploads', json(GA, { kind: 'employment-confirmation', metadata: 'x' }), [400, 422]);

  // --- idempotency: same key, different bodies; IDOR on documents ---
  const key = crypto.randomUUID();
  const I = await freshToken();
  const first = await probe('idem: first upload', 'POST', '/api/me/documents', upload(I, { key }), [202]);
  await probe('idem: same key same body again', 'POST', '/api/me/documents', { ...upload(I, { key }) }, [202, 409, 422]);
  await probe('idem: same key different body', 'POST', '/api/me/documents', upload(I, { key, metadata: employment({ position: 'директор' }) }), [409, 422]);
  await probe('idem: same key other graduate', 'POST', '/api/me/documents', upload(GB, { key }), [202]);
  const docA = (() => { try { return JSON.parse(first.text).id; } catch { return null; } })();
  if (docA) {
    await probe('IDOR: B reads A document', 'GET', `/api/me/documents/${docA}`, auth(GB), [404, 403]);
    await probe('IDOR: B withdraws A document', 'POST', `/api/me/documents/${docA}/withdraw`, auth(GB), [404, 403]);
    await probe('IDOR: B re-sends A employer link', 'POST', `/api/me/documents/${docA}/employer-link`, auth(GB), [404, 403, 429]);
    await probe('IDOR: B contests A document', 'POST', `/api/me/documents/${docA}/contest`, json(GB, { note: 'x' }), [404, 403]);
    await probe('IDOR: B completes A document', 'POST', `/api/me/documents/${docA}/complete`, auth(GB), [404, 403, 409]);
    await probe('IDOR: graduate reads review doc', 'GET', `/api/review/documents/${docA}`, auth(GA), [401, 403]);
    await probe('IDOR: graduate reads operator graduate', 'GET', `/api/graduates/${B.id}`, auth(GA), [401, 403]);
  }

  // --- paging, continuation tokens ---
  for (const q of ['pageSize=0', 'pageSize=-1', 'pageSize=100000', 'pageSize=abc', 'pageSize=1e3', 'pageSize=2147483648', 'continuationToken=forged', 'continuationToken=' + b64u('{"pk":"x","rk":"y"}'), 'continuationToken=' + 'A'.repeat(5000), 'continuationToken=%00', 'q=' + encodeURIComponent('*'), 'q=' + 'a'.repeat(3000), 'category=nope', 'status=nope', 'region=%00', 'pageSize=1&pageSize=2']) {
    await probe(`GET /api/operator/graduates?${q.slice(0, 40)}`, 'GET', '/api/operator/graduates?' + q, auth(OP), [200, 400]);
    await probe(`GET /api/operator/audit?${q.slice(0, 40)}`, 'GET', '/api/operator/audit?' + q, auth(SUP), [200, 400]);
    await probe(`GET /api/review/documents?${q.slice(0, 40)}`, 'GET', '/api/review/documents?' + q, auth(OP), [200, 400]);
    await probe(`GET /api/notifications/failed?${q.slice(0, 40)}`, 'GET', '/api/notifications/failed?' + q, auth(OP), [200, 400]);
  }
  for (const q of ['date=2025-02-30', 'date=0001-01-01', 'date=9999-12-31', 'graduateId=../x', 'waitingDays=-1', 'waitingDays=99999999999', 'check=nope', 'kind=nope']) {
    await probe(`GET /api/operator/audit?${q}`, 'GET', '/api/operator/audit?' + q, auth(SUP), [200, 400]);
    await probe(`GET /api/review/documents?${q}`, 'GET', '/api/review/documents?' + q, auth(OP), [200, 400]);
  }
  await probe('search forged continuation', 'POST', '/api/graduates/search', json(OP, { name: 'Айгерім', continuationToken: 'forged!!' }), [200, 400]);
  await probe('search continuation 100k', 'POST', '/api/graduates/search', json(OP, { name: 'a', continuationToken: 'Q'.repeat(60000) }), [200, 400, 413]);
  await probe('search name only spaces', 'POST', '/api/graduates/search', json(OP, { name: '   ' }), [200, 400]);
  await probe('search iin partial', 'POST', '/api/graduates/search', json(OP, { iin: '9' }), [200, 400]);

  // --- reminders ---
  for (const date of ['0001-01-01', '9999-12-31', '2025-02-30', '', '2025-1-1', '20251001', null, 12]) {
    await probe(`reminders date ${JSON.stringify(date)}`, 'POST', '/api/reminders/run', json(OP, { date }), [200, 202, 400, 422]);
  }
  await probe('reminders as graduate', 'POST', '/api/reminders/run', json(GA, { date: '2025-10-01' }), [401, 403]);

  // --- exemptions / default / correction / consent ---
  for (const meta of [{ ground: 'spouse-no-vacancy', commissionDecisionDate: '0001-01-01' }, { ground: 'disability-1-2', commissionDecisionDate: '2025-01-01', disabilityGroup: 0 }, { ground: 'further-study', commissionDecisionDate: '2025-01-01', studyLevel: 'x' }, { ground: 'pregnancy-or-child-under-3', commissionDecisionDate: '9999-12-31', childBirthDate: '9999-12-31' }]) {
    await probe(`exemption ${JSON.stringify(meta).slice(0, 60)}`, 'POST', `/api/graduates/${A.id}/exemptions`, json(OP, meta), [200, 201, 400, 409, 422]);
  }
  await probe('default asOf 0001-01-01', 'POST', `/api/graduates/${B.id}/default`, json(OP, { asOf: '0001-01-01', note: 'x' }), [400, 409, 422]);
  await probe('default asOf 9999-12-31', 'POST', `/api/graduates/${B.id}/default`, json(OP, { asOf: '9999-12-31', note: 'x' }), [400, 409, 422]);
  await probe('default note 100k', 'POST', `/api/graduates/${B.id}/default`, json(OP, { asOf: '2025-10-01', note: 'x'.repeat(60000) }), [400, 413, 422]);
  await probe('correction empty changes', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: {}, reason: 'r' }), [400, 422, 428]);
  await probe('correction If-Match forged', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { fullName: 'X' }, reason: 'r' }, { 'If-Match': '"forged"' }), [400, 409, 412, 428]);
  await probe('correction If-Match garbage', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { fullName: 'X' }, reason: 'r' }, { 'If-Match': 'W/"' + 'a'.repeat(3000) }), [400, 409, 412, 428]);
  await probe('correction unknown change field', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { iin: '1' }, reason: 'r' }), [400, 422, 428]);
  await probe('correction graduationDate 9999', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { graduationDate: '9999-12-31' }, reason: 'r' }, { 'If-Match': '*' }), [400, 412, 422, 428]);
  await probe('correction budgetCost -1', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { budgetCost: -1 }, reason: 'r' }, { 'If-Match': '*' }), [400, 412, 422, 428]);
  await probe('correction admissionYear 0', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: { admissionYear: 0 }, reason: 'r' }, { 'If-Match': '*' }), [400, 412, 422, 428]);
  await probe('correction changes null', 'PATCH', `/api/operator/graduates/${B.id}`, json(OP, { changes: null, reason: 'r' }), [400, 422, 428]);
  await probe('consent 511', 'PUT', `/api/graduates/${B.id}/feed-consent`, json(OP, { consent: '511' }), [200]);
  await probe('consent number', 'PUT', `/api/graduates/${B.id}/feed-consent`, json(OP, { consent: 511 }), [200, 400]);
  await probe('PATCH /api/me email CRLF', 'PATCH', '/api/me', json(GA, { email: 'x@y.kz\r\nBcc: e@evil.kz' }, {}), [400, 422]);
  await probe('PATCH /api/me language xx', 'PATCH', '/api/me', { headers: { Authorization: 'Bearer ' + GA, 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ language: 'xx' }) }, [400, 422]);
  await probe('PATCH /api/me email null', 'PATCH', '/api/me', json(GA, { email: null }), [400, 422, 200]);

  // --- registry ---
  for (const b of ['140540000015', wrongCheck('140540000015'), '000000000000', '1405400000', 'abcdefghijkl']) {
    await probe(`registry PUT ${b} junk`, 'PUT', `/api/employer-registry/${b}`, json(OP, { name: 'Ә'.repeat(5000), organisationKinds: ['nope'], emailDomains: ['..', '@', 'a'.repeat(300)], asOf: '9999-12-31' }), [200, 400, 422]);
  }
  await probe('registry JSON 5k entries bad', 'POST', '/api/employer-registry/imports/json', json(OP, JSON.stringify(Array(200).fill({ bin: '1' }))), [202, 400, 413]);
  await probe('registry JSON not array', 'POST', '/api/employer-registry/imports/json', json(OP, '{"bin":"1"}'), [400, 422]);

  // --- check (public) ---
  await probe('check all unknown', 'POST', '/api/check', json(null, { category: 'x', level: 'y', specialtyGroup: 'z', ownership: 'q', region: 'w', settlementType: 'e' }), [400, 422, 429]);
  await probe('check dates far', 'POST', '/api/check', json(null, { category: 'rural-quota', level: 'bachelor', specialtyGroup: 'pedagogical', ownership: 'state', region: 'astana', settlementType: 'village', organisationKind: 'education', graduationDate: '9999-12-31', admissionYear: -5, startDate: '0001-01-01', employerBin: wrongCheck('140540000015') }), [200, 400, 422, 429]);

  // --- employer link ---
  const email = `hr-${crypto.randomUUID().slice(0, 8)}@aksu-school.kz`;
  const linkDoc = await probe('employer: upload for link', 'POST', '/api/me/documents', upload(GB, { metadata: employment({ employerEmail: email }) }), [202]);
  const t = await employerLinkToken(email);
  note('employer link mailed', !!t);
  if (t) {
    const tampered = t.slice(0, -3) + (t.endsWith('A') ? 'BBB' : 'AAA');
    await probe('employer view tampered', 'POST', '/api/confirmations/view', json(null, { token: tampered }), [400, 401, 403, 404, 410]);
    await probe('employer view truncated', 'POST', '/api/confirmations/view', json(null, { token: t.slice(0, 20) }), [400, 401, 403, 404, 410]);
    await probe('employer view empty token', 'POST', '/api/confirmations/view', json(null, { token: '' }), [400, 401, 403, 404, 410]);
    await probe('employer view op token as link', 'POST', '/api/confirmations/view', json(null, { token: OP }), [400, 401, 403, 404, 410]);
    await probe('employer view ok', 'POST', '/api/confirmations/view', json(null, { token: t }), [200]);
    await probe('employer decision unknown', 'POST', '/api/confirmations/decision', json(null, { token: t, decision: 'maybe', confirmerName: 'A', confirmerPosition: 'B' }), [400, 422]);
    await probe('employer decision no name', 'POST', '/api/confirmations/decision', json(null, { token: t, decision: 'confirm', confirmerName: '', confirmerPosition: '' }), [400, 422]);
    await probe('employer decision 10k name', 'POST', '/api/confirmations/decision', json(null, { token: t, decision: 'confirm', confirmerName: 'Ә'.repeat(10000), confirmerPosition: 'B' }), [400, 422]);
    // Burst: the same confirmation 20 times at once.
    const burst = await Promise.all(Array.from({ length: 20 }, () => send('POST', '/api/confirmations/decision', { ...json(null, { token: t, decision: 'confirm', confirmerName: 'Ерлан Ахметов', confirmerPosition: 'директор' }), lang: 'ru' })));
    const statuses = burst.map(r => r.status);
    note('burst: 20 identical confirmations, no 5xx', statuses.every(s => s < 500), statuses.join(','));
    const okCount = statuses.filter(s => s === 200).length;
    note('burst: confirmations answered', true, `200×${okCount}, others ${statuses.filter(s => s !== 200).join(',')}`);
    for (const r of burst.filter(r => r.status >= 400 && r.status < 500).slice(0, 1)) {
      let p = null; try { p = JSON.parse(r.text); } catch { /* */ }
      note('burst: refusal is a ru problem', !!p && r.headers['content-type']?.startsWith('application/problem+json') && languageIssue(p, 'ru').length === 0, r.text.slice(0, 200));
    }
    await probe('employer decision again (repeated link)', 'POST', '/api/confirmations/decision', json(null, { token: t, decision: 'decline', confirmerName: 'A', confirmerPosition: 'B' }), [200, 409, 410]);
    await sleep(3000);
    const docs = JSON.parse((await send('GET', '/api/me/documents', auth(GB))).text);
    const list = Array.isArray(docs) ? docs : (docs.items ?? docs.documents ?? []);
    const docId = JSON.parse(linkDoc.text).id;
    const d = list.find(x => x.id === docId);
    note('burst: document accepted once, status', d?.status === 'accepted', d?.status);
    const gradMails = await mailsTo(B.body.email);
    const acceptedMails = gradMails.filter(m => /accepted|қабылд|принят/i.test(m.subject ?? m.Subject ?? ''));
    note('burst: one "accepted" e-mail to the graduate', acceptedMails.length <= 1, `${acceptedMails.length} of ${gradMails.length} mails: ${gradMails.map(m => m.subject).join(' | ')}`);
    const hist = JSON.parse((await send('GET', `/api/operator/graduates/${B.id}`, auth(OP))).text);
    const histText = JSON.stringify(hist);
    note('burst: history shows one confirmation', true, `history mentions 'confirm' ${(histText.match(/employer-confirmed|confirmed/g) ?? []).length} times`);
  }

  // --- burst: same upload with the same idempotency key ---
  {
    const C = await registerGraduate({ iin: iins[2] });
    const k = crypto.randomUUID();
    const file = pdf();
    const meta = employment();
    const burst = await Promise.all(Array.from({ length: 20 }, () => send('POST', '/api/me/documents', { ...upload(C.token, { key: k, file, metadata: meta }), lang: 'en' })));
    const statuses = burst.map(r => r.status);
    note('burst: 20 identical uploads with one key, no 5xx', statuses.every(s => s > 0 && s < 500), statuses.join(','));
    const ids = new Set(burst.filter(r => r.status === 202).map(r => JSON.parse(r.text).id));
    note('burst: one document id across the 202s', ids.size <= 1, [...ids].join(','));
    await sleep(3000);
    const docs = JSON.parse((await send('GET', '/api/me/documents', auth(C.token))).text);
    const list = Array.isArray(docs) ? docs : (docs.items ?? docs.documents ?? []);
    note('burst: the graduate has exactly one document', list.length === 1, `${list.length}`);
    const employerMails = await mailsTo(meta.employerEmail);
    note('burst: one employer e-mail', employerMails.length === 1, `${employerMails.length}`);
    // Same file with another key: a duplicate.
    await probe('same file, new key: duplicate', 'POST', '/api/me/documents', upload(C.token, { key: crypto.randomUUID(), file, metadata: meta }), [409, 422]);
    // No key, 20 identical at once.
    const file2 = pdf();
    const burst2 = await Promise.all(Array.from({ length: 20 }, () => send('POST', '/api/me/documents', { ...upload(C.token, { file: file2, metadata: employment() }), lang: 'kk' })));
    const st2 = burst2.map(r => r.status);
    note('burst: 20 identical uploads without a key, no 5xx', st2.every(s => s > 0 && s < 500), st2.join(','));
    note('burst: answers to 20 identical uploads without a key', true, `${st2.filter(s => s === 202).length} × 202`);
    await sleep(6000);
    const after = JSON.parse((await send('GET', '/api/me/documents', auth(C.token))).text);
    const live = after.filter(x => !['rejected', 'withdrawn'].includes(x.status));
    note('burst: one live document per file (the same file again is a duplicate)', live.length <= 2, after.map(x => `${x.status}${x.duplicateOf ? ' dup' : ''}`).join(', '));
    for (const r of burst2.filter(r => r.status >= 400 && r.status < 500).slice(0, 1)) {
      let p = null; try { p = JSON.parse(r.text); } catch { /* */ }
      note('burst: refusal is a kk problem', !!p && languageIssue(p, 'kk').length === 0, r.text.slice(0, 200));
    }
  }

  // --- burst: the same review decision twice ---
  {
    const D = await registerGraduate({ iin: iins[3] });
    const publicMail = `hr-${crypto.randomUUID().slice(0, 6)}@mail.ru`;
    const r = await send('POST', '/api/me/documents', { ...upload(D.token, { metadata: employment({ employerEmail: publicMail }) }), lang: 'en' });
    const docId = JSON.parse(r.text).id;
    // A public mail service cannot confirm alone: the employer confirms, then the document waits for an operator.
    const link = await employerLinkToken(publicMail);
    await probe('review: public-mail employer confirms', 'POST', '/api/confirmations/decision', json(null, { token: link, decision: 'confirm', confirmerName: 'Ерлан Ахметов', confirmerPosition: 'директор' }), [200]);
    let inQueue = false;
    for (let i = 0; i < 40 && !inQueue; i++) {
      const q = await send('GET', `/api/review/documents/${docId}`, auth(OP));
      inQueue = q.status === 200 && /awaiting-review/.test(q.text);
      if (!inQueue) await sleep(500);
    }
    note('review: public-mail upload reaches review', inQueue);
    if (inQueue) {
      const burst = await Promise.all(Array.from({ length: 20 }, () => send('POST', `/api/review/documents/${docId}/decision`, { ...json(OP, { decision: 'approve' }), lang: 'kk' })));
      const statuses = burst.map(x => x.status);
      note('burst: 20 identical approvals, no 5xx', statuses.every(s => s > 0 && s < 500), statuses.join(','));
      await probe('review: reject after approve', 'POST', `/api/review/documents/${docId}/decision`, json(OP, { decision: 'reject', reasonCode: 'other', note: 'x' }), [409]);
      await sleep(3000);
      const mails = await mailsTo(D.body.email);
      const decided = mails.filter(m => /accepted|қабылд|принят/i.test(m.subject ?? ''));
      note('burst: one decision e-mail to the graduate', decided.length <= 1, `${decided.length}: ${mails.map(m => m.subject).join(' | ')}`);
    }
    await probe('review: reject without reason', 'POST', `/api/review/documents/${docId}/decision`, json(OP, { decision: 'reject' }), [400, 409, 422]);
    await probe('review: decision null', 'POST', `/api/review/documents/${docId}/decision`, json(OP, { decision: null }), [400, 422]);
  }

  // --- a document with edge dates must never become one an operator cannot decide ---
  for (const meta of [{ serviceStart: '2025-07-01', serviceEnd: '9999-12-31' }, { serviceStart: '0001-01-01', serviceEnd: '0001-01-01' }, { serviceStart: '1900-01-01', serviceEnd: '1900-01-02' }, { serviceStart: '2025-07-01', serviceEnd: '2199-12-31' }]) {
    const token = await freshToken();
    const up = await probe(`deferral ${meta.serviceStart}..${meta.serviceEnd}: upload`, 'POST', '/api/me/documents', upload(token, { kind: 'deferral-proof', metadata: meta }), [202, 400]);
    if (up.status !== 202) continue;
    const id = JSON.parse(up.text).id;
    let waiting = false;
    for (let i = 0; i < 40 && !waiting; i++) {
      const d = JSON.parse((await send('GET', `/api/me/documents/${id}`, auth(token))).text);
      waiting = d.status === 'awaiting-review';
      if (!waiting && d.status !== 'received' && d.status !== 'validating') break;
      if (!waiting) await sleep(500);
    }
    if (waiting) {
      await probe(`deferral ${meta.serviceStart}..${meta.serviceEnd}: approve`, 'POST', `/api/review/documents/${id}/decision`, json(OP, { decision: 'approve' }), [200, 409, 422]);
      await probe(`deferral ${meta.serviceStart}..${meta.serviceEnd}: obligation after`, 'GET', '/api/me/obligation', auth(token), [200]);
    }
  }

  // --- burst: the same registration 20 times ---
  {
    const body = registration();
    const burst = await Promise.all(Array.from({ length: 20 }, () => send('POST', '/api/graduates', { ...json(OP, body), lang: 'en' })));
    const statuses = burst.map(x => x.status);
    note('burst: 20 identical registrations, no 5xx', statuses.every(s => s > 0 && s < 500), statuses.join(','));
    note('burst: exactly one 201', statuses.filter(s => s === 201).length === 1, statuses.join(','));
    const ids = new Set(burst.filter(x => x.status === 201 || x.status === 200).map(x => JSON.parse(x.text).graduateId));
    note('burst: one graduate id', ids.size <= 1, [...ids].join(','));
  }

  // --- CSV imports ---
  const header = 'iin,fullName,email,language,category,level,specialtyGroup,graduationDate,admissionYear,budgetCost,university';
  const row = (i = iin()) => `${i},Айгерім Сапарова,g${crypto.randomUUID().slice(0, 8)}@example.kz,kk,rural-quota,bachelor,pedagogical,2025-06-20,2021,3600000,ЕҰУ`;
  const csv = (text, token = OP, type = 'text/csv') => ({ headers: { Authorization: 'Bearer ' + token, 'Content-Type': type }, body: text });
  const csvCases = {
    'BOM + CRLF': '\uFEFF' + header + '\r\n' + row() + '\r\n' + row() + '\r\n',
    'quoted commas': header + '\n' + row().replace('Айгерім Сапарова', '"Сапарова, Айгерім ""Айка"""') + '\n',
    'quoted newline in name': header + '\n' + row().replace('Айгерім Сапарова', '"Айгерім\nСапарова"') + '\n',
    'unterminated quote': header + '\n' + row().replace('Айгерім Сапарова', '"Айгерім') + '\n' + row() + '\n',
    'wrong headers': 'a,b,c\n1,2,3\n',
    'header only': header + '\n',
    'empty': '',
    'repeated header column': header + ',iin\n' + row() + ',1\n',
    'ragged rows': header + '\n' + row() + ',extra,extra\n' + '1,2\n' + '\n' + ',,,,,,,,,,\n',
    'wrong IIN check digits': header + '\n' + row(wrongCheck(iin())) + '\n',
    'semicolon separated': header.replaceAll(',', ';') + '\n' + row().replaceAll(',', ';') + '\n',
    'NUL bytes': header + '\n' + row().replace('ЕҰУ', 'Е\u0000У') + '\n',
    'very long field': header + '\n' + row().replace('ЕҰУ', 'У'.repeat(100000)) + '\n',
    'invalid UTF-8': Buffer.concat([Buffer.from(header + '\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(row().slice(2) + '\n')]),
    'UTF-16 LE': Buffer.from('\uFEFF' + header + '\r\n' + row() + '\r\n', 'utf16le'),
    'duplicate IIN rows': (() => { const i = iin(); return header + '\n' + row(i) + '\n' + row(i) + '\n'; })(),
    'formula injection': header + '\n' + row().replace('Айгерім Сапарова', '=HYPERLINK("http://evil")') + '\n',
    'far dates': header + '\n' + row().replace('2025-06-20', '9999-12-31') + '\n' + row().replace('2025-06-20', '0001-01-01') + '\n',
  };
  for (const [what, text] of Object.entries(csvCases)) {
    await probe(`import CSV ${what}`, 'POST', '/api/graduates/import', csv(text), [200, 202, 400, 413, 422]);
  }
  await probe('import CSV as JSON type', 'POST', '/api/graduates/import', csv(header + '\n', OP, 'application/json'), [415]);
  await probe('import CSV as graduate', 'POST', '/api/graduates/import', csv(header + '\n', GA), [401, 403]);
  const big = header + '\n' + Array.from({ length: 6000 }, () => row()).join('\n') + '\n';
  const bigRes = await probe('import CSV 6,000 rows', 'POST', '/api/graduates/import', csv(big), [200, 202]);
  if (bigRes.status === 202) {
    const loc = bigRes.headers.location;
    let done = null;
    for (let i = 0; i < 120 && !done; i++) {
      const s = JSON.parse((await send('GET', loc, auth(OP))).text);
      if (s.done) done = s; else await sleep(1000);
    }
    note('import 6,000 rows finishes with 6,000 registered', done?.registered === 6000, JSON.stringify(done ?? {}).slice(0, 300));
    const again = await probe('import the same 6,000 rows again', 'POST', '/api/graduates/import', csv(big), [200, 202]);
    if (again.status === 202) {
      let s2 = null;
      for (let i = 0; i < 120 && !s2; i++) {
        const s = JSON.parse((await send('GET', again.headers.location, auth(OP))).text);
        if (s.done) s2 = s; else await sleep(1000);
      }
      note('re-import: 6,000 unchanged, 0 registered', s2?.registered === 0 && s2?.unchanged === 6000, JSON.stringify(s2 ?? {}).slice(0, 300));
    }
  }
  await probe('import 40 MB CSV', 'POST', '/api/graduates/import', csv(header + '\n' + 'x'.repeat(40 * 1024 * 1024) + '\n'), [200, 202, 400, 413, 422]);
  // Feed and registry CSV
  for (const [what, text] of Object.entries({ 'wrong headers': 'a,b\n1,2\n', empty: '', 'BOM+CRLF ragged': '\uFEFFiin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid\r\n1,2\r\n', 'far months': `iin,employerBin,employerName,employerAddress,katoCode,month,contributionPaid\n${A.iin},140540000015,X,Y,111,9999-12,1e400\n${A.iin},140540000015,X,Y,111,0000-00,-1\n` })) {
    await probe(`feed CSV ${what}`, 'POST', '/api/feed/files', csv(text), [202, 400, 422]);
    await probe(`registry CSV ${what}`, 'POST', '/api/employer-registry/imports', csv(text), [202, 400, 422]);
  }

  // --- pages, docs, OpenAPI ---
  for (const p of ['/', '/graduate', '/check', '/confirm', '/operator', '/operator/audit', '/operator/dashboard', '/operator/graduates', '/operator/import', '/api/openapi.json', '/api/docs', '/api/docs/..%2F..%2Fappsettings.json', '/assets/..%2F..%2Flocal.settings.json', '/assets/%2e%2e/%2e%2e/Otrabotka.Functions.dll', '/api/enumerations', '/api/health', '/nope', '/api/nope']) {
    await probe(`GET ${p}`, 'GET', p, {}, null);
  }
  await probe('POST /api/openapi.json', 'POST', '/api/openapi.json', json(null, '{}'), null);
  await probe('DELETE /api/me', 'DELETE', '/api/me', auth(GA), null);
  await probe('huge header', 'GET', '/api/me', { headers: { Authorization: 'Bearer ' + GA, 'X-Junk': 'x'.repeat(40000) } }, null);
  await probe('Accept-Language q-weighted (ru wins)', 'GET', '/api/me', { headers: {}, lang: 'en;q=0.1,ru;q=0.9' }, [401]);
  await probe('Accept-Language garbage', 'GET', '/api/me', { headers: {}, lang: 'zz-ZZ;q=abc,,,' }, [401]);

  // ---------- summary ----------
  const fivexx = results.filter(r => r.flags.some(f => f === '5XX' || f.startsWith('NO-ANSWER')));
  const notProblem = results.filter(r => r.flags.some(f => f.startsWith('NOT-PROBLEM')));
  const serverLevel = results.filter(r => r.flags.includes('NOT-PROBLEM (server-level)'));
  const lang = results.filter(r => r.flags.some(f => f.startsWith('LANG')));
  const invariant = results.filter(r => r.flags.some(f => f.startsWith('INVARIANT')));
  const unexpected = results.filter(r => r.flags.some(f => f.startsWith('UNEXPECTED')));
  console.log(`\nsummary: ${results.length} cases; 5xx/no answer ${fivexx.length}; non-problem 4xx ${notProblem.length} (${serverLevel.length} of them Kestrel's own, before the app); wrong language ${lang.length}; broken invariants ${invariant.length}; unexpected status ${unexpected.length}`);
  for (const r of [...fivexx, ...notProblem, ...lang, ...invariant]) console.log(`  ${r.status} ${r.name}: ${r.flags.join('; ')}`);
  process.exit(fivexx.length + notProblem.length + lang.length + invariant.length > 0 ? 1 : 0);
}

main().catch(e => { console.error(e); process.exit(2); });
