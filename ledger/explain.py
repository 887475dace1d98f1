"""The matcher's explanations in words: one table of format strings per language (en, pl, de).

``ledger.match`` says why it matched or refused a payment as ``Explanation(code, params)``;
this module is the one place that turns them into text. A reason or note is a tuple of
explanations joined with ``"; "``. The English table reproduces the matcher's historical
text exactly (``tactful match --json`` and the event log show it), so change an English
string only together with the documented output.

Amounts, dates and invoice numbers are parameters already written as text; they are shown
as they are in every language.
"""

from __future__ import annotations

from collections.abc import Iterable
from string import Formatter
from typing import Any

from ledger.model import Explanation, ExplanationParam

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "ExplanationError",
    "explain",
    "explanations_from_data",
    "explanations_to_data",
    "placeholders",
    "render_explanations",
]

LANGUAGES = ("en", "pl", "de")


class ExplanationError(ValueError):
    """An explanation that cannot be rendered or read back: unknown code, missing parameter, bad data."""


TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # How a reference was found in the title.
        "ref_exact": "reference {ref} in title",
        "ref_compact": "reference {ref} in title (no separators)",
        "ref_numbers": "reference {ref} in title (numbers only)",
        "ref_reordered": "reference {ref} in title (reordered)",
        "ref_short": "short reference to {ref} in title",
        "ref_transposed": "reference {ref} with swapped digits in title",
        "ref_serial": "number of {ref} in title",
        # Parts of a match reason.
        "also_quoted_paid": "{invoices} quoted too but already paid",
        "amount_equal": "amount equal",
        "amount_equals_other_customer": (
            "but the amount {amount} equals open invoice {other} of another customer "
            "and the payer is not {customer}"
        ),
        "amount_equals_sibling": "but the amount {amount} equals open invoice {other} of the same customer",
        "payer_is_other_customer": "amount differs and the payer is customer {payer}, not {customer}",
        "amount_exceeds_open": "amount {amount} exceeds the open {open}",
        "amount_equal_not_others": "amount equal (not {others})",
        "amount_equals_their_sum": "amount equals their sum",
        "amount_exceeds_their_sum": "amount exceeds their sum",
        "amount_below_their_sum": "amount below their sum",
        "payer_identified": "payer identified",
        "amount_differs_from_open": "amount {amount} differs from the open {open}",
        "no_reference": "no reference",
        "payer_by": "payer {name} by {how}",
        "how_vat_id": "VAT id {vat_id}",
        "how_account": "payer's account",
        "how_name": "payer's name",
        "how_partial_name": "payer's name (in part)",
        "amount_equals_invoice": "amount equals {invoice}",
        "amount_equals_invoice_and_others": "amount equals {invoice} and {count} other(s)",
        "oldest_due_first_art451": "the oldest due first (art. 451 KC)",
        "amount_equals_all_open": "amount equals all open invoices",
        "amount_equals_sum_of": "amount equals the sum of {invoices}",
        "amount_fits_no_invoice": "amount fits no invoice, oldest due first",
        "amount_exceeds_all_open": "amount exceeds all open invoices",
        "partial_payment": "partial payment, {remaining} {currency} remains open",
        # Notes: why a payment needs a person, or what was done with it.
        "several_currencies": "quotes invoices in several currencies; review",
        "quotes_paid_double_payment": (
            "quotes {invoices}, already paid: a possible double payment of {amount} {currency} "
            "(overpayment); review"
        ),
        "reference_amount_disagree": "reference and amount disagree ({invoice} vs {other}); review",
        "invoice_of_other_customer": "{invoice} belongs to another customer than the payer; review",
        "pays_part_of_quoted": "pays {amount} of {total} quoted; applied oldest due first; review",
        "refers_to_paid": "refers to {invoice}, already paid: a possible double payment; review",
        "short_reference_other_amount": "short reference with a different amount; review",
        "reference_ambiguous": "reference could mean {invoices}; review",
        "payer_without_open_invoice": (
            "payer {name} ({how}) has no open invoice in a matching currency; an advance or overpayment; review"
        ),
        "several_combinations": "amount equals several combinations of {name}'s open invoices; review",
        "paid_matching_no_invoice": (
            "{name} paid {amount} matching no open invoice; suggested oldest due first; review"
        ),
        "paid_more_than_all_open": "{name} paid more than all its open invoices; review",
        "overpayment_credit": "overpayment: {amount} {currency} left over as a credit of customer {customer}",
        "overpayment_equals_open": "it equals open invoice {invoice} of the same customer",
        "currency_mismatch": (
            "quotes {invoice} in {invoice_currency} but the payment is {amount} {currency} "
            "with no original amount in {invoice_currency}; review"
        ),
        "duplicate_transaction": "transaction appears twice in the input; the second copy is ignored",
        "ignored_bank_code": "not matched: bank code {code} marks it as not a customer payment",
        "ignored_keyword": "not matched: {keyword} in the title marks it as not a customer payment",
        "no_reference_review": "no invoice reference and {payer}; review",
        "no_reference_amount_hint_review": (
            "no invoice reference and {payer}; the amount equals open invoice {invoice} of {customer}; review"
        ),
        "payer_unknown": "payer unknown",
        "payer_name_ambiguous": "payer name {name} fits several customers",
        # The review item's own frame (service.match_new_payments).
        "review_suggestion": "maybe {invoice} ({amount} {currency}, confidence {confidence}): {reason}",
        "review_no_fit": "no open invoice fits this payment",
    },
    "pl": {
        "ref_exact": "numer {ref} w tytule",
        "ref_compact": "numer {ref} w tytule (bez separatorów)",
        "ref_numbers": "numer {ref} w tytule (same cyfry)",
        "ref_reordered": "numer {ref} w tytule (w innej kolejności)",
        "ref_short": "skrócony numer {ref} w tytule",
        "ref_transposed": "numer {ref} z przestawionymi cyframi w tytule",
        "ref_serial": "numer kolejny {ref} w tytule",
        "also_quoted_paid": "podano też {invoices}, ale są już zapłacone",
        "amount_equal": "kwota zgodna",
        "amount_equals_other_customer": (
            "ale kwota {amount} jest równa otwartej fakturze {other} innego klienta, a płatnikiem nie jest {customer}"
        ),
        "amount_equals_sibling": "ale kwota {amount} jest równa otwartej fakturze {other} tego samego klienta",
        "payer_is_other_customer": "kwota się różni, a płatnikiem jest klient {payer}, nie {customer}",
        "amount_exceeds_open": "kwota {amount} przekracza pozostałe do zapłaty {open}",
        "amount_equal_not_others": "kwota zgodna (nie {others})",
        "amount_equals_their_sum": "kwota równa ich sumie",
        "amount_exceeds_their_sum": "kwota przekracza ich sumę",
        "amount_below_their_sum": "kwota mniejsza niż ich suma",
        "payer_identified": "płatnik rozpoznany",
        "amount_differs_from_open": "kwota {amount} różni się od pozostałej do zapłaty {open}",
        "no_reference": "brak numeru faktury",
        "payer_by": "płatnik {name} rozpoznany po: {how}",
        "how_vat_id": "NIP {vat_id}",
        "how_account": "rachunek płatnika",
        "how_name": "nazwa płatnika",
        "how_partial_name": "nazwa płatnika (częściowo)",
        "amount_equals_invoice": "kwota równa {invoice}",
        "amount_equals_invoice_and_others": "kwota równa {invoice} i jeszcze {count} innym",
        "oldest_due_first_art451": "najpierw najdawniej wymagalna (art. 451 KC)",
        "amount_equals_all_open": "kwota równa wszystkim otwartym fakturom",
        "amount_equals_sum_of": "kwota równa sumie {invoices}",
        "amount_fits_no_invoice": "kwota nie pasuje do żadnej faktury, najpierw najdawniej wymagalne",
        "amount_exceeds_all_open": "kwota przekracza wszystkie otwarte faktury",
        "partial_payment": "płatność częściowa, do zapłaty pozostaje {remaining} {currency}",
        "several_currencies": "podaje faktury w kilku walutach; do sprawdzenia",
        "quotes_paid_double_payment": (
            "podaje {invoices}, już zapłacone: możliwa podwójna płatność {amount} {currency} "
            "(nadpłata); do sprawdzenia"
        ),
        "reference_amount_disagree": "numer i kwota wskazują różne faktury ({invoice} i {other}); do sprawdzenia",
        "invoice_of_other_customer": "{invoice} należy do innego klienta niż płatnik; do sprawdzenia",
        "pays_part_of_quoted": (
            "wpłata {amount} z {total} podanych; rozliczono od najdawniej wymagalnej; do sprawdzenia"
        ),
        "refers_to_paid": "dotyczy {invoice}, już zapłaconej: możliwa podwójna płatność; do sprawdzenia",
        "short_reference_other_amount": "skrócony numer i inna kwota; do sprawdzenia",
        "reference_ambiguous": "numer może oznaczać {invoices}; do sprawdzenia",
        "payer_without_open_invoice": (
            "płatnik {name} ({how}) nie ma otwartej faktury w tej walucie; zaliczka lub nadpłata; do sprawdzenia"
        ),
        "several_combinations": "kwota odpowiada kilku zestawom otwartych faktur: {name}; do sprawdzenia",
        "paid_matching_no_invoice": (
            "{name} wpłacił {amount}, co nie pasuje do żadnej otwartej faktury; "
            "proponowane od najdawniej wymagalnej; do sprawdzenia"
        ),
        "paid_more_than_all_open": "{name} wpłacił więcej niż wszystkie jego otwarte faktury; do sprawdzenia",
        "overpayment_credit": "nadpłata: {amount} {currency} zostaje jako nadpłata klienta {customer}",
        "overpayment_equals_open": "to tyle, co otwarta faktura {invoice} tego samego klienta",
        "currency_mismatch": (
            "podaje {invoice} w {invoice_currency}, ale wpłata to {amount} {currency} "
            "bez kwoty pierwotnej w {invoice_currency}; do sprawdzenia"
        ),
        "duplicate_transaction": "transakcja występuje dwa razy; druga kopia została pominięta",
        "ignored_bank_code": "nie dopasowano: kod bankowy {code} oznacza, że to nie wpłata klienta",
        "ignored_keyword": "nie dopasowano: {keyword} w tytule oznacza, że to nie wpłata klienta",
        "no_reference_review": "brak numeru faktury, a {payer}; do sprawdzenia",
        "no_reference_amount_hint_review": (
            "brak numeru faktury, a {payer}; kwota równa otwartej fakturze {invoice} klienta {customer}; "
            "do sprawdzenia"
        ),
        "payer_unknown": "płatnik nieznany",
        "payer_name_ambiguous": "nazwa płatnika {name} pasuje do kilku klientów",
        "review_suggestion": "może {invoice} ({amount} {currency}, pewność {confidence}): {reason}",
        "review_no_fit": "żadna otwarta faktura nie pasuje do tej wpłaty",
    },
    "de": {
        "ref_exact": "Referenz {ref} im Verwendungszweck",
        "ref_compact": "Referenz {ref} im Verwendungszweck (ohne Trennzeichen)",
        "ref_numbers": "Referenz {ref} im Verwendungszweck (nur Ziffern)",
        "ref_reordered": "Referenz {ref} im Verwendungszweck (andere Reihenfolge)",
        "ref_short": "verkürzte Referenz auf {ref} im Verwendungszweck",
        "ref_transposed": "Referenz {ref} mit vertauschten Ziffern im Verwendungszweck",
        "ref_serial": "laufende Nummer von {ref} im Verwendungszweck",
        "also_quoted_paid": "auch {invoices} genannt, aber bereits bezahlt",
        "amount_equal": "Betrag stimmt",
        "amount_equals_other_customer": (
            "aber der Betrag {amount} entspricht der offenen Rechnung {other} eines anderen Kunden "
            "und der Zahler ist nicht {customer}"
        ),
        "amount_equals_sibling": "aber der Betrag {amount} entspricht der offenen Rechnung {other} desselben Kunden",
        "payer_is_other_customer": "Betrag weicht ab und der Zahler ist Kunde {payer}, nicht {customer}",
        "amount_exceeds_open": "Betrag {amount} übersteigt den offenen Betrag {open}",
        "amount_equal_not_others": "Betrag stimmt (nicht {others})",
        "amount_equals_their_sum": "Betrag entspricht ihrer Summe",
        "amount_exceeds_their_sum": "Betrag übersteigt ihre Summe",
        "amount_below_their_sum": "Betrag liegt unter ihrer Summe",
        "payer_identified": "Zahler erkannt",
        "amount_differs_from_open": "Betrag {amount} weicht vom offenen Betrag {open} ab",
        "no_reference": "keine Referenz",
        "payer_by": "Zahler {name} erkannt an: {how}",
        "how_vat_id": "USt-IdNr. {vat_id}",
        "how_account": "Konto des Zahlers",
        "how_name": "Name des Zahlers",
        "how_partial_name": "Name des Zahlers (teilweise)",
        "amount_equals_invoice": "Betrag entspricht {invoice}",
        "amount_equals_invoice_and_others": "Betrag entspricht {invoice} und {count} weiteren",
        "oldest_due_first_art451": "die am längsten fällige zuerst (Art. 451 KC)",
        "amount_equals_all_open": "Betrag entspricht allen offenen Rechnungen",
        "amount_equals_sum_of": "Betrag entspricht der Summe von {invoices}",
        "amount_fits_no_invoice": "Betrag passt zu keiner Rechnung, die am längsten fälligen zuerst",
        "amount_exceeds_all_open": "Betrag übersteigt alle offenen Rechnungen",
        "partial_payment": "Teilzahlung, {remaining} {currency} bleiben offen",
        "several_currencies": "nennt Rechnungen in mehreren Währungen; bitte prüfen",
        "quotes_paid_double_payment": (
            "nennt {invoices}, bereits bezahlt: möglicherweise doppelt bezahlt, {amount} {currency} "
            "(Überzahlung); bitte prüfen"
        ),
        "reference_amount_disagree": "Referenz und Betrag passen nicht zusammen ({invoice} oder {other}); bitte prüfen",
        "invoice_of_other_customer": "{invoice} gehört einem anderen Kunden als dem Zahler; bitte prüfen",
        "pays_part_of_quoted": (
            "zahlt {amount} von {total} genannten; die am längsten fälligen zuerst verrechnet; bitte prüfen"
        ),
        "refers_to_paid": "bezieht sich auf {invoice}, bereits bezahlt: möglicherweise doppelt bezahlt; bitte prüfen",
        "short_reference_other_amount": "verkürzte Referenz mit anderem Betrag; bitte prüfen",
        "reference_ambiguous": "Referenz könnte {invoices} bedeuten; bitte prüfen",
        "payer_without_open_invoice": (
            "Zahler {name} ({how}) hat keine offene Rechnung in passender Währung; "
            "Anzahlung oder Überzahlung; bitte prüfen"
        ),
        "several_combinations": "Betrag passt zu mehreren Kombinationen offener Rechnungen von {name}; bitte prüfen",
        "paid_matching_no_invoice": (
            "{name} zahlte {amount}, passend zu keiner offenen Rechnung; "
            "Vorschlag: die am längsten fälligen zuerst; bitte prüfen"
        ),
        "paid_more_than_all_open": "{name} zahlte mehr als alle offenen Rechnungen; bitte prüfen",
        "overpayment_credit": "Überzahlung: {amount} {currency} bleiben als Guthaben des Kunden {customer}",
        "overpayment_equals_open": "das entspricht der offenen Rechnung {invoice} desselben Kunden",
        "currency_mismatch": (
            "nennt {invoice} in {invoice_currency}, aber die Zahlung ist {amount} {currency} "
            "ohne Originalbetrag in {invoice_currency}; bitte prüfen"
        ),
        "duplicate_transaction": "Umsatz kommt doppelt vor; die zweite Kopie wird ignoriert",
        "ignored_bank_code": "nicht zugeordnet: Buchungscode {code} kennzeichnet keine Kundenzahlung",
        "ignored_keyword": "nicht zugeordnet: {keyword} im Verwendungszweck kennzeichnet keine Kundenzahlung",
        "no_reference_review": "keine Rechnungsreferenz und {payer}; bitte prüfen",
        "no_reference_amount_hint_review": (
            "keine Rechnungsreferenz und {payer}; der Betrag entspricht der offenen Rechnung {invoice} "
            "von {customer}; bitte prüfen"
        ),
        "payer_unknown": "Zahler unbekannt",
        "payer_name_ambiguous": "Zahlername {name} passt zu mehreren Kunden",
        "review_suggestion": "vielleicht {invoice} ({amount} {currency}, Sicherheit {confidence}): {reason}",
        "review_no_fit": "keine offene Rechnung passt zu dieser Zahlung",
    },
}


