# One image for every Wired service. The services run from TypeScript source through tsx, so the
# image is the workspace with its dependencies, and compose picks the entry point per service:
#   command: ["node", "--import", "tsx", "apps/whatsapp/src/gateway/main.ts"]
# Built on the same Debian base as every other image of the project (Node 20.19 from Debian).
FROM debian:trixie-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates tini ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@10 \
 && useradd --system --create-home --home-dir /home/wired wired
WORKDIR /wired
# Dependencies first, from the lockfile alone: this layer is reused until the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY patches patches
RUN pnpm fetch --frozen-lockfile
COPY . .
RUN pnpm install --offline --frozen-lockfile --reporter=silent && chown -R wired /wired
ENV NODE_ENV=production BIND_HOST=0.0.0.0
USER wired
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "-e", "console.error('choose a service: see docker-compose.yml'); process.exit(2)"]
