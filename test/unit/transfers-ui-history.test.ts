// The transfer history taken away as CSV or JSON names what the person chose and where it went in
// Frame.io, never the web agent's staging folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TransferJob } from '../../preload/contract.ts';
import { chosenPath, historyCsv, historyJson, historyRecords } from '../../renderer/src/lib/history-export.ts';

const BATCH = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const job = (fields: Partial<TransferJob> = {}): TransferJob => ({
  id: 'j1', kind: 'upload', accountId: 'a', folderId: 'f', label: '/Volumes/RAID/Shoot Day 2', state: 'done', error: null, priority: 0,
  createdAt: Date.UTC(2026, 5, 7, 9), updatedAt: Date.UTC(2026, 5, 7, 9, 5), filesTotal: 3, filesDone: 3, filesSkipped: 0, filesFailed: 0,
  bytesTotal: 300, bytesDone: 300, waitingSince: null, pausedBy: null, startedAt: Date.UTC(2026, 5, 7, 9, 0, 1), endedAt: Date.UTC(2026, 5, 7, 9, 4),
  filesVerified: 3, bytesVerified: 300, destination: { folderId: 'f', label: 'Harbor / Dailies, day 2', url: 'https://next.frame.io/project/p/f' },
  ...fields,
});

test('a staged copy is named by the path that was dropped, on either agent', () => {
  assert.equal(chosenPath(`/home/ana/.local/share/slate/staging/${BATCH}/Shoot Day 2`), 'Shoot Day 2');
  assert.equal(chosenPath(`/Users/ana/Library/Application Support/Slate/staging/${BATCH}/A001.mov`), 'A001.mov');
  assert.equal(chosenPath(`C:\\Users\\ana\\AppData\\Roaming\\Slate\\staging\\${BATCH}\\Card A\\A001.mov`), 'Card A\\A001.mov');
  assert.equal(chosenPath(`/tmp/slate-staging-Xy12Ab/${BATCH}/notes.txt`), 'notes.txt');
  // A path the person picked on their own disk stays whole, even one with a staging folder of its own.
  assert.equal(chosenPath('/Volumes/RAID/Shoot Day 2'), '/Volumes/RAID/Shoot Day 2');
  assert.equal(chosenPath('/Volumes/RAID/staging/reel.mov'), '/Volumes/RAID/staging/reel.mov');
});

test('each record names the source chosen, the destination folder and its link, with times as ISO dates', () => {
  const [record] = historyRecords([job()]);
  assert.equal(record!.source, '/Volumes/RAID/Shoot Day 2');
  assert.equal(record!.destination, 'Harbor / Dailies, day 2');
  assert.equal(record!.destinationUrl, 'https://next.frame.io/project/p/f');
  assert.equal(record!.createdAt, '2026-06-07T09:00:00.000Z');
  assert.equal(record!.startedAt, '2026-06-07T09:00:01.000Z');
  assert.equal(record!.endedAt, '2026-06-07T09:04:00.000Z');
  const unfinished = historyRecords([job({ state: 'running', endedAt: null, destination: { folderId: 'f', label: null, url: null } })])[0]!;
  assert.equal(unfinished.endedAt, null);
  assert.equal(unfinished.destination, null);
});

test('a remote upload is named by its URL', () => {
  const url = 'https://cdn.example.com/renders/promo_v3.mov';
  assert.equal(historyRecords([job({ kind: 'remote', label: url })])[0]!.source, url);
});

test('neither export carries a staging path, in the source or in an error', () => {
  const staged = `/home/ana/.local/share/slate/staging/${BATCH}`;
  const jobs = [
    job({ id: 'j1', label: `${staged}/Shoot Day 2` }),
    job({ id: 'j2', kind: 'version', label: `${staged}/promo_v4.mov`, state: 'failed', error: `Could not read "${staged}/promo_v4.mov": the file is gone. Check the file is there and readable.` }),
  ];
  const csv = historyCsv(jobs);
  const json = historyJson(jobs);
  for (const text of [csv, json]) {
    assert.equal(text.includes('staging'), false, text);
    assert.equal(text.includes(BATCH), false, text);
  }
  const records = JSON.parse(json) as Array<{ source: string; error: string | null; destination: string }>;
  assert.deepEqual(records.map((r) => r.source), ['Shoot Day 2', 'promo_v4.mov']);
  assert.equal(records[1]!.error, 'Could not read "promo_v4.mov": the file is gone. Check the file is there and readable.');
  assert.equal(records[0]!.destination, 'Harbor / Dailies, day 2');
});

test('the CSV has a header naming source and destination, and quotes what needs quoting', () => {
  const lines = historyCsv([job()]).split('\r\n');
  assert.equal(lines[0], 'id,kind,source,destination,destinationUrl,state,error,filesTotal,filesDone,filesSkipped,filesFailed,filesVerified,bytesTotal,bytesDone,bytesVerified,createdAt,startedAt,endedAt');
  assert.equal(lines[1], 'j1,upload,/Volumes/RAID/Shoot Day 2,"Harbor / Dailies, day 2",https://next.frame.io/project/p/f,done,,3,3,0,0,3,300,300,300,2026-06-07T09:00:00.000Z,2026-06-07T09:00:01.000Z,2026-06-07T09:04:00.000Z');
  assert.equal(lines.at(-1), '', 'the file ends with a line break');
});
