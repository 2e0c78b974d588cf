"""Independent check of kfold-indices: fold sizes ⌊n/k⌋ (+1 for the first n mod k folds) cut from the
sample order; test is the fold's slice sorted, train the sorted complement."""


def kfold_indices(n: int, k: int, permutation) -> list:
    order = list(range(n)) if permutation is None else [int(i) for i in permutation]
    assert sorted(order) == list(range(n)) and 2 <= k <= n
    folds = []
    start = 0
    for f in range(k):
        size = n // k + (1 if f < n % k else 0)
        test = set(order[start : start + size])
        start += size
        folds.append({"train": [i for i in range(n) if i not in test], "test": sorted(test)})
    return folds
