"""One run of a submission, in a child forked from the zygote.

Order: rlimits and seccomp first (restrict.limit_process), then the source is parsed and checked, then
(mode "run") the forbidden names leave numpy, the learner's module runs and each test frame read from fd 0
is answered by one frame on fd 1 (a performance test: a frame per run, each run on inputs of its own, each
answered with its value). Every frame is built here, by harness code: a learner's exception only ever
becomes the `message` of a "raised" frame. The parent still treats every frame as untrusted data (the
learner can write to fd 1 too, and can patch this module) and decides time limits, times and crashes
itself: it sends a test's (or a run's) frame only once the previous answer is in, so nothing later is ever
readable here; each input it sends carries a fresh random token the answer must repeat, so no answer can
be written before its input arrived; and every run is timed outside this process (the first by the parent,
a timed run by the zygote), from handing over the input to reading the answer.

Mode "adapt" runs no learner code: it only decodes and adapts test frames, so the parent can tell a test the
problem declares wrongly (a fault of the problem) from a learner who tampered with the harness.
"""

import _imp
import ast
import builtins
import io
import os
import platform
import struct
import sys

import numpy as np

import restrict
import wire

SOLUTION = "solution.py"
LENGTH = struct.Struct(">I")
MAX_TEST_BYTES = 256 * 1024 * 1024
HEADROOM_MB = 16  # the harness's own allocations: decoding a test, encoding its result
SUPPORTED_PYTHON = ((3, 10), (3, 14))  # tp_flags layout and Py_TPFLAGS_IMMUTABLETYPE (restrict.py)
SUPPORTED_NUMPY = ((1, 21), (3, 0))
# Modules learners commonly import, loaded once in the zygote so no child pays for them.
# No extension module can load once learner code runs (restrict.remove_loaders), so these include every
# standard module with a native part a solution might import.
PRELOADED = (
    *("math", "cmath", "random", "itertools", "functools", "collections", "heapq", "bisect", "typing"),
    *("operator", "decimal", "fractions", "statistics", "array", "string", "dataclasses", "queue", "copy"),
)

_write = os.write
_read = os.read
_exit = os._exit
_type_flags = []
_numpy_index = []
_loader_plan = []


def warm_up():
    """Runs once in the zygote: checks the versions and prepares what every child needs."""
    python = sys.version_info[:2]
    numpy_version = tuple(int(part) for part in np.__version__.split(".")[:2])
    versions = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "seccomp": restrict.seccomp_available(),
        "pid1": os.getpid() == 1,
    }
    if not SUPPORTED_PYTHON[0] <= python < SUPPORTED_PYTHON[1]:
        return {"error": f"Python {versions['python']} is not supported (3.10 to 3.13)"}
    if not SUPPORTED_NUMPY[0] <= numpy_version < SUPPORTED_NUMPY[1]:
        return {"error": f"numpy {np.__version__} is not supported (1.21 to 2.x)"}
    try:
        _type_flags.extend([restrict._TypeFlags(np.ndarray), restrict._TypeFlags(np.generic)])
    except RuntimeError as error:
        return {"error": str(error)}
    for name in PRELOADED:
        __import__(name)
    _numpy_index.append(restrict.NumpyIndex())
    _loader_plan.append(restrict.LoaderPlan())
    restrict.make_undumpable()
    return versions


class Capture(io.TextIOBase):
    """sys.stdout and sys.stderr of the learner: keeps the first `cap` bytes of a test's output when asked."""

    def __init__(self, cap):
        self.cap = cap
        self.reset(False)

    def reset(self, keep):
        self.keep = keep
        self.parts = []
        self.kept = 0
        self.cut = False

    def writable(self):
        return True

    def write(self, text):
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.keep and not self.cut:
            room = self.cap - self.kept
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
            self.cut = len(text) > room
        return len(text)

    def take(self):
        data = "".join(self.parts).encode("utf-8", "replace")
        cut = self.cut or len(data) > self.cap
        return data[: self.cap].decode("utf-8", "ignore"), cut


def send(frame, tail=None):
    data = wire.length_prefixed(wire.encode_frame(frame, tail))
    while data:
        data = data[_write(1, data) :]


