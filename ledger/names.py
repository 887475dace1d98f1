"""Company and person names reduced to a comparable key: legal forms, addresses and diacritics removed.

"ACME SPOLKA Z O O", "Acme Sp. z o.o. ul. Długa 5", "Acme Ltd", "ACME LIMITED" and
"Acme GmbH" all give the key ``"ACME"``. Token order does not matter, so "KOWALSKI JAN"
equals "Jan Kowalski".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_text", "name_key"]

# Letters NFKD does not decompose.
_FOLD = str.maketrans(
    {"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D"}
)

# Legal forms as token sequences (after punctuation became spaces). Where one appears
# (not as the first word), the company name has ended: addresses and cities follow.
_LEGAL_FORMS = [
    tuple(form.split())
    for form in (
        "SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA",
        "SPOLKA ZOO",
        "SP ZOO",
        "SP Z OO",
        "SPZOO",
        "SPOLKA AKCYJNA",
        "SPOLKA JAWNA",
        "SPOLKA KOMANDYTOWA",
        "SPOLKA KOMANDYTOWO AKCYJNA",
        "SPOLKA CYWILNA",
        "SPOLKA PARTNERSKA",
        "SP J",
        "SP K",
        "SP P",
        "SP KOM",
        "S C",
        "S K A",
        "SKA",
        "S A",
        "SA",
        "LIMITED",
        "LTD",
        "PLC",
        "LLP",
        "LLC",
        "L L C",
        "INC",
        "INCORPORATED",
        "CORPORATION",
        "CORP",
        "GMBH CO KG",
        "GMBH AND CO KG",
        "GMBH",
        "MBH",
        "AG",
        "KG",
        "OHG",
        "UG",
        "E K",
        "SARL",
        "S A R L",
        "SAS",
        "SRL",
        "S R L",
        "SRO",
        "S R O",
        "B V",
        "BV",
        "N V",
        "NV",
        "OY",
        "OYJ",
        "AB",
        "A S",
        "APS",
        "SPA",
        "S P A",
        "AND CO",
        "CO",
        "COMPANY",
    )
]
_LEGAL_FORMS.sort(key=len, reverse=True)
# Words that start an address or are pure noise in a payer field.
_ADDRESS_WORDS = {
    "UL",
    "ULICA",
    "AL",
    "ALEJA",
    "ALEJE",
    "OS",
    "OSIEDLE",
    "STREET",
    "STR",
    "ROAD",
    "RD",
    "AVENUE",
}
_PREFIX_NOISE = {"THE", "FIRMA", "PPHU", "PHU", "FHU", "PPH", "PW", "FPHU", "P P H U", "PHUP", "ZPHU"}
_POSTCODE = re.compile(r"\b\d{2}-\d{3}\b")
_NON_ALNUM = re.compile(r"[^0-9A-Z]+")


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin-1 and Latin Extended-A folded once, so most European text takes one translate().
_FAST_FOLD = str.maketrans({chr(c): _fold_char(chr(c)) for c in range(0xA0, 0x250)})


def fold_text(text: str) -> str:
    """Upper case ASCII: diacritics removed ("Długa" -> "DLUGA")."""
    if text.isascii():
        return text.upper()
    text = text.translate(_FAST_FOLD)
    if text.isascii():
        return text.upper()
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


_FORMS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _form in _LEGAL_FORMS:
    _FORMS_BY_FIRST.setdefault(_form[0], []).append(_form)


def _cut_at_legal_form(tokens: list[str]) -> tuple[list[str], bool]:
    for start in range(1, len(tokens)):
        for form in _FORMS_BY_FIRST.get(tokens[start], ()):
            if tuple(tokens[start : start + len(form)]) == form:
                return tokens[:start], True
    return tokens, False


def _collapse_initials(tokens: list[str]) -> list[str]:
    """Runs of one-letter tokens become one word: "S A" -> "SA", "P P H U" -> "PPHU", "Z O O" -> "ZOO"."""
    result: list[str] = []
    run = ""
    for token in tokens:
        if len(token) == 1 and token.isalpha():
            run += token
            continue
        if run:
            result.append(run)
            run = ""
        result.append(token)
    if run:
        result.append(run)
    return result


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key for a company or person name; ``""`` when nothing is left."""
    text = fold_text(name).replace("&", " AND ")
    match = _POSTCODE.search(text)
    if match:
        text = text[: match.start()]
    # "Acme Ltd, 5 High Street" -> the part before a comma that is followed by digits.
    head, sep, tail = text.partition(",")
    if sep and re.search(r"\d", tail):
        text = head
    tokens = _collapse_initials([t for t in _NON_ALNUM.split(text) if t])
    tokens, _ = _cut_at_legal_form(tokens)
    for i, token in enumerate(tokens):
        if i > 0 and token in _ADDRESS_WORDS:
            tokens = tokens[:i]
            break
    while tokens and tokens[0] in _PREFIX_NOISE and len(tokens) > 1:
        tokens = tokens[1:]
    # A legal form written as one word at the end ("ACME SA", "ACME LTD").
    while len(tokens) > 1 and (tokens[-1],) in _LEGAL_FORMS:
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[-1] == "AND":
        tokens = tokens[:-1]
    return " ".join(sorted(tokens))
