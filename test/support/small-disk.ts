// A small disk of its own for a test: a tmpfs mounted on a fresh folder, so "the disk is full"
// happens for real without filling the machine's disk. Mounting needs root (or CAP_SYS_ADMIN);
// where it is refused, `skipReason` says so and the tests that need it are skipped, visibly.
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Fills the disk, leaving about `leaveBytes` free (in whole pages). */
  fill(leaveBytes?: number): void;
  /** Frees what `fill` took. */
  empty(): void;
  unmount(): void;
}

export function mountSmallDisk(sizeBytes: number): SmallDisk | string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'slate-test', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `a small disk cannot be mounted here (${(mounted.stderr || mounted.error?.message || 'mount failed').trim()}); run the tests as root to include it`;
  }
  return {
    dir,
    fill(leaveBytes = 0) {
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      let written = 0;
      try {
        for (;;) written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
      ftruncateSync(fd, Math.max(0, written - leaveBytes));
      closeSync(fd);
    },
    empty() {
      rmSync(join(dir, 'filler'), { force: true });
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
