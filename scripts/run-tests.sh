#!/usr/bin/env bash
# Sets up what is missing, then runs the linter and the whole test suite (Qt offscreen).
# Extra arguments go to pytest, e.g. scripts/run-tests.sh tests/core -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check workshop_app tests benchmarks
workers=2
[ "$(nproc 2>/dev/null || echo 1)" -lt 2 ] && workers=1
exec .venv/bin/python -m pytest -n "$workers" -p no:cacheprovider "$@"
