"""Invoices, bank statements and payment matching: pure functions of data.

Nothing in this package reads the clock, opens sockets, touches SQL or prints.
"""

from __future__ import annotations


class LedgerError(Exception):
    """Base of the ledger's errors: a message a person can act on.

    ``source`` is the file name, ``location`` a line number, XML path or OFX tag
    (or ``""``). ``str(err)`` is one line: ``source:location: message``.
    """

    def __init__(self, message: str, source: str = "", location: str = "") -> None:
        self.message = message
        self.source = source
        self.location = location
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ":".join(part for part in (self.source, self.location) if part)
        return f"{where}: {self.message}" if where else self.message


class StatementError(LedgerError):
    """A bank statement that cannot be imported as a whole."""


class InvoiceImportError(LedgerError):
    """An invoice or customer export that cannot be imported as a whole."""
