// Checks request bodies and query parameters against the spec's schemas (OpenAPI 3.0 subset, refs
// already inlined) and reports the first problem the way Frame.io does: a sentence and a JSON
// pointer into the request.

export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  maxProperties?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
  /** picks the oneOf alternative by a property's value (positions into oneOf) */
  discriminator?: { propertyName: string; mapping: Record<string, number> };
}

export interface OperationRequestSchemas {
  body?: Schema;
  bodyRequired: boolean;
  query: Record<string, Schema>;
}

export interface SchemaProblem {
  detail: string;
  pointer: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Property names a schema declares, its allOf parts included (the spec's intent for closed allOfs). */
function declared(schema: Schema): Set<string> {
  const names = new Set(Object.keys(schema.properties ?? {}));
  for (const part of schema.allOf ?? []) for (const name of declared(part)) names.add(name);
  return names;
}

function checkType(schema: Schema, value: unknown, pointer: string): SchemaProblem | undefined {
  const want = schema.type;
  if (!want) return undefined;
  const ok =
    want === 'integer' ? Number.isInteger(value) : want === 'number' ? typeof value === 'number' && Number.isFinite(value) : want === 'array' ? Array.isArray(value) : want === 'object' ? typeName(value) === 'object' : typeof value === want;
  return ok ? undefined : { detail: `Invalid ${want}. Got: ${typeName(value)}`, pointer };
}

/**
 * The first problem with `value`, or undefined. `open` is set for allOf parts: their own
 * additionalProperties do not apply, the enclosing schema's do.
 */
export function checkSchema(schema: Schema, value: unknown, pointer = '', open = false): SchemaProblem | undefined {
  if (value === null) return schema.nullable ? undefined : { detail: 'null value where a value is required', pointer };
  if (value === undefined) return undefined;
  const typeProblem = checkType(schema, value, pointer);
  if (typeProblem) return typeProblem;

  if (schema.enum && !schema.enum.includes(value)) {
    return { detail: `Invalid value for enum: ${JSON.stringify(value)}; expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`, pointer };
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return { detail: `String length is smaller than minLength: ${schema.minLength}`, pointer };
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return { detail: `String length is larger than maxLength: ${schema.maxLength}`, pointer };
    if (schema.format === 'uuid' && !UUID.test(value)) return { detail: `Invalid format. Expected :uuid`, pointer };
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) return { detail: `Invalid format. Expected :date-time`, pointer };
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return { detail: `Invalid format. Expected ~r/${schema.pattern}/`, pointer };
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return { detail: `${value} is smaller than inclusive minimum ${schema.minimum}`, pointer };
    if (schema.maximum !== undefined && value > schema.maximum) return { detail: `${value} is larger than inclusive maximum ${schema.maximum}`, pointer };
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return { detail: `Array length ${value.length} is smaller than minItems: ${schema.minItems}`, pointer };
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return { detail: `Array length ${value.length} is larger than maxItems: ${schema.maxItems}`, pointer };
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return { detail: 'Array items must be unique', pointer };
    if (schema.items) {
      for (const [index, item] of value.entries()) {
        const problem = checkSchema(schema.items, item, `${pointer}/${index}`);
        if (problem) return problem;
      }
    }
  }
  if (typeName(value) === 'object') {
    const problem = checkObject(schema, value as Record<string, unknown>, pointer, open);
    if (problem) return problem;
  }
  for (const part of schema.allOf ?? []) {
    const problem = checkSchema(part, value, pointer, true);
    if (problem) return problem;
  }
  const chosen = discriminated(schema, value);
  if (chosen) return checkSchema(chosen, value, pointer);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) {
    const problems = alternatives.map((alternative) => checkSchema(alternative, value, pointer));
    if (!problems.includes(undefined)) {
      // The closest alternative names the most useful problem: the one that got deepest.
      return problems.reduce((best, p) => ((p?.pointer.length ?? 0) > (best?.pointer.length ?? 0) ? p : best));
    }
  }
  return undefined;
}

function discriminated(schema: Schema, value: unknown): Schema | undefined {
  if (!schema.discriminator || !schema.oneOf || typeName(value) !== 'object') return undefined;
  const tag = (value as Record<string, unknown>)[schema.discriminator.propertyName];
  const index = typeof tag === 'string' ? schema.discriminator.mapping[tag] : undefined;
  return index === undefined ? undefined : schema.oneOf[index];
}

function checkObject(schema: Schema, value: Record<string, unknown>, pointer: string, open: boolean): SchemaProblem | undefined {
  for (const name of schema.required ?? []) {
    if (!(name in value)) return { detail: `Missing field: ${name}`, pointer: `${pointer}/${name}` };
  }
  const keys = Object.keys(value);
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) return { detail: `Object must have at least ${schema.minProperties} properties`, pointer };
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return { detail: `Object must have at most ${schema.maxProperties} properties`, pointer };
  const names = declared(schema);
  for (const key of keys) {
    const property = schema.properties?.[key];
    if (property) {
      const problem = checkSchema(property, value[key], `${pointer}/${key}`);
      if (problem) return problem;
    } else if (!names.has(key) && !open) {
      if (schema.additionalProperties === false) return { detail: `Unexpected field: ${key}`, pointer: `${pointer}/${key}` };
      if (typeof schema.additionalProperties === 'object') {
        const problem = checkSchema(schema.additionalProperties, value[key], `${pointer}/${key}`);
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** Query strings arrive as text; the schema types them. */
export function parseQueryValue(schema: Schema, raw: string): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
