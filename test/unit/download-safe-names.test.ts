// Names Frame.io allows but the local disk refuses come down under a safe name that turns back into
// the original; names the disk takes are left exactly as they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restoreName, safeName, type NamePlatform } from '../../main/core/transfers/download/safe-names.ts';

const PLATFORMS: NamePlatform[] = ['posix', 'win32'];

test('ordinary names, a percent sign among them, are kept as they are on both platforms', () => {
  for (const platform of PLATFORMS) {
    for (const name of ['take.mov', 'Ünïcødé take.mov', '日本語.wav', '100% final.mov', 'clip (1).mp4', '.hidden', 'a%b', 'rate 5%']) {
      assert.equal(safeName(name, platform), name, `${name} on ${platform}`);
    }
  }
});

test('a slash is escaped everywhere, and NUL', () => {
  assert.equal(safeName('A/B cut.mov', 'posix'), 'A%2FB cut.mov');
  assert.equal(safeName('a\u0000b', 'posix'), 'a%00b');
  assert.equal(safeName('.', 'posix'), '%2E');
  assert.equal(safeName('..', 'posix'), '%2E%2E');
});

test('on Windows: reserved characters, control characters, trailing dots and spaces, device names', () => {
  assert.equal(safeName('a<b>c:d"e\\f|g?h*i.mov', 'win32'), 'a%3Cb%3Ec%3Ad%22e%5Cf%7Cg%3Fh%2Ai.mov');
  assert.equal(safeName('tab\there', 'win32'), 'tab%09here');
  assert.equal(safeName('final.', 'win32'), 'final%2E');
  assert.equal(safeName('final . ', 'win32'), 'final%20%2E%20');
  assert.equal(safeName('CON', 'win32'), '%43ON');
  assert.equal(safeName('nul.txt', 'win32'), '%6Eul.txt');
  assert.equal(safeName('LPT1.log', 'win32'), '%4CPT1.log');
  // Only Windows refuses these.
  assert.equal(safeName('CON', 'posix'), 'CON');
  assert.equal(safeName('a:b?.', 'posix'), 'a:b?.');
});

test('every safe name turns back into the Frame.io name, including names that look escaped already', () => {
  const names = [
    'A/B cut.mov',
    '%2F is not a slash',
    '%41%42',
    '%%41',
    '%2/',
    '%zz and %4',
    'café%C3%A9',
    'a<b>c:d"e\\f|g?h*i',
    'CON',
    'com9.bin',
    'final. .',
    '..',
    '.',
    'line\nbreak',
    '日本/語',
  ];
  for (const platform of PLATFORMS) {
    for (const name of names) {
      const local = safeName(name, platform);
      assert.equal(restoreName(local), name, `${JSON.stringify(name)} on ${platform} went to ${JSON.stringify(local)}`);
      assert.ok(!local.includes('/'), `${JSON.stringify(local)} has no slash`);
      if (platform === 'win32') {
        const refused = /[<>:"\\|?*]|[. ]$/.test(local) || [...local].some((char) => char.charCodeAt(0) < 0x20);
        assert.ok(!refused, `${JSON.stringify(local)} is a Windows name`);
      }
    }
  }
  // An escape that only looks like one is escaped itself, so it is not read back as a character.
  assert.equal(safeName('%2F', 'posix'), '%252F');
});

test('a name too long for the disk keeps its start and extension within 255 bytes', () => {
  const long = `${'é'.repeat(200)}.mov`;
  const local = safeName(long, 'posix');
  assert.ok(Buffer.byteLength(local) <= 255, `${Buffer.byteLength(local)} bytes`);
  assert.ok(local.startsWith('ééé') && local.endsWith('….mov'), local);
  assert.equal(safeName('x'.repeat(255), 'posix'), 'x'.repeat(255));
});
