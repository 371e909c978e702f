"""The labels a bundle's readable sheets show for coded values, read from the exporting database.

A status shows as ``진행 중 (In progress)``, an area's code as its name, a company's id as its name, a
case's id (under an activity) as its reference: in the exporter's language, the other beside it. The
writer asks ``ValueLabels.shown`` per cell; ``Labeller.cover`` fills it a chunk of records at a time,
in the export's read transaction, before the chunk is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from missiondesk.bundles.readable import ENUM_LABELS, LABELLED, ValueLabels, labels_of
from missiondesk.domain.catalogue import LANGUAGES
from missiondesk.domain.schema import FieldSpec, Scope, entity
from missiondesk.domain.value_names import bilingual, value_names
from missiondesk.services.lookups import display_title
from missiondesk.store import records as rows
from missiondesk.store.tables import entity_table


class Labeller:
    def __init__(self, conn: Connection, language: str = "ko") -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.conn = conn
        self.korean = language == "ko"
        self.labels = ValueLabels()
        self._reference: dict[str, dict[str, tuple[str, str]]] = {}  # entity -> code -> (ko, en)

    def cover(self, fields: Sequence[FieldSpec], values: Sequence[Mapping[str, Any]]) -> None:
        """Add the labels of every coded value ``values`` hold in ``fields`` that has none yet."""
        for f in fields:
            if f.kind not in LABELLED:
                continue
            of = labels_of(f)
            missing: set[str] = set()
            for record in values:
                wire = record.get(f.name)
                if wire is None or wire == "" or wire == []:
                    continue
                for v in wire if f.is_list else (wire,):
                    if (of, str(v)) not in self.labels:
                        missing.add(str(v))
            if missing:
                self._add(of, missing)

    def _add(self, of: str, values: set[str]) -> None:
        if of == ENUM_LABELS:
            names = {v: value_names(v) for v in values}
        elif entity(of).scope is Scope.REFERENCE:
            known = self._reference_names(of)
            names = {v: known[v] for v in values if v in known}
        else:
            names = self._record_names(of, sorted(values))
        for value, (ko, en) in names.items():
            self.labels.add(of, value, bilingual(ko, en, korean_first=self.korean))

    def _reference_names(self, name: str) -> dict[str, tuple[str, str]]:
        """Every code of a reference table, read once (they are few): its Korean and English names."""
        if name not in self._reference:
            table = entity_table(name)
            spec = entity(name)
            ko = table.c.name_ko if spec.has_field("name_ko") else sa.null()
            en = table.c.name_en if spec.has_field("name_en") else sa.null()
            self._reference[name] = {
                str(code): (str(k or ""), str(e or code))
                for code, k, e in self.conn.execute(sa.select(table.c.code, ko, en))
            }
        return self._reference[name]

    def _record_names(self, name: str, ids: list[str]) -> dict[str, tuple[str, str]]:
        spec = entity(name)
        out: dict[str, tuple[str, str]] = {}
        for record_id, record in rows.load_many(self.conn, spec, ids).items():
            out[record_id] = _record_name(name, record.values)
        return out


def _record_name(name: str, values: Mapping[str, Any]) -> tuple[str, str]:
    """(Korean, English) names of a record another one refers to."""
    if name == "support_case":  # a case is known by its reference
        ref = str(values.get("reference") or "")
        return ref, ref
    if name == "company":
        return str(values.get("name_ko") or ""), str(values.get("name_en") or "")
    if name == "council_meeting":
        year, number = values.get("year"), values.get("number")
        return f"{year}년 제{number}차", f"{year} meeting no. {number}"
    title = display_title(name, values)
    return title, title
