// A file's original bytes, read by the service for a page that cannot read them itself: pdf.js
// downloads a PDF with fetch(), which a media host without a CORS rule for the app's page (the
// web agent's origin, Electron's file://) refuses, while the service is bound by no CORS. It is
// asked for a file id and fetches only what that file's own link points at, never a URL it is
// handed, so it cannot be turned into a proxy for anything else.
import got, { RequestError } from 'got';
import type { FileOriginal } from '../../../preload/contract.ts';
import type { FrameioClient } from '../api/client.ts';
import { AccountApi } from '../api/resources.ts';
import { linkUrl } from './present.ts';
import { Refusal } from '../errors.ts';

/**
 * The largest original read this way. The bytes are held whole, several times over (here, as
 * base64 in the one reply, and again in the page), so a bigger file would cost the agent and
 * the page hundreds of megabytes; Frame.io's own viewer or a download suits it better. Counted
 * 1,000-based, as the file list shows sizes, so "100 MB" means the same in both.
 */
export const MAX_ORIGINAL_BYTES = 100_000_000;

// The link is presigned: it carries its own authority, and the API's token is not sent to a CDN.
const mediaHost = got.extend({ retry: { limit: 0 }, throwHttpErrors: false, timeout: { connect: 15_000, response: 60_000 }, headers: { 'user-agent': 'Slate' } });

/** A file's original as Frame.io offers it: null `url` while there is none to download. */
export interface OriginalLink {
  name: string;
  size: number;
  mediaType: string | null;
  url: string | null;
}

export async function readOriginal(client: FrameioClient, accountId: string, fileId: string, limit = MAX_ORIGINAL_BYTES): Promise<FileOriginal> {
  const file = await new AccountApi(client, accountId).showFile(fileId, 'media_links.original');
  return readOriginalAt({ name: file.name, size: file.file_size, mediaType: file.media_type ?? null, url: linkUrl(file.media_links?.original) }, limit);
}

/** The bytes behind a file's own original link (V4's media link, or a legacy V2 asset's `original`). */
export async function readOriginalAt(file: OriginalLink, limit = MAX_ORIGINAL_BYTES): Promise<FileOriginal> {
  if (!file.url) {
    throw new Refusal(
      'browse:no-original',
      `Frame.io offers no original of ${file.name} to download yet: it may still be uploading or processing, or your role on this project may not allow downloads.`,
      'Try again in a minute, or open it in Frame.io.',
    );
  }
  if (file.size > limit) throw tooLarge(file.name, limit);
  const bytes = await download(file.url, file.name, limit);
  return { mediaType: file.mediaType ?? 'application/octet-stream', base64: bytes.toString('base64') };
}

function tooLarge(name: string, limit: number): Error {
  return new Error(`${name} is larger than the ${limit / 1_000_000} MB Slate reads itself. Open it in Frame.io, or download it, to read it there; comments still work here.`);
}

async function download(url: string, name: string, limit: number): Promise<Buffer> {
  const stream = mediaHost.stream(url);
  try {
    const response = await new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
      stream.once('response', resolve).once('error', reject);
    });
    if (response.statusCode >= 300) throw refused(name, response.statusCode);
    // A host may send no length, or one that disagrees with Frame.io's file size: the count decides.
    if (Number(response.headers['content-length']) > limit) throw tooLarge(name, limit);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(name, limit);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    throw new Refusal('browse:download-failed', `Could not download ${name} from Frame.io's media host (${error.code}).`, 'Check the network connection and reload the viewer.', { cause: error });
  } finally {
    stream.destroy();
  }
}

function refused(name: string, status: number): Error {
  if (status === 403) return new Error(`Frame.io's media host refused the download of ${name} (HTTP 403): its link may have expired. Reload the viewer to get a fresh link.`);
  if (status === 404) return new Error(`Frame.io's media host no longer has ${name} (HTTP 404): it may have been replaced or deleted. Refresh and try again.`);
  return new Error(`Frame.io's media host could not send ${name} (HTTP ${status}). Try again in a minute, or open it in Frame.io.`);
}
