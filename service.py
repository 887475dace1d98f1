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

# --- commands: invoices and matching (import invoices, match, review) ---

# --- commands: escalation (plan, explain, hold, release, promise, approve, reject) ---

# --- commands: outbound mail (preview) ---

# --- commands: replies (classify-reply) ---

# --- commands: daemon (run, status, digest, demo) ---


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tactful")


if __name__ == "__main__":
    main()
