// Turns the vendored OpenAPI 3.0 document into something Ajv's 2019-09 dialect reads the way
// Frame.io means it (see PROVENANCE.md, "A trap for validators"):
// - `nullable: true` becomes a `null` alternative;
// - `additionalProperties: false` beside `allOf` means "nothing beyond what any part declares",
//   which 2019-09 spells `unevaluatedProperties: false`; the parts themselves must then stay open,
//   so a closed schema used as an `allOf` part is referenced through an open copy.

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const SCHEMAS = '#/components/schemas/';
const OPEN_SUFFIX = '__open';

export function translateSpec(spec: Json): Json {
  const doc = structuredClone(spec) as Json & { components: { schemas: Record<string, Json> } };
  const schemas = doc.components.schemas;
  const openNeeded = new Set<string>();

  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);

    if (Array.isArray(out.allOf)) {
      const closed = out.additionalProperties === false || out.allOf.some((part) => isClosed(part, schemas));
      out.allOf = out.allOf.map((part) => openPart(part, openNeeded));
      if (closed) {
        delete out.additionalProperties;
        out.unevaluatedProperties = false;
      }
    }
    if (out.nullable === true) {
      delete out.nullable;
      return nullableOf(out);
    }
    delete out.nullable;
    return out;
  };

  for (const [name, schema] of Object.entries(schemas)) schemas[name] = walk(schema) as Json;
  doc.paths = walk(doc.paths);
  for (const name of openNeeded) {
    const open = { ...schemas[name] };
    delete open.additionalProperties;
    delete open.unevaluatedProperties;
    schemas[name + OPEN_SUFFIX] = open;
  }
  return doc;
}

function isClosed(part: unknown, schemas: Record<string, Json>): boolean {
  if (!isObject(part)) return false;
  if (part.additionalProperties === false) return true;
  const ref = typeof part.$ref === 'string' && part.$ref.startsWith(SCHEMAS) ? schemas[part.$ref.slice(SCHEMAS.length)] : undefined;
  return ref?.additionalProperties === false;
}

function openPart(part: unknown, openNeeded: Set<string>): unknown {
  if (!isObject(part)) return part;
  if (typeof part.$ref === 'string' && part.$ref.startsWith(SCHEMAS)) {
    const name = part.$ref.slice(SCHEMAS.length);
    openNeeded.add(name);
    return { ...part, $ref: SCHEMAS + name + OPEN_SUFFIX };
  }
  const open = { ...part };
  delete open.additionalProperties;
  return open;
}

function nullableOf(schema: Json): Json {
  // With a combinator or a reference beside it, `null` must bypass those parts entirely.
  const composite = ['allOf', 'anyOf', 'oneOf', '$ref'].some((key) => key in schema);
  if (typeof schema.type === 'string' && !composite) {
    const out: Json = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}
