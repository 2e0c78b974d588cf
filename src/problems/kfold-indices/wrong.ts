import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { kfoldIndicesKernel } from "./kernel.ts";
import { kfoldIndicesPython } from "./python.ts";

const { solutionCode } = kfoldIndicesKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "the remainder goes to the last fold instead of one extra to each of the first n mod k", [
    ["const size = f < big ? small + 1 : small;", "const size = f === k - 1 ? n - pos : small;"],
  ]),
  edited(solutionCode, "ignores the permutation", [
    ["const order = permutation ?? [...Array(n).keys()];", "const order = [...Array(n).keys()];"],
  ]),
  edited(solutionCode, "test indices in permutation order instead of sorted", [
    ["test: all.filter((i) => inTest.has(i))", "test: [...inTest]"],
  ]),
  edited(solutionCode, "every fold takes ⌈n/k⌉ samples, so the last folds come up short", [
    ["const size = f < big ? small + 1 : small;", "const size = Math.min(Math.ceil(n / k), n - pos);"],
  ]),
  edited(solutionCode, "drops the n mod k leftover samples from every test fold", [
    ["const size = f < big ? small + 1 : small;", "const size = small;"],
  ]),
];

const pythonSolution = kfoldIndicesPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "the last folds get the extra samples instead of the first", [
    ["(1 if f < n % k else 0)", "(1 if f >= k - n % k else 0)"],
  ]),
  edited(pythonSolution, "ignores the permutation: folds cut from 0..n-1", [
    ["order = np.arange(n) if permutation is None else np.asarray(permutation)", "order = np.arange(n)"],
  ]),
  edited(pythonSolution, "test indices in the permutation's order, not sorted", [
    ['"test": np.flatnonzero(in_test)})', '"test": order[position - size : position]})'],
  ]),
  edited(pythonSolution, "every fold gets n // k samples: the remainder is never tested", [
    ["sizes = [n // k + (1 if f < n % k else 0) for f in range(k)]", "sizes = [n // k for f in range(k)]"],
  ]),
  edited(pythonSolution, "train and test swapped", [
    [
      'folds.append({"train": np.flatnonzero(~in_test), "test": np.flatnonzero(in_test)})',
      'folds.append({"train": np.flatnonzero(in_test), "test": np.flatnonzero(~in_test)})',
    ],
  ]),
];
