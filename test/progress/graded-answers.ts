/**
 * Learner answers written independently of the content files (good, partial and wrong; Chinese and English), each
 * with the key points a human grader gives it (`covered`, indices into the question's keyPoints) and the key points
 * whose misconception the answer states (`misconceptions`). Add a case whenever a misjudgement is found.
 */
export type GradedAnswer = {
  slug: string;
  quality: "good" | "partial" | "wrong";
  answer: string;
  covered: number[];
  misconceptions?: number[];
};

export const GRADED_ANSWERS: GradedAnswer[] = [
  // --- overfitting: 0 symptom, 1 complexity, 2 more data / augmentation, 3 regularisation, 4 early stopping
  { slug: "overfitting", quality: "partial", answer: "Add L2 regularization.", covered: [3] },
  { slug: "overfitting", quality: "partial", answer: "根据验证集损失做早停", covered: [4] },
  {
    slug: "overfitting",
    quality: "good",
    answer:
      "First I'd confirm it: training loss keeps dropping while validation loss goes up. Then: use a smaller network with fewer layers, collect more data or augment it (flips, crops), add dropout and weight decay, and stop training early with some patience on the validation loss.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "overfitting",
    quality: "wrong",
    answer: "训练更多轮次，直到训练损失低于 0.001 就提前停止，这样模型拟合得最好。",
    covered: [],
    misconceptions: [4],
  },
  {
    slug: "overfitting",
    quality: "partial",
    answer: "过拟合时可以用数据增强扩充样本，再加 Dropout。不需要早停。",
    covered: [2], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- model-evaluation: 0 accuracy, 1 precision & recall, 2 F1, 3 ROC/AUC/PR, 4 held-out test set
  {
    slug: "model-evaluation",
    quality: "wrong",
    answer: "Accuracy is the best metric.",
    covered: [],
    misconceptions: [0],
  },
  {
    slug: "model-evaluation",
    quality: "good",
    answer:
      "对分类模型，我会在独立的测试集上看：准确率（不平衡时会误导）、精确率和召回率、二者的调和平均 F1，以及 ROC 曲线和 AUC；正例很少时看 PR-AUC。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "model-evaluation",
    quality: "partial",
    answer: "Precision tells how many predicted positives are right and recall how many positives we found.",
    covered: [1],
  },
  {
    slug: "model-evaluation",
    quality: "wrong",
    answer: "F1 综合了准确率和召回率，是最常用的指标。",
    covered: [],
    misconceptions: [2],
  },
  // --- interpretability: 0 visualisation, 1 sensitivity, 2 attention, 3 LIME/SHAP/Grad-CAM, 4 global vs local
  {
    slug: "interpretability",
    quality: "wrong",
    answer: "Attention weights prove causality.",
    covered: [],
    misconceptions: [2],
  },
  {
    slug: "interpretability",
    quality: "good",
    answer:
      "I'd use Grad-CAM or SHAP to explain single predictions, gradient saliency maps and occlusion tests for sensitivity, and visualize feature maps of intermediate layers. Attention weights can be inspected too, but they are not necessarily causal. Distinguish global explanations from local ones.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "interpretability",
    quality: "partial",
    answer: "可以用 LIME 或 SHAP 解释单个样本的预测。",
    covered: [3],
  },
  // --- what-is-ai-infrastructure: 0 life cycle, 1 compute, 2 storage + interconnect, 3 platform, 4 operations
  {
    slug: "what-is-ai-infrastructure",
    quality: "good",
    answer:
      "AI infrastructure is the hardware and software stack behind the whole ML lifecycle: GPU/TPU clusters, high-speed interconnects such as NVLink and InfiniBand, a parallel file system or object storage for datasets and checkpoints, Kubernetes or Slurm for scheduling, training frameworks like PyTorch and DeepSpeed, serving engines such as vLLM or Triton, and observability for utilization and cost.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "what-is-ai-infrastructure",
    quality: "wrong",
    answer: "需要考虑数据、模型、训练、计算、存储、网络、管理、监控、优化和性能。",
    covered: [],
  },
  {
    slug: "what-is-ai-infrastructure",
    quality: "partial",
    answer: "就是训练模型用的 GPU 服务器，以及存数据的分布式存储。",
    covered: [1],
  },
  // --- ai-infrastructure-components
  {
    slug: "ai-infrastructure-components",
    quality: "good",
    answer:
      "计算：GPU 和 TPU；网络：机内 NVLink，机间 InfiniBand 或 RoCE；存储：对象存储和 Lustre 这类并行文件系统，放数据和检查点；调度：Kubernetes 加 Volcano，或者 Slurm；软件：PyTorch、vLLM、MLflow 模型注册表；数据平台：Spark 做预处理。",
    covered: [2, 5], // regraded: "category: names" is no predicate; "放数据和检查点", "Spark 做预处理" are
  },
  {
    slug: "ai-infrastructure-components",
    quality: "partial",
    answer: "GPUs for compute, S3 for storage and Docker containers.",
    covered: [0], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- why-ai-infrastructure-matters
  {
    slug: "why-ai-infrastructure-matters",
    quality: "good",
    answer:
      "Better infrastructure means more compute, so experiments finish faster and teams iterate more; it stores and serves large volumes of data; elastic capacity scales with demand so we do not pay for idle GPUs; good tooling raises developer productivity and time to market; and it keeps services reliable and compliant.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "why-ai-infrastructure-matters",
    quality: "partial",
    answer: "因为算力越强，训练越快，实验迭代越快。",
    covered: [0],
  },
  // --- evaluate-ai-infrastructure
  {
    slug: "evaluate-ai-infrastructure",
    quality: "good",
    answer:
      "我会看 GPU 利用率和 MFU、作业排队时间；存储吞吐和可用性；用 nccl-tests 测 all-reduce 带宽和延迟；故障发现和恢复是否自动化；加节点后的扩展效率；以及每次训练和每千次推理的成本。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "evaluate-ai-infrastructure",
    quality: "partial",
    answer: "Check whether there are enough GPUs and how well they are utilised.",
    covered: [0],
  },
  // --- model-as-a-service
  // Ideas, not the article's phrases: "instead of owning GPUs" and "pay per token" must count.
  {
    slug: "model-as-a-service",
    quality: "good",
    answer:
      "MaaS means a provider hosts models behind an API; you pay per token instead of owning GPUs. The provider handles scaling and multi-tenant batching, while you accept latency, privacy and lock-in trade-offs.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "model-as-a-service",
    quality: "good",
    answer:
      "模型即服务就是厂商把大模型部署在云上，通过 API 按 token 计费，企业不用自己采购 GPU。厂商负责多租户调度和弹性扩缩容；用户要权衡数据隐私、网络延迟和被厂商锁定的风险。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "model-as-a-service",
    quality: "good",
    answer:
      "MaaS means a provider hosts models and exposes them through an API, so customers call them instead of training and operating their own. It lowers the barrier to entry and you pay per call, but you trade off privacy, latency, cost and vendor lock-in. For the provider the hard parts are multi-tenant inference, dynamic batching and metering.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "model-as-a-service",
    quality: "partial",
    answer: "模型即服务就是把模型部署在云上，通过 API 调用。",
    covered: [0],
  },
  // --- ai-infrastructure-deployment-options
  {
    slug: "ai-infrastructure-deployment-options",
    quality: "good",
    answer:
      "公有云按需弹性；私有云或本地部署更安全可控；混合云把稳定负载放本地、突发放云上；边缘计算离数据近、延迟低。选择时看利用率、成本和合规要求。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "ai-infrastructure-deployment-options",
    quality: "partial",
    answer: "Public cloud and on-premises.",
    covered: [], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- optimize-ai-infrastructure-performance
  {
    slug: "optimize-ai-infrastructure-performance",
    quality: "good",
    answer:
      "Profile first to find the bottleneck. Then improve scheduling so GPUs are not idle, prefetch and cache input data, use mixed precision and overlap communication with compute, quantize models for serving with dynamic batching, and make sure the network has enough bandwidth.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "optimize-ai-infrastructure-performance",
    quality: "wrong",
    answer: "提高性能就是优化模型、优化数据、优化系统，提升效率。",
    covered: [],
  },
  // --- distributed-training-framework
  {
    slug: "distributed-training-framework",
    quality: "good",
    answer:
      "Start with data parallelism (DDP): replicate the model and all-reduce gradients with NCCL, overlapping the all-reduce with backward. When the model does not fit, shard optimizer state and parameters with FSDP/ZeRO, and add tensor parallelism inside a node over NVLink and pipeline parallelism across nodes over InfiniBand.",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "distributed-training-framework",
    quality: "partial",
    answer: "用数据并行，每张卡一个模型副本，用参数服务器同步参数。",
    covered: [0, 2],
  },
  {
    slug: "distributed-training-framework",
    quality: "partial",
    answer: "张量并行和流水线并行，再用 ZeRO-3 切分参数。",
    covered: [1, 4],
  },
  // --- automated-model-updates
  {
    slug: "automated-model-updates",
    quality: "good",
    answer:
      "Version code with Git and models in a model registry, retrain when drift is detected, compare the candidate with the current model on the same held-out set using McNemar's test, then roll out via canary and roll back automatically if metrics degrade.",
    covered: [0, 1, 2, 3],
  },
  {
    slug: "automated-model-updates",
    quality: "wrong",
    answer: "新旧模型在同一个测试集上打分，用两比例 z 检验看差异是否显著，显著就上线。",
    covered: [],
    misconceptions: [2],
  },
  // --- automated-deployment
  {
    slug: "automated-deployment",
    quality: "good",
    answer:
      "把模型打包成 Docker 镜像，CI 流水线跑自动化测试和离线评估，用 Kubernetes 滚动更新并配置健康检查和自动扩缩容，先金丝雀发布，出问题自动回滚，上线后监控延迟、错误率和预测分布漂移。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "automated-deployment",
    quality: "partial",
    answer: "Use Docker and Kubernetes.",
    covered: [], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- automated-model-optimization
  {
    slug: "automated-model-optimization",
    quality: "good",
    answer:
      "Use Optuna for hyperparameter search with Bayesian optimization, prune bad trials early with Hyperband, try NAS for the architecture, and compile the model with TensorRT or torch.compile for the target hardware.",
    covered: [0, 1, 2, 3],
  },
  // --- class-imbalance
  {
    slug: "class-imbalance",
    quality: "good",
    answer:
      "对少数类做过采样（SMOTE）或对多数类欠采样，或者在损失里加类别权重，也可以对少数类做数据增强。重采样只在划分后的训练集上做，避免泄露；评估看召回率、F1 和 PR-AUC。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "class-imbalance",
    quality: "wrong",
    answer: "Just train normally; accuracy is enough to judge the model.",
    covered: [],
    misconceptions: [4],
  },
  // --- data-leakage: 0 definition, 1 target leakage, 2 split first / fit on train, 3 time/group/duplicates, 4 benchmark contamination
  {
    slug: "data-leakage",
    quality: "good",
    answer:
      "There are two kinds: privacy leakage of sensitive training data, and evaluation leakage where test data contaminates training and inflates the score. Split first and fit preprocessing only on the training split; use differential privacy (DP-SGD), federated learning or homomorphic encryption, and anonymize sensitive fields.",
    // regraded when the question became evaluation leakage: definition and split-first only
    covered: [0, 2],
  },
  {
    slug: "data-leakage",
    quality: "partial",
    answer: "训练时加入差分隐私，敏感字段先脱敏。",
    covered: [], // regraded when the question became evaluation leakage: privacy is not what it asks
  },
  // --- deep-learning-model-optimization
  {
    slug: "deep-learning-model-optimization",
    quality: "good",
    answer:
      "Pick the right architecture (CNN or Transformer), tune learning rate and batch size, add weight decay and dropout, use ReLU and AdamW with normalization, and judge every change on the validation set.",
    covered: [0, 1, 4], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  {
    slug: "deep-learning-model-optimization",
    quality: "wrong",
    answer: "隐藏层用 Sigmoid 激活函数效果最好。",
    covered: [],
    misconceptions: [3],
  },
  // --- dynamic-model-adjustment
  {
    slug: "dynamic-model-adjustment",
    quality: "good",
    answer:
      "用在线学习增量更新参数，配合学习率调度（warm-up、余弦退火），必要时迁移学习后微调，或者做模型融合；监控数据漂移来决定什么时候更新。",
    covered: [0, 1, 4], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- hyperparameter-tuning
  {
    slug: "hyperparameter-tuning",
    quality: "good",
    answer:
      "Grid search is exhaustive but explodes combinatorially; random search is usually better on the same budget; Bayesian optimization with a surrogate like TPE is more sample-efficient; Hyperband kills poor configs early; always score with cross-validation.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "hyperparameter-tuning",
    quality: "partial",
    answer: "网格搜索，把所有组合都试一遍。",
    covered: [0],
  },
  // --- matrix-multiplication-optimization
  {
    slug: "matrix-multiplication-optimization",
    quality: "good",
    answer:
      "GEMM dominates fully connected layers and attention. Call cuBLAS or MKL, tile the matrices so blocks stay in cache, use Tensor Cores with FP16/BF16. LU decomposition does not speed up multiplication — it is for solving linear systems.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "matrix-multiplication-optimization",
    quality: "wrong",
    answer: "先做 LU 分解再相乘，可以加速矩阵乘法。",
    covered: [],
    misconceptions: [4],
  },
  // --- model-compression
  {
    slug: "model-compression",
    quality: "good",
    answer:
      "剪枝（结构化剪枝或 2:4 稀疏）、量化（INT8，大模型用 GPTQ/AWQ 做 INT4 仅权重量化，KV 缓存也可以量化）、知识蒸馏（教师-学生），以及 NAS 搜索轻量结构。",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "model-compression",
    quality: "partial",
    answer: "Quantize the weights to int8 and prune small weights.",
    covered: [0, 1],
  },
  // --- transfer-learning
  // Distillation transfers knowledge (Hinton et al.), usually to compress on the same task: that is no misconception.
  {
    slug: "transfer-learning",
    quality: "partial",
    answer: "蒸馏也可以看作一种知识迁移：大的教师模型把同一任务上的能力传给小的学生模型，主要用于压缩。",
    covered: [],
  },
  {
    slug: "transfer-learning",
    quality: "good",
    answer:
      "Start from a pretrained model, freeze the backbone and train a new head; with more data or a different task, unfreeze more layers and fine-tune with a small learning rate, or use LoRA.",
    covered: [0, 1, 2, 3],
  },
  {
    slug: "transfer-learning",
    quality: "partial",
    answer: "迁移学习的方法有微调和模型蒸馏，蒸馏也是迁移学习的一种。",
    covered: [], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
    misconceptions: [], // regraded: distillation is a form of knowledge transfer; only "it adapts to a new task" is wrong
  },
  // --- adversarial-defense
  {
    slug: "adversarial-defense",
    quality: "good",
    answer:
      "Adversarial training with PGD examples; FGSM perturbs the input by epsilon times the sign of the gradient; differential privacy against membership inference; guard against data poisoning and backdoors; evaluate with adaptive attacks like AutoAttack to rule out gradient masking.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "adversarial-defense",
    quality: "wrong",
    answer: "对模型做剪枝和量化压缩，就能防御对抗样本攻击。",
    covered: [],
    misconceptions: [4],
  },
  // --- written after the matcher was tuned on the cases above (a check on overfitting the vocabulary)
  {
    slug: "overfitting",
    quality: "good",
    answer:
      "Shrink the model, gather more examples, use L1/L2 penalties, and halt training once the dev-set loss stops improving.",
    covered: [1, 2, 3, 4],
  },
  {
    slug: "model-evaluation",
    quality: "partial",
    answer: "看 AUC 就行，它和阈值无关。",
    covered: [3],
  },
  {
    slug: "distributed-training-framework",
    quality: "good",
    answer:
      "数据并行用 DDP，梯度用 NCCL 的 ring all-reduce 同步；显存不够就上 FSDP 把参数、梯度和优化器状态分片；机内用张量并行走 NVLink，跨机用流水线并行；反向传播时分桶通信与计算重叠。",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "class-imbalance",
    quality: "partial",
    answer: "Give the rare class a higher weight in the loss function.",
    covered: [1],
  },
  {
    slug: "transfer-learning",
    quality: "good",
    answer: "拿 ImageNet 上预训练好的 ResNet，冻结前面的层当特征提取器，只训练新的分类层；数据多了再解冻微调。",
    covered: [0, 1, 2, 3],
  },
  {
    slug: "model-compression",
    quality: "good",
    answer:
      "For LLMs: 4-bit weight-only quantization with AWQ, FP8 KV cache, distill a smaller student from the big teacher, and 2:4 structured sparsity on Ampere GPUs.",
    covered: [0, 1, 2, 3],
  },
  {
    slug: "automated-deployment",
    quality: "partial",
    answer: "写一个 CI/CD 流水线，自动构建镜像并部署。",
    covered: [0, 1],
  },
  {
    slug: "data-leakage",
    quality: "wrong",
    answer: "数据泄露就是数据被黑客偷走了，要加强防火墙。",
    covered: [],
  },
  {
    slug: "what-is-ai-infrastructure",
    quality: "partial",
    answer: "It is the GPUs and the Kubernetes cluster that run training jobs.",
    covered: [1, 3],
  },
  {
    slug: "hyperparameter-tuning",
    quality: "good",
    answer:
      "Random search over a log-scaled learning rate, then Bayesian optimisation (TPE) and ASHA to stop bad trials; evaluate on a validation split, test once.",
    covered: [1, 3, 4], // regraded: names without what they do earn nothing (issue: enumerations without predicates)
  },
  // --- kv-cache-sizing: 0 bytes per token, 1 concurrency, 2 tensor parallel, 3 GQA/MQA, 4 MLA, 5 quantised KV
  {
    slug: "kv-cache-sizing",
    quality: "good",
    answer:
      "Per token the cache holds K and V for every layer: 2 × layers × KV heads × head dim × bytes per element. Concurrency is then the HBM left after the weights divided by the KV bytes of one request. GQA shares each K/V head across several query heads, so fewer KV heads means a smaller cache, and an FP8 KV cache halves the bytes per element compared with BF16.",
    covered: [0, 1, 3, 5],
  },
  {
    slug: "kv-cache-sizing",
    quality: "partial",
    answer: "KV 缓存和序列长度成正比，用 GQA 可以减小。",
    covered: [],
  },
  {
    slug: "kv-cache-sizing",
    quality: "wrong",
    answer: "KV 缓存大小固定，与序列长度无关。并发数主要受算力限制。",
    covered: [],
    misconceptions: [0, 1],
  },
  // --- paged-attention-continuous-batching: 0 continuous batching, 1 PagedAttention blocks, 2 fragmentation, 3 sharing, 4 preemption, 5 chunked prefill
  {
    slug: "paged-attention-continuous-batching",
    quality: "good",
    answer:
      "连续批处理在每个解码步重新组批，生成完的请求马上离开，新请求马上加入。PagedAttention 把 KV 缓存分成固定大小的块，用块表映射到物理块，按需分配，所以不用按最大长度预留，碎片很少。显存不够时抢占请求：把块换出到 CPU 内存，或者丢弃后重新预填充。长提示用分块预填充，和解码请求放在同一批里，解码不会卡顿。",
    covered: [0, 1, 2, 4, 5],
  },
  {
    slug: "paged-attention-continuous-batching",
    quality: "partial",
    answer:
      "vLLM splits the KV cache into fixed-size blocks with a block table, so memory is not reserved for the maximum length and there is little fragmentation.",
    covered: [1, 2],
  },
  {
    slug: "paged-attention-continuous-batching",
    quality: "wrong",
    answer: "Continuous batching means we collect requests for a time window of 50 ms and then run the batch.",
    covered: [],
    misconceptions: [0],
  },
  // --- prefill-vs-decode: 0 prefill compute-bound, 1 decode memory-bound, 2 batching, 3 TTFT, 4 TPOT/ITL, 5 disaggregation
  {
    slug: "prefill-vs-decode",
    quality: "good",
    answer:
      "Prefill runs the whole prompt in parallel as big matrix multiplies, so it is compute-bound and sets the time to first token together with queueing. Decode produces one token per step but reads all the weights every step, so it is memory-bandwidth-bound; batching helps because the same weights are reused by every request. TPOT is the average time per output token during decode. Disaggregated serving puts prefill and decode on different GPUs and transfers the KV cache, so they do not interfere.",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "prefill-vs-decode",
    quality: "partial",
    answer: "预填充处理提示，解码逐个生成 token。解码是访存受限的，因为每一步都要读全部权重。",
    covered: [1],
  },
  {
    slug: "prefill-vs-decode",
    quality: "wrong",
    answer: "Decode is compute-bound, so buying GPUs with more FLOPS makes generation faster.",
    covered: [],
    misconceptions: [1],
  },
  // --- speculative-decoding: 0 draft + verify, 1 memory-bound verification, 2 lossless acceptance, 3 acceptance math, 4 when it hurts, 5 variants
  {
    slug: "speculative-decoding",
    quality: "good",
    answer:
      "A small draft model proposes k tokens and the target model verifies them in one forward pass. Because decode is memory-bound, that pass takes about the same time as one normal step. Each token is accepted with probability min(1, p/q) and on rejection we resample from max(0, p − q), so the output distribution is exactly the target's. With acceptance rate α the expected tokens per verification are (1 − α^(k+1))/(1 − α). At large batch sizes it wastes compute and can be slower.",
    covered: [0, 1, 2, 3, 4],
  },
  {
    slug: "speculative-decoding",
    quality: "partial",
    answer: "用一个小模型先猜几个 token，大模型一次并行验证，猜对的就接受。",
    covered: [0],
  },
  {
    slug: "speculative-decoding",
    quality: "wrong",
    answer: "推测解码是用小模型近似大模型，会降低一点质量，但是速度快。",
    covered: [],
    misconceptions: [2],
  },
  // --- flash-attention: 0 N×N to HBM, 1 IO-awareness, 2 tiling + online softmax, 3 recomputation, 4 FA2, 5 FA3
  {
    slug: "flash-attention",
    quality: "good",
    answer:
      "标准注意力要把 N × N 的分数矩阵写回 HBM 再读出来，是访存受限的。FlashAttention 是 IO 感知的：它把 Q、K、V 分块放进 SRAM，用在线 softmax 维护每行的运行最大值和归一化因子并重新缩放，N × N 矩阵从不写回 HBM，结果是精确的。反向传播时不存 P，而是用 logsumexp 重计算。FA2 沿序列长度并行，FA3 利用 Hopper 的异步 TMA 和 WGMMA 让 softmax 和矩阵乘重叠。",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "flash-attention",
    quality: "partial",
    answer:
      "FlashAttention tiles the computation so it fits in SRAM and uses an online softmax with a running max that rescales the partial sums.",
    covered: [2],
  },
  {
    slug: "flash-attention",
    quality: "wrong",
    answer: "FlashAttention is an approximation of attention that is faster because it reduces the FLOPs.",
    covered: [],
    misconceptions: [2, 3],
  },
  // --- quantization-formats-2026: 0 weight-only, 1 W8A8, 2 outliers/SmoothQuant, 3 GPTQ, 4 AWQ, 5 FP8 E4M3/E5M2 + scaling, 6 microscaling
  {
    slug: "quantization-formats-2026",
    quality: "good",
    answer:
      "W4A16 only quantises the weights and dequantises them in the kernel, so it cuts the bytes read and helps memory-bound decode. W8A8 runs the matmul itself in 8 bits on tensor cores, which helps compute-bound prefill. Activation outliers are the hard part; SmoothQuant migrates them into the weights with a per-channel scale. GPTQ uses the Hessian from calibration data to quantise column by column, AWQ scales up the salient channels found from activation magnitude. FP8 E4M3 tops out at 448 so you need a scaling factor per tensor or block; E5M2 has more range for gradients. MXFP4 shares an E8M0 scale per 32 elements, NVFP4 an E4M3 scale per 16.",
    covered: [0, 1, 2, 3, 4, 5, 6],
  },
  {
    slug: "quantization-formats-2026",
    quality: "partial",
    answer: "常用 GPTQ 和 AWQ 做 4 位量化，FP8 也很常见。",
    covered: [],
  },
  {
    slug: "quantization-formats-2026",
    quality: "wrong",
    answer: "W4A16 uses 4-bit math in the tensor cores, so it speeds up prefill the most.",
    covered: [],
    misconceptions: [0],
  },
  // --- moe-inference: 0 routing, 1 memory vs compute, 2 tokens per expert / batch, 3 expert parallelism, 4 load imbalance, 5 quantise/offload experts
  {
    slug: "moe-inference",
    quality: "good",
    answer:
      "The router picks the top-k experts for each token and combines their outputs as a weighted sum. All experts must be resident in memory, so memory scales with total parameters while compute scales with the active ones. With expert parallelism the experts live on different GPUs and each layer does an all-to-all dispatch and combine. Routing is skewed, so hot experts make one GPU the straggler; we replicate hot experts as redundant experts.",
    covered: [0, 1, 3, 4],
  },
  {
    slug: "moe-inference",
    quality: "partial",
    answer: "MoE 模型总参数很大，但每个 token 只激活一部分专家，所以计算量小。",
    covered: [],
  },
  {
    slug: "moe-inference",
    quality: "wrong",
    answer: "MoE only needs GPU memory for the active parameters, so DeepSeek-V3 fits like a 37B model.",
    covered: [],
    misconceptions: [1],
  },
  // --- llm-serving-platform-design: 0 gateway, 1 load-aware routing, 2 prefix-cache-aware routing, 3 KV offload, 4 multi-LoRA, 5 SLO-aware autoscaling
  {
    slug: "llm-serving-platform-design",
    quality: "good",
    answer:
      "在前面放一个网关做鉴权、按租户按 token 的限流和优先级。路由器根据每个副本上报的排队请求数和 KV 缓存使用率选最空闲的副本；有相同前缀的请求（多轮对话、系统提示）优先发给已经持有这段 KV 的副本，跳过预填充，但副本过载时要发给别的副本。KV 缓存可以卸载到 CPU 内存和 SSD，多轮对话时读回比重算快。多个 LoRA 共享同一个基座，不同适配器的请求放在同一批，用 SGMV 计算。扩缩容看排队请求数和 TTFT 与 SLO 的差距，而不是 GPU 利用率。",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "llm-serving-platform-design",
    quality: "partial",
    answer: "Put vLLM behind a Kubernetes service with a load balancer and use the horizontal pod autoscaler.",
    covered: [],
  },
  {
    slug: "llm-serving-platform-design",
    quality: "wrong",
    answer: "We autoscale on GPU utilization above 80% and give each LoRA its own dedicated replica.",
    covered: [],
    misconceptions: [4, 5],
  },
  // --- zero-fsdp-memory: 0 16 bytes, 1 ZeRO stages, 2 communication, 3 FSDP2, 4 HSDP, 5 tensor parallelism at scale
  {
    slug: "zero-fsdp-memory",
    quality: "good",
    answer:
      "Mixed-precision Adam costs 16 bytes per parameter: FP32 master weights, momentum and variance are 12 of them. ZeRO-3 all-gathers parameters in forward and backward, so it moves 1.5 times the communication of DDP. HSDP shards within a node over NVLink and replicates across nodes. At large scale tensor parallelism wins because the global batch is capped and the per-GPU batch becomes too small to hide the all-gathers.",
    covered: [0, 2, 4, 5],
  },
  {
    slug: "zero-fsdp-memory",
    quality: "partial",
    answer:
      "用 ZeRO-3 把参数、梯度和优化器状态都切分到各卡，通信量是数据并行的 1.5 倍，因为反向时还要 all-gather 参数。",
    covered: [1, 2],
  },
  {
    slug: "zero-fsdp-memory",
    quality: "wrong",
    answer: "ZeRO-3 shards the parameters, so it has the same communication as DDP.",
    covered: [],
    misconceptions: [2],
  },
  // --- mixed-precision-training: 0 formats, 1 loss scaling, 2 master weights, 3 FP32 ops, 4 FP8 scaling
  {
    slug: "mixed-precision-training",
    quality: "partial",
    answer: "FP16 只有 5 位指数，最大 65504，小梯度会下溢；所以用损失缩放把损失乘一个因子，溢出就跳过并减半。",
    covered: [0, 1],
  },
  {
    slug: "mixed-precision-training",
    quality: "good",
    answer:
      "BF16 keeps FP32's 8-bit exponent range, so unlike FP16 it needs no loss scaling. The optimizer still updates FP32 master weights because tiny updates are lost to rounding in 16 bits. Autocast keeps softmax, layer norm and the cross-entropy loss in FP32. For FP8 you need per-tensor or block-wise scaling factors.",
    covered: [0, 2, 3, 4],
  },
  {
    slug: "mixed-precision-training",
    quality: "wrong",
    answer: "把整个模型都转成 BF16 就行。",
    covered: [],
    misconceptions: [3],
  },
  // --- nccl-collectives-cost: 0 ring, 1 tree, 2 NVLS, 3 all-to-all, 4 algbw/busbw, 5 hierarchical
  {
    slug: "nccl-collectives-cost",
    quality: "partial",
    answer: "busbw 是 algbw 乘以系数，all-reduce 时是 2(n-1)/n，可以和链路峰值比较。",
    covered: [4],
  },
  {
    slug: "nccl-collectives-cost",
    quality: "good",
    answer:
      "A ring all-reduce is bandwidth-optimal: its bandwidth term is about 2S/B whatever the GPU count, but its latency term grows linearly. A double binary tree has a logarithmic latency term, so NCCL uses it for small messages. NVLS lets the NVSwitch do the reduction, so each GPU sends its data once. All-to-all for MoE is bounded by the NICs' bisection bandwidth across nodes. A hierarchical all-reduce reduce-scatters within a node and sends only 1/8 across nodes.",
    covered: [0, 1, 2, 3, 5],
  },
  {
    slug: "nccl-collectives-cost",
    quality: "wrong",
    answer: "Ring all-reduce time is proportional to the number of GPUs.",
    covered: [],
    misconceptions: [0],
  },
  // --- activation-memory-checkpointing: 0 formula, 1 sequence parallelism, 2 selective, 3 full recompute, 4 FlashAttention, 5 offload
  {
    slug: "activation-memory-checkpointing",
    quality: "partial",
    answer:
      "Activation checkpointing keeps only each layer's input and reruns the forward pass, about 33% more compute.",
    covered: [3],
  },
  {
    slug: "activation-memory-checkpointing",
    quality: "good",
    answer:
      "按 Korthikanti 的公式每层激活约 sbh(34+5as/h) 字节，注意力分数随序列长度平方增长。序列并行把 LayerNorm 和 dropout 的部分也切开，整层除以 t。选择性重计算只重算便宜的注意力部分。FlashAttention 不保存注意力矩阵，反向时分块重新计算。还放不下就把激活卸载到 CPU 内存，用预取来掩盖 PCIe 拷贝。",
    covered: [0, 1, 2, 4, 5],
  },
  {
    slug: "activation-memory-checkpointing",
    quality: "wrong",
    answer: "激活检查点可以减少优化器状态占用的显存。",
    covered: [],
    misconceptions: [3],
  },
  // --- parallelism-layout-70b-400b: 0 TP in node, 1 PP across nodes, 2 DP outermost, 3 CP, 4 EP, 5 memory first
  {
    slug: "parallelism-layout-70b-400b",
    quality: "partial",
    answer:
      "Keep tensor parallelism inside a node because every layer all-reduces activations over NVLink. Pipeline across nodes with many micro-batches to shrink the bubble.",
    covered: [0, 1],
  },
  {
    slug: "parallelism-layout-70b-400b",
    quality: "good",
    answer:
      "先算模型状态：70B 每个参数 16 字节共 1.12 TB，要切成几十份每卡才放得下。张量并行放在节点内走 NVLink，流水线并行跨节点只在阶段边界点对点传激活，数据并行用 ZeRO-1 放在最外层，路数受全局批限制。长序列加上下文并行切分序列。MoE 用专家并行，all-to-all 把 token 路由到专家。",
    covered: [0, 1, 2, 3, 4, 5],
  },
  {
    slug: "parallelism-layout-70b-400b",
    quality: "wrong",
    answer: "张量并行跨节点铺开到 64 路。",
    covered: [],
    misconceptions: [0],
  },
  // --- gpu-memory-hierarchy-roofline: 0 hierarchy, 1 Tensor Cores, 2 roofline, 3 decode vs GEMM, 4 occupancy, 5 profiler
  {
    slug: "gpu-memory-hierarchy-roofline",
    quality: "partial",
    answer:
      "The roofline compares arithmetic intensity, FLOPs per byte, with the ridge point of about 295 on an H100; below it a kernel is memory-bound.",
    covered: [2],
  },
  {
    slug: "gpu-memory-hierarchy-roofline",
    quality: "wrong",
    answer: "occupancy 越高越快。",
    covered: [],
    misconceptions: [4],
  },
  // --- failure-recovery-at-scale: 0 failure rate, 1 Young/Daly, 2 async/sharded, 3 hangs/stragglers, 4 elastic, 5 goodput
  {
    slug: "failure-recovery-at-scale",
    quality: "partial",
    answer:
      "Saving asynchronously copies the state to CPU memory and writes it in the background, so training continues at once.",
    covered: [2],
  },
  {
    slug: "failure-recovery-at-scale",
    quality: "wrong",
    answer: "坏了一张卡就只能从头重新训练。",
    covered: [],
    misconceptions: [4],
  },
  // --- gpu-cluster-scheduling: 0 gang, 1 topology, 2 quotas/preemption, 3 MIG/MPS, 4 SLO autoscaling
  {
    slug: "gpu-cluster-scheduling",
    quality: "partial",
    answer: "用 Volcano 的 PodGroup 做 gang 调度，所有 Pod 一起放或都不放，避免死锁。",
    covered: [0],
  },
  {
    slug: "gpu-cluster-scheduling",
    quality: "wrong",
    answer: "MPS 提供显存隔离和故障隔离。",
    covered: [],
    misconceptions: [3],
  },
];
