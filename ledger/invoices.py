"""Invoice and customer exports from accounting software: CSV or JSON, with column mapping.

The canonical CSV has the header
``number,customer_id,customer_name,customer_vat_id,customer_iban,email,language,
issue_date,due_date,total,currency,paid`` plus the optional ``corrects`` and ``tags``.
Any other export is read through an :class:`InvoiceMapping` (the ``[import.invoices]``
table of the rules file). A file is imported whole or not at all: every bad row is
reported in one :class:`ledger.InvoiceImportError`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from ledger import InvoiceImportError
from ledger.model import Contact, Customer, Invoice

__all__ = [
    "CreditNoteApplication",
    "InvoiceChanges",
    "InvoiceExport",
    "InvoiceMapping",
    "normalize_iban",
    "parse_amount",
    "parse_customers",
    "parse_invoices",
    "reconcile_export",
]

INVOICE_COLUMNS = (
    "number",
    "customer_id",
    "customer_name",
    "customer_vat_id",
    "customer_iban",
    "email",
    "language",
    "issue_date",
    "due_date",
    "total",
    "currency",
    "paid",
    "corrects",
    "tags",
)
CUSTOMER_COLUMNS = ("id", "name", "vat_id", "iban", "email", "language", "tags", "do_not_contact")
MAX_REPORTED_PROBLEMS = 20
SUPPORTED_ENCODINGS = ("utf-8", "utf-8-sig", "cp1250", "iso-8859-2", "iso-8859-1", "cp1252", "utf-16")

_SPACES = " \u00a0\u202f\u2009\u2007"
_CURRENCY = re.compile(r"[A-Z]{3}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")
# A currency written next to the amount ("1 234,56 zł", "€1,234.56", "PLN 100").
_CURRENCY_MARK = re.compile(r"^\s*(?:[A-Z]{3}|zł|ZŁ|€|\$|£)\s*|\s*(?:[A-Z]{3}|zł|ZŁ|€|\$|£)\s*$")
_LANGUAGE = re.compile(r"[a-z]{2}")
_PLAIN_AMOUNT = re.compile(r"-?\d+(?:[.,]\d+)?")
_MINUS = "-\u2212\u2013"


@dataclass(frozen=True, slots=True)
class InvoiceMapping:
    """How to read an invoice or customer export; field names are the keys of ``[import.invoices]``.

    Every default means "canonical CSV".

    - ``format``: ``"csv"`` or ``"json"`` (a list of objects, or ``{"invoices": [...]}``).
    - ``delimiter``: the CSV field separator, e.g. ``","``, ``";"`` or ``"\\t"``.
    - ``quotechar``: the CSV quote character.
    - ``encoding``: ``utf-8`` (a byte-order mark is skipped), ``utf-8-sig``, ``cp1250``,
      ``iso-8859-2``, ``iso-8859-1``, ``cp1252`` or ``utf-16``.
    - ``decimal_comma``: amounts are written ``1234,56`` (``"1.234,56"`` and ``"12 345,67"`` too).
    - ``thousands_separators``: characters allowed between digit groups; empty means
      spaces and no-break spaces, plus ``.`` with ``decimal_comma`` or ``,`` without.
    - ``date_formats``: ``strptime`` formats tried in order, e.g. ``["%d.%m.%Y"]``.
    - ``columns``: canonical column name -> header in the file, e.g.
      ``{number = "Numer", due_date = "Termin płatności"}``; unmapped columns use their
      canonical name. Headers are compared without case and surrounding spaces. Canonical
      names: number, customer_id, customer_name, customer_vat_id, customer_iban, email,
      language, issue_date, due_date, total, currency, paid, corrects, tags (for a
      customers export: id, name, vat_id, iban, email, language, tags, do_not_contact).
    - ``skip_rows``: lines to skip before the header (titles some programs write).
    - ``mode``: ``"full"`` (the export lists every open invoice; missing ones are closed)
      or ``"incremental"`` (only new and changed invoices; missing ones are left alone).
    - ``default_currency``: currency when the file has no currency column or an empty cell.
    - ``list_separator``: separates several e-mails, IBANs or tags in one cell.
    """

    format: str = "csv"
    delimiter: str = ","
    quotechar: str = '"'
    encoding: str = "utf-8"
    decimal_comma: bool = False
    thousands_separators: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    columns: dict[str, str] = field(default_factory=dict)
    skip_rows: int = 0
    mode: str = "full"
    default_currency: str | None = None
    list_separator: str = ";"


@dataclass(frozen=True, slots=True)
class InvoiceExport:
    """The invoices and customers read from one export, plus non-fatal warnings."""

    source: str
    invoices: tuple[Invoice, ...]
    customers: tuple[Customer, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CreditNoteApplication:
    """A credit note that reduced the total of the invoice it corrects by ``amount`` (positive)."""

    credit_note: str
    invoice_number: str
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class InvoiceChanges:
    """What an export changes in the known books.

    ``new`` and ``updated`` hold invoices with credit notes already applied to their
    totals; ``closed`` holds the known open invoices missing from a full export;
    ``unapplied_credit_notes`` are credit notes whose target is unknown (or that
    correct nothing): a person decides. ``changed_fields`` names, per updated invoice,
    the fields that changed (e.g. ``("due_on", "paid")``).
    """

    new: tuple[Invoice, ...] = ()
    updated: tuple[Invoice, ...] = ()
    unchanged: tuple[str, ...] = ()
    closed: tuple[Invoice, ...] = ()
    credit_notes: tuple[CreditNoteApplication, ...] = ()
    unapplied_credit_notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    changed_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()


class _Problems:
    """Collects row problems; raises one error naming all of them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[tuple[str, str]] = []
        self.total = 0

    def add(self, location: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED_PROBLEMS:
            self.items.append((location, message))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        text = "; ".join(message for _, message in self.items)
        if self.total > len(self.items):
            text += f"; and {self.total - len(self.items)} more problems"
        raise InvoiceImportError(text, self.source, self.items[0][0])


# --- values -----------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def normalize_iban(text: str) -> str:
    """An account number in the form used for comparisons: upper case, no spaces or dashes."""
    return re.sub(r"[\s\-\u00a0]", "", text).upper()


def parse_amount(text: str, decimal_comma: bool = False, thousands: tuple[str, ...] = ()) -> Decimal:
    """A money amount as written in an export ("12 345,67", "1,234.56", "-5"); ValueError if not."""
    raw = _CURRENCY_MARK.sub("", text).strip()
    if not raw:
        raise ValueError("empty")
    if _PLAIN_AMOUNT.fullmatch(raw):
        # The common case, "1234.56" (or "1234,56" with decimal_comma): no grouping to check.
        if decimal_comma:
            if "." not in raw:
                return Decimal(raw.replace(",", "."))
        elif "," not in raw:
            return Decimal(raw)
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1].strip()
    if raw and raw[0] in _MINUS:
        negative, raw = not negative, raw[1:].strip()
    elif raw and raw[-1] in _MINUS:
        negative, raw = not negative, raw[:-1].strip()
    elif raw.startswith("+"):
        raw = raw[1:].strip()
    decimal_mark = "," if decimal_comma else "."
    separators = set(thousands) if thousands else set(_SPACES) | {"." if decimal_comma else ",", "'"}
    separators.discard(decimal_mark)
    integer, _, fraction = raw.rpartition(decimal_mark) if decimal_mark in raw else (raw, "", "")
    if decimal_mark in raw and not fraction.isdigit():
        raise ValueError("bad fraction")
    if decimal_mark not in raw:
        integer = raw
    groups = (
        re.split("|".join(re.escape(s) for s in sorted(separators)), integer) if separators else [integer]
    )
    if not groups or not all(g.isascii() and g.isdigit() for g in groups):
        raise ValueError("not a number")
    # Digit groups after the first must have exactly three digits, so "1.5" with a
    # decimal comma is rejected instead of silently read as fifteen.
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError("bad digit grouping")
    value = Decimal("".join(groups) + ("." + fraction if fraction else ""))
    return -value if negative else value


