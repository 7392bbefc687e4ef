// Tests read API bodies loosely and assert on their fields; the contract validator checks their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export async function readJson(response: Response): Promise<Body> {
  return response.json();
}
