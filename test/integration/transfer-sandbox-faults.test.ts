// A tree of files through the transfer engine while the sandbox injects faults: part PUTs reset
// and answered 503, API calls answered 429 and 503. Every byte must arrive, each source must be
// exactly one Frame.io file, and the engine's recorded digest must be each file's true sha256.
//
// This uses the plain sandbox, not the contract-checking one: injected 503s are not a status the
// spec declares, so the checked sandbox would (rightly) report them as spec violations. What the
// client sends is still checked against the spec, request by request.
import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSandbox, type Sandbox, type SandboxExchange } from '../../main/sandbox/server.ts';
import { specContract } from '../support/contract.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';
import { engineFor, makeTree, remoteTree, sha256File } from './transfer-helpers.ts';

const PART = 256 * 1024;
// Deterministic: every Nth request of its class fails, counted per rule; the first listed wins.
const FAULTS = 'part:reset@every7,part:5xx@every6,api:429@every15,api:5xx@every8,seed=11';

let plain: Sandbox;
// The helpers take a checked sandbox; they only use its URL, token and account.
let sandbox: CheckedSandbox;
const exchanges: SandboxExchange[] = [];

before(async () => {
  plain = await startSandbox({ partSize: PART, rateLimits: 'off', transcodeDelayMs: 0, faults: FAULTS, observe: (e) => exchanges.push(e) });
  sandbox = { ...plain, exchanges, problems: [] };
});
after(async () => {
  await plain.close();
  // A request answered with an injected fault was refused before its body was read.
  const apiRequests = exchanges.filter((e) => e.url.startsWith('/v4/') && e.status < 400);
  assert.ok(apiRequests.length > 0);
  assert.deepEqual(apiRequests.flatMap((e) => specContract().checkRequest(e)), [], 'every request the client sent is one the spec allows');
});

test('with resets, 5xx and 429s injected, a Unicode tree arrives whole, once per file, with true sha256s', { timeout: 45_000 }, async () => {
  const files = {
    'Plates/A001_C002 — 日本語.mov': 3_000_000, // 12 parts
    'Plates/Ünïcødé 🎬.wav': 4 * PART + 1, // a last part of one byte
    'Plates/Selects/hero (final) №2.mxf': 700_000,
    'Audio/Ελληνικά/κανάλι 1.wav': PART, // exactly one part
    'Ω/한국어 파일.txt': 4_321,
    'notes — é.txt': 1,
    'b.bin': 1_100_000,
  };
  const root = makeTree(files);
  const engine = engineFor(sandbox, { partConcurrency: 4, maxParts: 8 });
  const started = performance.now();
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [root], recordSha256: true })).id);
  const seconds = (performance.now() - started) / 1000;
  const records = engine.files(job.id);
  assert.equal(job.state, 'done', JSON.stringify(records.filter((f) => f.error).map((f) => [f.name, f.error])));
  assert.equal(job.filesDone, Object.keys(files).length);
  // Bounded: retries back off (and a 429 waits its Retry-After of 1 s), but they do not pile up.
  assert.ok(seconds < 30, `the faults cost retries, not minutes (${seconds.toFixed(1)} s)`);

  // The faults did happen, on each front.
  const putStatuses = exchanges.filter((e) => e.method === 'PUT' && e.url.startsWith('/objects/')).map((e) => e.status);
  const apiStatuses = exchanges.filter((e) => e.url.startsWith('/v4/')).map((e) => e.status);
  assert.ok(putStatuses.includes(503), 'part PUTs were answered 503');
  assert.ok(apiStatuses.includes(429) && apiStatuses.includes(503), 'API calls were answered 429 and 503');
  const parts = Object.values(files).reduce((sum, size) => sum + Math.ceil(size / PART), 0);
  // A reset leaves no exchange behind; but with at least `parts` answered PUTs, the every-7th
  // rule has dropped several connections too.
  assert.ok(putStatuses.length >= parts && parts >= 10);
  assert.equal(putStatuses.filter((s) => s === 200).length, parts, 'each part was accepted once: a retry never follows an acknowledged part');

  const remote = await remoteTree(sandbox, sandbox.rootFolderId);
  const top = basename(root);
  assert.deepEqual([...remote.keys()].sort(), Object.keys(files).map((rel) => `${top}/${rel}`).sort(), 'nothing else is in Frame.io');
  for (const rel of Object.keys(files)) {
    const entries = remote.get(`${top}/${rel}`)!;
    assert.equal(entries.length, 1, `exactly one Frame.io file for ${rel}`);
    const local = sha256File(join(root, rel));
    assert.equal(entries[0]!.sha256, local, `${rel} arrived byte for byte`);
    const record = records.find((f) => f.remoteId === entries[0]!.file.id);
    assert.equal(record?.sha256, `sha256:${local}`, `the engine recorded the whole-file sha256 of ${rel}`);
  }
  await engine.close();
});
