"""The matcher's explanations: every code in every language, the exact English text, stored data."""

from __future__ import annotations

import json
import re

import pytest

from ledger.explain import (
    LANGUAGES,
    TEXTS,
    ExplanationError,
    explain,
    explanations_from_data,
    explanations_to_data,
    placeholders,
    render_explanations,
)
from ledger.match import match_payments
from ledger.model import Customer, Explanation
from tests.unit.test_match import credit, invoice, run

# Parameters that hold a phrase inside a phrase, with a sample value each.
NESTED = {
    "how": (explain("how_vat_id", vat_id="PL5260001246"),),
    "payer": (explain("payer_name_ambiguous", name="'NOWAK'"),),
    "reason": (explain("ref_exact", ref="FV/2026/11/0123"), explain("amount_equal")),
}


def sample(code: str) -> Explanation:
    """``code`` with every parameter its English text uses: ``<name>`` for text, a phrase for nested ones."""
    return explain(code, **{name: NESTED.get(name, f"<{name}>") for name in sorted(placeholders(code))})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_exactly_the_english_codes_with_the_same_parameters(language: str) -> None:
    assert set(TEXTS[language]) == set(TEXTS["en"])
    for code in TEXTS["en"]:
        assert placeholders(code, language) == placeholders(code, "en"), code


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(TEXTS["en"]))
def test_every_code_renders_in_every_language_with_all_its_parameters(code: str, language: str) -> None:
    part = sample(code)
    text = render_explanations([part], language)

    assert text.strip() and "{" not in text and "}" not in text
    for name, value in part.params:
        shown = value if isinstance(value, str) else render_explanations(value, language)
        assert shown in text, (code, language, name)


@pytest.mark.parametrize("language", ["pl", "de"])
def test_the_translations_are_not_the_english_text(language: str) -> None:
    same = [code for code in TEXTS["en"] if TEXTS[language][code] == TEXTS["en"][code]]
    assert same == []
    review = re.compile(r"\breview\b")
    assert not any(review.search(render_explanations([sample(code)], language)) for code in TEXTS["en"])


def test_nested_phrases_are_rendered_in_the_outer_phrases_language() -> None:
    part = explain("payer_by", name="Acme", how=(explain("how_account"),))

    assert render_explanations([part], "en") == "payer Acme by payer's account"
    assert render_explanations([part], "pl") == "płatnik Acme rozpoznany po: rachunek płatnika"
    assert render_explanations([part], "de") == "Zahler Acme erkannt an: Konto des Zahlers"


def test_parts_are_joined_with_semicolons_and_an_unknown_language_reads_english() -> None:
    parts = [explain("no_reference"), explain("amount_equals_invoice", invoice="FV/1")]

    assert render_explanations(parts) == "no reference; amount equals FV/1"
    assert render_explanations(parts, "fr") == "no reference; amount equals FV/1"
    assert render_explanations([], "pl") == ""


def test_the_review_frame_reads_as_the_service_always_wrote_it() -> None:
    maybe = explain(
        "review_suggestion",
        invoice="FV/2026/11/0123",
        amount="123.45",
        currency="PLN",
        confidence="0.60",
        reason=(explain("no_reference"), explain("amount_fits_no_invoice")),
    )

    assert (
        render_explanations([maybe, explain("paid_more_than_all_open", name="Acme")])
        == "maybe FV/2026/11/0123 (123.45 PLN, confidence 0.60): no reference; "
        "amount fits no invoice, oldest due first; Acme paid more than all its open invoices; review"
    )
    assert render_explanations([explain("review_no_fit")]) == "no open invoice fits this payment"


def test_an_unknown_code_or_a_missing_parameter_is_an_error_that_names_it() -> None:
    with pytest.raises(ExplanationError, match="'no_such_code'"):
        explain("no_such_code")
    with pytest.raises(ExplanationError, match="'no_such_code'"):
        render_explanations([Explanation("no_such_code")], "pl")
    with pytest.raises(ExplanationError, match="'ref_exact' lacks parameter 'ref'"):
        render_explanations([Explanation("ref_exact")], "de")


