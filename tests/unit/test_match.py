from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from ledger.match import MatchResult, MatchSettings, match_payments, reference_groups
from ledger.model import Customer, Invoice, StatementLine

D = Decimal
ACME_IBAN = "PL61109010140000071219812874"
BETA_IBAN = "GB29NWBK60161331926819"


def invoice(
    number: str,
    total: str,
    customer: str = "ACME",
    due: int = 14,
    currency: str = "PLN",
    paid: str = "0",
    **kw: object,
) -> Invoice:
    names = {"ACME": "Acme Sp. z o.o.", "BETA": "Beta Trading Ltd", "GAMMA": "Gamma Müller GmbH"}
    return Invoice(
        number=number,
        customer_id=customer,
        issued_on=date(2026, 11, 1),
        due_on=date(2026, 11, 1) + timedelta(days=due),
        total=D(total),
        currency=currency,
        paid=D(paid),
        customer_name=names.get(customer, customer),
        **kw,  # type: ignore[arg-type]
    )


CUSTOMERS = (
    Customer("ACME", "Acme Sp. z o.o.", vat_id="PL5260001246", ibans=(ACME_IBAN,)),
    Customer("BETA", "Beta Trading Ltd", vat_id="GB123456789", ibans=(BETA_IBAN,)),
    Customer("GAMMA", "Gamma Müller GmbH"),
)


def credit(
    tid: str, amount: str, text: str = "", currency: str = "PLN", day: int = 20, **kw: object
) -> StatementLine:
    return StatementLine(
        id=tid,
        booked_on=date(2026, 11, day),
        amount=D(amount),
        currency=currency,
        text=text,
        **kw,  # type: ignore[arg-type]
    )


def run(invoices: list[Invoice], lines: list[StatementLine], **kw: object) -> MatchResult:
    return match_payments(invoices, lines, customers=CUSTOMERS, **kw)  # type: ignore[arg-type]


def auto_pairs(result: MatchResult) -> list[tuple[str, str, Decimal]]:
    return [(m.transaction_id, m.invoice_number, m.amount) for m in result.matches if m.is_auto]


BOOK = [
    invoice("FV/2026/11/0123", "1230.00"),
    invoice("FV/2026/11/0124", "99.00"),
    invoice("FV/2026/10/0123", "555.55", customer="BETA"),
    invoice("INV-2026-0412", "412.00", customer="GAMMA", currency="EUR"),
    invoice("INV-2026-0413", "13.00", customer="GAMMA", currency="EUR"),
]


@pytest.mark.parametrize(
    "title",
    [
        "FV/2026/11/0123",
        "fv/2026/11/0123",
        "FV 2026/11/123",
        "Faktura nr 123/11/2026",
        "zaplata FV-2026-11-0123 dziekuje",
        "FV2026110123",
        "FV/2O26/11/0123",
        "FV/2026/1I/0123",
        "FV/2026/11/0132",
        "payment for FV.2026.11.0123",
    ],
)
def test_it_finds_the_reference_however_it_is_written(title: str) -> None:
    result = run(BOOK, [credit("t1", "1230.00", title)])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0123", D("1230.00"))]
    assert result.unmatched == ()


@pytest.mark.parametrize("title", ["INV-2026-0412", "inv 412", "INV20260412", "Invoice INV 2026 412"])
def test_it_finds_english_references_short_and_long(title: str) -> None:
    result = run(BOOK, [credit("t1", "412.00", title, currency="EUR")])
    assert auto_pairs(result) == [("t1", "INV-2026-0412", D("412.00"))]


def test_a_transposed_reference_that_fits_two_invoices_is_not_applied() -> None:
    # "0123" is one swap of adjacent digits away from both 0213 and 0132.
    book = [invoice("FV/2026/11/0213", "100.00"), invoice("FV/2026/11/0132", "100.00", customer="BETA")]
    result = run(book, [credit("t1", "100.00", "FV/2026/11/0123")])
    assert auto_pairs(result) == []
    assert result.unmatched == ("t1",)
    # With one of them gone, the swap points to one invoice only and the amount agrees.
    assert auto_pairs(run(book[:1], [credit("t1", "100.00", "FV/2026/11/0123")])) == [
        ("t1", "FV/2026/11/0213", D("100.00"))
    ]


def test_a_transposed_reference_with_a_different_amount_is_not_applied() -> None:
    result = run(BOOK, [credit("t1", "1000.00", "FV/2026/11/0132")])
    assert auto_pairs(result) == []


def test_it_reads_a_polish_split_payment_title() -> None:
    title = "/VAT/230,00/IDC/5260001246/INV/FV/2026/11/0123/TXT/zaplata za towar"
    result = run(BOOK, [credit("t1", "1230.00", title)])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0123", D("1230.00"))]


