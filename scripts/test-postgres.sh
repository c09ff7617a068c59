#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the hub tests (see shared/PLATFORM.md).
#   scripts/test-postgres.sh start [DIR]   install postgresql if missing, initdb in DIR (a new
#                                          temp folder by default) on a spare 127.0.0.1 port,
#                                          start it, print its URL on stdout
#   scripts/test-postgres.sh stop DIR      stop that server and delete DIR
# The socket lives inside DIR (-k), so it never clashes with a system cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '%s\n' "test-postgres: $*" >&2; }

as_owner() {
  # initdb refuses to run as root: run the server as the postgres user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$found" ] && command -v initdb >/dev/null 2>&1; then
    found="$(dirname "$(command -v initdb)")"
  fi
  printf '%s' "$found"
}

install_postgres() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "PostgreSQL is not installed (need root)"; exit 1; }
    sudo="sudo"
  fi
  say "installing postgresql"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq </dev/null >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    postgresql </dev/null >/dev/null
}

start() {
  local dir="${1:-}" bin port
  bin="$(pg_bin)"
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then install_postgres; bin="$(pg_bin)"; fi
  [ -x "$bin/initdb" ] || { say "initdb not found after installing postgresql"; exit 1; }
  [ -n "$dir" ] || dir="$(mktemp -d "${TMPDIR:-/tmp}/workshop-pg.XXXXXX")"
  mkdir -p "$dir/sock"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$dir"; fi
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $port -k $dir/sock -c fsync=off" start >/dev/null ||
    { say "the server did not start: see $dir/server.log"; exit 1; }
  say "started in $dir (stop with: scripts/test-postgres.sh stop $dir)"
  printf 'postgresql+psycopg://postgres@127.0.0.1:%s/postgres\n' "$port"
}

stop() {
  local dir="${1:?stop needs the server folder}" bin
  bin="$(pg_bin)"
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-start}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) say "usage: $0 start [DIR] | stop DIR"; exit 2 ;;
esac
