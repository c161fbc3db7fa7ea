import { runAnalyze } from "./run-analyze.ts";

process.exitCode = await runAnalyze(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  env: process.env,
});
