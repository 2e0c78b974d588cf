/**
 * The layering the import check enforces (README, "Layout"), as data: add a rule here, not a new check.
 * Paths are repository-relative globs; a package is matched by its specifier (`pure-rand/…`, `node:fs`).
 */
export type LayerRule = {
  name: string;
  /** The importing files the rule applies to. */
  from: string;
  /** Targets these files may not import… */
  forbid?: string[];
  /** …or, instead, the only targets they may import. */
  allowOnly?: string[];
};

export const LAYER_RULES: LayerRule[] = [
  {
    name: "src/kernels is pure: it imports only itself and its seeded generator",
    from: "src/kernels/**",
    allowOnly: ["src/kernels/**", "pure-rand/**"],
  },
  {
    name: "a problem folder imports only the shared kernel machinery and problem folders",
    from: "src/problems/**",
    allowOnly: ["src/kernels/**", "src/problems/**", "pure-rand/**"],
  },
  {
    name: "src/grading is the grading contract (verdicts, the queue's job): it imports only kernel types, itself and the queue's client libraries",
    from: "src/grading/**",
    allowOnly: ["src/grading/**", "src/kernels/**", "bullmq", "ioredis", "pino"],
  },
  {
    name: "the sandbox, the runtimes and the judge know no API module: they share only src/grading with it",
    from: "workers/{sandbox,runtimes,judge}/**",
    forbid: ["src/modules/**", "src/graphql/**", "src/app/**"],
  },
  {
    name: "src/graphql is plumbing: it imports no feature module and no assembly",
    from: "src/graphql/**",
    forbid: ["src/modules/**", "src/app/**"],
  },
  {
    name: "feature modules never import the assembly that composes them",
    from: "src/modules/**",
    forbid: ["src/app/**"],
  },
  {
    name: "workers call services, never resolvers",
    from: "workers/**",
    forbid: ["**/resolvers.ts"],
  },
  {
    name: "the API never imports the grader, tests or benchmarks",
    from: "src/**",
    forbid: ["workers/**", "test/**", "bench/**"],
  },
];

/**
 * Known violations in today's code, each one exact edge [importer, imported], so that nothing new slips in beside
 * them. They are left out of the graph before any check runs; an entry whose edge no longer exists fails the check,
 * so whoever removes the import also deletes the entry.
 */
export const KNOWN_VIOLATIONS: [string, string][] = [];
