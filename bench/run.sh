#!/usr/bin/env bash
# The benchmark in one command: bench/run.sh [--backend sqlite|postgres|both] [--reuse] ...
# Installs wrk and the benchmark's virtualenv, starts PostgreSQL when it is asked for,
# then runs bench/run.py (see --help). Loopback only; every load run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
make --quiet .venv/installed
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x bench/.venv/bin/datasette ] || [ bench/requirements.txt -nt bench/.venv/installed ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet -r bench/requirements.txt
  touch bench/.venv/installed
fi
if [[ " $* " != *" --backend sqlite "* ]]; then
  bash .ci/postgres  # starts PostgreSQL 15 and makes the atlas role when they are missing
fi
exec bench/.venv/bin/python bench/run.py "$@"
