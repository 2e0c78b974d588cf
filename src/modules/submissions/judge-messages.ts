// The judge's own sentences in Chinese. A grade result is stored as the judge wrote it, in English (old results
// included); the API says the judge's fixed phrasings in the reader's locale when it reads them. What the judge
// quotes stays as it is: values, paths and function names inside a sentence, the learner's own thrown text, a
// Python traceback, a compiler's diagnostic.
import type { Locale } from "../../lib/locale.ts";

type Translation = readonly [RegExp, (...groups: string[]) => string];

const TEST_KINDS: Record<string, string> = { sample: "样例", hidden: "隐藏", performance: "性能" };

/** Whole sentences, tried in order (the first match says it). */
const SENTENCES: readonly Translation[] = [
  // Failures of one test: "<what> on hidden test 3" (what may be another sentence of this table).
  [
    /^(.+) on (sample|hidden|performance) test (\d+)$/s,
    (what, kind, n) => `${sentenceIn(what)}（${TEST_KINDS[kind]}测试 ${n}）`,
  ],
  [/^wrong answer$/, () => "答案错误"],
  [/^time limit exceeded$/, () => "超出时间限制"],
  [/^time limit exceeded \(CPU time\)$/, () => "超出时间限制（CPU 时间）"],
  [
    /^time limit exceeded \(the executor missed its wall-clock deadline\)$/,
    () => "超出时间限制（执行进程错过了墙钟截止时间）",
  ],
  [/^time limit of (\d+) ms exceeded$/, (ms) => `超出 ${ms} ms 的时间限制`],
  [/^memory limit exceeded$/, () => "超出内存限制"],
  [/^memory limit exceeded \((.+)\)$/, (why) => `超出内存限制（${sentenceIn(why)}）`],
  [/^the executor ran out of memory$/, () => "执行进程内存耗尽"],
  [/^array buffer allocation failed$/, () => "数组缓冲区分配失败"],
  [/^runtime error$/, () => "运行时错误"],
  [/^the executor process crashed while running this test$/, () => "运行这个测试时执行进程崩溃了"],
  [/^the function did not finish$/, () => "函数没有执行完"],
  [/^the program was stopped by (\S+)$/, (signal) => `程序被 ${signal} 终止`],
  [
    /^the program crashed with SIGSEGV \(a segmentation fault; very deep recursion overflowing the C stack does this\)$/,
    () => "程序因 SIGSEGV 崩溃（段错误；递归过深使 C 栈溢出就会这样）",
  ],
  [
    /^the program exited with code (-?\d+) before the test finished$/,
    (code) => `程序在测试结束前以退出码 ${code} 退出`,
  ],
  [/^the program broke the test harness \((.+)\)$/, (how) => `程序破坏了测试框架（${HARNESS_HOW[how] ?? how}）`],
  [
    /^the program wrote something that is not a test result \(or one out of turn\) on the harness's channel$/,
    () => "程序在测试框架的通道上写入了不是测试结果的内容（或不按顺序的结果）",
  ],
  [/^the result is larger than (\d+) bytes$/, (n) => `结果超过 ${n} 字节`],
  [
    /^the function returned (.+); return numbers, lists, tuples, dicts with string keys or numpy arrays$/s,
    (what) => `函数返回了 ${what}；请返回数字、列表、元组、键为字符串的字典或 numpy 数组`,
  ],
  // Missing functions: a COMPILE_ERROR (TypeScript, JavaScript) or the module's load (Python).
  [
    /^the solution must define a function named (\S+) \(it defines: no function\)$/,
    (name) => `解答必须定义名为 ${name} 的函数（它没有定义任何函数）`,
  ],
  [
    /^the solution must define a function named (\S+) \(it defines: (.+)\)$/,
    (name, found) => `解答必须定义名为 ${name} 的函数（它定义了：${found}）`,
  ],
  [/^solution\.py must define a function named (\S+)$/, (name) => `solution.py 必须定义名为 ${name} 的函数`],
  [/^solution\.py defines (\S+) but it is not a function$/, (name) => `solution.py 定义了 ${name}，但它不是函数`],
  // The comparison with the reference (src/kernels/compare.ts).
  [
    /^shape mismatch at (\S+): got length (\d+), want (\d+)$/,
    (at, got, want) => `形状不符，位置 ${at}：得到长度 ${got}，应为 ${want}`,
  ],
  [
    /^shape mismatch at (\S+): got (.+), want length (\d+)$/s,
    (at, got, want) => `形状不符，位置 ${at}：得到 ${got.replace(/^length (\d+)$/, "长度 $1")}，应为长度 ${want}`,
  ],
  [/^at (\S+): got (.+), want an array$/s, (at, got) => `位置 ${at}：得到 ${got}，应为数组`],
  [/^at (\S+): got (.+), want an object$/s, (at, got) => `位置 ${at}：得到 ${got}，应为对象`],
  [/^at (\S+): missing field "(.+)"$/, (at, key) => `位置 ${at}：缺少字段 "${key}"`],
  [/^at (\S+): cannot compare a (\S+)$/, (at, type) => `位置 ${at}：无法比较 ${type} 类型的值`],
  [/^at (\S+): got (.+), want (.+)$/s, (at, got, want) => `位置 ${at}：得到 ${got}，应为 ${want}`],
  // Problems' own checkers (their check functions in src/problems/<slug>/kernel.ts).
  [/^result must be an object$/, () => "结果必须是一个对象"],
  [
    /^pValue: got (.+), want (\S+) \(compared by relative error (\S+): the tail counts\)$/s,
    (got, want, rtol) => `pValue：得到 ${got}，应为 ${want}（按相对误差 ${rtol} 比较：尾部的精度也算）`,
  ],
  [/^(z|decision): got (.+), want (.+)$/s, (field, got, want) => `${field}：得到 ${got}，应为 ${want}`],
  [/^(confusion|P): (.+)$/s, (field, rest) => `${field}：${sentenceIn(rest)}`],
  // Why an accepted submission has no perf ratio (perfNote).
  [/^this runtime does not report each timed run$/, () => "这个运行环境不报告每次计时运行"],
  [/^this runtime does not report each timed run's answer$/, () => "这个运行环境不报告每次计时运行的答案"],
  [
    /^not stable enough to compare: on performance test (\d+) the two fastest runs differed by (\d+)%$/,
    (n, pct) => `计时不够稳定，无法比较：在性能测试 ${n} 上，最快的两次运行相差 ${pct}%`,
  ],
  [
    /^not stable enough to compare: the grader is busy \(the reference's recent timings differ by (\d+)%\)$/,
    (pct) => `计时不够稳定，无法比较：评测机繁忙（参考解最近的计时相差 ${pct}%）`,
  ],
  [/^no reference solution in (\S+) to compare with$/, (language) => `没有 ${language} 的参考解可供比较`],
  [/^the reference solution was not timed$/, () => "参考解没有计时"],
  [/^the reference solution does not compile here$/, () => "参考解在这里无法编译"],
  [/^the reference solution did not run here$/, () => "参考解在这里没有运行"],
  [
    /^the reference solution failed a performance test \((\S+)\)$/,
    (status) => `参考解没有通过一个性能测试（${status}）`,
  ],
  [/^the reference solution's own runs varied too much$/, () => "参考解自身的多次运行差异过大"],
];

const HARNESS_HOW: Record<string, string> = {
  "its channel or its state": "它的通道或状态",
  "it read or changed the harness's input": "它读取或改动了测试框架的输入",
};

function sentenceIn(text: string): string {
  for (const [pattern, say] of SENTENCES) {
    const match = pattern.exec(text);
    if (match) return say(...match.slice(1));
  }
  return text;
}

/**
 * A message of the judge (a test's message, a compile error naming a missing function, a perf note) in `locale`.
 * Text the judge did not write itself (the learner's, a compiler's) is returned unchanged.
 */
export function judgeMessageIn(message: string, locale: Locale): string;
export function judgeMessageIn(message: string | null | undefined, locale: Locale): string | null;
export function judgeMessageIn(message: string | null | undefined, locale: Locale): string | null {
  if (message === null || message === undefined) return null;
  return locale === "EN" ? message : sentenceIn(message);
}
