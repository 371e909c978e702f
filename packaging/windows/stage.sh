#!/usr/bin/env bash
# The Windows stage, under wine: what an officer's Windows laptop would do with this commit.
#  1. install the project into a Windows CPython 3.11 and run the test suite there (Qt on its Windows
#     platform plugin, on Xvfb);
#  2. build the PyInstaller app and the Inno Setup installer, install it silently for this user;
#  3. smoke-check the installed app from its console launcher, output piped, Hangul included;
#  4. upgrade: a newer installer with one more migration over the installed one and its data;
#  5. uninstall: the program goes, the data stays.
# Wine proves files, paths, locking, encodings and packaging; not real consoles, NTFS ACLs, antivirus
# locks, DPI or speed (README, "Windows"). Usage: bash packaging/windows/stage.sh [--no-tests]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export LANG=C.UTF-8 LC_ALL=C.UTF-8  # wine turns the command line into UTF-16 by the Unix locale: Hangul must survive
eval "$(../shared/scripts/windows-under-wine --export)"
say() { printf '== windows: %s\n' "$*"; }
fail() { printf 'windows stage FAILED: %s\n' "$*" >&2; exit 1; }
started=$SECONDS
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

# Windows has a Korean face (Malgun Gothic); wine has none of its own, and shows the host's fonts
# (fontconfig) instead: Noto Sans CJK stands in, so that Hangul is drawn and measured as on Windows.
if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
  wineserver -k 2>/dev/null || true  # a running wine lists the fonts it found when it started
fi

# One X display (Xvfb) for all of wine's windows: Qt's Windows platform plugin, and Inno Setup, whose
# wizard form is made even when it installs silently (without a display it stops, "A call to an OS
# function failed").
display=90
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
export DISPLAY=":$display"

say "install into the Windows Python"
wpy -m pip install --quiet --disable-pip-version-check --no-warn-script-location -e "$(winpath "$ROOT")[dev,packaging]" \
  || fail "pip install into the Windows Python"

if [ "${1:-}" != "--no-tests" ]; then
  say "test suite under wine (PostgreSQL is covered by the Linux stage; HQ's server runs on Linux)"
  # Qt runs on its Windows platform plugin (conftest's default on win32), in wine's windows on Xvfb.
  # The disk-full and read-only-folder tests need Linux mounts: they skip here and say so.
  (unset MISSIONDESK_TEST_PG_URL; wpy -m pytest tests -q -p no:cacheprovider) || fail "tests under wine"
fi

say "PyInstaller build"
rm -rf dist/win build/win
wpy packaging/make_icons.py >/dev/null || fail "icons"
wpy -m PyInstaller --noconfirm --clean --log-level WARN --distpath "$(winpath "$ROOT")\\dist\\win" \
  --workpath "$(winpath "$ROOT")\\build\\win" "$(winpath "$ROOT")\\packaging\\missiondesk.spec" \
  | { grep -v -e "could not resolve 'api-ms-win-" -e " INFO: " || true; } || fail "PyInstaller"  # API sets: part of Windows
BUILT=dist/win/MissionDesk
[ -f "$BUILT/missiondesk.exe" ] && [ -f "$BUILT/missiondesk-console.exe" ] || fail "the build lacks an executable"

installer() {  # installer VERSION SOURCE_DIR [COMPRESSION] -> dist/win/MissionDesk-Setup-VERSION.exe
  wine "$MD_WIN_ISCC" /Q "/DAppVersion=$1" "/DSourceDir=$(winpath "$2")" "/DOutputDir=$(winpath "$ROOT/dist/win")" \
    "/DCompression=${3:-lzma2}" \
    "$(winpath "$ROOT/packaging/windows/missiondesk.iss")" </dev/null 2>&1 | cat
  [ -f "dist/win/MissionDesk-Setup-$1.exe" ] || fail "Inno Setup made no installer for $1"
}
say "installer"
installer "$VERSION" "$BUILT"

wp() { winepath -w "$1" 2>/dev/null | tr -d '\r'; }  # the path as Windows names it (C:\users\...)
LOCAL=$(winepath -u "$(wine cmd /c 'echo %LOCALAPPDATA%' 2>/dev/null | tr -d '\r')")
APPDIR="$LOCAL/Programs/MissionDesk"
DATA="$LOCAL/MissionDesk"
HQ="$LOCAL/MissionDesk-HQ-smoke"
if [ -f "$APPDIR/unins000.exe" ]; then  # an earlier run on this machine: start from nothing
  wine "$APPDIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART </dev/null >/dev/null 2>&1 || true
  wineserver -w
fi
rm -rf "$APPDIR" "$DATA" "$HQ" "$LOCAL/fra.xlsx" "$LOCAL/fra.key"

say "install silently for this user into $(wp "$APPDIR")"
wine "dist/win/MissionDesk-Setup-$VERSION.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER </dev/null >/dev/null 2>&1
wineserver -w
for f in missiondesk.exe missiondesk.com unins000.exe; do
  [ -f "$APPDIR/$f" ] || fail "the installer left no $f in $APPDIR"
done
[ ! -e "$APPDIR/missiondesk-console.exe" ] || fail "the console launcher was installed under its build name"
wine reg query 'HKCU\Environment' /v Path 2>/dev/null | tr -d '\r' | grep -qi 'Programs\\MissionDesk' \
  || fail "the install folder is not on the user's PATH"
