/** Frame.io's longest name for a file, folder, project or workspace, in UTF-16 units as the contract counts. */
export const NAME_LIMIT = 255;

/** Said beside a field whose name `fitName` cut, so the end is not dropped silently. */
export const NAME_CUT_NOTE = `Names can be at most ${NAME_LIMIT} characters: the rest was cut.`;

/**
 * A typed or pasted name held to the limit, and whether anything was cut, so the form can say so
 * rather than drop the end silently. A character is kept whole or not at all: an emoji is never split.
 */
export function fitName(typed: string): { name: string; cut: boolean } {
  if (typed.length <= NAME_LIMIT) return { name: typed, cut: false };
  let name = '';
  for (const character of typed) {
    if (name.length + character.length > NAME_LIMIT) break;
    name += character;
  }
  return { name, cut: true };
}

/** Why a name cannot be sent as it is, said beside its field; undefined when it can. */
export function nameProblem(name: string, what: string): string | undefined {
  if (!name.trim()) return `Type a name for the ${what}.`;
  // Frame.io would read a slash as a path; the contract refuses it too.
  if (/[\\/]/.test(name)) return 'Names cannot contain / or \\.';
  return undefined;
}
