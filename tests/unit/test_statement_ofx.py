"""OFX: decoding, raw dates, chunked ofxparse, and clear errors for broken files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger import StatementError
from ledger.importers import parse_statement
from ledger.importers.ofx import parse_ofx

SGML_HEADER = (
    "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:{charset}\n"
    "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
)


def stmttrn(
    fitid: str, amount: str, posted: str = "20240304120000", name: str = "Payee", memo: str = ""
) -> str:
    memo_tag = f"<MEMO>{memo}\n" if memo else ""
    return (
        f"<STMTTRN>\n<TRNTYPE>OTHER\n<DTPOSTED>{posted}\n<TRNAMT>{amount}\n<FITID>{fitid}\n"
        f"<NAME>{name}\n{memo_tag}</STMTTRN>\n"
    )


def sgml(transactions: str, currency: str = "PLN", account: str = "PL61109010140000071219812874") -> str:
    return (
        "<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n"
        "<DTSERVER>20240305\n<LANGUAGE>POL\n</SONRS>\n</SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n"
        "<TRNUID>1\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n"
        f"<CURDEF>{currency}\n<BANKACCTFROM>\n<BANKID>1\n<ACCTID>{account}\n<ACCTTYPE>CHECKING\n"
        "</BANKACCTFROM>\n<BANKTRANLIST>\n<DTSTART>20240301\n<DTEND>20240305\n"
        f"{transactions}</BANKTRANLIST>\n<LEDGERBAL>\n<BALAMT>0\n<DTASOF>20240305\n</LEDGERBAL>\n"
        "</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n"
    )


def test_it_takes_the_booking_date_from_the_raw_text_not_shifted_to_utc() -> None:
    data = (
        SGML_HEADER.format(charset="1252") + sgml(stmttrn("1", "10.00", "20240101000000[+1:CET]"))
    ).encode()
    (line,) = parse_statement(data, "x.ofx").lines
    assert line.booked_on == date(2024, 1, 1)


@pytest.mark.parametrize(
    "charset, codec", [("1250", "cp1250"), ("ISO-8859-2", "iso-8859-2"), ("NONE", "utf-8")]
)
def test_it_decodes_the_declared_charset(charset: str, codec: str) -> None:
    body = sgml(stmttrn("1", "10.00", name="Zakład Łódź", memo="źdźbło żółć"))
    data = (SGML_HEADER.format(charset=charset) + body).encode(codec)
    (line,) = parse_statement(data, "x.ofx").lines
    assert line.counterparty == "Zakład Łódź"
    assert line.text == "źdźbło żółć"


def test_it_reads_a_one_line_header_and_junk_before_the_ofx_element() -> None:
    header = "garbage line\nOFXHEADER:100 DATA:OFXSGML VERSION:102 CHARSET:1252 ENCODING:USASCII\n\n"
    data = (header + sgml(stmttrn("1", "-5.50"))).encode("cp1252")
    (line,) = parse_statement(data, "x.ofx").lines
    assert line.amount == Decimal("-5.50")
    assert line.account_iban == "PL61109010140000071219812874"


def test_it_reads_a_header_less_utf8_xml_file() -> None:
    data = sgml(stmttrn("1", "1.00", name="Café Müller")).encode("utf-8")
    (line,) = parse_statement(data, "x.ofx").lines
    assert line.counterparty == "Café Müller"


def test_chunked_parsing_gives_the_same_lines_as_one_pass() -> None:
    txns = "".join(stmttrn(str(i), f"{i}.{i % 100:02d}", f"202403{1 + i % 28:02d}") for i in range(1, 60))
    data = (SGML_HEADER.format(charset="1252") + sgml(txns)).encode()
    whole = parse_ofx(data, "x.ofx", chunk=1000)
    chunked = parse_ofx(data, "x.ofx", chunk=7)
    assert chunked.lines == whole.lines
    assert len(whole.lines) == 59


def test_it_keeps_two_transactions_with_the_same_fitid_apart_and_warns() -> None:
    data = sgml(stmttrn("A1", "10.00", memo="first") + stmttrn("A1", "10.00", memo="second")).encode()
    statement = parse_statement(data, "x.ofx")
    assert [line.id for line in statement.lines] == ["A1", "A1#2"]
    assert any("'A1'" in warning for warning in statement.warnings)


def test_it_reports_a_transaction_without_an_amount_with_line_and_tag() -> None:
    broken = "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20240304\n<FITID>X9\n</STMTTRN>\n"
    data = sgml(stmttrn("1", "1.00") + broken).encode()
    with pytest.raises(StatementError) as caught:
        parse_statement(data, "bank.ofx")
    assert caught.value.source == "bank.ofx"
    assert caught.value.location.isdigit()
    assert "<TRNAMT>" in caught.value.message and "X9" in caught.value.message


@pytest.mark.parametrize("amount", ["$120", "12,34,56", "abc"])
def test_it_refuses_an_amount_that_is_not_a_number(amount: str) -> None:
    with pytest.raises(StatementError, match="is not an amount"):
        parse_statement(sgml(stmttrn("1", amount)).encode(), "x.ofx")


def test_it_reports_garbage_inside_the_ofx_element_as_a_statement_error() -> None:
    data = b"<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<DKJHASDSTATUS>\n</dSTATUS>\n</OFX>\n"
    with pytest.raises(StatementError) as caught:
        parse_statement(data, "x.ofx")
    assert "\n" not in str(caught.value)


def test_it_refuses_a_file_with_nul_bytes() -> None:
    with pytest.raises(StatementError, match="NUL"):
        parse_statement(b"<OFX>\x00<STMTTRN>", "x.ofx")


def test_it_reports_the_original_amount_of_a_converted_payment() -> None:
    txn = (
        "<STMTTRN>\n<TRNTYPE>DEBIT\n<DTPOSTED>20240304\n<TRNAMT>-43.00\n<FITID>F1\n<NAME>Shop\n"
        "<ORIGCURRENCY>\n<CURRATE>4.30\n<CURSYM>EUR\n</ORIGCURRENCY>\n</STMTTRN>\n"
    )
    (line,) = parse_statement(sgml(txn).encode(), "x.ofx").lines
    assert (line.amount, line.currency) == (Decimal("-43.00"), "PLN")
    assert (line.original_amount, line.original_currency) == (Decimal("-10.00"), "EUR")


def test_a_minus_zero_amount_is_zero_not_a_debit() -> None:
    (line,) = parse_statement(sgml(stmttrn("1", "-0")).encode(), "x.ofx").lines
    assert line.amount == 0 and not line.amount.is_signed()


def test_it_refuses_a_currency_that_is_not_three_letters() -> None:
    data = (SGML_HEADER.format(charset="1252") + sgml(stmttrn("1", "10.00"), currency=">PLN")).encode()
    with pytest.raises(StatementError, match="'>PLN' is not a three-letter ISO 4217 code"):
        parse_statement(data, "x.ofx")


def test_the_line_breaks_between_transactions_do_not_change_what_is_read() -> None:
    spaced = "".join(stmttrn(str(k), f"{k}.00", memo=f"m{k}") for k in range(1, 6))
    tight = spaced.replace(">\n<", "><")
    loose = spaced.replace("</STMTTRN>\n", "</STMTTRN>\n \r\n\t").replace("<STMTTRN>\n", "<STMTTRN>\n\n  ")
    results = [
        parse_ofx((SGML_HEADER.format(charset="1252") + sgml(body)).encode(), "x.ofx", chunk=2).lines
        for body in (spaced, tight, loose)
    ]
    assert results[0] == results[1] == results[2]
    assert [line.id for line in results[0]] == ["1", "2", "3", "4", "5"]
