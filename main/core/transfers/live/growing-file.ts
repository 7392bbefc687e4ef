// A file that is still being written, seen by polling its size and modification time: it has
// finished once neither has changed for the stability window (as watch folders judge it).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Clock } from '../../api/clock.ts';
import { Refusal } from '../../errors.ts';

export interface Growth {
  size: number;
  /** the file has not changed for the stability window */
  stable: boolean;
}

export class GrowingFile {
  readonly path: string;
  private readonly clock: Clock;
  private readonly stableMs: number;
  private seen: { size: number; mtimeMs: number } | undefined;
  private changedAt: number;

  constructor(path: string, stableMs: number, clock: Clock) {
    this.path = path;
    this.stableMs = stableMs;
    this.clock = clock;
    this.changedAt = clock.now();
  }

  async look(): Promise<Growth> {
    let now: { size: number; mtimeMs: number };
    try {
      const s = await stat(this.path);
      now = { size: s.size, mtimeMs: s.mtimeMs };
    } catch (error) {
      throw vanished(this.path, error);
    }
    if (!this.seen || now.size !== this.seen.size || now.mtimeMs !== this.seen.mtimeMs) {
      this.seen = now;
      this.changedAt = this.clock.now();
    }
    return { size: now.size, stable: this.clock.now() - this.changedAt >= this.stableMs };
  }

  /** Waits until the file has stopped changing for the stability window; answers its size then. */
  async settled(pollMs: number, signal?: AbortSignal): Promise<number> {
    for (;;) {
      const growth = await this.look();
      if (growth.stable) return growth.size;
      await this.clock.sleep(pollMs, signal);
    }
  }
}

/** The sha256 of bytes `offset` to `offset + size - 1` as they are on disk now. */
export async function hashRange(path: string, offset: number, size: number): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { start: offset, end: offset + size - 1 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    read += chunk.length;
  }
  // A range past the end reads short rather than failing: a shorter file is not the bytes sent.
  return read === size ? hash.digest('hex') : '';
}

function vanished(path: string, cause: unknown): Refusal {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new Refusal('live:vanished', `${path} was deleted or moved while it was being uploaded.`, 'Upload it again from where it is now.', { cause });
  return new Refusal('live:unreadable', `${path} cannot be read (${code ?? String(cause)}).`, 'Check that Slate may read it, then run the command again.', { cause });
}
