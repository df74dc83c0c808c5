// @ts-check
// The in-page preview of a document's file, read through its short-lived link. PDFs are drawn by pdf.js
// (pinned ≥ 4.2.67 for CVE-2024-4367) into a canvas: its worker comes from our own origin (CSP worker-src
// 'self'), no eval (isEvalSupported: false; the CSP has no 'unsafe-eval' anyway), no WebAssembly, no XFA,
// no scripting. Images go into an <img> straight from the link. Nothing of the file becomes page markup.
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import { t } from './shell.js';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.js';

const $ = /** @type {(id: string) => any} */ ((id) => document.getElementById(id));
const MAX_BYTES = 20 * 1024 * 1024;
let pdf = null;
let pageNumber = 1;
let loading = null;

function status(key) {
  const box = $('preview-msg');
  box.hidden = !key;
  if (key) { box.className = 'msg bad'; box.textContent = t(key); }
}

export function closePreview() {
  loading?.destroy().catch(() => {});
  loading = null;
  pdf = null;
  $('pdf-box').hidden = true;
  $('image-preview').hidden = true;
  $('image-preview').removeAttribute('src');
  status(null);
}

async function drawPage() {
  const page = await pdf.getPage(pageNumber);
  const canvas = $('pdf-canvas');
  const width = Math.min(canvas.parentElement.clientWidth || 600, 900);
  const scale = width / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.classList.add('fit');
  await page.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
  $('pdf-page').textContent = t('pages.op.preview.page', { n: pageNumber, total: pdf.numPages });
  $('pdf-prev').disabled = pageNumber <= 1;
  $('pdf-next').disabled = pageNumber >= pdf.numPages;
  canvas.dataset.rendered = String(pageNumber);
}

/** Shows the file behind readUrl; says so when there is none (not scanned clean yet) or it cannot be read. */
export async function showPreview(readUrl) {
  closePreview();
  if (!readUrl) { status('pages.op.preview.none'); return; }
  let bytes;
  try {
    const response = await fetch(readUrl, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(String(response.status));
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch {
    status('pages.op.preview.failed');
    return;
  }
  if (bytes.length > MAX_BYTES) { status('pages.op.preview.failed'); return; }
  if (isPdf(bytes)) {
    try {
      // isEvalSupported went with pdf.js's eval path (5.x); it is kept so an older copy could never eval.
      const noEval = { isEvalSupported: false };
      loading = getDocument({
        ...noEval, data: bytes, useWasm: false, enableXfa: false, stopAtErrors: false, disableAutoFetch: true, maxImageSize: 50_000_000,
      });
      pdf = await loading.promise;
      pageNumber = 1;
      $('pdf-box').hidden = false;
      await drawPage();
    } catch {
      status('pages.op.preview.failed');
    }
    return;
  }
  const image = $('image-preview');
  image.alt = t('pages.op.preview.image');
  image.src = readUrl;
  image.hidden = false;
}

/** A PDF's header may follow up to 1024 bytes of anything (ISO 32000-1, 7.5.2). */
function isPdf(bytes) {
  const end = Math.min(bytes.length - 4, 1024);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46) return true;
  }
  return false;
}

$('pdf-prev').addEventListener('click', async () => { if (pdf && pageNumber > 1) { pageNumber -= 1; await drawPage(); } });
$('pdf-next').addEventListener('click', async () => { if (pdf && pageNumber < pdf.numPages) { pageNumber += 1; await drawPage(); } });
