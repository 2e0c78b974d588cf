import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import type { SchedulerConfig, ServingRequest } from "./kernel.ts";

const solutionCode = `import math


def continuous_batching(requests: list, config: dict) -> dict:
    count = len(requests)
    max_num_seqs = config["max_num_seqs"]
    max_num_batched_tokens = config["max_num_batched_tokens"]
    chunked_prefill = config["chunked_prefill"]
    block_size = config["block_size"]
    computed = [0] * count  # tokens whose KV is cached
    generated = [0] * count  # output tokens sampled so far
    held = [0] * count  # KV blocks held
    prefilled = [False] * count  # (re)prefill done: decoding
    token_times = [[] for _ in range(count)]
    running = []  # ids in arrival order
    waiting = []
    free_blocks = config["num_blocks"]
    arrived = finished = 0
    now = 0
    steps = []

    def known(i):
        return requests[i]["prompt_len"] + generated[i]

    while finished < count:
        while arrived < count and requests[arrived]["arrival"] <= now:
            waiting.append(arrived)
            arrived += 1
        if not running and not waiting:
            now = requests[arrived]["arrival"]
            continue
        budget = max_num_batched_tokens
        batch = []
        preempted = []

        def preempt(victim):
            nonlocal free_blocks
            running.remove(victim)
            free_blocks += held[victim]
            held[victim] = 0
            computed[victim] = 0
            prefilled[victim] = False
            waiting.insert(0, victim)
            preempted.append(victim)

        def schedule_running():
            nonlocal budget, free_blocks
            order = [i for i in running if prefilled[i]] + [i for i in running if not prefilled[i]]
            for i in order:
                if budget == 0:
                    break
                if i not in running:
                    continue
                tokens = min(known(i) - computed[i], budget)
                needed = math.ceil((computed[i] + tokens) / block_size) - held[i]
                while needed > free_blocks and i in running:
                    preempt(running[-1])
                if i not in running:
                    break
                free_blocks -= needed
                held[i] += needed
                budget -= tokens
                batch.append({"id": i, "tokens": tokens, "kind": "decode" if prefilled[i] else "prefill"})

        def admit_waiting():
            nonlocal budget, free_blocks
            while not preempted and waiting and budget > 0 and len(running) < max_num_seqs:
                i = waiting[0]
                if not chunked_prefill and known(i) > budget:
                    break
                tokens = min(known(i), budget)
                needed = math.ceil(tokens / block_size)
                if needed > free_blocks:
                    break
                waiting.pop(0)
                free_blocks -= needed
                held[i] = needed
                budget -= tokens
                running.append(i)
                running.sort()
                batch.append({"id": i, "tokens": tokens, "kind": "prefill"})

        schedule_running()
        admit_waiting()

        batched_tokens = sum(entry["tokens"] for entry in batch)
        end = now + (config["step_base"] + config["cost_per_token"] * batched_tokens + config["cost_per_seq"] * len(batch))
        for entry in batch:
            i = entry["id"]
            computed[i] += entry["tokens"]
            if computed[i] < known(i):
                continue
            prefilled[i] = True
            generated[i] += 1
            token_times[i].append(end)
            if generated[i] == requests[i]["output_len"]:
                finished += 1
                free_blocks += held[i]
                held[i] = 0
                running.remove(i)
        steps.append({"start": now, "end": end, "batch": batch, "preempted": preempted})
        now = end

    ttft = [token_times[i][0] - requests[i]["arrival"] for i in range(count)]
    tpot = []
    for i in range(count):
        times, n = token_times[i], requests[i]["output_len"]
        tpot.append((times[-1] - times[0]) / (n - 1) if n > 1 else 0.0)
    return {"steps": steps, "ttft": ttft, "tpot": tpot}
`;

export const continuousBatchingPython: PythonForm = {
  kernelId: "continuous-batching-scheduler",
  functionName: "continuous_batching",
  signature: `# requests: [{"arrival", "prompt_len", "output_len"}]; config: {"max_num_seqs", "max_num_batched_tokens",
#   "chunked_prefill", "num_blocks", "block_size", "step_base", "cost_per_token", "cost_per_seq"}
def continuous_batching(requests: list[dict], config: dict) -> dict
# {"steps": [{"start", "end", "batch": [{"id", "tokens", "kind"}], "preempted": [int]}], "ttft": [float], "tpot": [float]}`,
  argKinds: ["json", "json"],
  adapter: {
    args: ([requests, config]) => {
      const c = config as SchedulerConfig;
      return [
        (requests as ServingRequest[]).map((r) => ({
          arrival: r.arrival,
          prompt_len: r.promptLen,
          output_len: r.outputLen,
        })),
        {
          max_num_seqs: c.maxNumSeqs,
          max_num_batched_tokens: c.maxNumBatchedTokens,
          chunked_prefill: c.chunkedPrefill,
          num_blocks: c.numBlocks,
          block_size: c.blockSize,
          step_base: c.stepBase,
          cost_per_token: c.costPerToken,
          cost_per_seq: c.costPerSeq,
        },
      ];
    },
    // The result's keys are single words, the same in both languages.
    result: nested,
    present: (value) => nested(value),
  },
  forbiddenNames: [],
  allowed: "Python 3 (lists, dicts, the math module); numpy is allowed but a sequential simulation does not need it.",
  starterCode: `def continuous_batching(requests: list, config: dict) -> dict:
    # Each step: admit arrivals, schedule running decodes, then running prefill chunks, then waiting requests FCFS
    # under max_num_seqs, the token budget and the free KV blocks; out of KV, preempt the newest running request.
    return {"steps": [], "ttft": [0.0] * len(requests), "tpot": [0.0] * len(requests)}
`,
  solutionCode,
};
