// Globs compiled once to regular expressions. The ignore rules are asked about every path of a
// tree (100,000 in a big offload), and path.matchesGlob builds a new matcher on every call.
// Supported: `*` (within a name), `**` (across folders), `?`, `[abc]`, `[!abc]`, `{a,b}`.

export function globToRegExp(glob: string, flags = 'i'): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        // "**/" also matches no folder at all
        if (glob[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      let set = glob.slice(i + 1, end);
      if (set.startsWith('!')) set = '^' + set.slice(1);
      source += `[${set.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) {
      source += '|';
    } else {
      source += c.replace(/[.+^$()|\\\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, flags);
}
