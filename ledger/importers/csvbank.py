"""Bank CSV exports: columns described by a ``BankCsvMapping`` or recognised from the header.

Every bank has its own CSV, so the columns come from ``[import.statements.csv]``
in tactful.toml (see ``mapping_from_config``). A file whose header names a date
and an amount column in a language we know (English, Polish, German, Dutch) is
read without a mapping; anything else must be configured.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ledger import StatementError
from ledger.importers.common import assign_ids, clean_text, normalize_iban, parse_decimal
from ledger.model import Statement, StatementLine

Column = str | int
"""A column by its header text (case- and space-insensitive) or by 0-based position."""

ENCODINGS = ("utf-8", "utf-8-sig", "cp1250", "iso-8859-2", "cp1252", "iso-8859-1")
DEFAULT_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y.%m.%d", "%Y/%m/%d", "%Y%m%d")
CONFIG_SECTION = "import.statements.csv"


@dataclass(frozen=True, slots=True)
class BankCsvMapping:
    """Where a bank CSV keeps each field of a transaction.

    Give either ``amount_column`` (signed) or ``credit_column``/``debit_column``
    (unsigned, a debit is made negative). Give ``currency_column`` or a fixed
    ``currency``. ``decimal_comma`` reads ``12 345,67``; ``None`` guesses per file.
    ``date_formats`` are ``strptime`` formats tried in order. ``skip_rows`` lines
    are dropped before the header (or before the data when ``has_header`` is false).
    """

    date_column: Column
    amount_column: Column | None = None
    credit_column: Column | None = None
    debit_column: Column | None = None
    value_date_column: Column | None = None
    currency_column: Column | None = None
    currency: str = ""
    counterparty_column: Column | None = None
    counterparty_iban_column: Column | None = None
    text_columns: tuple[Column, ...] = ()
    id_column: Column | None = None
    reference_column: Column | None = None
    account_iban: str = ""
    delimiter: str = ";"
    encoding: str = "utf-8"
    decimal_comma: bool | None = None
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    skip_rows: int = 0
    has_header: bool = True


_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date_column": (
        "date",
        "booking date",
        "booked on",
        "transaction date",
        "posting date",
        "data księgowania",
        "data ksiegowania",
        "data operacji",
        "data transakcji",
        "buchungstag",
        "buchungsdatum",
        "datum",
    ),
    "value_date_column": ("value date", "data waluty", "valuta", "wertstellung", "valutadatum", "rentedatum"),
    "amount_column": ("amount", "kwota", "kwota operacji", "kwota transakcji", "betrag", "bedrag", "umsatz"),
    "credit_column": ("credit", "credit amount", "paid in", "money in", "uznania", "wpływy"),
    "debit_column": ("debit", "debit amount", "paid out", "money out", "obciążenia", "wydatki"),
    "currency_column": ("currency", "ccy", "waluta", "währung", "waehrung", "munt", "valuta code"),
    "counterparty_column": (
        "counterparty",
        "counterparty name",
        "payee",
        "payer",
        "beneficiary",
        "name",
        "kontrahent",
        "nadawca / odbiorca",
        "nadawca/odbiorca",
        "dane kontrahenta",
        "name zahlungsbeteiligter",
        "beguenstigter/zahlungspflichtiger",
        "begünstigter/zahlungspflichtiger",
        "naam / omschrijving",
    ),
    "counterparty_iban_column": (
        "iban",
        "counterparty iban",
        "counterparty account",
        "rachunek kontrahenta",
        "numer rachunku",
        "konto kontrahenta",
        "iban zahlungsbeteiligter",
        "kontonummer/iban",
        "tegenrekening",
    ),
    "text_columns": (
        "description",
        "details",
        "memo",
        "remittance information",
        "payment details",
        "tytuł",
        "tytul",
        "tytuł operacji",
        "opis",
        "opis operacji",
        "verwendungszweck",
        "mededelingen",
    ),
    "id_column": ("id", "transaction id", "transaction reference", "numer referencyjny", "id transakcji"),
}


def _norm_header(cell: str) -> str:
    return " ".join(cell.strip().strip("\ufeff").strip('"').lower().strip(":#").split())


def mapping_from_config(table: Mapping[str, Any], source: str = "tactful.toml") -> BankCsvMapping:
    """Build a ``BankCsvMapping`` from the ``[import.statements.csv]`` TOML table, reporting every problem."""
    known = {f.name: f for f in fields(BankCsvMapping)}
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            problems.append(f"{CONFIG_SECTION}.{key} is not a known key (known: {', '.join(sorted(known))})")
            continue
        if key in ("text_columns", "date_formats"):
            if isinstance(value, (str, int)):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
                problems.append(f"{CONFIG_SECTION}.{key} must be a list of column names, got {value!r}")
                continue
            value = tuple(value)
        elif key in ("skip_rows",):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(f"{CONFIG_SECTION}.{key} must be a whole number >= 0, got {value!r}")
                continue
        elif key in ("has_header", "decimal_comma"):
            if not isinstance(value, bool):
                problems.append(f"{CONFIG_SECTION}.{key} must be true or false, got {value!r}")
                continue
        elif key == "encoding":
            if str(value).lower() not in ENCODINGS:
                problems.append(
                    f"{CONFIG_SECTION}.encoding must be one of {', '.join(ENCODINGS)}, got {value!r}"
                )
                continue
            value = str(value).lower()
        elif key == "delimiter":
            value = "\t" if value in ("\\t", "tab") else value
            if not isinstance(value, str) or len(value) != 1:
                problems.append(
                    f"{CONFIG_SECTION}.delimiter must be one character such as ';', got {value!r}"
                )
                continue
        elif key == "currency":
            if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value):
                problems.append(f"{CONFIG_SECTION}.currency must be an ISO code such as 'PLN', got {value!r}")
                continue
            value = value.upper()
        elif not isinstance(value, (str, int)) or isinstance(value, bool):
            problems.append(f"{CONFIG_SECTION}.{key} must be a column name or 0-based number, got {value!r}")
            continue
        values[key] = value
    if "date_column" not in values:
        problems.append(f'{CONFIG_SECTION}.date_column is missing; e.g. date_column = "Booking date"')
    has_amount = "amount_column" in values
    has_split = "credit_column" in values or "debit_column" in values
    if has_amount == has_split:
        problems.append(
            f"{CONFIG_SECTION}: set either amount_column or credit_column and debit_column, not both or neither"
        )
    if "currency_column" not in values and "currency" not in values:
        problems.append(f'{CONFIG_SECTION}: set currency_column or a fixed currency = "PLN"')
    if problems:
        raise StatementError("; ".join(problems), source, CONFIG_SECTION)
    return BankCsvMapping(**values)


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise StatementError(
            f"encoding {encoding!r} is unknown; set encoding in [{CONFIG_SECTION}] to one of {', '.join(ENCODINGS)}",
            source,
            CONFIG_SECTION,
        ) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StatementError(
            f"byte {data[exc.start : exc.start + 1]!r} is not valid {encoding}; set encoding in "
            f"[{CONFIG_SECTION}] (one of {', '.join(ENCODINGS)})",
            source,
            str(line),
        ) from None
    return text.removeprefix("\ufeff")


def _guess_decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def detect_mapping(data: bytes) -> BankCsvMapping | None:
    """Recognise a bank CSV by its header row; ``None`` when the columns are not clear."""
    text = _guess_decode(data[:65536])
    lines = text.splitlines()[:30]
    for skip, line in enumerate(lines):
        delimiter = max(";,\t|", key=line.count)
        if line.count(delimiter) < 2:
            continue
        cells = [_norm_header(c) for c in next(csv.reader([line], delimiter=delimiter))]
        found: dict[str, Any] = {}
        texts: list[str] = []
        for cell, raw in zip(cells, next(csv.reader([line], delimiter=delimiter)), strict=True):
            for key, names in _SYNONYMS.items():
                if cell in names:
                    if key == "text_columns":
                        texts.append(raw.strip())
                    else:
                        found.setdefault(key, raw.strip())
                    break
        has_amount = "amount_column" in found or ("credit_column" in found and "debit_column" in found)
        if "date_column" not in found or not has_amount:
            continue
        if "amount_column" in found:
            found.pop("credit_column", None)
            found.pop("debit_column", None)
        encoding = "utf-8-sig"
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            encoding = "cp1250"
        return BankCsvMapping(
            **found, text_columns=tuple(texts), delimiter=delimiter, encoding=encoding, skip_rows=skip
        )
    return None


def _resolve(header: list[str] | None, column: Column | None, what: str, source: str) -> int | None:
    if column is None:
        return None
    if isinstance(column, int):
        return column
    if header is None:
        if column.isdigit():
            return int(column)
        raise StatementError(
            f"{what} = {column!r} names a column but has_header is false; give a 0-based number",
            source,
            CONFIG_SECTION,
        )
    wanted = _norm_header(column)
    for index, cell in enumerate(header):
        if _norm_header(cell) == wanted:
            return index
    raise StatementError(
        f"no column {column!r} for {what}; the header has {', '.join(repr(c.strip()) for c in header)}; "
        f"fix [{CONFIG_SECTION}]",
        source,
        "header",
    )


def _parse_date(value: str, formats: tuple[str, ...]) -> date | None:
    value = value.strip()
    for fmt in formats:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    # A timestamp such as "2024-01-31 00:00:00" or "2024-01-31T10:00": the date part counts.
    head = re.split(r"[ T]", value, maxsplit=1)[0]
    if head != value:
        return _parse_date(head, formats)
    return None


class BankCsvImporter:
    """Bank CSV exports with a header we recognise; configured mappings go through ``parse_bank_csv``."""

    name = "csvbank"

    def sniff(self, data: bytes, source: str) -> bool:
        """True when the header row names a date and an amount column."""
        head = data[:4096].lstrip()
        if head.startswith((b"<", b"{", b":")) or b"<OFX>" in head.upper():
            return False
        return detect_mapping(data) is not None

    def parse(self, data: bytes, source: str) -> Statement:
        """Parse a CSV whose columns are recognised from its header."""
        mapping = detect_mapping(data)
        if mapping is None:
            raise StatementError(
                "the CSV columns are not recognised; configure them in [import.statements.csv] "
                "(date_column, amount_column, currency...)",
                source,
                "1",
            )
        return parse_bank_csv(data, source, mapping)


def parse_bank_csv(data: bytes, source: str, mapping: BankCsvMapping) -> Statement:
    """Parse a bank CSV export with the given column mapping; every row must be valid."""
    text = _decode(data, mapping.encoding, source)
    physical = text.splitlines(keepends=True)
    body = "".join(physical[mapping.skip_rows :])
    first_line = mapping.skip_rows + 1
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=mapping.delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((first_line + reader.line_num - 1, row))
    except csv.Error as exc:
        raise StatementError(f"broken CSV: {exc}", source, str(first_line + reader.line_num - 1)) from exc
    header: list[str] | None = None
    if mapping.has_header:
        while rows and not any(cell.strip() for cell in rows[0][1]):
            rows.pop(0)
        if not rows:
            raise StatementError("the CSV has no header row", source, str(first_line))
        header = rows.pop(0)[1]
    col = {
        name: _resolve(header, getattr(mapping, name), name, source)
        for name in (
            "date_column",
            "amount_column",
            "credit_column",
            "debit_column",
            "value_date_column",
            "currency_column",
            "counterparty_column",
            "counterparty_iban_column",
            "id_column",
            "reference_column",
        )
    }
    text_cols = [_resolve(header, c, "text_columns", source) for c in mapping.text_columns]
    if col["amount_column"] is None and col["credit_column"] is None and col["debit_column"] is None:
        raise StatementError(
            f"no amount column; set amount_column (or credit_column/debit_column) in [{CONFIG_SECTION}]",
            source,
            CONFIG_SECTION,
        )
    data_rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    amount_cells = [
        r[i]
        for _, r in data_rows
        for i in (col["amount_column"], col["credit_column"], col["debit_column"])
        if i is not None and i < len(r)
    ]
    decimal_comma = mapping.decimal_comma
    if decimal_comma is None:
        decimal_comma = _guess_decimal_comma(amount_cells, mapping.delimiter)

    def cell(row: list[str], index: int | None, line_no: int, what: str, required: bool = False) -> str:
        if index is None:
            return ""
        if index >= len(row):
            if required:
                raise StatementError(
                    f"row has {len(row)} columns but {what} is column {index + 1}; check delimiter "
                    f"{mapping.delimiter!r} in [{CONFIG_SECTION}]",
                    source,
                    str(line_no),
                )
            return ""
        return row[index].strip()

    row_codes: list[str] = []

    def amount_of(raw: str, line_no: int, what: str) -> Decimal | None:
        number, code = _split_currency(raw)
        if code:
            row_codes.append(code)  # "1 234,56 PLN": some banks write the currency into the amount
        if not number:
            return None
        try:
            return parse_decimal(number, decimal_comma=decimal_comma)
        except ValueError:
            raise StatementError(
                f"{what} {raw!r} is not an amount (decimal_comma = {str(decimal_comma).lower()}); "
                f"fix the row or [{CONFIG_SECTION}]",
                source,
                str(line_no),
            ) from None

    pairs: list[tuple[StatementLine, str]] = []
    for line_no, row in data_rows:
        row_codes.clear()
        raw_date = cell(row, col["date_column"], line_no, "date_column", True)
        booked_on = _parse_date(raw_date, mapping.date_formats)
        if booked_on is None:
            raise StatementError(
                f"date {raw_date!r} matches none of the date formats {list(mapping.date_formats)}; "
                f"set date_formats in [{CONFIG_SECTION}]",
                source,
                str(line_no),
            )
        value_raw = cell(row, col["value_date_column"], line_no, "value_date_column")
        value_on = _parse_date(value_raw, mapping.date_formats) if value_raw else None
        if value_raw and value_on is None:
            raise StatementError(f"value date {value_raw!r} is not a date", source, str(line_no))
        if col["amount_column"] is not None:
            amount = amount_of(
                cell(row, col["amount_column"], line_no, "amount_column", True), line_no, "amount"
            )
        else:
            credit = amount_of(cell(row, col["credit_column"], line_no, "credit_column"), line_no, "credit")
            debit = amount_of(cell(row, col["debit_column"], line_no, "debit_column"), line_no, "debit")
            if credit and debit:
                raise StatementError(
                    f"both credit {credit} and debit {debit} are filled in; one row must be one movement",
                    source,
                    str(line_no),
                )
            amount = (
                abs(credit)
                if credit
                else (-abs(debit) if debit else (credit if credit is not None else debit))
            )
        if amount is None:
            raise StatementError("the amount is empty", source, str(line_no))
        in_amount = row_codes[0] if row_codes else ""
        currency = (
            cell(row, col["currency_column"], line_no, "currency_column") or in_amount or mapping.currency
        ).upper()
        if not currency:
            raise StatementError(
                f'the CSV has no currency column; set currency = "PLN" (or currency_column) in [{CONFIG_SECTION}]',
                source,
                CONFIG_SECTION,
            )
        if in_amount and in_amount != currency:
            raise StatementError(
                f"the amount is in {in_amount} but the row's currency is {currency}; fix [{CONFIG_SECTION}]",
                source,
                str(line_no),
            )
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise StatementError(
                f"currency {currency!r} is not an ISO code; set currency in [{CONFIG_SECTION}]",
                source,
                str(line_no),
            )
        text = clean_text(" ".join(cell(row, i, line_no, "text_columns") for i in text_cols))
        line = StatementLine(
            id="",
            booked_on=booked_on,
            amount=amount,
            currency=currency,
            value_on=value_on,
            counterparty=clean_text(cell(row, col["counterparty_column"], line_no, "counterparty_column")),
            counterparty_iban=normalize_iban(
                cell(row, col["counterparty_iban_column"], line_no, "counterparty_iban_column")
            ),
            text=text,
            account_iban=normalize_iban(mapping.account_iban) or mapping.account_iban.strip(),
            reference=cell(row, col["reference_column"], line_no, "reference_column"),
        )
        pairs.append((line, cell(row, col["id_column"], line_no, "id_column")))
    lines, notes = assign_ids(pairs)
    return Statement(source=source, format="csvbank", lines=tuple(lines), warnings=tuple(notes))


def _split_currency(raw: str) -> tuple[str, str]:
    """``"-1 234,56 PLN"`` -> ``("-1 234,56", "PLN")``; a cell without a code keeps ``""``."""
    match = _AMOUNT_WITH_CODE.fullmatch(raw.strip())
    if not match:
        return raw.strip(), ""
    return match.group(2).strip(), (match.group(1) or match.group(3) or "")


_AMOUNT_WITH_CODE = re.compile(r"(?:([A-Z]{3})\s*)?(.*?)(?:\s*([A-Z]{3}))?")


def _guess_decimal_comma(cells: list[str], delimiter: str) -> bool:
    for raw in cells:
        raw = _split_currency(raw)[0]
        if re.search(r",\d{1,2}$", raw) and not re.search(r"\.\d{1,2}$", raw):
            return True
        if re.search(r"\.\d{1,2}$", raw):
            return False
    return delimiter == ";"


IMPORTER = BankCsvImporter()
