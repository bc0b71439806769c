"""Shared test helpers: where ../shared lives, and the skip-or-fail rule for it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
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


CORE_TESTS = ("_inprocess.py", "test_retry_after.py", "test_failures.py", "test_adapters.py")
"""The tests that drive the crawl's core (spiders, middlewares, distributed) in the pytest process: the
coverage every run prints ([tool.coverage.run] in pyproject.toml) is measured from them alone."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every other test runs untraced (pytest-cov's ``no_cover``): coverage then costs the suite no time
    there (tracing slows in-process extraction by about half)."""
    if not config.pluginmanager.hasplugin("pytest_cov") or config.getoption("no_cov") or not config.getoption(
            "cov_source"):
        return  # coverage off (pytest-cov then fails on no_cover)
    for item in items:
        if not item.path.name.endswith(CORE_TESTS):
            item.add_marker(pytest.mark.no_cover)


def require_shared(path: Path) -> Path:
    """Return ``path`` or skip the test; with NEWSCRAWLER_REQUIRE_CORPUS=1 (CI) fail instead."""
    if path.exists():
        return path
    message = f"{path} is absent: third-party pages are read from ../shared at test time"
    if os.environ.get("NEWSCRAWLER_REQUIRE_CORPUS") == "1":
        pytest.fail(message + " (NEWSCRAWLER_REQUIRE_CORPUS=1)")
    pytest.skip(message)


POSTGRES_ADMIN_URL = os.environ.get("NEWSCRAWLER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
"""A PostgreSQL server the tests may create databases on (this machine kind runs one, trust auth)."""


def require_service(name: str, reason: str) -> None:
    """Skip a test whose service is down; with NEWSCRAWLER_REQUIRE_SERVICES=1 (CI) fail instead."""
    message = f"{name} is not reachable: {reason}"
    if os.environ.get("NEWSCRAWLER_REQUIRE_SERVICES") == "1":
        pytest.fail(message + " (NEWSCRAWLER_REQUIRE_SERVICES=1)")
    pytest.skip(message)


def _postgres_database() -> Iterator[str]:
    import uuid

    import psycopg

    name = f"newscrawler_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        require_service("PostgreSQL", str(exc).strip().splitlines()[0])
        return
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty archive database: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
    else:
        yield from _postgres_database()


REDIS_URL = os.environ.get("NEWSCRAWLER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
"""A Redis server the tests may use under a key prefix of their own (this machine kind runs one)."""


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test's own on the Redis server, deleted afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        require_service("Redis", f"{REDIS_URL}: {exc}")
    prefix = f"nctest-{uuid.uuid4().hex[:10]}"
    try:
        yield prefix
    finally:
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


@pytest.fixture
def default_ctrl_c() -> Iterator[None]:
    """SIGINT raises KeyboardInterrupt, as in a command run from a shell: a handler another test left behind
    (an in-process crawl's shutdown handler, a serve loop's stop handler) must not decide what Ctrl-C does
    in a test that sends one."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
