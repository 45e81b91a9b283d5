# syntax=docker/dockerfile:1
# Field Review, production image: `docker build -t field-review .`
#
# Configuration comes from the environment at run time (README "Configuration", .env.example);
# the container refuses to start, naming what is missing, without at least:
#   NEXTAUTH_SECRET   session encryption key (openssl rand -base64 32)
#   APP_URL           the public URL users open (or NEXTAUTH_URL)
#   DEEPOMATIC_API_URL, DEEPOMATIC_API_KEY   your Deepomatic site
# and for several instances DATABASE_URL (PostgreSQL) and TRUSTED_PROXIES (the proxy's network).
# Optional here: PORT (3000), METRICS_TOKEN (turns on /api/metrics), LOG_LEVEL, DATA_DIR (/data,
# the embedded database when DATABASE_URL is unset: mount a volume there).

ARG NODE_VERSION=22

# ── Dependencies, from the lockfile only (cached until it changes) ─────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ── Build, then drop the development dependencies ────────────────────────────────────────
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npx next build && npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache

# ── Runtime: the build, production dependencies, migrations; no sources, no compilers ─────
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
# Read at run time: the SQL migrations (applied at start), the i18n request config named by
# next.config.js, and the start script.
COPY --from=build /app/lib/server/db/migrations ./lib/server/db/migrations
COPY --from=build /app/i18n ./i18n
COPY --from=build /app/messages ./messages
COPY --from=build /app/scripts/start-production.mjs ./scripts/start-production.mjs
RUN mkdir -p /data && chown node:node /data
# The image's unprivileged user: the app owns nothing but its data directory.
USER node
EXPOSE 3000
VOLUME ["/data"]
# Liveness only (no database, no upstream): slim images have no curl, Node has fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "scripts/start-production.mjs"]
