"""The core's sentences keep a code and parameters: in English for the CLI and the server, with the code
beside the text on the wire (push results, the server's error bodies), and plain text from older sides."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import missiondesk
from missiondesk.cli import main
from missiondesk.domain.messages import ENGLISH, MessageCode, Said, say, stored_reason
from missiondesk.domain.ops import FieldChange, Op, OpKind
from missiondesk.domain.permissions import RefusalCode
from missiondesk.errors import UserError
from missiondesk.server.app import error_body
from missiondesk.services.records import RecordService
from missiondesk.sync import replica
from missiondesk.sync.client import _detail
from missiondesk.sync.devices import Refused
from missiondesk.sync.protocol import PushResult, Status
from tests.syncsim import World


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    w = World.make(tmp_path)
    yield w
    w.close()


def test_every_code_has_one_english_sentence() -> None:
    assert set(ENGLISH) == set(MessageCode)
    said = say(MessageCode.IN_TRASH_ALREADY, entity="support_case")
    assert said == "This support case is in the trash already."
    assert (said.code, said.params) == ("in_trash_already", {"entity": "support_case"})


def test_a_held_op_and_a_refused_one_carry_their_codes_over_the_wire(world: World) -> None:
    a = world.laptop("a")
    RecordService(a).create("support_case", {"title": "부지 인허가 지연", "received_date": "2026-03-02"})
    officer, create = replica.pending_ops(a)
    late = Op(
        str(uuid.uuid4()),
        a.device.device_id,
        create.seq + 1,
        "support_case",
        create.record_id,
        OpKind.UPDATE,
        "DE-FRA",
        1,
        {"priority": FieldChange("normal", "high")},
    )
    [held] = world.authority.push([late], a.device.device_id)
    assert held.status is Status.HELD
    assert held.reason == f"Waiting at HQ for change {officer.seq} of this device, which has not arrived yet."
    wire = held.to_wire()
    assert (wire["code"], wire["params"]) == ("waiting_for_op", {"seq": officer.seq})
    back = PushResult.from_wire(json.loads(json.dumps(wire)))
    assert isinstance(back.reason, Said) and back.reason.code == "waiting_for_op" and back == held
    older = {k: v for k, v in wire.items() if k not in ("code", "params")}  # an older HQ's answer
    assert PushResult.from_wire(older).reason == held.reason
    assert not isinstance(PushResult.from_wire(older).reason, Said)

    foreign = Op(
        str(uuid.uuid4()),
        "another-device",
        1,
        "support_case",
        str(uuid.uuid4()),
        OpKind.CREATE,
        "DE-FRA",
        1,
        {},
    )
    [refused] = world.authority.push([foreign], a.device.device_id)
    assert refused.status is Status.REJECTED and refused.to_wire()["code"] == "other_device_op"


def test_a_reason_kept_as_text_keeps_its_code_at_its_head(world: World) -> None:
    a = world.laptop("a")
    RecordService(a).create("support_case", {"title": "통관 지연", "received_date": "2026-03-02"})
    ops = replica.pending_ops(a)
    world.authority.push(ops, a.device.device_id)
    reused = Op(
        str(uuid.uuid4()),
        a.device.device_id,
        ops[-1].seq,
        "support_case",
        ops[-1].record_id,
        OpKind.UPDATE,
        "DE-FRA",
        1,
        {"priority": FieldChange("normal", "high")},
    )
    [blocked] = world.authority.push([reused], a.device.device_id)
    assert blocked.status is Status.REJECTED and blocked.reason.startswith("Sequence number")
    assert blocked.to_wire()["params"] == {"seq": ops[-1].seq}
    after = Op(
        str(uuid.uuid4()),
        a.device.device_id,
        ops[-1].seq + 1,
        "support_case",
        ops[-1].record_id,
        OpKind.UPDATE,
        "DE-FRA",
        1,
        {"priority": FieldChange("normal", "low")},
    )
    [still] = world.authority.push([after], a.device.device_id)  # the device's stored block
    assert isinstance(still.reason, Said) and still.reason.code == "seq_reused"
    assert still.reason == blocked.reason  # the sentence, without its code in front
    assert stored_reason("An older sentence: no code.") == "An older sentence: no code."


def test_the_server_error_body_keeps_code_and_params_beside_the_english_detail() -> None:
    body = error_body(Refused(say(MessageCode.DEVICE_REVOKED, device="d-1")))
    assert body == {
        "detail": "Device d-1 has been revoked by HQ; it must be enrolled again.",
        "code": "device_revoked",
        "params": {"device": "d-1"},
    }
    assert error_body(UserError("A plain sentence.")) == {"detail": "A plain sentence."}
    heard = _detail(httpx.Response(401, json=body))
    assert isinstance(heard, Said) and heard.code == "device_revoked" and heard == body["detail"]
    older = _detail(httpx.Response(401, json={"detail": "Revoked."}))
    assert older == "Revoked." and not isinstance(older, Said)


def test_the_cli_says_the_authoritys_reason_in_english(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    a = world.laptop("a")
    RecordService(a).create("support_case", {"title": "비자 지연", "received_date": "2026-03-02"})
    officer, create = replica.pending_ops(a)
    lost = Op(
        str(uuid.uuid4()),
        a.device.device_id,
        create.seq + 1,
        "support_case",
        str(uuid.uuid4()),  # a record that never reaches HQ
        OpKind.UPDATE,
        "DE-FRA",
        1,
        {"priority": FieldChange("normal", "high")},
    )
    world.authority.push([officer, create, lost], a.device.device_id)
    data = str(world.hq.paths.root)
    code = main(["held", "--data-dir", data, "--force", "--device", a.device.device_id, "--older-than", "0"])
    out = capsys.readouterr().out
    assert code == 0 and "The record it changes never reached HQ" in out and "never_reached" not in out


def test_every_message_code_is_still_said_somewhere() -> None:
    """A template no code raises any more is dead weight in the catalogue: remove it with its code."""
    root = Path(missiondesk.__file__).parent
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in root.rglob("*.py") if p != root / "domain" / "messages.py"
    )
    used = set(re.findall(r"\bMessageCode\.([A-Z_0-9]+)\b", source))
    used |= {MessageCode(c.value).name for c in RefusalCode}  # said as refusals (domain/permissions)
    assert sorted(c.name for c in MessageCode if c.name not in used) == []
