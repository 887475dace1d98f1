"""tactful's shell: configuration, logging, the CLI, and (later) the scheduler.

Everything that *decides* lives in ``ledger`` and ``rules``; this module wires
files, the store, the mailer and the clock around those pure functions.
Heavy libraries are imported inside the commands so that ``tactful --help``
stays fast.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rules.loader import Rules
    from rules.settings import Settings

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


# --- configuration ---------------------------------------------------------------


class ConfigError(Exception):
    """The configuration, rules or templates cannot be used; ``problems`` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Config:
    """Everything loaded from disk and checked: settings, rules, templates, and where they live."""

    path: Path
    settings: Settings
    rules: Rules
    templates: Any

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    def resolve(self, relative: str) -> Path:
        """A path from the config, relative to the config file's folder."""
        path = Path(relative).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    @property
    def database_url(self) -> str:
        url = self.settings.storage.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str(self.resolve(url[len(prefix) :]))
        return url


def read_secret(what: str, env: str, file: str, base_dir: Path) -> str:
    """A password from the environment variable or file the config names; never logged."""
    if env:
        value = os.environ.get(env)
        if value is None:
            raise ConfigError(
                [f"{what}: environment variable {env} is not set; export {env}=... before starting"]
            )
        return value
    if file:
        path = Path(file).expanduser()
        path = path if path.is_absolute() else base_dir / path
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise ConfigError([f"{what}: cannot read password_file {str(path)!r}: {exc.strerror}"]) from exc
        if mode & 0o077:
            raise ConfigError(
                [
                    f"{what}: password_file {str(path)!r} is readable by others (mode {mode & 0o777:o}); "
                    f"run: chmod 600 {path}"
                ]
            )
        try:
            return path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{what}: cannot read password_file {str(path)!r}: {exc}"]) from exc
    return ""


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [f"{path}: {what} not found; create it with `tactful init {path.parent}` or pass --config PATH"]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot read {what}: {exc}"]) from exc


def load_config(path: Path) -> Config:
    """Load and check tactful.toml, its rules files and templates; collect every problem before raising."""
    from rules.loader import load_rules_files
    from rules.settings import load_settings
    from rules.toml import RuleError

    problems: list[str] = []
    text = _read_text(path, "configuration file")
    try:
        settings = load_settings(text, str(path))
    except RuleError as exc:
        raise ConfigError([str(p) for p in exc.problems]) from exc

    sources: list[tuple[str, str]] = []
    for name in settings.rules:
        rules_path = Path(name) if Path(name).is_absolute() else path.parent / name
        try:
            sources.append((str(rules_path), _read_text(rules_path, "rules file")))
        except ConfigError as exc:
            problems.extend(exc.problems)
    rules = None
    try:
        rules = load_rules_files(sources)
    except RuleError as exc:
        problems.extend(str(p) for p in exc.problems)

    for label, transport in (("smtp", settings.smtp), ("imap", settings.imap)):
        if transport is not None and (transport.password_env or transport.password_file):
            try:
                read_secret(label, transport.password_env, transport.password_file, path.parent)
            except ConfigError as exc:
                problems.extend(f"{path}: {p}" for p in exc.problems)

    templates = None
    if rules is not None:
        problems.extend(f"{sources[0][0]}: {p}" for p in rules.conflicts_with(settings.company))
        templates, template_problems = _load_templates(settings, rules, path.parent)
        problems.extend(template_problems)
    if problems or rules is None:
        raise ConfigError(problems)
    return Config(path=path, settings=settings, rules=rules, templates=templates)


def _load_templates(settings: Settings, rules: Rules, base_dir: Path) -> tuple[Any, list[str]]:
    """Load the templates (user folder first, then the defaults) and render each with sample data."""
    from mailer.render import check_templates, load_templates

    user_dir = None
    if settings.templates:
        user_dir = Path(settings.templates).expanduser()
        user_dir = user_dir if user_dir.is_absolute() else base_dir / user_dir
        if not user_dir.is_dir():
            return None, [
                f"templates: folder {str(user_dir)!r} does not exist; create it or remove `templates`"
            ]
    templates = load_templates(user_dir)
    languages = sorted({settings.company.language, *rules.languages})
    return templates, list(check_templates(templates, rules.templates_used, languages))


def get_config(ctx: click.Context) -> Config:
    """The loaded config for a command, or exit 1 with every problem listed."""
    path = config_path_from(ctx)
    try:
        return load_config(path)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        fail(f"{len(exc.problems)} problem(s) in the configuration; fix them and run `tactful check` again")
        raise  # unreachable: fail() exits


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