def read_exactly(count):
    parts = []
    while count > 0:
        chunk = _read(0, min(count, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        count -= len(chunk)
    return b"".join(parts)


def read_test():
    header = read_exactly(LENGTH.size)
    if header is None:
        return None
    (length,) = LENGTH.unpack(header)
    if length > MAX_TEST_BYTES:
        _exit(72)
    body = read_exactly(length)
    return None if body is None else wire.decode_frame(body)


def failure(error):
    """The frame for an exception that escaped the learner's code (never re-raised here)."""
    if isinstance(error, MemoryError):
        return {"kind": "memory"}
    try:
        text = str(error)
    except BaseException:
        text = "(the exception's message could not be read)"
    frames = []
    trace = error.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_filename == SOLUTION:
            frames.append({"line": trace.tb_lineno, "function": code.co_name[:100]})
        trace = trace.tb_next
    return {"kind": "raised", "type": type(error).__name__[:200], "message": text[:2000], "frames": frames[-20:]}


def with_output(frame, capture):
    if capture.keep:
        frame["stdout"], frame["stdoutCut"] = capture.take()
    return frame


def compile_source(config):
    """The compiled module, or None after sending the compile_error frame."""
    try:
        tree = compile(config["code"], SOLUTION, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        send({"kind": "compile_error", "message": f"{type(error).__name__}: {error.msg}", "line": error.lineno, "column": error.offset})
        return None
    except (ValueError, RecursionError, MemoryError, OverflowError) as error:
        send({"kind": "compile_error", "message": f"{type(error).__name__}: {error}", "line": None, "column": None})
        return None
    hit = restrict.find_forbidden(tree, config["forbiddenNames"])
    if hit is None and not config.get("allowLoadersForTests"):
        hit = restrict.find_loader(tree)
    if hit is None:
        missing = restrict.missing_function(tree, config["functionName"])
        hit = None if missing is None else (missing, None, None)
    if hit is not None:
        message, line, column = hit
        send({"kind": "compile_error", "message": message, "line": line, "column": column})
        return None
    try:
        return compile(tree, SOLUTION, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        line = getattr(error, "lineno", None)
        send({"kind": "compile_error", "message": f"{type(error).__name__}: {error}", "line": line, "column": None})
        return None


def run_tests(function, config, capture):
    first = True  # the first test's output also holds what the module printed while loading
    for _ in range(config["testCount"]):
        try:
            test = read_test()
        except Exception as error:  # a malformed test frame: the problem's fault (the parent checks it)
            send({"kind": "bad_input", "message": f"{type(error).__name__}: {error}"[:500]})
            return
        if test is None:
            return
        runs = test["runs"]
        if not first:
            capture.reset(config["captureOutput"])
        first = False
        for run in range(runs):
            # A performance test's runs after the first each come as a frame of their own, with inputs of their
            # own and a new token, sent by the parent only once the previous run's answer is in; each is timed
            # outside this process (by the zygote, from releasing its frame to reading its answer; child-run.ts),
            # and the parent sends {"end": true} instead of a run once the runs so far are timed enough.
            if run > 0:
                # The last run's inputs and answer are freed before this run's arrive (memory limits count both).
                arguments = result = value = frame = tail = None
                try:
                    test = read_test()
                except Exception as error:
                    send({"kind": "bad_input", "message": f"{type(error).__name__}: {error}"[:500]})
                    return
                if test is None:
                    return
                if test.get("end") is True:
                    break
            token = test["token"]
            try:
                arguments = wire.adapt_arguments(test["args"], config["argKinds"])
            except Exception as error:
                send({"kind": "bad_input", "message": f"{type(error).__name__}: {error}"[:500], "token": token})
                return
            restrict.set_cpu_soft_limit(test["seconds"])
            raised = None
            try:
                result = function(*arguments)
            except BaseException as error:  # SystemExit and KeyboardInterrupt are the learner's too
                raised = failure(error)
            # Sent once the exception (and the frames its traceback holds, e.g. a million of them after deep
            # recursion) is released: their memory is what the frame needs.
            if raised is not None:
                raised["token"] = token
                send(with_output(raised, capture))
                break
            tail = wire.Tail()
            try:
                value = wire.plain_result(result, test["maxBytes"], tail)
                frame = {"kind": "value", "value": value}
            except wire.TooLarge:
                frame = {"kind": "too_large"}
            except wire.Unconvertible as error:
                frame = {"kind": "unconvertible", "message": str(error)}
            except BaseException as error:
                frame = failure(error)
            frame["token"] = token
            send(with_output(frame, capture), tail if frame["kind"] == "value" else None)
            if frame["kind"] != "value":
                break


def adapt_tests(config):
    """Mode "adapt": decodes and adapts each test frame as a run would, with no learner code loaded."""
    for _ in range(config["testCount"]):
        try:
            test = read_test()
            if test is None:
                return
            wire.adapt_arguments(test["args"], config["argKinds"])
        except Exception as error:
            send({"kind": "bad_input", "message": f"{type(error).__name__}: {error}"[:500]})
            return
        send({"kind": "adapted", "token": test["token"]})


def run(config):
    restrict.limit_process(config["memoryLimitMb"], HEADROOM_MB, config["cpuSeconds"])
    restrict.set_cpu_soft_limit(config["setupSeconds"])
    if config["mode"] == "adapt":
        adapt_tests(config)
        return
    code = compile_source(config)
    if code is None:
        return
    restrict.remove_forbidden(np, config["forbiddenNames"], _type_flags, _numpy_index[0])
    if not config.get("allowLoadersForTests"):
        restrict.remove_loaders(_imp, os.path.dirname(os.path.abspath(__file__)), _loader_plan[0])
    capture = Capture(config["maxStdoutBytes"])
    capture.reset(config["captureOutput"])
    sys.stdin = io.StringIO("")
    sys.stdout = sys.stderr = capture
    namespace = {"__name__": "solution", "__builtins__": builtins}
    raised = None
    try:
        exec(code, namespace)
    except BaseException as error:
        raised = failure(error)
    if raised is not None:
        send(with_output(raised, capture))
        return
    function = namespace.get(config["functionName"])
    if function is None or not callable(function):
        send({"kind": "missing_function", "defined": function is not None})
        return
    send({"kind": "loaded"})
    run_tests(function, config, capture)


# Exit codes of a child whose harness could not finish (the parent reads them as such).
EXIT_HARNESS_FAILED = 71
EXIT_OUT_OF_MEMORY = 73


def child_main(config):
    try:
        run(config)
    except MemoryError:
        _exit(EXIT_OUT_OF_MEMORY)
    except BaseException:
        _exit(EXIT_HARNESS_FAILED)
    _exit(0)
