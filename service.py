"""tactful's shell: configuration, logging, the CLI, and (later) the scheduler.

Everything that *decides* lives in ``ledger`` and ``rules``; this module wires
files, the store, the mailer and the clock around those pure functions.
Heavy libraries are imported inside the commands so that ``tactful --help``
stays fast.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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


def fail(message: str, code: int = 1) -> NoReturn:
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

    @functools.cached_property
    def reply_phrases(self) -> Any:
        """The phrase book and second opinion for reading replies, built once per configuration."""
        return reply_phrasebook(self.rules)

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
        # The company's reply phrases and examples are checked now, not when the first reply
        # comes; the shipped ones are tested, and the second opinion is trained on first use.
        try:
            from rules.replies import load_phrasebook

            load_phrasebook(rules.replies.phrases, rules.replies.examples, shipped=False)
        except RuleError as exc:
            problems.extend(f"{sources[0][0]}: {p}" for p in exc.problems)
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
    templates = load_templates(user_dir, default_language=settings.company.language)
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
        report, problems = connect_check(config)
        for line in report:
            click.echo(line)
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

    rows = ["| command | options | what it does |", "|---|---|---|"]

    def cell(text: str) -> str:
        return text.replace("|", "&#124;")

    def walk(group: click.Group, prefix: str) -> None:
        for name in sorted(group.commands):
            command = group.commands[name]
            if command.hidden:
                continue
            if isinstance(command, click.Group):
                walk(command, f"{prefix}{name} ")
                continue
            ctx = click.Context(command)
            usage = " ".join(
                piece
                for p in command.params
                if isinstance(p, click.Argument)
                for piece in p.get_usage_pieces(ctx)
            )
            options = ", ".join(
                f"`{p.opts[0]}{'' if p.is_flag else ' ' + p.make_metavar(ctx)}`"
                for p in command.params
                if isinstance(p, click.Option) and not p.hidden
            )
            summary = (command.help or "").strip().splitlines()[0]
            invocation = f"tactful {prefix}{name} {usage}".strip()
            rows.append(f"| {cell(f'`{invocation}`')} | {cell(options)} | {cell(summary)} |")

    walk(cli, "")

    def table(title: str, docs: list[tuple[str, str, str]]) -> list[str]:
        out = [f"**{title}**", "", "| key | type | meaning |", "|---|---|---|"]
        out += [f"| `{key}` | {cell(kind)} | {cell(text)} |" for key, kind, text in docs]
        return [*out, ""]

    settings_docs = [d for d in field_docs(Settings) if not d[0].startswith("imports.")]
    settings_docs += field_docs(ImportFolders, "import.")
    rules_docs = [d for d in field_docs(Rules) if not d[0].startswith("imports.")]
    rules_docs += field_docs(ImportRules, "import.")
    config = table("tactful.toml", settings_docs) + table("rules files", rules_docs)
    return {"commands": "\n".join(rows), "config": "\n".join(config).rstrip()}


@cli.command(hidden=True)
@click.option(
    "--write", "readme", type=click.Path(dir_okay=False, exists=True), help="Update this README in place."
)
def reference(readme: str | None) -> None:
    """Print the README's command and configuration reference (kept in sync by a test)."""
    import re

    sections = {
        name: f"<!-- {name}:start -->\n{text}\n<!-- {name}:end -->"
        for name, text in reference_markdown().items()
    }
    if readme is None:
        click.echo("\n\n".join(sections.values()))
        return
    text = Path(readme).read_text(encoding="utf-8")
    for name, block in sections.items():
        pattern = rf"<!-- {name}:start -->.*?<!-- {name}:end -->"
        text = re.sub(pattern, block.replace("\\", "\\\\"), text, flags=re.S)
    Path(readme).write_text(text, encoding="utf-8")


def connect_check(config: Config) -> tuple[list[str], list[str]]:
    """Log in to the configured SMTP and IMAP servers; return (what worked, what failed)."""
    report: list[str] = []
    problems: list[str] = []
    s = config.settings
    if s.outbound.transport == "smtp" and s.smtp is not None:
        from mailer.transport import check_smtp_login

        try:
            report.append(check_smtp_login(s.smtp.host, s.smtp.port, **smtp_options(config)))
        except Exception as exc:  # a report, not a crash: name the server and what it said
            problems.append(f"SMTP {s.smtp.host}:{s.smtp.port}: {exc}")
    if s.replies.source == "imap" and s.imap is not None:
        from mailer.imap import check_imap_login

        try:
            report.extend(check_imap_login(imap_settings(config)))
        except Exception as exc:
            problems.append(f"IMAP {s.imap.host}:{s.imap.port}: {exc}")
    return report, problems


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
    table: object = document
    for key in ("import", "statements", "csv"):
        table = table.get(key) if isinstance(table, dict) else None
    if table is None and path is not None:
        table = document  # a file that holds just the mapping keys
    if not table:
        return None
    if not isinstance(table, dict):
        fail(f"{source}: [import.statements.csv] must be a table of column settings")
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


def _read_mapping_file(path: str) -> tuple[Any, Any]:
    """[import.invoices] and [matching] from a TOML file (a rules file or a snippet), fully validated."""
    from ledger.invoices import InvoiceMapping
    from ledger.match import MatchSettings
    from rules.toml import build, parse_toml

    try:
        text = _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 text ({exc}); save the mapping file as UTF-8")
        raise
    data, ctx = parse_toml(text, path)
    mapping, settings = InvoiceMapping(), MatchSettings()
    imports = data.get("import", {})
    if isinstance(imports, dict) and "invoices" in imports:
        mapping = build(InvoiceMapping, imports["invoices"], ctx, ("import", "invoices")) or mapping
    if "matching" in data:
        settings = build(MatchSettings, data["matching"], ctx, ("matching",)) or settings
    if ctx.problems:
        fail("\n".join(str(p) for p in ctx.problems))
    return mapping, settings