def test_explanations_survive_json_and_come_back_equal() -> None:
    parts = tuple(sample(code) for code in sorted(TEXTS["en"]))

    data = json.loads(json.dumps(explanations_to_data(parts)))

    assert explanations_from_data(data) == parts
    assert data[0] == {"code": sorted(TEXTS["en"])[0], "params": data[0]["params"]}


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"code": "x"},
        [1],
        [{"params": {}}],
        [{"code": "x", "params": []}],
        [{"code": "ref_exact", "params": {"ref": [{"code": "amount_equal", "params": {}}]}}],
    ],
)
def test_malformed_stored_explanations_are_refused(data: object) -> None:
    with pytest.raises(ExplanationError):
        explanations_from_data(data)


# --- the matcher's own output ------------------------------------------------------------------------


def test_a_short_reference_with_another_amount_keeps_its_english_text_and_has_a_polish_one() -> None:
    result = run(
        [invoice("INV-2026-0412", "500.00"), invoice("INV-2026-0413", "700.00")],
        [credit("T1", "300.00", "inv 412")],
    )

    (match,) = result.matches
    assert match.reason == (
        "short reference to INV-2026-0412 in title; amount 300.00 differs from the open 500.00; "
        "partial payment, 200.00 PLN remains open"
    )
    assert [p.code for p in match.explanation] == ["ref_short", "amount_differs_from_open", "partial_payment"]
    assert render_explanations(match.explanation, "pl") == (
        "skrócony numer INV-2026-0412 w tytule; kwota 300.00 różni się od pozostałej do zapłaty 500.00; "
        "płatność częściowa, do zapłaty pozostaje 200.00 PLN"
    )
    assert result.notes == (("T1", "short reference with a different amount; review"),)
    assert render_explanations(result.explanations_for("T1"), "de") == (
        "verkürzte Referenz mit anderem Betrag; bitte prüfen"
    )


def test_a_reordered_reference_settled_by_the_amount_keeps_its_english_text() -> None:
    result = run(
        [invoice("FV/2026/02/0006", "100.00"), invoice("FV/2026/06/0002", "200.00")],
        [credit("T2", "100.00", "6/2/2026")],
    )

    (match,) = result.matches
    assert (
        match.reason == "reference FV/2026/02/0006 in title (reordered); amount equal (not FV/2026/06/0002)"
    )
    assert render_explanations(match.explanation, "de") == (
        "Referenz FV/2026/02/0006 im Verwendungszweck (andere Reihenfolge); Betrag stimmt (nicht FV/2026/06/0002)"
    )


def test_a_payer_name_of_two_customers_keeps_its_english_note() -> None:
    customers = (Customer("A1", "Nowak Sp. z o.o."), Customer("A2", "Nowak sp. z o.o."))
    result = match_payments(
        [invoice("X/1", "10.00", customer="A1"), invoice("X/2", "20.00", customer="A2")],
        [credit("T3", "30.00", "zaplata", counterparty="NOWAK SP Z O O")],
        customers=customers,
    )

    assert result.notes_for("T3") == (
        "no invoice reference and payer name 'NOWAK SP Z O O' fits several customers; review",
    )
    assert render_explanations(result.explanations_for("T3"), "pl") == (
        "brak numeru faktury, a nazwa płatnika 'NOWAK SP Z O O' pasuje do kilku klientów; do sprawdzenia"
    )


def test_notes_and_reasons_are_the_english_rendering_of_their_explanations() -> None:
    result = run(
        [invoice("FV/2026/11/0001", "100.00"), invoice("FV/2026/11/0002", "50.00", paid="50.00")],
        [
            credit("T1", "150.00", "FV/2026/11/0001 FV/2026/11/0002"),
            credit("T2", "40.00", "", counterparty_iban="PL61109010140000071219812874"),
            credit("T3", "99.00", "CARD SETTLEMENT 12"),
        ],
    )

    assert result.matches and result.notes
    for match in result.matches:
        assert render_explanations(match.explanation) == match.reason
    assert len(result.explained_notes) == len(result.notes)
    for (tid, text), (same_tid, parts) in zip(result.notes, result.explained_notes, strict=True):
        assert same_tid == tid and render_explanations(parts) == text
    for tid in {tid for tid, _ in result.notes}:
        assert render_explanations(result.explanations_for(tid)) == "; ".join(result.notes_for(tid))
        for language in LANGUAGES:
            assert "{" not in render_explanations(result.explanations_for(tid), language)
