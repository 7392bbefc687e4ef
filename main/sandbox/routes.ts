// Maps a method and path to the spec operation it belongs to, using the generated operation table.
import { operations, type OperationId } from '../common/operations.generated.ts';

export interface RouteMatch {
  operationId: OperationId;
  params: Record<string, string>;
}

interface Route {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  literalSegments: number;
}

const routes: Route[] = Object.entries(operations)
  .map(([id, op]) => {
    const segments = op.path.split('/').filter(Boolean);
    const source = segments.map((s) => (s.startsWith('{') ? `(?<${s.slice(1, -1)}>[^/]+)` : s)).join('/');
    return {
      operationId: id as OperationId,
      method: op.method,
      pattern: new RegExp(`^/${source}/?$`),
      literalSegments: segments.filter((s) => !s.startsWith('{')).length,
    };
  })
  // `/files/local_upload` must win over `/files/{file_id}`.
  .sort((a, b) => b.literalSegments - a.literalSegments);

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
    return { operationId: route.operationId, params };
  }
  return undefined;
}

/** Whether any operation lives at this path, whatever the method (405 versus 404). */
export function pathExists(path: string): boolean {
  return routes.some((route) => route.pattern.test(path));
}
