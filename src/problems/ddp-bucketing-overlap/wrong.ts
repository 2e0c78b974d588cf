import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { ddpOverlapKernel } from "./kernel.ts";
import { ddpOverlapPython } from "./python.ts";

const { solutionCode } = ddpOverlapKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "buckets in forward (registration) order: the first bucket holds the gradients ready last", [
    ["for (let i = paramBytes.length - 1; i >= 0; i--) {", "for (let i = 0; i < paramBytes.length; i++) {"],
  ]),
  edited(solutionCode, "closes the bucket before a parameter that would overflow it, instead of adding it first", [
    [
      "    current.push(i);\n    size += paramBytes[i];\n    if (size >= cap) {",
      "    if (current.length > 0 && size + paramBytes[i] > cap) {",
    ],
    [
      "      cap = bucketCap;\n    }\n  }",
      "      cap = bucketCap;\n    }\n    current.push(i);\n    size += paramBytes[i];\n  }",
    ],
  ]),
  edited(solutionCode, "closes a bucket only when it exceeds the cap (>), not when it reaches it (≥)", [
    ["if (size >= cap) {", "if (size > cap) {"],
  ]),
  edited(solutionCode, "no small first bucket: every bucket uses bucketCap", [
    ["let cap = firstBucketCap;", "let cap = bucketCap;"],
  ]),
  edited(solutionCode, "a bucket's all-reduce starts at its first ready gradient instead of its last", [
    ["Math.max(...bucket.map((i) => readyTimes[i]))", "Math.min(...bucket.map((i) => readyTimes[i]))"],
  ]),
  edited(solutionCode, "all-reduces overlap each other: a bucket starts when ready even if the stream is busy", [
    ["const begin = Math.max(ready[b], streamFree);", "const begin = ready[b];"],
    ["streamFree = begin + cost;", "streamFree = Math.max(streamFree, begin + cost);"],
  ]),
  edited(solutionCode, "ring all-reduce timed as a reduce-scatter only: (p−1)α + (p−1)/p·S/B", [
    [
      "const cost = 2 * (ranks - 1) * alpha + ((2 * (ranks - 1)) / ranks) * (bucketBytes[b] / bandwidth);",
      "const cost = (ranks - 1) * alpha + ((ranks - 1) / ranks) * (bucketBytes[b] / bandwidth);",
    ],
  ]),
  edited(solutionCode, "ring bandwidth term without (p−1)/p: every rank sends 2S", [
    ["((2 * (ranks - 1)) / ranks) * (bucketBytes[b] / bandwidth)", "2 * (bucketBytes[b] / bandwidth)"],
  ]),
  edited(solutionCode, "exposed time taken as the last all-reduce's duration, ignoring earlier buckets still queued", [
    [
      "exposed: streamFree - backwardEnd }",
      "exposed: end[end.length - 1] - Math.max(start[start.length - 1], backwardEnd) }",
    ],
  ]),
];

const pythonSolution = ddpOverlapPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "buckets in forward (registration) order", [
    ["for i in reversed(range(len(param_bytes))):", "for i in range(len(param_bytes)):"],
  ]),
  edited(pythonSolution, "closes the bucket before a parameter that would overflow it", [
    [
      "        current.append(i)\n        size += param_bytes[i]\n        if size >= cap:",
      "        if current and size + param_bytes[i] > cap:",
    ],
    [
      "            current, size, cap = [], 0, bucket_cap\n",
      "            current, size, cap = [], 0, bucket_cap\n        current.append(i)\n        size += param_bytes[i]\n",
    ],
  ]),
  edited(pythonSolution, "closes a bucket only when it exceeds the cap (>)", [["if size >= cap:", "if size > cap:"]]),
  edited(pythonSolution, "no small first bucket", [
    ["current, size, cap = [], 0, first_bucket_cap", "current, size, cap = [], 0, bucket_cap"],
  ]),
  edited(pythonSolution, "a bucket's all-reduce starts at its first ready gradient", [
    [
      "ready = [float(np.max(ready_times[bucket])) for bucket in buckets]",
      "ready = [float(np.min(ready_times[bucket])) for bucket in buckets]",
    ],
  ]),
  edited(pythonSolution, "all-reduces overlap each other on the stream", [
    ["begin = max(ready[b], stream_free)", "begin = ready[b]"],
    ["stream_free = begin + cost", "stream_free = max(stream_free, begin + cost)"],
  ]),
  edited(pythonSolution, "ring all-reduce without the factor 2", [
    [
      "cost = 2 * (ranks - 1) * alpha + 2 * (ranks - 1) / ranks * (bucket_bytes[b] / bandwidth)",
      "cost = (ranks - 1) * alpha + (ranks - 1) / ranks * (bucket_bytes[b] / bandwidth)",
    ],
  ]),
  edited(pythonSolution, "ring bandwidth term without (p−1)/p", [
    ["2 * (ranks - 1) / ranks * (bucket_bytes[b] / bandwidth)", "2 * (bucket_bytes[b] / bandwidth)"],
  ]),
];
