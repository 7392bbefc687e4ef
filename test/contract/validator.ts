// Checks a request and its response against the vendored Frame.io V4 spec: the operation must
// exist, its parameters and body must match, and the response's status, headers and body must be
// ones the spec declares. Every sandbox exchange in the tests goes through here.
import { readFileSync } from 'node:fs';
import { Ajv2019, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { translateSpec } from './translate.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => void;

export interface Exchange {
  method: string;
  /** path and query, as sent */
  url: string;
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string | string[] | undefined>;
  responseBody?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: unknown;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { headers?: Record<string, { required?: boolean; schema: unknown }>; content?: Record<string, { schema: unknown }> }>;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  pointer: string;
  operation: Operation;
}

const escapePointer = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

export class Contract {
  private readonly ajv: Ajv2019;
  private readonly routes: Route[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(spec: Record<string, unknown>) {
    const doc = translateSpec(spec) as { paths: Record<string, Record<string, Operation>> };
    this.ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('datetime', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
    this.ajv.addFormat('HH:MM:SS:FF', { type: 'string', validate: (s: string) => /^\d{2}:\d{2}:\d{2}[:;]\d{2,3}$/.test(s) });
    this.ajv.addSchema(doc, 'spec');

    for (const [template, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation?.operationId) continue;
        const segments = template.split('/').filter(Boolean);
        const pattern = new RegExp(
          '^/' + segments.map((s) => (s.startsWith('{') ? '(?<' + s.slice(1, -1) + '>[^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/') + '$',
        );
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern,
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          pointer: `spec#/paths/${escapePointer(template)}/${method}`,
          operation,
        });
      }
    }
    // A literal segment beats a parameter: `/files/local_upload` is not `/files/{file_id}`.
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  static fromFile(path: string): Contract {
    return new Contract(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** The operation a request belongs to, with its path parameters. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const m = route.pattern.exec(path);
      if (m) return { route, params: { ...m.groups } };
    }
    return undefined;
  }

  /** Problems with a request, as sentences; empty when the spec accepts it. */
  checkRequest(exchange: Pick<Exchange, 'method' | 'url' | 'requestBody'>): string[] {
    const url = new URL(exchange.url, 'http://x');
    const found = this.match(exchange.method, url.pathname);
    if (!found) return [`${exchange.method} ${url.pathname} is not an operation of the spec`];
    const { route, params } = found;
    const where = `${route.operation.operationId} request`;
    const problems: string[] = [];
    const declared = route.operation.parameters ?? [];

    for (const p of declared.filter((p) => p.in === 'path')) {
      problems.push(...this.checkText(`${route.pointer}/parameters/${declared.indexOf(p)}/schema`, decodeURIComponent(params[p.name] ?? ''), `${where} path ${p.name}`));
    }
    const queryNames = new Set(url.searchParams.keys());
    for (const name of queryNames) {
      const p = declared.find((d) => d.in === 'query' && d.name === name);
      if (!p) {
        problems.push(`${where}: unknown query parameter "${name}"`);
        continue;
      }
      // `include` names one value of its enum, or several joined by commas as the spec's own examples do
      // ("media_links.original,media_links.thumbnail,media_links.high_quality,media_links.scrub_sheet").
      const values = name === 'include' ? url.searchParams.get(name)!.split(',') : [url.searchParams.get(name)!];
      for (const value of values) problems.push(...this.checkText(`${route.pointer}/parameters/${declared.indexOf(p)}/schema`, value, `${where} query ${name}`));
    }
    for (const p of declared.filter((d) => d.in === 'query' && d.required)) {
      if (!queryNames.has(p.name)) problems.push(`${where}: missing required query parameter "${p.name}"`);
    }

    const body = route.operation.requestBody;
    if (body) {
      if (exchange.requestBody === undefined) {
        if (body.required) problems.push(`${where}: body is required`);
      } else {
        problems.push(...this.check(`${route.pointer}/requestBody/content/application~1json/schema`, exchange.requestBody, `${where} body`));
      }
    } else if (exchange.requestBody !== undefined) {
      problems.push(`${where}: the operation takes no body`);
    }
    return problems;
  }

  /** Problems with a response, as sentences; empty when the spec declares it. */
  checkResponse(exchange: Exchange): string[] {
    const url = new URL(exchange.url, 'http://x');
    const found = this.match(exchange.method, url.pathname);
    if (!found) return [`${exchange.method} ${url.pathname} is not an operation of the spec`];
    const { route } = found;
    const where = `${route.operation.operationId} ${exchange.status} response`;
    const declared = route.operation.responses[String(exchange.status)];
    if (!declared) return [`${where}: status ${exchange.status} is not declared (declared: ${Object.keys(route.operation.responses).join(', ')})`];

    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers ?? {})) {
      const raw = exchange.responseHeaders[name.toLowerCase()];
      if (raw === undefined) {
        if (header.required) problems.push(`${where}: missing header ${name}`);
        continue;
      }
      const value = Array.isArray(raw) ? raw[0]! : raw;
      const pointer = `${route.pointer}/responses/${exchange.status}/headers/${escapePointer(name)}/schema`;
      problems.push(...this.checkText(pointer, value, `${where} header ${name}`));
    }

    const schema = declared.content?.['application/json'];
    if (schema) {
      if (exchange.responseBody === undefined) problems.push(`${where}: body is missing`);
      else problems.push(...this.check(`${route.pointer}/responses/${exchange.status}/content/application~1json/schema`, exchange.responseBody, `${where} body`));
    } else if (exchange.responseBody !== undefined && exchange.responseBody !== '') {
      problems.push(`${where}: the spec declares no body`);
    }
    return problems;
  }

  /** Query strings, path segments and headers arrive as text; the spec types them. */
  private checkText(pointer: string, raw: string, where: string): string[] {
    const asText = this.check(pointer, raw, where);
    if (asText.length === 0) return [];
    const typed = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === 'true' || raw === 'false' ? raw === 'true' : undefined;
    return typed === undefined ? asText : this.check(pointer, typed, where, raw);
  }

  private check(pointer: string, value: unknown, where: string, shown: unknown = value): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties' ? ` (${JSON.stringify(e.params)})` : '';
      return `${where}: ${e.instancePath || '/'} ${e.message}${extra} — got ${JSON.stringify(shown).slice(0, 120)}`;
    });
  }
}
