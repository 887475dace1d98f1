"""OFX 1.x (SGML) and 2.x (XML) statements, read with ofxparse on clean, bounded input.

ofxparse is kept as the parser, but it is quadratic in the number of
transactions, guesses encodings badly, trips over odd headers and shifts
``DTPOSTED`` to naive UTC. So this module decodes the file itself, gives
ofxparse a fixed header and at most ``CHUNK`` ``<STMTTRN>`` per call (inside
the file's own envelope), checks that every raw ``<STMTTRN>`` came back, and
takes dates, currencies and accounts from the raw text.
"""

from __future__ import annotations

import bisect
import io
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledger import StatementError
from ledger.importers.common import CURRENCY_CODE, assign_ids, clean_text, normalize_iban, parse_decimal
from ledger.model import Statement, StatementLine

CHUNK = 100

_OFX_START = re.compile(rb"<OFX>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_STRUCTURE = re.compile(r"<(/?)(STMTTRN|BANKTRANLIST|INVBANKTRAN|STMTRS|CCSTMTRS|INVSTMTRS)>", re.IGNORECASE)
_AMOUNT = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
# "<NAME>x</NAME>" -> "<NAME>x": ofxparse's tag closing is quadratic in the number of closing tags.
_LEAF_CLOSE = re.compile(r"(<([A-Za-z0-9_.]+)>[^<]*)</\2>")
_STATUS = re.compile(
    r"<STATUS>\s*<CODE>\s*(\d+)[^<]*(?:</CODE>)?\s*<SEVERITY>([^<]*)(?:</SEVERITY>)?\s*(?:<MESSAGE>([^<]*))?",
    re.IGNORECASE,
)
_LEAF = re.compile(r"<([A-Za-z0-9_.]+)>([^<]*)")
# Whitespace between one <STMTTRN> aggregate and the next tag: a text node that ofxparse
# never reads but BeautifulSoup builds and every find() walks past (about 8% of its time).
_TXN_GAP = re.compile(r"(</?STMTTRN>)\s+(?=</?[A-Za-z0-9_.]+>)", re.IGNORECASE)
_TO_ACCOUNT = re.compile(r"<(?:BANKACCTTO|CCACCTTO)>.*?<ACCTID>([^<]*)", re.IGNORECASE | re.DOTALL)
# ofxparse gets this header whatever the file said: the body is re-encoded as UTF-8.
_CLEAN_HEADER = (
    b"OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:UTF-8\nCHARSET:NONE\n"
    b"COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n"
)
_CHARSETS = {
    "1252": "cp1252",
    "WINDOWS-1252": "cp1252",
    "1250": "cp1250",
    "WINDOWS-1250": "cp1250",
    "ISO-8859-1": "cp1252",
    "8859-1": "cp1252",
    "LATIN1": "cp1252",
    "ISO-8859-2": "iso-8859-2",
    "8859-2": "iso-8859-2",
    "ISO-8859-15": "iso-8859-15",
    "UTF-8": "utf-8",
    "UTF8": "utf-8",
    "UNICODE": "utf-8",
}


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    group: int


@dataclass(slots=True)
class _Group:
    """One statement aggregate (STMTRS/CCSTMTRS/INVSTMTRS) as the raw text shows it."""

    kind: str
    start: int
    account: str = ""
    currency: str = ""


def _declared_encoding(header: bytes) -> str | None:
    text = header.decode("ascii", errors="replace").upper()
    xml = re.search(r"ENCODING\s*=\s*[\"']([A-Z0-9_-]+)", text)
    if xml:
        return _CHARSETS.get(xml.group(1), xml.group(1).lower())
    charset = re.search(r"CHARSET\s*:\s*([A-Z0-9_-]+)", text)
    encoding = re.search(r"(?<![A-Z])ENCODING\s*:\s*([A-Z0-9_-]+)", text)
    if encoding and encoding.group(1) in ("UTF-8", "UNICODE"):
        return "utf-8"
    if charset and charset.group(1) != "NONE":
        return _CHARSETS.get(charset.group(1), f"cp{charset.group(1)}")
    return None


def _decode(data: bytes, source: str) -> tuple[str, int, list[str]]:
    """Return (text from <OFX> on, line number of <OFX>, warnings)."""
    found = _OFX_START.search(data)
    if found is None:
        raise StatementError("not an OFX file: there is no <OFX> element", source, "<OFX>")
    header, body = data[: found.start()], data[found.start() :]
    if b"\x00" in data:
        raise StatementError(
            "the file contains NUL bytes, so it is binary or damaged; download the statement again",
            source,
            "1",
        )
    first_line = header.count(b"\n") + 1
    notes: list[str] = []
    for encoding in (_declared_encoding(header), "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return body.decode(encoding), first_line, notes
        except (UnicodeDecodeError, LookupError):
            continue
    notes.append("the text is neither the declared charset, UTF-8 nor cp1252; read as ISO-8859-1")
    return body.decode("latin-1"), first_line, notes


def _raw_date(value: str) -> date | None:
    digits = value.strip()[:8]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _ofx_amount(raw: str) -> Decimal:
    """An OFX amount: a sign, digits and one '.' or ',' decimal mark (some banks send commas)."""
    if not _AMOUNT.fullmatch(raw):
        raise ValueError(raw)
    return Decimal(raw.replace(",", "."))


def _leaves(segment: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in _LEAF.finditer(segment):
        out.setdefault(match.group(1).upper(), match.group(2).strip())
    return out


def _scan(text: str) -> tuple[list[_Span], list[_Group]]:
    spans: list[_Span] = []
    groups: list[_Group] = []
    open_start: int | None = None
    for match in _STRUCTURE.finditer(text):
        closing, tag = match.group(1) == "/", match.group(2).upper()
        if tag == "STMTTRN":
            if closing:
                if open_start is not None:
                    spans.append(_Span(open_start, match.end(), len(groups) - 1))
                    open_start = None
                continue
            if open_start is not None:
                spans.append(_Span(open_start, match.start(), len(groups) - 1))
            open_start = match.start()
            continue
        if open_start is not None:
            spans.append(_Span(open_start, match.start(), len(groups) - 1))
            open_start = None
        if not closing and tag in ("STMTRS", "CCSTMTRS", "INVSTMTRS"):
            groups.append(_Group(tag, match.start()))
    if open_start is not None:
        spans.append(_Span(open_start, len(text), len(groups) - 1))
    return spans, groups


def _run_ofxparse(doc: str, source: str, where: str) -> object:
    from ofxparse import OfxParser
    from ofxparse.ofxparse import OfxParserException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sgml = _LEAF_CLOSE.sub(r"\1", doc)
            return OfxParser.parse(io.BytesIO(_CLEAN_HEADER + sgml.encode("utf-8")), fail_fast=False)
    except OfxParserException as exc:
        raise StatementError(
            f"OFX structure is broken: {clean_text(str(exc))}; export the file again", source, where
        ) from exc
    except Exception as exc:  # ofxparse and BeautifulSoup raise anything on damaged markup
        raise StatementError(
            f"OFX structure is broken ({type(exc).__name__}: {clean_text(str(exc))}); export the file again",
            source,
            where,
        ) from exc


def _bank_transactions(ofx: object) -> tuple[list[object], list[str]]:
    from ofxparse.ofxparse import Transaction

    found: list[object] = []
    discarded: list[str] = []
    for account in getattr(ofx, "accounts", []) or []:
        statement = getattr(account, "statement", None)
        if statement is None:
            continue
        found.extend(t for t in statement.transactions if type(t) is Transaction)
        discarded.extend(str(d.get("error", d)) for d in getattr(statement, "discarded_entries", []))
    return found, discarded


class OfxImporter:
    """OFX 1.x/2.x bank, credit-card and investment statements."""

    name = "ofx"

    def sniff(self, data: bytes, source: str) -> bool:
        """True when the first 64 KiB hold an OFX header or an ``<OFX>`` element."""
        head = data[:65536].lstrip()
        return head.upper().startswith(b"OFXHEADER") or _OFX_START.search(head) is not None

    def parse(self, data: bytes, source: str) -> Statement:
        """Parse a whole OFX file; any broken ``<STMTTRN>`` fails the file."""
        return parse_ofx(data, source)


def parse_ofx(data: bytes, source: str, *, chunk: int = CHUNK) -> Statement:
    """Parse OFX bytes into a ``Statement``; raises ``StatementError`` naming the line and tag."""
    text, first_line, notes = _decode(data, source)
    # Comments become blank lines so that positions still give the right line numbers.
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    spans, groups = _scan(text)

    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> str:
        return str(first_line + bisect.bisect_left(newlines, pos))

    for span in spans:
        if span.group < 0:
            raise StatementError(
                "<STMTTRN> outside of any statement (<STMTRS>/<CCSTMTRS>/<INVSTMTRS>); the file is damaged",
                source,
                line_of(span.start),
            )
    first_span: dict[int, int] = {}
    for span in spans:
        first_span.setdefault(span.group, span.start)
    for index, group in enumerate(groups):
        head_end = first_span.get(index)
        segment = text[group.start : head_end if head_end is not None else group.start + 4000]
        leaves = _leaves(segment)
        group.account = leaves.get("ACCTID", "")
        group.currency = leaves.get("CURDEF", "").upper()

    # The skeleton is the file without its <STMTTRN>; a chunk of consecutive ones goes back in
    # at its place. inserts[i] is where spans[i] sat in the skeleton.
    pieces: list[str] = []
    inserts: list[int] = []
    cursor = 0
    length = 0
    for span in spans:
        piece = text[cursor : span.start]
        pieces.append(piece)
        length += len(piece)
        inserts.append(length)
        cursor = span.end
    pieces.append(text[cursor:])
    skeleton = "".join(pieces)
    del pieces
    skeleton_ofx = _run_ofxparse(skeleton, source, "<OFX>")
    if getattr(skeleton_ofx, "accounts", None) is None:
        raise StatementError("OFX structure is broken: no accounts found", source, "<OFX>")

    raw_lines: list[tuple[StatementLine, str]] = []
    for start in range(0, len(spans), chunk):
        batch = list(range(start, min(start + chunk, len(spans))))
        # Keep a chunk inside one statement so ofxparse's account order does not matter.
        by_group: dict[int, list[int]] = {}
        for index in batch:
            by_group.setdefault(spans[index].group, []).append(index)
        for indexes in by_group.values():
            first, last = indexes[0], indexes[-1]
            doc = (
                skeleton[: inserts[first]]
                + _TXN_GAP.sub(r"\1", text[spans[first].start : spans[last].end])
                + skeleton[inserts[last] :]
            )
            raw_lines.extend(_parse_chunk(doc, text, spans, indexes, groups, source, line_of))

    invest_lines = _investment_lines(skeleton_ofx, source)
    lines, id_notes = assign_ids(raw_lines + invest_lines)
    found_notes: list[str] = []
    for match in _STATUS.finditer(skeleton):
        if match.group(1) != "0":
            message = clean_text(match.group(3) or "")
            found_notes.append(
                f"the bank's OFX server reported status {match.group(1)} ({match.group(2).strip()})"
                + (f": {message}" if message else "")
            )
    if not groups:
        found_notes.append("no bank, credit-card or investment statement in this OFX file")
    return Statement(
        source=source,
        format="ofx",
        lines=tuple(lines),
        warnings=tuple(notes + found_notes + id_notes),
    )


def _parse_chunk(
    doc: str,
    text: str,
    spans: list[_Span],
    indexes: list[int],
    groups: list[_Group],
    source: str,
    line_of: Callable[[int], str],
) -> list[tuple[StatementLine, str]]:
    """Run ofxparse on ``doc`` (the skeleton with ``spans[indexes]`` put back) and check what came out."""
    # Validate the raw entries first: the messages can then name the line and tag.
    prepared = [_prepare(text, spans[i], groups[spans[i].group], source, line_of) for i in indexes]
    where = f"{line_of(spans[indexes[0]].start)}"
    ofx = _run_ofxparse(doc, source, where)
    parsed, discarded = _bank_transactions(ofx)
    if discarded:
        raise StatementError(
            f"a <STMTTRN> is broken: {clean_text(discarded[0])}; export the file again", source, where
        )
    if len(parsed) != len(indexes):
        raise StatementError(
            f"the file has {len(indexes)} <STMTTRN> here but the OFX parser read {len(parsed)}; "
            "the OFX structure is damaged, export the file again",
            source,
            where,
        )
    out: list[tuple[StatementLine, str]] = []
    for (line, fitid), txn in zip(prepared, parsed, strict=True):
        amount = getattr(txn, "amount", None)
        if not isinstance(amount, Decimal):
            amount = Decimal(str(amount))
        if amount != line.amount:
            raise StatementError(
                f"<TRNAMT> read as {amount} by the OFX parser but {line.amount} in the text; "
                "export the file again",
                source,
                where,
            )
        out.append((line, fitid))
    return out


def _prepare(
    text: str, span: _Span, group: _Group, source: str, line_of: Callable[[int], str]
) -> tuple[StatementLine, str]:
    segment = text[span.start : span.end]
    leaves = _leaves(segment)
    where = line_of(span.start)
    fitid = leaves.get("FITID", "")
    label = f"<STMTTRN> FITID {fitid!r}" if fitid else "<STMTTRN>"
    posted_raw = leaves.get("DTPOSTED")
    if posted_raw is None:
        raise StatementError(f"{label} has no <DTPOSTED>; export the file again", source, where)
    booked_on = _raw_date(posted_raw)
    if booked_on is None:
        raise StatementError(
            f"{label} <DTPOSTED> {posted_raw!r} is not a date (YYYYMMDD...)", source, line_of(span.start)
        )
    amount_raw = leaves.get("TRNAMT")
    if amount_raw is None:
        raise StatementError(f"{label} has no <TRNAMT>; export the file again", source, where)
    try:
        amount = Decimal(0) if amount_raw.lower() in ("null", "-null") else _ofx_amount(amount_raw)
    except ValueError:
        raise StatementError(
            f"{label} <TRNAMT> {amount_raw!r} is not an amount; export the file again", source, where
        ) from None
    if amount == 0:
        amount = abs(amount)  # "-0" is zero, not a debit
    currency = group.currency
    original_amount: Decimal | None = None
    original_currency: str | None = None
    upper = segment.upper()
    cursym = leaves.get("CURSYM", "").upper()
    if "<ORIGCURRENCY>" in upper and cursym:
        # The amount is already in CURDEF; CURRATE converts the original into it.
        original_currency = cursym
        rate_raw = leaves.get("CURRATE", "")
        try:
            rate = parse_decimal(rate_raw) if rate_raw else None
        except ValueError:
            rate = None
        if rate:
            original_amount = (amount / rate).quantize(Decimal("0.01"))
    elif "<CURRENCY>" in upper and cursym:
        currency = cursym
    if not currency:
        raise StatementError(
            f"{label} has no currency: <CURDEF> of its statement is empty; export the file again",
            source,
            where,
        )
    if not CURRENCY_CODE.fullmatch(currency):
        raise StatementError(
            f"{label} currency {currency!r} is not a three-letter ISO 4217 code; export the file again",
            source,
            where,
        )
    avail = _raw_date(leaves.get("DTAVAIL", ""))
    name = clean_text(leaves.get("NAME", "") or leaves.get("PAYEE", ""))
    memo = clean_text(leaves.get("MEMO", ""))
    to_account = ""
    to_match = _TO_ACCOUNT.search(segment) if "ACCTTO>" in upper else None
    if to_match:
        to_account = normalize_iban(to_match.group(1))
    extra: list[tuple[str, str]] = []
    for key in ("CHECKNUM", "REFNUM", "SIC"):
        if leaves.get(key):
            extra.append((key.lower(), leaves[key]))
    line = StatementLine(
        id=fitid,
        booked_on=booked_on,
        amount=amount,
        currency=currency,
        value_on=avail,
        original_amount=original_amount,
        original_currency=original_currency if original_currency != currency else None,
        counterparty=name,
        counterparty_iban=to_account,
        text=memo or name,
        account_iban=normalize_iban(group.account) or group.account.strip(),
        bank_code=leaves.get("TRNTYPE", "").upper(),
        extra=tuple(extra),
    )
    return line, fitid


def _investment_lines(ofx: object, source: str) -> list[tuple[StatementLine, str]]:
    """Investment trades (BUYSTOCK, INCOME...): the amount is ``TOTAL``, in the statement currency."""
    from ofxparse.ofxparse import InvestmentTransaction

    out: list[tuple[StatementLine, str]] = []
    for account in getattr(ofx, "accounts", []) or []:
        statement = getattr(account, "statement", None)
        if statement is None:
            continue
        currency = (getattr(statement, "currency", "") or getattr(account, "curdef", "") or "").upper()
        for txn in statement.transactions:
            if not isinstance(txn, InvestmentTransaction):
                continue
            when = txn.tradeDate or txn.settleDate
            if when is None:
                raise StatementError(
                    f"investment transaction {txn.id!r} has no <DTTRADE>; export the file again",
                    source,
                    f"<{txn.type.upper()}>",
                )
            if not currency:
                raise StatementError(
                    "investment statement has no <CURDEF>; export the file again", source, "<INVSTMTRS>"
                )
            if not CURRENCY_CODE.fullmatch(currency):
                raise StatementError(
                    f"investment statement currency {currency!r} is not a three-letter ISO 4217 code; "
                    "export the file again",
                    source,
                    "<INVSTMTRS>",
                )
            total = txn.total if isinstance(txn.total, Decimal) else Decimal(str(txn.total or 0))
            line = StatementLine(
                id=txn.id or "",
                booked_on=when.date(),
                amount=total,
                currency=currency,
                value_on=txn.settleDate.date() if txn.settleDate else None,
                text=clean_text(txn.memo),
                account_iban=str(getattr(account, "account_id", "") or ""),
                bank_code=txn.type.upper(),
                extra=(("security", str(txn.security)),) if txn.security else (),
            )
            out.append((line, txn.id or ""))
    return out


IMPORTER = OfxImporter()
