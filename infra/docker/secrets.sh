#!/usr/bin/env bash
# Compose's secrets, made on first start: a random value per file in the `secrets` volume, kept
# across restarts (removed by `down -v`). The services read them through *_FILE env keys
# (GRPC_SECRET_FILE=/run/wired-secrets/grpc_secret ...), so no secret is written in
# docker-compose.yml or shown by `docker inspect`. Runs as root; the files are readable by the
# services' user.
set -euo pipefail
dir=${1:-/run/wired-secrets}
mkdir -p "$dir"
for name in grpc_secret auth_secret mqtt_password sim_driver_password; do
  file="$dir/$name"
  if [ ! -s "$file" ]; then
    # 32 random bytes, base64url without padding: 43 characters.
    head -c 32 /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '=' >"$file.tmp"
    mv "$file.tmp" "$file"
    echo "secrets: made $name"
  fi
  chmod 0444 "$file"
done
chmod 0755 "$dir"