def explain(code: str, /, **params: ExplanationParam) -> Explanation:
    """An explanation with ``params`` in keyword order; the code must be in the tables.

    Only the parameters ``how``, ``payer`` and ``reason`` hold nested explanations; every other
    parameter is text.
    """
    if not params:
        plain = _PLAIN_PARTS.get(code)
        if plain is not None:
            return plain
    if code not in TEXTS["en"]:
        raise ExplanationError(f"unknown explanation code {code!r}; add it to ledger.explain.TEXTS")
    return Explanation(code, tuple(params.items()))


def render_explanations(parts: Iterable[Explanation], language: str = "en") -> str:
    """The explanations as one text in ``language`` (en, pl or de; others get English), joined with "; ".

    Raises ExplanationError for an unknown code or a parameter the text needs but lacks.
    """
    # The matcher renders every reason and note it makes (200,000 lines in the speed benchmark):
    # one loop, no helper call per part, and plain text parameters go straight into format_map.
    table = TEXTS.get(language, TEXTS["en"])
    texts: list[str] = []
    for part in parts:
        text = table.get(part.code)
        if text is None:
            raise ExplanationError(f"unknown explanation code {part.code!r} (language {language!r})")
        if part.code in _PLAIN:
            texts.append(text)
            continue
        values: dict[str, ExplanationParam] = dict(part.params)
        if part.code in _NESTING:
            for name, value in part.params:
                if not isinstance(value, str):
                    values[name] = render_explanations(value, language)
        try:
            texts.append(text.format_map(values))
        except (KeyError, IndexError) as exc:
            raise ExplanationError(f"explanation {part.code!r} lacks parameter {exc.args[0]!r}") from exc
    return "; ".join(texts)


