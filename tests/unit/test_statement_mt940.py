"""MT940: structured :86: layouts, tolerant splitting, signs, code pages and clear errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger import StatementError
from ledger.importers import parse_statement


def mt940(body: str, opening: str = ":60F:C240301EUR100,00", closing: str = "") -> str:
    return f":20:STMT1\n:25:NL91ABNA0417164300\n:28C:1/1\n{opening}\n{body}{closing}\n-\n"


def test_it_reads_german_subfields_into_name_iban_and_text() -> None:
    body = (
        ":61:2403010301C50,00NTRFNONREF//BANKREF1\n"
        ":86:166?00GUTSCHR. UEBERWEISUNG?109310?20EREF+RE-2024-7?21SVWZ+Rechnung RE-2024-7 v\n"
        "om 1.3.?30COBADEFFXXX?31DE89370400440532013000?32Max Mustermann GmbH?33 Berlin\n"
    )
    (line,) = parse_statement(mt940(body).encode(), "s.sta").lines
    assert line.id == "BANKREF1"
    assert line.counterparty == "Max Mustermann GmbH Berlin"
    assert line.counterparty_iban == "DE89370400440532013000"
    assert line.text == "EREF+RE-2024-7 SVWZ+Rechnung RE-2024-7 vom 1.3."
    assert line.bank_code == "166"


def test_it_reads_dutch_keyed_details() -> None:
    body = (
        ":61:240301C12,50NTRFNONREF\n"
        ":86:/EREF/E1//CNTP/NL02ABNA0123456789/ABNANL2A/J. Janssen/AMSTERDAM//REMI/USTD//Factuur 2024-\n"
        "031/\n"
    )
    (line,) = parse_statement(mt940(body).encode(), "s.sta").lines
    assert (line.counterparty, line.counterparty_iban) == ("J. Janssen", "NL02ABNA0123456789")
    assert line.text == "Factuur 2024-031"


def test_it_builds_the_counterparty_iban_of_a_polish_account_from_subfields_30_and_31() -> None:
    body = ":61:2403010301C5,00NTRFNONREF//R1\n:86:020~00VE02~20FV/1~3010500086~311000002419284577~32JAN\n"
    text = f":20:X\n:25:/PL61109010140000071219812874\n:28C:1\n:60F:C240301PLN0,00\n{body}"
    (line,) = parse_statement(text.encode(), "s.sta").lines
    assert line.counterparty_iban == "PL70105000861000002419284577"
    assert line.account_iban == "PL61109010140000071219812874"


def test_it_decodes_a_cp852_file_with_polish_letters() -> None:
    body = ":61:2403010301C5,00NTRFNONREF//R1\n:86:020~00VE02~20Zapłata za żółć~32ŁUKASZ ŚĆIĄŃ\n"
    text = f":20:X\n:25:/PL61109010140000071219812874\n:28C:1\n:60F:C240301PLN0,00\n{body}"
    (line,) = parse_statement(text.encode("cp852"), "s.sta").lines
    assert line.text == "Zapłata za żółć"
    assert line.counterparty == "ŁUKASZ ŚĆIĄŃ"


def test_a_reversal_of_a_credit_is_a_debit_marked_as_reversal() -> None:
    body = ":61:2403010301RC20,00NTRFNONREF//R1\n:86:storno\n:61:2403010301RD5,00NTRFNONREF//R2\n"
    lines = parse_statement(mt940(body, closing="\n:62F:C240301EUR85,00").encode(), "s.sta").lines
    assert [(line.amount, line.is_reversal) for line in lines] == [
        (Decimal("-20.00"), True),
        (Decimal("5.00"), True),
    ]


def test_it_reads_amounts_with_a_decimal_point_that_mt940_would_cut_short() -> None:
    body = ":61:030109C000000000300.50NMSC170059286\n:86:Demo\n"
    (line,) = parse_statement(mt940(body).encode(), "s.sta").lines
    assert line.amount == Decimal("300.50")


def test_it_reads_a_counterparty_line_after_61_and_a_28c_on_two_lines() -> None:
    text = (
        "{1:F01SNSBNL2AXXXX0000000000}{2:O940SNSBNL2AXXXXN}{3:}{4:\n:20:0000000000\n:25:NL05SNSB0908244436\n"
        ":28C:0000\n0\n:60F:C171227EUR3026,96\n:61:1712271227D713,13NOVBNL49RABO0166416932\n"
        "gerrits glas en schilderwerk\n:86:Factuur 17227/248/20\n:62F:C171227EUR2313,83\n-}\n"
    )
    statement = parse_statement(text.encode(), "s.sta")
    (line,) = statement.lines
    assert (line.booked_on, line.amount, line.text) == (
        date(2017, 12, 27),
        Decimal("-713.13"),
        "Factuur 17227/248/20",
    )
    assert statement.warnings == ()


def test_it_takes_the_booking_date_from_the_entry_date_across_new_year() -> None:
    (line,) = parse_statement(mt940(":61:2312310102C1,00NTRFNONREF\n").encode(), "s.sta").lines
    assert (line.value_on, line.booked_on) == (date(2023, 12, 31), date(2024, 1, 2))


def test_identical_lines_without_a_bank_reference_get_distinct_stable_ids() -> None:
    body = ":61:2403010301C5,00NTRFNONREF//NONREF\n:86:same\n" * 2
    first = parse_statement(mt940(body).encode(), "s.sta")
    second = parse_statement(mt940(body).encode(), "s.sta")
    ids = [line.id for line in first.lines]
    assert len(set(ids)) == 2
    assert ids == [line.id for line in second.lines]


def test_an_unbalanced_statement_is_a_warning() -> None:
    statement = parse_statement(
        mt940(":61:240301C1,00NTRFNONREF\n", closing=":62F:C240301EUR500,00").encode(), "s.sta"
    )
    assert len(statement.lines) == 1
    assert any("does not balance" in w for w in statement.warnings)


def test_it_reports_a_broken_statement_line_with_its_line_number() -> None:
    with pytest.raises(StatementError) as caught:
        parse_statement(mt940(":61:24XX01C1,00NTRF\n").encode(), "s.sta")
    assert caught.value.location == "5"
    assert ":61:" in caught.value.message


def test_it_refuses_an_mt942_interim_report() -> None:
    text = ":20:X\n:25:PL29114010810000267002001002\n:28C:1/1\n:34F:PLN0\n:13D:1701191815+0100\n:61:1701190119CN0,01NTRF\n"
    with pytest.raises(StatementError, match="MT942"):
        parse_statement(text.encode(), "s.sta")


def test_it_refuses_transactions_without_a_currency() -> None:
    with pytest.raises(StatementError, match="no currency"):
        parse_statement(b":20:X\n:25:123\n:61:2403010301C5,00NTRFNONREF\n", "s.sta")


def test_it_finds_the_counterparty_account_in_polish_free_text_but_not_our_own() -> None:
    body = (
        ":61:1701190119CN0,01NTRFNONREF//MB1\n"
        ":86:911 TRANSAKCJA; Z RACH.: \n56114010810000267002001001; OD: JAN NOWAK; TYT.: FV/1; "
        "NA RACH.: PL29114010810000267002001002\n"
    )
    text = f":20:X\n:25:PL29114010810000267002001002\n:28C:1\n:60F:C170119PLN0,40\n{body}"
    (line,) = parse_statement(text.encode(), "s.sta").lines
    assert line.counterparty_iban == "PL56114010810000267002001001"
    assert "FV/1" in line.text


@pytest.mark.parametrize(
    "line61, line86",
    [
        (":61:2403010301D430,12NTRFNONREF//R1\n/OCMT/EUR100,00/\n", ":86:card payment\n"),
        (":61:2403010301D430,12NTRFNONREF//R1\n", ":86:/OCMT/EUR100,00//REMI/USTD//card payment/\n"),
    ],
)
def test_it_reports_the_original_amount_given_as_ocmt(line61: str, line86: str) -> None:
    text = f":20:X\n:25:PL61109010140000071219812874\n:28C:1\n:60F:C240301PLN0,00\n{line61}{line86}"
    (line,) = parse_statement(text.encode(), "s.sta").lines
    assert (line.amount, line.currency) == (Decimal("-430.12"), "PLN")
    assert (line.original_amount, line.original_currency) == (Decimal("-100.00"), "EUR")


@pytest.mark.parametrize(
    ("details", "reference"),
    [
        # banks fill the 27-character subfields and cut mid-reference; the parts are joined as written
        (":86:166?00GUTSCHR?20SVWZ+Rechnung RE-2024-00?21712 vom 1.3.?32Max Mustermann", "RE-2024-00712"),
        (":86:020~00VE02~20Zapłata za FV/2024/03/~21118, dziękujemy~32JAN KOWALSKI", "FV/2024/03/118"),
    ],
)
def test_a_reference_cut_across_subfields_is_joined_again(details: str, reference: str) -> None:
    body = f":61:2403010301C5,00NTRFNONREF//R1\n{details}\n"
    text = f":20:X\n:25:/PL61109010140000071219812874\n:28C:1\n:60F:C240301PLN0,00\n{body}"
    (line,) = parse_statement(text.encode("utf-8"), "s.sta").lines
    assert reference in line.text
