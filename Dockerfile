# syntax=docker/dockerfile:1
# One image for every role (api, grader, migrate/seed, test). TypeScript runs directly through Node's type
# stripping, so there is no build step; the stages keep the apt and npm caches out of the final image.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
# postinstall also generates the GraphQL resolver and operation types from these.
COPY codegen.ts schema.graphql ./
COPY operations ./operations
# postinstall runs `prisma generate` and GraphQL Code Generator; isolated-vm, esbuild and @swc/core bring prebuilt binaries.
RUN npm ci && npm cache clean --force

FROM node:24-slim AS app
# bubblewrap is the grader sandbox's outer layer (used when the container may create namespaces);
# util-linux provides prlimit for the rlimits layer; python3 and python3-numpy are the Python runtime
# (bookworm: CPython 3.11 with numpy 1.24; the runtime accepts CPython 3.10–3.13 and numpy 1.21–2.x).
RUN apt-get update \
  && apt-get install -y --no-install-recommends bubblewrap util-linux ca-certificates python3 python3-numpy \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/src/generated ./src/generated
# Every role runs as the image's unprivileged `node` user (uid 1000), never root: the files above stay
# root-owned and read-only to it, and the grader's executors run under unprivileged bubblewrap.
USER node

ENV PORT=4000 HOST=0.0.0.0
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly, not npm: `docker stop` sends SIGTERM to PID 1, which npm does not pass on to the server.
CMD ["node", "src/app/api.ts"]
