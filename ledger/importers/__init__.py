"""Bank statement importers: bytes and a file name in, a normalised ``Statement`` out.

Formats register through the ``tactful.importers`` entry-point group, so a
third-party package adds one the same way the built-in OFX, CAMT.053, MT940 and
bank CSV importers do::

    [project.entry-points."tactful.importers"]
    mybank = "tactful_mybank:IMPORTER"   # an object with name, sniff(data, source), parse(data, source)

``parse_statement`` picks the importer by content; a file two importers claim
is refused. Every line gets an id that is stable across re-imports and unique
within the file (see ``common.assign_ids``); a file imports whole or raises
``ledger.StatementError`` with the file, the line/XML path/OFX tag and what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable
from xml.parsers.expat import ExpatError

from ledger import StatementError
from ledger.importers.csvbank import BankCsvMapping
from ledger.model import Statement, StatementLine

__all__ = [
    "BankCsvMapping",
    "StatementImporter",
    "load_importers",
    "parse_statement",
    "statement_line_to_json",
    "statement_to_json",
]

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "tactful.importers"


@runtime_checkable
class StatementImporter(Protocol):
    """One statement format: ``sniff`` says whether the bytes are this format, ``parse`` reads them."""

    name: str

    def sniff(self, data: bytes, source: str) -> bool: ...

    def parse(self, data: bytes, source: str) -> Statement: ...


def _builtin_importers() -> list[StatementImporter]:
    from ledger.importers import camt053, csvbank, mt940, ofx

    return [camt053.IMPORTER, csvbank.IMPORTER, mt940.IMPORTER, ofx.IMPORTER]


@lru_cache(maxsize=1)
def load_importers() -> tuple[StatementImporter, ...]:
    """Return the importers registered under ``tactful.importers``, sorted by name.

    Falls back to the built-in four when the package metadata is missing (running
    from a source tree that was never installed). An entry point that fails to load
    is logged and skipped, so one broken plug-in does not stop statement imports.
    """
    found: dict[str, StatementImporter] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            importer = ep.load()
        except Exception:  # a third-party plug-in may fail in any way
            log.exception("statement importer %r (%s) failed to load; skipped", ep.name, ep.value)
            continue
        if not isinstance(importer, StatementImporter):
            log.error("statement importer %r (%s) lacks name/sniff/parse; skipped", ep.name, ep.value)
            continue
        found.setdefault(importer.name, importer)
    if not found:
        found = {imp.name: imp for imp in _builtin_importers()}
    return tuple(found[name] for name in sorted(found))


def parse_statement(
    data: bytes,
    source: str,
    *,
    csv_mapping: BankCsvMapping | None = None,
    importers: Sequence[StatementImporter] | None = None,
) -> Statement:
    """Recognise the format of ``data`` by its content and parse it as a whole.

    ``source`` is the file name used in messages. ``csv_mapping`` describes a bank
    CSV export; it is used when no other format claims the content. Raises
    ``StatementError`` when no importer or more than one importer claims the file,
    or when any entry is broken.
    """
    candidates = list(importers) if importers is not None else list(load_importers())
    if not data.strip():
        raise StatementError("the file is empty; export the statement again", source)
    claimed: list[StatementImporter] = []
    for importer in candidates:
        try:
            if importer.sniff(data, source):
                claimed.append(importer)
        except Exception as exc:  # a plug-in's sniff must not hide the others
            log.warning("importer %r failed to sniff %s: %s", importer.name, source, exc)
    chosen: StatementImporter
    if csv_mapping is not None and not [imp for imp in claimed if imp.name != "csvbank"]:
        chosen = _MappedCsv(csv_mapping)
    elif len(claimed) > 1:
        names = ", ".join(imp.name for imp in claimed)
        raise StatementError(
            f"the file is claimed by several statement formats ({names}); "
            "remove the conflicting importer plug-in or convert the file",
            source,
        )
    elif not claimed:
        known = ", ".join(imp.name for imp in candidates)
        raise StatementError(
            f"not a recognised bank statement (known formats: {known}); for a bank CSV export "
            "configure the columns in [import.statements.csv]",
            source,
        )
    else:
        chosen = claimed[0]
    try:
        return chosen.parse(data, source)
    except StatementError:
        raise
    except (
        ValueError,
        TypeError,
        LookupError,  # IndexError, KeyError, an unknown codec
        AttributeError,
        ArithmeticError,
        RuntimeError,
        SyntaxError,  # xml.etree.ElementTree.ParseError
        ExpatError,
    ) as exc:
        # Importers wrap their own errors; this is the last line of defence for plug-ins.
        raise StatementError(
            f"the {chosen.name} importer failed: {type(exc).__name__}: {' '.join(str(exc).split())}; "
            "the file may be damaged, report it with the file attached",
            source,
        ) from exc


class _MappedCsv:
    """The bank CSV importer bound to the configured column mapping."""

    name = "csvbank"

    def __init__(self, mapping: BankCsvMapping) -> None:
        self.mapping = mapping

    def sniff(self, data: bytes, source: str) -> bool:
        return True

    def parse(self, data: bytes, source: str) -> Statement:
        from ledger.importers.csvbank import parse_bank_csv

        return parse_bank_csv(data, source, self.mapping)


def _money(value: Decimal | None) -> str | None:
    # format "f": never "1E+2" or "0E-8", whatever the parser made of the text.
    return None if value is None else format(value, "f")


def statement_line_to_json(line: StatementLine) -> dict[str, Any]:
    """Shape one line as the ``read-statement --json`` object (amounts as strings, ISO dates, null)."""
    return {
        "id": line.id,
        "booked_on": line.booked_on.isoformat(),
        "value_on": line.value_on.isoformat() if line.value_on else None,
        "amount": _money(line.amount),
        "currency": line.currency,
        "original_amount": _money(line.original_amount),
        "original_currency": line.original_currency,
        "counterparty": line.counterparty or None,
        "counterparty_iban": line.counterparty_iban or None,
        "text": line.text or None,
        "account_iban": line.account_iban or None,
    }


def statement_to_json(statements: Sequence[Statement]) -> dict[str, Any]:
    """Shape several parsed statements as one ``{"transactions": [...]}`` object."""
    return {
        "transactions": [statement_line_to_json(line) for stmt in statements for line in stmt.lines],
    }
