"""Every real third-party statement in /work/shared/fixtures/statements against its manifest.

The files are read in place (their licences forbid copying them into the repo).
Where the reference parser was right, we must give the same transaction count and
sums; where it failed or went silent, we must either read every raw entry or
refuse the file with one clear line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import StatementError
from ledger.importers import parse_statement
from ledger.model import Statement

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "statements"
MANIFEST = FIXTURES / "manifest.json"

# Files the reference parser "read" but that tactful refuses on purpose; a wrong
# automatic import is worse than none.
REFUSED_ON_PURPOSE = {
    "mt940/mt940__mBank_mt942.sta": "an MT942 interim report, not a final MT940 statement",
    "mt940/mt940__self-provided_invalid_statement.sta": "lines '1'..'10', not MT940 at all",
    "mt940/mt940__self-provided_sparkassen.sta": "a fragment with no balance, so no currency",
}


def _entries() -> list[object]:
    if not MANIFEST.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"shared fixtures not found at {FIXTURES}"))]
    files = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return [pytest.param(entry, id=entry["path"]) for entry in files]


def _entry_sums(statement: Statement) -> tuple[int, Decimal, Decimal]:
    """Count and sums per bank entry: a CAMT batch split into TxDtls lines counts once."""
    entries: dict[str, Decimal] = {}
    for line in statement.lines:
        key = dict(line.extra).get("camt_entry", line.id)
        entries[key] = entries.get(key, Decimal(0)) + line.amount
    credits = sum((a for a in entries.values() if a > 0), Decimal(0))
    debits = sum((a for a in entries.values() if a < 0), Decimal(0))
    return len(entries), credits, debits


def _assert_refused_clearly(path: str, data: bytes) -> StatementError:
    with pytest.raises(StatementError) as caught:
        parse_statement(data, path)
    message = str(caught.value)
    assert message.startswith(path)
    assert "\n" not in message
    assert caught.value.message
    return caught.value


@pytest.mark.parametrize("entry", _entries())
def test_it_imports_each_real_statement_as_the_manifest_says(entry: dict[str, object]) -> None:
    path = str(entry["path"])
    data = (FIXTURES / path).read_bytes()
    if path in REFUSED_ON_PURPOSE:
        _assert_refused_clearly(path, data)
        return
    if entry["reference_parser_ok"]:
        statement = parse_statement(data, path)
        count, credits, debits = _entry_sums(statement)
        assert count == entry["transactions"]
        if (credits, debits) != (Decimal(str(entry["credits"])), Decimal(str(entry["debits"]))):
            # mt-940 gives an RC (reversal of a credit) a positive sign by default; we book it as
            # the debit it is, and then every statement in the file balances.
            assert any(line.is_reversal for line in statement.lines)
            assert not [w for w in statement.warnings if "does not balance" in w]
            assert credits - Decimal(str(entry["credits"])) == debits - Decimal(str(entry["debits"]))
        return
    try:
        statement = parse_statement(data, path)
    except StatementError:
        _assert_refused_clearly(path, data)
        return
    count, _, _ = _entry_sums(statement)
    assert count == entry["raw_entry_markers"]
    assert all(len(line.currency) == 3 and line.currency.isalpha() for line in statement.lines)


@pytest.mark.parametrize("entry", _entries())
def test_it_gives_unique_ids_that_survive_a_second_parse(entry: dict[str, object]) -> None:
    path = str(entry["path"])
    data = (FIXTURES / path).read_bytes()
    try:
        first = parse_statement(data, path)
    except StatementError:
        return
    second = parse_statement(data, path)
    ids = [line.id for line in first.lines]
    assert ids == [line.id for line in second.lines]
    assert len(set(ids)) == len(ids)
    assert all(ids)


def test_it_names_the_other_iso_message_types_when_refusing_them() -> None:
    if not MANIFEST.is_file():
        pytest.skip(f"shared fixtures not found at {FIXTURES}")
    camt052 = _assert_refused_clearly(
        "camt053/ofxstatement-iso20022__camt052.xml",
        (FIXTURES / "camt053/ofxstatement-iso20022__camt052.xml").read_bytes(),
    )
    camt054 = _assert_refused_clearly(
        "camt053/camt_parser__054_valid_example.xml",
        (FIXTURES / "camt053/camt_parser__054_valid_example.xml").read_bytes(),
    )
    assert "camt.052" in camt052.message
    assert "camt.054" in camt054.message
    assert "not a camt.053 statement" in camt054.message
