"""``newscrawler browse``: a real Datasette process on a real archive of the fixture articles, read by a
real headless Chromium (Debian's package; skipped when absent, failed with NEWSCRAWLER_REQUIRE_SERVICES=1)
and through Datasette's JSON API; metadata, canned queries, times in Beijing time, rows before the column
documentation, Chinese drawn with a CJK font, one-line errors, Ctrl-C."""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner

from newscrawler.browse.metadata import datasette_metadata
from newscrawler.cli import main
from pipelines.db.canned import CANNED_QUERIES
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.models import Base
from pipelines.db.repository import save_article
from pipelines.db.schema_docs import TABLES

from .chromium import Chromium, chromium_path, cjk_families, without_cjk_fonts
from .conftest import SHANGHAI, require_service
from .fixtures.articles import ARTICLES
from .fixtures.templates import sina
from .test_schema_docs import Archive, fill_archive
from .test_store import T0, item_for

TITLES = {a.slug: a.title for a in ARTICLES}


def browse_cmd() -> list[str]:
    exe = shutil.which("newscrawler")
    return [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]


@dataclass
class Server:
    """A running ``newscrawler browse`` process and the URL of its database page."""

    process: subprocess.Popen[str]
    url: str

    def stop(self) -> tuple[int, str]:
        """Ctrl-C (SIGINT): the exit status and what the process wrote on stderr."""
        self.process.send_signal(signal.SIGINT)
        try:
            _, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err


def start(db: Path) -> Server:
    """Start ``newscrawler browse --no-open --port 0`` on ``db`` and read the URL it prints."""
    process = subprocess.Popen([*browse_cmd(), "browse", "--db", f"sqlite:///{db}", "--no-open", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline() if process.stdout else ""))
    reader.start()
    reader.join(timeout=60)
    if not lines or "http://" not in lines[0]:
        process.kill()
        _, err = process.communicate(timeout=30)
        pytest.fail(f"newscrawler browse printed no URL: {lines} {err[-2000:]}")
    url = next(word for word in lines[0].split() if word.startswith("http://"))
    return Server(process, url)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Archive]]:
    db = tmp_path_factory.mktemp("browse") / "news.db"
    archive = fill_archive(f"sqlite:///{db}")
    server = start(db)
    yield server, archive
    server.stop()


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def canned(server: Server, name: str, **params: str) -> list[dict[str, Any]]:
    """The rows of a canned query, through Datasette's JSON API."""
    rows: list[dict[str, Any]] = get_json(f"{server.url}/{name}.json?" + urlencode({**params, "_shape": "array"}))
    return rows


