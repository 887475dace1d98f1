"""Bank CSV: configured mappings, recognised headers, number and date formats, clear errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledger import StatementError
from ledger.importers import BankCsvMapping, parse_statement
from ledger.importers.csvbank import mapping_from_config, parse_bank_csv


def test_it_reads_separate_credit_and_debit_columns() -> None:
    data = b"Date;In;Out;Info\n2024-03-01;12 345,67;;inv 1\n2024-03-02;;1.200,00;fee\n"
    mapping = BankCsvMapping(
        date_column="Date", credit_column="In", debit_column="Out", text_columns=("Info",), currency="PLN"
    )
    lines = parse_bank_csv(data, "b.csv", mapping).lines
    assert [line.amount for line in lines] == [Decimal("12345.67"), Decimal("-1200.00")]


def test_it_reads_columns_by_position_without_a_header() -> None:
    mapping = BankCsvMapping(
        date_column=0,
        amount_column=2,
        text_columns=(1,),
        currency="EUR",
        has_header=False,
        delimiter=",",
        decimal_comma=False,
        date_formats=("%d/%m/%Y",),
    )
    (line,) = parse_bank_csv(b'31/01/2024,"Invoice 7, part","-1,234.50"\n', "b.csv", mapping).lines
    assert (line.booked_on, line.amount, line.text) == (
        date(2024, 1, 31),
        Decimal("-1234.50"),
        "Invoice 7, part",
    )


def test_it_recognises_a_polish_header_without_a_mapping() -> None:
    data = "Data operacji;Opis operacji;Kwota;Waluta\n05.03.2024;Przelew FV/1;-10,50;PLN\n".encode("cp1250")
    statement = parse_statement(data, "b.csv")
    assert statement.format == "csvbank"
    (line,) = statement.lines
    assert (line.booked_on, line.amount, line.currency, line.text) == (
        date(2024, 3, 5),
        Decimal("-10.50"),
        "PLN",
        "Przelew FV/1",
    )


def test_an_unrecognised_csv_asks_for_a_mapping() -> None:
    with pytest.raises(StatementError, match=r"\[import\.statements\.csv\]"):
        parse_statement(b"foo;bar;baz\n1;2;3\n", "b.csv")


def test_a_mapping_makes_an_unrecognised_csv_readable() -> None:
    mapping = BankCsvMapping(date_column="foo", amount_column="bar", currency="EUR")
    (line,) = parse_statement(b"foo;bar;baz\n2024-01-02;3,5;x\n", "b.csv", csv_mapping=mapping).lines
    assert line.amount == Decimal("3.5")


def test_it_reports_the_line_of_a_bad_date() -> None:
    mapping = BankCsvMapping(date_column="d", amount_column="a", currency="EUR", date_formats=("%Y-%m-%d",))
    with pytest.raises(StatementError) as caught:
        parse_bank_csv(b"d;a\n2024-01-02;1\n02.01.2024;2\n", "b.csv", mapping)
    assert caught.value.location == "3"
    assert "date_formats" in caught.value.message


def test_it_reports_bytes_that_are_not_the_configured_encoding() -> None:
    mapping = BankCsvMapping(date_column="d", amount_column="a", currency="EUR", encoding="utf-8")
    with pytest.raises(StatementError) as caught:
        parse_bank_csv("d;a\n2024-01-02;1\nż;2\n".encode("cp1250"), "b.csv", mapping)
    assert caught.value.location == "3"
    assert "encoding" in caught.value.message


def test_it_names_a_missing_column_and_lists_the_header() -> None:
    mapping = BankCsvMapping(date_column="Datum", amount_column="a", currency="EUR")
    with pytest.raises(StatementError, match=r"no column 'Datum'.*'d', 'a'"):
        parse_bank_csv(b"d;a\n2024-01-02;1\n", "b.csv", mapping)


def test_the_config_loader_reports_every_problem_at_once() -> None:
    with pytest.raises(StatementError) as caught:
        mapping_from_config({"amount_column": "x", "credit_column": "y", "encoding": "koi8", "colour": 1})
    message = caught.value.message
    for part in ("colour", "encoding", "date_column", "not both", "currency"):
        assert part in message


def test_the_config_loader_builds_a_mapping() -> None:
    mapping = mapping_from_config(
        {"date_column": "D", "amount_column": 2, "currency": "pln", "text_columns": "T", "delimiter": "tab"}
    )
    assert mapping == BankCsvMapping(
        date_column="D", amount_column=2, currency="PLN", text_columns=("T",), delimiter="\t"
    )


def test_an_unknown_encoding_in_the_mapping_is_a_statement_error() -> None:
    mapping = BankCsvMapping(date_column="d", amount_column="a", currency="EUR", encoding="koi9")
    with pytest.raises(StatementError, match="encoding 'koi9' is unknown"):
        parse_statement(b"d;a\n2024-01-02;1\n", "b.csv", csv_mapping=mapping)


def test_it_reads_an_mbank_style_export_with_the_currency_inside_the_amount() -> None:
    data = (
        "mBank S.A. Bankowość Detaliczna;\n\n"
        "#Data operacji;#Opis operacji;#Rachunek;#Kategoria;#Kwota;\n"
        '2024-03-01;"PRZELEW FV/2024/02/117";"mKonto 1111";"Wpływy";1 234,56 PLN;\n'
        '2024-03-02;"OPŁATA";"mKonto 1111";"Opłaty";-5,00 PLN;\n'
    ).encode("cp1250")
    lines = parse_statement(data, "mbank.csv").lines
    assert [(line.amount, line.currency) for line in lines] == [
        (Decimal("1234.56"), "PLN"),
        (Decimal("-5.00"), "PLN"),
    ]
    assert lines[0].text == "PRZELEW FV/2024/02/117"
