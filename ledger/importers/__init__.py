"""Statement and invoice importers: bytes and a file name in, model values out."""

from __future__ import annotations
