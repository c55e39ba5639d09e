#!/usr/bin/env bash
# Boots each scenario's compose profile for real, runs the scenario's own test suite against it
# (the same tests as embedded and native infra, in compose mode), tears it down, and checks that
# no container, network or volume of the run is left.
#
#   bash infra/docker/compose-test.sh              # every scenario with a compose suite
#   bash infra/docker/compose-test.sh whatsapp     # one
#   bash infra/docker/compose-test.sh --build-only # build every profile's images, then stop
#
# Needs a Docker engine with the compose v2 plugin and the debian:trixie-slim base image
# (infra/docker/docker-up.sh checks, and on Wired's CI machines brings them up).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BUILD_ONLY=0
if [ "${1:-}" = --build-only ]; then BUILD_ONLY=1; shift; fi
[ $# -gt 0 ] || set -- whatsapp uber twitter smart-home robinhood google-docs netflix amazon gaming twitch
SCENARIOS=("$@")
FILES=(-f docker-compose.yml -f infra/docker/compose.test.yml)
T0=$(date +%s)
log() { printf '[compose-test %ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

bash "$ROOT/infra/docker/docker-up.sh"

profiles=(); for s in "${SCENARIOS[@]}"; do profiles+=(--profile "$s"); done
log "building images (once for every profile)"
docker compose -p wired-build "${FILES[@]}" "${profiles[@]}" build --quiet >&2
log "images built"
[ "$BUILD_ONLY" = 0 ] || exit 0

project=""
cleanup() {
  [ -n "$project" ] || return 0
  docker compose -p "$project" "${FILES[@]}" --profile "$1" down -v --remove-orphans --timeout 5 >/dev/null 2>&1 || true
}
trap 'cleanup "${current:-}"' EXIT

for current in "${SCENARIOS[@]}"; do
  project="wired-ci-$current-$RANDOM"
  compose=(docker compose -p "$project" "${FILES[@]}" --profile "$current")
  log "$current: up ($project)"
  if ! "${compose[@]}" up -d --wait --wait-timeout 300 --no-build >&2; then
    "${compose[@]}" ps -a >&2; "${compose[@]}" logs --tail 40 >&2
    log "$current: the profile did not become healthy"; exit 1
  fi
  # A scenario on the kit runs its whole suite in compose mode; one that is not yet runs its
  # compose smoke file (test/compose.test.ts) instead.
  suite=test/
  [ -f "apps/$current/test/compose.test.ts" ] && suite=test/compose.test.ts
  log "$current: healthy; running $suite in compose mode"
  # One deployment serves every test file, and a crash test kills its containers: files run one at a time.
  if ! WIRED_TEST_MODES=compose WIRED_COMPOSE_PROJECT="$project" pnpm --filter "@wired/$current" exec vitest run --no-file-parallelism "$suite"; then
    "${compose[@]}" ps -a >&2; "${compose[@]}" logs --tail 40 >&2
    log "$current: suite failed against compose"; exit 1
  fi
  log "$current: down -v"
  "${compose[@]}" down -v --remove-orphans --timeout 10 >&2
  label="label=com.docker.compose.project=$project"
  left="$(docker ps -aq --filter "$label")$(docker network ls -q --filter "$label")$(docker volume ls -q --filter "$label")"
  if [ -n "$left" ]; then log "$current: down -v left containers, networks or volumes behind: $left"; exit 1; fi
  log "$current: nothing left behind"
  project=""
done
log "done: ${SCENARIOS[*]}"
