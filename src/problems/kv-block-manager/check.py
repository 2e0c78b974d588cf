"""Independent check of kv-block-manager, written from the statement. It keeps no reference counts: the count of a
block is recomputed each time as the number of live block tables that hold it, a block is free when no table holds
it, and recency is an ordered list of sequence ids (least recent first) instead of timestamps; a fork moves parent
and child to the end together, the lower id first, which is the statement's tie rule.
"""

import math


def kv_block_manager(num_blocks: int, block_size: int, events: list) -> list:
    tables = {}  # seq -> list of block ids
    tokens = {}  # seq -> token count
    recency = []  # live seq ids, least recently touched first

    def holders(block):
        return sum(1 for table in tables.values() if block in table)

    def free_blocks():
        used = set(block for table in tables.values() for block in table)
        return [block for block in range(num_blocks) if block not in used]

    def touch(*seqs):
        for seq in sorted(seqs):
            if seq in recency:
                recency.remove(seq)
            recency.append(seq)

    def drop(seq):
        del tables[seq]
        del tokens[seq]
        recency.remove(seq)

    steps = []
    for event in events:
        op, seq = event["op"], int(event["seq"])
        copies, preempted = [], []
        if op == "prefill":
            count = int(event["tokens"])
            want = -(-count // block_size)
            assert want == math.ceil(count / block_size)
            while len(free_blocks()) < want:
                victim = recency[0]
                drop(victim)
                preempted.append(victim)
            tables[seq] = free_blocks()[:want]
            tokens[seq] = count
            touch(seq)
        elif op == "append":
            done = False
            while True:
                last = tables[seq][-1]
                full = tokens[seq] == len(tables[seq]) * block_size
                shared = holders(last) > 1
                if not (full or shared) or free_blocks():
                    break
                others = [s for s in recency if s != seq]
                victim = others[0] if others else seq
                drop(victim)
                preempted.append(victim)
                if victim == seq:
                    done = True
                    break
            if not done:
                last = tables[seq][-1]
                if tokens[seq] == len(tables[seq]) * block_size:
                    tables[seq] = tables[seq] + [free_blocks()[0]]
                elif holders(last) > 1:
                    fresh = free_blocks()[0]
                    copies.append([last, fresh])
                    tables[seq] = tables[seq][:-1] + [fresh]
                tokens[seq] += 1
                touch(seq)
        elif op == "fork":
            child = int(event["child"])
            tables[child] = list(tables[seq])
            tokens[child] = tokens[seq]
            touch(seq, child)
        elif op == "finish":
            drop(seq)
        else:
            raise ValueError(f"unknown op {op!r}")
        steps.append({
            "tables": [{"seq": s, "tokens": tokens[s], "blocks": list(tables[s])} for s in sorted(tables)],
            "free": len(free_blocks()),
            "refs": [holders(block) for block in range(num_blocks)],
            "copies": copies,
            "preempted": preempted,
        })
    return steps
