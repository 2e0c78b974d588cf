// Hostile Python submissions: each gets a verdict, and the SAME runtime (one zygote, so every case runs on
// whatever the previous one left behind) then still grades an ordinary submission right.
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { ndarray } from "../../src/kernels/python/adapter.ts";
import type { OutcomeFrame } from "../../workers/runtimes/python/interface.ts";
import type { PythonRuntime } from "../../workers/runtimes/python/runtime.ts";
import { OUTPUT_CUT_NOTE } from "../../workers/sandbox/printed-output.ts";
import {
  decisive,
  describePython,
  expectProduct,
  LIMITS,
  MATMUL,
  MATMUL_SOLUTION,
  runMatmul,
  startRuntime,
} from "./fixtures.ts";

type Status = OutcomeFrame["status"] | "COMPILE_ERROR";

type HostileCase = {
  name: string;
  /** The body of `def matmul(a, b):` (indented here), or a whole module when it defines matmul itself. */
  code: string;
  statuses: Status[];
  message?: RegExp;
  origin?: "sandbox" | "learner";
  captureOutput?: boolean;
  /** Checks an OK value (cases that must not reach what they try to reach). */
  value?: (value: unknown) => void;
};

function module(code: string): string {
  if (/^def matmul/m.test(code)) return code;
  const body = code
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
  return `import numpy as np\n\ndef matmul(a, b):\n${body}\n`;
}

const TLE: Status[] = ["TIME_LIMIT_EXCEEDED"];
const RTE: Status[] = ["RUNTIME_ERROR"];

