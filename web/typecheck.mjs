// Checks the pages (the files of DIR/src that start with `// @ts-check`) against the API's generated types,
// with DIR/tsconfig.json. web/build.mjs calls it before bundling; a test calls it on a copy whose types were
// changed, to show a contract change that breaks a page fails the build.
// Usage: node web/typecheck.mjs [DIR]   (exit code 1 and the errors on stderr when a page does not fit)
import ts from 'typescript';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function typecheck(dir) {
  const onUnRecoverableConfigFileDiagnostic = (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); };
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic });
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(config.fileNames, config.options));
  if (diagnostics.length === 0) return true;
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
  console.error(ts.formatDiagnostics(diagnostics, host));
  console.error(`the pages do not match the API's types: ${diagnostics.length} error(s)`);
  return false;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(typecheck(resolve(process.argv[2] ?? fileURLToPath(new URL('.', import.meta.url)))) ? 0 : 1);
}
