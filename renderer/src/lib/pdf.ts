// Reading PDFs with pdf.js. Its worker is a file of the app's own build (Vite bundles it from the
// `new URL(…, import.meta.url)` below), which the Content-Security-Policy's script-src 'self'
// admits; the only other thing fetched is the document itself. pdf.js is loaded on the first PDF
// opened, so the rest of the app does not carry it.
import type * as PdfJs from 'pdfjs-dist';
import type { FileOriginal } from '../../../preload/contract.ts';
import { SlateFailure } from '../slate.ts';

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

/**
 * Opens the PDF at `url`. pdf.js fetches it from the page, which a media host sends only with a
 * CORS rule for the page's origin; where the fetch fails as the network (or that rule) refusing
 * it, the document is read from `original`'s bytes instead, which the service fetches. Aborting,
 * then or later, stops the download or closes the document.
 */
export async function openPdf(url: string, original: () => Promise<FileOriginal>, signal: AbortSignal): Promise<PdfDocument> {
  try {
    return await load({ url }, signal);
  } catch (error) {
    if (signal.aborted || !unreachable(error)) throw error;
    const { base64 } = await original();
    signal.throwIfAborted();
    return load({ data: bytesOf(base64) }, signal);
  }
}

async function load(source: { url: string } | { data: Uint8Array }, signal: AbortSignal): Promise<PdfDocument> {
  const { getDocument } = await library();
  signal.throwIfAborted();
  const task = getDocument(source);
  signal.addEventListener('abort', () => void task.destroy(), { once: true });
  return task.promise;
}

/**
 * fetch() fails with a TypeError, and nothing more, when the network or CORS stops it (the page
 * may not learn which); pdf.js passes it on as an UnknownErrorException with its text in `details`.
 * A document that arrived but is no PDF, or an HTTP error it could read, fails otherwise.
 */
function unreachable(error: unknown): boolean {
  const { name, details } = (error ?? {}) as { name?: string; details?: unknown };
  return name === 'UnknownErrorException' && typeof details === 'string' && details.startsWith('TypeError');
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What to tell the person when a PDF cannot be shown, with what they can do about it. */
export function pdfFailure(error: unknown): string {
  // The service's own words, from reading the bytes for the page: they say what to do already.
  if (error instanceof SlateFailure) return error.action ? `${error.message.replace(/[.!?]?$/, '.')} ${error.action}` : error.message;
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
