// Turns the vendored OpenAPI 3.0 document into something Ajv's 2019-09 dialect reads the way
// Frame.io means it (see PROVENANCE.md, "A trap for validators"):
// - `nullable: true` becomes a `null` alternative;
// - a `oneOf` whose alternatives are each nullable means "null, or exactly one of them"; read
//   literally, null matches several alternatives and fails, so null is taken out and allowed once;
// - `additionalProperties: false` beside `allOf` means "nothing beyond what any part declares",
//   which 2019-09 spells `unevaluatedProperties: false`; the parts themselves must then stay open,
//   so a closed schema used as an `allOf` part is referenced through an open copy;
// - a `oneOf` with a `discriminator` picks its alternative by the named property, as OpenAPI says,
//   rather than by which alternatives happen to match (a `text` and a `long_text` field look alike,
//   and an integer is also a number).

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
    if (Array.isArray(out.oneOf) && isObject(out.discriminator) && isObject(out.discriminator.mapping)) return byDiscriminator(out);
    if (Array.isArray(out.oneOf)) {
      const hoisted = hoistNull(out);
      if (hoisted) return hoisted;
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

const admitsNull = (schema: unknown): boolean =>
  isObject(schema) && ((Array.isArray(schema.type) && schema.type.includes('null')) || (Array.isArray(schema.anyOf) && schema.anyOf.some((s) => isObject(s) && s.type === 'null')));

function withoutNull(schema: Json): Json {
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    const out: Json = { ...schema, type: types.length === 1 ? types[0] : types };
    if (Array.isArray(schema.enum)) out.enum = schema.enum.filter((v) => v !== null);
    return out;
  }
  const rest = (schema.anyOf as unknown[]).filter((s) => !(isObject(s) && s.type === 'null'));
  return rest.length === 1 ? (rest[0] as Json) : { ...schema, anyOf: rest };
}

function hoistNull(schema: Json): Json | undefined {
  const alternatives = schema.oneOf as unknown[];
  if (alternatives.filter(admitsNull).length < 2) return undefined;
  const oneOf = alternatives.map((alt) => (admitsNull(alt) ? withoutNull(alt as Json) : alt));
  return { anyOf: [{ type: 'null' }, { ...schema, oneOf }] };
}

/** The alternative the discriminating property names, and only a value the mapping knows. */
function byDiscriminator(schema: Json): Json {
  const { propertyName, mapping } = schema.discriminator as { propertyName: string; mapping: Record<string, string> };
  const out: Json = { ...schema };
  delete out.oneOf;
  delete out.discriminator;
  const pick = Object.entries(mapping).map(([value, ref]) => ({ if: { properties: { [propertyName]: { const: value } } }, then: { $ref: ref } }));
  return {
    ...out,
    required: [...((out.required as string[] | undefined) ?? []), propertyName],
    properties: { ...(out.properties as Json | undefined), [propertyName]: { enum: Object.keys(mapping) } },
    allOf: [...((out.allOf as unknown[] | undefined) ?? []), ...pick],
  };
}
