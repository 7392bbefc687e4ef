// A tree observer in a process of its own, so a test can run it as a user permission bits apply to:
// `node observe-tree.ts DIR recursive|per-directory` prints one JSON line per event, `started` once
// the first scan is over, and stops on SIGTERM.
import { TreeObserver } from '../../main/core/watch/tree-observer.ts';

const [dir, mode] = process.argv.slice(2) as [string, string];
const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
const observer = new TreeObserver(dir, () => false, { recursive: mode === 'recursive', checkEveryMs: 100, retryUnreadableMs: 100 });
observer.on('file', (path, stat) => say({ event: 'file', path, size: stat.size, ctimeMs: stat.ctimeMs }));
observer.on('gone', (path) => say({ event: 'gone', path }));
observer.on('goneDir', (path) => say({ event: 'goneDir', path }));
observer.on('error', (error) => say({ event: 'error', message: error.message }));
observer.on('readable', (path) => say({ event: 'readable', path }));
process.once('SIGTERM', () => void observer.close());
await observer.start();
say({ event: 'started' });
