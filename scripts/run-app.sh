#!/usr/bin/env bash
# Sets up what is missing, then opens Workshop App (with the demo offered on first run).
# Extra arguments go to the app, e.g. scripts/run-app.sh --data-dir /tmp/try
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "" gui
exec .venv/bin/workshop-app "$@"
