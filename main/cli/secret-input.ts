// A token read where neither `ps` nor the shell's history can see it: piped standard input, or a
// prompt on the terminal that shows nothing of what is typed.
import type { Writable } from 'node:stream';

/** What the prompt needs of a terminal: Node's tty.ReadStream is one. */
export interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode(raw: boolean): unknown;
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CANCEL = new Set(['\u0003', '\u0004']); // Ctrl+C, Ctrl+D: raw mode turns them into keys

/** Everything piped in, trimmed: `printf %s "$TOKEN" | slate login --token -`. */
export async function readPiped(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.trim();
}

/** Asks on the terminal without echoing; undefined when the person cancels with Ctrl+C or Ctrl+D. */
export function promptHidden(question: string, input: TerminalInput, output: Writable): Promise<string | undefined> {
  output.write(question);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  let typed = '';
  return new Promise((resolve) => {
    const finish = (value: string | undefined) => {
      input.off('data', onKeys);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onKeys = (keys: string) => {
      for (const key of keys) {
        if (ENTER.has(key)) return finish(typed.trim());
        if (CANCEL.has(key)) return finish(undefined);
        if (ERASE.has(key)) typed = typed.slice(0, -1);
        else if (key >= ' ') typed += key;
      }
    };
    input.on('data', onKeys);
  });
}
