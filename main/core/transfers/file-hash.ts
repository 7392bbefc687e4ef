// The whole-file sha256 of a file sent in parallel parts. A hash needs the bytes in order and the
// parts go out of order, so one sequential reader runs beside the senders: it reads a part's range
// only once that part has been handed to a sender (or was sent on an earlier run), so it trails the
// senders and reads bytes they have just pulled into the page cache, not the disk a second time.
// The hashing itself runs on its own thread (hash-thread.ts) while the next buffer is read. It
// never holds more than two read buffers, and it never slows a part: it waits, parts do not.
import type { RangeReader, TransferFs } from './fs.ts';
import { HashStream } from './hash-thread.ts';
import type { PartRow } from './journal.ts';
import { giveBack, takeBuffer } from './read-buffers.ts';

export class TrailingHasher {
  private readonly gates: Array<{ open: boolean; wake?: () => void }>;
  private readonly digest: Promise<string>;
  private readonly signal: AbortSignal;

  /** `parts` in file order, together covering the file from byte 0. */
  constructor(fs: TransferFs, path: string, parts: Array<Pick<PartRow, 'offset' | 'size'>>, signal: AbortSignal) {
    this.signal = signal;
    this.gates = parts.map(() => ({ open: false }));
    this.digest = this.run(fs, path, parts);
    // Whoever asks for the digest sees a failure; nobody else has to.
    this.digest.catch(() => undefined);
  }

  /** The part at `index` (0-based, file order) may be read now. */
  release(index: number): void {
    const gate = this.gates[index];
    if (!gate || gate.open) return;
    gate.open = true;
    gate.wake?.();
  }

  /** Resolves with the hex sha256 of the whole file once every part was released and read. */
  result(): Promise<string> {
    return this.digest;
  }

  private async run(fs: TransferFs, path: string, parts: Array<Pick<PartRow, 'offset' | 'size'>>): Promise<string> {
    const hash = new HashStream();
    try {
      let expected = 0;
      for (const [index, part] of parts.entries()) {
        if (part.offset !== expected) throw new Error(`part ${index + 1} starts at ${part.offset}, not ${expected}`);
        await this.opened(index);
        const read = await this.hashRange(hash, fs.read(path, part.offset, part.offset + part.size - 1));
        if (read !== part.size) throw new Error(`read ${read} of ${part.size} bytes of part ${index + 1}`);
        expected += part.size;
      }
      return await hash.digest();
    } finally {
      hash.drop();
    }
  }

  /** Hashes a range, reading the next buffer while the hashing thread has the last; resolves with its length. */
  private async hashRange(hash: HashStream, source: RangeReader): Promise<number> {
    const stop = () => void source.close();
    this.signal.addEventListener('abort', stop, { once: true });
    let [full, spare] = [takeBuffer(), takeBuffer()];
    let read = 0;
    try {
      let length = await source.read(full);
      while (length > 0) {
        read += length;
        const hashed = hash.update(full, length);
        // The buffer must be back from the thread before anything else happens to it.
        const [nextLength, back] = await Promise.allSettled([source.read(spare), hashed]);
        if (back.status === 'rejected') throw back.reason;
        if (nextLength.status === 'rejected') throw nextLength.reason;
        [full, spare, length] = [spare, back.value, nextLength.value];
      }
    } finally {
      this.signal.removeEventListener('abort', stop);
      await source.close();
    }
    this.signal.throwIfAborted();
    giveBack(full);
    giveBack(spare);
    return read;
  }

  private opened(index: number): Promise<void> {
    const gate = this.gates[index]!;
    this.signal.throwIfAborted();
    if (gate.open) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const abort = () => reject(this.signal.reason as Error);
      this.signal.addEventListener('abort', abort, { once: true });
      gate.wake = () => {
        this.signal.removeEventListener('abort', abort);
        resolve();
      };
    });
  }
}
