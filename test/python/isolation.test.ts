// What one Python run can learn of another, of later tests and of the trusted side, through the real judge:
// each attack is followed by an ordinary submission on the same runtime, graded right.
//  - read-ahead: a test's input reaches the child only when that test starts;
//  - residue: the process every child is forked from never held a submission, a test or a reference solution;
//  - kernel objects (SysV/POSIX IPC, memfd, io_uring) are denied, so none outlives a child;
//  - out-of-turn frames, a harness whose input was tampered with, a huge result: learner verdicts, first time.
// The residue and kernel-object cases need ctypes, which learners cannot import: they run on a runtime
// started with the tests-only option that lifts the loader rules (`testing.allowLoaders`).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { matmulPython } from "../../src/problems/matmul/python.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { type GradeInput, type GradeResult, gradeSubmission } from "../../workers/judge/grade.ts";
import { createPythonJudgeRuntime } from "../../workers/runtimes/python/judge-runtime.ts";
import type { PythonRuntime } from "../../workers/runtimes/python/runtime.ts";
import type { Runtime } from "../../workers/runtimes/runtime.ts";
import { describePython, LIMITS, MATMUL, MATMUL_ARGS, MATMUL_SOLUTION, startRuntime } from "./fixtures.ts";

const MATMUL_KERNEL = (() => {
  const kernel = getKernel("matmul");
  if (!kernel) throw new Error("no matmul kernel");
  return kernel;
})();

function gradeInput(code: string, mode: GradeInput["mode"], timeLimitMs = 5000): GradeInput {
  return {
    code,
    language: "PYTHON",
    kernel: MATMUL_KERNEL,
    seed: 7,
    hiddenTestSecret: "isolation-test-secret-0123456789abcdef",
    mode,
    timeLimitMs,
    memoryLimitMb: 256,
  };
}

/** An ordinary submission, graded right on `judge` after whatever ran before it. */
async function expectOrdinaryAccepted(judge: Runtime): Promise<void> {
  const result = await gradeSubmission(gradeInput(MATMUL_SOLUTION, "SAMPLES"), judge);
  expect(result.verdict).toBe("ACCEPTED");
}

function sampleOutput(result: GradeResult): string {
  return result.tests[0]?.output ?? "";
}

/**
 * A learner's scan of its own memory, without /proc: the brk heap (from sbrk(0) down) and every MiB that
 * holds a Python object, each page read through a pipe (write(2) answers EFAULT for an unreadable page
 * instead of crashing). Each needle is given in two parts, so it is never whole in the scanner's own memory;
 * it prints the hits per needle and the pages read.
 */