def _describe_amount_format(mapping: InvoiceMapping) -> str:
    return "1 234,56 (decimal_comma = true)" if mapping.decimal_comma else "1234.56"


@lru_cache(maxsize=4096)
def _parse_date(text: str, formats: tuple[str, ...]) -> date:
    raw = text.strip()
    for fmt in formats:
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    # An ISO 8601 timestamp ("2026-01-15T00:00:00", JSON exports) is unambiguous.
    if _ISO_DATE.match(raw):
        try:
            return datetime.fromisoformat(raw).date()
        except ValueError:
            pass
    raise ValueError(raw)


def _split_list(text: str, separator: str) -> tuple[str, ...]:
    if separator not in text and "," not in text:
        item = text.strip()
        return (item,) if item else ()
    parts = re.split(f"[{re.escape(separator)},]", text)
    return tuple(p.strip() for p in parts if p.strip())


def _bool(text: str) -> bool:
    return text.strip().lower() in {"1", "true", "yes", "y", "t", "tak", "x"}


# --- reading rows -----------------------------------------------------------------------------


def _decode(data: bytes, source: str, mapping: InvoiceMapping) -> str:
    encoding = mapping.encoding.lower().replace("_", "-")
    if encoding not in SUPPORTED_ENCODINGS:
        raise InvoiceImportError(
            f"encoding {mapping.encoding!r} is not supported; use one of {', '.join(SUPPORTED_ENCODINGS)}",
            source,
        )
    if encoding == "utf-8":
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvoiceImportError(
            f"byte {data[exc.start : exc.start + 1]!r} cannot be read as {mapping.encoding}; "
            'set encoding (e.g. encoding = "cp1250") in [import.invoices]',
            source,
            str(line),
        ) from exc


