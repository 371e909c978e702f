"""The readable sheets: the records a bundle touches, for people who open it in Excel.

They are never imported (the ops are); HQ compares them with the ops and
lists every cell someone changed. Each sheet has a hidden ID column (what ties
a row to its ops) and one column per field, headed in Korean and English;
dates are real dates, whole numbers are numbers, everything else is text.
A coded value (a status, an area's code, another record's id) is shown by its
label (``ValueLabels``): the bundle carries the labels it used in its signed
``labels`` sheet, so HQ compares a cell with the label of the ops' value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

import orjson

from missiondesk.domain.canonical import canonical_json, dumps_sorted
from missiondesk.domain.schema import EntitySpec, FieldSpec, Kind, entity

ID_HEADER = "ID"


@dataclass(frozen=True)
class ReadableSheet:
    name: str  # the sheet's name: short, ASCII, at most 31 characters
    entity: str

    @property
    def spec(self) -> EntitySpec:
        return entity(self.entity)


READABLE_SHEETS = (
    ReadableSheet("cases", "support_case"),
    ReadableSheet("activities", "case_activity"),
    ReadableSheet("referrals", "partner_referral"),
    ReadableSheet("briefs", "market_brief"),
    ReadableSheet("deliveries", "brief_delivery"),
    ReadableSheet("meetings", "council_meeting"),
    ReadableSheet("attendance", "meeting_attendance"),
    ReadableSheet("agenda", "agenda_item"),
    ReadableSheet("proposals", "proposal"),
    ReadableSheet("companies", "company"),
)
BY_ENTITY = {s.entity: s for s in READABLE_SHEETS}
BY_NAME = {s.name: s for s in READABLE_SHEETS}

_WIDTH = {
    Kind.TEXT: 28,
    Kind.LONGTEXT: 50,
    Kind.INT: 12,
    Kind.BOOL: 10,
    Kind.DATE: 12,
    Kind.ENUM: 18,  # labels, not codes: "진행 중 (In progress)"
    Kind.REF: 30,
    Kind.CODE: 26,
    Kind.CODES: 36,
    Kind.REFS: 36,
}


def columns(spec: EntitySpec, include_sensitive: bool) -> list[FieldSpec]:
    return [f for f in spec.fields if include_sensitive or not f.sensitive]


def header(f: FieldSpec) -> str:
    return f"{f.label_ko} / {f.label_en}"


def width(f: FieldSpec) -> int:
    return max(_WIDTH[f.kind], min(len(header(f)) + 4, 40))


def comparable(f: FieldSpec, wire: Any) -> Any:
    """A wire value as the readable sheet shows it, in the form ``read_value`` gives back."""
    if wire is None or wire == []:
        return ""
    if f.is_list:
        return ", ".join(str(v) for v in wire)
    if f.kind is Kind.INT:
        return int(wire)
    if f.kind is Kind.BOOL:
        return bool(wire)
    return str(wire)


def read_value(f: FieldSpec, value: Any) -> Any:
    """A cell as a spreadsheet reader returns it, in comparable form; ValueError for text in a date column."""
    if value is None or value == "":
        return ""
    if f.kind is Kind.DATE:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        raise ValueError(f"{value!r} where a date belongs")
    if f.kind is Kind.INT and isinstance(value, float) and value.is_integer():
        return int(value)
    if f.kind is Kind.BOOL and isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str | int | bool) else str(value)


LABELLED = frozenset({Kind.ENUM, Kind.CODE, Kind.CODES, Kind.REF, Kind.REFS})
"""Kinds whose stored values are codes: a readable sheet shows their labels."""

LABELS_SHEET = "labels"
"""The payload sheet (hidden, signed) that maps each coded value a readable sheet shows to its label."""

ENUM_LABELS = "enum"
"""What ``ValueLabels`` files a closed list's values under (reference codes and ids: their entity)."""


def labels_of(f: FieldSpec) -> str:
    return ENUM_LABELS if f.kind is Kind.ENUM else str(f.target)


