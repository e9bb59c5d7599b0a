import { runCli } from "./main";

const result = await runCli(process.argv.slice(2), process.env);
if (result.stdout) process.stdout.write(`${result.stdout}\n`);
if (result.stderr) process.stderr.write(`${result.stderr}\n`);
process.exitCode = result.code;
