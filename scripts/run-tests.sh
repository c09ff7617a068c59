#!/usr/bin/env bash
# Sets up what is missing, then runs the linter and the whole test suite (Qt offscreen).
# Extra arguments go to pytest, e.g. scripts/run-tests.sh tests/core -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check workshop_app tests benchmarks packaging
.venv/bin/lint-imports
workers=2
[ "$(nproc 2>/dev/null || echo 1)" -lt 2 ] && workers=1
# The hub tests run against a real PostgreSQL too: a throwaway server on loopback, stopped at
# the end. Without one they are skipped, with the reason shown.
if [ -z "${WORKSHOP_TEST_PG_URL:-}" ]; then
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/workshop-pg.XXXXXX")"
  if WORKSHOP_TEST_PG_URL="$(bash scripts/test-postgres.sh start "$pg_dir")"; then
    export WORKSHOP_TEST_PG_URL
    trap 'bash scripts/test-postgres.sh stop "$pg_dir"' EXIT
  else
    echo "run-tests: no PostgreSQL server could be started; its hub tests will be skipped" >&2
    unset WORKSHOP_TEST_PG_URL
    rm -rf "$pg_dir"
  fi
fi
.venv/bin/python -m pytest -n "$workers" -p no:cacheprovider "$@"
# The whole suite (no arguments, as CI runs it) also builds the Linux app and its .deb, then
# checks the installed files on their own: no Python on PATH, a fresh home and data folder.
if [ $# -eq 0 ] && [ "${WORKSHOP_SKIP_BUILD:-}" != 1 ]; then
  DEB_COMPRESSION=gzip bash scripts/build-linux.sh
  bash scripts/check-built-app.sh "build/workshop-app_$(.venv/bin/python -c \
    'import workshop_app; print(workshop_app.__version__)')_$(dpkg --print-architecture).deb"
fi
