"""SWIFT MT940 statements, with the structured ``:86:`` layouts of Polish, German and Dutch banks.

mt-940's whole-file parser silently drops transactions on some real layouts
(1 of 39 on an old Rabobank file) and stops on others (a ``:28C:`` value on two
lines, a counterparty name after ``:61:``). So this module splits the file into
statements and tags itself, tolerantly, and hands each ``:61:`` statement line
to mt-940's own tag parser, falling back to a lenient pattern only when that
fails. The number of transactions always equals the number of ``:61:`` lines.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger import StatementError
from ledger.importers.common import (
    assign_ids,
    balance_warning,
    clean_text,
    decode_text,
    is_valid_iban,
    normalize_iban,
    parse_decimal,
)
from ledger.model import Statement, StatementLine

_TAG_START = re.compile(r"^[ \t]*:(\d{2}[A-Za-z]?|NS):", re.MULTILINE)
_RAW_61 = re.compile(r"^\s*:61:", re.MULTILINE)
# A tag broken after its first colon (":" alone, then "86:..."), seen in Sparkasse files.
_BROKEN_COLON = re.compile(r"^[ \t]*:[ \t]*\n(?=[ \t]*(?:\d{2}[A-Za-z]?|NS):)", re.MULTILINE)
_ENVELOPE = re.compile(r"\{[1-3]:[^{}\n]*\}|\{4:|^-\}?[ \t]*$|^\}[ \t]*$", re.MULTILINE)
_SNIFF = re.compile(rb"(?m)^\s*:(?:20|25|28C?|60F|61|62F):")
_BALANCE = re.compile(r"^([CD])(\d{6})([A-Z]{3})([\d,.]+)", re.IGNORECASE)
_LENIENT_61 = re.compile(
    r"""^(?P<year>\d{2})(?P<month>\d{2})(?P<day>\d{2})
    (?P<entry_month>\d{2})?(?P<entry_day>\d{2})?\s*
    (?P<status>R?[DC])(?P<funds_code>[A-Z](?=[\d.,\s]))?\s*
    (?P<amount>\d[\d,.]*)
    (?P<id>[A-Z][A-Z0-9 ]{3})?
    (?P<customer_reference>.*?)
    (?://(?P<bank_reference>[^\n]*))?$""",
    re.IGNORECASE | re.VERBOSE,
)
_FREE_ACCOUNT = re.compile(r"\bRACH(?:\.|UNEK|UNKU)?\s*:?\s*((?:PL)?\d{2}(?: ?\d{4}){6})\b")
_FREE_IBAN = re.compile(r"\b[A-Z]{2}\d{2}[A-Z0-9]{10,30}\b")
_SUBFIELD_START = re.compile(r"^(\d{3})?\s*([?~^])(\d{2})")
_SEPA_KEYWORD = re.compile(r"^[A-Z]{4}[+:]")
_KEYS = (
    "EREF|PREF|MARF|CSID|CNTP|REMI|PURP|ISDT|RTRN|ORDP|BENM|NAME|ADDR|IBAN|BIC|ID|TRTP|SVCL|ULTC|ULTD|ULTB|"
    "OCMT|CHGS|EXCH|FX|ABIC"
)
_OCMT = re.compile(r"/OCMT/([A-Z]{3})(\d[\d.,]*)")
_KEYED = re.compile(rf"/({_KEYS})/")


@dataclass(slots=True)
class _Record:
    tag: str
    value: str
    line: int


@dataclass(slots=True)
class _Block:
    reference: str = ""
    line: int = 0
    account: str = ""
    currency: str = ""
    opening: Decimal | None = None
    closing: Decimal | None = None
    closing_currency: str = ""
    movements: Decimal = Decimal(0)
    transactions: list[tuple[_Record, list[_Record]]] = field(default_factory=list)


