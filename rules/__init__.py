"""Rules: loading the TOML configuration and rules, escalation planning, reply classification.

Pure: nothing here reads the clock, touches SQL or talks to a mail server.
"""

from __future__ import annotations

from rules.toml import Problem, RuleError

__all__ = ["Problem", "RuleError"]
