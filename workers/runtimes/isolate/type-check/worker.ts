// Runs in a worker thread: type-checks learner files with the TypeScript 5 compiler API (the project's own
// TypeScript 7 has no API). The compiler and its standard library come bundled in @ts-morph/common, which
// adds no `tsc` command next to the project's own. 5.6 rather than a later 5.x: from 5.7 on typed arrays
// are generic, and relating them doubled the cost of checking a kernel. The standard library's parsed files
// are kept between checks, and the files
// that arrive while a check runs are checked together in one program: most of a check's cost is building
// the program and its checker (measured: 8 ms of CPU for one file, 3.5 ms each for two, 1.7 ms each for four).

import { readlinkSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { getLibFiles, ts } from "@ts-morph/common";
import {
  CHECKER_THREAD,
  type TypeCheckerReady,
  type TypeCheckReply,
  type TypeCheckRequest,
  type TypeDiagnostic,
} from "./protocol.ts";

/**
 * Each file is checked as a module, so files checked together cannot see each other's declarations. Code
 * that could reach into the global scope of the program gets a program of its own; that is decided on the
 * parsed file (see reachesGlobalScope), which no spelling can hide from: a comment between `declare` and
 * `global` hid a global augmentation from the regular expression used before.
 */
const MODULE_MARKER = "\nexport {};\n";
const LIB_DIR = "/lib";
// The sandbox's console (workers/sandbox/harness.ts): what a learner prints shows on sample tests.
const CONSOLE_LIBRARY = "lib.sandbox-console.d.ts";
const CONSOLE_DECLARATION = `interface Console {
  log(...data: unknown[]): void;
  info(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
  debug(...data: unknown[]): void;
}
declare var console: Console;
`;
const libraryTexts = new Map([
  ...getLibFiles().map((file): [string, string] => [`${LIB_DIR}/${file.fileName}`, file.text]),
  [`${LIB_DIR}/${CONSOLE_LIBRARY}`, CONSOLE_DECLARATION],
]);

// What exists in the isolate: the ECMAScript library up to ES2023 and the sandbox's console, no DOM and no
// Node.js (a `process` is then reported, as it would fail at run time). The ES2016+ Intl additions are left
// out: kernels do not format dates or plurals, and without them a check costs 2.3 ms of CPU instead of 3.7.
const ECMASCRIPT_LIBRARY = [
  "lib.es5.d.ts",
  CONSOLE_LIBRARY,
  ...[...libraryTexts.keys()]
    .map((path) => path.slice(LIB_DIR.length + 1))
    .filter((name) => /^lib\.es20(1[5-9]|2[0-3])\.[a-z.]+\.d\.ts$/.test(name) && !/\.(intl|full)\.d\.ts$/.test(name))
    .sort(),
];
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ECMASCRIPT_LIBRARY,
  types: [],
  skipLibCheck: true,
  noResolve: true,
};

const libraryFiles = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

function libraryFile(
  fileName: string,
  target: ts.ScriptTarget | ts.CreateSourceFileOptions,
): ts.SourceFile | undefined {
  let file = libraryFiles.get(fileName);
  if (!file) {
    const text = libraryTexts.get(fileName);
    if (text === undefined) return undefined;
    file = ts.createSourceFile(fileName, text, target);
    libraryFiles.set(fileName, file);
  }
  return file;
}

/** A learner's file as the checker sees it: a module (see MODULE_MARKER), parsed once. */
function learnerFile(fileName: string, code: string): ts.SourceFile {
  return ts.createSourceFile(fileName, code + MODULE_MARKER, OPTIONS.target ?? ts.ScriptTarget.ES2022);
}

/**
 * Whether a file can change what another file of the same program sees: a triple-slash directive (a
 * reference pulls in files or libraries for the whole program), a global augmentation (`declare global`), an
 * ambient module, namespace or module augmentation (`declare module "x"`, `declare namespace X`), or a UMD
 * global (`export as namespace`).
 */
