from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "invoices"

CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>T-1</MsgId><CreDtTm>2026-11-20T12:00:00</CreDtTm></GrpHdr>
<Stmt><Id>T-1</Id><CreDtTm>2026-11-20T12:00:00</CreDtTm>
<Acct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id><Ccy>GBP</Ccy></Acct>
{entries}
</Stmt></BkToCstmrStmt></Document>
"""

ENTRY = """<Ntry><Amt Ccy="{ccy}">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-{day}</Dt></BookgDt><AcctSvcrRef>{id}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"""


def camt(*entries: dict[str, str]) -> str:
    return CAMT.format(entries="\n".join(ENTRY.format(**e) for e in entries))


def write_statement(tmp_path: Path) -> Path:
    path = tmp_path / "statement.xml"
    path.write_text(
        camt(
            {
                "ccy": "GBP",
                "amount": "1234.56",
                "ind": "CRDT",
                "day": "10",
                "id": "BANK-1",
                "payer": "NORTHWIND TRADERS LIMITED",
                "text": "Payment inv 410",
            },
            {
                "ccy": "GBP",
                "amount": "5000.00",
                "ind": "CRDT",
                "day": "11",
                "id": "BANK-2",
                "payer": "Northwind Traders Ltd",
                "text": "INV-2026-0411 part",
            },
            {
                "ccy": "GBP",
                "amount": "12.00",
                "ind": "DBIT",
                "day": "12",
                "id": "BANK-3",
                "payer": "Bank",
                "text": "Fee",
            },
            {
                "ccy": "GBP",
                "amount": "77.00",
                "ind": "CRDT",
                "day": "13",
                "id": "BANK-4",
                "payer": "Someone",
                "text": "thanks",
            },
        ),
        encoding="utf-8",
    )
    return path


def test_match_prints_one_json_object_with_matches_and_unmatched(tmp_path: Path) -> None:
    statement = write_statement(tmp_path)
    result = CliRunner().invoke(
        cli,
        [
            "match",
            "--invoices",
            str(EXAMPLES / "english.csv"),
            "--mapping",
            str(EXAMPLES / "english.toml"),
            "--statement",
            str(statement),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert set(doc) == {"matches", "unmatched"}
    pairs = [(m["transaction"], m["invoice"], m["amount"], m["auto"]) for m in doc["matches"]]
    assert pairs == [
        ("BANK-1", "INV-2026-0410", "1234.56", True),
        ("BANK-2", "INV-2026-0411", "5000.00", True),
    ]
    assert set(doc["matches"][0]) == {"transaction", "invoice", "amount", "auto", "confidence", "reason"}
    assert 0.9 <= doc["matches"][0]["confidence"] <= 1
    assert doc["unmatched"] == ["BANK-4"]


def test_an_invoice_paid_column_counts_as_already_settled(tmp_path: Path) -> None:
    invoices = tmp_path / "books.csv"
    invoices.write_text(
        "number,customer_id,customer_name,customer_vat_id,customer_iban,email,language,issue_date,due_date,total,currency,paid\n"
        "INV-2026-0410,C1,Northwind Traders Ltd,,,a@n.example,en,2026-10-01,2026-10-31,1234.56,GBP,1234.56\n"
        "INV-2026-0411,C1,Northwind Traders Ltd,,,a@n.example,en,2026-10-01,2026-10-31,12000.00,GBP,8000.00\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["match", "--invoices", str(invoices), "--statement", str(write_statement(tmp_path)), "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    # 4000.00 was still open on INV-2026-0411: the rest of the 5000.00 is a credit, not a match.
    assert [(m["invoice"], m["amount"]) for m in doc["matches"]] == [("INV-2026-0411", "4000.00")]
    assert "BANK-1" in doc["unmatched"]


def test_match_without_json_prints_a_readable_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "match",
            "--invoices",
            str(EXAMPLES / "english.csv"),
            "--mapping",
            str(EXAMPLES / "english.toml"),
            "--statement",
            str(write_statement(tmp_path)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2 automatic matches" in result.output
    assert "BANK-1 -> INV-2026-0410" in result.output


def test_a_bad_invoice_export_is_one_line_with_file_and_row(tmp_path: Path) -> None:
    invoices = tmp_path / "books.csv"
    invoices.write_text(
        "number,customer_id,issue_date,due_date,total,currency\nA-1,C1,2026-01-01,31.02.2026,10.00,EUR\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["match", "--invoices", str(invoices), "--statement", str(write_statement(tmp_path)), "--json"]
    )
    assert result.exit_code == 1
    message = result.stderr if hasattr(result, "stderr") else result.output
    assert message.strip().splitlines() == [
        f"tactful: {invoices}:2: row 2, column 'due_date': '31.02.2026' is not a date in format %Y-%m-%d; "
        "fix the export or set date_formats"
    ]


def test_an_unknown_mapping_key_is_reported_with_the_file(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text('[import.invoices]\ndelimeter = ";"\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "match",
            "--invoices",
            str(EXAMPLES / "english.csv"),
            "--mapping",
            str(mapping),
            "--statement",
            "x.xml",
        ],
    )
    assert result.exit_code == 1
    assert "delimeter" in result.output


def test_a_credit_note_in_the_export_reduces_its_invoice_before_matching(tmp_path: Path) -> None:
    statement = tmp_path / "pl.xml"
    statement.write_text(
        camt(
            {
                "ccy": "PLN",
                "amount": "12000.00",
                "ind": "CRDT",
                "day": "20",
                "id": "PL-1",
                "payer": "PH LODZ SP Z O O",
                "text": "Faktura FV/2026/10/0101",
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        [
            "match",
            "--invoices",
            str(EXAMPLES / "polish.csv"),
            "--mapping",
            str(EXAMPLES / "polish.toml"),
            "--statement",
            str(statement),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (match,) = json.loads(result.stdout)["matches"]
    assert (match["invoice"], match["amount"], match["auto"]) == ("FV/2026/10/0101", "12000.00", True)
    assert "amount equal" in match["reason"]
