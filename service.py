"""tactful's shell: configuration, logging, the CLI, and (later) the scheduler.

Everything that *decides* lives in ``ledger`` and ``rules``; this module wires
files, the store, the mailer and the clock around those pure functions.
Heavy libraries are imported inside the commands so that ``tactful --help``
stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

__version__ = "0.1.0"

DEFAULT_CONFIG = "tactful.toml"


def config_path_from(ctx: click.Context) -> Path:
    """The config path the user chose: ``--config``, ``$TACTFUL_CONFIG`` or ./tactful.toml."""
    chosen = ctx.find_root().params.get("config_path")
    return Path(chosen or os.environ.get("TACTFUL_CONFIG") or DEFAULT_CONFIG)


def fail(message: str, code: int = 1) -> None:
    """Print one actionable line to stderr and exit."""
    click.echo(f"tactful: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tactful")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Path to tactful.toml (default: $TACTFUL_CONFIG or ./tactful.toml).",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """tactful: payment reminders that collect money and keep the customer."""
    ctx.ensure_object(dict)


@cli.group(name="import")
def import_group() -> None:
    """Import invoices (accounting exports) and bank statements."""


# --- commands: foundation (init, check) ---

# --- commands: statements (read-statement, import statement) ---

import typing as _typing  # noqa: E402 (kept inside this section)

if _typing.TYPE_CHECKING:
    from ledger.importers.csvbank import BankCsvMapping
    from ledger.model import Statement


def _csv_mapping_from(path: Path | None, ctx: click.Context) -> BankCsvMapping | None:
    """The ``[import.statements.csv]`` table of ``path`` (or of tactful.toml when it has one), or None."""
    import tomllib

    from ledger import StatementError
    from ledger.importers.csvbank import mapping_from_config

    source = path or config_path_from(ctx)
    if path is None and not source.is_file():
        return None
    try:
        document = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"{source}: cannot read the CSV mapping: {exc.strerror or exc}")
    except tomllib.TOMLDecodeError as exc:
        if path is None:
            return None  # `tactful check` reports a broken tactful.toml; reading statements need not
        fail(f"{source}: not valid TOML: {exc}")
    table: dict[str, object] | None = document.get("import", {}).get("statements", {}).get("csv")
    if table is None and path is not None:
        table = document  # a file that holds just the mapping keys
    if not table:
        return None
    try:
        return mapping_from_config(table, str(source))
    except StatementError as exc:
        fail(str(exc))
    return None


@cli.command("read-statement")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object for all files.")
@click.option(
    "--csv-mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML file with the [import.statements.csv] columns of a bank CSV (default: from tactful.toml).",
)
@click.pass_context
def read_statement(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, csv_mapping: Path | None
) -> None:
    """Parse bank statements (OFX, CAMT.053, MT940, bank CSV) and print their transactions; changes nothing."""
    import json

    from ledger import StatementError
    from ledger.importers import parse_statement, statement_to_json

    mapping = _csv_mapping_from(csv_mapping, ctx)
    statements: list[Statement] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            fail(f"{path}: cannot read the file: {exc.strerror or exc}")
        try:
            statements.append(parse_statement(data, str(path), csv_mapping=mapping))
        except StatementError as exc:
            where = ":".join(part for part in (str(path), exc.location) if part)
            fail(f"{where}: {exc.message}")
    for statement in statements:
        for warning in statement.warnings:
            click.echo(f"tactful: {statement.source}: warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(statement_to_json(statements), ensure_ascii=False, indent=2))
        return
    _echo_statement_table(statements)


def _echo_statement_table(statements: list[Statement]) -> None:
    from decimal import Decimal

    rows = [
        (
            line.booked_on.isoformat(),
            f"{line.amount:,.2f}".replace(",", " ")
            if line.amount == line.amount.quantize(Decimal("0.01"))
            else f"{line.amount}",
            line.currency,
            (line.counterparty or "")[:28],
            (line.text or line.reference or "")[:48],
            line.id[:26],
        )
        for statement in statements
        for line in statement.lines
    ]
    header = ("booked", "amount", "ccy", "counterparty", "text", "id")
    widths = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))]
    aligns = ("<", ">", "<", "<", "<", "<")

    def fmt(row: tuple[str, ...]) -> str:
        return "  ".join(f"{cell:{aligns[i]}{widths[i]}}" for i, cell in enumerate(row)).rstrip()

    click.echo(fmt(header))
    for row in rows:
        click.echo(fmt(row))
    count = len(rows)
    click.echo(f"{count} transaction{'s' if count != 1 else ''} in {len(statements)} file(s)")


# --- commands: invoices and matching (import invoices, match, review) ---


def _toml_table_to_kwargs(table: dict[str, object], cls: type, where: str) -> dict[str, object]:
    """TOML values for a settings dataclass: lists become tuples; unknown keys are an error."""
    import dataclasses

    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        fail(f"{where} has unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return {k: tuple(v) if isinstance(v, list) else v for k, v in table.items()}


def _read_bytes(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        fail(f"{path}: cannot read the file: {exc.strerror}")
        raise  # unreachable; fail() exits


@cli.command(name="match")
@click.option(
    "--invoices", "invoices_path", required=True, help="Invoice export: canonical CSV, JSON or mapped CSV."
)
@click.option(
    "--statement",
    "statement_paths",
    multiple=True,
    required=True,
    help="Bank statement (any format); repeatable.",
)
@click.option(
    "--mapping", "mapping_path", default=None, help="TOML file with [import.invoices] (and [matching])."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a report.")
@click.option(
    "--csv-mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TOML file with the [import.statements.csv] columns of a bank CSV (default: from tactful.toml).",
)
@click.pass_context
def match_command(
    ctx: click.Context,
    invoices_path: str,
    statement_paths: tuple[str, ...],
    mapping_path: str | None,
    as_json: bool,
    csv_mapping: Path | None,
) -> None:
    """Match statement credits to an invoice export, without touching the database."""
    import json
    import re
    import tomllib

    from ledger import LedgerError
    from ledger.importers import parse_statement
    from ledger.invoices import InvoiceMapping, parse_invoices
    from ledger.match import MatchSettings, match_payments

    mapping = InvoiceMapping()
    settings = MatchSettings()
    if mapping_path:
        try:
            doc = tomllib.loads(_read_bytes(mapping_path).decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            fail(f"{mapping_path}: not valid TOML: {exc}")
        table = doc.get("import", {}).get("invoices")
        if isinstance(table, dict):
            mapping = InvoiceMapping(
                **_toml_table_to_kwargs(table, InvoiceMapping, f"{mapping_path}: [import.invoices]")
            )
        if isinstance(doc.get("matching"), dict):
            settings = MatchSettings(
                **_toml_table_to_kwargs(doc["matching"], MatchSettings, f"{mapping_path}: [matching]")
            )
    data = _read_bytes(invoices_path)
    if not mapping_path and (invoices_path.lower().endswith(".json") or data.lstrip()[:1] in (b"[", b"{")):
        mapping = InvoiceMapping(format="json")
    try:
        export = parse_invoices(data, invoices_path, mapping)
        bank_csv = _csv_mapping_from(csv_mapping, ctx)
        lines = []
        for path in statement_paths:
            lines.extend(parse_statement(_read_bytes(path), path, csv_mapping=bank_csv).lines)
        result = match_payments(export.invoices, lines, settings, export.customers)
    except LedgerError as exc:
        fail(str(exc))
        return
    except re.error as exc:
        fail(f"{mapping_path}: [matching] reference_patterns: {exc}")
        return
    if as_json:
        payload = {
            "matches": [
                {
                    "transaction": m.transaction_id,
                    "invoice": m.invoice_number,
                    "amount": str(m.amount),
                    "auto": m.is_auto,
                    "confidence": m.confidence,
                    "reason": m.reason,
                }
                for m in result.matches
            ],
            "unmatched": list(result.unmatched),
        }
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    auto = sum(1 for m in result.matches if m.is_auto)
    click.echo(
        f"{len(lines)} transactions, {len(export.invoices)} invoices: {auto} automatic matches, "
        f"{len(result.matches) - auto} suggestions, {len(result.unmatched)} unmatched credits"
    )
    for m in result.matches:
        flag = "auto  " if m.is_auto else "REVIEW"
        click.echo(
            f"{flag} {m.transaction_id} -> {m.invoice_number}  {m.amount} {m.currency}  ({m.confidence:.2f}) {m.reason}"
        )
    for tid in result.unmatched:
        click.echo(f"unmatched {tid}")
    for tid, note in result.notes:
        click.echo(f"note {tid}: {note}")


# --- commands: escalation (plan, explain, hold, release, promise, approve, reject) ---

# --- commands: outbound mail (preview) ---

# --- commands: replies (classify-reply) ---


def _reply_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files named on the command line; a Maildir contributes cur/ and new/, another folder its files."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            boxes = [path / sub for sub in ("cur", "new") if (path / sub).is_dir()]
            for folder in boxes or [path]:
                found.extend(
                    sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
                )
        else:
            found.append(path)
    return found


@cli.command(name="classify-reply")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--at-tz",
    "tz_name",
    default="Europe/Warsaw",
    show_default=True,
    help="Timezone that turns the Date header into the day received.",
)
def classify_reply_command(paths: tuple[str, ...], as_json: bool, tz_name: str) -> None:
    """Classify customers' replies (.eml files or Maildir folders); touches no database."""
    import json
    from datetime import date as date_type
    from datetime import datetime as datetime_type
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from mailer.inbound import read_message
    from rules.replies import classify_reply, load_phrasebook

    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"--at-tz {tz_name!r} is not a known timezone; use an IANA name such as Europe/Warsaw")
        return
    phrases = load_phrasebook()
    had_error = False
    for path in _reply_paths(paths):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            click.echo(f"tactful: {path}: cannot read ({exc.strerror}); check the permissions", err=True)
            had_error = True
            continue
        message = read_message(raw)
        if message.date_at is not None:
            received_on = message.date_at.astimezone(zone).date()
        else:
            received_on = datetime_type.fromtimestamp(path.stat().st_mtime, tz=zone).date()
        result = classify_reply(message, phrases, received_on, tz_name)

        def iso(value: date_type | None) -> str | None:
            return value.isoformat() if value else None

        row = {
            "path": str(path),
            "intent": result.intent,
            "promised_date": iso(result.promised_on),
            "promised_amount": str(result.promised_amount) if result.promised_amount is not None else None,
            "return_date": iso(result.return_on),
            "language": result.language,
            "evidence": result.evidence,
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            details = [
                f"promised {row['promised_date']}" if row["promised_date"] else "",
                f"{row['promised_amount']} {result.promised_currency or ''}".strip()
                if row["promised_amount"]
                else "",
                f"back {row['return_date']}" if row["return_date"] else "",
            ]
            if result.bounce is not None and result.bounce.recipients:
                kind = "permanent" if result.bounce.is_permanent else "temporary"
                details.append(f"{kind}: {', '.join(result.bounce.recipients)}")
            extra = ", ".join(d for d in details if d)
            click.echo(
                f"{path}: {result.intent} [{result.language}]"
                + (f" ({extra})" if extra else "")
                + (f" - {result.evidence!r}" if result.evidence else "")
            )
    if had_error:
        sys.exit(1)


# --- commands: daemon (run, status, digest, demo) ---


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tactful")


if __name__ == "__main__":
    main()
