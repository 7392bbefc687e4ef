// A file being written, as a render or a recording writes it: random bytes appended in steady
// chunks over a given time.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Appends `total` random bytes to `path` over about `seconds`, until `stop`; answers every byte it would write. */
export async function grow(path: string, total: number, seconds: number, stop?: AbortSignal): Promise<Buffer> {
  const chunk = 256 * 1024;
  const bytes = randomBytes(total);
  const steps = Math.ceil(total / chunk);
  for (let offset = 0; offset < total && !stop?.aborted; offset += chunk) {
    appendFileSync(path, bytes.subarray(offset, offset + chunk));
    await sleep((seconds * 1000) / steps);
  }
  return bytes;
}