def _decimal_text(amount: object) -> str:
    """A Decimal amount as a string with at least two decimals ("1230" -> "1230.00")."""
    from decimal import Decimal

    if not isinstance(amount, Decimal):
        return str(amount)
    exponent = amount.as_tuple().exponent
    return f"{amount:.2f}" if isinstance(exponent, int) and exponent > -2 else str(amount)


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

    from ledger import LedgerError
    from ledger.importers import parse_statement
    from ledger.invoices import InvoiceMapping, parse_invoices, reconcile_export
    from ledger.match import MatchSettings, match_payments

    mapping = InvoiceMapping()
    settings = MatchSettings()
    if mapping_path:
        mapping, settings = _read_mapping_file(mapping_path)
    data = _read_bytes(invoices_path)
    if not mapping_path and (invoices_path.lower().endswith(".json") or data.lstrip()[:1] in (b"[", b"{")):
        mapping = InvoiceMapping(format="json")
    try:
        export = parse_invoices(data, invoices_path, mapping)
        bank_csv = _csv_mapping_from(csv_mapping, ctx)
        lines: list[Any] = []
        for path in statement_paths:
            lines.extend(parse_statement(_read_bytes(path), path, csv_mapping=bank_csv).lines)
        # Credit notes reduce the invoices they correct before anything is matched.
        changes = reconcile_export({}, export, "full")
        invoices = [*changes.new, *changes.updated]
        result = match_payments(invoices, lines, settings, export.customers)
    except LedgerError as exc:
        fail(str(exc))
        return
    except re.error as exc:
        fail(f"{mapping_path}: [matching] reference_patterns: {exc}")
        return
    for warning in (*export.warnings, *changes.warnings):
        click.echo(f"tactful: warning: {warning}", err=True)
    if as_json:
        payload = {
            "matches": [
                {
                    "transaction": m.transaction_id,
                    "invoice": m.invoice_number,
                    "amount": _decimal_text(m.amount),
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
    for credit in result.credits:
        click.echo(
            f"credit {credit.transaction_id}: {credit.amount} {credit.currency} to customer {credit.customer_id}"
        )
    for tid, note in result.notes:
        click.echo(f"note {tid}: {note}")


# --- commands: escalation (plan, explain, hold, release, promise, approve, reject) ---


def _summary_or_fail(app: App, importer: Any, files: tuple[str, ...], now: datetime) -> None:
    """Import each file whole or not at all; one summary line each; exit 1 if any was rejected."""
    import contextlib

    from ledger import LedgerError

    totals = {"imported": 0, "rejected": 0}
    with (
        click.progressbar(files, label="importing", file=sys.stderr)
        if sys.stderr.isatty() and len(files) > 1
        else contextlib.nullcontext(files) as bar
    ):
        for name in bar:
            try:
                click.echo(importer(app, Path(name), now))
                totals["imported"] += 1
            except (LedgerError, OSError) as exc:
                click.echo(f"tactful: {exc if isinstance(exc, LedgerError) else f'{name}: {exc}'}", err=True)
                totals["rejected"] += 1
    applied, queued = match_new_payments(app, now)
    click.echo(
        f"{totals['imported']} file(s) imported, {totals['rejected']} rejected; "
        f"{applied} payment allocation(s) applied, {queued} payment(s) to review"
    )
    if totals["rejected"]:
        sys.exit(1)


@import_group.command(name="invoices")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_invoices(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Import invoice exports (canonical or mapped CSV, JSON); re-importing updates them."""
    app = app_from(ctx)
    _summary_or_fail(app, import_invoice_file, files, datetime.now(UTC))


@import_group.command(name="customers")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_customers(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Import a customers export: contacts, language, tags (segments), do-not-contact."""
    app = app_from(ctx)
    _summary_or_fail(app, import_customer_file, files, datetime.now(UTC))


@import_group.command(name="statement")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_statement(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Import bank statements (OFX, CAMT.053, MT940, CSV) and match the new payments."""
    app = app_from(ctx)
    _summary_or_fail(app, import_statement_file, files, datetime.now(UTC))


@cli.command()
@click.argument("action", type=click.Choice(["list", "accept", "assign", "dismiss"]), default="list")
@click.argument("review_id", type=int, required=False)
@click.argument("invoice", required=False)
@click.option(
    "--amount", help="With assign: how much of the payment goes to the invoice (default: all that fits)."
)
@click.option("--note", default="", help="Why (kept in the event log).")
@click.pass_context
def review(
    ctx: click.Context, action: str, review_id: int | None, invoice: str | None, amount: str | None, note: str
) -> None:
    """Payments needing a person: list | accept ID | assign ID INVOICE | dismiss ID (not a customer payment)."""
    from decimal import Decimal, InvalidOperation

    app = app_from(ctx)
    store = app.store
    now = datetime.now(UTC)
    actor = os.environ.get("USER", "user")
    if action == "list":
        items = store.reviews(open_only=True)
        for item in items:
            line = store.transaction(item.transaction_id)
            what = (
                f"{line.booked_on} {line.amount} {line.currency} {line.counterparty!r} {line.text!r}"
                if line
                else ""
            )
            click.echo(f"#{item.id} {item.transaction_id}: {what}\n    {item.suggestion}")
        click.echo(f"{len(items)} payment(s) waiting for review")
        return
    if review_id is None:
        fail(f"review {action} needs the review number, e.g. tactful review {action} 12")
    if action == "accept":
        ok = store.accept_suggestion(review_id, actor, now)
    elif action == "dismiss":
        ok = store.dismiss_review(review_id, actor, now, note)
    else:
        if not invoice:
            fail("review assign needs an invoice number, e.g. tactful review assign 12 FV/2026/11/0123")
        try:
            value = Decimal(amount) if amount else None
        except InvalidOperation:
            fail(f"--amount {amount!r} is not an amount; e.g. --amount 1234.50")
            raise
        if value is None:
            # All of the payment that fits: never more than the invoice still owes.
            item = next((r for r in store.reviews(open_only=True) if r.id == review_id), None)
            line = store.transaction(item.transaction_id) if item else None
            target = next((i for i in current_invoices(store) if i.number == invoice), None)
            if line is None or target is None:
                fail(f"review #{review_id} or open invoice {invoice!r} not found")
            value = min(line.amount, target.open_amount)
        ok = store.assign_review(review_id, invoice, value, actor, now)
        if ok and note:
            store.add_event(now, actor, "review.note", note, invoice_number=invoice)
    if not ok:
        fail(f"review #{review_id} is not open (see `tactful review list`)")
    click.echo(f"review #{review_id}: {action} done")


def _plan_json(plan: Any, app: App) -> dict[str, Any]:
    return {
        "at": plan.at.astimezone(app.tz).isoformat(),
        "messages": [
            {
                "customer": m.customer_id,
                "stage": m.stage,
                "invoices": list(m.invoice_numbers),
                "to": list(m.to),
                "language": m.language,
                "requires_approval": m.requires_approval,
                "reason": m.reason,
            }
            for m in plan.messages
        ],
        "held": [
            {
                "customer": h.customer_id,
                "invoices": list(h.invoice_numbers),
                "until": h.until_on.isoformat() if h.until_on else None,
                "reason": h.reason,
                "detail": h.detail,
            }
            for h in plan.held
        ],
    }


@cli.command()
@click.option("--at", "at", metavar="DATETIME", help="As if the clock said this (ISO, local time).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@click.pass_context
def plan(ctx: click.Context, at: str | None, as_json: bool) -> None:
    """What would be sent at that moment and why, touching nothing."""
    import json

    app = app_from(ctx)
    result = plan_now(app, parse_at(at, app.settings.company.timezone))
    if as_json:
        click.echo(json.dumps(_plan_json(result, app), ensure_ascii=False))
        return
    when = result.at.astimezone(app.tz).strftime("%Y-%m-%d %H:%M")
    if not result.is_send_time:
        nxt = (
            result.next_send_at.astimezone(app.tz).strftime("%Y-%m-%d %H:%M") if result.next_send_at else "?"
        )
        click.echo(f"{when}: not a send time (window or closed day); next send time {nxt}")
    click.echo(f"Letters at {when}: {len(result.messages)}")
    for m in result.messages:
        flag = " [needs approval]" if m.requires_approval else ""
        click.echo(
            f"  {m.customer_id} {m.stage}{flag} -> {', '.join(m.to)}: {', '.join(m.invoice_numbers)}\n      {m.reason}"
        )
    click.echo(f"Held: {len(result.held)}")
    for h in result.held:
        until = f" until {h.until_on}" if h.until_on else ""
        click.echo(f"  {h.customer_id} {h.reason}{until}: {h.detail}")


@cli.command()
@click.argument("customer")
@click.option("--at", "at", metavar="DATETIME", help="Plan the next step as if the clock said this.")
@click.pass_context
def explain(ctx: click.Context, customer: str, at: str | None) -> None:
    """A customer's invoices, payments, letters, replies, pauses and the next step with its reason."""
    app = app_from(ctx)
    store = app.store
    found = store.customer(customer)
    if found is None:
        fail(f"no customer {customer!r}; customer ids come from the invoice export (customer_id column)")
    click.echo(f"{found.id} {found.name} ({found.language or app.settings.company.language})")
    for contact in found.contacts:
        click.echo(f"  contact {contact.email}{' (undeliverable)' if contact.is_undeliverable else ''}")
    click.echo("Invoices:")
    applied = store.applied_amounts()
    for inv in store.invoices_of(found.id, include_closed=True):
        state, reason = store.invoice_state(inv.number) or ("?", None)
        paid = max(inv.paid, applied.get(inv.number, inv.paid))
        if state == "open" and inv.total > 0 and paid >= inv.total:
            state = "paid"
        click.echo(
            f"  {inv.number} due {inv.due_on} total {inv.total} {inv.currency} paid {paid} [{state}{': ' + reason if reason else ''}]"
        )
    click.echo("History:")
    for event in store.events(found.id):
        click.echo(f"  {event.at.astimezone(app.tz):%Y-%m-%d %H:%M} {event.actor}: {event.message}")
    result = plan_now(app, parse_at(at, app.settings.company.timezone))
    mine = [m for m in result.messages if m.customer_id == found.id]
    held = [h for h in result.held if h.customer_id == found.id]
    click.echo("Next:")
    for m in mine:
        click.echo(f"  {m.stage} to {', '.join(m.to)} about {', '.join(m.invoice_numbers)}: {m.reason}")
    for h in held:
        click.echo(f"  held ({h.reason}{', until ' + str(h.until_on) if h.until_on else ''}): {h.detail}")
    if not mine and not held:
        click.echo("  nothing planned at this moment" + ("" if result.is_send_time else " (not a send time)"))


def _parse_day(value: str | None, option: str) -> Any:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date; e.g. {option} 2026-12-15")
        raise


@cli.command()
@click.argument("customer")
@click.option("--reason", required=True, help="Why (shown in explain and the digest).")
@click.option("--until", "until", help="End date (YYYY-MM-DD); default: until released.")
@click.option("--invoice", "invoices", multiple=True, help="Only these invoices (repeatable); default: all.")
@click.option(
    "--kind", type=click.Choice(["manual", "dispute", "payment_plan"]), default="manual", show_default=True
)
@click.pass_context
def hold(
    ctx: click.Context, customer: str, reason: str, until: str | None, invoices: tuple[str, ...], kind: str
) -> None:
    """Stop reminders to a customer (or some invoices) until released or a date."""
    app = app_from(ctx)
    if app.store.customer(customer) is None:
        fail(f"no customer {customer!r}")
    hold_id = app.store.add_hold(
        customer,
        kind,
        reason,
        os.environ.get("USER", "user"),
        datetime.now(UTC),
        invoice_numbers=invoices or None,
        until_on=_parse_day(until, "--until"),
    )
    click.echo(f"hold #{hold_id} on {customer} ({kind})")


@cli.command()
@click.argument("customer")
@click.option("--reason", default="", help="Why (kept in the event log).")
@click.pass_context
def release(ctx: click.Context, customer: str, reason: str) -> None:
    """Release every active hold of a customer."""
    app = app_from(ctx)
    now = datetime.now(UTC)
    active = [h for h in app.store.holds(customer, active_on=app.local_date(now))]
    for h in active:
        app.store.release_hold(h.id, os.environ.get("USER", "user"), now, reason)
    click.echo(f"released {len(active)} hold(s) on {customer}")


@cli.command()
@click.argument("customer")
@click.option("--until", "until", required=True, help="Promised payment date (YYYY-MM-DD).")
@click.option("--amount", help="Promised amount (default: everything overdue).")
@click.pass_context
def promise(ctx: click.Context, customer: str, until: str, amount: str | None) -> None:
    """Record a promise to pay: reminders wait until the date plus grace days."""
    from decimal import Decimal, InvalidOperation

    app = app_from(ctx)
    if app.store.customer(customer) is None:
        fail(f"no customer {customer!r}")
    now = datetime.now(UTC)
    try:
        value = Decimal(amount) if amount else None
    except InvalidOperation:
        fail(f"--amount {amount!r} is not an amount; e.g. --amount 1234.50")
        raise
    day = _parse_day(until, "--until")
    promise_id = app.store.add_promise(
        customer, day, app.local_date(now), os.environ.get("USER", "user"), now, amount=value
    )
    click.echo(f"promise #{promise_id}: {customer} pays by {day}")


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@click.pass_context
def approve(ctx: click.Context, ids: tuple[str, ...]) -> None:
    """Approve letters waiting for a person (ids from the digest or `tactful status`)."""
    app = app_from(ctx)
    now = datetime.now(UTC)
    bad = [i for i in ids if not app.store.approve_reminder(i, os.environ.get("USER", "user"), now)]
    for reminder_id in ids:
        if reminder_id not in bad:
            click.echo(f"approved {reminder_id}: it goes out in the next dunning cycle")
    if bad:
        fail(f"not waiting for approval: {', '.join(bad)}")


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@click.option("--reason", required=True, help="Why (kept in the event log).")
@click.pass_context
def reject(ctx: click.Context, ids: tuple[str, ...], reason: str) -> None:
    """Reject letters waiting for a person; that step is not sent."""
    app = app_from(ctx)
    now = datetime.now(UTC)
    bad = [i for i in ids if not app.store.reject_reminder(i, os.environ.get("USER", "user"), now, reason)]
    if bad:
        fail(f"not waiting: {', '.join(bad)}")
    click.echo(f"rejected {len(ids)} letter(s)")


@cli.command()
@click.argument("customer")
@click.option("--stage", help="Render this stage instead of the planned one.")
@click.option("--at", "at", metavar="DATETIME", help="As if the clock said this (ISO, local time).")
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML part to this file."
)
@click.pass_context
def preview(
    ctx: click.Context, customer: str, stage: str | None, at: str | None, html_path: str | None
) -> None:
    """Show the next letter to CUSTOMER as it would be sent."""
    import dataclasses as dc

    app = app_from(ctx)
    now = parse_at(at, app.settings.company.timezone)
    result = plan_now(app, now)
    message = next((m for m in result.messages if m.customer_id == customer), None)
    if message is None:
        held = [h for h in result.held if h.customer_id == customer]
        why = "; ".join(f"{h.reason}: {h.detail}" for h in held) or "nothing is due"
        if stage is None:
            fail(f"no letter for {customer!r} at this moment ({why}); pass --stage NAME to render one anyway")
        invoices = [inv for inv in current_invoices(app.store) if inv.customer_id == customer]
        found = app.store.customer(customer)
        if found is None or not invoices:
            fail(f"{customer!r} has no open invoices")
        from rules.escalation import PlannedMessage

        message = PlannedMessage(
            customer_id=customer,
            stage=stage,
            template=stage,
            invoice_numbers=tuple(i.number for i in invoices),
            to=tuple(c.email for c in found.contacts),
            language=found.language or app.settings.company.language,
            requires_approval=False,
            reason="preview",
            announces=None,
            is_broken_promise=False,
            key=f"{customer}:{stage}:preview",
            approval_key=f"{customer}:{stage}:preview",
            ladder="",
            send_on=app.local_date(now),
            totals=(),
        )
    elif stage is not None:
        message = dc.replace(message, stage=stage, template=stage)
    invoices_by_number = {inv.number: inv for inv in current_invoices(app.store)}
    email = compose_reminder(app, message, outbox_id(app, message), invoices_by_number, now)
    for header in ("From", "To", "Reply-To", "Subject", "Message-ID", "In-Reply-To"):
        if email[header]:
            click.echo(f"{header}: {email[header]}")
    click.echo("")
    click.echo(email.get_body(("plain",)).get_content())
    if html_path:
        html = email.get_body(("html",))
        Path(html_path).write_text(html.get_content() if html else "", encoding="utf-8")
        click.echo(f"HTML written to {html_path}")


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
    ctx: click.Context,
    stage: str,
    language: str | None,
    part: str,
    templates_dir: str | None,
    output: str | None,
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
            fail(
                f"stage {stage!r} has no HTML template in {rendered.language!r}; the letter goes as text only"
            )
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
@click.pass_context
def classify_reply_command(ctx: click.Context, paths: tuple[str, ...], as_json: bool, tz_name: str) -> None:
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
    # A company's own phrases and examples ([replies] in its rules) count too, when a
    # configuration is at hand.
    phrases = get_config(ctx).reply_phrases if config_path_from(ctx).exists() else load_phrasebook()
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
                + (f" - {evidence_of(result)!r}" if result.evidence else "")
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


log = logging.getLogger("tactful")

# How long a claimed reminder is ours before another worker may call its fate unknown.
CLAIM_LEASE_S = 600
# Overpayments, disputes, plans... each "needs you" item kind the digest knows.
DIGEST_KIND = "digest"


@dataclass
class App:
    """What every job needs: the checked config, the store, where mail goes, and a stop flag."""

    config: Config
    store: Any
    outbox: Any
    worker: str
    stopping: Any  # threading.Event: set by SIGTERM/SIGINT, checked between items
    sent_copy: Any = None  # mailer.transport.ImapSentCopy when [imap] sent_folder is set

    @property
    def settings(self) -> Settings:
        return self.config.settings

    @property
    def rules(self) -> Rules:
        return self.config.rules

    @property
    def tz(self) -> Any:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.settings.company.timezone)

    def local_date(self, at: datetime) -> Any:
        return at.astimezone(self.tz).date()


def open_app(config: Config) -> App:
    """Open the store (migrating it) and the outbound transport named in the config."""
    import socket
    import threading

    from store import open_store

    store = open_store(config.database_url)
    return App(
        config=config,
        store=store,
        outbox=make_outbox(config),
        worker=f"{socket.gethostname()}:{os.getpid()}",
        stopping=threading.Event(),
        sent_copy=make_sent_copy(config),
    )


def make_sent_copy(config: Config) -> Any:
    """The company's Sent folder over IMAP ([imap] sent_folder), or None."""
    imap = config.settings.imap
    if imap is None or not imap.sent_folder:
        return None
    from mailer.transport import ImapSentCopy

    return ImapSentCopy(
        imap.host,
        imap.port,
        username=imap.username,
        password=read_secret("imap", imap.password_env, imap.password_file, config.base_dir),
        folder=imap.sent_folder,
        security=imap.security,
        ca_file=str(config.resolve(imap.ca_file)) if imap.ca_file else None,
        timeout_s=imap.timeout_seconds,
        allow_insecure=imap.allow_insecure,
    )


def make_outbox(config: Config) -> Any:
    """The Maildir outbox (default: nothing leaves the machine) or the SMTP transport."""
    s = config.settings
    if s.outbound.transport == "smtp" and s.smtp is not None:
        from mailer.transport import SmtpTransport

        return SmtpTransport(s.smtp.host, s.smtp.port, **smtp_options(config))
    from mailer.transport import MaildirOutbox

    return MaildirOutbox(config.resolve(s.outbound.maildir))


def smtp_options(config: Config) -> dict[str, Any]:
    """Keyword arguments for SmtpTransport / check_smtp_login from [smtp]; the password from env or file."""
    smtp = config.settings.smtp
    assert smtp is not None
    password = read_secret("smtp", smtp.password_env, smtp.password_file, config.base_dir)
    return {
        "security": smtp.security,
        "username": smtp.username or None,
        "password": password or None,
        "timeout_s": smtp.timeout_seconds,
        "ca_file": str(config.resolve(smtp.ca_file)) if smtp.ca_file else None,
        "allow_insecure": smtp.allow_insecure,
        "rate_per_minute": smtp.rate_per_minute or None,
    }


def imap_settings(config: Config) -> Any:
    """mailer.imap.ImapSettings from [imap]; the password from env or file, never logged."""
    from mailer.imap import ImapSettings

    imap = config.settings.imap
    assert imap is not None
    return ImapSettings(
        host=imap.host,
        username=imap.username,
        password=read_secret("imap", imap.password_env, imap.password_file, config.base_dir),
        port=imap.port,
        security=imap.security,
        folders=tuple(imap.folders),
        ca_file=str(config.resolve(imap.ca_file)) if imap.ca_file else None,
        timeout_s=float(imap.timeout_seconds),
        max_message_bytes=imap.max_message_kib * 1024,
        move_to=imap.move_to or None,
        mark_seen=imap.mark_seen,
        use_idle=imap.use_idle,
    )


# --- the book as the store knows it --------------------------------------------------------------


def current_invoices(store: Any) -> list[Any]:
    """Open invoices with what the bank says is paid; fully paid ones drop out.

    The accounting export's ``paid`` and tactful's own applied allocations usually describe the
    same payments (the accountant books the bank statement too), so the larger of the two counts,
    never their sum: adding them would make a half-paid invoice look settled.
    """
    import dataclasses as dc

    applied = store.applied_amounts()
    out = []
    for invoice in store.open_invoices():
        paid = max(invoice.paid, applied.get(invoice.number, invoice.paid))
        if paid != invoice.paid:
            invoice = dc.replace(invoice, paid=paid)
        if invoice.open_amount > 0 or invoice.total < 0:
            out.append(invoice)
    return out


def book_state(app: App, invoices: list[Any] | None = None) -> Any:
    """Everything the escalation planner needs, read from the store."""
    from rules import escalation as esc

    store = app.store
    invoices = current_invoices(store) if invoices is None else invoices
    reminders = store.reminders()
    templates = {r.id: r.template for r in reminders}
    sent = [
        esc.SentReminder(
            customer_id=r.customer_id,
            stage=r.stage,
            sent_on=app.local_date(r.sent_at),
            invoice_numbers=tuple(r.invoice_numbers),
            announced_deadline_on=r.announced_deadline_on,
            is_broken_promise=templates.get(r.id) == esc.BROKEN_PROMISE_TEMPLATE,
            key=r.id,
        )
        for r in store.sent_reminders()
    ]
    pauses = [
        esc.Pause(
            customer_id=h.customer_id,
            kind=h.kind,
            invoice_numbers=tuple(h.invoice_numbers or ()),
            until_on=h.until_on,
            reason=h.reason,
        )
        for h in store.holds()
        if h.released_at is None and h.kind != "promise"
    ]
    promises = planner_promises(store)
    approvals = []
    for r in reminders:
        if r.state == "rejected" and r.last_error and r.last_error.startswith("no longer due"):
            continue  # cancelled by the daemon, not a person's decision
        if r.state in ("rejected", "planned", "claimed", "sent", "unknown", "failed_temporary"):
            approvals.append(
                esc.Approval(key=r.id, is_approved=r.state != "rejected", note=r.last_error or "")
            )
    return esc.BookState(
        invoices=invoices,
        customers=store.customers(),
        sent=sent,
        pauses=pauses,
        promises=promises,
        approvals=approvals,
        newest_statement_on=store.newest_statement_on(),
    )


def planner_promises(store: Any, customer_id: str | None = None) -> list[Any]:
    """The store's promises (all, or one customer's) as the escalation planner's Promise values."""
    from rules import escalation as esc

    return [
        esc.Promise(
            customer_id=p.customer_id,
            promised_on=p.promised_on,
            made_on=p.made_on,
            currency=p.currency or "",
            amount=p.amount,
            invoice_numbers=tuple(p.invoice_numbers),
            state=p.state,
            id=str(p.id),
        )
        for p in store.promises(customer_id)
    ]


def outbox_id(app: App, message: Any) -> str:
    """The outbox id of a planned letter: one per ladder step (customer, stage, previous letter).

    The same step planned again on a later day keeps its id, so an approval given today still
    covers it tomorrow and a letter that failed for now is retried, never doubled.
    """
    return str(message.approval_key)


def plan_now(app: App, now: datetime) -> Any:
    """The escalation plan at ``now``, touching nothing."""
    from rules.escalation import plan_reminders

    return plan_reminders(book_state(app), app.rules.escalation(app.settings.company), now)


# --- imports --------------------------------------------------------------------------------------


def import_invoice_file(app: App, path: Path, now: datetime) -> str:
    """Import one invoice export whole or not at all; returns a one-line summary."""
    from ledger.invoices import parse_invoices, reconcile_export

    mapping = app.rules.imports.invoices
    export = parse_invoices(path.read_bytes(), path.name, mapping)
    store = app.store
    known = {inv.number: inv for inv in store.open_invoices()}
    changes = reconcile_export(known, export, mapping.mode)
    if export.customers:
        store.upsert_customers(merge_known_customers(store, export.customers), now)
    # Invoices go in with their credit notes already applied; a credit note that reduced its invoice
    # is not stored as well (it would count twice), one that corrects nothing known stays for the
    # planner to net and for a person to place.
    applied = {application.credit_note for application in changes.credit_notes}
    counts = store.upsert_invoices(
        [inv for inv in changes.new + changes.updated if inv.number not in applied], now
    )
    for application in changes.credit_notes:
        log.info(
            "%s: credit note %s reduces %s by %s %s",
            path.name,
            application.credit_note,
            application.invoice_number,
            application.amount,
            application.currency,
        )
    for number in changes.unapplied_credit_notes:
        log.warning(
            "%s: credit note %s corrects no known open invoice; a person should place it", path.name, number
        )
    closed = 0
    if changes.closed:
        closed = store.close_invoices(
            [inv.number for inv in changes.closed], f"missing from the full export {path.name}", now, "import"
        )
    for warning in export.warnings:
        log.warning("%s: %s", path.name, warning)
    unchanged = counts.unchanged + len(changes.unchanged)
    summary = f"{path.name}: {counts.new} new, {counts.updated} updated, {unchanged} unchanged"
    if changes.credit_notes:
        summary += f", {len(changes.credit_notes)} credit note(s) applied"
    return summary + (f", {closed} closed (not in the full export)" if closed else "")


def merge_known_customers(store: Any, exported: Any) -> list[Any]:
    """Customers as an invoice export describes them, added to what is already known.

    An invoice export carries one e-mail per invoice, not a customer's contact list: its addresses,
    IBANs and tags are added to the stored ones, never replace them (a customers export does that).
    """
    import dataclasses as dc

    known = {c.id: c for c in store.customers()}
    merged = []
    for customer in exported:
        old = known.get(customer.id)
        if old is not None:
            emails = {c.email.lower() for c in customer.contacts}
            customer = dc.replace(
                customer,
                contacts=customer.contacts + tuple(c for c in old.contacts if c.email.lower() not in emails),
                ibans=tuple(dict.fromkeys(customer.ibans + old.ibans)),
                tags=tuple(dict.fromkeys(customer.tags + old.tags)),
                language=customer.language or old.language,
                do_not_contact=customer.do_not_contact or old.do_not_contact,
            )
        merged.append(customer)
    return merged


def import_customer_file(app: App, path: Path, now: datetime) -> str:
    """Import a customers export (contacts, language, tags, do-not-contact) whole or not at all."""
    from ledger.invoices import InvoiceMapping, parse_customers

    mapping = app.rules.imports.customers or InvoiceMapping()
    customers = parse_customers(path.read_bytes(), path.name, mapping)
    counts = app.store.upsert_customers(customers, now)
    return f"{path.name}: {counts.new} new, {counts.updated} updated, {counts.unchanged} unchanged customers"


def import_statement_file(app: App, path: Path, now: datetime) -> str:
    """Import one bank statement whole or not at all; returns a one-line summary."""
    from ledger.importers import parse_statement
    from store import statement_sha256

    data = path.read_bytes()
    statement = parse_statement(data, path.name, csv_mapping=app.rules.imports.statements.csv)
    counts = app.store.add_statement(statement, statement_sha256(data), now)
    for warning in statement.warnings:
        log.warning("%s: %s", path.name, warning)
    extra = (
        f", {counts.probable_duplicates} probable duplicates flagged" if counts.probable_duplicates else ""
    )
    return f"{path.name}: {counts.new} new, {counts.known} already known{extra}"


def scan_inbox(app: App, folder: Path, importer: Any, now: datetime) -> list[str]:
    """Import every file in a watched folder; move it to processed/ or failed/ (+ .error.txt)."""
    import shutil

    from ledger import LedgerError

    if not folder.is_dir():
        return []
    outcomes = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        if app.stopping.is_set():
            break
        started = time.monotonic()
        try:
            summary = importer(app, path, now)
        except (LedgerError, OSError, ValueError) as exc:
            target = folder / "failed"
            target.mkdir(exist_ok=True)
            shutil.move(str(path), target / path.name)
            (target / f"{path.name}.error.txt").write_text(f"{exc}\n", encoding="utf-8")
            log.error("import %s: rejected: %s", path.name, exc, extra={"outcome": "rejected"})
            app.store.add_event(
                now, "import", "import.rejected", f"{path.name} rejected: {exc}", subject_id=path.name
            )
            outcomes.append(f"{path.name}: rejected: {exc}")
            continue
        target = folder / "processed"
        target.mkdir(exist_ok=True)
        shutil.move(str(path), target / path.name)
        log.info("import %s (%.0f ms)", summary, (time.monotonic() - started) * 1000)
        outcomes.append(summary)
    return outcomes


def job_import(app: App, now: datetime) -> None:
    """Watched folders first (invoices, then statements), then match what came in."""
    imports = app.settings.imports
    if imports.invoices_inbox:
        scan_inbox(app, app.config.resolve(imports.invoices_inbox), import_invoice_file, now)
    if imports.inbox:
        scan_inbox(app, app.config.resolve(imports.inbox), import_statement_file, now)
    match_new_payments(app, now)


# --- matching -------------------------------------------------------------------------------------


def match_new_payments(app: App, now: datetime) -> tuple[int, int]:
    """Match bank credits not yet allocated or reviewed; apply sure ones, queue the rest for review.

    Returns (applied matches, transactions sent to review).
    """
    from ledger.explain import explain, render_explanations
    from ledger.invoices import normalize_iban
    from ledger.match import match_payments

    store = app.store
    reviewed = {r.transaction_id for r in store.reviews(open_only=False)}
    lines = [
        line for line in store.transactions(unmatched_only=True, credits_only=True) if line.id not in reviewed
    ]
    if not lines:
        return 0, 0
    invoices = current_invoices(store)
    result = match_payments(invoices, lines, app.rules.matching, store.customers(), store.known_ibans())
    auto = [m for m in result.matches if m.is_auto]
    store.record_allocations(result.matches, "matcher", now)
    by_number = {inv.number: inv for inv in invoices}
    by_tx = {line.id: line for line in lines}
    applied_tx = {m.transaction_id for m in auto}
    for match in auto:
        line = by_tx.get(match.transaction_id)
        invoice = by_number.get(match.invoice_number)
        if line is not None and invoice is not None and line.counterparty_iban:
            store.learn_iban(
                normalize_iban(line.counterparty_iban), invoice.customer_id, now, "matcher", line.id
            )
        log.info(
            "matched %s -> %s %s %s (%.2f): %s",
            match.transaction_id,
            match.invoice_number,
            match.amount,
            match.currency,
            match.confidence,
            match.reason,
        )
    for credit in result.credits:
        store.add_event(
            now,
            "matcher",
            "payment.overpaid",
            f"{credit.customer_id} paid {credit.amount} {credit.currency} more than owed",
            customer_id=credit.customer_id,
            subject_id=getattr(credit, "transaction_id", None),
        )
    queued = 0
    suggested = {m.transaction_id: m for m in result.matches if not m.is_auto}
    ignored = set(result.ignored)
    for line in lines:
        # The notes as explanations: the review item keeps them, so the digest can show them in its
        # language; the stored text is their English rendering (the event log quotes it).
        noted = result.explanations_for(line.id)
        if line.id in ignored:
            # The rules say this is no customer payment (a refund, interest, a card): resolved at once,
            # with the reason in the log, so the digest shows only what needs a person.
            notes = render_explanations(noted)
            if store.add_review(line.id, notes, now, actor="matcher", explanation=noted):
                item = next(r for r in store.reviews(open_only=True) if r.transaction_id == line.id)
                store.dismiss_review(item.id, "matcher", now, notes)
            continue
        if line.id in applied_tx and not noted:
            continue
        if line.id in applied_tx:
            # Applied, but something is left over (an overpayment): a person decides what to do with it.
            parts = noted
        elif line.id in suggested:
            m = suggested[line.id]
            maybe = explain(
                "review_suggestion",
                invoice=m.invoice_number,
                amount=str(m.amount),
                currency=m.currency,
                confidence=f"{m.confidence:.2f}",
                reason=m.explanation,
            )
            parts = (maybe, *noted)
        else:
            parts = noted or (explain("review_no_fit"),)
        if store.add_review(line.id, render_explanations(parts), now, actor="matcher", explanation=parts):
            queued += 1
    return len(auto), queued


# --- replies --------------------------------------------------------------------------------------


def fetch_replies(app: App, now: datetime) -> int:
    """Store new replies from the configured source; returns how many were new."""
    s = app.settings
    stored = 0

    def keep(message: Any) -> None:
        nonlocal stored
        if app.store.save_fetched(message, now).is_new:
            stored += 1

    if s.replies.source == "maildir":
        from mailer.maildirsource import MaildirSource

        source = MaildirSource(app.config.resolve(s.replies.maildir), create=True)
        source.poll(keep, known_keys=app.store.known_dedupe_keys())
    elif s.replies.source == "imap":
        from mailer.imap import ImapIntake

        with ImapIntake(imap_settings(app.config), app.store) as intake:
            intake.poll(keep)
    return stored


def reply_token(customer_id: str) -> str:
    """A short, stable token for plus-addressed Reply-To (not a secret: it only helps attribution)."""
    import hashlib

    return hashlib.sha256(customer_id.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class ReplyIndex:
    """What attributes a reply to a customer, built once per batch of replies."""

    threads: dict[str, str]  # Message-ID of a letter we sent (no angle brackets) -> customer
    tokens: dict[str, str]  # Reply-To token -> customer
    owners: dict[str, list[str]]  # contact address (lower case) -> customers

    @classmethod
    def of(cls, store: Any, customers: list[Any]) -> ReplyIndex:
        owners: dict[str, list[str]] = {}
        for c in customers:
            for email in dict.fromkeys(ct.email.lower() for ct in c.contacts):
                owners.setdefault(email, []).append(c.id)
        return cls(
            threads={r.message_id.strip("<>"): r.customer_id for r in store.sent_reminders() if r.message_id},
            tokens={reply_token(c.id): c.id for c in customers},
            owners=owners,
        )


def attribute_reply(message: Any, index: ReplyIndex) -> tuple[str | None, str]:
    """Which customer wrote this, and how we know: thread, reply token, or known sender address."""
    import re

    for ref in (message.in_reply_to, *reversed(message.references)):
        customer = index.threads.get(ref.strip("<>")) if ref else None
        if customer:
            return customer, f"answers our message {ref}"
    for address in message.to:
        found = re.search(r"\+([0-9a-f]{10})@", address)
        if found and found.group(1) in index.tokens:
            return index.tokens[found.group(1)], "reply token in the address"
    sender = message.from_address.lower()
    owners = index.owners.get(sender, [])
    if len(owners) == 1:
        return owners[0], f"sender {sender} is a known contact"
    return (
        None,
        "no thread, token or known sender" if not owners else f"{sender} is a contact of several customers",
    )


def is_forged(message: Any) -> bool:
    """Our own server's Authentication-Results say DMARC failed: the sender is not who it claims."""
    return "dmarc=fail" in message.authentication_results.lower().replace(" ", "")


def process_replies(app: App, now: datetime) -> int:
    """Classify stored replies and act on each; returns how many were processed."""
    from mailer.inbound import read_message
    from rules.replies import classify_reply

    store = app.store
    pending = store.inbound_messages(state="new")
    if not pending:
        return 0
    phrases = app.config.reply_phrases
    customers = store.customers()
    index = ReplyIndex.of(store, customers)
    done = 0
    for row in pending:
        if app.stopping.is_set():
            break
        if row.duplicate_of is not None:
            store.record_classification(row.id, None, "duplicate", f"copy of message {row.duplicate_of}", now)
            continue
        if row.raw is None:
            store.record_classification(
                row.id, None, "other", "too large to read: stored as metadata only", now
            )
            continue
        message = read_message(row.raw)
        received = message.date_at or row.received_at
        received_on = app.local_date(received)
        result = classify_reply(message, phrases, received_on, app.settings.company.timezone)
        customer_id, how = attribute_reply(message, index)
        if result.intent == "bounce" and result.bounce is not None:
            act_on_bounce(app, result, row.id, now)
            customer_id = customer_id or next(
                (
                    c.id
                    for c in customers
                    for ct in c.contacts
                    if ct.email.lower() in {r.lower() for r in result.bounce.recipients}
                ),
                None,
            )
        elif app.rules.replies.require_dmarc_pass and is_forged(message):
            customer_id, how = None, "DMARC failed: possibly forged, changes nothing"
        elif customer_id is not None:
            act_on_reply(app, customer_id, result, row.id, received_on, now)
        store.record_classification(row.id, customer_id, result.intent, evidence_of(result) or how, now)
        log.info(
            "reply %s from %s: %s (%s) [%s]",
            row.id,
            message.from_address or "?",
            result.intent,
            evidence_of(result)[:120],
            customer_id or how,
        )
        done += 1
    return done


def reply_phrasebook(rules: Any) -> Any:
    """The shipped phrase lists and example replies plus the company's own from its rules."""
    from rules.replies import load_phrasebook

    replies = rules.replies
    return load_phrasebook(replies.phrases, replies.examples, min_probability=replies.second_opinion)


def evidence_of(result: Any) -> str:
    """What decided a reply, as the event log and the digest quote it.

    A reading by the second opinion says so, so that the accountant knows no phrase decided it.
    """
    if result.decided_by == "examples" and result.evidence:
        return f"{result.evidence} [read like the example replies, {result.probability:.0%} sure]"
    return str(result.evidence or "")


def act_on_bounce(app: App, result: Any, row_id: int, now: datetime) -> None:
    """A permanent bounce marks the address undeliverable; the planner then holds the customer."""
    bounce = result.bounce
    if not bounce.is_permanent:
        return
    for address in bounce.recipients:
        affected = app.store.mark_undeliverable(
            address, f"bounced: {bounce.status or ''} {bounce.diagnostic or ''}".strip(), now
        )
        for customer_id in affected:
            app.store.add_event(
                now,
                "daemon",
                "contact.bounced",
                f"{address} bounced ({bounce.status}); held until another contact exists",
                customer_id=customer_id,
                subject_id=str(row_id),
            )


def act_on_reply(
    app: App, customer_id: str, result: Any, row_id: int, received_on: Any, now: datetime
) -> None:
    """What a reply changes: pauses, holds and promises, each with the phrase that caused it."""
    from datetime import timedelta

    from rules.escalation import promise_decision

    store = app.store
    rules = app.rules.escalation(app.settings.company)
    quote = evidence_of(result)
    intent = result.intent
    if intent == "promise_to_pay":
        history = planner_promises(store, customer_id)
        decision = promise_decision(result.promised_on, received_on, history, rules)
        if decision.action == "grant":
            store.add_promise(
                customer_id,
                decision.promised_on,
                received_on,
                "daemon",
                now,
                amount=result.promised_amount,
                currency=result.promised_currency,
                source_message_id=row_id,
            )
            store.add_event(
                now,
                "daemon",
                "promise.granted",
                f"promise to pay by {decision.promised_on}: {quote!r}",
                customer_id=customer_id,
                subject_id=str(row_id),
            )
        else:
            store.add_hold(
                customer_id, "payment_plan", f"{decision.reason}; customer wrote: {quote!r}", "daemon", now
            )
    elif intent == "payment_plan":
        store.add_hold(customer_id, "payment_plan", f"asks for a payment plan: {quote!r}", "daemon", now)
    elif intent == "dispute":
        numbers = tuple(result.disputed_invoices) or None
        store.add_hold(customer_id, "dispute", f"disputes: {quote!r}", "daemon", now, invoice_numbers=numbers)
    elif intent == "already_paid":
        # A short pause while someone looks for the payment; the digest asks a person, with a suggestion.
        found = payments_waiting_from(app, customer_id)
        hint = (
            f"; possible payment(s) in review: {', '.join(found)}"
            if found
            else "; no unmatched payment from them yet"
        )
        store.add_hold(
            customer_id,
            "manual",
            f"says already paid{hint}: {quote!r}",
            "daemon",
            now,
            until_on=received_on + timedelta(days=5),
        )
    elif intent == "out_of_office":
        until = result.return_on or received_on + timedelta(days=7)
        store.add_hold(
            customer_id,
            "out_of_office",
            f"out of office until {until}: {quote!r}",
            "daemon",
            now,
            until_on=until,
        )


def payments_waiting_from(app: App, customer_id: str) -> list[str]:
    """Transactions in the review queue that this customer probably sent (by known IBAN or by name)."""
    from ledger.invoices import normalize_iban
    from ledger.names import name_key

    store = app.store
    customer = store.customer(customer_id)
    if customer is None:
        return []
    ibans = {normalize_iban(i) for i in customer.ibans}
    ibans |= {iban for iban, owner in store.known_ibans().items() if owner == customer_id}
    key = name_key(customer.name)
    found = []
    for item in store.reviews(open_only=True):
        line = store.transaction(item.transaction_id)
        if line is None or not line.is_credit:
            continue
        by_iban = line.counterparty_iban and normalize_iban(line.counterparty_iban) in ibans
        if by_iban or (key and name_key(line.counterparty) == key):
            found.append(f"{line.id} ({line.booked_on}, {line.amount} {line.currency})")
    return found


def job_replies(app: App, now: datetime) -> None:
    fetch_replies(app, now)
    process_replies(app, now)


# --- dunning --------------------------------------------------------------------------------------


def settle_promises(app: App, now: datetime, invoices: list[Any]) -> None:
    """Mark promises kept or broken (the planner then sends the broken-promise letter)."""
    from rules.escalation import evaluate_promises

    open_promises = [p for p in planner_promises(app.store) if p.state == "open"]
    if not open_promises:
        return
    for outcome in evaluate_promises(
        open_promises, invoices, now, app.rules.escalation(app.settings.company)
    ):
        if outcome.state == "pending":
            continue
        app.store.resolve_promise(int(outcome.promise.id), outcome.state == "kept", "daemon", now)
        log.info("promise of %s %s: %s", outcome.promise.customer_id, outcome.state, outcome.reason)


def letter_context(
    app: App, message: Any, invoices: dict[str, Any], customer: Any, today: Any
) -> dict[str, Any]:
    """The template context of one reminder, from the planner's message and the current book."""
    from datetime import timedelta

    company = app.settings.company
    rows = []
    totals: dict[str, Any] = {}
    for number in message.invoice_numbers:
        invoice = invoices.get(number)
        if invoice is None:
            continue
        rows.append(
            {
                "number": invoice.number,
                "issued_on": invoice.issued_on,
                "due_on": invoice.due_on,
                "open_amount": invoice.open_amount,
                "currency": invoice.currency,
                "days_overdue": (today - invoice.due_on).days,
            }
        )
        totals[invoice.currency] = totals.get(invoice.currency, 0) + invoice.open_amount
    announces = None
    if message.announces is not None:
        # What the letter says happens next: the ladder's consequence, else the next letter itself
        # (its stage name is a key the templates translate, e.g. "final_demand").
        announces = {
            "action": message.announces.consequence or message.announces.stage,
            "deadline_on": message.announces.deadline_on,
        }
    else:
        stage = _stage_of(app.rules.ladders, message.ladder, message.stage)
        if stage is not None and stage.final and stage.consequence:
            # The final demand names its consequence and date; what follows is a person's decision.
            from rules.calendar import next_send_day

            guards = app.rules.escalation(app.settings.company).guards
            deadline = next_send_day(today + timedelta(days=stage.announce_days or 14), guards)
            announces = {"action": stage.consequence, "deadline_on": deadline}
    promise = None
    if message.promise is not None:
        # A promise without an amount was a promise to pay what the letter lists.
        currency = message.promise.currency or (rows[0]["currency"] if rows else "")
        amount = message.promise.amount
        promise = {
            "promised_on": message.promise.promised_on,
            "amount": amount if amount is not None else totals.get(currency, sum(totals.values())),
            "currency": currency,
        }
    return {
        "company": {
            "name": company.name,
            "email": company.email,
            "phone": company.phone,
            "bank_account": company.bank_account,
            "bank_name": company.bank_name,
            "contact_name": company.contact_name,
            "signature": company.signature,
        },
        "customer": {
            "id": customer.id if customer else message.customer_id,
            "name": customer.name if customer else "",
        },
        "today": today,
        "invoices": rows,
        "totals": [{"amount": amount, "currency": cur} for cur, amount in totals.items()],
        "transfer_title": ", ".join(r["number"] for r in rows),
        "announces": announces,
        "promise": promise,
        "previous": (
            {"sent_on": message.previous_sent_on, "stage": message.previous_stage}
            if message.previous_stage
            else None
        ),
    }


def _stage_of(ladders: Any, ladder_name: str, stage_name: str) -> Any:
    """The Stage called ``stage_name`` on ladder ``ladder_name``, or None."""
    for ladder in ladders:
        if ladder.name == ladder_name:
            return next((stage for stage in ladder.stages if stage.name == stage_name), None)
    return None


def compose_reminder(
    app: App,
    message: Any,
    reminder_id: str,
    invoices: dict[str, Any],
    now: datetime,
    customers: dict[str, Any] | None = None,
    threads: dict[str, str] | None = None,
) -> Any:
    """The EmailMessage of one planned letter: rendered, threaded, with its deterministic Message-ID.

    ``customers`` and ``threads`` (customer id -> Message-ID of the last letter) may be passed in by a
    caller composing many letters, so that each letter costs no query.
    """
    from mailer.message import build_message, make_message_id, make_reply_to
    from mailer.render import render_reminder

    s = app.settings
    if customers is None:
        customers = {message.customer_id: app.store.customer(message.customer_id)}
    if threads is None:
        previous = app.store.last_reminder_to(message.customer_id)
        threads = {message.customer_id: previous.message_id} if previous and previous.message_id else {}
    customer = customers.get(message.customer_id)
    context = letter_context(app, message, invoices, customer, app.local_date(now))
    rendered = render_reminder(app.config.templates, message.template, message.language, context)
    parent = threads.get(message.customer_id)
    reply_box = s.outbound.reply_to or s.company.email
    return build_message(
        rendered,
        from_addr=f"{s.company.name} <{s.company.email}>",
        to=list(message.to),
        reply_to=make_reply_to(
            reply_box, reply_token(message.customer_id) if s.outbound.reply_token else None
        ),
        message_id=make_message_id(reminder_id, s.company.message_domain),
        in_reply_to=parent,
        references=[parent] if parent else [],
        date_at=now.astimezone(UTC),
    )


def settle_unknown_sends(app: App, now: datetime) -> None:
    """Claims whose sender died mid-send: look the Message-ID up where a copy would be, else hold."""
    store = app.store
    store.expired_claims(now)
    lookups = [copy.contains for copy in (app.outbox, app.sent_copy) if hasattr(copy, "contains")]
    for reminder in store.reminders(state="unknown"):
        if not lookups or not reminder.message_id:
            continue  # no copy to look in: a person decides (the digest lists it)
        try:
            found = any(lookup(reminder.message_id) for lookup in lookups)
        except Exception:  # a broken lookup proves nothing either way
            log.exception("cannot look up %s", reminder.message_id)
            continue
        # Only a positive finding settles it: absence in a Maildir outbox proves it was never written,
        # absence elsewhere proves nothing, so those stay unknown for a person.
        if found:
            store.resolve_unknown(reminder.id, True, now)
        elif app.settings.outbound.transport == "maildir":
            store.resolve_unknown(reminder.id, False, now)


def job_dunning(app: App, now: datetime) -> dict[str, int]:
    """Plan, record, claim, send, record: the dunning cycle at ``now``; returns counts by outcome."""
    import dataclasses

    from mailer import DeliveryError
    from mailer.message import make_message_id
    from rules.escalation import plan_reminders
    from store import PlannedReminder

    store = app.store
    settle_unknown_sends(app, now)
    invoices = current_invoices(store)
    settle_promises(app, now, invoices)
    plan = plan_reminders(book_state(app, invoices), app.rules.escalation(app.settings.company), now)
    counts = {"planned": 0, "awaiting_approval": 0, "sent": 0, "failed": 0, "unknown": 0, "cancelled": 0}
    if not plan.is_send_time:
        return counts
    current = {outbox_id(app, m): m for m in plan.messages}
    for reminder_id, planned in current.items():
        item = dataclasses.replace(PlannedReminder.from_plan(planned), id=reminder_id)
        if store.plan_reminder(item, now):
            counts["awaiting_approval" if item.needs_approval else "planned"] += 1
    by_number = {inv.number: inv for inv in invoices}
    # A letter waiting for a person about invoices that are all paid by now is cancelled. One that is
    # merely not wanted today (paused, weekly limit) keeps waiting: the same step comes back later.
    for reminder in store.reminders(state="awaiting_approval"):
        if reminder.id not in current and not any(n in by_number for n in reminder.invoice_numbers):
            store.reject_reminder(reminder.id, "daemon", now, "no longer due: everything it lists is paid")
            counts["cancelled"] += 1
    due = store.due_reminders(now)
    if not due:
        return counts
    customers = {c.id: c for c in store.customers()}
    threads = {r.customer_id: r.message_id for r in store.sent_reminders() if r.message_id}
    with app.outbox.session() as session:
        for reminder in due:
            if app.stopping.is_set():
                break
            message = current.get(reminder.id)
            if message is None:
                # Not wanted now. Paid: cancel it. Paused or limited: leave it planned; the planner
                # proposes the same step (same id) again when it is due, and it goes out then.
                if not any(n in by_number for n in reminder.invoice_numbers):
                    store.reject_reminder(
                        reminder.id, "daemon", now, "no longer due: everything it lists is paid"
                    )
                    counts["cancelled"] += 1
                continue
            message_id = make_message_id(reminder.id, app.settings.company.message_domain)
            if not store.claim_reminder(reminder.id, app.worker, now, CLAIM_LEASE_S, message_id=message_id):
                continue  # another worker has it
            started = time.monotonic()
            try:
                email = compose_reminder(app, message, reminder.id, by_number, now, customers, threads)
                session.send(email)
            except DeliveryError as exc:
                if exc.is_unknown_fate:
                    store.mark_unknown(reminder.id, str(exc), now)
                    counts["unknown"] += 1
                else:
                    store.mark_failed(reminder.id, str(exc), exc.permanent, now)
                    counts["failed"] += 1
                log.warning("reminder %s to %s: %s", reminder.id, ", ".join(message.to), exc)
                continue
            except Exception as exc:  # a template or data problem: fail this letter, keep the others
                store.mark_failed(reminder.id, f"could not compose: {exc}", True, now)
                counts["failed"] += 1
                log.exception("reminder %s could not be composed", reminder.id)
                continue
            store.mark_sent(reminder.id, message_id, now)
            counts["sent"] += 1
            if app.sent_copy is not None:
                try:
                    app.sent_copy.append(email, date_at=now)
                except Exception as exc:  # the letter went out; only the copy is missing
                    log.warning(
                        "reminder %s sent, but its copy in %s failed: %s",
                        reminder.id,
                        app.sent_copy.where,
                        exc,
                    )
            log.info(
                "sent %s to %s (%s; %s) in %.0f ms",
                message.stage,
                ", ".join(message.to),
                message.customer_id,
                ", ".join(message.invoice_numbers),
                (time.monotonic() - started) * 1000,
            )
    return counts


# --- the digest -----------------------------------------------------------------------------------


def digest_facts(app: App, now: datetime) -> Any:
    """Collect what the accountants' digest reports at ``now``: the last 24 hours and the book today."""
    from datetime import timedelta
    from decimal import Decimal

    from rules.calendar import add_business_days
    from rules.digest import DigestFacts, NeedsYouItem, PromiseItem

    store = app.store
    today = app.local_date(now)
    since = now - timedelta(hours=24)
    invoices = current_invoices(store)
    customers = {c.id: c for c in store.customers()}
    names = {cid: c.name for cid, c in customers.items()}
    owed: dict[str, tuple[Decimal, str]] = {}
    for inv in invoices:
        amount, _ = owed.get(inv.customer_id, (Decimal(0), inv.currency))
        owed[inv.customer_id] = (amount + inv.open_amount, inv.currency)

    def item(
        kind: str,
        customer_id: str | None,
        summary: str,
        quote: str = "",
        ref: str = "",
        amount: Decimal | None = None,
        currency: str = "",
    ) -> NeedsYouItem:
        cid = customer_id or ""
        if amount is None and cid in owed:
            amount, currency = owed[cid]
        return NeedsYouItem(kind, cid, names.get(cid, cid), amount, currency, summary, quote, ref)

    language = app.settings.digest_language

    def say(key: str, **values: Any) -> str:
        return " ".join(DIGEST_SUMMARIES.get(language, DIGEST_SUMMARIES["en"])[key].format(**values).split())

    needs: list[NeedsYouItem] = []
    for hold in store.holds(active_on=today):
        if hold.kind == "dispute":
            needs.append(
                item(
                    "dispute",
                    hold.customer_id,
                    say("dispute", invoices=_held_invoices(hold)),
                    _quoted(hold.reason),
                    str(hold.id),
                )
            )
        elif hold.kind == "payment_plan":
            needs.append(
                item(
                    "payment_plan", hold.customer_id, say("payment_plan"), _quoted(hold.reason), str(hold.id)
                )
            )
        elif hold.kind == "manual" and "already paid" in hold.reason:
            needs.append(
                item(
                    "claimed_paid_not_found",
                    hold.customer_id,
                    say("claimed_paid", found=_found_payments(hold.reason)),
                    _quoted(hold.reason),
                    str(hold.id),
                )
            )
    for reminder in store.reminders(state="awaiting_approval"):
        needs.append(
            item(
                "approval",
                reminder.customer_id,
                say("approval", stage=reminder.stage, id=reminder.id),
                ref=reminder.id,
            )
        )
    for reminder in store.reminders(state="unknown"):
        needs.append(
            item(
                "unknown_send",
                reminder.customer_id,
                say("unknown_send", stage=reminder.stage, id=reminder.id),
                ref=reminder.id,
            )
        )
    for review in store.reviews(open_only=True):
        line = store.transaction(review.transaction_id)
        needs.append(
            item(
                "payment_review",
                None,
                f"{line.counterparty if line else ''}: {_review_text(review, language)}".strip(": "),
                ref=review.transaction_id,
                amount=line.amount if line else None,
                currency=line.currency if line else "",
            )
        )
    for cid, customer in customers.items():
        if cid in owed and customer.contacts and all(c.is_undeliverable for c in customer.contacts):
            needs.append(item("bounce", cid, say("bounce"), ref=customer.contacts[0].email))
    # Replies processed in the last 24 hours (read once: the needs-you items and the counts use them).
    recent_replies = [
        m for m in store.inbound_messages(state=None) if m.processed_at and m.processed_at >= since
    ]
    # The newest events, newest first (overpayments since yesterday, the previous digest's totals).
    recent_events = store.events(limit=500)[::-1]
    for message in recent_replies:
        if message.customer_id is None and message.intent not in ("bounce", "duplicate", "out_of_office"):
            needs.append(
                item(
                    "unattributed_reply",
                    None,
                    say("unattributed", intent=message.intent),
                    _quoted(message.evidence or ""),
                    ref=message.message_id or str(message.id),
                )
            )
        elif message.customer_id and message.intent == "other":
            needs.append(
                item(
                    "other",
                    message.customer_id,
                    say("other"),
                    _quoted(message.evidence or ""),
                    ref=message.message_id or "",
                )
            )
    # Customers still owing once the final letter's own deadline has passed: the ladder has nothing
    # left, a person decides what the final demand announced.
    midday = datetime.combine(today, datetime.min.time().replace(hour=12), tzinfo=app.tz).astimezone(UTC)
    last_sent = {r.customer_id: r for r in store.sent_reminders()}
    for held in plan_now(app, midday).held:
        letter = last_sent.get(held.customer_id)
        if held.reason != "ladder_complete" or letter is None:
            continue
        final = next(
            (st for ld in app.rules.ladders for st in ld.stages if st.name == letter.stage and st.final), None
        )
        if today > app.local_date(letter.sent_at) + timedelta(
            days=(final.announce_days if final else None) or 14
        ):
            needs.append(item("other", held.customer_id, say("ladder_complete", stage=letter.stage)))
    stale_days = app.rules.guards.stale_statement_business_days
    newest = store.newest_statement_on()
    if stale_days is not None and (
        newest is None
        or add_business_days(newest, stale_days, app.rules.escalation(app.settings.company).guards) < today
    ):
        needs.append(item("stale_statements", None, say("stale", newest=newest or "—")))
    for run in store.last_job_runs().values():
        if run.outcome == "failed":
            needs.append(
                item(
                    "job_error",
                    None,
                    say("job_error", job=run.job, error=(run.error or "")[:250]),
                    ref=run.job,
                )
            )
    for event in recent_events:
        if event.kind == "payment.overpaid" and event.at >= since:
            needs.append(item("overpayment", event.customer_id, event.message, ref=event.subject_id or ""))

    promises = []
    for p in store.promises():
        state = None
        if p.state == "open" and p.created_at >= since:
            state = "new"
        elif p.state == "open" and p.promised_on == today:
            state = "due_today"
        elif p.state in ("kept", "broken") and p.resolved_at and p.resolved_at >= since:
            state = p.state
        if state:
            amount, currency = owed.get(p.customer_id, (Decimal(0), ""))
            promises.append(
                PromiseItem(
                    p.customer_id,
                    names.get(p.customer_id, p.customer_id),
                    p.promised_on,
                    p.amount if p.amount is not None else amount,
                    p.currency or currency,
                    state,
                )
            )
    matched = [
        (a.amount, a.currency) for a in store.allocations_for(state="applied") if a.decided_at >= since
    ]
    sent_by_stage: dict[str, int] = {}
    for r in store.sent_reminders():
        if r.sent_at >= since:
            sent_by_stage[r.stage] = sent_by_stage.get(r.stage, 0) + 1
    intents: dict[str, int] = {}
    for message in recent_replies:
        if message.intent != "duplicate":
            intents[message.intent or "other"] = intents.get(message.intent or "other", 0) + 1
    previous = None
    for event in recent_events:
        if event.kind == "digest.sent" and event.data.get("totals"):
            previous = {cur: (Decimal(v[0]), Decimal(v[1])) for cur, v in event.data["totals"].items()}
            break
    return DigestFacts(
        day=today,
        company_name=app.settings.company.name,
        language=app.settings.digest_language,
        needs_you=needs,
        promises=promises,
        matched=matched,
        reminders_sent=sent_by_stage,
        replies_by_intent=intents,
        open_invoices=invoices,
        previous_totals=previous,
        customers=names,
    )


# The daemon's own short sentences in the digest, per digest language. Customer quotes stay verbatim;
# the matcher's reasons (payment review) come from ledger.explain in the same language.
DIGEST_SUMMARIES: dict[str, dict[str, str]] = {
    "en": {
        "ladder_complete": "still unpaid after the '{stage}' letter: the ladder is finished, decide the next step",
        "dispute": "disputes {invoices} and waits for a person",
        "payment_plan": "asks for a payment plan",
        "claimed_paid": "says it has paid {found}",
        "approval": "'{stage}' letter waits for approval: tactful approve {id}",
        "unknown_send": "'{stage}' letter may or may not have gone out: check, then tactful explain",
        "bounce": "no deliverable e-mail address: add a contact",
        "unattributed": "reply from an unknown sender ({intent})",
        "other": "wrote something tactful could not classify",
        "stale": "newest bank statement line is from {newest}: import a fresh statement",
        "job_error": "job {job} failed: {error}",
    },
    "pl": {
        "ladder_complete": "nadal nie zapłacił po piśmie '{stage}': ścieżka się skończyła, zdecyduj o dalszych krokach",
        "dispute": "kwestionuje {invoices} i czeka na decyzję",
        "payment_plan": "prosi o rozłożenie płatności",
        "claimed_paid": "twierdzi, że zapłacił {found}",
        "approval": "pismo '{stage}' czeka na akceptację: tactful approve {id}",
        "unknown_send": "nie wiadomo, czy pismo '{stage}' zostało wysłane: sprawdź, potem tactful explain",
        "bounce": "brak działającego adresu e-mail: dodaj kontakt",
        "unattributed": "odpowiedź od nieznanego nadawcy ({intent})",
        "other": "napisał coś, czego tactful nie rozpoznał",
        "stale": "najnowszy wyciąg bankowy jest z {newest}: zaimportuj aktualny",
        "job_error": "zadanie {job} nie powiodło się: {error}",
    },
    "de": {
        "ladder_complete": "nach dem Schreiben '{stage}' weiterhin unbezahlt: die Stufen sind ausgeschöpft, bitte über das weitere Vorgehen entscheiden",
        "dispute": "bestreitet {invoices} und wartet auf eine Entscheidung",
        "payment_plan": "bittet um Ratenzahlung",
        "claimed_paid": "gibt an, bezahlt zu haben {found}",
        "approval": "Schreiben '{stage}' wartet auf Freigabe: tactful approve {id}",
        "unknown_send": "unklar, ob das Schreiben '{stage}' verschickt wurde: prüfen, dann tactful explain",
        "bounce": "keine zustellbare E-Mail-Adresse: Kontakt ergänzen",
        "unattributed": "Antwort eines unbekannten Absenders ({intent})",
        "other": "schrieb etwas, das tactful nicht einordnen konnte",
        "stale": "neueste Kontoauszugszeile vom {newest}: aktuellen Auszug importieren",
        "job_error": "Aufgabe {job} fehlgeschlagen: {error}",
    },
}


def _review_text(review: Any, language: str) -> str:
    """A review item's suggestion in ``language``, from its explanations; the stored English text for
    rows written without them (before store revision 0002) or with codes this version does not know."""
    from ledger.explain import ExplanationError, render_explanations

    if review.explanation is None:
        return str(review.suggestion)
    try:
        return render_explanations(review.explanation, language)
    except ExplanationError as exc:
        log.warning("review item %s shown in English: %s", review.id, exc)
        return str(review.suggestion)


def _held_invoices(hold: Any) -> str:
    return ", ".join(hold.invoice_numbers) if hold.invoice_numbers else ""


def _found_payments(reason: str) -> str:
    """The payment ids the 'already paid' hold suggested, in parentheses, or nothing."""
    import re

    found = re.search(r"possible payment\(s\) in review: (.*?): ['\"]", reason, re.S)
    return f"({found.group(1)})" if found else ""


def _quoted(reason: str) -> str:
    """The customer's words inside a hold reason (``...: 'words'``), or the reason itself."""
    import re

    found = re.search(r"""['"](.+)['"]\s*$""", reason, re.S)
    return found.group(1) if found else reason


def book_totals(invoices: list[Any], today: Any) -> dict[str, list[str]]:
    """Open and overdue per currency, kept with each digest for "change since the previous one"."""
    from decimal import Decimal

    totals: dict[str, list[Decimal]] = {}
    for inv in invoices:
        row = totals.setdefault(inv.currency, [Decimal(0), Decimal(0)])
        row[0] += inv.open_amount
        if inv.due_on < today:
            row[1] += inv.open_amount
    return {cur: [str(v[0]), str(v[1])] for cur, v in totals.items()}


def render_digest_message(app: App, now: datetime, facts: Any = None) -> tuple[Any, Any]:
    """(the Digest, its EmailMessage) at ``now``, from ``facts`` when the caller already has them."""
    from mailer.digest import render_digest
    from mailer.message import make_message_id
    from rules.digest import build_digest

    digest = build_digest(facts if facts is not None else digest_facts(app, now))
    s = app.settings
    day = app.local_date(now)
    message = render_digest(
        app.config.templates,
        digest,
        from_addr=f"tactful ({s.company.name}) <{s.company.email}>",
        to=list(s.digest.recipients) or [s.company.email],
        message_id=make_message_id(f"digest.{day.isoformat()}", s.company.message_domain),
        date_at=now.astimezone(UTC),
    )
    return digest, message


def job_digest(app: App, now: datetime) -> bool:
    """Send today's digest once (a UNIQUE day claim makes a second run or daemon a no-op)."""
    store = app.store
    day = app.local_date(now)
    if not store.claim_digest(day, app.worker, now):
        return False
    facts = digest_facts(app, now)
    _, message = render_digest_message(app, now, facts)
    with app.outbox.session() as session:
        session.send(message)
    store.mark_digest_sent(day, message["Message-ID"], now)
    store.add_event(
        now,
        "daemon",
        "digest.sent",
        f"digest for {day} sent to {message['To']}",
        data={"totals": book_totals(list(facts.open_invoices), day)},
    )
    log.info("digest for %s sent to %s", day, message["To"])
    return True


# --- running jobs ----------------------------------------------------------------------------------

JOBS = ("import", "replies", "dunning", "digest")


def run_job(app: App, name: str, now: datetime) -> bool:
    """Run one job with its bookkeeping; a failure is logged, recorded for the digest, never raised."""
    import traceback

    runners = {"import": job_import, "replies": job_replies, "dunning": job_dunning, "digest": job_digest}
    run_id = app.store.start_job(name, now)
    started = time.monotonic()
    try:
        outcome = runners[name](app, now)
    except Exception as exc:
        app.store.finish_job(run_id, now, error=f"{type(exc).__name__}: {exc}")
        log.error(
            "job %s failed:\n%s", name, traceback.format_exc(), extra={"job": name, "outcome": "failed"}
        )
        return False
    app.store.finish_job(run_id, now)
    log.info(
        "job %s done in %.0f ms: %s",
        name,
        (time.monotonic() - started) * 1000,
        outcome,
        extra={"job": name, "outcome": "ok"},
    )
    return True


def run_cycle(app: App, now: datetime, jobs: tuple[str, ...] = JOBS) -> bool:
    """Every job once as if the clock said ``now``: import, replies, dunning, digest. True if all succeeded."""
    results = []
    for name in jobs:
        if app.stopping.is_set():
            break  # asked to stop: the job in hand finished its item; start no other
        results.append(run_job(app, name, now))
    return all(results)


def parse_at(value: str | None, tz_name: str) -> datetime:
    """--at: an ISO date-time; without an offset it is local time in the company timezone."""
    from zoneinfo import ZoneInfo

    if value is None:
        return datetime.now(UTC)
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        fail(f"--at {value!r} is not an ISO date-time; e.g. --at 2026-11-23T09:30")
        raise
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(tz_name))
    return at.astimezone(UTC)


def build_scheduler(app: App) -> Any:
    """APScheduler 3.x with an in-memory job store rebuilt from config: it says when to look, the
    database says what is due, so a restart after downtime catches up once and never floods."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    scheduler = BlockingScheduler(timezone=app.tz)
    add_jobs(scheduler, app)
    return scheduler


def add_jobs(scheduler: Any, app: App) -> None:
    """(Re)create the jobs from the current config: at start and after SIGHUP."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    s = app.settings
    sched = s.schedule
    defaults = {
        "coalesce": True,
        "max_instances": 1,
        "misfire_grace_time": sched.misfire_grace_minutes * 60,
        "replace_existing": True,
    }

    def job(name: str) -> Any:
        return lambda: run_job(app, name, datetime.now(UTC))

    now = datetime.now(app.tz)
    scheduler.add_job(
        job("import"),
        IntervalTrigger(minutes=sched.statements_poll_minutes, timezone=app.tz),
        id="import",
        next_run_time=now,
        **defaults,
    )
    if s.replies.source != "none":
        scheduler.add_job(
            job("replies"),
            IntervalTrigger(minutes=sched.replies_poll_minutes, timezone=app.tz),
            id="replies",
            next_run_time=now,
            **defaults,
        )
    # Business days only; the planner also skips public holidays and keeps the send window.
    scheduler.add_job(
        job("dunning"),
        CronTrigger(
            day_of_week="mon-fri", hour=sched.dunning_at.hour, minute=sched.dunning_at.minute, timezone=app.tz
        ),
        id="dunning",
        **defaults,
    )
    if s.digest.recipients:
        scheduler.add_job(
            job("digest"),
            CronTrigger(hour=sched.digest_at.hour, minute=sched.digest_at.minute, timezone=app.tz),
            id="digest",
            **defaults,
        )


def next_runs(app: App, now: datetime, runs: dict[str, Any]) -> dict[str, datetime]:
    """When the daemon's schedule (as configured) runs each job next, for `tactful status`."""
    from datetime import timedelta

    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(timezone=app.tz)
    add_jobs(scheduler, app)
    out: dict[str, datetime] = {}
    for job in scheduler.get_jobs():
        interval = getattr(job.trigger, "interval", None)
        last = runs.get(job.id)
        if isinstance(interval, timedelta):
            out[job.id] = max(now, last.started_at + interval) if last else now
        else:
            out[job.id] = job.trigger.get_next_fire_time(None, now.astimezone(app.tz))
    return out


def watch_mailbox(app: App, scheduler: Any) -> None:
    """IMAP IDLE in a thread of its own: new mail moves the replies job to now (polling stays the fallback).

    The job itself still runs in the scheduler, so max_instances=1 keeps it single.
    """
    from mailer.imap import ImapIntake

    while not app.stopping.is_set():
        try:
            with ImapIntake(imap_settings(app.config), app.store) as intake:
                while not app.stopping.is_set():
                    if intake.wait_for_changes(timeout_s=60):
                        scheduler.modify_job("replies", next_run_time=datetime.now(app.tz))
        except Exception:  # the watcher must never take the daemon down; polling carries on meanwhile
            log.exception("IMAP IDLE watcher failed; retrying in 60 s (the replies job still polls)")
            app.stopping.wait(60)


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


def app_from(ctx: click.Context) -> App:
    """Config checked, store opened: what every stateful command starts with."""
    config = get_config(ctx)
    try:
        return open_app(config)
    except ConfigError as exc:
        fail("; ".join(exc.problems))
        raise


@cli.command()
@click.option("--once", is_flag=True, help="Run every job once and exit.")
@click.option(
    "--at", "at", metavar="DATETIME", help="With --once: as if the clock said this (ISO, local time)."
)
@click.option(
    "--log-format", type=click.Choice(["text", "json"]), default="text", help="Log lines as text or JSON."
)
@click.option("-v", "--verbose", is_flag=True, help="Debug logging.")
@click.pass_context
def run(ctx: click.Context, once: bool, at: str | None, log_format: str, verbose: bool) -> None:
    """Run the daemon (or one cycle with --once [--at DATETIME])."""
    import signal

    setup_logging(log_format, verbose)
    if at and not once:
        fail("--at only makes sense with --once (the daemon follows the real clock)")
    app = app_from(ctx)
    if once:

        def finish(signum: int, _frame: Any) -> None:
            log.info("received %s: finishing the item in hand, then exiting", signal.Signals(signum).name)
            app.stopping.set()

        signal.signal(signal.SIGTERM, finish)
        signal.signal(signal.SIGINT, finish)
        ok = run_cycle(app, parse_at(at, app.settings.company.timezone))
        sys.exit(0 if ok else 1)

    scheduler = build_scheduler(app)

    def stop(signum: int, _frame: Any) -> None:
        log.info("received %s: finishing the item in hand, then exiting", signal.Signals(signum).name)
        app.stopping.set()
        scheduler.shutdown(wait=False)

    def reload(_signum: int, _frame: Any) -> None:
        try:
            config = load_config(app.config.path)
        except ConfigError as exc:
            log.error("SIGHUP: keeping the running configuration; the new one has problems:\n%s", exc)
            return
        app.config = config
        app.outbox = make_outbox(config)
        scheduler.remove_all_jobs()
        add_jobs(scheduler, app)
        log.info("SIGHUP: configuration reloaded from %s", config.path)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, reload)
    s = app.settings
    if s.replies.source == "imap" and s.imap is not None and s.imap.use_idle:
        import threading

        threading.Thread(target=watch_mailbox, args=(app, scheduler), name="imap-idle", daemon=True).start()
    log.info("tactful %s running: %s", __version__, ", ".join(j.id for j in scheduler.get_jobs()))
    scheduler.start()
    log.info("stopped cleanly")


@cli.command()
@click.pass_context
def status(ctx: click.Context) -> None:
    """Last and next run of every job, errors, outbox counts, newest statement date."""
    app = app_from(ctx)
    runs = app.store.last_job_runs()
    upcoming = next_runs(app, datetime.now(UTC), runs)
    click.echo("Jobs:")
    for name in JOBS:
        run_ = runs.get(name)
        nxt = upcoming.get(name)
        following = f", next {nxt.astimezone(app.tz):%Y-%m-%d %H:%M}" if nxt else ", not scheduled"
        if run_ is None:
            click.echo(f"  {name:<8} never run{following}")
            continue
        when = run_.started_at.astimezone(app.tz).strftime("%Y-%m-%d %H:%M")
        error = f"  error: {run_.error}" if run_.error else ""
        click.echo(f"  {name:<8} last {when} {run_.outcome}{following}{error}")
    counts = app.store.outbox_counts()
    click.echo("Outbox: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "empty"))
    click.echo(f"Newest bank statement line: {app.store.newest_statement_on() or 'none imported'}")
    click.echo(f"Payments waiting for review: {len(app.store.reviews(open_only=True))}")


@cli.command()
@click.option("--at", "at", metavar="DATETIME", help="As if the clock said this (ISO, local time).")
@click.option(
    "--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML part to this file."
)
@click.option("--send", is_flag=True, help="Send it now (once per day, like the daemon).")
@click.pass_context
def digest(ctx: click.Context, at: str | None, html_path: str | None, send: bool) -> None:
    """Render (or send) the accountants' daily digest."""
    app = app_from(ctx)
    now = parse_at(at, app.settings.company.timezone)
    if send:
        if job_digest(app, now):
            click.echo(f"digest for {app.local_date(now)} sent")
        else:
            click.echo(f"the digest for {app.local_date(now)} was already sent")
        return
    from mailer.digest import render_digest_html, render_digest_text

    digest_, message = render_digest_message(app, now)
    click.echo(f"Subject: {message['Subject']}\n")
    click.echo(render_digest_text(app.config.templates, digest_))
    if html_path:
        Path(html_path).write_text(render_digest_html(app.config.templates, digest_), encoding="utf-8")
        click.echo(f"HTML written to {html_path}")


EXAMPLES = Path(__file__).resolve().parent / "examples"


def demo_workspace(target: Path, examples: Path) -> Path:
    """A fresh workspace from examples/: config, rules, templates, empty inboxes. Returns tactful.toml."""
    import tomli_w

    settings = starter_settings(
        "Nordwind Trading Sp. z o.o.",
        "naleznosci@nordwind.pl",
        "pl",
        "Europe/Warsaw",
        "PL",
        "",
        "ksiegowosc@nordwind.pl",
    )
    settings["company"].update(
        phone="+48 22 555 01 23",
        bank_account="PL61109010140000071219812874",
        bank_name="Santander Bank Polska",
        contact_name="Anna Nowak",
        signature="Anna Nowak\nDział należności, Nordwind Trading Sp. z o.o.",
    )
    settings["templates"] = ""
    target.mkdir(parents=True, exist_ok=True)
    (target / "tactful.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
    (target / "rules.toml").write_text(tomli_w.dumps(starter_rules()), encoding="utf-8")
    for folder in (
        "inbox/statements",
        "inbox/invoices",
        "replies/new",
        "replies/cur",
        "replies/tmp",
        "digests",
    ):
        (target / folder).mkdir(parents=True, exist_ok=True)
    return target / "tactful.toml"


DEMO_START = "2026-10-01"


def demo_arrivals(examples: Path) -> dict[Any, list[Path]]:
    """Statements and replies of the example book by the day they arrive (from their file names)."""
    from datetime import date

    arrivals: dict[date, list[Path]] = {}
    for path in sorted((examples / "statements").iterdir()) + sorted((examples / "replies").glob("*.eml")):
        arrivals.setdefault(date.fromisoformat(path.name[:10]), []).append(path)
    return arrivals


def replay_day(app: App, day: Any, arrivals: list[Path], deliver_reply: Any = None) -> None:
    """One simulated day: files arrive, then the daemon's jobs run at their usual local times."""
    import shutil
    from datetime import time as clock

    for path in arrivals:
        if path.suffix == ".eml" and deliver_reply is not None:
            deliver_reply(path)
        elif path.suffix == ".eml":
            shutil.copy(path, app.config.resolve(app.settings.replies.maildir) / "new" / path.name)
        else:
            shutil.copy(path, app.config.resolve(app.settings.imports.inbox) / path.name)

    def at(hhmm: clock) -> datetime:
        return datetime.combine(day, hhmm, tzinfo=app.tz).astimezone(UTC)

    run_cycle(app, at(clock(7, 0)), ("import", "replies"))
    run_cycle(app, at(clock(7, 30)), ("digest",))
    run_cycle(app, at(clock(9, 30)), ("dunning",))
    run_cycle(app, at(clock(16, 0)), ("import", "replies"))


def run_demo(target: Path, days: int, echo: Any, examples: Path = EXAMPLES) -> App:
    """Replay the example book day by day: statements and replies arrive, the daemon's jobs run."""
    import shutil
    from datetime import date, timedelta
    from datetime import time as clock

    config = load_config(demo_workspace(target, examples))
    app = open_app(config)
    arrivals = demo_arrivals(examples)
    shutil.copy(examples / "invoices.csv", target / "inbox/invoices/invoices.csv")
    start = date.fromisoformat(DEMO_START)
    for offset in range(days):
        day = start + timedelta(days=offset)
        before = _demo_counts(app)
        replay_day(app, day, arrivals.get(day, []))
        from mailer.digest import render_digest_html
        from rules.digest import build_digest

        morning = datetime.combine(day, clock(7, 30), tzinfo=app.tz).astimezone(UTC)
        html = render_digest_html(config.templates, build_digest(digest_facts(app, morning)))
        (target / "digests" / f"{day.isoformat()}.html").write_text(html, encoding="utf-8")
        echo(_demo_line(app, day, before, _demo_counts(app)))
    return app


def _demo_counts(app: App) -> dict[str, Any]:
    from collections import Counter

    store = app.store
    return {
        "sent": Counter(r.stage for r in store.sent_reminders()),
        "matched": len(store.allocations_for(state="applied")),
        "replies": Counter(m.intent for m in store.inbound_messages(state=None) if m.intent),
        "holds": len(store.holds()),
        # Payments a person must look at (not those the matching rules set aside, such as refunds).
        "reviews": sum(1 for r in store.reviews(open_only=False) if r.resolved_by != "matcher"),
        "awaiting": len(store.reminders(state="awaiting_approval")),
    }


def _demo_line(app: App, day: Any, before: dict[str, Any], after: dict[str, Any]) -> str:
    parts = []
    sent = after["sent"] - before["sent"]
    if sent:
        parts.append("sent " + ", ".join(f"{n} {stage}" for stage, n in sorted(sent.items())))
    if after["matched"] > before["matched"]:
        parts.append(f"{after['matched'] - before['matched']} payment allocation(s)")
    replies = after["replies"] - before["replies"]
    if replies:
        parts.append("replies: " + ", ".join(f"{n} {intent}" for intent, n in sorted(replies.items())))
    if after["reviews"] > before["reviews"]:
        parts.append(f"{after['reviews'] - before['reviews']} payment(s) to review")
    if after["awaiting"] > before["awaiting"]:
        parts.append(f"{after['awaiting'] - before['awaiting']} letter(s) await approval")
    return f"{day:%a %Y-%m-%d}: " + ("; ".join(parts) if parts else "quiet")


@cli.command()
@click.option("--days", type=click.IntRange(1, 400), default=45, show_default=True, help="Days to simulate.")
@click.option(
    "--dir", "directory", type=click.Path(file_okay=False), help="Workspace (default: a new temp dir)."
)
def demo(days: int, directory: str | None) -> None:
    """Simulate DAYS days of the example book on embedded defaults and narrate them."""
    import tempfile

    target = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="tactful-demo-"))
    if directory and any(target.glob("*")):
        fail(f"{target} is not empty; the demo needs an empty folder (or none: it makes a temporary one)")
    logging.basicConfig(level=logging.WARNING)
    click.echo(f"tactful demo: {days} days of a 40-customer book (examples/), from 2026-10-01\n")
    app = run_demo(target, days, click.echo)
    counts = app.store.outbox_counts()
    click.echo("")
    click.echo("Outbox: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    click.echo(f"Letters and digests as e-mails (open with any mail client): {target / 'outbox'}")
    click.echo(f"Each day's digest as a web page: {target / 'digests'}")
    click.echo(f"Ask why a customer got a letter: tactful --config {target / 'tactful.toml'} explain K001")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tactful")


if __name__ == "__main__":
    main()
