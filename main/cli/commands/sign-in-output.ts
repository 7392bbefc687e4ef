// How the sign-in commands report a failed sign-in: what happened, what to do, and an exit code
// (3 when the sign-in itself was refused, 1 when the server or network failed, 130 on Ctrl-C).
import type { SignInError } from '../../core/api/auth/errors.ts';
import { EXIT, printJson } from '../output.ts';

export function reportSignInFailure(error: SignInError, json: boolean): number {
  const code = error.kind === 'cancelled' ? 130 : ['denied', 'state-mismatch', 'rejected'].includes(error.kind) ? EXIT.auth : EXIT.failed;
  if (json) {
    printJson({ ok: false, error: { kind: error.kind, message: error.message, action: error.action } });
  } else {
    console.error(`slate: ${error.message}`);
    console.error(`       ${error.action}`);
  }
  return code;
}