def test_a_split_payment_without_an_invoice_number_identifies_the_payer_by_vat_id() -> None:
    title = "/VAT/18,51/IDC/5260001246/INV/zaliczka/TXT/przelew"
    result = run(BOOK, [credit("t1", "99.00", title)])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0124", D("99.00"))]
    assert "VAT id" in result.matches[0].reason


def test_several_references_in_one_title_settle_several_invoices() -> None:
    result = run(BOOK, [credit("t1", "1329.00", "FV/2026/11/0123, FV/2026/11/0124")])
    assert auto_pairs(result) == [
        ("t1", "FV/2026/11/0123", D("1230.00")),
        ("t1", "FV/2026/11/0124", D("99.00")),
    ]


def test_a_range_of_references_settles_each_invoice() -> None:
    result = run(BOOK, [credit("t1", "1329.00", "Faktury FV/2026/11/0123 i 0124")])
    assert sorted(auto_pairs(result)) == [
        ("t1", "FV/2026/11/0123", D("1230.00")),
        ("t1", "FV/2026/11/0124", D("99.00")),
    ]


def test_a_partial_payment_leaves_the_remainder_open() -> None:
    result = run(
        BOOK, [credit("t1", "1000.00", "FV/2026/11/0123"), credit("t2", "230.00", "FV/2026/11/0123", day=21)]
    )
    assert auto_pairs(result) == [
        ("t1", "FV/2026/11/0123", D("1000.00")),
        ("t2", "FV/2026/11/0123", D("230.00")),
    ]
    assert "230.00 PLN remains open" in result.matches[0].reason


def test_an_overpayment_settles_the_invoice_and_is_reported_as_a_customer_credit() -> None:
    result = run(BOOK, [credit("t1", "1300.00", "FV/2026/11/0123")])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0123", D("1230.00"))]
    (left,) = result.credits
    assert (left.customer_id, left.amount, left.currency) == ("ACME", D("70.00"), "PLN")
    assert any("overpayment" in n for n in result.notes_for("t1"))


def test_a_second_identical_payment_is_an_overpayment_for_review_not_a_match() -> None:
    result = run(
        BOOK, [credit("t1", "99.00", "FV/2026/11/0124"), credit("t2", "99.00", "FV/2026/11/0124", day=22)]
    )
    assert auto_pairs(result) == [("t1", "FV/2026/11/0124", D("99.00"))]
    assert "t2" in result.unmatched
    assert any("already paid" in n for n in result.notes_for("t2"))


def test_a_payment_quoting_an_invoice_paid_in_the_books_goes_to_review() -> None:
    book = [invoice("FV/2026/11/0001", "50.00", paid="50.00")]
    result = run(book, [credit("t1", "50.00", "FV/2026/11/0001")])
    assert result.matches == ()
    assert result.unmatched == ("t1",)


def test_the_same_transaction_twice_in_the_input_is_applied_once() -> None:
    line = credit("t1", "99.00", "FV/2026/11/0124")
    result = run(BOOK, [line, line])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0124", D("99.00"))]
    assert any("appears twice" in n for n in result.notes_for("t1"))


@pytest.mark.parametrize(
    "line",
    [
        credit("d1", "-1230.00", "FV/2026/11/0123"),
        credit("r1", "1230.00", "FV/2026/11/0123", is_reversal=True),
        credit("f1", "1230.00", "REFUND FV/2026/11/0123"),
        credit("z1", "1230.00", "Zwrot FV/2026/11/0123"),
        credit("c1", "1230.00", "FV/2026/11/0123", bank_code="PMNT-CCRD-POSD"),
        credit("i1", "1230.00", "ODSETKI", bank_code="ACMT-MCRD-INTR"),
    ],
)
def test_it_never_matches_debits_refunds_reversals_card_settlements_or_interest(line: StatementLine) -> None:
    assert run(BOOK, [line]).matches == ()


def test_a_payer_without_reference_is_found_by_account_and_amount() -> None:
    result = run(BOOK, [credit("t1", "555.55", "przelew", counterparty_iban="GB29 NWBK 6016 1331 9268 19")])
    assert auto_pairs(result) == [("t1", "FV/2026/10/0123", D("555.55"))]


def test_a_payer_is_found_by_an_account_learned_from_confirmed_matches() -> None:
    learned = {"PL10105000997603123456789123": "BETA"}
    line = credit("t1", "555.55", "thanks", counterparty_iban="PL10105000997603123456789123")
    assert run(BOOK, [line]).matches == ()
    assert auto_pairs(run(BOOK, [line], known_ibans=learned)) == [("t1", "FV/2026/10/0123", D("555.55"))]


