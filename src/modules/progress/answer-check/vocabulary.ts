import { termWords } from "./tokens.ts";

/** Each word in token form (stemmed English, segmented Chinese). */
function tokenSet(words: string): Set<string> {
  return new Set(words.split(" ").flatMap((word) => termWords(word)));
}

/** Words that are one token each: "不该" segments as 不/该 and must not make "该" a negator. */
function singleTokenSet(words: string): Set<string> {
  return new Set(
    words
      .split(" ")
      .map((word) => termWords(word))
      .filter((tokens) => tokens.length === 1)
      .map(([token]) => token),
  );
}

/**
 * Words too common in this field to show that an answer knows a point: every question about AI infrastructure
 * mentions data, models, training and performance. A term made only of these words is evidence for a point only
 * next to a specific one (e.g. "监控" with "漂移"); a keyword salad of them covers nothing.
 */
const GENERIC_ZH =
  "数据 模型 训练 优化 性能 计算 存储 网络 管理 监控 系统 资源 算法 方法 技术 工具 使用 提高 提升 需要 考虑 问题 " +
  "效率 学习 参数 部署 推理 硬件 软件 框架 平台 服务 应用 开发 测试 评估 分析 处理 质量 安全 成本 速度 效果 能力 " +
  "结果 过程 环境 任务 指标 准确 精度 灵活 扩展 自动 自动化 智能 人工智能 深度 机器 机器学习 深度学习 " +
  "神经网络 特征 样本 规模 大规模 实时 高效 降低 减少 增加 改进 调整 选择 设计 实现 支持 提供 保证 确保 合理 " +
  "重要 关键 方面 包括 进行 通过 可以 能够";

const GENERIC_EN =
  "data model models training train trained optimization optimisation optimize optimise performance compute " +
  "computing storage network networking management manage monitoring monitor system systems resource resources " +
  "algorithm algorithms method methods technique techniques tool tools use using improve improvement need needs " +
  "consider problem issue efficiency efficient learning learn parameter parameters deploy deployment inference " +
  "hardware software framework platform service application develop development test testing evaluate evaluation " +
  "analysis process processing quality security cost speed effect capability result results environment task " +
  "metric metrics accurate precise flexible scale scalable scalability automatic automation " +
  "automated intelligent ai ml machine deep neural feature features sample samples large real time fast better " +
  "reduce increase adjust choose design implement support provide ensure important key aspect include";

let genericWords: Set<string> | undefined;

/** A term is generic when all of its words are (e.g. "模型训练", "data"); "模型并行" is not. */
export function isGenericTerm(words: readonly string[]): boolean {
  genericWords ??= tokenSet(`${GENERIC_ZH} ${GENERIC_EN}`);
  const set = genericWords;
  return words.every((word) => set.has(word));
}

/**
 * Words that negate a term right after them ("不需要正则化", "without dropout", "do not use early stopping").
 * A term that itself contains one ("不能解释", "not a proof") is a negative claim and is never negated.
 */
let negators: Set<string> | undefined;
export function isNegator(word: string): boolean {
  negators ??= singleTokenSet(
    "不 不是 没 没有 无 无需 不用 不必 不要 别 未 未必 不一定 并非 不能 不会 不该 不应 禁止 no not without never nor",
  );
  return negators.has(word);
}

/** "不只", "not only", "not just": a negator followed by one of these adds to the claim instead of denying it. */
let negationBreakers: Set<string> | undefined;
export function breaksNegation(word: string): boolean {
  negationBreakers ??= singleTokenSet("只 仅 仅仅 光 单 只是 only just merely simply");
  return negationBreakers.has(word);
}

/** How many words after a negator it reaches: "do not use early stopping" (3), "不需要正则化" (不/需要/正则/化). */
export const NEGATION_REACH = 3;
