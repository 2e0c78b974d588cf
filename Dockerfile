# syntax=docker/dockerfile:1
# One image for every role (api, grader, migrate/seed); the `test` target adds what only the test suite needs.
# TypeScript runs directly through Node's type stripping, so there is no build step; the stages keep the apt and
# npm caches out of the final image.

# The operating system packages every role needs. `npm ci` runs on this same base, so Prisma picks its schema
# engine for the platform the containers run on: on a bare node:24-slim (no OpenSSL) it chose the OpenSSL 1.1
# build, the runtime (OpenSSL 3, pulled in by ca-certificates) wanted the 3.0 one, and `prisma migrate deploy`
# tried to download it into the root-owned node_modules as `node`: "Can't write to /app/node_modules/@prisma/engines".
# bubblewrap is the grader sandbox's outer layer (used when the container may create namespaces); util-linux
# provides prlimit for the rlimits layer; python3 and python3-numpy are the Python runtime (bookworm: CPython 3.11
# with numpy 1.24; the runtime accepts CPython 3.10–3.13 and numpy 1.21–2.x).
FROM node:24-slim AS base
RUN apt-get update \
  && apt-get install -y --no-install-recommends bubblewrap util-linux ca-certificates openssl python3 python3-numpy \
  && rm -rf /var/lib/apt/lists/*

FROM base AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY prisma ./prisma
# postinstall also generates the GraphQL resolver and operation types from these.
COPY codegen.ts schema.graphql ./
COPY operations ./operations
# postinstall runs `prisma generate` and GraphQL Code Generator; isolated-vm, esbuild and @swc/core bring prebuilt
# binaries. `prisma --version` fetches the schema engine now, as root, where the runtime's `node` user could not.
RUN npm ci \
  && npx prisma --version >/dev/null \
  && npm cache clean --force
# Fails the build if the engine for this platform is still missing.
COPY src/cli/prisma-engine.ts ./src/cli/prisma-engine.ts
RUN node src/cli/prisma-engine.ts

# `docker compose run --rm test`: the test suite also spawns redis-server (the Redis-outage and cluster tests) and
# pgbouncer (the transaction-pooling tests), and drives Debian's Chromium (the explorer's browser tests); none of
# them belongs in the image that serves. The test image
# repeats the app's steps on its own base, so its apt layer stays cached when the source changes (the legacy
# builder, Debian's docker.io without BuildKit, builds this stage even for the app target).
FROM base AS test-tools
RUN apt-get update \
  && apt-get install -y --no-install-recommends redis-server pgbouncer chromium \
  && rm -rf /var/lib/apt/lists/*

FROM test-tools AS test
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/src/generated ./src/generated
USER node
RUN node src/cli/prisma-engine.ts
# Chromium and pgbouncer are here, so their tests must run (a missing one fails them instead of skipping).
ENV BROWSER_TESTS_REQUIRED=true PGBOUNCER_TESTS_REQUIRED=true
CMD ["npm", "test"]

# The image that serves (the default target: the last stage).
FROM base AS app
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/src/generated ./src/generated
# Every role runs as the image's unprivileged `node` user (uid 1000), never root: the files above stay
# root-owned and read-only to it, and the grader's executors run under unprivileged bubblewrap.
USER node
# As that user, with no write access: `prisma migrate deploy` (the migrate service, the tests' set-up) will find
# its engine without downloading anything.
RUN node src/cli/prisma-engine.ts

ENV PORT=4000 HOST=0.0.0.0
EXPOSE 4000 9464
# The API's check; docker-compose.yml gives the grader its own and turns it off for the one-shot services.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node directly, not npm: `docker stop` sends SIGTERM to PID 1, which npm does not pass on to the server.
CMD ["node", "src/app/api.ts"]
