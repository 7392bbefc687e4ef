// How many OS file watches this process holds: on Linux, the inotify watch descriptors listed in
// /proc/self/fdinfo. Elsewhere there is no such count, and the answer is undefined.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export function osWatches(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    let target;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (target === 'anon_inode:inotify') count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter((l) => l.startsWith('inotify wd:')).length;
  }
  return count;
}
