"""CAMT.053: versions, batches, reversals, foreign amounts, and refusing what is not a statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger import StatementError
from ledger.importers import parse_statement


def entry(
    amount: str = "10.00",
    indicator: str = "CRDT",
    *,
    ccy: str = "EUR",
    ref: str = "",
    txdtls: str = "",
    extra: str = "",
    booked: str = "<Dt>2024-04-01</Dt>",
) -> str:
    ref_tag = f"<AcctSvcrRef>{ref}</AcctSvcrRef>" if ref else ""
    details = f"<NtryDtls>{txdtls}</NtryDtls>" if txdtls else ""
    return (
        f'<Ntry><Amt Ccy="{ccy}">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{extra}<Sts>BOOK</Sts>'
        f"<BookgDt>{booked}</BookgDt>{ref_tag}{details}</Ntry>"
    )


def camt(entries: str, version: str = "02", balances: str = "", iban: str = "NL91ABNA0417164300") -> bytes:
    return (
        f'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}">'
        f"<BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S1</Id>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id></Acct>{balances}{entries}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def balance(code: str, amount: str) -> str:
    return (
        f'<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{amount}</Amt>'
        "<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-04-01</Dt></Dt></Bal>"
    )


@pytest.mark.parametrize("version", ["02", "04", "08", "10", "13"])
def test_it_reads_every_camt053_version_alike(version: str) -> None:
    (line,) = parse_statement(camt(entry("12.30", "DBIT", ref="R1"), version), "s.xml").lines
    assert (line.id, line.amount, line.currency, line.booked_on) == (
        "R1",
        Decimal("-12.30"),
        "EUR",
        date(2024, 4, 1),
    )
    assert line.account_iban == "NL91ABNA0417164300"


def test_it_takes_the_date_part_of_a_booking_datetime_as_written() -> None:
    data = camt(entry(booked="<DtTm>2024-04-01T00:30:00+02:00</DtTm>"))
    assert parse_statement(data, "s.xml").lines[0].booked_on == date(2024, 4, 1)


def test_it_splits_a_batch_into_one_line_per_txdtls_with_its_own_amount() -> None:
    tx = (
        "<TxDtls><Amt Ccy='EUR'>4.00</Amt><RltdPties><Dbtr><Nm>A</Nm></Dbtr></RltdPties></TxDtls>"
        "<TxDtls><Amt Ccy='EUR'>6.00</Amt><RltdPties><Dbtr><Nm>B</Nm></Dbtr></RltdPties>"
        "<RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"
    )
    lines = parse_statement(camt(entry("10.00", ref="B", txdtls=tx)), "s.xml").lines
    assert [(line.id, line.amount, line.counterparty) for line in lines] == [
        ("B/1", Decimal("4.00"), "A"),
        ("B/2", Decimal("6.00"), "B"),
    ]
    assert lines[1].reference == "RF18539007547034"


def test_it_keeps_a_batch_whole_and_warns_when_its_parts_do_not_add_up() -> None:
    tx = "<TxDtls><Amt Ccy='EUR'>4.00</Amt></TxDtls><TxDtls><Amt Ccy='EUR'>5.00</Amt></TxDtls>"
    statement = parse_statement(camt(entry("10.00", ref="B", txdtls=tx)), "s.xml")
    assert [(line.id, line.amount) for line in statement.lines] == [("B", Decimal("10.00"))]
    assert any("batch entry of 2" in w for w in statement.warnings)


def test_a_reversal_keeps_the_sign_the_bank_booked() -> None:
    (line,) = parse_statement(camt(entry("5.00", "DBIT", extra="<RvslInd>true</RvslInd>")), "s.xml").lines
    assert line.is_reversal and line.amount == Decimal("-5.00") and not line.is_credit


def test_it_reports_the_instructed_amount_in_another_currency() -> None:
    tx = (
        "<TxDtls><AmtDtls><InstdAmt><Amt Ccy='EUR'>100.00</Amt></InstdAmt></AmtDtls>"
        "<RmtInf><Ustrd>FV/1</Ustrd><Ustrd>part 2</Ustrd></RmtInf></TxDtls>"
    )
    (line,) = parse_statement(camt(entry("430.12", ccy="PLN", txdtls=tx)), "s.xml").lines
    assert (line.original_amount, line.original_currency) == (Decimal("100.00"), "EUR")
    assert line.text == "FV/1 part 2"


def test_an_unbalanced_statement_is_a_warning_not_an_error() -> None:
    data = camt(entry("10.00"), balances=balance("OPBD", "100.00") + balance("CLBD", "111.00"))
    statement = parse_statement(data, "s.xml")
    assert len(statement.lines) == 1
    assert any("does not balance" in w for w in statement.warnings)


def test_a_balanced_statement_has_no_warning() -> None:
    data = camt(entry("11.00"), balances=balance("OPBD", "100.00") + balance("CLBD", "111.00"))
    assert parse_statement(data, "s.xml").warnings == ()


def test_it_reads_several_statements_in_one_file() -> None:
    one = "<Stmt><Id>1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>{}</Stmt>"
    data = (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt>'
        + one.format(entry("1.00", ref="a"))
        + one.format(entry("2.00", ref="b"))
        + "</BkToCstmrStmt></Document>"
    ).encode()
    assert [line.id for line in parse_statement(data, "s.xml").lines] == ["a", "b"]


def test_it_names_the_xml_path_of_a_broken_entry() -> None:
    data = camt(entry("1.00") + entry("2.00", "SIDEWAYS"))
    with pytest.raises(StatementError) as caught:
        parse_statement(data, "s.xml")
    assert caught.value.location == "Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/CdtDbtInd"


def test_it_refuses_an_amount_that_is_not_a_number() -> None:
    with pytest.raises(StatementError, match="'1,5' is not a number"):
        parse_statement(camt(entry("1,5")), "s.xml")


@pytest.mark.parametrize(
    "root, expected",
    [("BkToCstmrAcctRpt", "camt.052"), ("BkToCstmrDbtCdtNtfctn", "camt.054")],
)
def test_it_refuses_other_iso_messages_by_name(root: str, expected: str) -> None:
    data = f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:{expected}.001.02"><{root}/></Document>'.encode()
    with pytest.raises(StatementError, match=expected.replace(".", r"\.")):
        parse_statement(data, "n.xml")


def test_it_refuses_a_document_type_declaration() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>'
    )
    with pytest.raises(StatementError, match="DTD"):
        parse_statement(data, "s.xml")


def test_a_truncated_file_is_reported_with_its_line() -> None:
    data = camt(entry("1.00"))[:-40]
    with pytest.raises(StatementError) as caught:
        parse_statement(data, "s.xml")
    assert caught.value.location.isdigit()
    assert "truncated" in caught.value.message


def test_it_leaves_out_pending_entries_and_says_so() -> None:
    pending = entry("7.00", ref="P").replace("<Sts>BOOK</Sts>", "<Sts><Cd>PDNG</Cd></Sts>")
    statement = parse_statement(camt(entry("1.00", ref="B") + pending), "s.xml")
    assert [line.id for line in statement.lines] == ["B"]
    assert any("not yet booked" in w for w in statement.warnings)


def test_repeated_elements_are_read_first_in_document_order_as_before() -> None:
    # Namesakes the schema does not allow but files have: the first element on each path wins,
    # even when it sits under the second of two same-named parents.
    tx = (
        "<TxDtls><Refs><EndToEndId>E1</EndToEndId></Refs>"
        "<RltdPties><Dbtr/></RltdPties>"
        "<RltdPties><Dbtr><Pty/><Pty><Nm>Second Pty</Nm></Pty></Dbtr>"
        "<DbtrAcct/><DbtrAcct><Id><IBAN>de89 3704 0044 0532 0130 00</IBAN></Id></DbtrAcct></RltdPties>"
        "<RmtInf/><RmtInf><Ustrd> a </Ustrd><Strd/><Strd><CdtrRefInf><Ref>RF1</Ref></CdtrRefInf></Strd>"
        "</RmtInf><RmtInf><Ustrd>b</Ustrd></RmtInf></TxDtls>"
    )
    ntry = (
        '<Ntry><Amt Ccy="EUR">4.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
        "<Sts><Prtry>x</Prtry></Sts><Sts><Cd>BOOK</Cd></Sts>"
        "<BookgDt><DtTm>2024-04-01T10:00:00</DtTm></BookgDt><BookgDt><Dt>2024-04-02</Dt></BookgDt>"
        "<BkTxCd><Prtry><Cd>P1</Cd></Prtry></BkTxCd><BkTxCd><Domn><Cd>PMNT</Cd>"
        "<Fmly><SubFmlyCd>S</SubFmlyCd></Fmly><Fmly><Cd>F</Cd></Fmly></Domn></BkTxCd>"
        f"<NtryDtls/><NtryDtls>{tx}</NtryDtls></Ntry>"
    )
    (line,) = parse_statement(camt(ntry), "s.xml").lines
    assert (line.booked_on, line.bank_code) == (date(2024, 4, 2), "PMNT-F-S")
    assert (line.counterparty, line.counterparty_iban) == ("Second Pty", "DE89370400440532013000")
    assert (line.text, line.reference) == ("a b", "RF1")
    assert ("end_to_end_id", "E1") in line.extra


def test_a_damaged_currency_code_is_an_error_at_its_attribute() -> None:
    with pytest.raises(StatementError, match="'>EUR' is not a three-letter ISO 4217 code") as caught:
        parse_statement(camt(entry(ccy=">EUR")), "s.xml")
    assert caught.value.location == "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt/@Ccy"
