"""The starter rules `tactful init` writes and the demo uses: plain data, checked by the loader."""

from __future__ import annotations

from typing import Any

STARTER_RULES: dict[str, Any] = {
    "default_ladder": "standard",
    "guards": {
        "min_open_amount": "20.00",
        "max_messages_per_week": 2,
        "send_window_start": "08:00",
        "send_window_end": "17:00",
        "business_days_only": True,
        "stale_statement_business_days": 3,
        "promise_grace_days": 2,
        "max_broken_promises": 2,
        "max_promise_days": 30,
        "default_promise_days": 7,
    },
    "ladders": [
        {
            "name": "standard",
            "stages": [
                {"name": "courtesy", "after_due_days": -3},
                {"name": "reminder", "after_due_days": 7, "min_days_since_previous": 7},
                {
                    "name": "firm",
                    "after_due_days": 21,
                    "min_days_since_previous": 10,
                    "announces": "final_demand",
                    "announce_days": 10,
                    "consequence": "final_demand",
                },
                {
                    "name": "final_demand",
                    "after_due_days": 35,
                    "min_days_since_previous": 10,
                    "requires_approval": True,
                    "final": True,
                    "consequence": "collection_agency",
                    "announce_days": 14,
                },
            ],
        },
        {
            "name": "gentle",
            "stages": [
                {"name": "reminder", "after_due_days": 10},
                {"name": "firm", "after_due_days": 30, "min_days_since_previous": 14},
                {
                    "name": "final_demand",
                    "after_due_days": 60,
                    "min_days_since_previous": 21,
                    "requires_approval": True,
                    "final": True,
                },
            ],
        },
    ],
    "segments": [
        {"name": "long-standing customers", "ladder": "gentle", "tags": ["loyal"]},
    ],
    "matching": {"auto_confidence": 0.9},
}
