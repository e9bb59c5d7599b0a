import { InputError, type Lang } from "../core";
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, UsageError } from "./cli-error";
import { demoCommand } from "./commands/demo";
import { scoreCommand } from "./commands/score";
import { validateCommand } from "./commands/validate";

const HELP = {
  zh: `kaoping —— 基本公共服务均等化绩效考评

用法：
  kaoping score --framework 框架文件 --data 数据文件 [--json]   计算得分（--json 输出规范格式）
  kaoping validate 框架文件 [数据文件]                          检查文件是否符合格式
  kaoping demo [--json]                                        计算内置示例城市（示例数据）
选项：
  --lang zh|en   界面语言（也可用环境变量 KAOPING_LANG），默认中文
退出码：0 成功；1 输入有误；2 命令用法有误`,
  en: `kaoping — basic public service equalization performance evaluation

Usage:
  kaoping score --framework FILE --data FILE [--json]   score a year (--json: the spec's JSON)
  kaoping validate FRAMEWORK [DATA]                     check files against the formats
  kaoping demo [--json]                                 score the bundled illustrative demo city
Options:
  --lang zh|en   language (or KAOPING_LANG), Chinese by default
Exit codes: 0 ok; 1 bad input; 2 bad command line`,
};

const COMMANDS: Record<string, (argv: string[], lang: Lang) => string> = {
  score: scoreCommand,
  validate: validateCommand,
  demo: demoCommand,
};

function chooseLang(argv: string[], env: Record<string, string | undefined>): Lang {
  const index = argv.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const value =
    index < 0
      ? env.KAOPING_LANG
      : argv[index]!.includes("=")
        ? argv[index]!.split("=")[1]
        : argv[index + 1];
  return value?.toLowerCase().startsWith("en") ? "en" : "zh";
}

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command; never throws for bad input, and prints nothing on stdout when it fails. */
export function runCli(argv: string[], env: Record<string, string | undefined> = {}): CliOutput {
  const lang = chooseLang(argv, env);
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    return { code: EXIT_OK, stdout: HELP[lang], stderr: "" };
  }
  const run = COMMANDS[command];
  if (!run) {
    const message = lang === "zh" ? `未知的命令 ${command}` : `unknown command ${command}`;
    return { code: EXIT_USAGE, stdout: "", stderr: `${message}\n\n${HELP[lang]}` };
  }
  try {
    return { code: EXIT_OK, stdout: run(rest, lang), stderr: "" };
  } catch (error) {
    if (error instanceof InputError)
      return { code: EXIT_BAD_INPUT, stdout: "", stderr: error.format(lang) };
    if (error instanceof UsageError)
      return { code: EXIT_USAGE, stdout: "", stderr: error.detail[lang] };
    throw error;
  }
}
