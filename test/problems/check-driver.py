"""Runs a problem's independent numpy implementation (src/problems/<slug>/check.py) on the problem's tests.

Trusted code only (the problem's own check.py), so no sandbox: Debian's python3 with numpy, as
  python3 -I check-driver.py <harness dir> <check.py> <function name>
stdin: frames (harness/wire.py), {"argKinds": [...] | null} and then each test's arguments in the Python form,
on the wire as the grader sends them. stdout: one frame per test, {"value": <result as wire data>} or
{"error": "<exception>"}, in the order of the tests.
"""

import importlib.util
import sys
import traceback

harness_dir, check_path, function_name = sys.argv[1:4]
sys.path.insert(0, harness_dir)

import wire  # noqa: E402  (the harness's own encoding, so arguments look exactly as a learner's code sees them)

MAX_RESULT_BYTES = 1 << 30


def main():
    spec = importlib.util.spec_from_file_location("check", check_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function = getattr(module, function_name, None)
    if not callable(function):
        raise SystemExit(f"{check_path} does not define {function_name}()")
    request_body, *test_bodies = wire.split_frames(sys.stdin.buffer.read())
    arg_kinds = wire.decode_frame(request_body)["argKinds"]
    for body in test_bodies:
        tail = wire.Tail()
        try:
            value = function(*wire.adapt_arguments(wire.decode_frame(body), arg_kinds))
            result = {"value": wire.plain_result(value, MAX_RESULT_BYTES, tail)}
        except Exception as error:  # a failing check is reported per test, never hidden
            last = traceback.extract_tb(error.__traceback__)[-1]
            result, tail = {"error": f"{type(error).__name__}: {error} (line {last.lineno})"}, None
        sys.stdout.buffer.write(wire.length_prefixed(wire.encode_frame(result, tail)))


main()
