"""parse_statement's contract: importer discovery, format conflicts, JSON shape and the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger import StatementError
from ledger.importers import StatementImporter, load_importers, parse_statement, statement_line_to_json
from ledger.model import Statement, StatementLine

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
JSON_KEYS = [
    "id",
    "booked_on",
    "value_on",
    "amount",
    "currency",
    "original_amount",
    "original_currency",
    "counterparty",
    "counterparty_iban",
    "text",
    "account_iban",
]


class FakeImporter:
    def __init__(self, name: str, claims: bool, error: Exception | None = None) -> None:
        self.name = name
        self.claims = claims
        self.error = error

    def sniff(self, data: bytes, source: str) -> bool:
        return self.claims

    def parse(self, data: bytes, source: str) -> Statement:
        if self.error:
            raise self.error
        return Statement(source=source, format=self.name, lines=())


def test_the_built_in_importers_come_from_the_entry_point_group() -> None:
    importers = load_importers()
    assert [imp.name for imp in importers] == ["camt053", "csvbank", "mt940", "ofx"]
    assert all(isinstance(imp, StatementImporter) for imp in importers)


def test_a_file_claimed_by_two_importers_is_an_error() -> None:
    with pytest.raises(StatementError, match=r"several statement formats .*a, b"):
        parse_statement(b"x", "f", importers=[FakeImporter("a", True), FakeImporter("b", True)])


def test_a_file_nobody_claims_lists_the_known_formats() -> None:
    with pytest.raises(StatementError, match=r"known formats: a, b"):
        parse_statement(b"x", "f", importers=[FakeImporter("a", False), FakeImporter("b", False)])


def test_a_plugin_that_raises_a_bare_error_becomes_a_statement_error() -> None:
    with pytest.raises(StatementError, match="KeyError") as caught:
        parse_statement(b"x", "f", importers=[FakeImporter("a", True, KeyError("k"))])
    assert caught.value.source == "f"


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(StatementError, match="empty"):
        parse_statement(b"  \n", "f")


def test_a_line_is_shaped_as_the_read_statement_json() -> None:
    from datetime import date

    line = StatementLine(id="1", booked_on=date(2024, 1, 2), amount=Decimal("-1.50"), currency="EUR")
    shaped = statement_line_to_json(line)
    assert list(shaped) == JSON_KEYS
    assert shaped["amount"] == "-1.50" and shaped["value_on"] is None and shaped["counterparty"] is None


def test_read_statement_prints_one_json_object_for_all_files() -> None:
    from service import cli

    files = [str(DATA / "mt940" / "pl_subfields.sta"), str(DATA / "ofx" / "midnight_plus_one.ofx")]
    result = CliRunner().invoke(cli, ["read-statement", "--json", *files])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert list(payload) == ["transactions"]
    assert len(payload["transactions"]) == 4 + 3
    assert all(list(t) == JSON_KEYS for t in payload["transactions"])


def test_read_statement_prints_a_table_without_json() -> None:
    from service import cli

    result = CliRunner().invoke(cli, ["read-statement", str(DATA / "camt053" / "instdamt_eur_on_pln.xml")])
    assert result.exit_code == 0
    assert "Müller & Söhne GmbH" in result.stdout and "4 304.12" in result.stdout


def test_read_statement_reports_a_broken_file_in_one_line_and_exits_1(tmp_path: Path) -> None:
    from service import cli

    broken = tmp_path / "b.sta"
    broken.write_bytes(b":20:X\n:25:1\n:60F:C240301EUR1,00\n:61:24XX01C1,00NTRF\n")
    result = CliRunner().invoke(cli, ["read-statement", "--json", str(broken)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"tactful: {broken}:4: ")
    assert result.stderr.count("\n") == 1


# --- identity properties, across formats ------------------------------------------------

amounts = st.decimals(min_value=Decimal("-99999.99"), max_value=Decimal("99999.99"), places=2).filter(bool)
txn = st.tuples(st.integers(1, 28), amounts, st.sampled_from(["FV/1", "FV/2", "rent", "fee", ""]))


def as_mt940(rows: list[tuple[int, Decimal, str]]) -> bytes:
    body = "".join(
        f":61:2403{day:02d}{'D' if a < 0 else 'C'}{str(abs(a)).replace('.', ',')}NTRFNONREF\n:86:{text}\n"
        for day, a, text in rows
    )
    return f":20:S\n:25:NL91ABNA0417164300\n:28C:1\n:60F:C240301EUR0,00\n{body}-\n".encode()


def as_camt(rows: list[tuple[int, Decimal, str]]) -> bytes:
    entries = "".join(
        f'<Ntry><Amt Ccy="EUR">{abs(a)}</Amt><CdtDbtInd>{"DBIT" if a < 0 else "CRDT"}</CdtDbtInd>'
        f"<BookgDt><Dt>2024-03-{day:02d}</Dt></BookgDt><NtryDtls><TxDtls><RmtInf><Ustrd>{text}</Ustrd>"
        "</RmtInf></TxDtls></NtryDtls></Ntry>"
        for day, a, text in rows
    )
    return (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>'
        f"<Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>{entries}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def as_csv(rows: list[tuple[int, Decimal, str]]) -> bytes:
    return (
        "Date;Amount;Currency;Description\n"
        + "".join(f"2024-03-{day:02d};{a};EUR;{text}\n" for day, a, text in rows)
    ).encode()


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(txn, min_size=1, max_size=12), render=st.sampled_from([as_mt940, as_camt, as_csv]))
def test_importing_the_same_bytes_twice_gives_the_same_unique_ids(rows, render) -> None:  # type: ignore[no-untyped-def]
    data = render(rows)
    first = parse_statement(data, "s")
    second = parse_statement(data, "s")
    ids = [line.id for line in first.lines]
    assert ids == [line.id for line in second.lines]
    assert len(set(ids)) == len(ids) == len(rows)
    assert [line.amount for line in first.lines] == [a for _, a, _ in rows]


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(txn, min_size=2, max_size=12, unique=True), cut=st.integers(1, 11))
def test_overlapping_statements_give_the_same_id_to_the_same_transaction(rows, cut) -> None:  # type: ignore[no-untyped-def]
    cut = min(cut, len(rows) - 1)
    whole = parse_statement(as_camt(rows), "a.xml").lines
    tail = parse_statement(as_camt(rows[cut:]), "b.xml").lines
    assert [line.id for line in whole[cut:]] == [line.id for line in tail]
