import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { kvBlockManagerKernel } from "./kernel.ts";
import { kvBlockManagerPython } from "./python.ts";

const { solutionCode } = kvBlockManagerKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "floor + 1 blocks: one block too many whenever the prompt ends on a block boundary", [
    ["Math.ceil(event.tokens / blockSize)", "Math.floor(event.tokens / blockSize) + 1"],
  ]),
  edited(solutionCode, "blocks rounded to nearest instead of up: a partial last block gets no block", [
    ["Math.ceil(event.tokens / blockSize)", "Math.round(event.tokens / blockSize)"],
  ]),
  edited(solutionCode, "no copy-on-write: the token is written into a block another sequence still reads", [
    ["return s.tokens % blockSize === 0 || refs[last] > 1 ? 1 : 0;", "return s.tokens % blockSize === 0 ? 1 : 0;"],
    ["} else if (refs[last] > 1) {", "} else if (refs[last] < 0) {"],
  ]),
  edited(solutionCode, "finish frees every block of the sequence, even those still shared by a fork", [
    [
      "for (const block of live.get(event.seq)!.blocks) release(block);",
      "for (const block of live.get(event.seq)!.blocks) if (refs[block] > 0) { refs[block] = 0; free++; }",
    ],
  ]),
  edited(solutionCode, "preempts the most recently touched sequence instead of the least recently touched", [
    [
      "if (s.touch < b.touch || (s.touch === b.touch && id < best)) best = id;",
      "if (s.touch > b.touch || (s.touch === b.touch && id < best)) best = id;",
    ],
  ]),
  edited(solutionCode, "opens a new block one token early, while the last block still has a free slot", [
    ["if (s.tokens % blockSize === 0) {", "if ((s.tokens + 1) % blockSize === 0) {"],
  ]),
  edited(solutionCode, "copies a full shared last block instead of opening a new one", [
    ["if (s.tokens % blockSize === 0) {", "if (s.tokens % blockSize === 0 && refs[last] === 1) {"],
  ]),
  edited(
    solutionCode,
    "the need is computed once: after preempting the sharer, a copy no longer needed still preempts more",
    [["while (free < need()) {", "for (const needed = need(); free < needed; ) {"]],
  ),
  edited(solutionCode, "a fork touches only the child: the parent keeps its old recency", [
    ["      parent.touch = step;\n", ""],
  ]),
  edited(solutionCode, "the free list hands out the highest free id", [["refs.indexOf(0)", "refs.lastIndexOf(0)"]]),
];

const pythonSolution = kvBlockManagerPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "floor + 1 blocks: one block too many whenever the prompt ends on a block boundary", [
    ['needed = math.ceil(event["tokens"] / block_size)', 'needed = event["tokens"] // block_size + 1'],
  ]),
  edited(pythonSolution, "blocks rounded to nearest instead of up: a partial last block gets no block", [
    ['needed = math.ceil(event["tokens"] / block_size)', 'needed = round(event["tokens"] / block_size)'],
  ]),
  edited(pythonSolution, "no copy-on-write: the token is written into a block another sequence still reads", [
    [
      'return 1 if s["tokens"] % block_size == 0 or refs[s["blocks"][-1]] > 1 else 0',
      'return 1 if s["tokens"] % block_size == 0 else 0',
    ],
    ["elif refs[last] > 1:", "elif refs[last] < 0:"],
  ]),
  edited(pythonSolution, "finish frees every block of the sequence, even those still shared by a fork", [
    [
      '        else:\n            for block in live[sid]["blocks"]:\n                release(block)',
      '        else:\n            for block in live[sid]["blocks"]:\n                if refs[block] > 0:\n                    refs[block] = 0\n                    state["free"] += 1',
    ],
  ]),
  edited(pythonSolution, "preempts the most recently touched sequence instead of the least recently touched", [
    ["return min(candidates)[1] if candidates else None", "return max(candidates)[1] if candidates else None"],
  ]),
  edited(pythonSolution, "opens a new block one token early, while the last block still has a free slot", [
    ['if s["tokens"] % block_size == 0:', 'if (s["tokens"] + 1) % block_size == 0:'],
  ]),
  edited(pythonSolution, "copies a full shared last block instead of opening a new one", [
    ['if s["tokens"] % block_size == 0:', 'if s["tokens"] % block_size == 0 and refs[last] == 1:'],
  ]),
  edited(
    pythonSolution,
    "the need is computed once: after preempting the sharer, a copy no longer needed still preempts more",
    [['while state["free"] < need():', 'needed_once = need()\n            while state["free"] < needed_once:']],
  ),
  edited(pythonSolution, "a fork touches only the child: the parent keeps its old recency", [
    ['            parent["touch"] = step\n', ""],
  ]),
  edited(pythonSolution, "the free list hands out the highest free id", [
    ["block = refs.index(0)", "block = num_blocks - 1 - refs[::-1].index(0)"],
  ]),
];