/**
 * `declare module "x"`, `declare module X`, `declare namespace X` and `declare global`: every ambient module
 * declaration is isolated, the harmless file-local ones too (rare in a solution, and one rule is easier to
 * trust than a finer one).
 */
function isAmbient(declaration: ts.ModuleDeclaration): boolean {
  return (
    !ts.isIdentifier(declaration.name) ||
    (declaration.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword) ?? false)
  );
}

function reachesGlobalScope(file: ts.SourceFile): boolean {
  if (
    file.referencedFiles.length > 0 ||
    file.typeReferenceDirectives.length > 0 ||
    file.libReferenceDirectives.length > 0 ||
    file.hasNoDefaultLib
  ) {
    return true;
  }
  const reaches = (node: ts.Node): boolean => {
    if (ts.isNamespaceExportDeclaration(node)) return true;
    if (ts.isModuleDeclaration(node) && (node.flags & ts.NodeFlags.GlobalAugmentation || isAmbient(node))) return true;
    return ts.forEachChild(node, reaches) ?? false;
  };
  return ts.forEachChild(file, reaches) ?? false;
}

function hostFor(files: Map<string, ts.SourceFile>): ts.CompilerHost {
  return {
    getSourceFile: (fileName, target) => files.get(fileName) ?? libraryFile(fileName, target),
    getDefaultLibFileName: () => `${LIB_DIR}/lib.d.ts`,
    getDefaultLibLocation: () => LIB_DIR,
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => files.has(fileName) || libraryTexts.has(fileName),
    readFile: (fileName) => files.get(fileName)?.text,
  };
}

/** The type errors of each file, checked in one program. */
function checkTogether(parsed: readonly ts.SourceFile[]): TypeDiagnostic[][] {
  const files = new Map(parsed.map((file) => [file.fileName, file]));
  const program = ts.createProgram({
    rootNames: [...files.keys()],
    options: OPTIONS,
    host: hostFor(files),
    oldProgram: previous,
  });
  previous = program;
  return [...files.keys()].map((fileName) => {
    const file = program.getSourceFile(fileName);
    if (!file) return [];
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
      .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
      .map((diagnostic) => {
        const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return {
          line: line + 1,
          column: character + 1,
          code: diagnostic.code,
          message: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
        };
      });
  });
}

/** The type errors of each code; codes that can reach the global scope are checked on their own. */
export function typeErrors(codes: readonly string[]): TypeDiagnostic[][] {
  const results: TypeDiagnostic[][] = new Array(codes.length);
  const files = codes.map((code, index) => learnerFile(`/solution-${index}.ts`, code));
  const shared: number[] = [];
  files.forEach((file, index) => {
    if (reachesGlobalScope(file)) [results[index]] = checkTogether([file]);
    else shared.push(index);
  });
  if (shared.length > 0) {
    checkTogether(shared.map((index) => files[index])).forEach((errors, position) => {
      results[shared[position]] = errors;
    });
  }
  return results;
}

/** This thread's kernel id (Linux: /proc/thread-self), so the grader can set its CPU priority; else null. */
function ownThreadId(): number | null {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(threadId) && threadId > 0 ? threadId : null;
  } catch {
    return null;
  }
}

if (parentPort && workerData === CHECKER_THREAD) {
  const port = parentPort;
  const waiting: TypeCheckRequest[] = [];
  // Requests that arrived during the last check are answered together.
  const drain = () => {
    const batch = waiting.splice(0);
    typeErrors(batch.map((request) => request.code)).forEach((errors, index) => {
      const reply: TypeCheckReply = { id: batch[index].id, errors };
      port.postMessage(reply);
    });
  };
  // Parses the standard library once before saying it is ready, so no check pays for it.
  typeErrors([""]);
  port.on("message", (request: TypeCheckRequest) => {
    waiting.push(request);
    if (waiting.length === 1) setImmediate(drain);
  });
  const ready: TypeCheckerReady = { ready: true, threadId: ownThreadId() };
  port.postMessage(ready);
}
