// `npm run bench -- watch-correctness [--files N] [--folders N] [--growing N] [--grow-seconds S]
// [--rate-scale X]`: 1,000 files written at once across 50 sub-folders while 50 of them keep
// growing slowly for 20 s. Goal: exactly 1,000 uploads, zero duplicates, zero partial files (every
// file in Frame.io hashes the same as on disk at the end), every sub-folder mirrored.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { figure } from './_upload-support.ts';
import { startWatchRig, until } from './_watch-support.ts';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000' },
    folders: { type: 'string', default: '50' },
    growing: { type: 'string', default: '50' },
    'grow-seconds': { type: 'string', default: '20' },
    stable: { type: 'string', default: '2' },
    'rate-scale': { type: 'string', default: '10' },
  },
});
const fileCount = Number(values.files);
const folderCount = Number(values.folders);
const growingCount = Number(values.growing);
const growMs = Number(values['grow-seconds']) * 1000;
const rateScale = Number(values['rate-scale']);

const rig = await startWatchRig('watch-correctness', { stableSeconds: Number(values.stable) }, [
  '--rate-limits',
  'real',
  '--rate-limit-scale',
  String(rateScale),
  '--exchange-log',
  join(tmpdir(), `slate-bench-watch-correctness-${process.pid}.jsonl`),
]);

const finalBytes = new Map<string, Buffer>();
const paths = Array.from({ length: fileCount }, (_, i) => `sub${String(i % folderCount).padStart(2, '0')}/clip_${String(i).padStart(4, '0')}.mov`);
const chunk = (path: string, n: number) => createHash('sha256').update(`${path}#${n}`).digest().toString('hex').repeat(64);
const started = performance.now();
await Promise.all(Array.from({ length: folderCount }, (_, f) => mkdir(join(rig.dir, `sub${String(f).padStart(2, '0')}`), { recursive: true })));
await Promise.all(
  paths.map(async (path, i) => {
    const full = join(rig.dir, path);
    if (i >= growingCount) {
      const data = Buffer.from(chunk(path, 0));
      finalBytes.set(path, data);
      await writeFile(full, data);
      return;
    }
    // Grows by a chunk every 500 ms: always inside the stability window, never finished early.
    const parts: Buffer[] = [];
    for (let n = 0; performance.now() - started < growMs; n++) {
      const data = Buffer.from(chunk(path, n));
      parts.push(data);
      await appendFile(full, data);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    finalBytes.set(path, Buffer.concat(parts));
  }),
);
const written = performance.now();

await until(() => {
  const files = rig.manager.files(rig.watchId);
  return files.length === fileCount && files.every((f) => f.state === 'done' || f.state === 'failed' || f.state === 'skipped');
}, 1_800_000, 'every file to be uploaded');
const finished = performance.now();
const states = rig.manager.files(rig.watchId).reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.state]: (acc[f.state] ?? 0) + 1 }), {});

// What Frame.io holds, downloaded and hashed.
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const remote = new Map<string, string[]>();
for await (const folder of rig.api.listFolders(rig.folderId)) {
  for await (const asset of rig.api.listChildren(folder.id)) {
    const files = asset.type === 'file' ? [asset] : asset.type === 'version_stack' ? await Array.fromAsync(rig.api.listVersions(asset.id)) : [];
    for (const listed of files) {
      const file = await rig.api.showFile(listed.id, 'media_links.original');
      const response = await fetch(new URL(file.media_links!.original!.download_url!, rig.sandbox.url));
      const hashes = remote.get(`${folder.name}/${listed.name}`) ?? [];
      hashes.push(sha(Buffer.from(await response.arrayBuffer())));
      remote.set(`${folder.name}/${listed.name}`, hashes);
    }
  }
}
// Every upload Frame.io was asked to make, by folder and name, from the sandbox's exchange log.
const creates = new Map<string, number>();
const log = join(tmpdir(), `slate-bench-watch-correctness-${process.pid}.jsonl`);
for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
  const e = JSON.parse(line) as { method: string; url: string; status: number; requestBody: { data: { name: string } } };
  if (e.method !== 'POST' || !e.url.includes('/files/local_upload') || e.status !== 201) continue;
  const key = `${e.url.split('/folders/')[1]!.split('/')[0]!}/${e.requestBody.data.name}`;
  creates.set(key, (creates.get(key) ?? 0) + 1);
}
rmSync(log, { force: true });
const uploads = [...creates.values()].reduce((a, b) => a + b, 0);
const duplicates = [...remote.values()].filter((h) => h.length > 1).length + [...creates.values()].filter((n) => n > 1).length;
const partial = paths.filter((p) => remote.get(p)?.length === 1 && remote.get(p)![0] !== sha(finalBytes.get(p)!)).length;
const missing = paths.filter((p) => !remote.has(p)).length;
const foldersMirrored = new Set([...remote.keys()].map((k) => k.split('/')[0])).size;
await rig.close();

const extra = { files: fileCount, folders: folderCount, growing: growingCount, grow_seconds: growMs / 1000, rate_limit_scale: rateScale, states };
figure('watch-correctness-uploads', uploads, 'uploads', { ...extra, goal: fileCount, ok: uploads === fileCount });
figure('watch-correctness-duplicates', duplicates, 'files', { goal: 0, ok: duplicates === 0 });
figure('watch-correctness-partial', partial, 'files', { missing, goal: 0, ok: partial === 0 && missing === 0 });
figure('watch-correctness-folders-mirrored', foldersMirrored, 'folders', { goal: folderCount, ok: foldersMirrored === folderCount });
figure('watch-correctness-drain', (finished - written) / 1000, 's', { note: 'from the last write to the last upload done' });
