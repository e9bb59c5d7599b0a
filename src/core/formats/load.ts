import { CORE_SCHEMA, load as parseYaml, YAMLException } from "js-yaml";
import type { z } from "zod";
import type { Dataset, Framework } from "../model";
import { localized, type Localized } from "../text/localized";
import { checkData, type DataCheckOptions } from "./check-data";
import { checkFramework, type PathIssue } from "./check-framework";
import { dataSchema } from "./data-schema";
import { frameworkSchema } from "./framework-schema";
import { InputError, type InputIssue } from "./input-error";
import { renderPath } from "./paths";
import { describeZodIssue } from "./zod-issues";

/** Longest framework or data file accepted, in characters (a province's full method is well under 1 MB). */
export const MAX_DOCUMENT_CHARS = 20 * 1024 * 1024;

/** Deepest nesting of lists and mappings accepted; the formats need 6 levels. */
export const MAX_DOCUMENT_DEPTH = 64;

/** Most values (counting every use of a YAML alias) a document may expand to. */
export const MAX_DOCUMENT_NODES = 2_000_000;

/** A key that would reach Object.prototype if some later code assigned it; never a code. */
const FORBIDDEN_KEY = "__proto__";

const TOO_DEEP = localized(
  `嵌套过深（最多 ${MAX_DOCUMENT_DEPTH} 层）`,
  `nests too deeply (at most ${MAX_DOCUMENT_DEPTH} levels)`,
);
const TOO_MANY = localized(
  `文件展开后的值过多（最多 ${MAX_DOCUMENT_NODES} 个，含别名的每次引用）`,
  `the document expands to too many values (at most ${MAX_DOCUMENT_NODES}, counting every use of an alias)`,
);

/** Thrown from inside the YAML parser's event listener to stop it at a limit. */
class ParseLimit {
  constructor(
    readonly where: string,
    readonly message: Localized,
  ) {}
}

/**
 * YAML 1.2 core schema, stopped by its own event listener before nesting could exhaust
 * the parser's stack (it recurses once per level) or a flat document could allocate
 * more values than the walk below would accept anyway.
 */
function parseYamlText(text: string, file: string): unknown {
  let depth = 0;
  let nodes = 0;
  return parseYaml(text, {
    schema: CORE_SCHEMA,
    filename: file,
    listener(event, state) {
      if (event === "close") {
        depth--;
        return;
      }
      const where = `line ${state.line + 1}`;
      // The parser opens more than one node per level (scalars, flow entries), so this
      // only stops it long before its stack could run out; the walk below applies the
      // exact limit to what it built.
      if (++depth > 2 * MAX_DOCUMENT_DEPTH) throw new ParseLimit(where, TOO_DEEP);
      if (++nodes > MAX_DOCUMENT_NODES) throw new ParseLimit(where, TOO_MANY);
    },
  });
}

/**
 * JSON.parse does not recurse, but it would still build a 10-million-level list from
 * 20 MB of brackets; counting brackets outside strings first costs one pass.
 */
function parseJsonText(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_DOCUMENT_DEPTH) throw new ParseLimit(`position ${i + 1}`, TOO_DEEP);
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return JSON.parse(text);
}

interface WalkEntry {
  node: unknown;
  depth: number;
  parent?: WalkEntry;
  key?: string;
}

function pathOf(entry: WalkEntry): string {
  const keys: string[] = [];
  for (let at: WalkEntry | undefined = entry; at?.key !== undefined; at = at.parent) {
    keys.unshift(at.key);
  }
  return keys.join(".");
}

/**
 * Walks the parsed value as later code will see it: YAML aliases share one object, so
 * `a: &a [*b, *b, …]` a few levels deep is a billion values to anything that descends
 * into it. Counts every value reached (each alias as often as it is used) against a
 * budget before descending, and refuses too deep a structure (aliases can build one
 * the parser never saw nested) and the key `__proto__` anywhere.
 */
function checkParsedValue(root: unknown, file: string): void {
  let budget = MAX_DOCUMENT_NODES - 1;
  const stack: WalkEntry[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { node, depth } = entry;
    if (node === null || typeof node !== "object") continue;
    if (depth >= MAX_DOCUMENT_DEPTH) fail(file, pathOf(entry), TOO_DEEP);
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const size = keys ? keys.length : (node as unknown[]).length;
    budget -= size;
    if (budget < 0) fail(file, "", TOO_MANY);
    if (keys) {
      for (const key of keys) {
        const child: WalkEntry = {
          node: (node as Record<string, unknown>)[key],
          depth: depth + 1,
          parent: entry,
          key,
        };
        if (key === FORBIDDEN_KEY) {
          fail(
            file,
            pathOf(child),
            localized(`不允许使用键 ${FORBIDDEN_KEY}`, `the key ${FORBIDDEN_KEY} is not allowed`),
          );
        }
        stack.push(child);
      }
    } else {
      const list = node as unknown[];
      for (let index = 0; index < list.length; index++) {
        stack.push({ node: list[index], depth: depth + 1, parent: entry, key: String(index) });
      }
    }
  }
}

