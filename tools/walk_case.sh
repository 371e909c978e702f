#!/usr/bin/env bash
# Record the seed's battery-remanufacturing case in a real window (Xvfb + openbox), as an officer would,
# with the keyboard and a few clicks, taking a screenshot after each step:
#   eval "$(/work/shared/scripts/real-window --export)"   # or any X display of 1440x900
#   bash tools/walk_case.sh [ko|en] [OUT_DIR]
# Needs xdotool and ImageMagick's import. Clicks are at positions in a 1440x900 screen with the window
# maximised by openbox; the screenshots (OUT_DIR/NN-step.png) show whether each step landed.
set -euo pipefail
cd "$(dirname "$0")/.."
LANGUAGE=${1:-ko}
OUT=${2:-/tmp/missiondesk-walk-$LANGUAGE}
DATA="$OUT/data"
rm -rf "$OUT" && mkdir -p "$OUT"
.venv/bin/missiondesk --data-dir "$DATA" init --mission DE-FRA --officer 김영희 >/dev/null
.venv/bin/missiondesk --data-dir "$DATA" demo >/dev/null
if [ "$LANGUAGE" = ko ]; then locale=ko_KR.UTF-8; else locale=en_GB.UTF-8; fi
env -u LC_ALL LANG=$locale LC_CTYPE=C.UTF-8 .venv/bin/missiondesk --data-dir "$DATA" >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do xdotool search --name "MissionDesk —" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
WID=$(xdotool search --name "MissionDesk —" | head -1)
xdotool windowactivate --sync "$WID"
xdotool key super+Up 2>/dev/null || true
n=0
shot() { n=$((n + 1)); sleep "${2:-0.6}"; import -window root "$OUT/$(printf %02d $n)-$1.png"; }
slow() { xdotool type --delay 120 "$1"; }  # Korean through xdotool needs time per syllable
k() { xdotool key --delay 80 "$@"; }
if [ "$LANGUAGE" = ko ]; then
  TITLE="배터리 재제조 공장 부지 및 인허가"; COMPANY="포엔"; CAT1="부지"; CAT2="인허가"; AREA="바덴"
  NOTE="Heilbronn 시청과 공장 부지 협의"
  SERVICE1="비자 발급 및 법인 설립 지원"; SERVICE2="부지 임대 협상 주선"
  SUMMARY="주정부·시 협조로 건축허가 발급, 부지 임대 계약 체결"
  OPEN_Y=160; CLOSE_Y=192  # the workflow buttons under a one-line heading
else
  TITLE="Battery remanufacturing plant: site and permits"; COMPANY="POEN"; CAT1="site"; CAT2="permit"; AREA="Baden"
  NOTE="Site talks with Heilbronn city hall"
  SERVICE1="Visas and incorporation"; SERVICE2="Site-leasing talks"
  SUMMARY="Permits granted with the state and city; site lease signed"
  OPEN_Y=167; CLOSE_Y=200  # the English title wraps to a second line
fi

# 1. A new case: title, then a company nobody has recorded yet, added from the case form.
k ctrl+1 ctrl+n; sleep 0.5
slow "$TITLE"; k Tab; slow "$COMPANY"; shot company-typed
k Tab; sleep 0.3; k space; shot new-company-dialog 1
# The typed name lands in the Korean or the Latin name as written; the other one is added here.
if [ "$LANGUAGE" != ko ]; then slow "포엔"; fi
k Tab; xdotool type --delay 40 "POEN Co., Ltd."; k ctrl+s; shot company-added 1
# 2. Two categories, searched in the list and ticked with Enter; the popup stays open.
k Tab Tab Tab Tab space; sleep 0.7  # past the contact person (the company's contacts) to the categories
slow "$CAT1"; k Return; k ctrl+a BackSpace; slow "$CAT2"; k Return; shot categories-ticked
k Escape
# 3. Area: typed, picked from the suggestions.
k Tab Tab Tab; slow "$AREA"; sleep 0.5; k Down Return; shot area-picked
# 4. The wheel over the form's combo boxes scrolls the form; nothing changes.
xdotool mousemove 1180 402; sleep 0.3  # over the sector box (not focused: the area box has focus)
xdotool click --repeat 6 --delay 60 5; shot wheel-scrolled
xdotool click --repeat 6 --delay 60 4
# 5. Save (Ctrl+S); then a note in the timeline (Ctrl+Shift+A, type, Enter).
k ctrl+s; shot case-saved 1
k ctrl+shift+a; slow "$NOTE"; k Return; shot note-added
# 6. Search finds the case by the note's text.
k ctrl+f; xdotool type --delay 40 "Heilbronn"; shot search-by-note 1.2
# 7. Referrals to the SME agency and the trade office, found by their abbreviations.
xdotool mousemove 1040 474 click 1; sleep 0.5  # the Referrals tab (the History tab follows it)
for partner in KOSME KOTRA; do
  xdotool mousemove 1311 501 click 1; sleep 1  # Add…
  xdotool type --delay 80 "$partner"; sleep 0.5; shot "referral-$partner"
  k Down Return Tab
  if [ "$partner" = KOSME ]; then slow "${SERVICE1}"; else slow "${SERVICE2}"; fi
  k ctrl+s; shot "referral-$partner-saved" 1
done
# 8. Open the case (its workflow button), then close it: outcome, summary and the measurable results.
xdotool mousemove 990 300 click --repeat 8 --delay 40 4  # over the labels: the pane scrolls to its top
xdotool mousemove 1148 "$OPEN_Y" click 1; shot case-opened 1
xdotool mousemove 1054 "$CLOSE_Y" click 1; shot close-dialog 1  # Close the case
k Down Tab Tab; slow "$SUMMARY"; k Tab; xdotool type --delay 50 "20000000"; k Tab; xdotool type "40"
k Tab space Tab space; shot close-filled
k ctrl+s; shot case-closed 1
if [ -n "${KEEP:-}" ]; then trap - EXIT; echo "app left running: pid $APP"; fi
echo "screenshots in $OUT"
