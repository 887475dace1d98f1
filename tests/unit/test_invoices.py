from __future__ import annotations

import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import InvoiceImportError
from ledger.invoices import (
    InvoiceExport,
    InvoiceMapping,
    parse_amount,
    parse_customers,
    parse_invoices,
    reconcile_export,
)
from ledger.model import Invoice

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "invoices"
GOLDEN = REPO / "tests" / "data" / "invoices"

HEADER = "number,customer_id,customer_name,customer_vat_id,customer_iban,email,language,issue_date,due_date,total,currency,paid"


def canonical(*rows: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")


def load_mapping(path: Path) -> InvoiceMapping:
    table = tomllib.loads(path.read_text(encoding="utf-8"))["import"]["invoices"]
    return InvoiceMapping(**{k: tuple(v) if isinstance(v, list) else v for k, v in table.items()})


def export_to_json(export: InvoiceExport) -> dict[str, object]:
    def plain(value: object) -> object:
        if isinstance(value, (Decimal, date)):
            return str(value)
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        return value

    def fields(obj: object) -> dict[str, object]:
        return {name: plain(getattr(obj, name)) for name in obj.__dataclass_fields__}  # type: ignore[attr-defined]

    return {
        "invoices": [fields(i) for i in export.invoices],
        "customers": [{**fields(c), "contacts": [c2.email for c2 in c.contacts]} for c in export.customers],
        "warnings": list(export.warnings),
    }


@pytest.mark.parametrize("name", ["polish", "english"])
def test_the_example_exports_read_as_their_golden_files(name: str, update_golden: bool) -> None:
    data = (EXAMPLES / f"{name}.csv").read_bytes()
    export = parse_invoices(data, f"{name}.csv", load_mapping(EXAMPLES / f"{name}.toml"))
    actual = export_to_json(export)
    golden = GOLDEN / f"{name}.expected.json"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(golden.read_text(encoding="utf-8"))


def test_it_reads_the_polish_export_amounts_dates_and_several_emails() -> None:
    export = parse_invoices(
        (EXAMPLES / "polish.csv").read_bytes(), "polish.csv", load_mapping(EXAMPLES / "polish.toml")
    )
    by_number = {i.number: i for i in export.invoices}
    first = by_number["FV/2026/10/0101"]
    assert first.total == Decimal("12345.67")
    assert first.due_on == date(2026, 10, 15)
    assert first.customer_name.startswith("Przedsiębiorstwo Handlowe Łódź")
    assert by_number["FV/2026/10/0102"].total == Decimal("1234.50")
    assert by_number["FV/2026/10/0102"].paid == Decimal("234.50")
    assert by_number["FV/2026/10/0102"].emails == ("faktury@zabka-bud.pl", "szef@zabka-bud.pl")
    assert by_number["FV/2026/11/0002"].total == Decimal("1500.00")
    assert by_number["KOR/2026/11/0001"].corrects == "FV/2026/10/0101"


def test_it_merges_a_customers_invoices_into_one_customer_with_every_contact() -> None:
    data = canonical(
        "A-1,C1,Acme Ltd,,GB29NWBK60161331926819,a@acme.example,en,2026-01-01,2026-01-31,10.00,GBP,",
        "A-2,C1,Acme Ltd,,,b@acme.example;a@acme.example,,2026-01-02,2026-02-01,20.00,GBP,5",
    )
    export = parse_invoices(data, "x.csv")
    (customer,) = export.customers
    assert [c.email for c in customer.contacts] == ["a@acme.example", "b@acme.example"]
    assert customer.ibans == ("GB29NWBK60161331926819",)
    assert customer.language == "en"
    assert export.invoices[1].paid == Decimal("5")


def test_it_reports_every_bad_row_with_row_column_and_what_to_do() -> None:
    data = canonical(
        "A-1,C1,Acme,,,,,2026-01-01,31.02.2026,10.00,GBP,",
        "A-2,C1,Acme,,,,,2026-01-01,2026-02-01,ten,GBP,",
        "A-3,C1,Acme,,,,,2026-01-01,2026-02-01,10.00,pounds,",
    )
    with pytest.raises(InvoiceImportError) as caught:
        parse_invoices(data, "books.csv")
    err = caught.value
    assert err.source == "books.csv"
    assert err.location == "2"
    text = str(err)
    assert text.startswith(
        "books.csv:2: row 2, column 'due_date': '31.02.2026' is not a date in format %Y-%m-%d"
    )
    assert "set date_formats" in text
    assert "row 3, column 'total': 'ten' is not an amount" in text
    assert "row 4, column 'currency'" in text


def test_it_names_missing_columns_and_the_headers_it_found() -> None:
    data = b"Nr;Klient\n1;2\n"
    with pytest.raises(InvoiceImportError) as caught:
        parse_invoices(data, "x.csv", InvoiceMapping(delimiter=";"))
    assert "missing column(s) 'number'" in str(caught.value)
    assert "'Nr', 'Klient'" in str(caught.value)


def test_it_refuses_a_file_in_the_wrong_encoding_and_says_which_setting_fixes_it() -> None:
    data = canonical("A-1,C1,Łódź,,,,,2026-01-01,2026-02-01,10.00,PLN,").decode().encode("cp1250")
    with pytest.raises(InvoiceImportError) as caught:
        parse_invoices(data, "x.csv")
    assert "encoding" in str(caught.value)
    assert (
        parse_invoices(data, "x.csv", InvoiceMapping(encoding="cp1250")).invoices[0].customer_name == "Łódź"
    )


def test_it_skips_a_byte_order_mark_and_reads_quoted_fields_with_delimiters() -> None:
    data = b"\xef\xbb\xbf" + canonical('A-1,C1,"Smith, Jones & Co",,,,,2026-01-01,2026-02-01,"1,234.56",GBP,')
    (invoice,) = parse_invoices(data, "x.csv").invoices
    assert invoice.customer_name == "Smith, Jones & Co"
    assert invoice.total == Decimal("1234.56")


def test_it_refuses_an_invoice_number_that_appears_twice() -> None:
    data = canonical(
        "A-1,C1,Acme,,,,,2026-01-01,2026-02-01,10.00,GBP,", "A-1,C1,Acme,,,,,2026-01-01,2026-02-01,10.00,GBP,"
    )
    with pytest.raises(InvoiceImportError, match="appears twice"):
        parse_invoices(data, "x.csv")


def test_it_reads_json_lists_and_wrapped_objects_with_numbers_and_lists() -> None:
    doc = {
        "invoices": [
            {
                "number": "INV-1",
                "customer_id": "C9",
                "customer_name": "Fabrikam",
                "email": ["ap@fabrikam.example", "cfo@fabrikam.example"],
                "issue_date": "2026-03-01",
                "due_date": "2026-03-31",
                "total": 980.10,
                "currency": "EUR",
                "paid": 0,
            }
        ]
    }
    export = parse_invoices(json.dumps(doc).encode(), "x.json", InvoiceMapping(format="json"))
    assert export.invoices[0].total == Decimal("980.10")
    assert export.invoices[0].emails == ("ap@fabrikam.example", "cfo@fabrikam.example")
    listed = parse_invoices(json.dumps(doc["invoices"]).encode(), "x.json", InvoiceMapping(format="json"))
    assert listed.invoices == export.invoices


def test_a_bad_json_item_is_located_by_its_index() -> None:
    doc = [
        {
            "number": "X",
            "customer_id": "C",
            "issue_date": "2026-01-01",
            "due_date": "soon",
            "total": "1",
            "currency": "EUR",
        }
    ]
    with pytest.raises(InvoiceImportError) as caught:
        parse_invoices(json.dumps(doc).encode(), "x.json", InvoiceMapping(format="json"))
    assert caught.value.location == "[0]"
    assert "item [0], column 'due_date'" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        ("12 345,67", True, "12345.67"),
        ("1.234,56", True, "1234.56"),
        ("1\u00a0234,56", True, "1234.56"),
        ("1\u202f234,56", True, "1234.56"),
        ("-345,67", True, "-345.67"),
        ("1,234.56", False, "1234.56"),
        ("1 234.56", False, "1234.56"),
        ("(12.00)", False, "-12.00"),
        ("7", False, "7"),
    ],
)
def test_it_parses_amounts_as_accounting_software_writes_them(
    text: str, decimal_comma: bool, expected: str
) -> None:
    assert parse_amount(text, decimal_comma) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "decimal_comma"), [("1.5", True), ("1,23,4.00", False), ("12a", False), ("", False)]
)
def test_it_rejects_amounts_it_cannot_read_unambiguously(text: str, decimal_comma: bool) -> None:
    with pytest.raises(ValueError):
        parse_amount(text, decimal_comma)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_amounts_read_back_to_the_same_value(value: Decimal) -> None:
    english = f"{value:,.2f}"
    polish = english.replace(",", "\u00a0").replace(".", ",")
    assert parse_amount(english) == value
    assert parse_amount(polish, decimal_comma=True) == value


