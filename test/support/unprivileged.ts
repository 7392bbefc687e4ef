// Permission bits mean nothing to root: a test that needs a read refused runs its reader as an
// ordinary user. Under root that is `nobody`, through setpriv; otherwise the test's own user.
import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';

const NOBODY = 65534;

export interface Unprivileged {
  /** the command and arguments that run `args` as the ordinary user */
  command(args: string[]): [string, string[]];
  /** hands a path the reader must write to (its data folder) to that user */
  own(path: string): void;
}

/** How to run a process that permission bits apply to, or why it cannot be done here. */
export function unprivileged(): Unprivileged | string {
  if (process.getuid?.() !== 0) return { command: (args) => [process.execPath, args], own: () => {} };
  const prefix = ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
  try {
    execFileSync(prefix[0]!, [...prefix.slice(1), process.execPath, '-e', '0'], { stdio: 'ignore' });
  } catch (error) {
    return `cannot drop root's privileges to test a refused read (setpriv to nobody failed: ${(error as Error).message})`;
  }
  return {
    command: (args) => [prefix[0]!, [...prefix.slice(1), process.execPath, ...args]],
    own: (path) => chownSync(path, NOBODY, NOBODY),
  };
}
