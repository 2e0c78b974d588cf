import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kfoldIndicesKernel } from "./kernel.ts";
import { kfoldIndicesPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kfold-indices",
  kernel: kfoldIndicesKernel,
  python: kfoldIndicesPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "8e85ab280a646554c2943aeb420961eecd53bb4d6c2ee6ff38c511399422304c",
  starterCommentsZh: {
    "Order the samples (0..n-1, or permutation when given) and cut that order into k consecutive folds;":
      "按 0..n-1（给定 permutation 时按 permutation）排列样本，再把这个顺序切成 k 个连续的折；",
    "the first n % k folds get one extra sample. For each fold return its test indices and all other":
      "前 n % k 个折各多一个样本。对每个折，返回它的测试索引，并把其余所有",
    "indices as train, both sorted ascending.": "索引作为训练索引，两者都按升序排列。",
    "Order the samples (0..n-1, or permutation when it is not None) and cut that order into k consecutive":
      "按 0..n-1（permutation 不为 None 时按 permutation）排列样本，再把这个顺序切成 k 个连续的",
    'folds; the first n % k folds get one extra sample. For each fold return {"train": ..., "test": ...}:':
      '折；前 n % k 个折各多一个样本。对每个折返回 {"train": ..., "test": ...}：',
    "its test indices and all other indices as train, both sorted ascending.":
      "即它的测试索引，以及作为训练索引的其余所有索引，两者都按升序排列。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。不能用 scikit-learn 的 KFold。",
};
