// The hidden prompt `slate login --token -` shows on a terminal: it takes what is typed without
// echoing any of it, lets a typo be erased, and leaves the terminal as it found it.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { promptHidden, readPiped, type TerminalInput } from '../../main/cli/secret-input.ts';

function terminal() {
  const input = new PassThrough() as PassThrough & TerminalInput;
  const modes: boolean[] = [];
  input.isTTY = true;
  input.setRawMode = (raw: boolean) => modes.push(raw);
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { input, output, modes, shown: () => shown };
}

test('the prompt returns what was typed, erasing on backspace, and shows none of it', async () => {
  const t = terminal();
  const answer = promptHidden('Token: ', t.input, t.output);
  t.input.write('fio-u-');
  t.input.write('secrex\u007ft\r');
  assert.equal(await answer, 'fio-u-secret');
  assert.equal(t.shown(), 'Token: \n');
  assert.deepEqual(t.modes, [true, false], 'raw mode on while typing, off after');
});

test('Ctrl+C at the prompt cancels: no token, and the terminal is restored', async () => {
  const t = terminal();
  const answer = promptHidden('Token: ', t.input, t.output);
  t.input.write('half\u0003');
  assert.equal(await answer, undefined);
  assert.deepEqual(t.modes, [true, false]);
});

test('piped input is read to its end and trimmed', async () => {
  const input = new PassThrough();
  input.end('  fio-u-piped\n');
  assert.equal(await readPiped(input), 'fio-u-piped');
});
