"""The newscrawler command: output format, input order, one-line errors, exit codes, URL fetching."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawler.cli import main

from .portal_server import portal

PAGE = (
    "<html><head><meta charset='gb2312'><title>本市今年新开三条地铁线路_本地_某某网</title></head><body>"
    "<h1>本市今年新开三条地铁线路</h1><div class='info'>2023-04-17 09:12 来源：某某日报</div>"
    + "".join(f"<p>记者从市交通委获悉，今年本市将新开通第{i}批地铁线路，总里程超过{i * 10}公里，沿线居民出行更加便捷。</p>"
              for i in range(1, 6))
    + "<p>责任编辑：王敏</p></body></html>"
).encode("gb18030")


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    return path


def test_extract_prints_one_utf8_json_line_per_input(page_file: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(page_file), str(page_file), "--fetched-at", "2023-04-17T12:00"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    record = json.loads(lines[0])
    assert record["title"] == "本市今年新开三条地铁线路"
    assert record["publish_date"] == "2023-04-17T09:12:00+08:00"
    assert record["source"] == "某某日报" and record["editor"] == ["王敏"]
    assert record["encoding"] == "gb18030"
    assert "\\u" not in lines[0] and "本市" in lines[0]


def test_unreadable_input_is_one_line_error_others_still_processed(page_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.html"
    result = CliRunner().invoke(main, ["extract", str(missing), str(page_file)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    assert json.loads(result.stdout)["title"] == "本市今年新开三条地铁线路"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: ") and "missing.html" in errors[0]


def test_url_option_sets_canonical_and_url_dates(page_file: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(page_file), "--url", "https://news.example.cn/a/1.html#top"])
    record = json.loads(result.stdout)
    assert record["url"] == "https://news.example.cn/a/1.html#top"
    assert record["canonical_url"] == "https://news.example.cn/a/1.html"


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--fetched-at", "yesterday"], "not an ISO 8601"), (["--encoding", "no-such-codec"], "unknown encoding")],
)
def test_bad_options_are_one_line_usage_errors(page_file: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["extract", str(page_file), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_encoding_override_wins_unless_it_garbles_the_chinese(page_file: Path) -> None:
    forced = CliRunner().invoke(main, ["extract", str(page_file), "--encoding", "gbk"])
    assert json.loads(forced.stdout)["encoding"] in ("gbk", "gb18030")
    wrong = json.loads(CliRunner().invoke(main, ["extract", str(page_file), "--encoding", "latin-1"]).stdout)
    # Latin-1 would turn the page's GB text into mojibake: the bytes' own clean reading is used instead
    assert wrong["encoding"] == "gb18030" and wrong["title"] == "本市今年新开三条地铁线路"


SITE = {
    "/robots.txt": (b"User-agent: *\nDisallow: /private/\n", "text/plain"),
    "/news/2023-04/17/1.html": (PAGE, "text/html"),  # no charset in the header: the meta says gb2312
}


def test_extract_urls_through_scrapy(page_file: Path) -> None:
    exe = shutil.which("newscrawler") or ""
    cmd = [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]
    with portal(pages=SITE) as site:
        base = site.base
        targets = [f"{base}/news/2023-04/17/1.html", str(page_file), f"{base}/gone.html", f"{base}/private/x.html"]
        proc = subprocess.run([*cmd, "extract", *targets], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == 2
    fetched = json.loads(out[0])
    assert fetched["url"] == targets[0] and fetched["title"] == "本市今年新开三条地铁线路"
    assert fetched["encoding"] == "gb18030"
    errors = proc.stderr.strip().splitlines()
    assert any("gone.html: HTTP 404" in e for e in errors)
    assert any("private/x.html" in e and "robots.txt" in e for e in errors), errors
    assert site.hits["/private/x.html"] == 0
