// PKCE (RFC 7636) with S256 and the `state` that ties a redirect to the sign-in that asked for it.
// A native app has no client secret, so the verifier is what proves the code is ours.
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes give the 43-character verifier RFC 7636 recommends. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: challengeFor(verifier), method: 'S256' };
}

export function challengeFor(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createState(): string {
  return randomBytes(16).toString('base64url');
}