def starter_settings(
    company: str, email: str, language: str, timezone: str, country: str, reply_to: str, digest_to: str
) -> dict[str, Any]:
    """The tactful.toml that `tactful init` writes: embedded defaults, nothing leaves the machine."""
    return {
        "rules": ["rules.toml"],
        "templates": "templates",
        "company": {
            "name": company,
            "email": email,
            "language": language,
            "timezone": timezone,
            "country": country,
            "phone": "",
            "bank_account": "",
            "contact_name": "",
        },
        "storage": {"url": "sqlite:///tactful.db"},
        "outbound": {"transport": "maildir", "maildir": "outbox", "reply_to": reply_to or email},
        "replies": {"source": "maildir", "maildir": "replies"},
        "schedule": {"dunning_at": "09:30", "digest_at": "07:30", "statements_poll_minutes": 15},
        "digest": {"recipients": [digest_to or email]},
        "import": {"inbox": "inbox/statements", "invoices_inbox": "inbox/invoices"},
    }


def starter_rules() -> dict[str, Any]:
    """The rules.toml that `tactful init` writes: two ladders, guards, matching defaults.

    Timezone and holiday country are not repeated here: they come from [company] in tactful.toml.
    """
    from rules.starter import STARTER_RULES

    return dict(STARTER_RULES)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False), default=".")
