"""One vocabulary for every reading command, and reading never writes.

search, quotes, speakers, stats and export take the same ``--format``, ``--limit`` (with ``showing N of
M`` on stderr when it cuts), article filters and ``--type`` values, on a real SQLite archive of the
project's fixture articles; a reading command pointed at a missing archive creates no file or folder
and says which file it looked for and how to point elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import click
import pytest
from click.testing import CliRunner, Result

from newscrawler.cli import main
from newscrawler.extract.quotes.record import SpeakerType

from .conftest import POSTGRES_ADMIN_URL, require_service
from .test_schema_docs import fill_archive

READERS = ("search", "quotes", "speakers", "stats", "export")
FILTERS = ("--site", "--since", "--until", "--source", "--channel")


@dataclass(frozen=True)
class Archive:
    db_url: str


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """The browse tests' archive: the fixture articles on site netease, two copies on sina, two runs."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('reading') / 'news.db'}"
    fill_archive(db_url)
    return Archive(db_url)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def options(command: str) -> dict[str, click.Option]:
    found = main.commands[command]
    return {name: p for p in found.params if isinstance(p, click.Option) for name in p.opts}


# -- the same options everywhere -------------------------------------------------------------------------

def test_every_reading_command_takes_the_same_words() -> None:
    for command in ("search", "quotes", "speakers", "stats"):
        fmt = options(command)["--format"]
        assert isinstance(fmt.type, click.Choice) and list(fmt.type.choices) == ["table", "json", "csv"], command
        assert fmt.default == "table", command
    for command in ("search", "quotes", "speakers", "export"):
        found = options(command)
        assert "--limit" in found, command
        helps = [found[name].help for name in FILTERS]
        assert helps == [options("search")[name].help for name in FILTERS], command  # one shared decorator
    assert options("stats")["--site"].help == str(options("export")["--site"].help).replace(
        "Only articles of this site", "Only this site")
    kinds = [list(options(c)["--type"].type.choices) for c in ("quotes", "speakers")]  # type: ignore[attr-defined]
    assert kinds[0] == kinds[1] == list(get_args(SpeakerType))
    assert options("quotes")["--json"].hidden  # the README's old spelling still works, unlisted


def test_tables_have_a_header_row(archive: Archive) -> None:
    searched = run("search", "的", "--db", archive.db_url)
    assert searched.exit_code == 0, searched.output
    assert searched.stdout.splitlines()[0].split() == ["date", "title", "site", "source", "url"]
    quotes = run("quotes", "--db", archive.db_url)
    assert quotes.stdout.splitlines()[0].split() == ["date", "speaker", "type", "cue", "quote", "article"]
    speakers = run("speakers", "--db", archive.db_url)
    assert speakers.stdout.splitlines()[0].split()[:2] == ["quotes", "articles"]


@pytest.mark.parametrize(("command", "noun", "default"), [
    (["search", "的"], "articles", 20), (["quotes"], "quotes", 50), (["speakers"], "speakers", 20)])
def test_limit_says_showing_n_of_m(archive: Archive, command: list[str], noun: str, default: int) -> None:
    everything = run(*command, "--db", archive.db_url, "--format", "json", "--limit", "10000")
    assert everything.exit_code == 0, everything.output
    total = len(everything.stdout.splitlines())
    assert total > 2 and everything.stderr == ""  # json, nothing cut: stdout alone
    assert options(command[0])["--limit"].default == default
    for fmt in ("table", "json", "csv"):
        cut = run(*command, "--db", archive.db_url, "--format", fmt, "--limit", "2")
        assert cut.exit_code == 0, cut.output
        assert f"showing 2 of {total} {noun} (--limit {total} shows all)" in cut.stderr.splitlines()
        rows = cut.stdout.splitlines()
        if fmt == "json":
            assert len(rows) == 2
        elif fmt == "csv":
            assert len(list(csv.DictReader(io.StringIO(cut.stdout)))) == 2
    complete = run(*command, "--db", archive.db_url, "--limit", str(total))
    assert complete.stderr.splitlines()[-1] == f"{total} {noun}"


def test_quotes_take_every_filter_and_every_format(archive: Archive) -> None:
    every = [json.loads(line) for line in run("quotes", "--db", archive.db_url, "--format", "json",
                                              "--limit", "1000").stdout.splitlines()]
    on_sina = [json.loads(line) for line in run("quotes", "--db", archive.db_url, "--format", "json",
                                                "--site", "sina").stdout.splitlines()]
    assert on_sina and len(on_sina) < len(every) and {q["site"] for q in on_sina} == {"sina"}
    until = run("quotes", "--db", archive.db_url, "--format", "json", "--limit", "1000", "--until", "2023-04-15")
    dates = [json.loads(line)["publish_date"] for line in until.stdout.splitlines()]
    assert dates and all(d < "2023-04-15" for d in dates) and len(dates) < len(every)
    source = next(q for q in every if q["speaker"])
    for option in ("--source", "--channel"):
        narrowed = run("quotes", "--db", archive.db_url, option, "没有这个来源或频道", "--format", "json")
        assert narrowed.exit_code == 0 and narrowed.stdout == "" and "no quote" in narrowed.stderr
    as_csv = list(csv.DictReader(io.StringIO(run("quotes", "--db", archive.db_url, "--format", "csv",
                                                 "--limit", "1000").stdout)))
    assert [row["text"] for row in as_csv] == [q["quote_text"] for q in every]
    assert source["article_url"] in {row["article_url"] for row in as_csv}
    unspecified = run("speakers", "--db", archive.db_url, "--type", "unspecified")
    assert unspecified.exit_code == 0  # accepted by both commands now


