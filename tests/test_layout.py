"""The dependency rules of the layout: extraction is pure, pipelines see only the item contract."""

from __future__ import annotations

import re

from .conftest import REPO

IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.M)


def _imports(folder: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (REPO / folder).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found[str(path.relative_to(REPO))] = {a or b for a, b in IMPORT.findall(text)}
    return found


def test_pipelines_import_only_the_item_contract_from_newscrawler() -> None:
    offenders = {
        path: sorted(m for m in modules if m.startswith("newscrawler") and m != "newscrawler.items")
        for path, modules in _imports("pipelines").items()
    }
    assert {p: m for p, m in offenders.items() if m} == {}


def test_extraction_imports_no_framework_database_or_storage() -> None:
    banned = ("scrapy", "sqlalchemy", "twisted", "pipelines", "alembic")
    offenders = {
        path: sorted(m for m in modules if m.split(".")[0] in banned)
        for path, modules in _imports("newscrawler/extract").items()
    }
    assert {p: m for p, m in offenders.items() if m} == {}


def test_sql_lives_in_the_storage_layer() -> None:
    allowed = ("pipelines/db/", "pipelines/store.py")
    users = [path for path, modules in _imports("pipelines").items()
             if any(m.split(".")[0] == "sqlalchemy" for m in modules)]
    assert users and all(path.startswith(allowed) for path in users), users


PRIVATE_INTERNALS = re.compile(
    r"\._slot\b|\._parsers\b|EXTRA_QUEUED_CALLS|_encode_request|\._retry\(|\.itemproc\b|_write_warc_record"
    r"|_call_queue|_result_queue"
)
"""Internals of Scrapy, scrapy-redis, concurrent.futures and warcio that newscrawler once reached for."""


def test_other_projects_internals_are_reached_only_through_the_adapters() -> None:
    offenders = []
    for folder in ("newscrawler", "pipelines"):
        for path in (REPO / folder).rglob("*.py"):
            rel = str(path.relative_to(REPO))
            if rel.startswith("newscrawler/adapters/"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE_INTERNALS.search(line):
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []


def test_discovery_and_site_profiles_are_pure() -> None:
    banned = ("scrapy", "sqlalchemy", "twisted", "pipelines", "alembic")
    for folder in ("newscrawler/discovery", "newscrawler/sites"):
        offenders = {path: sorted(m for m in modules if m.split(".")[0] in banned)
                     for path, modules in _imports(folder).items()}
        assert {p: m for p, m in offenders.items() if m} == {}