ls "$LOCAL/../Roaming/Microsoft/Windows/Start Menu/Programs/MissionDesk/"*.lnk >/dev/null 2>&1 \
  || fail "no Start-menu entry"

# The console launcher, as a console would run it; every output goes through a pipe, as in `> log`.
md() { wine "$APPDIR/missiondesk.com" "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
expect() {  # expect "TEXT" COMMAND...: exit 0 and TEXT in what it printed
  local want=$1 out
  shift
  out=$(md "$@") || fail "missiondesk $* exited non-zero: $out"
  grep -qF -- "$want" <<<"$out" || fail "missiondesk $* did not print '$want': $out"
  printf '   %-58s ok\n' "missiondesk $*"
}
say "smoke check of the installed app"
expect "MissionDesk $VERSION" --version
expect "Set up DE-FRA for 스모크 검사" init --mission DE-FRA --officer "스모크 검사"
! head -c 16 "$DATA/missiondesk.sqlite3" | grep -q "SQLite format 3" || fail "the database is not encrypted"
[ ! -e "$DATA/database-key.json" ] || fail "the database key went to the fallback file, not Windows Credential Manager"
printf '   %-58s ok\n' "database encrypted (SQLCipher), key in Credential Manager"
expect "Added 200 cases" demo --cases 200
expect "Backup written to" backup
expect "written to" export --out "$(wp "$LOCAL")\\fra.xlsx"
expect "written to" device-key --out "$(wp "$LOCAL")\\fra.key"
expect "Set up HQ for 본부" init --hq --officer "본부" --data-dir "$(wp "$HQ")"
expect "(DE-FRA, 스모크 검사)" trust-key "$(wp "$LOCAL")\\fra.key" --data-dir "$(wp "$HQ")"
expect "imported (applied 1)" import "$(wp "$LOCAL")\\fra.xlsx" --data-dir "$(wp "$HQ")"
ls "$HQ/backups/"missiondesk-before-import-*.sqlite3 >/dev/null 2>&1 || fail "HQ took no backup before the import"
expect "support_case" search 기업
expect "ok" check
expect "ok" check --data-dir "$(wp "$HQ")"
# As a person types it in cmd: the bare name (found on PATH, the .com before the .exe) and output to a file.
rm -f "$LOCAL/search.txt"
wine cmd /c 'cd /d %LOCALAPPDATA% && missiondesk search 기업 > search.txt 2>&1' </dev/null >/dev/null 2>&1
grep -q "support_case .*기업" "$LOCAL/search.txt" 2>/dev/null || fail "cmd /c 'missiondesk search 기업 > search.txt' wrote: $(cat "$LOCAL/search.txt" 2>&1)"
printf '   %-58s ok\n' "cmd: missiondesk search 기업 > search.txt (UTF-8)"
before=$(md stats) || fail "stats"
grep -q "support_case .* 200 " <<<"$before" || fail "stats after the demo: $before"

say "the window, on Qt's Windows platform plugin (Xvfb stands in for the desktop)"
ready=$(md --exit-when-ready) || fail "--exit-when-ready from the console launcher: $ready"
grep -q "^ready in" <<<"$ready" || fail "the console launcher's window did not report ready: $ready"
echo "   console launcher: $ready"
wine "$APPDIR/missiondesk.exe" --exit-when-ready </dev/null >/dev/null 2>&1 || fail "the windowed missiondesk.exe --exit-when-ready"
echo "   windowed missiondesk.exe: exit 0"

say "upgrade: version $VERSION.1 with one more migration, installed over this one and its data"
NEXT=build/win/next/MissionDesk
rm -rf build/win/next && mkdir -p build/win/next && cp -a "$BUILT" "$NEXT"
versions=$(find "$NEXT" -path '*missiondesk/store/migrations/versions' -type d)
[ -n "$versions" ] || fail "the build carries no migrations folder"
head=$(wpy -c 'from missiondesk.store.migrate import head_revision; print(head_revision())' | tr -d '\r')
sed "s/HEAD_REVISION/$head/" packaging/windows/upgrade_check_migration.py >"$versions/9999_upgrade_check.py"
installer "$VERSION.1" "$NEXT" lzma2/fast  # only for this check: faster to make
wine "dist/win/MissionDesk-Setup-$VERSION.1.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER </dev/null >/dev/null 2>&1
wineserver -w
after=$(md stats) || fail "stats after the upgrade: $after"
[ "$after" = "$before" ] || fail "the data changed in the upgrade: before $before, after $after"
ls "$DATA/backups/"missiondesk-before-*.sqlite3 >/dev/null 2>&1 || fail "no backup was taken before the migration"
expect "ok" check
echo "   data kept ($(grep support_case <<<"$after" | tr -s ' ')), backup $(basename "$(ls -t "$DATA/backups/"missiondesk-before-*.sqlite3 | head -1)")"

say "uninstall: the program goes, the data stays"
wine "$APPDIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART </dev/null >/dev/null 2>&1
wineserver -w
[ ! -e "$APPDIR/missiondesk.exe" ] || fail "the uninstaller left missiondesk.exe"
[ -f "$DATA/missiondesk.sqlite3" ] || fail "the uninstaller removed the user's data"
if wine reg query 'HKCU\Environment' /v Path 2>/dev/null | tr -d '\r' | grep -qi 'Programs\\MissionDesk'; then
  fail "the uninstaller left the install folder on PATH"
fi
say "passed in $((SECONDS - started)) s"