class Mt940Importer:
    """SWIFT MT940 statements; MT942 interim reports are refused with a message naming them."""

    name = "mt940"

    def sniff(self, data: bytes, source: str) -> bool:
        """True when the text has MT940 tags such as ``:20:``, ``:25:``, ``:60F:`` or ``:61:`` at line starts."""
        head = data[:65536]
        if head.lstrip().startswith(b"<"):
            return False
        return len({m.group(0).strip() for m in _SNIFF.finditer(head)}) >= 1 and (
            b":61:" in head or b":60F:" in head or b":25:" in head
        )

    def parse(self, data: bytes, source: str) -> Statement:
        """Parse a whole MT940 file; a broken ``:61:`` fails the file."""
        return parse_mt940(data, source)


def _tokenize(text: str) -> list[_Record]:
    """Split MT940 text into tags with their (possibly multi-line) values and first line numbers."""
    matches = list(_TAG_START.finditer(text))
    records: list[_Record] = []
    line, pos = 1, 0
    for index, match in enumerate(matches):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end]
        if "\n" in value:
            value = "\n".join(part.rstrip() for part in value.split("\n")).rstrip("\n")
        else:
            value = value.rstrip()
        records.append(_Record(match.group(1).upper(), value, line))
    return records


def _blocks(records: list[_Record], notes: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    last_61: tuple[_Record, list[_Record]] | None = None
    for rec in records:
        if rec.tag == "20" or current is None:
            current = _Block(line=rec.line)
            blocks.append(current)
            last_61 = None
        if rec.tag == "20":
            current.reference = clean_text(rec.value)
        elif rec.tag == "25":
            current.account = clean_text(rec.value).lstrip("/")
        elif rec.tag in ("60F", "60M", "60"):
            balance = _balance(rec, notes)
            if balance is not None and current.opening is None:
                current.opening, current.currency = balance
            elif balance is None and not current.currency and blocks[:-1]:
                current.currency = blocks[-2].currency  # same account, a balance we could not read
        elif rec.tag in ("62F", "62M", "62"):
            balance = _balance(rec, notes)
            if balance is not None:
                current.closing, current.closing_currency = balance
        elif rec.tag == "61":
            last_61 = (rec, [])
            current.transactions.append(last_61)
        elif rec.tag == "86" and last_61 is not None:
            last_61[1].append(rec)
    return blocks


def _balance(rec: _Record, notes: list[str]) -> tuple[Decimal, str] | None:
    """Read a balance; an unreadable one only costs the balance check, so it is a warning."""
    value = rec.value.replace("\n", "").strip()
    match = _BALANCE.match(value)
    amount: Decimal | None = None
    if match:
        try:
            amount = parse_decimal(match.group(4), decimal_comma="," in match.group(4))
        except ValueError:
            amount = None
    if match is None or amount is None:
        notes.append(
            f"line {rec.line}: :{rec.tag}: balance {value!r} is not <C|D><YYMMDD><currency><amount>; "
            "the balance check skips it"
        )
        return None
    return (-amount if match.group(1).upper() == "D" else amount), match.group(3).upper()


def parse_mt940(data: bytes, source: str) -> Statement:
    """Parse MT940 bytes into a ``Statement``; raises ``StatementError`` with the line number."""
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise StatementError("the file contains NUL bytes; it is binary or damaged", source, "1")
    text = _BROKEN_COLON.sub(":", _ENVELOPE.sub("", text))
    records = _tokenize(text)
    tags = {rec.tag for rec in records}
    if not records:
        raise StatementError(
            "no MT940 tags (:20:, :25:, :61:...) found; this is not an MT940 file", source, "1"
        )
    if not tags & {"60F", "60M", "60", "62F", "62M"} and tags & {"34F", "13D", "90D", "90C"}:
        raise StatementError(
            "this is an MT942 interim transaction report, not an MT940 statement; its entries are not "
            "final, import the end-of-day MT940 instead",
            source,
            str(records[0].line),
        )
    notes: list[str] = []
    blocks = _blocks(records, notes)
    raw_count = len(_RAW_61.findall(text))
    pairs: list[tuple[StatementLine, str]] = []
    from mt940.models import Transactions
    from mt940.options import Options
    from mt940.tags import Statement as StatementTag

    context = Transactions(options=Options(reversal_sign=True, case_insensitive_marks=True))
    tag61 = StatementTag()
    for block in blocks:
        if block.transactions and not block.currency:
            raise StatementError(
                "the statement has no currency: there is no :60F: opening balance before its :61: lines; "
                "export the complete MT940 statement",
                source,
                str(block.transactions[0][0].line),
            )
        account = _account(block.account, block.currency)
        for rec, details in block.transactions:
            line, bank_id = _transaction(rec, details, block, account, context, tag61, source)
            block.movements += line.amount
            pairs.append((line, bank_id))
        if block.transactions or block.opening is not None:
            label = f"statement :20:{block.reference} (line {block.line})"
            if block.closing_currency and block.closing_currency != block.currency:
                continue
            warning = balance_warning(label, block.opening, block.movements, block.closing, block.currency)
            if warning:
                notes.append(warning)
    if len(pairs) != raw_count:  # the tokenizer and this count must agree, or a line went missing
        raise StatementError(
            f"read {len(pairs)} transactions but the file has {raw_count} :61: lines; report this file",
            source,
            "1",
        )
    lines, id_notes = assign_ids(pairs)
    return Statement(source=source, format="mt940", lines=tuple(lines), warnings=tuple(notes + id_notes))


def _account(raw: str, currency: str) -> str:
    """The :25: account as an IBAN when it holds one, else the bank's account number without currency."""
    compact = re.sub(r"\s", "", raw)
    # "NL77INGB0574908765EUR", "1017.490.554EUR": some banks append the currency.
    bare = compact[:-3] if len(compact) > 3 and compact[-3:].isalpha() else compact
    for candidate in (compact, bare, *bare.split("/")):
        iban = normalize_iban(candidate)
        if iban and is_valid_iban(iban):
            return iban
    return bare


def _to_date(value: Any) -> date:
    return date(value.year, value.month, value.day)


def _parse_61(
    rec: _Record, currency: str, context: Any, tag61: Any, source: str
) -> tuple[date, date | None, Decimal, bool, str, str, str]:
    """Return (booked_on, value_on, amount, is_reversal, bank_reference, customer_reference, extra)."""
    value = rec.value.strip()
    first, _, rest = value.partition("\n")
    for candidate, remainder in ((value, ""), (first, rest)):
        # The tag's own pattern, matched here so a miss is not logged as an error by mt-940.
        match = tag61.re.match(candidate)
        if match is None or candidate[match.end("amount") : match.end("amount") + 1] == ".":
            continue  # no match, or an amount with a '.' decimal that mt-940 would cut short
        parsed = match.groupdict()
        parsed["currency"] = currency
        try:
            result = tag61(context, parsed)
        except (RuntimeError, ValueError, TypeError, KeyError, ArithmeticError):
            continue
        value_on = _to_date(result["date"])
        entry = result.get("entry_date")
        booked_on = _to_date(entry) if entry else value_on
        status = str(parsed.get("status") or "").upper()
        extra = "\n".join(p for p in (str(result.get("extra_details") or ""), remainder) if p.strip())
        return (
            booked_on,
            value_on,
            Decimal(result["amount"].amount),
            status.startswith("R"),
            str(result.get("bank_reference") or "").strip(),
            str(result.get("customer_reference") or "").strip(),
            extra,
        )
    # mt-940 rejects it (e.g. '.' decimals, a long customer reference): the lenient pattern.
    joined = first if _LENIENT_61.match(first) else value.replace("\n", "", 1)
    match = _LENIENT_61.match(joined.split("\n")[0])
    if not match:
        raise StatementError(
            f":61: statement line {first!r} is not <YYMMDD>[MMDD]<C|D|RC|RD><amount>...; "
            "the file is damaged, export it again",
            source,
            str(rec.line),
        )
    groups = match.groupdict()
    try:
        year = 2000 + int(groups["year"])
        month = int(groups["month"])
        day = min(int(groups["day"]), calendar.monthrange(year, month)[1])
        value_on = date(year, month, day)
        booked_on = value_on
        if groups["entry_month"] and groups["entry_day"]:
            e_month, e_day = int(groups["entry_month"]), int(groups["entry_day"])
            e_year = year
            if value_on.month == 12 and e_month == 1:
                e_year += 1
            elif value_on.month == 1 and e_month == 12:
                e_year -= 1
            booked_on = date(e_year, e_month, min(e_day, calendar.monthrange(e_year, e_month)[1]))
        raw_amount = groups["amount"]
        amount = parse_decimal(raw_amount, decimal_comma="," in raw_amount)
    except ValueError:
        raise StatementError(
            f":61: statement line {first!r} has an impossible date or amount", source, str(rec.line)
        ) from None
    status = groups["status"].upper()
    if status in ("D", "RC"):
        amount = -amount
    rest_lines = "\n".join(value.split("\n")[1:])
    return (
        booked_on,
        value_on,
        amount,
        status.startswith("R"),
        (groups.get("bank_reference") or "").strip(),
        (groups.get("customer_reference") or "").strip(),
        rest_lines,
    )


def _transaction(
    rec: _Record,
    details: list[_Record],
    block: _Block,
    account: str,
    context: Any,
    tag61: Any,
    source: str,
) -> tuple[StatementLine, str]:
    booked_on, value_on, amount, is_reversal, bank_ref, customer_ref, supplementary = _parse_61(
        rec, block.currency, context, tag61, source
    )
    info = _parse_86("\n".join(d.value for d in details), account)
    if amount == 0:
        amount = abs(amount)
    extra: list[tuple[str, str]] = []
    if customer_ref and customer_ref.upper() != "NONREF":
        extra.append(("customer_reference", customer_ref))
    if supplementary.strip():
        extra.append(("supplementary", clean_text(supplementary)))
    original_amount = info.get("original_amount")
    original_currency = info.get("original_currency")
    if original_amount is None:
        # Some banks put the original amount in the :61: supplementary details: /OCMT/EUR100,00/
        original_amount, original_currency = _ocmt(supplementary)
    if original_currency == block.currency:
        original_amount = original_currency = None
    elif original_amount is not None and amount < 0:
        original_amount = -abs(original_amount)
    line = StatementLine(
        id=bank_ref,
        booked_on=booked_on,
        amount=amount,
        currency=block.currency,
        value_on=value_on,
        original_amount=original_amount,
        original_currency=original_currency,
        counterparty=info.get("counterparty", ""),
        counterparty_iban=info.get("counterparty_iban", ""),
        text=info.get("text", ""),
        account_iban=account,
        reference=info.get("reference", ""),
        is_reversal=is_reversal,
        bank_code=info.get("bank_code", ""),
        extra=tuple(extra),
    )
    return line, bank_ref


def _join_wrapped(lines: list[str]) -> str:
    """Rejoin ``:86:`` lines: a full 65-character line was wrapped mid-word, a shorter one ended a phrase."""
    out = ""
    for index, line in enumerate(lines):
        if index and len(lines[index - 1]) < 60 and not out.endswith(" "):
            out += " "
        out += line
    return out


def _polish_iban(bank: str, number: str) -> str:
    nrb = re.sub(r"\D", "", bank) + re.sub(r"\D", "", number)
    if len(nrb) == 24:
        check = 98 - int(nrb + "252100") % 97
        return f"PL{check:02d}{nrb}"
    if len(nrb) == 26 and is_valid_iban("PL" + nrb):
        return "PL" + nrb
    return ""


def _parse_86(raw: str, account: str) -> dict[str, Any]:
    """Counterparty, IBAN, remittance text and codes from an ``:86:`` field (structured or free)."""
    if not raw.strip():
        return {}
    lines = [line.rstrip("\r") for line in raw.split("\n")]
    structured = _SUBFIELD_START.match(lines[0].lstrip())
    if structured:
        return _parse_subfields("".join(line.strip("\r") for line in lines).lstrip(), structured, account)
    joined = "".join(lines).strip()
    if joined.startswith("/") and _KEYED.search(joined):
        return _parse_keyed(joined)
    text = clean_text(_join_wrapped(lines))
    return {"text": text, "counterparty_iban": _free_text_iban(text, account)}


def _free_text_iban(text: str, account: str) -> str:
    """The counterparty account in free text: an IBAN, or a Polish 26-digit number after "RACH.:".

    The statement's own account is skipped: banks often repeat it in the details.
    """
    for match in _FREE_ACCOUNT.finditer(text.upper()):
        compact = re.sub(r"\s", "", match.group(1))
        candidate = compact if compact[:2].isalpha() else "PL" + compact
        if candidate != account and is_valid_iban(candidate):
            return candidate
    for match in _FREE_IBAN.finditer(text.upper()):
        candidate = normalize_iban(match.group(0))
        if candidate and candidate != account and is_valid_iban(candidate):
            return candidate
    return ""


def _parse_subfields(joined: str, start: re.Match[str], account: str) -> dict[str, Any]:
    separator = start.group(2)
    code = start.group(1) or ""
    body = joined[len(code) :].lstrip() if code else joined
    parts = re.split(rf"\{separator}(\d{{2}})", body)
    fields: dict[int, list[str]] = {}
    for key, value in zip(parts[1::2], parts[2::2], strict=True):
        fields.setdefault(int(key), []).append(value)

    def chunks(*keys: int) -> str:
        out = ""
        for key in keys:
            for value in fields.get(key, []):
                if out and _SEPA_KEYWORD.match(value) and not out.endswith(" "):
                    out += " "
                out += value
        return clean_text(out)

    if separator == "~":
        # Polish layout: ~20..~25 title, ~27..~29 and ~32..~33 name, ~62..~63 the counterparty's address.
        text = chunks(*range(20, 26))
        name = chunks(27, 28, 29, 32, 33)
    else:
        # German layout: ?20..?29 and ?60..?63 purpose, ?32..?33 name.
        text = chunks(*range(20, 30), *range(60, 64))
        name = chunks(32, 33)
    iban = normalize_iban(chunks(38))
    if not iban:
        candidate = normalize_iban(chunks(31))
        iban = candidate if candidate and is_valid_iban(candidate) else ""
    if not iban and account.startswith("PL") and separator == "~":
        iban = _polish_iban(chunks(30), chunks(31))
    return {
        "text": text,
        "counterparty": name,
        "counterparty_iban": iban if iban and is_valid_iban(iban) else "",
        "bank_code": code,
    }


def _parse_keyed(joined: str) -> dict[str, Any]:
    parts = _KEYED.split(joined)
    values: dict[str, str] = {}
    for key, value in zip(parts[1::2], parts[2::2], strict=True):
        values.setdefault(key, value.strip("/ "))
    name = values.get("NAME", "")
    iban = values.get("IBAN", "")
    if "CNTP" in values:
        cntp = values["CNTP"].split("/")
        iban = iban or (cntp[0] if cntp else "")
        name = name or (cntp[2] if len(cntp) > 2 else "")
    remi = values.get("REMI", "")
    reference = ""
    if remi.upper().startswith("USTD"):
        remi = remi[4:].lstrip("/")
    elif remi.upper().startswith("STRD"):
        reference = remi.split("/")[-1].strip()
        remi = reference
    out: dict[str, Any] = {
        "text": clean_text(remi) or clean_text(joined),
        "counterparty": clean_text(name),
        "counterparty_iban": normalize_iban(iban),
        "reference": reference,
    }
    out["original_amount"], out["original_currency"] = _ocmt("/OCMT/" + values.get("OCMT", ""))
    return out


def _ocmt(text: str) -> tuple[Decimal | None, str | None]:
    """The original amount of an ``/OCMT/EUR100,00/`` code, or ``(None, None)``."""
    match = _OCMT.search(text)
    if not match:
        return None, None
    try:
        return parse_decimal(match.group(2), decimal_comma="," in match.group(2)), match.group(1)
    except ValueError:
        return None, None


IMPORTER = Mt940Importer()
