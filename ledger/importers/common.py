"""Helpers shared by the statement importers: ids, decoding, amounts, IBANs, balances."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ledger.model import StatementLine

_IBAN_EXACT_RE = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
_IBAN_DIGITS = str.maketrans({chr(ord("A") + i): str(10 + i) for i in range(26)})
# Polish and German letters: used to tell cp1250 from cp852 in files that do not say.
_NATIONAL_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻäöüßÄÖÜéèáíúčřšžČŘŠŽ")


# An ISO 4217 currency code as statements write it (upper case, three letters).
CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def normalize_iban(value: str) -> str:
    """Upper-case an IBAN and drop spaces; return ``""`` when ``value`` is not IBAN-shaped."""
    if _IBAN_EXACT_RE.fullmatch(value or ""):
        return value  # already compact and upper-case (the common case, and the cheap one)
    compact = re.sub(r"[\s-]", "", value or "").upper()
    return compact if _IBAN_EXACT_RE.fullmatch(compact) else ""


def is_valid_iban(iban: str) -> bool:
    """Check the ISO 13616 mod-97 checksum of a normalised IBAN."""
    if not _IBAN_EXACT_RE.fullmatch(iban):
        return False
    return int((iban[4:] + iban[:4]).translate(_IBAN_DIGITS)) % 97 == 1


def clean_text(value: str | None) -> str:
    """Collapse runs of whitespace (line breaks included) into single spaces."""
    if not value:
        return ""
    return " ".join(value.split())


def parse_decimal(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """Parse a bank amount such as ``-1 234,56``, ``1.234,56``, ``1,234.56`` or ``12.5``.

    ``decimal_comma=None`` guesses from the text: the last of ``,``/``.`` is the
    decimal mark when both occur, a lone ``,`` is a decimal mark. Raises ``ValueError``.
    """
    raw = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if raw.startswith("+"):
        raw = raw[1:]
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1]
    if raw.endswith("-"):
        negative, raw = True, raw[:-1]
    if decimal_comma is None:
        if "," in raw and "." in raw:
            decimal_comma = raw.rfind(",") > raw.rfind(".")
        else:
            decimal_comma = "," in raw and raw.count(",") == 1
    raw = raw.replace(".", "").replace(",", ".") if decimal_comma else raw.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d*)?|-?\.\d+", raw):
        raise ValueError(f"not an amount: {text!r}")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - the regex above guards this
        raise ValueError(f"not an amount: {text!r}") from exc
    return -value if negative else value


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode statement bytes: a BOM, then ``declared``, then UTF-8, then the better of cp1250/cp852.

    The last step never fails; it picks the code page that yields more national
    letters, because Polish banks use both and rarely say which.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # then UTF-8 below, or the code-page guess if the BOM lied
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = ""
    best_score = -1
    for codec in ("cp1250", "cp852"):
        text = data.decode(codec, errors="replace")
        score = sum(1 for ch in text if ch in _NATIONAL_LETTERS)
        if score > best_score:
            best, best_score = text, score
    return best


def hash_id(*parts: object) -> str:
    """A stable id for a line whose format carries none: ``h`` + 24 hex digits of SHA-256."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return "h" + digest[:24]


def content_id(line: StatementLine, occurrence: int) -> str:
    """Hash id of account, date, amount, currency, text and position among identical lines."""
    return hash_id(
        line.account_iban,
        line.booked_on.isoformat(),
        str(line.amount),
        line.currency,
        line.counterparty,
        line.text,
        occurrence,
    )


def assign_ids(lines: Iterable[tuple[StatementLine, str]]) -> tuple[list[StatementLine], list[str]]:
    """Give every line its final id and make ids unique within the file.

    Takes ``(line, bank_id)`` pairs in file order; ``bank_id`` is the format's own
    reference or ``""``. Lines without one get a content hash that counts identical
    earlier lines, so a repeated payment keeps its own id and reparsing gives the
    same ids. A bank id seen twice becomes ``id#2``, ``id#3``... and a warning, so
    two transactions never collapse into one.
    """
    seen_content: Counter[tuple[object, ...]] = Counter()
    seen_ids: Counter[str] = Counter()
    out: list[StatementLine] = []
    warnings: list[str] = []
    for line, bank_id in lines:
        bank_id = bank_id.strip()
        if not bank_id or bank_id.upper() == "NONREF":
            key = (
                line.account_iban,
                line.booked_on,
                line.amount,
                line.currency,
                line.counterparty,
                line.text,
            )
            occurrence = seen_content[key]
            seen_content[key] += 1
            new_id = content_id(line, occurrence)
        else:
            new_id = bank_id
        seen_ids[new_id] += 1
        if seen_ids[new_id] > 1:
            count = seen_ids[new_id]
            warnings.append(
                f"transaction id {new_id!r} occurs more than once; occurrence {count} was given id "
                f"{new_id + '#' + str(count)!r}"
            )
            new_id = f"{new_id}#{count}"
            seen_ids[new_id] += 1
        # Importers build lines with the bank id already in place; copy only when it changes.
        out.append(line if line.id == new_id else replace(line, id=new_id))
    return out, warnings


def balance_warning(
    label: str, opening: Decimal | None, movements: Decimal, closing: Decimal | None, currency: str
) -> str | None:
    """Return the 'does not balance' warning for one statement, or ``None`` when it balances."""
    if opening is None or closing is None:
        return None
    if opening + movements == closing:
        return None
    return (
        f"{label}: statement does not balance: opening {opening} + movements {movements} "
        f"= {opening + movements} != closing {closing} {currency}"
    )
