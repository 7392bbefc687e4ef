// `npm run bench -- <name> [args...]`: runs test/bench/<name>.ts, which prints one JSON object per figure.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [name, ...rest] = process.argv.slice(2);
const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));

if (!name || !existsSync(`${dir}/${name}.ts`)) {
  console.error(`Usage: npm run bench -- <name>\nBenchmarks: ${available.join(', ') || '(none yet)'}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, `${dir}/${name}.ts`, ...rest];
await import(`./${name}.ts`);