@pytest.mark.parametrize(
    "payer",
    ["ACME SPOLKA Z O O", "Acme Sp. z o.o. ul. Długa 5", "ACME SP. Z O.O. 00-950 WARSZAWA", "acme sp z oo"],
)
def test_a_payer_is_found_by_name_despite_legal_forms_and_addresses(payer: str) -> None:
    result = run(BOOK, [credit("t1", "99.00", "przelew", counterparty=payer)])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0124", D("99.00"))]


def test_name_matching_can_be_turned_off() -> None:
    result = run(
        BOOK,
        [credit("t1", "99.00", "przelew", counterparty="ACME LTD")],
        settings=MatchSettings(name_match=False),
    )
    assert result.matches == ()


def test_an_identified_payers_payment_equal_to_several_invoices_goes_to_the_oldest_due() -> None:
    book = [
        invoice("FV/1", "100.00", due=30),
        invoice("FV/2", "100.00", due=7),
        invoice("FV/3", "100.00", due=14),
    ]
    result = run(book, [credit("t1", "100.00", "", counterparty_iban=ACME_IBAN)])
    assert auto_pairs(result) == [("t1", "FV/2", D("100.00"))]
    assert "art. 451" in result.matches[0].reason


def test_an_unreferenced_payment_equal_to_one_subset_of_open_invoices_settles_them() -> None:
    book = [
        invoice("FV/1", "100.10"),
        invoice("FV/2", "250.25"),
        invoice("FV/3", "75.33"),
        invoice("FV/4", "999.99"),
    ]
    result = run(book, [credit("t1", "175.43", "", counterparty_iban=ACME_IBAN)])
    assert sorted(auto_pairs(result)) == [("t1", "FV/1", D("100.10")), ("t1", "FV/3", D("75.33"))]


def test_an_ambiguous_subset_goes_to_review() -> None:
    book = [
        invoice("FV/1", "100.00"),
        invoice("FV/2", "50.00"),
        invoice("FV/3", "60.00"),
        invoice("FV/4", "90.00"),
    ]
    result = run(book, [credit("t1", "150.00", "", counterparty_iban=ACME_IBAN)])
    assert auto_pairs(result) == []
    assert any("several combinations" in n for n in result.notes_for("t1"))


def test_a_third_party_paying_with_the_reference_still_matches() -> None:
    line = credit("t1", "1230.00", "Płatność za FV/2026/11/0123", counterparty="Faktoring Polska S.A.")
    assert auto_pairs(run(BOOK, [line])) == [("t1", "FV/2026/11/0123", D("1230.00"))]


def test_a_reference_to_one_customer_with_an_amount_fitting_another_and_an_unknown_payer_goes_to_review() -> (
    None
):
    line = credit(
        "t1",
        "555.55",
        "FV/2026/11/0124",
        counterparty="Someone Else",
        counterparty_iban="PL10105000997603123456789123",
    )
    result = run(BOOK, [line])
    assert auto_pairs(result) == []
    assert result.matches and not result.matches[0].is_auto


def test_a_foreign_currency_payment_matches_through_its_original_amount() -> None:
    line = credit("t1", "1759.80", "INV-2026-0412", original_amount=D("412.00"), original_currency="EUR")
    result = run(BOOK, [line])
    assert auto_pairs(result) == [("t1", "INV-2026-0412", D("412.00"))]
    assert result.matches[0].currency == "EUR"


def test_a_payment_in_another_currency_without_an_original_amount_is_not_matched() -> None:
    result = run(BOOK, [credit("t1", "1759.80", "INV-2026-0412")])
    assert result.matches == ()
    assert result.unmatched == ("t1",)


def test_an_unknown_payer_without_reference_is_left_for_a_person_with_a_hint() -> None:
    result = run(BOOK, [credit("t1", "555.55", "przelew", counterparty="Jan Nowak")])
    assert result.matches == ()
    assert result.unmatched == ("t1",)
    assert "FV/2026/10/0123" in result.notes_for("t1")[0]


def test_a_number_inside_a_longer_reference_is_not_a_reference_of_its_own() -> None:
    book = [invoice("FV/2026/11/0123", "10.00"), invoice("123", "10.00", customer="BETA")]
    assert auto_pairs(run(book, [credit("t1", "10.00", "FV/2026/11/0123")])) == [
        ("t1", "FV/2026/11/0123", D("10.00"))
    ]


def test_the_amount_written_in_the_title_is_not_taken_for_a_reference() -> None:
    book = [invoice("FV/2026/11/0123", "1230.00"), invoice("FV/2026/11/0099", "99.00", customer="BETA")]
    result = run(book, [credit("t1", "99.00", "FV/2026/11/0099 kwota 99,00")])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0099", D("99.00"))]