@click.option("--company", help="Company name as it appears in letters.")
@click.option("--email", help="From address of reminders.")
@click.option("--language", type=click.Choice(["pl", "en", "de"]), help="Default language.")
@click.option("--timezone", "tz", help="IANA timezone, e.g. Europe/Warsaw.")
@click.option("--country", help="Country for public holidays, e.g. PL.")
@click.option("--reply-to", help="Mailbox customers' replies go to.")
@click.option("--digest-to", help="Accountant who gets the daily digest.")
def init(directory: str, **answers: str | None) -> None:
    """Write a working starter setup (config, rules, templates) into DIRECTORY."""
    import shutil
    from importlib.resources import files

    import tomli_w

    target = Path(directory)
    files_out = {target / "tactful.toml", target / "rules.toml", target / "templates"}
    existing = sorted(str(p) for p in files_out if p.exists())
    if existing:
        fail(f"{', '.join(existing)} already exist(s); init never overwrites: choose an empty folder")

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    defaults = {
        "company": "My Company Ltd",
        "email": "accounts@example.com",
        "language": "en",
        "tz": "Europe/Warsaw",
        "country": "PL",
        "reply_to": "",
        "digest_to": "",
    }
    prompts = {
        "company": "Company name",
        "email": "From address of reminders",
        "language": "Default language (pl, en, de)",
        "tz": "Timezone",
        "country": "Country for public holidays",
        "reply_to": "Mailbox for customers' replies (empty = the from address)",
        "digest_to": "Accountant who gets the daily digest (empty = the from address)",
    }
    chosen: dict[str, str] = {}
    for key, default in defaults.items():
        value = answers.get(key)
        if value is None and interactive:
            value = click.prompt(prompts[key], default=default, show_default=bool(default))
        chosen[key] = value if value is not None else default

    settings = starter_settings(
        chosen["company"],
        chosen["email"],
        chosen["language"],
        chosen["tz"],
        chosen["country"].upper(),
        chosen["reply_to"],
        chosen["digest_to"],
    )
    # Validate what we are about to write with the same loaders the daemon uses.
    from rules.loader import load_rules
    from rules.settings import load_settings
    from rules.toml import RuleError

    settings_text = tomli_w.dumps(settings)
    rules_text = tomli_w.dumps(starter_rules())
    try:
        load_settings(settings_text, "tactful.toml")
        load_rules(rules_text, "rules.toml")
    except RuleError as exc:
        fail(f"these answers do not make a valid setup:\n{exc}")

    target.mkdir(parents=True, exist_ok=True)
    (target / "tactful.toml").write_text(settings_text, encoding="utf-8")
    (target / "rules.toml").write_text(rules_text, encoding="utf-8")
    shutil.copytree(
        str(files("templates")), target / "templates", ignore=shutil.ignore_patterns("*.py", "__pycache__")
    )
    for folder in ("outbox", "replies", "inbox/statements", "inbox/invoices"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    click.echo(f"Wrote {target / 'tactful.toml'}, {target / 'rules.toml'} and {target / 'templates'}/")
    click.echo(f"Next: tactful --config {target / 'tactful.toml'} check")


def describe_config(config: Config) -> list[str]:
    """The readable summary `tactful check` prints for a valid setup."""
    s = config.settings
    lines = [
        f"Config: {config.path}",
        f"Company: {s.company.name} <{s.company.email}>, language {s.company.language}",
    ]
    lines.append(f"Timezone: {s.company.timezone}; public holidays of {s.company.country}")
    lines.append("")
    lines.append("Escalation ladders:")
    for ladder in config.rules.ladders:
        lines.append(f"  {ladder.name}:")
        for stage in ladder.stages:
            when = (
                f"{-stage.after_due_days} days before due"
                if stage.after_due_days < 0
                else (
                    "on the due date" if stage.after_due_days == 0 else f"{stage.after_due_days} days overdue"
                )
            )
            notes = []
            if stage.requires_approval:
                notes.append("needs approval")
            if stage.announces:
                notes.append(f"announces {stage.announces}")
            if stage.final:
                notes.append("final")
            extra = f" ({', '.join(notes)})" if notes else ""
            lines.append(f"    {stage.name:<16} {when}{extra}")
    lines.append("Segments (first match wins):")
    for segment in config.rules.segments:
        lines.append(f"  {segment.name} -> ladder {segment.ladder}")
    lines.append(f"  everyone else -> ladder {config.rules.escalation(s.company).default_ladder}")
    lines.append("")
    sched = s.schedule
    lines.append(
        f"Schedule ({s.company.timezone}): dunning on business days at {sched.dunning_at:%H:%M}, "
        f"digest at {sched.digest_at:%H:%M}, statements every {sched.statements_poll_minutes} min"
    )
    if s.outbound.transport == "smtp" and s.smtp is not None:
        lines.append(f"Mail goes out: SMTP {s.smtp.host}:{s.smtp.port} ({s.smtp.security})")
    else:
        lines.append(
            f"Mail goes out: Maildir {config.resolve(s.outbound.maildir)} (nothing leaves this machine)"
        )
    if s.replies.source == "imap" and s.imap is not None:
        lines.append(
            f"Replies come from: IMAP {s.imap.host}:{s.imap.port} folders {', '.join(s.imap.folders)}"
        )
    elif s.replies.source == "maildir":
        lines.append(f"Replies come from: Maildir {config.resolve(s.replies.maildir)}")
    else:
        lines.append("Replies: not read")
    lines.append(f"Digest to: {', '.join(s.digest.recipients) or 'nobody (set digest.recipients)'}")
    lines.append(f"Database: {redact_url(config.database_url)}")
    return lines


def redact_url(url: str) -> str:
    """A database URL safe to print."""
    import re

    return re.sub(r"://([^:/@]+):[^@/]+@", r"://\1:***@", url)


@cli.command()
@click.option("--connect", is_flag=True, help="Also log in to the SMTP and IMAP servers.")
@click.pass_context
def check(ctx: click.Context, connect: bool) -> None:
    """Check config, rules and templates; print every problem or a summary. Exit 0 or 1."""
    config = get_config(ctx)
    for line in describe_config(config):
        click.echo(line)
    if connect:
        problems = connect_check(config)
        for problem in problems:
            click.echo(f"tactful: {problem}", err=True)
        if problems:
            sys.exit(1)
        click.echo("Connections: OK")
    click.echo("OK")


def reference_markdown() -> dict[str, str]:
    """The README's command and configuration reference, generated from the code itself."""
    from rules.loader import ImportRules, Rules
    from rules.settings import ImportFolders, Settings
    from rules.toml import field_docs

    rows = ["| command | what it does |", "|---|---|"]

    def walk(group: click.Group, prefix: str) -> None:
        for name in sorted(group.commands):
            command = group.commands[name]
            if command.hidden:
                continue
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
                continue
            usage = " ".join(
                p.get_usage_pieces(click.Context(command))[0]
                for p in command.params
                if p.get_usage_pieces(click.Context(command))
            )
            summary = (command.help or "").strip().splitlines()[0]
            rows.append(f"| `tactful {prefix}{name}{' ' + usage if usage else ''}` | {summary} |")

    walk(cli, "")

    def table(title: str, docs: list[tuple[str, str, str]]) -> list[str]:
        out = [f"**{title}**", "", "| key | type | meaning |", "|---|---|---|"]
        out += [f"| `{key}` | {kind.replace('|', '&#124;')} | {text} |" for key, kind, text in docs]
        return [*out, ""]

    settings_docs = [d for d in field_docs(Settings) if not d[0].startswith("imports.")]
    settings_docs += field_docs(ImportFolders, "import.")
    rules_docs = [d for d in field_docs(Rules) if not d[0].startswith("imports.")]
    rules_docs += field_docs(ImportRules, "import.")
    config = table("tactful.toml", settings_docs) + table("rules files", rules_docs)
    return {"commands": "\n".join(rows), "config": "\n".join(config).rstrip()}


@cli.command(hidden=True)
def reference() -> None:
    """Print the README's command and configuration reference (kept in sync by a test)."""
    for name, text in reference_markdown().items():
        click.echo(f"<!-- {name}:start -->\n{text}\n<!-- {name}:end -->\n")


def connect_check(config: Config) -> list[str]:
    """Log in to the configured SMTP and IMAP servers; return what failed."""
    problems: list[str] = []
    s = config.settings
    if s.outbound.transport == "smtp" and s.smtp is not None:
        from mailer.transport import check_smtp_login

        try:
            check_smtp_login(smtp_transport(config))
        except Exception as exc:  # a report, not a crash: name the server and what it said
            problems.append(f"SMTP {s.smtp.host}:{s.smtp.port}: {exc}")
    if s.replies.source == "imap" and s.imap is not None:
        from mailer.imap import check_imap_login

        try:
            check_imap_login(imap_settings(config))
        except Exception as exc:
            problems.append(f"IMAP {s.imap.host}:{s.imap.port}: {exc}")
    return problems


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


@cli.command(name="preview-template")
@click.argument("stage")
@click.option("--language", "-l", default=None, help="Letter language (default: the company's).")
@click.option(
    "--part",
    type=click.Choice(["text", "html", "subject", "eml"]),
    default="text",
    show_default=True,
    help="What to show; eml is the whole message as it would be sent.",
)
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), default=None,
              help="Templates folder to try (default: `templates` from tactful.toml, else built-in only).")  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@click.pass_context
