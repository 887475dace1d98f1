from __future__ import annotations

import pytest

from ledger.names import fold_text, name_key


@pytest.mark.parametrize(
    "written",
    [
        "ACME SPOLKA Z O O",
        "Acme Sp. z o.o. ul. Długa 5",
        "Acme Sp. z o. o.",
        "ACME SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
        "Acme Ltd",
        "ACME LIMITED",
        "Acme GmbH",
        "ACME GMBH & CO. KG",
        "Acme S.A.",
        "Acme Ltd, 5 High Street, London",
        "ACME SP. Z O.O. 00-950 WARSZAWA",
    ],
)
def test_legal_forms_addresses_and_case_do_not_change_the_key(written: str) -> None:
    assert name_key(written) == "ACME"


def test_diacritics_fold_and_word_order_does_not_matter() -> None:
    assert name_key("Łukasz Żółć") == name_key("ZOLC LUKASZ") == "LUKASZ ZOLC"


def test_different_companies_keep_different_keys() -> None:
    assert name_key("Acme Polska Sp. z o.o.") != name_key("Acme Sp. z o.o.")
    assert name_key("Beta Trading Ltd") != name_key("Beta Logistics Ltd")


def test_a_legal_form_as_the_first_word_is_kept() -> None:
    assert name_key("Co-op Group Limited") == "CO GROUP OP"


def test_fold_text_removes_polish_and_german_diacritics() -> None:
    assert fold_text("Długa Straße Łódź") == "DLUGA STRASSE LODZ"
