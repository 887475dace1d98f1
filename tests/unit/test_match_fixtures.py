"""The matcher on real third-party bank statements (read in place from ../shared/fixtures)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import StatementError
from ledger.match import match_payments
from ledger.model import Invoice, Statement

FIXTURES = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "statements"
MANIFEST = FIXTURES / "manifest.json"


def _entries() -> list[str]:
    if not MANIFEST.exists():
        return []
    return [entry["path"] for entry in json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]]


def _parse(path: str) -> Statement:
    from ledger.importers import parse_statement

    try:
        return parse_statement((FIXTURES / path).read_bytes(), path)
    except StatementError as exc:
        pytest.skip(f"the statement importer refuses this file: {exc}")


pytestmark = pytest.mark.skipif(
    not MANIFEST.exists(), reason=f"third-party fixtures not found at {FIXTURES}; see /work/shared/fixtures"
)


@pytest.mark.parametrize("path", _entries())
def test_nothing_matches_when_there_are_no_invoices(path: str) -> None:
    statement = _parse(path)
    result = match_payments([], statement.lines)
    assert result.matches == ()
    credits = {line.id for line in statement.lines if line.is_credit}
    assert set(result.unmatched) <= credits


@pytest.mark.parametrize("path", _entries())
def test_an_invoice_quoted_by_a_real_credit_is_found_and_never_overpaid(path: str) -> None:
    statement = _parse(path)
    credits = [line for line in statement.lines if line.is_credit and line.amount < Decimal("1e9")]
    if not credits:
        pytest.skip("no credits in this statement")
    line = credits[0]
    # Our books: one invoice per credit, numbered so that the first credit quotes it.
    invoices = [
        Invoice(
            number=f"FV/2031/07/{k + 1:04d}",
            customer_id=f"C{k}",
            issued_on=c.booked_on - timedelta(days=30),
            due_on=c.booked_on,
            total=c.amount * 3 + Decimal("0.01") * (k + 1),  # no amount coincides with a payment
            currency=c.currency,
        )
        for k, c in enumerate(credits)
    ]
    quoting = type(line)(
        **{**{f: getattr(line, f) for f in line.__dataclass_fields__}, "text": f"{line.text} FV/2031/07/0001"}
    )
    lines = [quoting if other is line else other for other in statement.lines]
    result = match_payments(invoices, lines)
    if any(note.startswith("not matched:") for note in result.notes_for(line.id)):
        pytest.skip(f"the bank marks {line.id} as not a customer payment ({line.bank_code})")
    first = [m for m in result.matches if m.transaction_id == line.id]
    assert [(m.invoice_number, m.amount) for m in first] == [("FV/2031/07/0001", line.amount)]
    assert first[0].is_auto  # a partial payment quoting the exact reference
    by_number = {inv.number: inv for inv in invoices}
    for m in result.matches:
        assert m.amount <= by_number[m.invoice_number].open_amount
