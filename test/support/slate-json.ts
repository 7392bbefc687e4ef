// A `slate … --json` command as a test drives it: every JSON line it prints as an event, a wait for
// the first event that matches, kill -9, and how it ended with everything it said.
import { spawn } from 'node:child_process';
import { NODE, ROOT } from './processes.ts';

export interface SlateJson<E> {
  events: E[];
  /** resolves with the first event that matches; rejects if the command ends without one */
  next(match: (event: E) => boolean): Promise<E>;
  kill(signal?: NodeJS.Signals): void;
  /** `text` is everything it said, stdout and stderr as they came */
  done: Promise<{ code: number | null; text: string; stdout: string }>;
}

/** Runs `slate` with `args` from the repository, its environment over this one's, `input` on stdin. */
export function slateJson<E>(args: string[], env: NodeJS.ProcessEnv, input = ''): SlateJson<E> {
  const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  child.stdin.end(input);
  const events: E[] = [];
  const waiting: Array<{ match: (event: E) => boolean; resolve: (event: E) => void }> = [];
  let text = '';
  let stdout = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk;
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      // A JSON line is an event; a document printed over several lines (`slate status --json`) is read from `stdout`.
      if (!line.startsWith('{') || !line.endsWith('}')) continue;
      const event = JSON.parse(line) as E;
      events.push(event);
      for (const w of waiting.filter((w) => w.match(event))) w.resolve(event);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (text += chunk));
  const done = new Promise<{ code: number | null; text: string; stdout: string }>((resolve) => child.once('close', (code) => resolve({ code, text, stdout })));
  return {
    events,
    next: (match) =>
      new Promise((resolve, reject) => {
        const seen = events.find(match);
        if (seen) return resolve(seen);
        waiting.push({ match, resolve });
        void done.then(({ text }) => reject(new Error(`the command ended without that event:\n${text}`)));
      }),
    kill: (signal = 'SIGKILL') => child.kill(signal),
    done,
  };
}
