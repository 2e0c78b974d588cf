"""Independent check of distillation-loss: log-softmax via log-sum-exp, the soft term as T² times the mean
KL(teacher_T ‖ student_T), the hard term as the mean negative log-likelihood at temperature 1."""

import math

import numpy as np


def _log_softmax(row: np.ndarray) -> np.ndarray:
    top = row.max()
    return row - (top + math.log(math.fsum(math.exp(v - top) for v in row)))


def distillation_loss(student_logits: np.ndarray, teacher_logits: np.ndarray, labels: np.ndarray,
                      temperature: float, alpha: float) -> dict:
    n = student_logits.shape[0]
    T = temperature
    kl_terms = []
    nll_terms = []
    for i in range(n):
        log_p = _log_softmax(teacher_logits[i] / T)
        log_q = _log_softmax(student_logits[i] / T)
        p = np.exp(log_p)
        kl_terms.append(math.fsum(p * (log_p - log_q)))
        nll_terms.append(-_log_softmax(student_logits[i])[int(labels[i])])
    soft = T * T * math.fsum(kl_terms) / n
    hard = math.fsum(nll_terms) / n
    return {"loss": alpha * soft + (1 - alpha) * hard, "soft_loss": soft, "hard_loss": hard}
