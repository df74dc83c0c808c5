// Bundles the pages into one flat folder that the Functions project embeds (pages/NAME).
// Usage: node web/build.mjs OUT_DIR   (dotnet build runs it; see Otrabotka.Functions.csproj)
import { build } from 'esbuild';
import { typecheck } from './typecheck.mjs';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const root = resolve(web, '..');
const out = resolve(process.argv[2] ?? join(web, 'dist'));

// The pages marked `// @ts-check` are checked against the API's generated types first: a changed contract
// that breaks a page fails the build (web/tsconfig.json, web/typecheck.mjs).
if (!typecheck(web)) process.exit(1);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The operators' pages (issue 15) share the shell; the review page bundles pdf.js for the in-page preview.
const entries = ['home', 'graduate', 'check', 'confirm', 'operator-queue', 'operator-graduates', 'operator-import', 'operator-dashboard', 'operator-audit'];
await build({
  entryPoints: entries.map((name) => join(web, 'src', `${name}.js`)),
  bundle: true,
  minify: true,
  format: 'esm',
  // pdf.js uses class fields and top-level await, which the browsers the pages support all have.
  target: ['es2022'],
  outdir: out,
  legalComments: 'eof',
  logLevel: 'warning',
});

// Every page starts with `<!--#head script="NAME" [redirect="/path"]-->`, replaced by pages/_head.html: one <head>
// for all pages ({{...}} placeholders are the app's, filled when it serves the page).
const head = readFileSync(join(web, 'pages', '_head.html'), 'utf8');
for (const file of readdirSync(join(web, 'pages')).filter((f) => !f.startsWith('_'))) {
  const page = readFileSync(join(web, 'pages', file), 'utf8').replace(/^<!--#head script="([\w-]+)"(?: redirect="([^"]+)")?-->\n/, (_, script, redirect) =>
    head.replace('%script%', script).replace('%redirect%', redirect ? ` data-redirect-path="${redirect}"` : ''));
  if (!page.startsWith('<!doctype html>')) throw new Error(`web/pages/${file} must start with <!--#head script="NAME"-->`);
  writeFileSync(join(out, file), page);
}
copyFileSync(join(web, 'site.css'), join(out, 'site.css'));
// pdf.js parses each PDF in a worker served from our own origin (CSP worker-src 'self'), never from a CDN.
copyFileSync(join(root, 'node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs'), join(out, 'pdf.worker.js'));

// Page texts live with the e-mails' texts (Texts/<area>.<lang>.json); the pages fetch them from /assets.
const texts = join(root, 'functions', 'Otrabotka.Functions', 'Texts');
for (const file of readdirSync(texts).filter((f) => /^(pages|employer-page|reasons)\.(kk|ru|en)\.json$/.test(f))) {
  copyFileSync(join(texts, file), join(out, file));
}
console.log(`pages bundled into ${out}`);
