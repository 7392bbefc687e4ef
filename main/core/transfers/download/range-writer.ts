// How a range's bytes reach the disk: in writes of 32 KiB, made by a thread of their own.
//
// Why 32 KiB: on Linux 6.x ext4 fills the page cache in folios as large as each write, and large
// ones come from memory the kernel has not touched lately; on a virtual machine each first touch
// is a trip to the hypervisor, and 512 KiB writes cost 2-3 times the system CPU of 32 KiB ones
// there (measured on the development VM). 32 KiB is the largest folio the kernel keeps lists of
// just-freed pages for; curl writes 16 KiB.
//
// Why a thread: through the FileHandle each write is a trip through libuv's thread pool and back,
// two thread wake-ups per 32 KiB; a loop of plain writes on one thread costs half the CPU (0.7
// against 1.3 s for 2 GiB) and runs beside the socket reads instead of in turn with them. The
// bytes are not copied: the buffers they are read into are shared memory (`takeSharedBuffer`).
//
// The thread writes through a descriptor of its own, opened for the range from /proc/self/fd, so
// nothing it does can land in another file even if the caller's handle is closed meanwhile (its
// number then belongs to whatever is opened next). Where there is no /proc (Windows, macOS), the
// same writes go through the FileHandle, all of a buffer's at once.
import { close, openSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

/** Writing to the disk failed; `code` is the system's (ENOSPC for a full disk). */
export class WriteFailed extends Error {
  readonly code: string | undefined;
  constructor(cause: NodeJS.ErrnoException) {
    super(cause.message, { cause });
    this.code = cause.code;
  }
}

export interface RangeWriter {
  /** Writes every byte of `bytes` at `position`; they are not touched again once this settles. */
  write(bytes: Buffer, position: number): Promise<void>;
  /** After the last write has settled. */
  close(): Promise<void>;
}

export type WriteWay = 'thread' | 'handle';

const WRITE_SIZE = 32 * 1024;
const SHARED_SIZE = 1024 * 1024;
/** Enough for the usual five ranges at a time, and a few kept connections' worth. */
const KEEP = 12;
const spare: Buffer[] = [];

/** A 1 MiB buffer of shared memory, which the write thread reads where it is. */
export function takeSharedBuffer(): Buffer {
  return spare.pop() ?? Buffer.from(new SharedArrayBuffer(SHARED_SIZE));
}

/** The whole buffer, once nothing can still touch it: no socket read or write in flight. */
export function giveBackShared(buffer: Buffer): void {
  if (buffer.length === SHARED_SIZE && spare.length < KEEP) spare.push(buffer);
}

export const defaultWay: WriteWay = process.platform === 'linux' ? 'thread' : 'handle';

/** A writer for one range into `target`; the caller closes it once its writes have settled. */
export function openRangeWriter(target: FileHandle, way: WriteWay = defaultWay): RangeWriter {
  if (way === 'handle') return handleWriter(target);
  let fd: number;
  try {
    // fd is -1 once a close of the handle began; until then its number is the handle's own.
    if (target.fd < 0) throw Object.assign(new Error('the file was closed'), { code: 'EBADF' });
    fd = openSync(`/proc/self/fd/${target.fd}`, 'r+');
  } catch (error) {
    throw new WriteFailed(error as NodeJS.ErrnoException);
  }
  return {
    write: (bytes, position) => threadWrite(fd, bytes, position),
    close: () => new Promise((resolve) => close(fd, () => resolve())),
  };
}

function handleWriter(target: FileHandle): RangeWriter {
  return {
    async write(bytes, position) {
      const pieces = [];
      for (let at = 0; at < bytes.length; at += WRITE_SIZE) pieces.push(writePiece(target, bytes.subarray(at, at + WRITE_SIZE), position + at));
      // Every piece settles before the buffer goes back to be filled again.
      const failed = (await Promise.allSettled(pieces)).find((outcome) => outcome.status === 'rejected');
      if (failed) throw new WriteFailed(failed.reason as NodeJS.ErrnoException);
    },
    close: () => Promise.resolve(),
  };
}

/** One piece, continuing after a short write. */
async function writePiece(target: FileHandle, piece: Buffer, position: number): Promise<void> {
  for (let done = 0; done < piece.length; ) done += (await target.write(piece, done, piece.length - done, position + done)).bytesWritten;
}

// Plain CommonJS, evaluated by the thread: no bundler has to find a file for it, so the app, the
// web agent and the command line start it alike.
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
parentPort.on('message', ({ id, fd, memory, offset, length, position }) => {
  const bytes = new Uint8Array(memory, offset, length);
  try {
    for (let done = 0; done < length; ) done += writeSync(fd, bytes, done, Math.min(${WRITE_SIZE}, length - done), position + done);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, failure: { message: error.message, code: error.code } });
  }
});
`;

interface Reply {
  id: number;
  failure?: { message: string; code?: string };
}

let thread: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

function threadWrite(fd: number, bytes: Buffer, position: number): Promise<void> {
  if (!(bytes.buffer instanceof SharedArrayBuffer)) throw new Error('the write thread takes shared memory only');
  const worker = (thread ??= startThread());
  // Kept referenced while a write waits on it, so the process never ends with one half done.
  worker.ref();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, fd, memory: bytes.buffer, offset: bytes.byteOffset, length: bytes.length, position });
  });
}

function startThread(): Worker {
  const started = new Worker(SOURCE, { eval: true });
  started.on('message', ({ id, failure }: Reply) => {
    const waiter = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) started.unref();
    if (failure) waiter?.reject(new WriteFailed(Object.assign(new Error(failure.message), { code: failure.code })));
    else waiter?.resolve();
  });
  const fail = (error: Error) => {
    if (thread === started) thread = undefined;
    for (const waiter of waiting.values()) waiter.reject(new WriteFailed(Object.assign(new Error(`the write thread stopped: ${error.message}`), { cause: error })));
    waiting.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  return started;
}
