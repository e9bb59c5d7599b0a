import { InputError, type Lang } from "../core";
import {
  AuditBroken,
  EXIT_AUDIT_BROKEN,
  EXIT_BAD_INPUT,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from "./cli-error";
import { demoCommand } from "./commands/demo";
import { scoreCommand } from "./commands/score";
import { validateCommand } from "./commands/validate";
import {
  exportCommand,
  importCommand,
  serveCommand,
  usersCommand,
} from "./commands/server-commands";
import { auditCommand } from "./commands/audit-commands";
import { backupCommand, restoreCommand } from "./commands/backup-commands";

const HELP = {
  zh: `kaoping —— 基本公共服务均等化绩效考评

用法：
  kaoping score --framework 框架文件 --data 数据文件 [--json]   计算得分（--json 输出规范格式）
  kaoping validate 框架文件 [数据文件]                          检查文件是否符合格式
  kaoping demo [--json]                                        计算内置示例城市（示例数据）
  kaoping serve [--port 端口]                                  启动服务（首次启动载入示例城市）
  kaoping import framework 文件                                导入考评办法（新版本）
  kaoping export data --year 年度 [--out 文件]                 导出年度数据（kaoping/data@1）
  kaoping export xlsx|docx|pdf|package --year 年度 [--department 单位代码] --out 文件
                                                               生成考评表、自评报告、资料汇编、报省材料包
  kaoping users add|disable|reset-password|unlock|reset-2fa 用户名 …  管理账户、解除锁定、重置双因素登录
  kaoping audit verify | checkpoint | checkpoints [--out 文件]  校验审计链；写入、导出库外检查点
  kaoping backup --out 文件                                     备份数据库、辅证材料与密钥（服务可照常运行）
  kaoping restore 备份文件                                     恢复到空的数据目录或空的数据库
数据库：设置 DATABASE_URL 用 PostgreSQL，否则用 KAOPING_DATA_DIR（默认 ./data）下的 SQLite
选项：
  --lang zh|en   界面语言（也可用环境变量 KAOPING_LANG），默认中文
退出码：0 成功；1 输入有误；2 命令用法有误；4 审计链被篡改`,
  en: `kaoping — basic public service equalization performance evaluation

Usage:
  kaoping score --framework FILE --data FILE [--json]   score a year (--json: the spec's JSON)
  kaoping validate FRAMEWORK [DATA]                     check files against the formats
  kaoping demo [--json]                                 score the bundled illustrative demo city
  kaoping serve [--port N]                              start the server (seeds the demo city on first start)
  kaoping import framework FILE                         import a framework (as a new version)
  kaoping export data --year Y [--out FILE]             export a year (kaoping/data@1)
  kaoping export xlsx|docx|pdf|package --year Y [--department CODE] --out FILE
                                                        tables, report, bound volume, province package
  kaoping users add|disable|reset-password|unlock|reset-2fa USERNAME …  manage accounts, lift locks, reset 2FA
  kaoping audit verify | checkpoint | checkpoints       verify the audit chain; write or export checkpoints
  kaoping backup --out FILE                             back up the database, evidence and key (server may run)
  kaoping restore FILE                                  restore into an empty data directory or database
Database: PostgreSQL when DATABASE_URL is set, else SQLite under KAOPING_DATA_DIR (default ./data)
Options:
  --lang zh|en   language (or KAOPING_LANG), Chinese by default
Exit codes: 0 ok; 1 bad input; 2 bad command line; 4 audit chain broken`,
};

type Env = Record<string, string | undefined>;

const COMMANDS: Record<string, (argv: string[], lang: Lang, env: Env) => string | Promise<string>> =
  {
    score: scoreCommand,
    validate: validateCommand,
    demo: demoCommand,
    serve: serveCommand,
    import: importCommand,
    export: exportCommand,
    users: usersCommand,
    audit: auditCommand,
    backup: backupCommand,
    restore: restoreCommand,
  };

/** Refusals from the server's use cases (not found, conflict, invalid …) carry a bilingual detail. */
function isDomainError(error: unknown): error is { kind: string; detail: Record<Lang, string> } {
  return typeof error === "object" && error !== null && "kind" in error && "detail" in error;
}

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
export async function runCli(argv: string[], env: Env = {}): Promise<CliOutput> {
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
    return { code: EXIT_OK, stdout: await run(rest, lang, env), stderr: "" };
  } catch (error) {
    if (error instanceof InputError)
      return { code: EXIT_BAD_INPUT, stdout: "", stderr: error.format(lang) };
    if (error instanceof UsageError)
      return { code: EXIT_USAGE, stdout: "", stderr: error.detail[lang] };
    if (error instanceof AuditBroken)
      return { code: EXIT_AUDIT_BROKEN, stdout: "", stderr: error.message };
    if (isDomainError(error))
      return { code: EXIT_BAD_INPUT, stdout: "", stderr: error.detail[lang] };
    throw error;
  }
}
