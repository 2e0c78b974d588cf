import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def _pick(probs: np.ndarray, r: float) -> int:
    cdf = 0.0
    last = 0
    for i, p in enumerate(probs):
        if p <= 0:
            continue
        last = i
        cdf += p
        if r < cdf:
            return i
    return last


def verify_draft(draft_tokens: list, draft_probs: np.ndarray, target_probs: np.ndarray,
                 uniforms: np.ndarray, r: float) -> dict:
    k = len(draft_tokens)
    rates = np.minimum(draft_probs, target_probs[:k]).sum(axis=1)
    expected = 1.0 + float(np.cumprod(rates).sum())
    tokens = []
    for i, d in enumerate(draft_tokens):
        if uniforms[i] < min(1.0, target_probs[i, d] / draft_probs[i, d]):
            tokens.append(d)
            continue
        excess = np.maximum(0.0, target_probs[i] - draft_probs[i])
        residual = excess / excess.sum()
        tokens.append(_pick(residual, r))
        return {"accepted": i, "tokens": tokens, "residual": residual,
                "acceptance_rates": rates, "expected_tokens": expected}
    residual = target_probs[k].copy()
    tokens.append(_pick(residual, r))
    return {"accepted": k, "tokens": tokens, "residual": residual,
            "acceptance_rates": rates, "expected_tokens": expected}
`;

export const speculativeDecodingVerifyPython: PythonForm = {
  kernelId: "speculative-decoding-verify",
  functionName: "verify_draft",
  signature:
    "def verify_draft(draft_tokens: list, draft_probs: np.ndarray, target_probs: np.ndarray, uniforms: np.ndarray, " +
    'r: float) -> dict  # {"accepted", "tokens", "residual", "acceptance_rates", "expected_tokens"}',
  argKinds: ["list", "ndarray2d", "ndarray2d", "ndarray1d", "float"],
  adapter: dictResult(["accepted", "tokens", "residual", "acceptance_rates", "expected_tokens"]),
  forbiddenNames: ["torch", "scipy"],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def verify_draft(draft_tokens: list, draft_probs: np.ndarray, target_probs: np.ndarray,
                 uniforms: np.ndarray, r: float) -> dict:
    # draft_probs: k x V (q_i), target_probs: (k + 1) x V (p_i). Accept draft token i when
    # uniforms[i] < min(1, p_i(d_i) / q_i(d_i)); at the first rejection draw from norm(max(0, p_i - q_i))
    # with r and stop; if all are accepted draw a bonus token from p_{k+1} with r.
    # acceptance_rates[i] = sum_x min(p_i(x), q_i(x)); expected_tokens = sum_{j=0..k} prod_{i<j} rates[i].
    return {"accepted": 0, "tokens": [], "residual": target_probs[0],
            "acceptance_rates": np.zeros(len(draft_tokens)), "expected_tokens": 1.0}
`,
  solutionCode,
};
