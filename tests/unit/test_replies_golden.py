"""Hand-written replies in tests/data/replies/*.eml, each next to the result it must give.

Only the keys present in ``<name>.eml.expected.json`` are checked; ``received_on`` there
stands in for a missing Date header.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mailer.inbound import read_message
from rules.replies import classify_reply, load_phrasebook

DATA = Path(__file__).resolve().parents[1] / "data" / "replies"
CASES = sorted(DATA.glob("*.eml"))
PHRASES = load_phrasebook()


def _received_on(message, expected: dict) -> date:
    if message.date_at is not None:
        return message.date_at.astimezone(ZoneInfo("Europe/Warsaw")).date()
    return date.fromisoformat(expected["received_on"])


def test_there_are_enough_golden_replies():
    assert len(CASES) >= 30


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_reply_gives_its_expected_result(path: Path):
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    message = read_message(path.read_bytes())
    result = classify_reply(message, PHRASES, _received_on(message, expected))

    assert result.intent == expected["intent"], (message.text, result.evidence)
    if "promised_on" in expected:
        assert (result.promised_on.isoformat() if result.promised_on else None) == expected["promised_on"]
    if "promised_amount" in expected:
        assert str(result.promised_amount) == expected["promised_amount"]
    if "return_on" in expected:
        assert (result.return_on.isoformat() if result.return_on else None) == expected["return_on"]
    if "language" in expected:
        assert result.language == expected["language"]
    for fragment in expected.get("text_contains", []):
        assert fragment in message.text
    for fragment in expected.get("text_excludes", []):
        assert fragment not in message.text, f"quoted or signature text {fragment!r} leaked into the reply"
    if "is_auto_reply" in expected:
        assert message.is_auto_reply is expected["is_auto_reply"]
    if "from_address" in expected:
        assert message.from_address == expected["from_address"]
    if "from_name" in expected:
        assert message.from_name == expected["from_name"]
    if "attachments" in expected:
        assert [a.filename for a in message.attachments] == expected["attachments"]
    if expected.get("has_problem"):
        assert message.problems
    if "disputed_invoices" in expected:
        assert list(result.disputed_invoices) == expected["disputed_invoices"]
    if "bounce_recipients" in expected:
        assert message.bounce is not None
        assert list(message.bounce.recipients) == expected["bounce_recipients"]
    if "bounce_permanent" in expected:
        assert message.bounce is not None and message.bounce.is_permanent is expected["bounce_permanent"]
    if "bounce_status" in expected:
        assert message.bounce is not None and message.bounce.status == expected["bounce_status"]
    if result.evidence and result.intent not in ("bounce", "out_of_office"):
        assert result.evidence in " ".join(message.text.split())
