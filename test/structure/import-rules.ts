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
export const KNOWN_VIOLATIONS: [string, string][] = [
  // removed by the struct-api change: schema composition and the context builder move to src/app
  ["src/graphql/schema.ts", "src/modules/auth/resolvers.ts"],
  ["src/graphql/schema.ts", "src/modules/auth/schema.ts"],
  ["src/graphql/schema.ts", "src/modules/content/resolvers.ts"],
  ["src/graphql/schema.ts", "src/modules/content/schema.ts"],
  ["src/graphql/schema.ts", "src/modules/progress/resolvers.ts"],
  ["src/graphql/schema.ts", "src/modules/progress/schema.ts"],
  ["src/graphql/schema.ts", "src/modules/questions/resolvers.ts"],
  ["src/graphql/schema.ts", "src/modules/questions/schema.ts"],
  ["src/graphql/schema.ts", "src/modules/submissions/resolvers.ts"],
  ["src/graphql/schema.ts", "src/modules/submissions/schema.ts"],
  ["src/graphql/auth-context.ts", "src/modules/auth/service.ts"],
  ["src/graphql/context.ts", "src/modules/submissions/events.ts"],
  ["src/graphql/context.ts", "src/modules/submissions/queue.ts"],
  // removed by the struct-api change: the server and the service wiring move to src/app, leaving the top of src/
  // (config, db, logger, redis) below src/graphql and the modules that import it
  ["src/server.ts", "src/graphql/auth-context.ts"],
  ["src/server.ts", "src/graphql/context.ts"],
  ["src/server.ts", "src/graphql/limits.ts"],
  ["src/server.ts", "src/graphql/loaders.ts"],
  ["src/server.ts", "src/graphql/public-cache.ts"],
  ["src/server.ts", "src/graphql/schema.ts"],
  ["src/operations.ts", "src/graphql/auth-context.ts"],
  ["src/operations.ts", "src/graphql/context.ts"],
  ["src/services.ts", "src/graphql/context.ts"],
  ["src/services.ts", "src/modules/submissions/events.ts"],
  ["src/services.ts", "src/modules/submissions/queue.ts"],
  // removed by the struct-grading change: the type-check messages move to their own protocol file
  ["workers/grading/type-check.ts", "workers/grading/type-check-worker.ts"],
];
