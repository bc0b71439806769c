"""Shared test helpers: where ../shared lives, and the skip-or-fail rule for it."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SHANGHAI = ZoneInfo("Asia/Shanghai")
FETCHED_AT = datetime(2023, 4, 17, 12, 0, tzinfo=SHANGHAI)
"""A fixed fetch time (a Monday noon in Beijing) so relative dates never depend on the clock."""


def require_shared(path: Path) -> Path:
    """Return ``path`` or skip the test; with NEWSCRAWLER_REQUIRE_CORPUS=1 (CI) fail instead."""
    if path.exists():
        return path
    message = f"{path} is absent: third-party pages are read from ../shared at test time"
    if os.environ.get("NEWSCRAWLER_REQUIRE_CORPUS") == "1":
        pytest.fail(message + " (NEWSCRAWLER_REQUIRE_CORPUS=1)")
    pytest.skip(message)
