"""Independent check of speculative-decoding-verify, written from the rejection-sampling rule: the acceptance
probabilities as 1 - total variation distance, the expected tokens by summing P(step emits >= j tokens)."""

import math


def _first_above(weights, r):
    total = 0.0
    chosen = None
    for token, w in enumerate(weights):
        if w > 0:
            total += w
            chosen = token
            if r < total:
                return token
    return chosen


def verify_draft(draft_tokens, draft_probs, target_probs, uniforms, r):
    k = len(draft_tokens)
    rates = []
    for i in range(k):
        tv = 0.5 * math.fsum(abs(float(a) - float(b)) for a, b in zip(target_probs[i], draft_probs[i]))
        rates.append(1.0 - tv)
    expected = 1.0
    for j in range(1, k + 1):
        expected += math.prod(rates[:j])
    out = []
    for i in range(k):
        token = int(draft_tokens[i])
        ratio = float(target_probs[i][token]) / float(draft_probs[i][token])
        if uniforms[i] < min(1.0, ratio):
            out.append(token)
            continue
        excess = [max(0.0, float(a) - float(b)) for a, b in zip(target_probs[i], draft_probs[i])]
        z = math.fsum(excess)
        residual = [e / z for e in excess]
        out.append(_first_above(residual, r))
        return {"accepted": i, "tokens": out, "residual": residual, "acceptance_rates": rates,
                "expected_tokens": expected}
    residual = [float(v) for v in target_probs[k]]
    out.append(_first_above(residual, r))
    return {"accepted": k, "tokens": out, "residual": residual, "acceptance_rates": rates,
            "expected_tokens": expected}
