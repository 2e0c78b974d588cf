// How a test argument reaches the learner's Python function, declared once per problem as one list (e.g.
// matmul: ["ndarray2d", "ndarray2d"]). The harness (harness/wire.py) applies it to each test's arguments.
//   float | int | bool | str    a scalar, type-checked
//   list                         nested Python lists (an array argument turned into lists)
//   json                         the decoded value as it is (arrays stay numpy arrays)
//   ndarray                      a float64 numpy array of any rank
//   ndarray<N>d                  float64 array of rank N (1–4); intarray<N>d: int64; boolarray<N>d: bool

const SCALAR_KINDS = ["float", "int", "bool", "str", "list", "json", "ndarray"] as const;
const ARRAY_KIND = /^(ndarray|intarray|boolarray)[1-4]d$/;

type ArrayKind = `${"ndarray" | "intarray" | "boolarray"}${1 | 2 | 3 | 4}d`;
export type ArgKind = (typeof SCALAR_KINDS)[number] | ArrayKind;

export function isArgKind(kind: string): kind is ArgKind {
  return (SCALAR_KINDS as readonly string[]).includes(kind) || ARRAY_KIND.test(kind);
}

/** Throws a clear error naming the first unknown kind (a problem declaration mistake). */
export function checkArgKinds(kinds: readonly string[]): void {
  const unknown = kinds.find((kind) => !isArgKind(kind));
  if (unknown !== undefined) {
    throw new Error(
      `unknown Python argument kind "${unknown}" (known: ${SCALAR_KINDS.join(", ")}, ndarray|intarray|boolarray + 1d..4d)`,
    );
  }
}
