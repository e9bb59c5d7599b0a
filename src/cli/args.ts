import { localized } from "../core";
import { UsageError } from "./cli-error";

export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** Splits `--name value`, `--name=value` and `--flag` from positional arguments. */
export function parseArgs(argv: string[], flags: readonly string[]): ParsedArgs {
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

export function rejectUnknown(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) {
      throw new UsageError(localized(`未知的选项 --${name}`, `unknown option --${name}`));
    }
  }
}