def test_the_old_json_flag_is_a_deprecated_alias(archive: Archive) -> None:
    old = run("quotes", "--db", archive.db_url, "--json")
    new = run("quotes", "--db", archive.db_url, "--format", "json")
    assert old.exit_code == 0 and old.stdout == new.stdout and old.stdout
    assert old.stderr.splitlines()[0] == "note: --json is deprecated; use --format json"
    clash = run("quotes", "--db", archive.db_url, "--json", "--format", "csv")
    assert clash.exit_code == 2 and clash.stderr == "Error: --json and --format csv disagree: give --format alone\n"


def test_export_reads_its_format_from_the_file_name(archive: Archive, tmp_path: Path) -> None:
    inferred = run("export", "--db", archive.db_url, "--out", str(tmp_path / "a.csv"))
    assert inferred.exit_code == 0, inferred.output
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert run("export", "--db", archive.db_url, "--out", str(tmp_path / "b.parquet")).exit_code == 0
    assert (tmp_path / "b.parquet").read_bytes()[:4] == b"PAR1"
    same = run("export", "--db", archive.db_url, "--format", "json", "--out", str(tmp_path / "c.jsonl"))
    assert same.exit_code == 0 and json.loads((tmp_path / "c.jsonl").read_text().splitlines()[0])["id"]
    for fmt, name in (("csv", "x.parquet"), ("parquet", "x.csv"), ("jsonl", "x.csv")):
        refused = run("export", "--db", archive.db_url, "--format", fmt, "--out", str(tmp_path / name))
        assert refused.exit_code == 2 and refused.stderr.startswith(f"Error: --format {fmt} disagrees with")
        assert refused.stderr.count("\n") == 1
        assert not (tmp_path / name).exists()
    unknown = run("export", "--db", archive.db_url, "--out", str(tmp_path / "x.txt"))
    assert unknown.exit_code == 2 and "give --format jsonl, csv or parquet" in unknown.stderr
    packed = run("export", "--db", archive.db_url, "--out", str(tmp_path / "x.jsonl.gz"))
    assert packed.exit_code == 2 and "does not compress" in packed.stderr
    piped = run("export", "--db", archive.db_url, "--out", "-")
    assert piped.exit_code == 2 and "needs --format jsonl or csv" in piped.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.parquet", "c.jsonl"]


def test_stats_as_csv_is_one_row_per_site(archive: Archive) -> None:
    result = run("stats", "--db", archive.db_url, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["site"] for row in rows] == ["netease", "sina"]
    assert rows[1]["last_run_status"] == "shutdown" and int(rows[0]["archived"]) >= 13


# -- reading never writes ------------------------------------------------------------------------------

READING: list[list[str]] = [["search", "经济"], ["quotes"], ["speakers"], ["stats"],
                            ["export", "--out", "out.csv"], ["browse", "--no-open"], ["reextract"]]
"""Commands that only read the archive (reextract only updates rows it finds)."""


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
@pytest.mark.parametrize("url", ["sqlite:///data/news.db", "sqlite:///elsewhere/deep/news.db"])
def test_reading_a_missing_archive_creates_nothing(command: list[str], url: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*command, "--db", url)
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []  # no data/, no news.db, no out.csv
    error = result.output.strip()
    assert len(error.splitlines()) == 1
    looked_for = tmp_path / url.removeprefix("sqlite:///")
    assert str(looked_for) in error and "--db" in error and "NEWSCRAWLER_DATABASE_URL" in error


def test_the_default_archive_is_not_created_from_another_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEWSCRAWLER_DATABASE_URL"}
    result = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "quotes"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and list(tmp_path.iterdir()) == []
    assert result.stderr == (f"Error: sqlite:///data/news.db ({tmp_path / 'data' / 'news.db'}) holds no archive "
                             "yet: crawl into it (newscrawler demo, newscrawler crawl) or point to your archive "
                             "with --db URL or NEWSCRAWLER_DATABASE_URL\n")


def test_a_postgresql_database_that_does_not_exist_is_named() -> None:
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/newscrawler_no_such_archive"
    for command in READING[:4]:
        result = run(*command, "--db", url)
        assert result.exit_code == 1, (command, result.output)
        error = result.stderr.strip()
        assert len(error.splitlines()) == 1 and "Traceback" not in result.output, command
        if "does not exist" not in error:
            require_service("PostgreSQL", error)
        assert error.startswith(f"Error: cannot read the archive {url}: ") and "--db URL" in error, error


def test_reading_an_empty_database_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()  # a file, but no archive in it: still a one-line error, and the file stays empty
    for command in READING[:4]:
        result = run(*command, "--db", f"sqlite:///{db}")
        assert result.exit_code == 1 and "holds no archive yet" in result.output, command
    assert db.stat().st_size == 0
