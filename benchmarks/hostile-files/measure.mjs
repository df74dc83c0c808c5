// Uploads hostile files to a running local host one at a time and reports, for each, the answer, the
// reason code and how far the host's resident memory (VmRSS) rose above its idle level while it handled
// the file. Usage: node measure.mjs BASE_URL HOST_PID OPERATOR_TOKEN GRADUATE_TOKEN_COMMAND...
// (run by scripts/bench-hostile-files.sh, which starts Azurite and the host).
import fs from "node:fs";
import zlib from "node:zlib";
import { execFileSync } from "node:child_process";

const [base, hostPid, operatorToken, ...tokenCommand] = process.argv.slice(2);
const bound = 150 * 1024 * 1024;

const rss = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${hostPid}/status`, "utf8"));
  return Number(m[1]) * 1024;
};
const mb = n => (n / 1024 / 1024).toFixed(0);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function deflateZeros(bytes, layers = 1) {
  let data = await new Promise((resolve, reject) => {
    const z = zlib.createDeflate({ level: 9 }), parts = [];
    z.on("data", d => parts.push(d)).on("end", () => resolve(Buffer.concat(parts))).on("error", reject);
    const block = Buffer.alloc(1 << 20);
    let left = bytes;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(block.length, left);
        left -= n;
        if (!z.write(n === block.length ? block : block.subarray(0, n))) { z.once("drain", pump); return; }
      }
      z.end();
    };
    pump();
  });
  for (let i = 1; i < layers; i++) data = zlib.deflateSync(data, { level: 9 });
  return data;
}

function pdf(extra = [], text = "Anyqtama") {
  const content = Buffer.from(`BT /F1 12 Tf 50 700 Td (${text}) Tj ET`, "latin1");
  const objects = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
    stream(`<< /Length ${content.length} >>`, content),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ...extra,
  ];
  const parts = [Buffer.from("%PDF-1.7\n", "latin1")];
  let at = parts[0].length;
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(at);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from("\nendobj\n")]);
    parts.push(chunk);
    at += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

function stream(dict, data) {
  return Buffer.concat([Buffer.from(dict + "\nstream\n"), data, Buffer.from("\nendstream")]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = buf => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, idat) {
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(width); ihdr.writeUInt32BE(height, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

const GB = 1024 ** 3;
const files = [
  ["control: a one-page PDF", pdf()],
  ["PDF, page-content flate bomb (1 GiB of zeros)", pdf([stream("<< /Filter /FlateDecode >>", await deflateZeros(GB))])],
  ["PDF, image flate bomb (2 GiB of zeros)", pdf([stream("<< /Type /XObject /Subtype /Image /Width 46341 /Height 46341 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>", await deflateZeros(2 * GB))])],
  ["PDF, double flate bomb (4 GiB inside)", pdf([stream("<< /Filter [/FlateDecode /FlateDecode] >>", await deflateZeros(4 * GB, 2))])],
  ["PDF, 100,001 objects", pdf(Array.from({ length: 100_001 }, () => Buffer.from("null")))],
  ["PNG, 21-gigapixel header", png(150_000, 140_000, await deflateZeros(1 << 20))],
  ["PNG, 100 MP whose data expands to 300 MB", png(10_000, 10_000, await deflateZeros(30_001 * 10_000))],
];

function twelveDigit(first11) {
  const weights = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]];
  for (const w of weights) {
    const check = [...first11].reduce((sum, d, i) => sum + Number(d) * w[i], 0) % 11;
    if (check !== 10) return first11 + check;
  }
  return null;
}

function valid(prefix) {
  for (;;) {
    const value = twelveDigit(prefix + String(Math.floor(Math.random() * 10_000)).padStart(4, "0"));
    if (value) return value;
  }
}

const bin = valid("1405400");

async function register() {
  const iin = valid("9506153");
  const res = await fetch(`${base}/api/graduates`, {
    method: "POST",
    headers: { authorization: `Bearer ${operatorToken}`, "content-type": "application/json" },
    body: JSON.stringify({ iin, fullName: "Бенч Тест", email: `${iin}@bench.example.kz`, language: "en", category: "state-order-other", level: "bachelor",
      specialtyGroup: "technical", graduationDate: "2025-06-20", admissionYear: 2021, budgetCost: 3600000, university: "Bench" }),
  });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  return execFileSync(tokenCommand[0], [...tokenCommand.slice(1), iin]).toString().trim();
}

async function upload(token, file) {
  const form = new FormData();
  form.append("kind", "employment-confirmation");
  form.append("metadata", JSON.stringify({ employerBin: bin, employerName: "Bench", employerEmail: "hr@bench.example.kz", organisationKind: "other",
    ownership: "private", region: "astana", settlementType: "city", position: "engineer", startDate: "2025-09-01" }));
  form.append("file", new Blob([file], { type: "application/pdf" }), "file.pdf");
  const res = await fetch(`${base}/api/me/documents`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  const body = await res.json();
  for (let i = 0; i < 100 && body.status === "received"; i++) {
    await sleep(200);
    Object.assign(body, await (await fetch(`${base}${body.statusUrl}`, { headers: { authorization: `Bearer ${token}` } })).json());
  }
  const doc = await (await fetch(`${base}${body.statusUrl}`, { headers: { authorization: `Bearer ${token}` } })).json();
  return { status: res.status, document: doc.status, reason: doc.reasons?.[0]?.code ?? "-" };
}

const token = await register();
await upload(token, pdf([], "warm-up")); // JIT and first-use allocations belong to idle, not to a file
await sleep(3000);
let worst = 0;
console.log("| file | size | answer | status | reason | idle RSS | peak RSS | growth | time |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const [name, file] of files) {
  await sleep(1500);
  const idle = rss();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 5);
  const started = performance.now();
  const result = await upload(token, file);
  const took = performance.now() - started;
  await sleep(1000);
  clearInterval(sampler);
  peak = Math.max(peak, rss());
  worst = Math.max(worst, peak - idle);
  console.log(`| ${name} | ${(file.length / 1024).toFixed(0)} KiB | ${result.status} | ${result.document} | ${result.reason} | ${mb(idle)} MB | ${mb(peak)} MB | ${mb(peak - idle)} MB | ${(took / 1000).toFixed(2)} s |`);
}
console.log(`worst growth over idle: ${mb(worst)} MB (bound ${mb(bound)} MB)`);
process.exit(worst <= bound ? 0 : 1);
