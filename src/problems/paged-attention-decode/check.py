"""Independent check of paged-attention-decode, from the statement: for every (sequence, query head) walk the
tokens 0 .. context_len - 1, find each one's block and slot, and run a two-pass softmax with math.fsum."""

import math

import numpy as np


def paged_attention_decode(query: np.ndarray, key_cache: np.ndarray, value_cache: np.ndarray,
                           block_tables: np.ndarray, context_lens: np.ndarray) -> np.ndarray:
    num_seqs, hq, d = query.shape
    block_size, hkv = key_cache.shape[1], key_cache.shape[2]
    out = np.zeros((num_seqs, hq, d))
    for s in range(num_seqs):
        places = [(int(block_tables[s][t // block_size]), t % block_size) for t in range(int(context_lens[s]))]
        for h in range(hq):
            g = h * hkv // hq
            scores = [math.fsum(query[s, h] * key_cache[b, slot, g]) / math.sqrt(d) for b, slot in places]
            top = max(scores)
            exps = [math.exp(x - top) for x in scores]
            total = math.fsum(exps)
            for c in range(d):
                out[s, h, c] = math.fsum(e * value_cache[b, slot, g, c] for e, (b, slot) in zip(exps, places)) / total
    return out
