import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { pipelineScheduleKernel } from "./kernel.ts";
import { pipelineSchedulePython } from "./python.ts";

const { solutionCode } = pipelineScheduleKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "1F1B warm-up of p forwards on every device instead of p − d − 1: wrong order, peak and times", [
    ["Math.min(p - d - 1, total)", "Math.min(p, total)"],
  ]),
  edited(solutionCode, "GPipe's peak in-flight reported as p (the pipeline depth) instead of m", [
    ["    return peak;\n", '    return schedule === "gpipe" ? p : peak;\n'],
  ]),
  edited(solutionCode, "bubble fraction as (p − 1)/m, the bubble-to-compute ratio, instead of idle/(p·makespan)", [
    ["const bubbleFraction = 1 - busy / (p * makespan);", "const bubbleFraction = (p - 1) / m;"],
  ]),
  edited(solutionCode, "backward ignores the next stage's backward: B(s, i) waits only for F(s, i)", [
    ["          if (s < n - 1) after(bEnd[s + 1][op.microbatch], s + 1);\n", ""],
  ]),
  edited(solutionCode, "comm charged on every dependency, even within one device (the last stage's F → B)", [
    ["(from % p === d ? 0 : comm)", "comm"],
  ]),
  edited(solutionCode, "interleaved warm-up of (p − d − 1) + (v − 1)p forwards, without the factor 2", [
    ["2 * (p - d - 1) + (v - 1) * p", "(p - d - 1) + (v - 1) * p"],
  ]),
  edited(solutionCode, "GPipe's backwards in reverse micro-batch order instead of 0..m − 1", [
    [
      'for (let i = 0; i < m; i++) ops.push({ microbatch: i, chunk: 0, kind: "B" });',
      'for (let i = m - 1; i >= 0; i--) ops.push({ microbatch: i, chunk: 0, kind: "B" });',
    ],
  ]),
];

const pythonSolution = pipelineSchedulePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "1F1B warm-up of p forwards on every device instead of p − d − 1", [
    ["warmup = min(p - d - 1, total)", "warmup = min(p, total)"],
  ]),
  edited(pythonSolution, "GPipe's peak in-flight reported as p instead of m", [
    ["        peak_in_flight.append(peak)", '        peak_in_flight.append(p if schedule == "gpipe" else peak)'],
  ]),
  edited(pythonSolution, "bubble fraction as (p − 1)/m instead of idle/(p·makespan)", [
    ["bubble_fraction = 1 - busy / (p * makespan)", "bubble_fraction = (p - 1) / m"],
  ]),
  edited(pythonSolution, "backward ignores the next stage's backward: B(s, i) waits only for F(s, i)", [
    ["                    if s < p * v - 1:\n                        deps.append((b_end, s + 1))\n", ""],
  ]),
  edited(pythonSolution, "comm charged on every dependency, even within one device", [
    ["hop = 0.0 if stage % p == d else comm", "hop = comm"],
  ]),
  edited(pythonSolution, "interleaved warm-up without the factor 2 on p − d − 1", [
    ["2 * (p - d - 1) + (v - 1) * p", "(p - d - 1) + (v - 1) * p"],
  ]),
  edited(pythonSolution, "interleaved backward on the forward's chunk instead of the mirrored one (v − 1 − c)", [
    ['return (microbatch, v - 1 - chunk, "B")', 'return (microbatch, chunk, "B")'],
  ]),
];