def preview_template(
    ctx: click.Context, stage: str, language: str | None, part: str, templates_dir: str | None, output: str | None
) -> None:
    """Render template STAGE with sample data (no database needed), to try a template before it goes out."""
    from mailer import TemplateError
    from mailer.message import build_message, make_message_id, make_reply_to
    from mailer.render import load_templates, render_reminder, sample_context

    path = config_path_from(ctx)
    company: Any = None
    user_dir = Path(templates_dir) if templates_dir else None
    if path.exists():
        from rules.settings import load_settings
        from rules.toml import RuleError

        try:
            company_settings = load_settings(_read_text(path, "configuration file"), str(path))
        except (RuleError, ConfigError) as exc:
            fail(f"{path}: {exc}; fix it or preview with --config pointing elsewhere")
            raise  # unreachable: fail() exits
        company = company_settings.company
        if user_dir is None and company_settings.templates:
            user_dir = Path(company_settings.templates).expanduser()
            user_dir = user_dir if user_dir.is_absolute() else path.parent / user_dir
    try:
        templates = load_templates(user_dir, default_language=company.language if company else "en")
        lang = language or templates.default_language
        context = sample_context(stage, lang)
        if company is not None:  # the user's own letterhead, with sample customers and invoices
            for key in ("name", "email", "phone", "bank_account", "bank_name", "contact_name", "signature"):
                if getattr(company, key):
                    context["company"][key] = getattr(company, key)
        rendered = render_reminder(templates, stage, lang, context)
    except TemplateError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits
    if part == "subject":
        out = rendered.subject + "\n"
    elif part == "html":
        if rendered.html is None:
            fail(f"stage {stage!r} has no HTML template in {rendered.language!r}; the letter goes as text only")
        out = rendered.html or ""
    elif part == "eml":
        sender = context["company"]["email"]
        domain = sender.rpartition("@")[2] or "example.com"
        message = build_message(
            rendered,
            from_addr=f"{context['company']['name']} <{sender}>",
            to=["Jan Kowalski <jan.kowalski@example.com>"],
            reply_to=make_reply_to(sender, None),
            message_id=make_message_id(f"preview-{stage}", domain),
            in_reply_to=None,
            references=(),
            date_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        )
        out = message.as_string().replace("\r\n", "\n")
    else:
        out = f"Subject: {rendered.subject}\n\n{rendered.text}"
    if output:
        Path(output).write_text(out, encoding="utf-8")
        click.echo(f"wrote {part} of {stage!r} ({rendered.language}) to {output}")
    else:
        click.echo(out, nl=False)


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


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line, for log collectors (`--log-format json`)."""

    def format(self, record: logging.LogRecord) -> str:
        import json

        entry: dict[str, Any] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("job", "item", "outcome", "duration_ms", "customer"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(log_format: str, verbose: bool) -> None:
    """Human-readable lines on a terminal, JSON lines with --log-format json; never secrets."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%H:%M:%S")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Library chatter (SQL echo, scheduler internals) stays at WARNING unless asked for.
    for noisy in ("apscheduler", "sqlalchemy", "alembic", "imapclient", "mail.log"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tactful")


if __name__ == "__main__":
    main()
