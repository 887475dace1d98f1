"""``tactful.toml``: company, timezone, storage, mail transports, schedule and digest.

:func:`load_settings` is pure: text in, frozen :class:`Settings` out, or a
:class:`~rules.toml.RuleError` listing every problem. Relative paths stay
relative here; the shell resolves them against the config file's folder.
Secrets never appear in these files: a transport names an environment variable
(``password_env``) or a file (``password_file``) that holds the password.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rules.toml import Context, Invalid, RuleError, build, parse_toml

LANGUAGES = ("pl", "en", "de")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def doc(text: str, example: str | None = None) -> dict[str, str]:
    """Field metadata: a one-line description and an optional example TOML value."""
    return {"doc": text, **({"example": example} if example else {})}


def check_email(key: str, value: str) -> Iterator[Invalid]:
    """Yield an :class:`Invalid` unless ``value`` looks like an e-mail address."""
    if value and not _EMAIL.match(value):
        yield Invalid(key, f'{value!r} is not an e-mail address; e.g. {key} = "name@example.com"')


def check_timezone(key: str, value: str) -> Iterator[Invalid]:
    """Yield an :class:`Invalid` unless ``value`` is an IANA timezone name."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(value, sorted(available_timezones()), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        yield Invalid(key, f'{value!r} is not a known IANA timezone{hint}; e.g. {key} = "Europe/Warsaw"')


@dataclass(frozen=True, slots=True)
class Company:
    name: str = field(metadata=doc("Company name as it appears in letters", '"Acme Sp. z o.o."'))
    email: str = field(metadata=doc("From address of reminders", '"naleznosci@acme.pl"'))
    language: str = field(
        default="en", metadata=doc("Default language of letters and the digest (pl, en, de)")
    )
    timezone: str = field(default="Europe/Warsaw", metadata=doc("IANA timezone for every local time"))
    country: str = field(
        default="PL", metadata=doc("Country code for public holidays (ISO 3166, e.g. PL, DE, GB)")
    )
    phone: str = field(default="", metadata=doc("Phone number shown in letters"))
    bank_account: str = field(
        default="", metadata=doc("IBAN customers pay to", '"PL61109010140000071219812874"')
    )
    bank_name: str = field(default="", metadata=doc("Name of the bank shown in letters"))
    contact_name: str = field(default="", metadata=doc("Person named as contact in letters"))
    signature: str = field(default="", metadata=doc("Closing lines of every letter"))
    domain: str = field(default="", metadata=doc("Domain of Message-IDs (default: the domain of email)"))

    def validate(self) -> Iterator[Invalid]:
        if not self.name.strip():
            yield Invalid("name", 'must not be empty; e.g. name = "Acme Sp. z o.o."')
        yield from check_email("email", self.email)
        if self.language not in LANGUAGES:
            yield Invalid(
                "language", f"{self.language!r} is not supported; use one of {', '.join(LANGUAGES)}"
            )
        yield from check_timezone("timezone", self.timezone)
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            yield Invalid(
                "country", f'{self.country!r} is not a two-letter country code; e.g. country = "PL"'
            )

    @property
    def message_domain(self) -> str:
        return self.domain or self.email.rpartition("@")[2]


@dataclass(frozen=True, slots=True)
class Storage:
    url: str = field(
        default="sqlite:///tactful.db",
        metadata=doc(
            "SQLAlchemy URL; sqlite paths are relative to the config file",
            '"postgresql+psycopg://tactful@db.internal/tactful"',
        ),
    )

    def validate(self) -> Iterator[Invalid]:
        if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", self.url):
            yield Invalid(
                "url",
                f"{self.url!r} is not a supported database URL; use sqlite:///tactful.db "
                "or postgresql+psycopg://user@host/dbname (the password comes from PGPASSWORD or ~/.pgpass)",
            )
        if re.match(r"^postgresql[^:]*://[^/@:]+:[^/@]+@", self.url):
            yield Invalid(
                "url", "must not contain a password; put it in PGPASSWORD, PGPASSFILE or ~/.pgpass instead"
            )


Security = Literal["tls", "starttls", "none"]


