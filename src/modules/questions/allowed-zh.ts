// What a Python solution may use (PythonForm.allowed), in Chinese. The forms state it in English beside each kernel
// (src/problems/<slug>/python.ts); this table says the same in Chinese, sentence by sentence, so the field reads in
// the request's locale. A problem whose sentence is missing here reads English in both locales, and the locale test
// (test/api/locale.test.ts) names it.
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";
import type { Locale } from "../../lib/locale.ts";

const NUMPY_ALLOWED_ZH = "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。";

/** Whole texts, and the sentences that follow NUMPY_ALLOWED. */
const CHINESE: Record<string, string> = {
  // Sentences after NUMPY_ALLOWED.
  "The @ operator is allowed.": "可以用 @ 运算符。",
  "The @ operator is allowed; no library convolution, pooling or softmax (scipy, torch).":
    "可以用 @ 运算符；不能用库里的卷积、池化或 softmax（scipy、torch）。",
  "Slicing, np.pad, broadcasting and the @ operator are allowed; no library convolution (scipy.signal, torch).":
    "可以用切片、np.pad、广播和 @ 运算符；不能用库里的卷积（scipy.signal、torch）。",
  "np.linalg.norm is allowed; no differential-privacy library (opacus).":
    "可以用 np.linalg.norm；不能用差分隐私库（opacus）。",
  "The @ operator is allowed; no automatic differentiation library (torch).":
    "可以用 @ 运算符；不能用自动微分库（torch）。",
  "The @ operator is allowed; no training library (torch).": "可以用 @ 运算符；不能用训练库（torch）。",
  "No FP8 library type (ml_dtypes, torch.float8_e4m3fn).": "不能用库里的 FP8 类型（ml_dtypes、torch.float8_e4m3fn）。",
  "Not scikit-learn's KFold.": "不能用 scikit-learn 的 KFold。",
  "The @ operator is allowed: the layer, not the product, is the exercise.":
    "可以用 @ 运算符：要练的是这一层，不是矩阵乘法。",
  "No library pooling (scipy.ndimage, torch).": "不能用库里的池化（scipy.ndimage、torch）。",
  "Round halves up (floor(v + 0.5)): np.round rounds halves to even.":
    "中点向上取整（floor(v + 0.5)）：np.round 会把中点取到偶数。",
  "Simulate the ring: buffers.mean(axis=0) adds in another order and fails the order-sensitive tests.":
    "请模拟环：buffers.mean(axis=0) 的相加顺序不同，过不了对顺序敏感的测试。",
  "Not a library sampler (torch, transformers' logits processors).":
    "不能用库里的采样器（torch、transformers 的 logits processor）。",
  "The @ operator is allowed; no library attention or softmax (torch, scipy).":
    "可以用 @ 运算符；不能用库里的注意力或 softmax（torch、scipy）。",
  "Not imbalanced-learn's SMOTE or scikit-learn's NearestNeighbors.":
    "不能用 imbalanced-learn 的 SMOTE 或 scikit-learn 的 NearestNeighbors。",
  // Whole texts.
  "Python 3 with numpy (np.bincount, np.unique, …); not scikit-learn's compute_class_weight.":
    "Python 3 与 numpy（np.bincount、np.unique 等）；不能用 scikit-learn 的 compute_class_weight。",
  "Python 3 with numpy; not scikit-learn's metrics.": "Python 3 与 numpy；不能用 scikit-learn 的 metrics。",
  "Python 3 with numpy and math; no library softmax, log-softmax or KL divergence (scipy, torch).":
    "Python 3 与 numpy、math；不能用库里的 softmax、log-softmax 或 KL 散度（scipy、torch）。",
  "Python 3 with numpy and math; no torch (torch.amp.GradScaler is the thing to re-implement).":
    "Python 3 与 numpy、math；不能用 torch（要重新实现的正是 torch.amp.GradScaler）。",
  "Python 3 with numpy and math (@ and einsum included); no library attention or softmax (scipy, torch). The memory limit does not fit an n × n array at the largest test.":
    "Python 3 与 numpy、math（包括 @ 和 einsum）；不能用库里的注意力或 softmax（scipy、torch）。在最大的测试上，内存限制放不下 n × n 的数组。",
  "Python 3 with numpy and math; no library attention or softmax (scipy, torch).":
    "Python 3 与 numpy、math；不能用库里的注意力或 softmax（scipy、torch）。",
  "Python 3 integer arithmetic (//, -(-a // b) for a ceiling, the math module); numpy is allowed but not needed.":
    "Python 3 整数运算（//，向上取整用 -(-a // b)，以及 math 模块）；可以用 numpy，但用不着。",
  "Python 3 with numpy (indexing, argmax, broadcasting); np.linalg and scipy.linalg.lu are not allowed.":
    "Python 3 与 numpy（索引、argmax、广播）；不能用 np.linalg 和 scipy.linalg.lu。",
  "Python 3 with numpy: element-wise arithmetic, broadcasting, sum and reshape are allowed; the @ operator, np.matmul, np.dot, np.vdot, np.einsum, np.linalg, np.tensordot, np.inner and ndarray.dot are not (they are the answer).":
    "Python 3 与 numpy：可以用逐元素运算、广播、sum 和 reshape；不能用 @ 运算符、np.matmul、np.dot、np.vdot、np.einsum、np.linalg、np.tensordot、np.inner 和 ndarray.dot（它们就是答案）。",
  "Python 3 with numpy and math; no library softmax (scipy.special.softmax, torch).":
    "Python 3 与 numpy、math；不能用库里的 softmax（scipy.special.softmax、torch）。",
  "Python 3 with numpy and math (einsum and @ included); no library attention or softmax (scipy, torch).":
    "Python 3 与 numpy、math（包括 einsum 和 @）；不能用库里的注意力或 softmax（scipy、torch）。",
  "Python 3 with numpy (sorting, argsort, cumsum); not scikit-learn's roc_auc_score or scipy.stats.":
    "Python 3 与 numpy（排序、argsort、cumsum）；不能用 scikit-learn 的 roc_auc_score 或 scipy.stats。",
  "Python 3 with numpy (np.exp, max, sum, broadcasting); no library softmax (scipy.special.softmax, torch).":
    "Python 3 与 numpy（np.exp、max、sum、广播）；不能用库里的 softmax（scipy.special.softmax、torch）。",
  "Python 3 with numpy and math; no library softmax or cross-entropy (scipy.special, torch).":
    "Python 3 与 numpy、math；不能用库里的 softmax 或交叉熵（scipy.special、torch）。",
  "Python 3 with numpy and math; no torch or scipy (their GeLU is the exact erf form).":
    "Python 3 与 numpy、math；不能用 torch 或 scipy（它们的 GeLU 是精确的 erf 形式）。",
  "Python 3 with numpy and math (math.erf / math.erfc are allowed); not scipy.stats or statsmodels.":
    "Python 3 与 numpy、math（可以用 math.erf / math.erfc）；不能用 scipy.stats 或 statsmodels。",
  "Python 3 (lists, dicts, the math module); numpy is allowed but a sequential simulation does not need it.":
    "Python 3（列表、字典、math 模块）；可以用 numpy，但逐步模拟用不到它。",
  "Python 3 with numpy and math; no torch or scipy (their cross-entropy and logsumexp do the job unsharded).":
    "Python 3 与 numpy、math；不能用 torch 或 scipy（它们的交叉熵和 logsumexp 是不分片地算）。",
};

/** The Chinese of a form's allowed text, or null when this table does not have it. */
export function allowedInChinese(allowed: string): string | null {
  if (allowed === NUMPY_ALLOWED) return NUMPY_ALLOWED_ZH;
  if (allowed.startsWith(`${NUMPY_ALLOWED} `)) {
    const rest = CHINESE[allowed.slice(NUMPY_ALLOWED.length + 1)];
    return rest === undefined ? null : `${NUMPY_ALLOWED_ZH}${rest}`;
  }
  return CHINESE[allowed] ?? null;
}

/** The allowed text in `locale` (English when the table lacks it). */
export function allowedIn(allowed: string | null, locale: Locale): string | null {
  if (allowed === null || locale === "EN") return allowed;
  return allowedInChinese(allowed) ?? allowed;
}
