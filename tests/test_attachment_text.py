"""The words of attached PDF, DOCX and HWPX files: read within bounds, found by search in Korean and
English, gone with the attachment, read later for files attached before or arriving without content."""

from __future__ import annotations

import io
import tracemalloc
import types
import zipfile
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from missiondesk.cli import main
from missiondesk.domain.file_text import TextLimits, extract_text
from missiondesk.domain.file_types import DOCX, HWPX, PDF, TEXT
from missiondesk.domain.records import ListQuery
from missiondesk.services import attachment_text
from missiondesk.services.attachments import AttachmentService
from missiondesk.services.context import AppContext, open_context
from missiondesk.services.records import RecordService
from missiondesk.services.search import search_all
from missiondesk.store.tables import attachment_text as text_table
from tests import textfiles
from tests.samplefiles import write

LETTER = ("Request for cooperation from the state government", "주정부 협조 요청 공문 배터리 공장 부지")

FILES = {
    "letter.pdf": (PDF.media_type, textfiles.pdf(*LETTER)),
    "letter.docx": (DOCX.media_type, textfiles.docx(*LETTER)),
    "letter.hwpx": (HWPX.media_type, textfiles.hwpx(*LETTER)),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_words_of_each_kind_are_read(name: str) -> None:
    kind, data = FILES[name]
    text = extract_text(data, kind)
    assert LETTER[0] in text and LETTER[1] in text


@pytest.mark.parametrize(
    "data",
    [
        FILES["letter.pdf"][1][:200],  # cut short
        b"%PDF-1.7\n" + b"\xff" * 5000,  # a header and noise
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",  # loops
        b"PK\x03\x04 not a zip at all",
    ],
)
@pytest.mark.parametrize("kind", [PDF.media_type, DOCX.media_type, HWPX.media_type])
def test_a_damaged_file_has_no_words_and_no_error(data: bytes, kind: str) -> None:
    assert extract_text(data, kind) == ""


def _bomb(part: str, size: int) -> bytes:
    """A package whose one XML part decompresses to ``size`` bytes of a single text element."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/hwp+zip")
        z.writestr(part, b"<p><t>" + b"a" * size + b"</t></p>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("kind", "part"), [(DOCX.media_type, "word/document.xml"), (HWPX.media_type, "Contents/section0.xml")]
)
def test_a_package_bomb_stops_at_the_cap(kind: str, part: str) -> None:
    bomb = _bomb(part, 8 * 1024 * 1024)
    assert len(bomb) < 100_000  # tiny on disk
    assert extract_text(bomb, kind, TextLimits(max_xml_bytes=1024 * 1024)) == ""
    assert len(extract_text(bomb, kind)) == TextLimits().max_chars  # within the cap: cut at max_chars


def test_a_pdf_compression_bomb_stops_at_the_stream_cap() -> None:
    """300 MB of text operators in a 0.5 MB stream: given up at 16 MB decompressed (pypdf's default is
    75 MB), so the memory a hostile PDF takes stays small."""
    packer = zlib.compressobj(9)
    line = b"(a) Tj " * (1024 * 1024 // 7)
    bomb = b"".join(packer.compress(line) for _ in range(300)) + packer.flush()
    data = textfiles.pdf("", "", bomb, b"/Filter /FlateDecode")
    tracemalloc.start()
    try:
        assert extract_text(data, PDF.media_type) == ""
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # 41 MB here; 144 MB under pypdf's own 75 MB cap


def test_pages_and_time_are_bounded() -> None:
    kind, data = FILES["letter.pdf"]
    assert extract_text(data, kind, TextLimits(max_pages=0)) == ""
    assert extract_text(data, kind, TextLimits(max_seconds=-1)) == ""  # past its deadline before page one
    assert extract_text(data, kind, TextLimits(max_chars=10)) == LETTER[0][:10]


def test_text_files_are_read_in_utf8_or_cp949() -> None:
    assert extract_text("협조 요청".encode("cp949"), TEXT.media_type) == "협조 요청"
    assert extract_text("협조 요청".encode(), TEXT.media_type) == "협조 요청"


def _case(ctx: AppContext, title: str = "배터리 공장 부지") -> str:
    values = {"title": title, "received_date": "2026-03-02"}
    return RecordService(ctx).create("support_case", values).record_id


@pytest.mark.parametrize("name", sorted(FILES))
def test_search_finds_an_attachment_by_its_words_with_its_case_and_a_snippet(
    mission: AppContext, tmp_path: Path, name: str
) -> None:
    case_id = _case(mission, "Heilbronn site")
    service = AttachmentService(mission)
    attached = service.attach("support_case", case_id, write(tmp_path, name, FILES[name][1]))
    attachment_id = attached.change.record_id
    case = RecordService(mission).get("support_case", case_id)
    # Korean: two syllables (the bigram index), three and more (trigram); English in any case.
    for query in ("공문", "협조 요청", "주정부", "COOPERATION", "state government"):
        hits = search_all(mission, query)
        assert [h.record.id for h in hits] == [attachment_id], query
        assert hits[0].parent is not None and hits[0].parent.id == case_id
        assert str(case["reference"]) in hits[0].parent_label
        assert hits[0].opens == ("support_case", case_id)
        assert query.split()[0].casefold() in hits[0].snippet.casefold()
    assert search_all(mission, "Heilbronn")[0].entity == "support_case"  # the case's own title
    assert search_all(mission, "letter")[0].snippet == ""  # found by its name, not its words
    # The case list finds the case by what its file says.
    rows = RecordService(mission).list(ListQuery("support_case", text="협조")).rows
    assert [r.id for r in rows] == [case_id]
    # To the trash: its words find nothing; restored: found again.
    service.remove(attachment_id)
    assert search_all(mission, "협조") == []
    assert RecordService(mission).list(ListQuery("support_case", text="협조")).rows == ()
    service.restore(attachment_id)
    assert [h.record.id for h in search_all(mission, "협조")] == [attachment_id]


def test_a_damaged_file_is_attached_and_found_by_its_name(mission: AppContext, tmp_path: Path) -> None:
    broken = FILES["letter.pdf"][1][:-300]  # header and most objects, the cross-reference gone
    service = AttachmentService(mission)
    service.attach("support_case", _case(mission), write(tmp_path, "부지 임대 제안.pdf", broken))
    assert [h.label for h in search_all(mission, "임대 제안")] == ["부지 임대 제안.pdf"]


def test_files_attached_before_are_read_by_the_pending_step(
    mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a database from before this reader, and for a content that arrives later (sync, bundles)."""
    import missiondesk.services.attachments as attachments_module

    not_read = types.SimpleNamespace(index_text=lambda *args: False)
    monkeypatch.setattr(attachments_module, "attachment_text", not_read)
    service = AttachmentService(mission)
    case_id = _case(mission)
    ids = [
        service.attach("support_case", case_id, write(tmp_path, name, data)).change.record_id
        for name, (_, data) in FILES.items()
    ]
    assert search_all(mission, "협조") == []
    monkeypatch.undo()
    # A content not on this device yet is passed over, then read when it lands.
    sha = str(service.get(ids[0])["sha256"])
    held = service.blobs.path(sha).read_bytes()
    service.blobs.delete(sha)
    assert attachment_text.index_pending(mission, batch=1) == 2
    assert sorted(h.record.id for h in search_all(mission, "협조")) == sorted(ids[1:])
    assert attachment_text.index_pending(mission) == 0  # nothing read twice
    service.blobs.path(sha).write_bytes(held)  # the content arrives (as sync or a side-car would put it)
    assert attachment_text.index_text(mission, sha)
    assert sorted(h.record.id for h in search_all(mission, "협조")) == sorted(ids)
    with mission.store.read() as conn:
        stored = conn.execute(sa.select(text_table.c.body)).scalars().all()
    assert len(stored) == 3 and all(LETTER[1] in body for body in stored)


def test_the_cli_search_shows_the_file_its_case_and_the_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "laptop")
    assert main(["init", "--mission", "DE-FRA", "--officer", "김영희", "--data-dir", data]) == 0
    with open_context(data) as ctx:
        case_id = _case(ctx)
        AttachmentService(ctx).attach(
            "support_case", case_id, write(tmp_path, "공문.hwpx", FILES["letter.hwpx"][1])
        )
        reference = str(RecordService(ctx).get("support_case", case_id)["reference"])
    capsys.readouterr()
    assert main(["search", "협조", "--data-dir", data]) == 0
    out = capsys.readouterr().out
    assert "공문.hwpx" in out and reference in out and "주정부 협조 요청" in out