def test_it_reads_a_customers_export() -> None:
    data = (
        b"id;name;vat_id;iban;email;language;tags;do_not_contact\n"
        b"K1;Acme Sp. z o.o.;PL5260001246;PL61 1090 1014 0000 0712 1981 2874;a@acme.pl, b@acme.pl;pl;vip;tak\n"
    )
    (customer,) = parse_customers(data, "c.csv", InvoiceMapping(delimiter=";"))
    assert customer.ibans == ("PL61109010140000071219812874",)
    assert [c.email for c in customer.contacts] == ["a@acme.pl", "b@acme.pl"]
    assert customer.do_not_contact is True
    assert customer.tags == ("vip",)


def inv(number: str, total: str, paid: str = "0", corrects: str | None = None) -> Invoice:
    return Invoice(
        number,
        "C1",
        date(2026, 1, 1),
        date(2026, 1, 31),
        Decimal(total),
        "PLN",
        Decimal(paid),
        corrects=corrects,
    )


def export_of(*invoices: Invoice) -> InvoiceExport:
    return InvoiceExport("x.csv", invoices, ())


def test_reconcile_sorts_invoices_into_new_updated_unchanged_and_closed() -> None:
    known = {"A": inv("A", "100"), "B": inv("B", "200"), "C": inv("C", "300"), "D": inv("D", "50", "50")}
    changes = reconcile_export(
        known, export_of(inv("A", "100"), inv("B", "200", "20"), inv("E", "10")), "full"
    )
    assert [i.number for i in changes.new] == ["E"]
    assert [i.number for i in changes.updated] == ["B"]
    assert changes.unchanged == ("A",)
    assert [i.number for i in changes.closed] == ["C"]  # D was already paid: nothing to close
    assert changes.changed_fields == (("B", ("paid",)),)


