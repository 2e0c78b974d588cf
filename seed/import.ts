// node seed/import.ts [--article <path>] [--dir <content dir>] [--dry-run]
// Parses the source article, merges its repeated questions, writes skeletons for concept questions that have
// no reviewed file yet (never overwriting reviewed fields) and prints the merge report.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatImportReport, runImport } from "./import/run-import.ts";
import { PROBLEMS_DIR } from "./load-content.ts";

// Relative to the working directory, so reported paths stay short.
const here = (path: string) => relative(process.cwd(), fileURLToPath(new URL(path, import.meta.url))) || ".";

const { values } = parseArgs({
  options: { article: { type: "string" }, dir: { type: "string" }, "dry-run": { type: "boolean" } },
});
const report = await runImport({
  article: values.article ?? here("./source/ai-infra-interview.zh.md"),
  contentDir: values.dir ?? here("./content"),
  problemsDir: PROBLEMS_DIR,
  write: !values["dry-run"],
});
for (const line of formatImportReport(report)) console.log(line);
