"""The layer contract of the code base, checked on every test run (docs/architecture.md, "Allowed imports").

- ``newscrawler/extract/`` (extraction) imports from ``newscrawler`` only the item contract
  (``newscrawler.items``), the pure helpers (``newscrawler.common``), the adapters of the standard library's
  own internals (``STDLIB_ADAPTERS``: standard library imports only) and itself; no framework, database or
  storage module.
- ``newscrawler/common/`` is pure: the standard library and itself only.
- ``pipelines/`` imports from ``newscrawler`` only ``newscrawler.items`` and ``newscrawler.common``.
- SQL lives in ``pipelines/db/``: SQLAlchemy and Alembic are imported only there and by the store stage
  (its engine and sessions) and the facade (types); no SQL statement is written anywhere else.
- Every other module reaches the storage layer only through ``pipelines.storage`` (plus the signals of
  ``pipelines.signals``; ``newscrawler/settings.py`` also reads ``pipelines.defaults`` and names the stage
  classes in ``ITEM_PIPELINES``).
- Other projects' internals are reached only through ``newscrawler/adapters/``.

Imports are read with ``ast``, so one inside a function, under ``TYPE_CHECKING`` or spelled
``from pipelines import storage`` counts like any other.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable

import pytest

from .conftest import REPO

FRAMEWORKS = ("scrapy", "twisted", "sqlalchemy", "alembic", "warcio", "pipelines")
"""Top-level packages that pure code (extraction, discovery, site profiles, common helpers) never imports."""


def imported(source: str) -> set[str]:
    """Every module ``source`` imports, absolute (``from a import b`` gives ``a`` and ``a.b``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return found


def _modules(folder: str) -> dict[str, set[str]]:
    return {str(path.relative_to(REPO)): imported(path.read_text(encoding="utf-8"))
            for path in sorted((REPO / folder).rglob("*.py"))}


def _under(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _offenders(found: dict[str, set[str]], bad: Callable[[str], bool]) -> dict[str, list[str]]:
    out = {path: sorted(m for m in modules if bad(m)) for path, modules in found.items()}
    return {path: modules for path, modules in out.items() if modules}


# --------------------------------------------------------------------------- the rules, one function each


STDLIB_ADAPTERS = ("newscrawler.adapters.sre",)
"""Adapters of the standard library's private modules (CPython's regex parser): pure code may use them, as they
import nothing but the standard library and ``newscrawler.adapters`` (``test_stdlib_adapters_are_pure``)."""


def extraction_offenders(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Imports of extraction modules other than the standard library, parsers, the contract and common."""
    return _offenders(found, lambda m: m.split(".")[0] in FRAMEWORKS or (
        _under(m, "newscrawler") and not _under(m, "newscrawler.items", "newscrawler.common", "newscrawler.extract",
                                                *STDLIB_ADAPTERS)))


def stdlib_adapter_offenders(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Imports of a standard-library adapter other than the standard library and the adapters' package."""
    return _offenders(found, lambda m: m.split(".")[0] in FRAMEWORKS or (
        _under(m, "newscrawler") and m not in ("newscrawler.adapters", "newscrawler.adapters.InternalChanged")))


def common_offenders(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Imports of the pure helpers other than the standard library and themselves."""
    return _offenders(found, lambda m: m.split(".")[0] in FRAMEWORKS or (
        _under(m, "newscrawler") and not _under(m, "newscrawler.common")))


def pipelines_offenders(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Imports by the storage side of ``newscrawler`` modules other than the contract and common."""
    return _offenders(found, lambda m: _under(m, "newscrawler")
                      and not _under(m, "newscrawler.items", "newscrawler.common"))


SQL_ALLOWED = ("pipelines/db/", "pipelines/store.py", "pipelines/storage.py")
"""Where SQLAlchemy and Alembic may be imported: the storage layer, the store stage's engine and sessions, the
facade's type names (under ``TYPE_CHECKING``)."""

SQL_STATEMENT = re.compile(
    r"^\s*(?:SELECT\s.+\sFROM\s|SELECT\s+\w+\s*\(|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+"
    r"(?:UNIQUE\s+)?(?:TABLE|INDEX|VIRTUAL)\s|DROP\s+(?:TABLE|INDEX)\s|ALTER\s+TABLE\s|PRAGMA\s+\w+)", re.I | re.S)
"""The start of an SQL statement in a string literal (not prose that merely says "select")."""


def sql_offenders(found: dict[str, set[str]], sources: dict[str, str]) -> dict[str, list[str]]:
    """Modules outside the storage layer that import SQLAlchemy or Alembic, or hold an SQL statement."""
    out = {path: [m for m in sorted(modules) if m.split(".")[0] in ("sqlalchemy", "alembic")]
           for path, modules in found.items() if not path.startswith(SQL_ALLOWED)}
    for path, source in sources.items():
        if path.startswith("pipelines/db/"):
            continue
        statements = [node.value[:40] for node in ast.walk(ast.parse(source))
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and SQL_STATEMENT.match(node.value)]
        out[path] = out.get(path, []) + statements
    return {path: items for path, items in out.items() if items}


STORAGE_DOORS = ("pipelines.storage", "pipelines.signals")
"""What the rest of the crawler may import from ``pipelines``."""
SETTINGS_DOORS = {"newscrawler/settings.py": ("pipelines.defaults",)}
"""Further doors for one module: the settings module reads the storage stages' defaults."""


def facade_offenders(found: dict[str, set[str]]) -> dict[str, list[str]]:
    """Modules outside ``pipelines/`` that import a storage module other than the facade and the signals."""
    out: dict[str, list[str]] = {}
    for path, modules in found.items():
        doors = STORAGE_DOORS + SETTINGS_DOORS.get(path, ())
        bad = sorted(m for m in modules if _under(m, "pipelines") and m != "pipelines" and not _under(m, *doors))
        if bad:
            out[path] = bad
    return out


# --------------------------------------------------------------------------- the tree keeps them


def _sources(*folders: str) -> dict[str, str]:
    return {str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
            for folder in folders for path in sorted((REPO / folder).rglob("*.py"))}


def test_extraction_imports_only_the_contract_and_the_pure_helpers() -> None:
    assert extraction_offenders(_modules("newscrawler/extract")) == {}


def test_stdlib_adapters_are_pure() -> None:
    paths = ["newscrawler/adapters/__init__.py", *(m.replace(".", "/") + ".py" for m in STDLIB_ADAPTERS)]
    found = {path: imported((REPO / path).read_text(encoding="utf-8")) for path in paths}
    assert stdlib_adapter_offenders(found) == {}
    assert stdlib_adapter_offenders(_one("newscrawler/adapters/sre.py", "from newscrawler.adapters import scrapy\n"))


def test_common_helpers_are_pure() -> None:
    found = _modules("newscrawler/common")
    assert found, "newscrawler/common/ is missing"
    assert common_offenders(found) == {}


def test_pipelines_import_only_the_item_contract_and_the_pure_helpers_from_newscrawler() -> None:
    assert pipelines_offenders(_modules("pipelines")) == {}


def test_sql_lives_in_the_storage_layer() -> None:
    sources = _sources("newscrawler", "pipelines")
    found = {path: imported(source) for path, source in sources.items()}
    assert sql_offenders(found, sources) == {}
    assert any(m.startswith("sqlalchemy") for m in found["pipelines/db/repository.py"])  # the rule sees imports


def test_the_rest_reaches_storage_only_through_the_facade() -> None:
    assert facade_offenders(_modules("newscrawler")) == {}


def test_discovery_and_site_profiles_are_pure() -> None:
    for folder in ("newscrawler/discovery", "newscrawler/sites"):
        assert _offenders(_modules(folder), lambda m: m.split(".")[0] in FRAMEWORKS) == {}


def test_the_stage_classes_named_in_the_settings_are_pipelines_stages() -> None:
    from newscrawler import settings
    from pipelines.stage import Stage

    for dotted in settings.ITEM_PIPELINES:
        module, _, name = dotted.rpartition(".")
        assert module.startswith("pipelines."), dotted
        assert issubclass(getattr(importlib.import_module(module), name), Stage), dotted


def test_the_facade_names_each_export_once_where_it_lives() -> None:
    """``pipelines.storage`` loads its names lazily from ``_HOMES``; the type checker reads its imports under
    ``TYPE_CHECKING``: both must say the same, and every name must load."""
    import pipelines.storage as storage

    tree = ast.parse((REPO / "pipelines/storage.py").read_text(encoding="utf-8"))
    typed: dict[str, tuple[str, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.module, ast.dump(stmt)
                typed.update({alias.asname or alias.name: (stmt.module, alias.name) for alias in stmt.names})
    assert typed == storage._HOMES
    assert sorted(storage.__all__) == sorted(typed)
    for name in storage.__all__:
        module, attribute = typed[name]
        assert getattr(storage, name) is getattr(importlib.import_module(module), attribute), name


# --------------------------------------------------------------------------- each rule fails on a violation


def _one(path: str, source: str) -> dict[str, set[str]]:
    return {path: imported(source)}


@pytest.mark.parametrize("source", [
    "import scrapy\n",
    "def f():\n    from pipelines.db.models import Article\n",
    "from newscrawler.spiders import portal\n",
    "from newscrawler import settings\n",
])
def test_the_extraction_rule_catches(source: str) -> None:
    assert extraction_offenders(_one("newscrawler/extract/x.py", source))
    assert not extraction_offenders(_one("newscrawler/extract/x.py", "from newscrawler.common import urls\n"
                                                                      "from newscrawler.items import Article\n"))


@pytest.mark.parametrize("source", ["from newscrawler.items import Article\n", "import sqlalchemy\n",
                                    "from newscrawler.extract import extract\n"])
def test_the_common_rule_catches(source: str) -> None:
    assert common_offenders(_one("newscrawler/common/x.py", source))


@pytest.mark.parametrize("source", ["from newscrawler.extract import extract\n",
                                    "from newscrawler import settings\n",
                                    "import newscrawler.spiders.workers\n"])
def test_the_pipelines_rule_catches(source: str) -> None:
    assert pipelines_offenders(_one("pipelines/x.py", source))
    assert not pipelines_offenders(_one("pipelines/x.py", "from newscrawler.common.urls import canonical_url\n"))


@pytest.mark.parametrize(("path", "source"), [
    ("newscrawler/x.py", "from sqlalchemy import text\n"),
    ("pipelines/dedupe.py", "def f():\n    from sqlalchemy.orm import Session\n"),
    ("newscrawler/x.py", "LOCK = 'SELECT pg_try_advisory_lock(:key)'\n"),
    ("newscrawler/x.py", "Q = '''\n  select id from article where site_id = 1'''\n"),
    ("pipelines/spool.py", "Q = 'PRAGMA journal_mode=WAL'\n"),
])
def test_the_sql_rule_catches(path: str, source: str) -> None:
    assert sql_offenders(_one(path, source), {path: source})
    assert not sql_offenders(_one(path, "HELP = 'Select the articles of one site'\n"),
                             {path: "HELP = 'Select the articles of one site'\n"})


@pytest.mark.parametrize("source", [
    "from pipelines.db import repository\n",
    "def f():\n    from pipelines.db.engine import make_engine\n",
    "from pipelines import warc\n",
    "import pipelines.spool\n",
    "from pipelines.defaults import WARC_DIR\n",
])
def test_the_facade_rule_catches(source: str) -> None:
    assert facade_offenders(_one("newscrawler/x.py", source))
    assert not facade_offenders(_one("newscrawler/x.py", "from pipelines import storage\n"
                                                         "from pipelines.signals import batch_committed\n"))
    assert not facade_offenders(_one("newscrawler/settings.py", "from pipelines import defaults\n"))


def test_imports_are_read_wherever_they_stand() -> None:
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a.b import c\n"
              "def f():\n    import d.e\n    from . import g\n")
    assert imported(source) == {"typing", "typing.TYPE_CHECKING", "a.b", "a.b.c", "d.e"}


# --------------------------------------------------------------------------- other projects' internals


PRIVATE_INTERNALS = re.compile(
    r"\._slot\b|\._parsers\b|EXTRA_QUEUED_CALLS|_encode_request|\._retry\(|\.itemproc\b|_write_warc_record"
    r"|_call_queue|_result_queue|_generate_cache_key|re\._parser|re\._constants"
)
"""Internals of Scrapy, scrapy-redis, concurrent.futures, warcio, SQLAlchemy and CPython's regex parser that
newscrawler once reached for."""

ADAPTER_FILES = ("newscrawler/adapters/", "pipelines/db/sqlalchemy_internals.py")
"""Where those internals may be used: the adapters, and SQLAlchemy's in the storage layer (the only place that
may import SQLAlchemy)."""


def test_other_projects_internals_are_reached_only_through_the_adapters() -> None:
    offenders = []
    for folder in ("newscrawler", "pipelines"):
        for path in (REPO / folder).rglob("*.py"):
            rel = str(path.relative_to(REPO))
            if rel.startswith(ADAPTER_FILES):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE_INTERNALS.search(line):
                    offenders.append(f"{rel}:{number}: {line.strip()}")
    assert offenders == []
