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

/**
 * "不只", "not only", "not just": a negator followed by one of these adds to the claim instead of denying it. jieba
 * also splits adjectives such as 不平衡 into 不/平衡; that 不 belongs to the adjective and negates nothing after it
 * ("类别不平衡时准确率…").
 */
let negationBreakers: Set<string> | undefined;
export function breaksNegation(word: string): boolean {
  negationBreakers ??= singleTokenSet("只 仅 仅仅 光 单 只是 平衡 均衡 同 稳定 足 断 少 错 良 only just merely simply");
  return negationBreakers.has(word);
}

/** How many words after a negator it reaches: "do not use early stopping" (3), "不需要正则化" (不/需要/正则/化). */
export const NEGATION_REACH = 3;

/**
 * Words that make a clause a statement rather than a list item: copulas, auxiliaries, prepositions, conjunctions of
 * cause and time, quantifiers, and common verbs ("降低", "reduce") that are not also nouns of the field ("训练",
 * "同步", "split", "store" and "stop" are left out: "模型训练", "train/test split", "early stopping" are list items). A clause of at most
 * LIST_ITEM_WORDS words with none of them is a list item ("数据并行", "GPU utilization", "L1/L2 regularization").
 * "和/与/或/的" and "and/or/of/vs" are not among them: buzzword lists join items with them.
 */
const PREDICATE_ZH =
  "是 为 成 把 将 被 让 使 令 用 以 会 能 可 可以 能够 要 需 需要 应 应该 就 才 只 只有 再 先 后 时 当 如果 若 则 而 " +
  "但 但是 并 并且 对 在 从 到 给 向 比 越 更 最 每 每个 每张 各 各自 按 根据 通过 因为 所以 因此 导致 使得 做 进行 都 " +
  "也 还 又 已 已经 即 即使 来 去 得 着 了 过 由 于 不 没 没有 无 无需 不能 不会 不要 避免 防止 保证 确保 减少 降低 " +
  "增加 提高 提升 加快 减小 节省 保存 复制 拆分 切分 看 判断 替换 包括 包含 提供 支持 实现 负责 决定 取决于 衡量 反映 表示 说明 意味着 称为 叫 属于 相比 而是 还是 " +
  "如 比如 例如 即 等于 直到 之后 之前 以后 以前 时候 然后 有 用于 用来 作为 存放 放 放到 放在 连接 承载 运行 执行 生成 " +
  "产生 得到 获得 变成 变为 成为 造成 引起 影响 占用 消耗 利用 打包 上线 发布 触发 发现 比较 对比 切换 加 加入 " +
  "添加 去掉 删除 移除 保留 解冻 调用 返回 发送 读取 写入 加载 下降 上升 增长 变差 变小 变大 拿 换 放进 推到 送到 喂 " +
  "找 找出 定位 测 测量 控制 限制 惩罚 防 抵御 适应 帮助 允许 依靠 依赖 靠 取决 避开 超过 低于 高于 的 地 使用 采用 " +
  "寻找 找到 持有 合成 复用 组合 结合 配合 针对 关注 忽略 相当于 带来 来自 造成";

const PREDICATE_EN =
  "be is are was were been being am has have had do does did can could will would should may might must shall " +
  "to by with for from into onto in on at as than when whenever while whereas because so if then unless until " +
  "after before each every per only also which that who whose where how why it its they them their we you your " +
  "this these those there not no without never nor the a an make makes made keep keeps kept get gets got use uses " +
  "used using let lets reduce reduces cut cuts hold holds copy copies mean means decide decides pick picks choose " +
  "add adds apply applies try collect gather put puts send sends call calls connect connects carry carries " +
  "become becomes cause causes lead leads need needs give gives take takes turn turns explain explains show shows " +
  "help helps allow allows find finds see look looks tell tells highlight highlights implement implements already " +
  "avoid avoids prevent prevents protect protects compare compares check checks";

let predicateWords: Set<string> | undefined;
export function isPredicateWord(word: string): boolean {
  predicateWords ??= singleTokenSet(`${PREDICATE_ZH} ${PREDICATE_EN}`);
  return predicateWords.has(word);
}

/** A clause without a predicate word is a list item when it has at most this many words... */
export const LIST_ITEM_WORDS = 3;
/** ...or when at least this share of its words are the question's terms or generic words ("剪枝 量化 蒸馏 INT8"). */
export const LIST_KNOWN_SHARE = 0.7;
/** A clause of at most this many words, all but one of them known, is an item even with a predicate ("pay per token"). */
export const SHORT_ITEM_WORDS = 3;
