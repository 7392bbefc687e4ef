// The buffers part senders and the file hasher read into, kept and reused rather than allocated
// per read: fresh memory is faulted in page by page, and that cost more CPU than the reads.
export const READ_SIZE = 1024 * 1024;

/** Enough for every sender and the hasher at the usual concurrency; more are made when needed. */
const KEEP = 24;
const spare: Buffer[] = [];

export function takeBuffer(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafeSlow(READ_SIZE);
}

/** Only once nothing can still touch it: no socket write or file read in flight. */
export function giveBack(buffer: Buffer): void {
  if (spare.length < KEEP) spare.push(buffer);
}
