"""The spool: items the store stage could not commit, kept as JSON lines, and their replay into the archive.

When the archive fails (``database unavailable``, ``archive not durable``) the store stage appends every
item it holds to ``<NEWSCRAWLER_SPOOL_DIR>/unsaved-<UTC time>-<pid>.jsonl``, one JSON object a line:

``archive``
    which archive the item was meant for (``archive_id``: the database URL without password, a SQLite
    path made absolute), so a replay never imports it into another one;
``run``
    the ``crawl_run`` id of the crawl that fetched it (None before the run row existed);
``site``, ``warc``, ``content_hash``, ``signature``, ``site_domains``, ``canonical_claim``
    the ``ArticleItem`` fields;
``article``
    ``Article.to_json()``;
``fetch``, ``more_pages``
    the HTTP exchanges (``Fetch`` as a dict, ``body`` as latin-1 text so any bytes survive JSON,
    ``fetched_at`` ISO 8601).

``replay_spool`` imports every item of the spool files meant for an archive exactly once: an item whose
fetch (URL and fetch time) is in the archive already is skipped, each file is imported in one
transaction and then renamed to ``….jsonl.replayed`` (kept, never read again). A crash between the two
only means the next replay skips every item of that file. The store stage calls it when a crawl opens;
``newscrawler replay`` calls it for any archive.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawler.items import Article, ArticleItem, Fetch
from pipelines.db.engine import archive_id, make_engine, session_factory
from pipelines.db.replay import import_items

__all__ = ["ReplayReport", "archive_id", "item_from_record", "replay_spool", "spool_record", "write_spool"]

log = logging.getLogger(__name__)

REPLAYED_SUFFIX = ".replayed"


def _fetch_json(fetch: Fetch) -> dict[str, Any]:
    data = asdict(fetch)
    data["body"] = fetch.body.decode("latin-1")
    data["fetched_at"] = fetch.fetched_at.isoformat()
    return data


def _fetch_from(data: dict[str, Any]) -> Fetch:
    values = {f.name: data[f.name] for f in fields(Fetch) if f.name in data}
    values["body"] = str(data.get("body", "")).encode("latin-1")
    values["fetched_at"] = datetime.fromisoformat(data["fetched_at"])
    return Fetch(**values)


def spool_record(item: ArticleItem, archive: str, run: int | None) -> dict[str, Any]:
    """One spool line's object for ``item`` (see the module docstring)."""
    record: dict[str, Any] = {
        "archive": archive, "run": run, "article": item.article.to_json(), "site": item.site, "warc": item.warc,
        "content_hash": item.content_hash, "signature": list(item.signature),
        "site_domains": list(item.site_domains), "canonical_claim": item.canonical_claim,
        "more_pages": [_fetch_json(page) for page in item.more_pages],
    }
    if item.fetch is not None:
        record["fetch"] = _fetch_json(item.fetch)
    return record


def item_from_record(record: dict[str, Any]) -> ArticleItem:
    """The ``ArticleItem`` a spool line holds (the inverse of ``spool_record``)."""
    return ArticleItem(
        article=Article.from_json(record["article"]),
        fetch=_fetch_from(record["fetch"]) if record.get("fetch") else None,
        site=record.get("site"),
        more_pages=[_fetch_from(page) for page in record.get("more_pages", [])],
        content_hash=record.get("content_hash"),
        signature=list(record.get("signature") or []),
        warc=record.get("warc"),
        site_domains=tuple(record.get("site_domains") or ()),
        canonical_claim=record.get("canonical_claim"),
    )


def write_spool(path: Path, records: list[dict[str, Any]]) -> None:
    """Append ``records`` to the spool file ``path`` (its folder created) and fsync it: spooled items are
    the only copy of what the crawl fetched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def spool_path(spool_dir: Path) -> Path:
    """A new spool file's name in ``spool_dir``: UTC time and process id (two crawls never share one)."""
    return spool_dir / f"unsaved-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{os.getpid()}.jsonl"


@dataclass(slots=True)
class ReplayReport:
    """What ``replay_spool`` did: files imported, items stored, items already in the archive, lines that
    could not be read (a line torn by a crash) and files left for another archive."""

    files: list[Path] = field(default_factory=list)
    stored: int = 0
    already: int = 0
    unreadable: int = 0
    other_archive: list[Path] = field(default_factory=list)


def _read(path: Path, report: ReplayReport) -> list[dict[str, Any]]:
    records = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            report.unreadable += 1
            continue
        if isinstance(record, dict) and isinstance(record.get("article"), dict):
            records.append(record)
        else:
            report.unreadable += 1
    return records


def replay_spool(db_url: str, spool_dir: str | Path, *, any_archive: bool = False) -> ReplayReport:
    """Import every spooled item meant for the archive at ``db_url`` exactly once (see the module docstring).

    ``any_archive`` also imports files whose items name another archive or none (older spool files): for
    a person who moved the archive, not for the automatic replay at a crawl's start."""
    report = ReplayReport()
    folder = Path(spool_dir)
    if not folder.is_dir():
        return report
    files = sorted(folder.glob("unsaved-*.jsonl"))
    if not files:
        return report
    target = archive_id(db_url)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        for path in files:
            records = _read(path, report)
            if not any_archive and any(r.get("archive") != target for r in records):
                report.other_archive.append(path)
                continue
            with sessions.begin() as session:
                stored, already = import_items(session, [(item_from_record(r), r.get("run")) for r in records],
                                               datetime.now(UTC))
            path.rename(path.with_name(path.name + REPLAYED_SUFFIX))
            report.files.append(path)
            report.stored += stored
            report.already += already
            log.info("replayed %s: %d item(s) stored, %d already in the archive", path, stored, already)
    finally:
        engine.dispose()
    return report
