// What the viewer says when a PDF cannot be shown: what happened, and what to do about it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfFailure } from '../../renderer/src/lib/pdf.ts';
import { SlateFailure } from '../../renderer/src/slate.ts';

/** pdf.js's errors as it throws them: a name and a message, and a status for a failed download. */
const pdfjsError = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name, ...extra });

test('a damaged or non-PDF file says so, and to upload a good copy', () => {
  const text = pdfFailure(pdfjsError('InvalidPDFException', 'Invalid PDF structure.'));
  assert.match(text, /cannot be read as a PDF: it may be damaged, or not a PDF at all/);
  assert.match(text, /upload a good copy as a new version/);
});

test('a PDF behind a password says Slate cannot open it, and where to read it', () => {
  assert.match(pdfFailure(pdfjsError('PasswordException', 'No password given', { code: 1 })), /protected by a password.*Open it in Frame\.io/);
});

test('a failed download gives its status and says to reload for a fresh link', () => {
  assert.equal(pdfFailure(pdfjsError('ResponseException', 'Unexpected server response (403)', { status: 403 })), 'The PDF could not be downloaded (HTTP 403): its link may have expired. Reload the viewer to get a fresh link.');
});

test('anything else is reported with its own words and a next step', () => {
  assert.equal(pdfFailure(new TypeError('Failed to fetch')), 'The PDF could not be read (Failed to fetch). Check the connection and reload the viewer, or open it in Frame.io.');
  assert.match(pdfFailure(undefined), /\(no reason given\)/);
});

test("when the service read the PDF for the page and failed, its own words and action are shown", () => {
  const failure = new SlateFailure({ code: 'api:not-found', message: 'Frame.io could not find it', action: 'It may have been moved or deleted; refresh and try again.' });
  assert.equal(pdfFailure(failure), 'Frame.io could not find it. It may have been moved or deleted; refresh and try again.');
  const tooLarge = 'Plans.pdf is larger than the 100 MB Slate reads itself. Open it in Frame.io, or download it, to read it there; comments still work here.';
  assert.equal(pdfFailure(new SlateFailure({ code: 'internal', message: tooLarge })), tooLarge);
});
