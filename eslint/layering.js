// Layering by folder, the way VS Code's `code-layering` rule names where code may run: each layer
// lists the folders it may import from. An import of anything else is an error naming both.
import { dirname, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Each layer, by the folder (or file) it is, and what it may import besides itself. */
export const LAYERS = [
  // Pure code with no environment that Slate and its sandbox both stand on: the operations table
  // read from the spec, and timecode maths. It imports nothing of Slate's.
  { name: 'common', path: 'main/common/', may: [] },
  { name: 'core', path: 'main/core/', may: ['main/common/', 'preload/contract.ts', 'package.json'] },
  { name: 'electron shell', path: 'main/electron/', may: ['main/common/', 'main/core/', 'preload/contract.ts', 'main/backend.ts', 'package.json'] },
  { name: 'web agent', path: 'main/web/', may: ['main/common/', 'main/core/', 'preload/contract.ts'] },
  // The CLI starts the web agent for `slate serve`.
  { name: 'CLI', path: 'main/cli/', may: ['main/common/', 'main/core/', 'preload/contract.ts', 'main/backend.ts', 'main/web/', 'package.json'] },
  { name: 'backend', path: 'main/backend.ts', may: ['main/common/', 'main/core/', 'main/sandbox/', 'preload/contract.ts', 'package.json'] },
  // The sandbox stands in for Frame.io, so it must not lean on the client it tests.
  { name: 'sandbox', path: 'main/sandbox/', may: ['main/common/'] },
  { name: 'contract', path: 'preload/contract.ts', may: [] },
  { name: 'preload', path: 'preload/', may: ['preload/contract.ts'] },
  { name: 'renderer', path: 'renderer/', may: ['preload/contract.ts'] },
];

function layerOf(file) {
  const path = relative(ROOT, file).split('\\').join('/');
  return { path, layer: LAYERS.find((layer) => (layer.path.endsWith('/') ? path.startsWith(layer.path) : path === layer.path)) };
}

export const layeringRule = {
  meta: { type: 'problem', docs: { description: 'Each layer imports only the layers it may.' }, schema: [] },
  create(context) {
    const { layer } = layerOf(context.filename);
    if (!layer) return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const { path, layer: target } = layerOf(resolve(dirname(context.filename), source));
      if (target === layer || layer.may.some((allowed) => (allowed.endsWith('/') ? path.startsWith(allowed) : path === allowed))) return;
      context.report({ node: node.source, message: `The ${layer.name} (${layer.path}) may not import ${path}: it may import only itself${layer.may.length ? ` and ${layer.may.join(', ')}` : ''}.` });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