@dataclass(frozen=True, slots=True)
class Smtp:
    host: str = field(metadata=doc("SMTP server", '"smtp.example.com"'))
    port: int = field(default=587, metadata=doc("SMTP port (587 STARTTLS, 465 implicit TLS)"))
    security: Security = field(default="starttls", metadata=doc("tls, starttls, or none (loopback only)"))
    username: str = field(default="", metadata=doc("Login name; empty = no AUTH"))
    password_env: str = field(default="", metadata=doc("Environment variable holding the password"))
    password_file: str = field(default="", metadata=doc("File holding the password (mode 0600)"))
    ca_file: str = field(default="", metadata=doc("Extra CA certificate bundle for a private server"))
    allow_insecure: bool = field(default=False, metadata=doc("Permit security = none; only for localhost"))
    timeout_seconds: int = field(default=30, metadata=doc("Socket timeout"))
    rate_per_minute: int = field(default=0, metadata=doc("Maximum messages per minute; 0 = no limit"))

    def validate(self) -> Iterator[Invalid]:
        yield from check_transport(
            self.host, self.port, self.security, self.allow_insecure, self.timeout_seconds
        )
        yield from check_secret(self.username, self.password_env, self.password_file)
        if self.rate_per_minute < 0:
            yield Invalid(
                "rate_per_minute", "must be 0 (no limit) or a positive number; e.g. rate_per_minute = 30"
            )


@dataclass(frozen=True, slots=True)
class Imap:
    host: str = field(metadata=doc("IMAP server", '"imap.example.com"'))
    port: int = field(default=993, metadata=doc("IMAP port (993 implicit TLS, 143 STARTTLS)"))
    security: Security = field(default="tls", metadata=doc("tls, starttls, or none (loopback only)"))
    username: str = field(default="", metadata=doc("Login name"))
    password_env: str = field(default="", metadata=doc("Environment variable holding the password"))
    password_file: str = field(default="", metadata=doc("File holding the password (mode 0600)"))
    ca_file: str = field(default="", metadata=doc("Extra CA certificate bundle for a private server"))
    allow_insecure: bool = field(default=False, metadata=doc("Permit security = none; only for localhost"))
    timeout_seconds: int = field(default=60, metadata=doc("Socket timeout"))
    folders: tuple[str, ...] = field(default=("INBOX",), metadata=doc("Folders to read replies from"))
    move_to: str = field(default="", metadata=doc("Move processed replies here; empty = leave them"))
    mark_seen: bool = field(default=False, metadata=doc("Mark processed replies as read"))
    use_idle: bool = field(default=True, metadata=doc("Wait for new mail with IDLE (falls back to polling)"))
    sent_folder: str = field(default="", metadata=doc("Append a copy of each reminder to this folder"))
    max_message_kib: int = field(default=10240, metadata=doc("Larger messages are stored as metadata only"))

    def validate(self) -> Iterator[Invalid]:
        yield from check_transport(
            self.host, self.port, self.security, self.allow_insecure, self.timeout_seconds
        )
        if not self.username:
            yield Invalid("username", 'is required for IMAP; e.g. username = "ar@example.com"')
        yield from check_secret(self.username, self.password_env, self.password_file, required=True)
        if not self.folders:
            yield Invalid("folders", 'must name at least one folder; e.g. folders = ["INBOX"]')


LOOPBACK = ("localhost", "127.0.0.1", "::1")


def check_transport(
    host: str, port: int, security: str, allow_insecure: bool, timeout: int
) -> Iterator[Invalid]:
    """Validate the parts shared by SMTP and IMAP settings."""
    if not host.strip():
        yield Invalid("host", 'must not be empty; e.g. host = "mail.example.com"')
    if not 0 < port < 65536:
        yield Invalid("port", f"{port} is not a TCP port; use 1-65535, e.g. port = 587")
    if security == "none" and not (allow_insecure and (host in LOOPBACK or host.startswith("127."))):
        yield Invalid(
            "security",
            'security = "none" sends passwords and mail in clear text; it is allowed only for a loopback '
            'host with allow_insecure = true; use security = "starttls" or "tls"',
        )
    if timeout <= 0:
        yield Invalid("timeout_seconds", "must be a positive number of seconds; e.g. timeout_seconds = 30")


def check_secret(username: str, env: str, file: str, required: bool = False) -> Iterator[Invalid]:
    """A login needs exactly one place for its password: an environment variable or a file."""
    if env and file:
        yield Invalid("password_env", "set password_env or password_file, not both")
    if (username or required) and not (env or file):
        yield Invalid(
            "password_env",
            'a login needs a password from the environment or a file; e.g. password_env = "TACTFUL_SMTP_PASSWORD"',
        )
    if env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", env):
        yield Invalid("password_env", f'{env!r} is not an environment variable name; e.g. "SMTP_PASSWORD"')


@dataclass(frozen=True, slots=True)
class Outbound:
    transport: Literal["maildir", "smtp"] = field(
        default="maildir", metadata=doc("maildir (nothing leaves the machine) or smtp")
    )
    maildir: str = field(default="outbox", metadata=doc("Maildir folder for the maildir transport"))
    reply_to: str = field(default="", metadata=doc("Mailbox replies go to (default: company.email)"))
    reply_token: bool = field(default=True, metadata=doc("Plus-address Reply-To with a token per customer"))
    bcc: tuple[str, ...] = field(default=(), metadata=doc("Blind copies of every reminder (e.g. an archive)"))

    def validate(self) -> Iterator[Invalid]:
        yield from check_email("reply_to", self.reply_to)
        for address in self.bcc:
            yield from check_email("bcc", address)


