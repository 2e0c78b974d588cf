import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

/** A kernel object's camelCase keys as the snake_case keys a Python learner reads (`bytesPerElement` → `bytes_per_element`). */
function snakeDict(value: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      item,
    ]),
  );
}

const solutionCode = `def count_work(op: dict) -> tuple:
    if op["kind"] == "gemm":
        m, n, k = op["m"], op["n"], op["k"]
        return 2 * m * n * k, (m * k + k * n + m * n) * op["bytes_per_element"]
    if op["kind"] == "elementwise":
        return op["n"] * op["flops_per_element"], op["n"] * op["bytes_moved_per_element"]
    b, d = op["batch"], op["head_dim"]
    flops = 4 * b * op["heads"] * op["query_len"] * op["key_len"] * d
    q_and_o = 2 * b * op["heads"] * op["query_len"] * d
    k_and_v = 2 * b * op["kv_heads"] * op["key_len"] * d
    return flops, (q_and_o + k_and_v) * op["bytes_per_element"]


def roofline(hardware: dict, ops: list) -> dict:
    peak = hardware["peak_flops"]
    bandwidth = hardware["memory_bandwidth"]
    ridge = peak / bandwidth
    estimates = []
    for op in ops:
        flops, moved = count_work(op)
        intensity = flops / moved
        estimates.append({
            "flops": flops,
            "bytes": moved,
            "intensity": intensity,
            "bound": "compute" if intensity >= ridge else "memory",
            "time": max(flops / peak, moved / bandwidth),
            "attainable": min(peak, intensity * bandwidth),
        })
    return {"ridge": ridge, "ops": estimates}
`;

export const rooflinePython: PythonForm = {
  kernelId: "roofline",
  functionName: "roofline",
  signature: `# hardware: {"peak_flops": float, "memory_bandwidth": float}
# ops: list of {"kind": "gemm", "m", "n", "k", "bytes_per_element"}
#             | {"kind": "elementwise", "n", "flops_per_element", "bytes_moved_per_element"}
#             | {"kind": "attention", "batch", "heads", "kv_heads", "query_len", "key_len", "head_dim", "bytes_per_element"}
def roofline(hardware: dict, ops: list) -> dict
# {"ridge": float, "ops": [{"flops", "bytes", "intensity", "bound": "memory" | "compute", "time", "attainable"}]}`,
  argKinds: ["json", "json"],
  adapter: {
    args: ([hardware, ops]) => [snakeDict(hardware), (ops as unknown[]).map(snakeDict)],
    result: nested,
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def roofline(hardware: dict, ops: list) -> dict:
    # For each op: count its FLOPs and the bytes it must move, then place it on the roofline
    # (intensity vs the ridge peak_flops / memory_bandwidth) and take the slower of compute and memory time.
    return {"ridge": 0.0, "ops": []}
`,
  solutionCode,
};
