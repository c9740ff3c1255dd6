/**
 * Department names as the text gives them, normalized within one document:
 * a bare name (财政局) means the city-level one (市财政局) when the document names that elsewhere.
 */
export function normalizeDepartments(lists: string[][]): string[][] {
  const known = new Set(lists.flat());
  const full = (name: string) => (!name.startsWith("市") && known.has(`市${name}`) ? `市${name}` : name);
  return lists.map((names) => [...new Set(names.map(full))]);
}

/** Short forms people type for a department, beyond the maintainer's alias file. */
export function implicitAliases(name: string): string[] {
  const aliases = new Set<string>();
  if (name.startsWith("市") && name.length > 3) aliases.add(name.slice(1));
  return [...aliases];
}