class ValueLabels:
    """The label shown for each coded value: (``labels_of(field)``, value) -> label.

    The exporter fills it as it writes (``add``) and writes the labels it used as the ``labels``
    payload sheet, one canonical JSON line each (``lines``); HQ reads them back (``from_lines``) to
    compare each cell with the label of the ops' value. A value without a label shows as itself.
    """

    def __init__(self) -> None:
        self._labels: dict[tuple[str, str], str] = {}

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, key: tuple[str, str]) -> bool:
        return key in self._labels

    def add(self, of: str, value: str, label: str) -> None:
        self._labels[(of, value)] = label

    def label(self, of: str, value: str) -> str | None:
        return self._labels.get((of, value))

    def shown(self, f: FieldSpec, wire: Any) -> Any:
        """What the readable sheet shows for ``wire`` in ``f``'s column (``comparable`` for uncoded kinds)."""
        if f.kind not in LABELLED:
            return comparable(f, wire)
        if wire is None or wire == [] or wire == "":
            return ""
        of = labels_of(f)
        labels = self._labels
        if f.is_list:
            return ", ".join(labels.get((of, str(v)), str(v)) for v in wire)
        return labels.get((of, str(wire)), str(wire))

    def lines(self) -> list[str]:
        return [
            canonical_json({"of": of, "value": value, "label": label})
            for (of, value), label in sorted(self._labels.items())
        ]

    @classmethod
    def from_lines(cls, lines: Sequence[Mapping[str, Any]]) -> ValueLabels:
        out = cls()
        for line in lines:
            out.add(str(line.get("of", "")), str(line.get("value", "")), str(line.get("label", "")))
        return out


def expected_values(values: Mapping[str, Any], spec: EntitySpec, include_sensitive: bool) -> list[Any]:
    return [comparable(f, values.get(f.name)) for f in columns(spec, include_sensitive)]


ID_FIELD = FieldSpec("id", Kind.TEXT, label_en="ID", label_ko="ID")
"""The ID column, read as text."""

_SAME_TYPE: dict[Kind, type] = {
    Kind.TEXT: str,
    Kind.LONGTEXT: str,
    Kind.DATE: str,
    Kind.ENUM: str,
    Kind.REF: str,
    Kind.CODE: str,
    Kind.INT: int,
    Kind.BOOL: bool,
}


def shown_as_is(f: FieldSpec) -> type | None:
    """The wire type whose values ``comparable`` returns unchanged for ``f`` (None: lists, always converted)."""
    return _SAME_TYPE.get(f.kind)


def shown_rows(rows: Sequence[Sequence[Any]], cols: Sequence[FieldSpec]) -> list[tuple[Any, ...]]:
    """Every sheet row (ID, then ``cols``) as ``read_value`` reads each cell; ValueError likewise.

    A column at a time: a text column whose cells are all text is taken whole, so only the cells of
    the few other columns (dates, numbers) pay for a call. Short rows are padded with empty cells and
    cells beyond the columns are ignored.
    """
    fields = (ID_FIELD, *cols)
    if not rows:
        return []
    columns: list[Sequence[Any]] = []
    columns.extend(zip_longest(*rows, fillvalue=""))
    del columns[len(fields) :]
    columns += [("",) * len(rows)] * (len(fields) - len(columns))
    for i, (f, column) in enumerate(zip(fields, columns, strict=True)):
        as_read = f.kind is not Kind.DATE  # text stays text, but a date column's text is an error
        if as_read and set(map(type, column)) == {str}:
            continue
        columns[i] = [v if type(v) is str and (as_read or not v) else read_value(f, v) for v in column]
    return list(zip(*columns, strict=True))


class SheetDigest:
    """SHA-256 of a readable sheet: each shown row's ``canonical_json`` followed by a newline.

    Rows are encoded one by one and normalised (NFC) a batch at a time: normalising the joined
    lines equals normalising each, as a newline composes with nothing.
    """

    BATCH = 2000

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self._lines: list[str] = []

    def row(self, shown: Sequence[Any]) -> None:
        # A shown row holds text, whole numbers and booleans (a float only if a caller put one in).
        self._lines.append(dumps_sorted(shown, plain=float not in map(type, shown)))
        if len(self._lines) >= self.BATCH:
            self._flush()

    def rows(self, shown: Sequence[Sequence[Any]]) -> None:
        """Many rows as ``shown_rows`` gives them (no float), each as ``row`` would take it.

        The whole list is written by orjson in one call; its rows are then joined by ``],[``, which
        stands for a line break unless some text holds it too (then each row goes through ``row``).
        """
        for start in range(0, len(shown), self.BATCH):
            batch = shown[start : start + self.BATCH]
            try:
                body = orjson.dumps(batch).decode()[1:-1]
            except TypeError:  # an integer beyond 64 bits: the standard library writes it
                body = None
            if body is None or body.count("],[") != len(batch) - 1:
                for one in batch:
                    self.row(one)
                continue
            self._flush()
            self._update(body.replace("],[", "]\n[") + "\n")

    def _flush(self) -> None:
        if self._lines:
            self._update("\n".join(self._lines) + "\n")
            self._lines.clear()

    def _update(self, text: str) -> None:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        self._h.update(text.encode("utf-8"))

    def hexdigest(self) -> str:
        self._flush()
        return self._h.hexdigest()
