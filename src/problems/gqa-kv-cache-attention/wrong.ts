import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { gqaKvCacheAttentionKernel } from "./kernel.ts";
import { gqaKvCacheAttentionPython } from "./python.ts";

const { solutionCode } = gqaKvCacheAttentionKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "top-left causal alignment: a one-token decode query sees only key 0", [
    ["const last = sk - sq + i;", "const last = i;"],
  ]),
  edited(solutionCode, "KV head h % Hkv instead of ⌊h / (Hq/Hkv)⌋: query heads are spread across the groups", [
    ["const kv = Math.floor(h / group);", "const kv = h % kCache[0].length;"],
  ]),
  edited(solutionCode, "masks after the softmax: normalises over every cached key, then drops the future ones", [
    ["for (let t = 0; t <= last; t++) {", "for (let t = 0; t < sk; t++) {"],
    ["weights.forEach((w, t) => {\n", "weights.forEach((w, t) => {\n        if (t > last) return;\n"],
  ]),
  edited(solutionCode, "no 1/√d scale on the scores", [["const scale = 1 / Math.sqrt(d);", "const scale = 1;"]]),
  edited(solutionCode, "assumes multi-head attention (KV head = query head): breaks as soon as Hq > Hkv", [
    ["const kv = Math.floor(h / group);", "const kv = h;"],
  ]),
  edited(solutionCode, "excludes the query's own position: sees keys < Sk − Sq + i only", [
    ["const last = sk - sq + i;", "const last = sk - sq + i - 1;"],
  ]),
  edited(solutionCode, "softmax without subtracting the maximum: exp overflows for scores near 1800", [
    ["weights[t] = Math.exp(weights[t] - max);", "weights[t] = Math.exp(weights[t]);"],
  ]),
];

const pythonSolution = gqaKvCacheAttentionPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "top-left causal alignment: a one-token decode query sees only key 0", [
    ["(sk - sq + np.arange(sq))[:, None]", "np.arange(sq)[:, None]"],
  ]),
  edited(pythonSolution, "np.tile instead of np.repeat: query head h reads KV head h % Hkv", [
    ["k = np.repeat(k_cache, group, axis=1)", "k = np.tile(k_cache, (1, group, 1))"],
    ["v = np.repeat(v_cache, group, axis=1)", "v = np.tile(v_cache, (1, group, 1))"],
  ]),
  edited(pythonSolution, "masks after the softmax: normalises over every cached key, then zeroes the future ones", [
    ["    scores = np.where(visible[None], scores, -np.inf)\n", ""],
    [
      "weights /= weights.sum(axis=-1, keepdims=True)",
      "weights /= weights.sum(axis=-1, keepdims=True)\n    weights = np.where(visible[None], weights, 0.0)",
    ],
  ]),
  edited(pythonSolution, "no 1/sqrt(d) scale on the scores", [
    ['np.einsum("ihd,thd->hit", q, k) / np.sqrt(d)', 'np.einsum("ihd,thd->hit", q, k)'],
  ]),
  edited(pythonSolution, "scale 1/d instead of 1/sqrt(d)", [
    ['np.einsum("ihd,thd->hit", q, k) / np.sqrt(d)', 'np.einsum("ihd,thd->hit", q, k) / d'],
  ]),
  edited(pythonSolution, "excludes the query's own position (strict <)", [
    ["np.arange(sk)[None, :] <= (sk - sq", "np.arange(sk)[None, :] < (sk - sq"],
  ]),
  edited(pythonSolution, "softmax without subtracting the maximum: exp overflows for scores near 1800", [
    ["    scores = scores - scores.max(axis=-1, keepdims=True)\n", ""],
  ]),
];