/**
 * Parses the text of a framework or data file: JSON when the name ends in `.json`,
 * YAML otherwise (the YAML 1.2 core schema: no dates or custom tags; duplicate keys
 * refused). Hostile text is refused with an InputError naming the file, within fixed
 * limits: at most MAX_DOCUMENT_CHARS characters, MAX_DOCUMENT_DEPTH levels of nesting
 * and MAX_DOCUMENT_NODES values once aliases are expanded; no `__proto__` key.
 */
export function parseDocumentText(text: string, file: string): unknown {
  if (text.length > MAX_DOCUMENT_CHARS) {
    fail(
      file,
      "",
      localized(
        `文件过大（最多 ${MAX_DOCUMENT_CHARS} 个字符）`,
        `the file is too large (at most ${MAX_DOCUMENT_CHARS} characters)`,
      ),
    );
  }
  let doc: unknown;
  try {
    doc = file.toLowerCase().endsWith(".json") ? parseJsonText(text) : parseYamlText(text, file);
  } catch (error) {
    if (error instanceof ParseLimit) return fail(file, error.where, error.message);
    if (error instanceof YAMLException) {
      const where = error.mark
        ? `line ${error.mark.line + 1}, column ${error.mark.column + 1}`
        : "";
      return fail(
        file,
        where,
        localized(`YAML 格式错误：${error.reason}`, `YAML syntax error: ${error.reason}`),
      );
    }
    if (error instanceof SyntaxError) {
      return fail(
        file,
        "",
        localized(`JSON 格式错误：${error.message}`, `JSON syntax error: ${error.message}`),
      );
    }
    throw error;
  }
  checkParsedValue(doc, file);
  return doc;
}

function fail(file: string, path: string, message: InputIssue["message"]): never {
  throw new InputError([{ file, path, message }]);
}

function toIssues(file: string, doc: unknown, issues: PathIssue[]): InputIssue[] {
  return issues.map((issue) => ({
    file,
    path: renderPath(issue.path, doc),
    message: issue.message,
  }));
}

function shapeIssues(file: string, doc: unknown, error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    file,
    path: renderPath(issue.path, doc),
    message: describeZodIssue(issue),
  }));
}

function requireObject(input: unknown, file: string): void {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    fail(
      file,
      "",
      localized("文件内容应为一个对象（键值表）", "the file must hold one object (a mapping)"),
    );
  }
}

export interface LoadedFramework {
  framework: Framework;
  /** Things that are allowed but probably not meant, e.g. a part with no items. */
  warnings: InputIssue[];
}

/** Validates a parsed framework document and compiles it; throws InputError naming every problem. */
export function loadFramework(input: unknown, file: string): LoadedFramework {
  requireObject(input, file);
  const parsed = frameworkSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new InputError(shapeIssues(file, input, parsed.error));
  const doc = parsed.data;
  const check = checkFramework(doc);
  if (check.errors.length > 0) throw new InputError(toIssues(file, doc, check.errors));
  const framework: Framework = {
    doc,
    indicators: check.indicators,
    workItems: check.workItems,
    elements: new Map(doc.dataElements.map((element) => [element.code, element])),
    parts: doc.parts,
  };
  return { framework, warnings: toIssues(file, doc, check.warnings) };
}

/**
 * Validates a parsed data document against its framework; throws InputError naming
 * every problem. `options.checkBounds: false` is for figures already stored (see
 * DataCheckOptions); a file is always held to its elements' bounds.
 */
export function loadData(
  input: unknown,
  file: string,
  framework: Framework,
  options: DataCheckOptions = {},
): Dataset {
  requireObject(input, file);
  const parsed = dataSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new InputError(shapeIssues(file, input, parsed.error));
  const doc = parsed.data;
  const errors = checkData(doc, framework, options);
  if (errors.length > 0) throw new InputError(toIssues(file, doc, errors));
  return { doc, regions: doc.regions };
}

/** Reads a framework from file text (YAML or JSON). */
export function loadFrameworkText(text: string, file: string): LoadedFramework {
  return loadFramework(parseDocumentText(text, file), file);
}

/** Reads a data file from its text (YAML or JSON). */
export function loadDataText(text: string, file: string, framework: Framework): Dataset {
  return loadData(parseDocumentText(text, file), file, framework);
}