def test_confidence_below_the_threshold_is_a_suggestion() -> None:
    result = run(
        BOOK, [credit("t1", "1230.00", "FV/2026/11/0123")], settings=MatchSettings(auto_confidence=0.99)
    )
    assert [m.is_auto for m in result.matches] == [False]
    assert 0 < result.matches[0].confidence < 0.99


def test_the_output_is_in_booking_order_and_deterministic() -> None:
    lines = [
        credit("b", "99.00", "FV/2026/11/0124", day=25),
        credit("a", "1230.00", "FV/2026/11/0123", day=21),
    ]
    first = run(BOOK, lines)
    assert [m.transaction_id for m in first.matches] == ["a", "b"]
    assert run(BOOK, list(reversed(lines))) == first


def test_reference_groups_ignore_case_separators_and_leading_zeros() -> None:
    assert (
        reference_groups("fv/2026/11/0123")
        == reference_groups("FV 2026-11-123")
        == ("FV", "2026", "11", "123")
    )


def test_a_date_in_the_title_is_not_read_as_a_reference() -> None:
    book = [invoice("FV/2026/02/0014", "100.00", customer="BETA"), invoice("INV-2026-00179", "250.00")]
    dated = credit("t1", "250.00", "Order 95269 / INV-2026-00179 dated 2026-02-14")
    assert auto_pairs(run(book, [dated])) == [("t1", "INV-2026-00179", D("250.00"))]
    only_date = credit("t2", "100.00", "przelew z dnia 14.02.2026", counterparty="Jan Nowak")
    assert auto_pairs(run(book, [only_date])) == []


def test_a_known_customer_quoting_another_customers_invoice_with_another_amount_goes_to_review() -> None:
    line = credit("t1", "500.00", "FV/2026/11/0123", counterparty_iban=BETA_IBAN)
    result = run(BOOK, [line])
    assert auto_pairs(result) == []
    assert result.matches and "payer is customer BETA" in result.matches[0].reason


def test_a_known_customer_paying_another_customers_invoice_in_full_is_a_payment_on_its_behalf() -> None:
    line = credit("t1", "1230.00", "FV/2026/11/0123", counterparty_iban=BETA_IBAN)
    assert auto_pairs(run(BOOK, [line])) == [("t1", "FV/2026/11/0123", D("1230.00"))]


@pytest.mark.parametrize("title", ["ZAM/2026/11/0123", "PO 2026-11-0123", "Umowa UM/2026/11/123"])
def test_the_numbers_of_another_document_are_not_an_invoice_reference(title: str) -> None:
    result = run(BOOK, [credit("t1", "1230.00", title, counterparty="Jan Nowak")])
    assert auto_pairs(result) == []


@pytest.mark.parametrize("title", ["FV/2026/110123", "FV 202611/0123", "lNV-2026-0412"])
def test_a_dropped_separator_or_a_mistyped_prefix_letter_still_finds_the_invoice(title: str) -> None:
    number, amount, currency = (
        ("INV-2026-0412", "412.00", "EUR") if "NV" in title else ("FV/2026/11/0123", "1230.00", "PLN")
    )
    result = run(BOOK, [credit("t1", amount, title, currency=currency)])
    assert auto_pairs(result) == [("t1", number, D(amount))]


def test_a_payer_named_by_part_of_a_customers_name_gets_a_suggestion_only() -> None:
    book = [*BOOK, invoice("FV/2026/11/0200", "615.00", customer="Jan Kowalski Usługi Remontowe")]
    result = run(book, [credit("t1", "615.00", "przelew", counterparty="KOWALSKI JAN")])
    assert [(m.invoice_number, m.is_auto) for m in result.matches] == [("FV/2026/11/0200", False)]
    assert "in part" in result.matches[0].reason


def test_an_overpayment_equal_to_another_open_invoice_of_the_customer_is_pointed_out() -> None:
    result = run(BOOK, [credit("t1", "1329.00", "FV/2026/11/0123")])
    assert auto_pairs(result) == [("t1", "FV/2026/11/0123", D("1230.00"))]
    assert result.credits[0].amount == D("99.00")
    assert any("equals open invoice FV/2026/11/0124" in n for n in result.notes_for("t1"))


def test_a_reference_to_one_invoice_with_the_exact_amount_of_another_of_the_same_customer_goes_to_review() -> (
    None
):
    result = run(BOOK, [credit("t1", "99.00", "FV/2026/11/0123")])
    assert auto_pairs(result) == []
    assert any("FV/2026/11/0124" in n for n in result.notes_for("t1"))
