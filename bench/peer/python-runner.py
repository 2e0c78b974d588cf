"""One Python submission of the process-per-submission peer, in a fresh `python3` that imports numpy: reads
JSON {code, functionName, argKinds, tests} from stdin, runs each test once and writes JSON results. Arguments
and results go through the platform's own wire format (the harness's wire.py, on sys.path), so both sides
compare like with like; there is no sandbox, no restriction and no warm process."""

import json
import sys
import time

import numpy  # noqa: F401  (what every submission pays for: the peer imports numpy per process)

sys.path.insert(0, sys.argv[1])  # the harness directory (python3 -I puts no script directory on the path)
import wire  # noqa: E402

request = json.loads(sys.stdin.buffer.read())
namespace = {"__name__": "solution"}
results = []
try:
    exec(compile(request["code"], "solution.py", "exec"), namespace)
    solution = namespace[request["functionName"]]
    for args_json in request["tests"]:
        arguments = wire.adapt_arguments(wire.decode_test(args_json), request["argKinds"])
        started = time.perf_counter()
        try:
            value = solution(*arguments)
        except Exception as error:  # the learner's exception is a runtime error of this test
            results.append({"ok": False, "message": f"{type(error).__name__}: {error}", "ms": (time.perf_counter() - started) * 1000})
            break
        elapsed = (time.perf_counter() - started) * 1000
        results.append({"ok": True, "value": wire.plain_result(value, 1 << 30), "ms": elapsed})
except Exception as error:
    results.append({"ok": False, "message": f"{type(error).__name__}: {error}", "ms": 0})
sys.stdout.write(json.dumps(results, allow_nan=False))
