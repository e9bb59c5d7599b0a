import { localized } from "../core";
import { UsageError } from "./cli-error";

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export interface ArgSpec {
  /** Options that stand alone (`--json`). */
  flags?: readonly string[];
  /** Options that take a value (`--framework FILE` or `--framework=FILE`). */
  values?: readonly string[];
}

/** Options every command accepts. */
const GLOBAL_VALUES = ["lang"];

/** Splits options from positional arguments, refusing options the command does not know. */
export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const flags = spec.flags ?? [];
  const values = [...(spec.values ?? []), ...GLOBAL_VALUES];
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flags.includes(name)) {
      options.set(name, true);
    } else if (!values.includes(name)) {
      throw new UsageError(localized(`未知的选项 --${name}`, `unknown option --${name}`));
    } else if (inline !== undefined) {
      options.set(name, inline);
    } else {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(
          localized(`选项 --${name} 需要一个值`, `option --${name} needs a value`),
        );
      }
      options.set(name, value);
    }
  }
  return { positional, options };
}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = args.options.get(name);
  if (typeof value !== "string") {
    throw new UsageError(localized(`缺少选项 --${name}`, `missing option --${name}`));
  }
  return value;
}