def chromium_dom(url: str, tmp_path: Path) -> str:
    """The DOM of ``url`` after headless Chromium loaded it."""
    proc = subprocess.run([chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
                           "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "</html>" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def test_metadata_describes_every_table_and_column() -> None:
    metadata = datasette_metadata("news")
    database = metadata["databases"]["news"]
    for name, table in Base.metadata.tables.items():
        entry = database["tables"][name]
        assert entry["title"].strip() and entry["description"].strip(), name
        columns = entry["columns"]
        assert set(columns) == {c.name for c in table.columns}, name
        assert all(text.strip() and "`" not in text for text in columns.values()), name
        assert entry.get("hidden", False) == TABLES[name].internal
    assert database["tables"]["article_fts"]["hidden"] and database["tables"]["alembic_version"]["hidden"]
    assert "UTC timestamp" in database["tables"]["article"]["columns"]["publish_date"]
    assert "JSON list of names" in database["tables"]["article"]["columns"]["author"]
    assert set(database["queries"]) == set(CANNED_QUERIES)
    assert {"latest_articles", "search", "quotes_by_speaker", "copies", "site_health"} <= set(CANNED_QUERIES)


def test_table_page_in_chromium(served: tuple[Server, Archive], tmp_path: Path) -> None:
    server, _ = served
    dom = chromium_dom(f"{server.url}/article", tmp_path)
    assert TITLES["culture"] in dom and TITLES["weather"] in dom
    assert TABLES["article"].columns["title"].meaning.split(" (")[0] in dom  # column descriptions shown
    author = item_for("culture").article.author[0]
    assert author in dom and json.dumps(author)[1:-1] not in dom  # JSON cells readable, not \u escapes

    index = chromium_dom(server.url, tmp_path)
    assert "Search in Chinese" in index and "Site health" in index
    assert ">lsh_band<" not in index and ">article_fts_data<" not in index  # internal tables hidden


TIME_CELLS = {f"col-{name}" for name in ("publish_date", "first_seen", "last_seen", "newest_publish_date",
                                          "last_fetched", "last_run_started")}


def beijing(slug: str) -> str:
    """A fixture article's publication time as the browser should show it."""
    moment = item_for(slug).article.publish_date
    assert moment is not None
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def test_times_are_beijing_time_to_the_second(served: tuple[Server, Archive], tmp_path: Path) -> None:
    server, _ = served
    with Chromium(tmp_path / "profile") as page:
        for where in ("article?_sort_desc=publish_date", "latest_articles", "copies?article=1", "site_health"):
            page.open(f"{server.url}/{where}")
            shown = page.evaluate("[...document.querySelectorAll('table.rows-and-columns td')]"
                                  ".map(td => [td.className, td.textContent.trim()])")
            times = [text for kind, text in shown if kind.split()[0] in TIME_CELLS]
            assert times, where
            assert all(len(text) == 19 and text[10] == " " and "." not in text for text in times if text), (where, times)
        page.open(f"{server.url}/article?_sort_desc=publish_date")
        by_title = dict(page.evaluate("[...document.querySelectorAll('table.rows-and-columns tbody tr')].map(tr => "
                                      "[tr.querySelector('td.col-title').textContent.trim(), "
                                      "tr.querySelector('td.col-publish_date').textContent.trim()])"))
    for slug in ("culture", "weather", "sports"):
        assert by_title[TITLES[slug]] == beijing(slug), slug
    stored = get_json(f"{server.url}/article.json?_shape=array&_size=1&_sort_desc=publish_date")[0]
    assert stored["publish_date"].endswith(".000000")  # only the page changes: the JSON keeps the stored UTC


def test_table_page_shows_rows_before_the_column_documentation(served: tuple[Server, Archive],
                                                               tmp_path: Path) -> None:
    server, _ = served
    with Chromium(tmp_path / "profile") as page:
        page.open(f"{server.url}/article")
        rows, docs, visible = page.evaluate(
            "[document.querySelector('table.rows-and-columns tbody tr').getBoundingClientRect().top,"
            " document.querySelector('dl.column-descriptions').getBoundingClientRect().top, innerHeight]")
    assert rows < visible < docs  # the first row on the first screen, the ~30 descriptions below the rows


def test_chinese_is_drawn_with_a_cjk_font(served: tuple[Server, Archive], tmp_path: Path) -> None:
    """The title cell's characters are drawn by fonts that cover Chinese (what fontconfig says covers zh),
    not by a Latin font's missing-glyph boxes; checked to notice a machine without such a font."""
    server, _ = served
    title = TITLES["culture"]
    han = sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff")
    chinese = cjk_families()
    if not chinese:
        require_service("a CJK font", "fontconfig lists no font for Chinese (Debian: apt-get install fonts-noto-cjk)")
    cell = "table.rows-and-columns tbody tr:has(td.col-title) td.col-title"
    with Chromium(tmp_path / "profile") as page:
        page.open(f"{server.url}/article?title__exact={quote(title)}")
        drawn = page.fonts(cell)
    assert sum(glyphs for family, glyphs in drawn.items() if family in chinese) >= han, drawn

    # the same check on the same page where fontconfig sees no CJK font: the characters come out as boxes
    # from another font, and the check says so
    with Chromium(tmp_path / "profile-latin", env=without_cjk_fonts(tmp_path / "latin")) as page:
        page.open(f"{server.url}/article?title__exact={quote(title)}")
        boxes = page.fonts(cell)
    assert sum(glyphs for family, glyphs in boxes.items() if family in chinese) < han, boxes


def test_search_canned_query_in_chromium(served: tuple[Server, Archive], tmp_path: Path) -> None:
    server, _ = served
    word = "话剧"  # two characters, in the culture article only
    assert [a.slug for a in ARTICLES if word in a.title or any(word in t for _, t in a.paragraphs)] == ["culture"]
    dom = chromium_dom(f"{server.url}/search?q={quote(word)}", tmp_path)
    assert TITLES["culture"] in dom
    assert [slug for slug, title in TITLES.items() if title in dom] == ["culture"]
    assert f"【{word}】" in dom  # the snippet marks the hit


def test_canned_queries_answer_through_the_json_api(served: tuple[Server, Archive]) -> None:
    server, archive = served
    assert [h["id"] for h in canned(server, "search", q="储能业务")] == [archive.changed_id]
    hits = canned(server, "search", q="储能")
    assert [h["id"] for h in hits] == [archive.changed_id] and "【储能】" in hits[0]["snippet"]
    assert {h["id"] for h in canned(server, "search", q="储能 -电池")} == set()  # the finance story names 电池
    assert canned(server, "search", q="") == [] and canned(server, "search", q="，。") == []
    three_chars = canned(server, "search", q="老茶馆")
    assert [h["title"] for h in three_chars] == [TITLES["culture"]]

    original, exact, near = archive.copy_ids
    by_id = canned(server, "copies", article=str(near))
    assert [(c["id"], c["kind"]) for c in by_id] == [(original, "original"), (exact, "exact copy"),
                                                       (near, "near copy")]
    url = by_id[1]["canonical_url"]
    assert [c["id"] for c in canned(server, "copies", article=url)] == [original, exact, near]
    assert canned(server, "copies", article="https://nowhere.example/") == []

    health = {row["site"]: row for row in canned(server, "site_health")}
    assert health["netease"]["articles"] == len(ARTICLES) and health["netease"]["last_run_status"] == "finished"
    assert health["sina"]["articles"] == 2 and health["sina"]["last_run_status"] == "shutdown"

    latest = canned(server, "latest_articles", site="sina")
    assert len(latest) == 2 and {row["site"] for row in latest} == {"sina"}
    everything = canned(server, "latest_articles")
    assert len(everything) == archive.articles
    dates = [row["publish_date"] for row in everything]
    assert dates == sorted(dates, reverse=True)

    person = next(q for q in item_for("finance").article.quotes if q.speaker_type == "person" and q.speaker)
    assert person.speaker is not None
    quotes = canned(server, "quotes_by_speaker", speaker=person.speaker[:2])
    assert quotes and all(person.speaker[:2] in row["speaker"] for row in quotes)
    assert person.quote_text in {row["text"] for row in quotes}
    assert canned(server, "quotes_by_speaker", speaker="") == []
    assert canned(server, "top_speakers")[0]["quotes"] >= 2


def test_a_crawl_writes_while_browsing_and_ctrl_c_stops(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    fill_archive(f"sqlite:///{db}")
    server = start(db)
    try:
        before = len(canned(server, "latest_articles"))
        engine = make_engine(f"sqlite:///{db}")  # the crawl's writer, while Datasette holds the file open
        with session_factory(engine).begin() as s:
            item = item_for("tech", sina, url="https://news.sina.com.cn/c/2023-04-17/doc-tech.shtml")
            save_article(s, item, T0)
        engine.dispose()
        assert len(canned(server, "latest_articles")) == before + 1
    finally:
        status, err = server.stop()
    assert status == 0, err
    assert "Traceback" not in err and "Aborted" not in err


def test_one_line_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    pg = runner.invoke(main, ["browse", "--db", "postgresql://user:secret@127.0.0.1/news", "--no-open"])
    assert pg.exit_code == 1 and len(pg.output.strip().splitlines()) == 1
    assert "SQLite" in pg.output and "newscrawler search" in pg.output and "secret" not in pg.output

    missing = runner.invoke(main, ["browse", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--no-open"])
    assert missing.exit_code == 1 and "holds no archive yet" in missing.output
    assert len(missing.output.strip().splitlines()) == 1 and not (tmp_path / "none.db").exists()

    db = tmp_path / "news.db"
    fill_archive(f"sqlite:///{db}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        busy = runner.invoke(main, ["browse", "--db", f"sqlite:///{db}", "--no-open", "--port", str(port)])
    assert busy.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in busy.output
    assert len(busy.output.strip().splitlines()) == 1


def test_only_reading_requests_to_its_own_address_are_answered(served: tuple[Server, Archive]) -> None:
    import http.client
    from urllib.parse import urlsplit

    server, _ = served
    parts = urlsplit(server.url)

    def ask(method: str, host: str | None = None, body: bytes | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        headers = {"Host": host} if host else {}
        connection.request(method, parts.path, body=body, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        connection.close()
        return answer.status, data

    assert ask("GET")[0] == 200
    assert ask("GET", host=f"localhost:{parts.port}")[0] == 200
    rebound = ask("GET", host=f"attacker.example:{parts.port}")  # DNS rebinding: a foreign name, our address
    assert rebound[0] == 421
    posted = ask("POST", body=b"\x00\xff not a form")
    assert posted == (405, b"the archive is read-only here\n")
    assert server.process.poll() is None  # still serving
