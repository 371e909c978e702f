#!/usr/bin/env bash
# Start the built app from a clean folder, with no Python or Python packages beside it: set up a
# data folder with the built binary itself, open the main window offscreen, exit 0 when it is ready.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a dist/MissionDesk "$work/MissionDesk"
app="$work/MissionDesk/missiondesk"
run() { env -i HOME="$work" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 "$app" "$@"; }
run --version
run init --data-dir "$work/data" --mission DE-FRA --officer "스모크 검사" >/dev/null
echo "the database is encrypted (SQLCipher carried by the built app):"
! head -c 16 "$work/data/missiondesk.sqlite3" | grep -q "SQLite format 3"
run --data-dir "$work/data" --exit-when-ready
echo "bundle import, its readable sheets read by a second process (the frozen app as that process):"
run device-key --data-dir "$work/data" --out "$work/fra.key" >/dev/null
run init --hq --data-dir "$work/hq" --officer "본부" >/dev/null
run trust-key "$work/fra.key" --data-dir "$work/hq" >/dev/null
run export --data-dir "$work/data" --out "$work/fra.xlsx" >/dev/null
env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 MISSIONDESK_BUNDLE_SECOND_PROCESS_MB=0 \
  timeout 120 "$app" import "$work/fra.xlsx" --dry-run --data-dir "$work/hq"
echo "portable:"; touch "$work/MissionDesk/missiondesk-portable"
export MISSIONDESK_PASSPHRASE="smoke check passphrase"  # portable data opens with a passphrase
runp() { env -i HOME="$work" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
  MISSIONDESK_PASSPHRASE="$MISSIONDESK_PASSPHRASE" "$app" "$@" </dev/null; }
runp init --mission DE-FRA --officer "USB" >/dev/null && test -f "$work/MissionDesk/data/missiondesk.sqlite3"
! head -c 16 "$work/MissionDesk/data/missiondesk.sqlite3" | grep -q "SQLite format 3"
runp --exit-when-ready
echo "smoke check passed; build size $(du -sh dist/MissionDesk | cut -f1)"