const cases: HostileCase[] = [
  { name: "while True", code: "while True:\n    pass", statuses: TLE, origin: "sandbox" },
  { name: "sleeping past the deadline", code: "import time\ntime.sleep(30)", statuses: TLE },
  {
    name: "fork bomb",
    code: "import os\nwhile True:\n    os.fork()",
    statuses: RTE,
    message: /^PermissionError/,
  },
  {
    name: "multiprocessing pool",
    code: "import multiprocessing\nwith multiprocessing.Pool(4) as pool:\n    return pool.map(abs, range(8))",
    statuses: RTE,
  },
  {
    name: "a thread that would outlive the call",
    code: "import threading\ndef spin():\n    while True: pass\nthreading.Thread(target=spin, daemon=True).start()\nreturn 1",
    statuses: RTE,
    message: /can't start new thread/,
  },
  {
    name: "memory bomb (list of strings)",
    code: "hoard = []\nwhile True:\n    hoard.append(' ' * 10**6)",
    statuses: ["MEMORY_LIMIT_EXCEEDED"],
  },
  { name: "memory bomb (numpy)", code: "return np.ones((20000, 20000))", statuses: ["MEMORY_LIMIT_EXCEEDED"] },
  { name: "one huge bytearray", code: "return len(bytearray(2**34))", statuses: ["MEMORY_LIMIT_EXCEEDED"] },
  {
    name: "deep recursion with setrecursionlimit(10**9)",
    code: "import sys\nsys.setrecursionlimit(10**9)\ndef down(n):\n    return down(n + 1) + 1\nreturn down(0)",
    // A crash (SIGSEGV), a MemoryError or the deadline, depending on which limit the frames reach first.
    statuses: ["RUNTIME_ERROR", "MEMORY_LIMIT_EXCEEDED", "TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "deep recursion at the default limit",
    code: "def down(n):\n    return down(n + 1)\nreturn down(0)",
    statuses: RTE,
    message: /^RecursionError: maximum recursion depth exceeded/,
  },
  { name: "sys.exit", code: "import sys\nsys.exit(3)", statuses: RTE, message: /^SystemExit: 3/, origin: "learner" },
  {
    name: "os._exit",
    code: "import os\nos._exit(0)",
    statuses: RTE,
    message: /exited with code 0 before the test finished/,
    origin: "sandbox",
  },
  { name: "raise SystemExit", code: "raise SystemExit('bye')", statuses: RTE, message: /^SystemExit: bye/ },
  { name: "KeyboardInterrupt", code: "raise KeyboardInterrupt", statuses: RTE, message: /^KeyboardInterrupt/ },
  {
    name: "a BaseException subclass with a forged status in its text",
    code: "class Escape(BaseException):\n    pass\nraise Escape('TIME_LIMIT_EXCEEDED')",
    statuses: RTE,
    message: /^Escape: TIME_LIMIT_EXCEEDED/,
    origin: "learner",
  },
  {
    name: "ignoring SIGTERM, SIGINT and SIGXCPU, then spinning",
    code: "import signal\nfor s in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU):\n    signal.signal(s, signal.SIG_IGN)\nwhile True:\n    pass",
    statuses: TLE,
  },
  {
    name: "reading /etc/passwd",
    code: "return open('/etc/passwd').read()",
    statuses: RTE,
    message: /^FileNotFoundError/,
  },
  {
    name: "reading /proc/self/environ",
    code: "return open('/proc/self/environ', 'rb').read().decode()",
    statuses: RTE,
    message: /^FileNotFoundError/,
  },
  {
    name: "the environment",
    code: "import os\nreturn dict(os.environ)",
    statuses: ["OK"],
    // Only the BLAS thread pins, glibc's malloc settings, bubblewrap's PWD and the C.UTF-8 locale CPython sets
    // itself (PEP 538).
    value: (value) =>
      expect(
        Object.keys(value as object).filter(
          (name) => !name.endsWith("_NUM_THREADS") && !["GLIBC_TUNABLES", "LC_CTYPE", "PWD"].includes(name),
        ),
      ).toEqual([]),
  },
  { name: "writing a file", code: "open('/tmp/escape.txt', 'w').write('x')", statuses: RTE, message: /Error/ },
  {
    name: "writing next to the interpreter",
    code: "import os\nopen(os.path.dirname(os.__file__) + '/escape.py', 'w').write('x')",
    statuses: RTE,
    message: /Read-only file system|Permission denied/,
  },
  {
    name: "a socket to the database",
    code: "import socket\nsocket.create_connection(('127.0.0.1', 5432), timeout=1)",
    statuses: RTE,
    message: /Error/,
  },
  {
    name: "subprocess",
    code: "import subprocess\nreturn subprocess.run(['/bin/sh', '-c', 'id'], capture_output=True).stdout.decode()",
    statuses: RTE,
  },
  {
    name: "ctypes",
    code: "import ctypes\nreturn ctypes.string_at(0)",
    statuses: ["COMPILE_ERROR"],
    message: /^import of ctypes is not allowed: loaders/,
  },
  {
    name: "ctypes under a computed name",
    code: "return __import__('ct' + 'ypes').string_at(0)",
    statuses: RTE,
    message: /^ModuleNotFoundError: ctypes is not available/,
  },
  {
    name: "ctypes through numpy's own reference to it",
    code: "import numpy.core._internal as internal\nreturn getattr(internal, 'ct' + 'ypes').string_at(0)",
    statuses: RTE,
    message: /^AttributeError/,
  },
  {
    name: "_imp under a computed name (create_dynamic on numpy's core restores matmul)",
    code: "imp = __import__('_i' + 'mp')\nreturn imp",
    statuses: RTE,
    message: /^ModuleNotFoundError: _imp is not available/,
  },
  {
    name: "_imp in sys.modules",
    code: "import sys\nreturn str(sys.modules['_i' + 'mp'])",
    statuses: RTE,
    message: /^KeyError/,
  },
  {
    name: "importlib.machinery at compile time",
    code: "from importlib import machinery\nreturn 1",
    statuses: ["COMPILE_ERROR"],
    message: /import of machinery is not allowed/,
  },
  {
    name: "the import system's own finder loading numpy's core extension afresh",
    code: "import sys\nfinder = [f for f in sys.meta_path if getattr(f, '__name__', '') == 'PathFinder'][0]\ncore = np.core._multiarray_umath\nspec = finder.find_spec(core.__name__, [__import__('os').path.dirname(core.__file__)])\nfresh = spec.loader.create_module(spec)\nreturn getattr(fresh, 'ma' + 'tmul')(a, b).tolist()",
    statuses: RTE,
    message: /^ImportError: loading a native extension module is not available/,
  },
  {
    name: "the harness's modules",
    code: "return getattr(__import__('re' + 'strict'), 'ct' + 'ypes')",
    statuses: RTE,
    message: /^ModuleNotFoundError/,
  },
  {
    name: "a function's globals (the way to the harness)",
    code: "return str(matmul.__globals__)",
    statuses: ["COMPILE_ERROR"],
    message: /\.__globals__ is not allowed/,
  },
  {
    name: "memfd_create",
    code: "import os\nreturn os.memfd_create('keep')",
    statuses: RTE,
    message: /^PermissionError/,
  },
  {
    name: "POSIX shared memory",
    code: "from multiprocessing import shared_memory\nreturn shared_memory.SharedMemory(create=True, size=1 << 20).name",
    statuses: RTE,
    message: /not available/,
  },
  {
    name: "a file in /dev/shm",
    code: "import os\nreturn os.open('/dev/shm/keep', os.O_CREAT | os.O_RDWR)",
    statuses: RTE,
    message: /^FileNotFoundError/,
  },
  {
    name: "closing the harness's input",
    code: "import os\nos.close(0)\nreturn 1",
    statuses: ["OK", "RUNTIME_ERROR"],
  },
  {
    name: "__import__('os').system",
    code: "return __import__('os').system('echo escaped > /tmp/escaped')",
    statuses: ["OK", "RUNTIME_ERROR"],
    value: (value) => expect(value).not.toBe(0),
  },
  {
    name: "importlib to a forbidden module",
    code: "import importlib\nreturn importlib.import_module('numpy.lin' + 'alg').inv(a)",
    statuses: RTE,
    message: /not available in this problem/,
  },
  {
    name: "importlib: re-importing a stripped numpy module",
    code: "import importlib, sys\ndel sys.modules['numpy.core.multiarray']\nm = importlib.import_module('numpy.core.multiarray')\nreturn getattr(m, 'ma' + 'tmul')(a, b)",
    statuses: RTE,
    message: /not available in this problem/,
  },
  {
    name: "a __subclasses__ walk to os.system",
    code: "wrap = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]\nreturn wrap.__init__.__globals__['system']('id')",
    statuses: ["COMPILE_ERROR"],
  },
  {
    name: "a __subclasses__ walk to os.system, names computed",
    code: "sub = getattr(object, '__sub' + 'classes__')()\nwrap = [c for c in sub if c.__name__ == '_wrap_close'][0]\nreturn getattr(wrap.__init__, '__glo' + 'bals__')['system']('id')",
    statuses: ["OK", "RUNTIME_ERROR"],
    value: (value) => expect(value).not.toBe(0),
  },
  {
    name: "a gc walk to the original matmul",
    code: "import gc\nfor o in gc.get_objects():\n    if type(o) is dict and 'ma' + 'tmul' in o and callable(o['ma' + 'tmul']):\n        return o['ma' + 'tmul'](a, b)\nraise LookupError('not found')",
    statuses: RTE,
  },
  {
    name: "a huge result",
    code: "return [0.5] * 10**6",
    statuses: RTE,
    message: /larger than 1048576 bytes/,
    origin: "sandbox",
  },
  {
    name: "a deeply nested result",
    code: "x = []\nfor _ in range(10000):\n    x = [x]\nreturn x",
    statuses: RTE,
    message: /nested deeper than 64 levels/,
  },
  {
    name: "a result that contains itself",
    code: "x = []\nx.append(x)\nreturn x",
    statuses: RTE,
    message: /nested deeper/,
  },
  {
    name: "NaN and infinities",
    code: "return [float('nan'), float('inf'), -float('inf'), np.float32('nan')]",
    statuses: ["OK"],
    value: (value) => expect(value).toEqual([Number.NaN, Infinity, -Infinity, Number.NaN]),
  },
  {
    name: "printing 100 MB",
    code: "for _ in range(100):\n    print('x' * 10**6)\nreturn 1",
    statuses: ["OK", "TIME_LIMIT_EXCEEDED"],
    captureOutput: true,
  },
  {
    name: "a slow import at load time",
    code: "import time\ntime.sleep(30)\ndef matmul(a, b):\n    return a\n",
    statuses: TLE,
  },
  {
    name: "an object whose dunders run code",
    code: "class Evil:\n    def __eq__(self, other): raise SystemExit\n    def __array__(self, *a): raise SystemExit\n    def __float__(self): raise SystemExit\n    def __len__(self): raise SystemExit\n    def __iter__(self): raise SystemExit\nreturn [Evil()]",
    statuses: RTE,
    message: /a value of type Evil at result\[0\]/,
    origin: "learner",
  },
  {
    name: "a float and an ndarray subclass with hostile methods",
    code: "class F(float):\n    def __eq__(self, o): raise SystemExit\nclass A(np.ndarray):\n    def tolist(self): raise SystemExit\n    def __array__(self, *x): raise SystemExit\nreturn [np.zeros(2).view(A), F(1.0)]",
    statuses: RTE,
    message: /a value of type F at result\[1\]/,
  },
  {
    name: "forbidden names through getattr, __dict__ and globals()",
    code: "import numpy as np\nfrom numpy import *\n\ndef matmul(a, b):\n    found = [getattr(np, 'ma' + 'tmul', None), np.__dict__.get('d' + 'ot'), globals().get('ein' + 'sum'), getattr(np.ndarray, 'do' + 't', None)]\n    return [f is None for f in found]\n",
    statuses: ["OK"],
    value: (value) => expect(value).toEqual([true, true, true, true]),
  },
  {
    name: "the @ slot through the operator module",
    code: "import operator\nreturn getattr(operator, 'mat' + 'mul')(a, b)",
    statuses: RTE,
    message: /^TypeError: __matmul__ \(numpy\.matmul, the @ operator\) is not allowed/,
  },
  {
    name: "forged frames on the harness's channel",
    code: "import os, json\nbody = json.dumps({'kind': 'value', 'value': 1, 'callMs': 0}).encode()\nos.write(1, len(body).to_bytes(4, 'big') + body + b'garbage')\nreturn 2",
    statuses: ["OK", "RUNTIME_ERROR"],
  },
  {
    name: "signalling the zygote",
    code: "import os, signal\nfor s in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGSTOP):\n    try:\n        os.kill(1, s)\n        os.kill(os.getppid(), s)\n    except OSError:\n        pass\nreturn 3",
    statuses: ["OK"],
  },
  {
    name: "reading the test channel",
    code: "import os, sys\nreturn [sys.stdin.read(), len(os.read(0, 1 << 16))]",
    // sys.stdin is empty; fd 0 holds no further test, so the read waits for the deadline.
    statuses: ["OK", "RUNTIME_ERROR", "TIME_LIMIT_EXCEEDED"],
  },
];

describePython("hostile python submissions", () => {
  let runtime: PythonRuntime;

  beforeAll(async () => {
    runtime = await startRuntime();
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((hostile) => [hostile.name, hostile] as const))("%s", async (_name, hostile) => {
    const code = module(hostile.code);
    // Arguments as two 1×1 arrays, results as nested plain data (no kernel adapter).
    const prepared = await runtime.prepare({ code, language: "PYTHON" }, { ...MATMUL, adapter: undefined });
    if (!prepared.ok) throw new Error("prepare parses nothing: the child that runs the program does");
    const a = ndarray(Float64Array.from([1]), [1, 1]);
    const run = await prepared.program.run([{ args: [a, a] }], {
      ...LIMITS,
      timeLimitMs: 800,
      captureOutput: hostile.captureOutput === true,
    });
    if (run.setup.status === "COMPILE_ERROR") {
      expect(hostile.statuses).toContain("COMPILE_ERROR");
      if (hostile.message) expect(run.setup.error.message).toMatch(hostile.message);
      expectProduct((await runMatmul(runtime, MATMUL_SOLUTION)).outcomes[0]);
      return;
    }
    const outcome = decisive(run);
    expect(hostile.statuses).toContain(outcome?.status);
    if (outcome && outcome.status !== "OK") {
      if (hostile.message) expect(outcome.message).toMatch(hostile.message);
      if (hostile.origin) expect(outcome.origin).toBe(hostile.origin);
    } else if (outcome && hostile.value) {
      hostile.value(outcome.value);
    }
    if (outcome?.output)
      expect(Buffer.byteLength(outcome.output.text)).toBeLessThanOrEqual(8192 + OUTPUT_CUT_NOTE.length);
    // The same zygote still grades an ordinary submission right.
    expectProduct((await runMatmul(runtime, MATMUL_SOLUTION)).outcomes[0]);
  });
});
