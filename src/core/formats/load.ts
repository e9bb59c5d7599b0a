import { CORE_SCHEMA, load as parseYaml, YAMLException } from "js-yaml";
import type { z } from "zod";
import type { Dataset, Framework } from "../model";
import { localized } from "../text/localized";
import { checkData } from "./check-data";
import { checkFramework, type PathIssue } from "./check-framework";
import { dataSchema } from "./data-schema";
import { frameworkSchema } from "./framework-schema";
import { InputError, type InputIssue } from "./input-error";
import { renderPath } from "./paths";
import { describeZodIssue } from "./zod-issues";

/** Largest framework or data file accepted (a province's full method is well under 1 MB). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Most values (counting every use of a YAML alias) a document may expand to. */
export const MAX_DOCUMENT_NODES = 2_000_000;

/** Counts nodes, following aliases as often as they are used; stops past the limit. */
function tooManyNodes(root: unknown): boolean {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (++count > MAX_DOCUMENT_NODES) return true;
    if (node && typeof node === "object") stack.push(...Object.values(node));
  }
  return false;
}

/**
 * Parses the text of a framework or data file: JSON when the name ends in `.json`,
 * YAML otherwise (the YAML 1.2 core schema: no dates or custom tags; duplicate keys
 * refused; alias bombs refused).
 */
export function parseDocumentText(text: string, file: string): unknown {
  if (text.length > MAX_DOCUMENT_BYTES) {
    fail(file, "", localized("文件过大", "the file is too large"));
  }
  let doc: unknown;
  try {
    doc = file.toLowerCase().endsWith(".json")
      ? JSON.parse(text)
      : parseYaml(text, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
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
  if (tooManyNodes(doc)) {
    fail(
      file,
      "",
      localized(
        "文件展开后过大（别名引用过多）",
        "the document expands to too many values (aliases)",
      ),
    );
  }
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

/** Validates a parsed data document against its framework; throws InputError naming every problem. */
export function loadData(input: unknown, file: string, framework: Framework): Dataset {
  requireObject(input, file);
  const parsed = dataSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new InputError(shapeIssues(file, input, parsed.error));
  const doc = parsed.data;
  const errors = checkData(doc, framework);
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
