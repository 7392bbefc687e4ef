// One Contract per test process: compiling the spec is the slow part, checking is cheap.
import { fileURLToPath } from 'node:url';
import { Contract } from '../contract/validator.ts';

let contract: Contract | undefined;

export function specContract(): Contract {
  contract ??= Contract.fromFile(fileURLToPath(new URL('../contract/openapi.json', import.meta.url)));
  return contract;
}