def _rows(
    data: bytes, source: str, mapping: InvoiceMapping, key: str
) -> tuple[list[tuple[str, Mapping[str, Any]]], list[str]]:
    """(location, record) pairs from CSV or JSON, plus the header names found."""
    text = _decode(data, source, mapping)
    if mapping.format == "json":
        try:
            doc = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise InvoiceImportError(f"not valid JSON: {exc.msg}", source, str(exc.lineno)) from exc
        if isinstance(doc, dict) and isinstance(doc.get(key), list):
            doc, prefix = doc[key], key
        else:
            prefix = ""
        if not isinstance(doc, list):
            raise InvoiceImportError(f"expected a list of objects or {{{key!r}: [...]}}", source)
        rows: list[tuple[str, Mapping[str, Any]]] = []
        headers: set[str] = set()
        for i, item in enumerate(doc):
            loc = f"{prefix}[{i}]"
            if not isinstance(item, dict):
                raise InvoiceImportError(f"item {loc} is not an object", source, loc)
            rows.append((loc, item))
            headers.update(str(k) for k in item)
        return rows, sorted(headers)
    if mapping.format != "csv":
        raise InvoiceImportError(f'format {mapping.format!r} is unknown; use "csv" or "json"', source)
    lines = io.StringIO(text, newline="")
    for _ in range(mapping.skip_rows):
        lines.readline()
    delimiter = "\t" if mapping.delimiter in ("\\t", "tab") else mapping.delimiter
    # Excel writes "sep=;" as the first line when it saves for another locale.
    skipped = mapping.skip_rows
    start = lines.tell()
    first = lines.readline()
    if first.lower().startswith("sep=") and len(first.strip()) == 5:
        delimiter = first.strip()[4]
        skipped += 1
    else:
        lines.seek(start)
    reader = csv.reader(lines, delimiter=delimiter, quotechar=mapping.quotechar, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InvoiceImportError("the file is empty; expected a header row", source)
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            line_no = reader.line_num + skipped
            if len(record) > len(header):
                extra = record[len(header) :]
                if any(cell.strip() for cell in extra):
                    raise InvoiceImportError(
                        f"row {line_no} has {len(record)} fields but the header has {len(header)}; "
                        f"check the delimiter (now {mapping.delimiter!r}) and quoting",
                        source,
                        str(line_no),
                    )
            rows.append((str(line_no), dict(zip(header, record, strict=False))))
    except csv.Error as exc:
        raise InvoiceImportError(
            f"malformed CSV: {exc}; check quoting", source, str(reader.line_num + skipped)
        ) from exc
    return rows, header


def _resolve_columns(
    headers: Iterable[str],
    mapping: InvoiceMapping,
    canonical: tuple[str, ...],
    required: tuple[str, ...],
    source: str,
) -> dict[str, str]:
    """canonical name -> header actually present in the file."""
    by_folded = {h.strip().lstrip("\ufeff").casefold(): h for h in headers}
    unknown = sorted(set(mapping.columns) - set(canonical))
    if unknown:
        raise InvoiceImportError(
            f"[import.invoices] columns names unknown field(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(canonical)}",
            source,
        )
    resolved: dict[str, str] = {}
    missing = []
    for name in canonical:
        wanted = mapping.columns.get(name, name)
        found = by_folded.get(wanted.strip().casefold())
        if found is not None:
            resolved[name] = found
        elif name in required:
            missing.append(f"{name!r} (looked for header {wanted!r})")
    if missing:
        raise InvoiceImportError(
            f"missing column(s) {', '.join(missing)}; the file has {', '.join(map(repr, by_folded.values()))}; "
            "map them in [import.invoices] columns",
            source,
            "1" if mapping.format == "csv" else "",
        )
    return resolved


def _cell(record: Mapping[str, Any], columns: Mapping[str, str], name: str) -> Any:
    header = columns.get(name)
    if header is None:
        return ""
    value = record.get(header)
    return "" if value is None else value


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def _emails(value: Any, separator: str) -> tuple[str, ...]:
    """E-mail addresses: an address has no spaces, so spaces separate them too."""
    return tuple(part for item in _items(value, separator) for part in item.split())


def _items(value: Any, separator: str) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return _split_list(str(value), separator)


# --- invoices ---------------------------------------------------------------------------------


def parse_invoices(data: bytes, source: str, mapping: InvoiceMapping = InvoiceMapping()) -> InvoiceExport:
    """Read an invoice export (CSV or JSON) whole; raises InvoiceImportError listing every bad row."""
    rows, headers = _rows(data, source, mapping, "invoices")
    required = ["number", "issue_date", "due_date", "total"]
    if mapping.default_currency is None:
        required.append("currency")
    columns = _resolve_columns(headers, mapping, INVOICE_COLUMNS, tuple(required), source)
    if not any(k in columns for k in ("customer_id", "customer_vat_id", "customer_name")):
        raise InvoiceImportError(
            "no customer column: need customer_id, customer_vat_id or customer_name; "
            "map one in [import.invoices] columns",
            source,
        )
    problems = _Problems(source)
    invoices: list[Invoice] = []
    seen: dict[str, str] = {}
    customers: dict[str, dict[str, Any]] = {}
    warnings: list[str] = []
    for loc, record in rows:
        where = f"row {loc}" if mapping.format == "csv" else f"item {loc}"

        def bad(name: str, message: str, where: str = where, loc: str = loc) -> None:
            problems.add(loc, f"{where}, column {columns.get(name, name)!r}: {message}")

        def get(name: str, record: Mapping[str, Any] = record) -> str:
            return _text(_cell(record, columns, name))

        number = get("number")
        if not number:
            bad("number", "the invoice number is empty")
        elif number in seen:
            bad(
                "number",
                f"invoice {number!r} appears twice (first at {seen[number]}); export each invoice once",
            )
        else:
            seen[number] = where
        dates: dict[str, date] = {}
        for name in ("issue_date", "due_date"):
            value = get(name)
            try:
                dates[name] = _parse_date(value, mapping.date_formats)
            except ValueError:
                bad(
                    name,
                    f"{value!r} is not a date in format {' or '.join(mapping.date_formats)}; "
                    "fix the export or set date_formats",
                )
        amounts: dict[str, Decimal] = {}
        for name in ("total", "paid"):
            value = _cell(record, columns, name)
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                amounts[name] = Decimal(value)
                continue
            value = _text(value)
            if name == "paid" and not value:
                amounts[name] = Decimal("0")
                continue
            try:
                amounts[name] = parse_amount(value, mapping.decimal_comma, mapping.thousands_separators)
            except (ValueError, InvalidOperation):
                bad(
                    name,
                    f"{value!r} is not an amount like {_describe_amount_format(mapping)}; "
                    "fix the export or set decimal_comma / thousands_separators",
                )
        currency = get("currency").upper() or (mapping.default_currency or "").upper()
        if not _CURRENCY.fullmatch(currency):
            bad(
                "currency",
                f"{currency!r} is not a three-letter currency code; fix it or set default_currency",
            )
        customer_id = get("customer_id") or get("customer_vat_id") or get("customer_name")
        if not customer_id:
            bad("customer_id", "no customer id, VAT id or name; every invoice needs its customer")
        language = get("language").lower() or None
        if language is not None and not _LANGUAGE.fullmatch(language):
            bad("language", f"{language!r} is not a two-letter language code like 'pl' or 'en'")
        emails = _emails(_cell(record, columns, "email"), mapping.list_separator)
        for email in emails:
            if "@" not in email or " " in email:
                bad("email", f"{email!r} is not an e-mail address")
        ibans = tuple(
            normalize_iban(i) for i in _items(_cell(record, columns, "customer_iban"), mapping.list_separator)
        )
        if len(dates) < 2 or len(amounts) < 2 or not number or not customer_id:
            continue
        if dates["due_date"] < dates["issue_date"]:
            warnings.append(f"{source}: {where}: invoice {number} is due before it was issued")
        corrects = get("corrects") or None
        invoice = Invoice(
            number=number,
            customer_id=customer_id,
            issued_on=dates["issue_date"],
            due_on=dates["due_date"],
            total=amounts["total"],
            currency=currency,
            paid=amounts["paid"],
            customer_name=get("customer_name"),
            customer_vat_id=get("customer_vat_id"),
            customer_ibans=ibans,
            emails=emails,
            language=language,
            corrects=corrects,
        )
        invoices.append(invoice)
        entry = customers.setdefault(
            customer_id,
            {
                "name": invoice.customer_name,
                "vat_id": invoice.customer_vat_id,
                "ibans": [],
                "emails": [],
                "language": language,
                "tags": [],
            },
        )
        if invoice.customer_name and entry["name"] and invoice.customer_name != entry["name"]:
            warnings.append(
                f"{source}: {where}: customer {customer_id} is named {invoice.customer_name!r} here "
                f"but {entry['name']!r} earlier; using the first"
            )
        entry["name"] = entry["name"] or invoice.customer_name
        entry["vat_id"] = entry["vat_id"] or invoice.customer_vat_id
        entry["language"] = entry["language"] or language
        for key, values in (
            ("ibans", ibans),
            ("emails", emails),
            ("tags", _items(_cell(record, columns, "tags"), mapping.list_separator)),
        ):
            for value in values:
                if value not in entry[key]:
                    entry[key].append(value)
    problems.raise_if_any()
    customer_tuple = tuple(
        Customer(
            id=cid,
            name=entry["name"] or cid,
            vat_id=entry["vat_id"],
            ibans=tuple(entry["ibans"]),
            contacts=tuple(Contact(email=e) for e in entry["emails"]),
            language=entry["language"],
            tags=tuple(entry["tags"]),
        )
        for cid, entry in sorted(customers.items())
    )
    return InvoiceExport(source, tuple(invoices), customer_tuple, tuple(warnings))


def parse_customers(
    data: bytes, source: str, mapping: InvoiceMapping = InvoiceMapping()
) -> tuple[Customer, ...]:
    """Read a customers export (id, name, vat_id, iban, email, language, tags, do_not_contact)."""
    rows, headers = _rows(data, source, mapping, "customers")
    columns = _resolve_columns(headers, mapping, CUSTOMER_COLUMNS, ("id", "name"), source)
    problems = _Problems(source)
    result: dict[str, Customer] = {}
    for loc, record in rows:
        where = f"row {loc}" if mapping.format == "csv" else f"item {loc}"

        def get(name: str, record: Mapping[str, Any] = record) -> str:
            return _text(_cell(record, columns, name))

        cid = get("id")
        if not cid:
            problems.add(loc, f"{where}, column {columns['id']!r}: the customer id is empty")
            continue
        if cid in result:
            problems.add(loc, f"{where}, column {columns['id']!r}: customer {cid!r} appears twice")
            continue
        emails = _emails(_cell(record, columns, "email"), mapping.list_separator)
        bad_emails = [e for e in emails if "@" not in e or " " in e]
        if bad_emails:
            problems.add(
                loc,
                f"{where}, column {columns.get('email', 'email')!r}: {bad_emails[0]!r} is not an e-mail address",
            )
        language = get("language").lower() or None
        if language is not None and not re.fullmatch(r"[a-z]{2}", language):
            problems.add(
                loc, f"{where}, column {columns.get('language')!r}: {language!r} is not a two-letter code"
            )
        result[cid] = Customer(
            id=cid,
            name=get("name") or cid,
            vat_id=get("vat_id"),
            ibans=tuple(
                normalize_iban(i) for i in _items(_cell(record, columns, "iban"), mapping.list_separator)
            ),
            contacts=tuple(Contact(email=e) for e in emails),
            language=language,
            tags=_items(_cell(record, columns, "tags"), mapping.list_separator),
            do_not_contact=_bool(get("do_not_contact")),
        )
    problems.raise_if_any()
    return tuple(result.values())


# --- reconciling with what is known -----------------------------------------------------------


def _same(a: Invoice, b: Invoice) -> bool:
    return a == b


def _changed_fields(before: Invoice, after: Invoice) -> tuple[str, ...]:
    """Names of the Invoice fields that differ, in declaration order ("total", "due_on", "paid"...)."""
    return tuple(f.name for f in fields(Invoice) if getattr(before, f.name) != getattr(after, f.name))


def reconcile_export(
    known: Mapping[str, Invoice], export: InvoiceExport, mode: str = "full"
) -> InvoiceChanges:
    """Compare an export with the known invoices by number; credit notes reduce the invoice they correct.

    ``mode`` is ``"full"`` (known open invoices missing from the export are closed) or
    ``"incremental"`` (they are left alone). Output is ordered by invoice number.
    """
    if mode not in ("full", "incremental"):
        raise ValueError(f"mode must be 'full' or 'incremental', got {mode!r}")
    exported = {inv.number: inv for inv in export.invoices}
    adjusted: dict[str, Invoice] = dict(exported)
    applications: list[CreditNoteApplication] = []
    unapplied: list[str] = []
    warnings: list[str] = []
    for note in sorted(
        (inv for inv in export.invoices if inv.is_credit_note), key=lambda i: (i.issued_on, i.number)
    ):
        target_number = note.corrects
        target = adjusted.get(target_number or "") or (
            known.get(target_number or "") if target_number else None
        )
        if target_number is None or target is None:
            unapplied.append(note.number)
            warnings.append(
                f"credit note {note.number} ({note.total} {note.currency}) corrects "
                + (f"invoice {target_number}, which is unknown" if target_number else "no invoice")
                + "; apply it by hand or add the corrected invoice to the export"
            )
            continue
        if target.currency != note.currency:
            unapplied.append(note.number)
            warnings.append(
                f"credit note {note.number} is in {note.currency} but invoice {target.number} is in "
                f"{target.currency}; apply it by hand"
            )
            continue
        reduction = abs(note.total)
        if target.number in exported:
            # The export carries the original total, so the reduction is recomputed each time.
            base = adjusted[target.number]
        elif note.number in known:
            # Target only in the books and this credit note was imported before: already applied.
            continue
        else:
            base = target
        if reduction > base.total:
            warnings.append(
                f"credit note {note.number} ({reduction} {note.currency}) exceeds invoice {target.number} "
                f"({base.total}); the excess is not applied"
            )
            reduction = base.total
        adjusted[target.number] = replace(base, total=base.total - reduction)
        applications.append(CreditNoteApplication(note.number, target.number, reduction, note.currency))
    new: list[Invoice] = []
    updated: list[Invoice] = []
    unchanged: list[str] = []
    changed: list[tuple[str, tuple[str, ...]]] = []
    for number in sorted(adjusted):
        invoice = adjusted[number]
        before = known.get(number)
        if before is None:
            new.append(invoice)
        elif _same(before, invoice):
            unchanged.append(number)
        else:
            updated.append(invoice)
            changed.append((number, _changed_fields(before, invoice)))
    closed: list[Invoice] = []
    if mode == "full":
        present = set(exported)
        closed = sorted(
            (
                inv
                for n, inv in known.items()
                if n not in present and inv.open_amount > 0 and not inv.is_credit_note
            ),
            key=lambda inv: inv.number,
        )
    return InvoiceChanges(
        new=tuple(new),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        closed=tuple(closed),
        credit_notes=tuple(applications),
        unapplied_credit_notes=tuple(unapplied),
        warnings=tuple(warnings),
        changed_fields=tuple(changed),
    )
