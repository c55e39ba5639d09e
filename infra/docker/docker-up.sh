#!/usr/bin/env bash
# Makes sure a Docker engine, the compose v2 plugin and the debian:trixie-slim base image are
# here. Where they are not and Wired's CI helper ../shared/docker/up.sh exists (it starts dockerd,
# seeds the base image offline and builds compose from source), it runs it; otherwise it says
# what is missing and fails. Idempotent and quick when everything is up.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ready() { docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1 && docker image inspect debian:trixie-slim >/dev/null 2>&1; }
ready && exit 0
up="$ROOT/../shared/docker/up.sh"
# A clone made elsewhere from a local checkout (git clone /work/main /tmp/x) finds the helper
# beside the checkout it came from.
origin=$(git -C "$ROOT" remote get-url origin 2>/dev/null || true)
if [ ! -f "$up" ] && [ -n "$origin" ] && [ -d "$origin" ]; then up="$origin/../shared/docker/up.sh"; fi
if [ ! -f "$up" ]; then
  echo "[docker-up] need a Docker engine with the compose v2 plugin and the debian:trixie-slim image (docker pull debian:trixie-slim)" >&2
  exit 1
fi
# up.sh reads the apt mirror from /etc/apt/sources.list, which Debian 12+ machines may not have.
mirror=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1 || true)
echo "[docker-up] bringing Docker up with $up (about 5 minutes from nothing, seconds after)" >&2
DEBIAN_MIRROR=${DEBIAN_MIRROR:-${mirror:-http://deb.debian.org/debian}} bash "$up" >&2
ready || { echo "[docker-up] $up ran, but Docker is still not usable" >&2; exit 1; }