function heapScan(needles: readonly (readonly [string, string])[]): string {
  return `import ctypes, gc, os

NEEDLES = [${needles.map(([head, tail]) => `(${JSON.stringify(head)}.encode(), ${JSON.stringify(tail)}.encode())`).join(", ")}]
PAGE = 4096
libc = ctypes.CDLL(None, use_errno=True)
libc.sbrk.restype = ctypes.c_void_p
libc.sbrk.argtypes = [ctypes.c_long]
libc.write.restype = ctypes.c_long
libc.write.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]


def matmul(a, b):
    r, w = os.pipe()
    hits = [0] * len(NEEDLES)
    pages = 0
    seen = set()

    def scan(address):
        nonlocal pages
        if address in seen:
            return True
        seen.add(address)
        if libc.write(w, address, PAGE) != PAGE:
            return False
        data = os.read(r, PAGE)
        pages += 1
        for index, (head, tail) in enumerate(NEEDLES):
            at = data.find(head)
            while at >= 0:
                if data[at + len(head) : at + len(head) + len(tail)] == tail:
                    hits[index] += 1
                at = data.find(head, at + 1)
        return True

    top = libc.sbrk(0) // PAGE * PAGE
    address = top - PAGE
    while address > 0 and scan(address):
        address -= PAGE
    blocks = {id(thing) >> 20 for thing in gc.get_objects()}
    for block in sorted(blocks):
        for page in range(-256, 512):
            scan((block << 20) + page * PAGE)
    print("hits", hits, "pages", pages)
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
}

/** Python: what the harness's input (fd 0) holds right now, read without waiting (b"" when nothing is there). */
const READ_AHEAD = `import os

def read_ahead():
    os.set_blocking(0, False)
    try:
        return os.read(0, 1 << 24)
    except BlockingIOError:
        return b""
    finally:
        os.set_blocking(0, True)
`;

describePython("python isolation through the judge", () => {
  let strict: PythonRuntime;
  let scanning: PythonRuntime;
  let judge: Runtime;
  let scanningJudge: Runtime;

  beforeAll(async () => {
    // The default 48 MiB result cap: a result is held back by its test's own cap, derived from the expected output.
    strict = await startRuntime({ maxOutputBytes: 48 * 1024 * 1024 });
    scanning = await startRuntime({ testing: { allowLoaders: true } });
    judge = createPythonJudgeRuntime(strict);
    scanningJudge = createPythonJudgeRuntime(scanning);
  }, 60_000);

  afterAll(async () => {
    await strict?.close();
    await scanning?.close();
  });

  it("gives a sample nothing of later tests when it reads the harness's input ahead", async () => {
    const code = `${READ_AHEAD}
seen = []

def matmul(a, b):
    if not seen:
        seen.append(1)
        ahead = read_ahead()
        print("ahead", len(ahead), ahead[:4000])
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
    const result = await gradeSubmission(gradeInput(code, "FULL"), judge);
    expect(sampleOutput(result)).toMatch(/^ahead 0 b''/);
    expect(sampleOutput(result)).not.toContain('"index"');
    expect(result.verdict).toBe("ACCEPTED");
    await expectOrdinaryAccepted(judge);
  }, 60_000);

  it("gives no run of a performance test the next run's input: it waits in the zygote until its run starts", async () => {
    const code = `${READ_AHEAD}
def matmul(a, b):
    ahead = read_ahead()
    if ahead:
        raise RuntimeError(f"read {len(ahead)} bytes ahead")
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
    const prepared = await strict.prepare({ code, language: "PYTHON" }, MATMUL);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const run = await prepared.program.run([{ args: MATMUL_ARGS, runs: 6, argsOfRun: () => MATMUL_ARGS }], LIMITS);
    const outcome = run.outcomes[0];
    if (outcome?.status !== "OK") throw new Error(`expected OK, got ${JSON.stringify(outcome)}`);
    expect(outcome.timedRunValues?.length).toBeGreaterThan(0);
  }, 60_000);

  it("leaves nothing of another learner's code, a test or the reference solution in a later child's memory", async () => {
    const markerA = `qzAmarker-${randomBytes(8).toString("hex")}`;
    const markerB = `qzBmarker-${randomBytes(8).toString("hex")}`;
    const learnerA = `MARK = "${markerA}"\n${MATMUL_SOLUTION}`;
    // Learner A, fully graded (every hidden and performance test goes through the zygote)...
    const graded = await gradeSubmission(gradeInput(learnerA, "FULL"), scanningJudge);
    expect(graded.verdict).toBe("ACCEPTED");
    // ...and the reference solution timed through the same zygote, as reference-timing.ts does.
    const reference = await scanningJudge.prepare(
      { code: matmulPython.solutionCode, language: "PYTHON" },
      { functionName: "matmul", kernelId: "matmul" },
      { warnings: false },
    );
    if (!reference.ok) throw new Error(reference.error.message);
    const timed = await reference.program.run([{ args: MATMUL_ARGS, runs: 10 }], LIMITS);
    expect(timed.outcomes[0]?.status).toBe("OK");
    const referenceLine = "One rank-1 update per column of a";
    expect(matmulPython.solutionCode).toContain(referenceLine);
    const needles = [
      [markerB.slice(0, 7), markerB.slice(7)], // learner B's own code: the scan must find it
      [markerA.slice(0, 7), markerA.slice(7)],
      ['"runs":10,', '"seconds":'], // a performance test's frame (B runs samples only: one run each)
      [referenceLine.slice(0, 14), referenceLine.slice(14)],
    ] as const;
    const learnerB = `MARK = "${markerB}"\n${heapScan(needles)}`;
    const scanned = await gradeSubmission(gradeInput(learnerB, "SAMPLES", 20_000), scanningJudge);
    const match = /^hits \[(\d+), (\d+), (\d+), (\d+)\] pages (\d+)/.exec(sampleOutput(scanned));
    if (!match) throw new Error(`no scan report: ${JSON.stringify(scanned.tests[0])}`);
    const [own, other, frame, solution, pages] = match.slice(1).map(Number);
    expect(pages).toBeGreaterThan(1000);
    expect(own).toBeGreaterThan(0);
    expect({ other, frame, solution }).toEqual({ other: 0, frame: 0, solution: 0 });
    await expectOrdinaryAccepted(scanningJudge);
  }, 120_000);

  it("denies every kernel object that could outlive a child: SysV and POSIX IPC, memfd, io_uring", async () => {
    const code = `import ctypes, os

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NUMBERS = {
    "x86_64": {"shmget": 29, "semget": 64, "msgget": 68, "mq_open": 240, "memfd_create": 319, "io_uring_setup": 425, "memfd_secret": 447},
    "aarch64": {"shmget": 194, "semget": 190, "msgget": 186, "mq_open": 180, "memfd_create": 279, "io_uring_setup": 425, "memfd_secret": 447},
}[os.uname().machine]
IPC_CREAT = 0o1000
params = ctypes.create_string_buffer(120)
name = ctypes.c_char_p(b"keep")
ARGS = {
    "shmget": (0, 1 << 20, IPC_CREAT | 0o600),
    "semget": (0, 1, IPC_CREAT | 0o600),
    "msgget": (0, IPC_CREAT | 0o600),
    "mq_open": (name, os.O_CREAT | os.O_RDWR, 0o600, None),
    "memfd_create": (name, 0),
    "io_uring_setup": (8, params),
    "memfd_secret": (0,),
}

def matmul(a, b):
    errors = {}
    for call, number in NUMBERS.items():
        ctypes.set_errno(0)
        result = libc.syscall(number, *ARGS[call])
        errors[call] = "allowed" if result >= 0 else os.strerror(ctypes.get_errno())
    return errors
`;
    const prepared = await scanning.prepare({ code, language: "PYTHON" }, { functionName: "matmul" });
    if (!prepared.ok) throw new Error(prepared.error.message);
    const run = await prepared.program.run([{ args: [1, 2] }], LIMITS);
    const outcome = run.outcomes[0];
    expect(outcome).toMatchObject({ status: "OK" });
    const errors = (outcome as { value: Record<string, string> }).value;
    const permission = "Operation not permitted";
    expect(errors).toEqual({
      shmget: permission,
      semget: permission,
      msgget: permission,
      mq_open: permission,
      memfd_create: permission,
      io_uring_setup: permission,
      memfd_secret: permission,
    });
    await expectOrdinaryAccepted(scanningJudge);
  }, 60_000);

  it("takes answers written ahead of their run's input as the learner's fault, not as fast runs", async () => {
    const code = `import json, os
calls = []

def matmul(a, b):
    calls.append(1)
    if len(calls) == 1:
        for _ in range(12):
            body = json.dumps({"kind": "value", "value": 0, "token": 0}).encode()
            os.write(1, len(body).to_bytes(4, "big") + body)
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
    const prepared = await strict.prepare({ code, language: "PYTHON" }, MATMUL);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const run = await prepared.program.run([{ args: MATMUL_ARGS, runs: 5 }], LIMITS);
    expect(run.outcomes[0]).toMatchObject({ status: "RUNTIME_ERROR", origin: "sandbox", message: /out of turn/ });
    await expectOrdinaryAccepted(judge);
  }, 60_000);

  it("grades a learner who breaks the harness's input adaptation, without a retry or an internal error", async () => {
    // From the harness's own stdout object to its modules (names computed, past the source check).
    const code = `import sys

def matmul(a, b):
    harness = getattr(type(sys.stdout).write, "__glo" + "bals__")
    def broken(value, kind):
        raise ValueError("tampered")
    vars(harness["wire"])["_adapt"] = broken
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
    const result = await gradeSubmission(gradeInput(code, "SAMPLES"), judge);
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.tests.map((test) => test.status)).toEqual(["PASSED", "RUNTIME_ERROR"]);
    expect(result.tests[1]?.message).toMatch(/broke the test harness/);
    await expectOrdinaryAccepted(judge);
  }, 60_000);

  it("refuses a huge result inside the child, by the size the expected output needs", async () => {
    const code = "def matmul(a, b):\n    return [0.5] * 1_900_000\n";
    const result = await gradeSubmission(gradeInput(code, "SAMPLES"), judge);
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.tests[0]?.message).toMatch(/^the result is larger than \d+ bytes$/);
    const cap = Number(/(\d+) bytes/.exec(result.tests[0]?.message ?? "")?.[1]);
    expect(cap).toBeLessThan(1024 * 1024);
    // An ordinary submission on the same grader right after is graded as usual.
    await expectOrdinaryAccepted(judge);
  }, 60_000);
});
