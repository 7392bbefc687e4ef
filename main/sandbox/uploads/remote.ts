// Remote upload: Frame.io fetches the source URL itself. The sandbox streams it to disk the same
// way; a failure (bad URL, refused connection, non-2xx answer) is reported through the file's
// upload status, not the create call, which has already answered 202.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { markFailed, markUploaded } from './lifecycle.ts';

const FETCH_TIMEOUT_MS = 5 * 60_000;

export function fetchRemote(world: World, file: FileRecord, sourceUrl: string): void {
  void (async () => {
    const response = await fetch(sourceUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`the source answered ${response.status}`);
    }
    const { size } = await world.blobs.writePart(file.blob_id, 1, Readable.fromWeb(response.body as WebReadableStream<Uint8Array>));
    const current = world.store.get('asset', file.id);
    if (current?.type !== 'file') return;
    const sized = world.store.put('asset', { ...current, file_size: size, part_sizes: [size] });
    world.store.recordPart(file.blob_id, { part_number: 1, size, etag: '' });
    markUploaded(world, sized);
  })().catch((error: unknown) => {
    const current = world.store.get('asset', file.id);
    if (current?.type === 'file') markFailed(world, current, `Could not fetch the source: ${(error as Error).message}`);
  });
}
