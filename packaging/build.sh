#!/usr/bin/env bash
# Build the one-folder app with PyInstaller into dist/MissionDesk and print its size.
# Linux here; on Windows run the same PyInstaller line in the project's venv, then packaging/windows/missiondesk.iss.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[packaging]'
.venv/bin/python packaging/make_icons.py
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/missiondesk.spec
echo "built dist/MissionDesk: $(du -sh dist/MissionDesk | cut -f1), $(find dist/MissionDesk -type f | wc -l) files"
