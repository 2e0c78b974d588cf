// Plain JavaScript (no type stripping): it must run on the old Node.js versions it turns away.
import { readFileSync } from "node:fs";

export const REQUIRED_MAJOR = 24;

/** The message for a Node.js that is too old, or null when `version` (e.g. "20.18.0") will do. */
export function nodeVersionProblem(version) {
  const major = Number.parseInt(String(version).replace(/^v/, ""), 10);
  if (major >= REQUIRED_MAJOR) return null;
  return [
    `infra-dojo needs Node.js ≥ ${REQUIRED_MAJOR} (found ${version}): it runs TypeScript directly and`,
    `its sandbox (isolated-vm) is built for Node.js ${REQUIRED_MAJOR}. To get it:`,
    "  nvm install && nvm use          (reads .nvmrc)",
    `  fnm use --install-if-missing     or: volta install node@${REQUIRED_MAJOR}`,
    `  or download Node.js ${REQUIRED_MAJOR} from https://nodejs.org/en/download`,
  ].join("\n");
}

// npm ci stops earlier on its own (engine-strict in .npmrc); this catches a shell switched to an old Node.js
// after installing (prestart, pretest): exit 1 with the message instead of an unknown-extension error.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replaceAll("\\", "/"))) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  // Keep the advertised minimum and the engines field in step.
  const engines = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).engines;
  if (engines?.node !== `>=${REQUIRED_MAJOR}`) {
    console.error(
      `scripts/check-node.js expects engines.node ">=${REQUIRED_MAJOR}", package.json says ${engines?.node}`,
    );
    process.exit(1);
  }
}
