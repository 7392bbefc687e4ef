// Reading PDFs with pdf.js. Its worker is a file of the app's own build (Vite bundles it from the
// `new URL(…, import.meta.url)` below), which the Content-Security-Policy's script-src 'self'
// admits; the only other thing fetched is the document itself. pdf.js is loaded on the first PDF
// opened, so the rest of the app does not carry it.
import type * as PdfJs from 'pdfjs-dist';

export type PdfDocument = PdfJs.PDFDocumentProxy;

let pdfjs: Promise<typeof PdfJs> | undefined;

function library(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist').then((lib) => {
    // One worker for the app's life; pdf.js hands it each document in turn.
    lib.GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url));
    return lib;
  });
  return pdfjs;
}

/** Opens the PDF at `url`. Aborting, then or later, stops the download or closes the document. */
export async function openPdf(url: string, signal: AbortSignal): Promise<PdfDocument> {
  const { getDocument } = await library();
  signal.throwIfAborted();
  const task = getDocument({ url });
  signal.addEventListener('abort', () => void task.destroy(), { once: true });
  return task.promise;
}

/** What to tell the person when a PDF cannot be shown, with what they can do about it. */
export function pdfFailure(error: unknown): string {
  const { name, message, status } = (error ?? {}) as { name?: string; message?: string; status?: number };
  if (name === 'PasswordException') return 'This PDF is protected by a password, which Slate cannot ask for. Open it in Frame.io to read it; comments still work here.';
  if (name === 'InvalidPDFException') {
    return 'This file cannot be read as a PDF: it may be damaged, or not a PDF at all. Download it from Frame.io to check it opens, and upload a good copy as a new version; comments still work here.';
  }
  if (name === 'ResponseException') {
    return `The PDF could not be downloaded${status ? ` (HTTP ${status})` : ''}: its link may have expired. Reload the viewer to get a fresh link.`;
  }
  return `The PDF could not be read (${message || 'no reason given'}). Check the connection and reload the viewer, or open it in Frame.io.`;
}
