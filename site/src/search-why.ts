/**
 * Which matched words a result names under "matches …": the ones not already marked in what it
 * shows. The index reports every form a query word matched (as typed, longer words it starts, its
 * root: "enable", "enabled", "enabl"); forms of one word count once, and the longest stands for
 * them, so the line never shows a bare root. Grouping by shared prefix follows how those forms
 * arise (a prefix match or a root starts like the typed word); typos matched by edit distance stay
 * apart. MiniSearch reports query terms and document terms per hit, but not which led to which.
 */
export function unseenWords(matched: readonly string[], marked: ReadonlySet<string>, limit = 4): string[] {
  const groups: string[][] = [];
  for (const word of matched) {
    const group = groups.find((g) => g.some((w) => w.startsWith(word) || word.startsWith(w)));
    if (group) group.push(word);
    else groups.push([word]);
  }
  return groups
    .filter((g) => !g.some((w) => marked.has(w)))
    .map((g) => g.reduce((a, b) => (b.length > a.length ? b : a)))
    .slice(0, limit);
}
