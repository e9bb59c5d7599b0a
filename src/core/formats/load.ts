import { parse as parseYaml, YAMLParseError } from "yaml";
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

/**
 * Parses the text of a framework or data file. JSON when the name ends in `.json`,
 * YAML otherwise (YAML 1.2 core schema, duplicate keys refused, aliases limited).
 */
export function parseDocumentText(text: string, file: string): unknown {
  if (text.length > MAX_DOCUMENT_BYTES) {
    throw new InputError([
      { file, path: "", message: localized("文件过大", "the file is too large") },
    ]);
  }
  try {
    if (file.toLowerCase().endsWith(".json")) return JSON.parse(text);
    return parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      const where = at ? `line ${at.line}, column ${at.col}` : "";
      const first = error.message.split("\n")[0] ?? "";
      return fail(file, where, localized(`YAML 格式错误：${first}`, `YAML syntax error: ${first}`));
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