def test_optimize_reads_the_files_not_read_yet(
    mission: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import missiondesk.services.attachments as attachments_module
    from missiondesk.services import maintenance

    monkeypatch.setattr(
        attachments_module, "attachment_text", types.SimpleNamespace(index_text=lambda *a: False)
    )
    service = AttachmentService(mission)
    attached = service.attach(
        "support_case", _case(mission), write(tmp_path, "a.docx", FILES["letter.docx"][1])
    )
    monkeypatch.undo()
    assert search_all(mission, "협조") == []
    maintenance.optimize(mission)
    assert [h.record.id for h in search_all(mission, "협조")] == [attached.change.record_id]


def test_a_record_arriving_for_a_content_already_read_is_found_by_its_words(
    mission: AppContext, tmp_path: Path
) -> None:
    """Sync and bundles index arriving records in bulk (search.reindex_many): the words come with them."""
    from missiondesk.domain.schema import entity
    from missiondesk.store import search
    from missiondesk.store.tables import entity_table

    service = AttachmentService(mission)
    attached = service.attach(
        "support_case", _case(mission), write(tmp_path, "a.pdf", FILES["letter.pdf"][1])
    )
    table = entity_table("attachment")
    with mission.store.write() as conn:
        row = dict(conn.execute(sa.select(table)).mappings().one())
        arrived = {**row, "id": "00000000-0000-4000-8000-000000000001", "file_name": "copy.pdf"}
        search.reindex_many(conn, [(entity("attachment"), arrived)])
        found = {h.record_id for h in search.find(conn, "주정부")}
    assert found == {attached.change.record_id, arrived["id"]}


def test_a_snippet_shows_the_term_with_whole_words_around_it() -> None:
    text = " ".join(["lorem"] * 30) + " 주정부 협조 요청 공문 " + " ".join(["ipsum"] * 40)
    line = attachment_text.snippet(text, ["협조"])
    assert line.startswith("…lorem ") and line.endswith(" ipsum…") and "주정부 협조 요청" in line
    assert line.index("협조") < 40  # near the start: a list's column cuts the end, not the term
    assert attachment_text.snippet("short text", ["absent"]) == "short text"
