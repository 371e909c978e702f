#!/usr/bin/env bash
# Refresh the Korean catalogue from the code, then compile it for the app:
#   resources/translations/missiondesk_ko.ts  (the source; translate new entries in Qt Linguist or by hand)
#   src/missiondesk/ui/translations/missiondesk_ko.qm  (shipped in the package)
# The core's coded sentences (domain/messages.py), stored values' names (domain/value_names.py) and
# legacy-table cell problems (tables/reasons.py) are
# read too: the window says them in Korean, and domain/catalogue.py reads the .qm for the CLI and workbooks.
# Run after changing user-visible strings; tests/test_translations.py fails on any unfinished entry.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate -no-obsolete -locations none $(find src/missiondesk/ui -name '*.py' | sort) src/missiondesk/domain/messages.py src/missiondesk/domain/value_names.py src/missiondesk/tables/reasons.py -ts resources/translations/missiondesk_ko.ts
.venv/bin/pyside6-lrelease resources/translations/missiondesk_ko.ts -qm src/missiondesk/ui/translations/missiondesk_ko.qm