@dataclass(frozen=True, slots=True)
class Replies:
    source: Literal["maildir", "imap", "none"] = field(
        default="maildir", metadata=doc("Where replies come from: maildir, imap or none")
    )
    maildir: str = field(default="replies", metadata=doc("Maildir folder read when source = maildir"))


@dataclass(frozen=True, slots=True)
class Schedule:
    dunning_at: time = field(
        default=time(9, 30), metadata=doc("Local time of the daily dunning cycle", '"09:30"')
    )
    digest_at: time = field(default=time(7, 30), metadata=doc("Local time of the daily digest", '"07:30"'))
    statements_poll_minutes: int = field(default=15, metadata=doc("How often the statement inbox is scanned"))
    replies_poll_minutes: int = field(default=5, metadata=doc("How often replies are polled (without IDLE)"))
    misfire_grace_minutes: int = field(default=180, metadata=doc("A job missed by less than this still runs"))

    def validate(self) -> Iterator[Invalid]:
        for key in ("statements_poll_minutes", "replies_poll_minutes", "misfire_grace_minutes"):
            if getattr(self, key) <= 0:
                yield Invalid(key, f"must be a positive number of minutes; e.g. {key} = 15")


@dataclass(frozen=True, slots=True)
class Digest:
    recipients: tuple[str, ...] = field(
        default=(), metadata=doc("Accountants who get the daily digest", '["ksiegowosc@acme.pl"]')
    )
    language: str = field(default="", metadata=doc("Language of the digest (default: company.language)"))

    def validate(self) -> Iterator[Invalid]:
        for address in self.recipients:
            yield from check_email("recipients", address)
        if self.language and self.language not in LANGUAGES:
            yield Invalid(
                "language", f"{self.language!r} is not supported; use one of {', '.join(LANGUAGES)}"
            )


@dataclass(frozen=True, slots=True)
class ImportFolders:
    inbox: str = field(default="", metadata=doc("Watched folder for bank statements; empty = not watched"))
    invoices_inbox: str = field(
        default="", metadata=doc("Watched folder for invoice exports; empty = not watched")
    )


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything in ``tactful.toml``."""

    company: Company
    rules: tuple[str, ...] = field(
        default=("rules.toml",), metadata=doc("Rules files, relative to this file", '["rules.toml"]')
    )
    templates: str = field(default="", metadata=doc("Folder of template overrides; empty = built-in only"))
    storage: Storage = Storage()
    outbound: Outbound = Outbound()
    smtp: Smtp | None = None
    replies: Replies = Replies()
    imap: Imap | None = None
    schedule: Schedule = Schedule()
    digest: Digest = Digest()
    # ``import`` is a Python keyword, so the TOML table [import] lands here.
    imports: ImportFolders = ImportFolders()

    def validate(self) -> Iterator[Invalid]:
        if self.outbound.transport == "smtp" and self.smtp is None:
            yield Invalid("outbound", 'transport = "smtp" needs an [smtp] table with at least host = "..."')
        if self.replies.source == "imap" and self.imap is None:
            yield Invalid(
                "replies", 'source = "imap" needs an [imap] table with host, username and password_env'
            )
        if not self.rules:
            yield Invalid("rules", 'must name at least one rules file; e.g. rules = ["rules.toml"]')

    @property
    def digest_language(self) -> str:
        return self.digest.language or self.company.language


def load_settings(text: str, source: str = "tactful.toml") -> Settings:
    """Parse and validate ``tactful.toml``; raise RuleError listing every problem."""
    data, ctx = parse_toml(text, source)
    if ctx.problems:
        raise RuleError(ctx.problems)
    # ``import`` is a Python keyword: build that table on its own, under its TOML name.
    imports = build(ImportFolders, data.pop("import", {}), ctx, ("import",))
    if "imports" in data:
        ctx.add(("imports",), "unknown key 'imports'; the table is called [import]")
        data.pop("imports")
    if "company" not in data:
        ctx.add(("company",), 'is required: add a [company] table with name = "..." and email = "..."')
        return _raise(ctx)
    settings: Settings | None = build(Settings, data, ctx)
    if ctx.problems or settings is None or imports is None:
        return _raise(ctx)
    return dataclasses.replace(settings, imports=imports)


def _raise(ctx: Context) -> Settings:
    raise RuleError(sorted(ctx.problems, key=lambda p: p.line or 0))