def placeholders(code: str, language: str = "en") -> frozenset[str]:
    """The parameter names the text of ``code`` uses in ``language``."""
    return frozenset(name for _, name, _, _ in Formatter().parse(TEXTS[language][code]) if name)


# Codes whose parameters may hold nested explanations (a payer's "how", a review's "reason").
_NESTING = frozenset(code for code in TEXTS["en"] if placeholders(code) & {"how", "payer", "reason"})
# Codes without parameters: their text is the rendering, and one shared instance serves every use.
_PLAIN = frozenset(
    code for code in TEXTS["en"] if not any(placeholders(code, language) for language in LANGUAGES)
)
_PLAIN_PARTS = {code: Explanation(code) for code in _PLAIN}


def explanations_to_data(parts: Iterable[Explanation]) -> list[dict[str, Any]]:
    """Plain JSON-ready data: ``[{"code": ..., "params": {name: text or [nested...]}}]``."""
    return [
        {
            "code": part.code,
            "params": {
                name: value if isinstance(value, str) else explanations_to_data(value)
                for name, value in part.params
            },
        }
        for part in parts
    ]


def explanations_from_data(data: Any) -> tuple[Explanation, ...]:
    """Read back what ``explanations_to_data`` wrote (e.g. from JSON); ExplanationError if malformed."""
    if not isinstance(data, list):
        raise ExplanationError(f"explanations must be a list, got {type(data).__name__}")
    parts: list[Explanation] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise ExplanationError(f"an explanation must be an object with a code, got {item!r}")
        raw = item.get("params", {})
        if not isinstance(raw, dict):
            raise ExplanationError(f"params of {item['code']!r} must be an object, got {raw!r}")
        params: list[tuple[str, ExplanationParam]] = []
        for name, value in raw.items():
            if isinstance(value, str):
                params.append((str(name), value))
            elif item["code"] in _NESTING:
                params.append((str(name), explanations_from_data(value)))
            else:
                raise ExplanationError(f"parameter {name!r} of {item['code']!r} must be text, got {value!r}")
        parts.append(Explanation(item["code"], tuple(params)))
    return tuple(parts)
