"""Independent check of dynamic-batching: an event loop over the arrivals with an open batch and its deadline."""


def dynamic_batching(arrivals: list, max_batch_size: int, max_wait_ms: float) -> list:
    batches = []
    open_batch = []
    deadline = None
    for index, time in enumerate(arrivals):
        if open_batch and time > deadline:
            batches.append({"requests": open_batch, "dispatch_time": deadline})
            open_batch = []
        if not open_batch:
            deadline = time + max_wait_ms
        open_batch.append(index)
        if len(open_batch) == max_batch_size:
            batches.append({"requests": open_batch, "dispatch_time": time})
            open_batch = []
    if open_batch:
        batches.append({"requests": open_batch, "dispatch_time": deadline})
    return batches
