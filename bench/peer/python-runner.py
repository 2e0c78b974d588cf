"""One Python submission of the process-per-submission peer, in a fresh `python3` that imports numpy: reads
frames from stdin (the request {code, functionName, argKinds}, then each test's arguments) and writes one frame
per result. Frames, arguments and results are the platform's own wire format (the harness's wire.py, on
sys.path), so both sides compare like with like; there is no sandbox, no restriction and no warm process."""

import sys
import time

import numpy  # noqa: F401  (what every submission pays for: the peer imports numpy per process)

sys.path.insert(0, sys.argv[1])  # the harness directory (python3 -I puts no script directory on the path)
import wire  # noqa: E402

request_body, *test_bodies = wire.split_frames(sys.stdin.buffer.read())
request = wire.decode_frame(request_body)
namespace = {"__name__": "solution"}
out = sys.stdout.buffer


def answer(result, tail=None):
    out.write(wire.length_prefixed(wire.encode_frame(result, tail)))


try:
    exec(compile(request["code"], "solution.py", "exec"), namespace)
    solution = namespace[request["functionName"]]
    for body in test_bodies:
        arguments = wire.adapt_arguments(wire.decode_frame(body), request["argKinds"])
        started = time.perf_counter()
        try:
            value = solution(*arguments)
        except Exception as error:  # the learner's exception is a runtime error of this test
            answer({"ok": False, "message": f"{type(error).__name__}: {error}", "ms": (time.perf_counter() - started) * 1000})
            break
        elapsed = (time.perf_counter() - started) * 1000
        tail = wire.Tail()
        answer({"ok": True, "value": wire.plain_result(value, 1 << 30, tail), "ms": elapsed}, tail)
except Exception as error:
    answer({"ok": False, "message": f"{type(error).__name__}: {error}", "ms": 0})
