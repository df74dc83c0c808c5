// Bundles the pages into one flat folder that the Functions project embeds (pages/NAME).
// Usage: node web/build.mjs OUT_DIR   (dotnet build runs it; see Otrabotka.Functions.csproj)
import { build } from 'esbuild';
import { typecheck } from './typecheck.mjs';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
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

await build({
  entryPoints: ['home', 'graduate', 'check', 'confirm'].map((name) => join(web, 'src', `${name}.js`)),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: out,
  legalComments: 'eof',
  logLevel: 'warning',
});

for (const file of readdirSync(join(web, 'pages'))) {
  copyFileSync(join(web, 'pages', file), join(out, file));
}
copyFileSync(join(web, 'site.css'), join(out, 'site.css'));

// Page texts live with the e-mails' texts (Texts/<area>.<lang>.json); the pages fetch them from /assets.
const texts = join(root, 'functions', 'Otrabotka.Functions', 'Texts');
for (const file of readdirSync(texts).filter((f) => /^(pages|employer-page)\.(kk|ru|en)\.json$/.test(f))) {
  copyFileSync(join(texts, file), join(out, file));
}
console.log(`pages bundled into ${out}`);
