# syntax=docker/dockerfile:1
# Karamay business-policy bot: the server (Telegram by webhook or polling, HTTP API, web chat).
# Not built or run in this repository's CI (no Docker engine there): see README "Deployment".

# --- build: compile the native modules (better-sqlite3, hnswlib-node) and the TypeScript ---
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# A registry reachable from the build host, e.g. --build-arg NPM_REGISTRY=https://registry.npmmirror.com
ARG NPM_REGISTRY=https://registry.npmjs.org/
# Compile the native modules here from source, against this image's Node headers: nothing is downloaded from GitHub or nodejs.org.
ENV npm_config_registry=${NPM_REGISTRY} \
    npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies first (a layer reused while the lock file stays the same); install scripts build the native modules.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 hnswlib-node
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# The bench's bot load generator (compiled with scripts/) imports the fake Bot API.
COPY test/support ./test/support
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: no compiler, not root ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY corpus ./corpus
COPY prompts ./prompts
COPY web ./web
# PostgreSQL's numbered migrations are read at start-up from the source tree's folder (DATABASE_URL).
COPY src/store/pg/migrations ./src/store/pg/migrations
# The index, the stores and the embedding cache live in DATA_DIR: the only writable place. So does the
# corpus the bot serves (CORPUS_DIR), so that a version published from the console is written and kept.
ENV CORPUS_DIR=/data/corpus
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The first start copies the shipped corpus into the volume; later starts keep what was published there.
# exec: node itself (not npm, not the shell) gets SIGTERM and stops cleanly. Its flags are npm start's (README, Performance).
CMD ["sh", "-c", "[ -d \"$CORPUS_DIR\" ] || cp -r /app/corpus \"$CORPUS_DIR\"; exec node --max-semi-space-size=64 --single-threaded-gc --max-inlined-bytecode-size-cumulative=230 --interrupt-budget=270336 dist/bin/main.cjs"]
