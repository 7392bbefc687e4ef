// Regenerates main/common/operations.generated.ts from the vendored Frame.io spec, so the
// client's scheduler and the sandbox's limiter both read the documented limits, not hand copies.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { operationsFromSpec, renderOperationsModule } from '../main/common/spec-operations.ts';

const specPath = fileURLToPath(new URL('../test/contract/openapi.json', import.meta.url));
const outPath = fileURLToPath(new URL('../main/common/operations.generated.ts', import.meta.url));

const spec = JSON.parse(readFileSync(specPath, 'utf8'));
writeFileSync(outPath, renderOperationsModule(operationsFromSpec(spec)));
console.log(`wrote ${outPath}`);
