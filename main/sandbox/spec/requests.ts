// Checks a request's query and body against its operation's schemas before any handler runs, so
// every operation answers invalid input the same way: 422 with the offending pointer.
import { invalid } from '../http.ts';
import { requestSchemas } from './requests.generated.ts';
import { checkSchema, parseQueryValue, type Schema } from './schema.ts';

function checkQuery(schemas: Record<string, Schema>, query: URLSearchParams): void {
  const filters: Record<string, unknown> = {};
  for (const [name, raw] of query) {
    const filter = /^filters\[(\w+)\]$/.exec(name);
    if (filter && schemas.filters) {
      filters[filter[1]!] = parseQueryValue(schemas.filters.properties?.[filter[1]!] ?? {}, raw);
      continue;
    }
    const schema = schemas[name];
    if (!schema) continue;
    // `include` takes a comma-separated list of the values its enum names.
    const values = name === 'include' ? raw.split(',').map((v) => v.trim()) : [raw];
    for (const value of values) {
      const problem = checkSchema(schema, parseQueryValue(schema, value), `/${name}`);
      if (problem) throw invalid(problem.detail, problem.pointer);
    }
  }
  if (schemas.filters && Object.keys(filters).length > 0) {
    const problem = checkSchema(schemas.filters, filters, '/filters');
    if (problem) throw invalid(problem.detail, problem.pointer);
  }
}

export function checkRequest(operationId: string, query: URLSearchParams, body: unknown): void {
  const schemas = requestSchemas[operationId];
  if (!schemas) return;
  checkQuery(schemas.query, query);
  if (!schemas.body) return;
  if (body === undefined) {
    if (schemas.bodyRequired) throw invalid('Missing request body', '/data');
    return;
  }
  const problem = checkSchema(schemas.body, body);
  if (problem) throw invalid(problem.detail, problem.pointer);
}
