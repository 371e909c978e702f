#!/usr/bin/env bash
# Install MissionDesk with its development tools into .venv and run every gate:
# ruff (lint and format), mypy, the import contracts, then the whole pytest suite.
# Tests that need PostgreSQL read MISSIONDESK_TEST_PG_URL and skip, saying so, when it is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
echo "== ruff";          .venv/bin/ruff check src tests bench tools packaging
echo "== ruff format";   .venv/bin/ruff format --check src tests bench tools packaging
echo "== mypy";          .venv/bin/mypy
echo "== import contracts"; .venv/bin/lint-imports
echo "== pytest";        .venv/bin/python -m pytest "$@"
