/** A field's location inside a document, as zod reports it. */
export type PathKey = string | number | symbol;
export type Path = readonly PathKey[];

function codeOf(item: unknown): string | undefined {
  if (item && typeof item === "object" && "code" in item) {
    const code = (item as { code: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
  }
  return undefined;
}

/**
 * Renders a path the way an evaluator reads it: list items by their code when they
 * have one (`indicators[I002].formula`), by position otherwise (`grades[2].min`).
 */
export function renderPath(path: Path, doc: unknown): string {
  let out = "";
  let node: unknown = doc;
  for (const key of path) {
    if (typeof key === "number") {
      const item = Array.isArray(node) ? node[key] : undefined;
      out += `[${codeOf(item) ?? key}]`;
      node = item;
    } else {
      const name = String(key);
      out += out ? `.${name}` : name;
      node = node && typeof node === "object" ? (node as Record<string, unknown>)[name] : undefined;
    }
  }
  return out;
}
