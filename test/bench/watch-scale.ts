// `npm run bench -- watch-scale [--dirs N] [--files-per-dir N]`: a tree of 100,000 files in 1,000
// directories. Each watcher runs in a child process of its own, one after another on the same tree:
// a bare chokidar 6 watcher, then Slate's watch (a) after a restart with every file already
// uploaded (journal full) and (b) on a tree it has never seen (journal empty). Figures: time to
// ready, RSS after ready, and the inotify watches held. Goals: ready ≤ 1.5 × bare, RSS ≤ 300 MB,
// no per-file OS watches. Uploads are not part of this figure: the engine is replaced by a no-op.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { watch } from 'chokidar';
import { FolderWatch } from '../../main/core/watch/folder-watch.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { withDefaults } from '../../main/core/watch/settings.ts';
import { osWatches } from '../support/os-watches.ts';
import { benchDir, figure } from './_upload-support.ts';

const { values } = parseArgs({
  options: {
    dirs: { type: 'string', default: '1000' },
    'files-per-dir': { type: 'string', default: '100' },
    child: { type: 'string' },
    tree: { type: 'string' },
    db: { type: 'string' },
  },
});

async function child(kind: string, tree: string, dbPath: string): Promise<void> {
  const start = performance.now();
  let close: () => Promise<void>;
  if (kind === 'bare') {
    const watcher = watch(tree, { persistent: true });
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    close = () => watcher.close();
  } else {
    const journal = new WatchJournal(new DatabaseSync(dbPath));
    const folderWatch = new FolderWatch({
      id: 'scale',
      dir: tree,
      settings: withDefaults({ stableSeconds: 60 }),
      journal,
      uploader: { submit: async () => 'job', settle: async () => ({ outcome: 'done', fileId: 'f', sha256: null, reason: 'uploaded' }), cancel: async () => {} },
      destination: { folderFor: async () => 'folder', candidates: async () => [], remember: async () => {} },
    });
    await folderWatch.start();
    const counts = folderWatch.counts();
    if (counts.done + counts.pending === 0) throw new Error('the watch found no files');
    close = () => folderWatch.stop();
  }
  const readyMs = performance.now() - start;
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(JSON.stringify({ readyMs, rssMb: rss / 1024 / 1024, heapMb: heapUsed / 1024 / 1024, osWatches: osWatches() }));
  await close();
}

if (values.child) {
  await child(values.child, values.tree!, values.db!);
} else {
  const dirs = Number(values.dirs);
  const perDir = Number(values['files-per-dir']);
  const root = benchDir('watch-scale');
  const tree = join(root, 'tree');
  const made = performance.now();
  for (let d = 0; d < dirs; d++) {
    // Two levels, like a real offload: card/clip folders.
    const dir = join(tree, `card${String(Math.floor(d / 50)).padStart(3, '0')}`, `clips${String(d).padStart(4, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let f = 0; f < perDir; f++) writeFileSync(join(dir, `A${String(f).padStart(3, '0')}.mov`), 'x');
  }
  const files = dirs * perDir;
  console.error(`made ${files} files in ${dirs} directories in ${Math.round(performance.now() - made)} ms`);

  // A journal that already holds every file as uploaded: the restart of a watch on a big tree.
  const warmDb = join(root, 'warm.db');
  const db = new DatabaseSync(warmDb);
  const journal = new WatchJournal(db);
  journal.addWatch({ id: 'scale', dir: tree, accountId: 'a', folderId: 'f', settings: {}, paused: false });
  db.exec('BEGIN');
  for (const card of readdirSync(tree)) {
    for (const clips of readdirSync(join(tree, card))) {
      for (const name of readdirSync(join(tree, card, clips))) {
        const s = statSync(join(tree, card, clips, name));
        journal.putFile('scale', { path: `${card}/${clips}/${name}`, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, sha256: null, state: 'done', reason: 'uploaded', remoteId: 'r', jobId: null });
      }
    }
  }
  db.exec('COMMIT');
  db.close();
  const coldDb = join(root, 'cold.db');

  const script = fileURLToPath(import.meta.url);
  const run = (kind: string, dbPath = '') => {
    const result = spawnSync(process.execPath, ['--expose-gc', script, '--child', kind, '--tree', tree, '--db', dbPath], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (result.status !== 0) throw new Error(`${kind} failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { readyMs: number; rssMb: number; heapMb: number; osWatches?: number };
  };
  run('bare'); // warms the disk cache for everyone
  const bare = run('bare');
  const warm = run('slate', warmDb);
  const cold = run('slate', coldDb);
  const bareAgain = run('bare');
  const bareMs = Math.min(bare.readyMs, bareAgain.readyMs);

  const extra = { files, dirs };
  figure('watch-scale-bare-chokidar-ready', bareMs, 'ms', { ...extra, rss_mb: Math.round(bare.rssMb), heap_used_mb: Math.round(bare.heapMb), os_watches: bare.osWatches });
  for (const [name, r] of [['restart', warm], ['first-sight', cold]] as const) {
    figure(`watch-scale-${name}-ready`, r.readyMs, 'ms', { ...extra, ratio_to_bare: Math.round((r.readyMs / bareMs) * 100) / 100, goal_ratio: 1.5, ok: r.readyMs <= 1.5 * bareMs });
    // RSS keeps the high-water mark of the first scan's parallel stats; the heap after GC is what stays.
    figure(`watch-scale-${name}-rss`, r.rssMb, 'MB', { ...extra, heap_used_mb: Math.round(r.heapMb), bare_rss_mb: Math.round(bare.rssMb), goal_mb: 300, ok: r.rssMb <= 300 });
    figure(`watch-scale-${name}-os-watches`, r.osWatches ?? -1, 'watches', { ...extra, directories: dirs + dirs / 50 + 1, ok: r.osWatches === undefined || r.osWatches <= dirs + dirs / 50 + 1 });
  }
  rmSync(root, { recursive: true, force: true });
}
