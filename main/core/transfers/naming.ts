// Same-name handling: the "name 2.ext" a rename picks, and which existing item a new file matches.

/** The first of "name 2.ext", "name 3.ext", … that is not taken. */
export function renamed(name: string, taken: ReadonlySet<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} ${n}${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}