def test_incremental_mode_leaves_missing_invoices_alone() -> None:
    known = {"A": inv("A", "100"), "C": inv("C", "300")}
    changes = reconcile_export(known, export_of(inv("A", "100")), "incremental")
    assert changes.closed == ()


def test_a_credit_note_reduces_the_invoice_it_corrects_and_is_idempotent() -> None:
    export = export_of(inv("FV/1", "1000"), inv("KOR/1", "-200", corrects="FV/1"))
    first = reconcile_export({}, export, "full")
    corrected = {i.number: i for i in first.new}["FV/1"]
    assert corrected.total == Decimal("800")
    assert first.credit_notes[0].amount == Decimal("200")
    known = {i.number: i for i in first.new}
    again = reconcile_export(known, export, "full")
    assert "FV/1" in again.unchanged and not again.updated


def test_a_credit_note_for_a_known_invoice_is_applied_once() -> None:
    known = {"FV/1": inv("FV/1", "1000")}
    first = reconcile_export(known, export_of(inv("KOR/1", "-200", corrects="FV/1")), "incremental")
    assert [i.total for i in first.updated] == [Decimal("800")]
    known = {**known, **{i.number: i for i in (*first.new, *first.updated)}}
    second = reconcile_export(known, export_of(inv("KOR/1", "-200", corrects="FV/1")), "incremental")
    assert not second.updated


def test_a_credit_note_whose_invoice_is_unknown_is_reported() -> None:
    changes = reconcile_export({}, export_of(inv("KOR/9", "-50", corrects="FV/404")), "full")
    assert changes.unapplied_credit_notes == ("KOR/9",)
    assert "FV/404" in changes.warnings[0]


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [("1 234,56 zł", True, "1234.56"), ("€1,234.56", False, "1234.56"), ("PLN 100", False, "100")],
)
def test_a_currency_written_next_to_the_amount_is_ignored(
    text: str, decimal_comma: bool, expected: str
) -> None:
    assert parse_amount(text, decimal_comma) == Decimal(expected)


def test_iso_timestamps_are_read_as_their_date() -> None:
    data = canonical("A-1,C1,Acme,,,,,2026-01-01T00:00:00,2026-01-31T23:59:59+01:00,10.00,EUR,")
    (invoice,) = parse_invoices(data, "x.csv").invoices
    assert invoice.due_on == date(2026, 1, 31)


def test_an_excel_sep_line_sets_the_delimiter_and_spaces_separate_emails() -> None:
    data = (
        "sep=;\n"
        + HEADER.replace(",", ";")
        + "\nA-1;C1;Acme;;;a@acme.example b@acme.example;;2026-01-01;2026-02-01;10.00;EUR;\n"
    ).encode()
    (invoice,) = parse_invoices(data, "x.csv").invoices
    assert invoice.emails == ("a@acme.example", "b@acme.example")
    assert invoice.total == Decimal("10.00")


def test_rows_are_numbered_as_lines_of_the_file_after_skipped_lines() -> None:
    data = ("sep=;\n" + HEADER.replace(",", ";") + "\nA-1;C1;Acme;;;;;2026-01-01;soon;10.00;EUR;\n").encode()
    with pytest.raises(InvoiceImportError) as caught:
        parse_invoices(data, "x.csv")
    assert caught.value.location == "3"
