import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math


def kv_block_manager(num_blocks: int, block_size: int, events: list) -> list:
    refs = [0] * num_blocks
    live = {}  # seq -> {"tokens", "blocks", "touch"}
    state = {"free": num_blocks}
    steps = []

    def allocate():
        block = refs.index(0)
        refs[block] = 1
        state["free"] -= 1
        return block

    def release(block):
        refs[block] -= 1
        if refs[block] == 0:
            state["free"] += 1

    def victim_for(requester):
        candidates = [(s["touch"], sid) for sid, s in live.items() if sid != requester]
        return min(candidates)[1] if candidates else None

    for step, event in enumerate(events):
        copies, preempted = [], []

        def preempt(sid):
            for block in live[sid]["blocks"]:
                release(block)
            del live[sid]
            preempted.append(sid)

        op, sid = event["op"], event["seq"]
        if op == "prefill":
            needed = math.ceil(event["tokens"] / block_size)
            while state["free"] < needed:
                preempt(victim_for(sid))
            blocks = [allocate() for _ in range(needed)]
            live[sid] = {"tokens": event["tokens"], "blocks": blocks, "touch": step}
        elif op == "append":
            s = live[sid]

            def need():
                return 1 if s["tokens"] % block_size == 0 or refs[s["blocks"][-1]] > 1 else 0

            self_preempted = False
            while state["free"] < need():
                victim = victim_for(sid)
                if victim is None:
                    preempt(sid)
                    self_preempted = True
                    break
                preempt(victim)
            if not self_preempted:
                last = s["blocks"][-1]
                if s["tokens"] % block_size == 0:
                    s["blocks"].append(allocate())
                elif refs[last] > 1:
                    copy = allocate()
                    copies.append([last, copy])
                    release(last)
                    s["blocks"][-1] = copy
                s["tokens"] += 1
                s["touch"] = step
        elif op == "fork":
            parent = live[sid]
            for block in parent["blocks"]:
                refs[block] += 1
            live[event["child"]] = {"tokens": parent["tokens"], "blocks": list(parent["blocks"]), "touch": step}
            parent["touch"] = step
        else:
            for block in live[sid]["blocks"]:
                release(block)
            del live[sid]
        tables = [{"seq": k, "tokens": live[k]["tokens"], "blocks": list(live[k]["blocks"])} for k in sorted(live)]
        steps.append({"tables": tables, "free": state["free"], "refs": list(refs), "copies": copies,
                      "preempted": preempted})
    return steps
`;

export const kvBlockManagerPython: PythonForm = {
  kernelId: "kv-block-manager",
  functionName: "kv_block_manager",
  signature: `# events: [{"op": "prefill", "seq", "tokens"} | {"op": "append", "seq"} | {"op": "fork", "seq", "child"} | {"op": "finish", "seq"}]
def kv_block_manager(num_blocks: int, block_size: int, events: list) -> list
# one dict per event: {"tables": [{"seq", "tokens", "blocks"}], "free", "refs", "copies", "preempted"}`,
  argKinds: ["int", "int", "json"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def kv_block_manager(num_blocks: int, block_size: int, events: list) -> list:
    # Keep a ref count per physical block and, per live sequence, its token count, block table and last touch.
    # Each event: allocate (lowest free id first), append (new block or copy-on-write), fork (share), finish (free),
    # preempting the least recently touched sequence while the free blocks do not cover the need.
    return [{"tables": [], "free": num_blocks, "refs": [0] * num_blocks, "copies": [], "preempted": []}
            for _ in events]
`,
  solutionCode,
};
