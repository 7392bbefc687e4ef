// Packaging smoke test: electron-builder makes an unpacked Linux app (`--dir`) from a local Electron
// distribution directory. This network cannot download Electron, so unless SLATE_ELECTRON_DIST names
// a real one, a directory holding a stand-in `electron` executable is used and electron-builder only
// copies it. Then: what went into app.asar (build output and runtime dependencies, no sources, no
// tests, no source maps), the packaged package.json, and the sign-in protocol in the build config.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { ROOT } from '../support/processes.ts';

const run = promisify(execFile);
const builder = join(ROOT, 'node_modules', '.bin', 'electron-builder');
const skip = !existsSync(builder) ? 'electron-builder is not installed (npm ci)' : process.platform !== 'linux' ? 'the smoke test builds the Linux layout' : false;
const work = mkdtempSync(join(tmpdir(), 'slate-package-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
  offset?: string;
}

/** The asar format: a pickled JSON header (sizes in the first 16 bytes), then the files' bytes. */
function readAsar(path: string): { files: string[]; read(name: string): Buffer; close(): void } {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(16);
  readSync(fd, head, 0, 16, 0);
  const json = Buffer.alloc(head.readUInt32LE(12));
  readSync(fd, json, 0, json.length, 16);
  const root = JSON.parse(json.toString('utf8')) as AsarNode;
  const base = 8 + head.readUInt32LE(4);
  const files: string[] = [];
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else files.push(path);
    }
  };
  walk(root, '');
  return {
    files,
    read(name) {
      const node = name.split('/').reduce<AsarNode | undefined>((at, part) => at?.files?.[part], root);
      assert.ok(node?.size !== undefined, `${name} is in the asar`);
      const bytes = Buffer.alloc(node.size);
      readSync(fd, bytes, 0, node.size, base + Number(node.offset));
      return bytes;
    },
    close: () => closeSync(fd),
  };
}

function electronDist(): string {
  if (process.env.SLATE_ELECTRON_DIST) return process.env.SLATE_ELECTRON_DIST;
  const dir = join(work, 'electron-dist');
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

test('electron-builder packs only the build output and runtime dependencies into app.asar', { skip, timeout: 600_000 }, async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) await run(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT });
  const output = join(work, 'dist');
  await run(builder, ['--linux', 'dir', '--x64', `-c.electronDist=${electronDist()}`, `-c.directories.output=${output}`, '-c.npmRebuild=false'], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_BUILDER_CACHE: join(work, 'cache') },
    maxBuffer: 16 * 1024 * 1024,
  });
  const unpacked = join(output, 'linux-unpacked');
  assert.ok(existsSync(join(unpacked, 'slate')), 'the Electron executable is there under the app\'s name');
  const asar = readAsar(join(unpacked, 'resources', 'app.asar'));

  const own = asar.files.filter((f) => !f.startsWith('node_modules/'));
  // out/** is the build; the icon is the tray's; assets/sandbox/** is the embedded demo sandbox's sample media.
  const unexpected = own.filter((f) => !(f.startsWith('out/') || f === 'package.json' || f === 'assets/icon.png' || f.startsWith('assets/sandbox/')));
  assert.deepEqual(unexpected, [], 'only build output goes in');
  for (const needed of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', 'assets/icon.png']) assert.ok(own.includes(needed), `${needed} is packed`);
  assert.deepEqual(own.filter((f) => /\.(ts|tsx|map)$/.test(f) || /(^|\/)(test|tests|__tests__)\//.test(f)), [], 'no sources, tests or source maps');

  const packed = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const modules = new Set(asar.files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(1, f.split('/')[1]!.startsWith('@') ? 3 : 2).join('/')));
  for (const name of Object.keys(packed.dependencies)) assert.ok(modules.has(name), `runtime dependency ${name} is packed`);
  // A development dependency may come along only as some runtime dependency's own dependency (ajv for conf).
  const required = new Set(Object.keys(packed.dependencies));
  for (const name of modules) {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) required.add(dependency);
  }
  for (const name of Object.keys(packed.devDependencies)) {
    if (!required.has(name)) assert.equal(modules.has(name), false, `development dependency ${name} stays out`);
  }
  for (const name of ['electron', 'node', 'typescript', 'playwright-core', 'react']) assert.equal(modules.has(name), false, `${name} stays out`);

  const metadata = JSON.parse(asar.read('package.json').toString('utf8'));
  assert.equal(metadata.name, 'slate');
  assert.equal(metadata.version, packed.version);
  assert.equal(metadata.main, 'out/main/index.js');
  assert.equal(metadata.devDependencies, undefined);
  assert.equal(metadata.scripts, undefined);
  asar.close();
});

test('the build config declares the app, its installers and the sign-in protocol', { skip }, () => {
  const config = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  assert.match(config, /^appId: app\.slate\.desktop$/m);
  assert.match(config, /^productName: Slate$/m);
  assert.match(config, /^protocols:\n {2}- name: Slate sign-in\n {4}schemes:\n {6}- [a-z][a-z0-9+.-]*$/m);
  for (const target of ['dmg', 'zip', 'nsis', 'AppImage', 'deb']) assert.match(config, new RegExp(`^ {4}- ${target}$`, 'm'), `${target} is built`);
  assert.match(config, /^ {2}hardenedRuntime: true$/m);
});
