"""Tests for pipelines.warc: writing fetches to WARC files, reading them back, rotation, crash recovery.

All pages and headers are written for these tests.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import random
import re
import subprocess
import sys
import zlib
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]

from newscrawler import __version__
from newscrawler.items import Fetch
from pipelines import warc
from pipelines.warc import WarcError, WarcLocation, WarcWriter, iter_records, read_record

REPO = Path(__file__).resolve().parents[1]
SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2023, 4, 17, 9, 12, 0, 250_000, tzinfo=SHANGHAI)  # 2023-04-17T01:12:00.25Z
NAME_RE = re.compile(r"\d{4}/\d{2}/\d{2}/newscrawler-\d{8}T\d{6}Z-\d{5}\.warc\.gz")

PARAS = [
    "市气象台今天发布天气预报，预计明天有小到中雨，气温略有下降。",
    "本地交通部门提醒市民，雨天出行注意安全，合理安排行程。",
    "据了解，今年以来全市新建公园十二个，绿地面积比去年增加了百分之八。",
]


def page(title: str, paras: list[str], charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head>'
            f'<body><div id="content"><h1>{title}</h1>{body}</div></body></html>')


def make_fetch(i: int = 0, *, body: bytes | None = None, at: datetime | None = None, **kw: Any) -> Fetch:
    values: dict[str, Any] = {
        "url": f"http://news.example.cn/2023/0417/c1001-{i}.html",
        "final_url": f"https://news.example.cn/2023/0417/c1001-{i}.html",
        "status": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8", "Server": "nginx", "X-Seq": str(i)},
        "body": page(f"新闻{i}", PARAS).encode("utf-8") if body is None else body,
        "fetched_at": at or T0 + timedelta(seconds=i),
        "request_headers": {"User-Agent": "newscrawler-test", "Accept-Language": "zh-CN,zh;q=0.9"},
    }
    values.update(kw)
    return Fetch(**values)


def assert_same(got: Fetch, want: Fetch) -> None:
    for f in fields(Fetch):
        assert getattr(got, f.name) == getattr(want, f.name), f.name
    assert got.fetched_at.utcoffset() == timedelta(0)
    assert got.fetched_at.tzinfo is UTC


def warc_files(root: Path, pattern: str = "*.warc.gz") -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(pattern))


def b32_sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def sample_fetches() -> list[Fetch]:
    gbk_text = page("朱镕基考察", ["朱镕基同志在座谈会上讲话。", *PARAS], charset="gbk")
    big = (page("长文", PARAS * 4000).encode("utf-8") * 2)[: 2 * 2**20]
    return [
        make_fetch(0),
        make_fetch(1, body=gbk_text.encode("gbk"), headers={"Content-Type": "text/html; charset=GBK"}),
        make_fetch(2, body=b"", status=204, headers={}, request_headers={}),
        make_fetch(3, body=big, status=404, url="https://news.example.cn/old/3.html",
                   at=datetime(2023, 4, 17, 1, 12, 3, tzinfo=UTC)),
        make_fetch(4, headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": 'attachment; filename="二〇二三年工作报告.pdf"',
            # what the spider produces for raw UTF-8 header bytes: the bytes decoded as latin-1
            "X-Title": "新闻".encode().decode("latin-1"),
        }, request_headers={"Referer": "https://news.example.cn/中文频道/"}),
    ]


def test_sample_gbk_page_holds_a_gbk_only_character() -> None:
    body = sample_fetches()[1].body
    assert "镕".encode("gbk") in body
    with pytest.raises(UnicodeEncodeError):
        "镕".encode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_every_field_reads_back_identically(tmp_path: Path) -> None:
    fetches = sample_fetches()
    with WarcWriter(tmp_path) as writer:
        locations = [writer.write(f) for f in fetches]
    assert len(fetches[3].body) == 2 * 2**20
    for location, fetch in zip(locations, fetches, strict=True):
        assert_same(read_record(tmp_path, location), fetch)
        assert_same(read_record(str(tmp_path), str(location)), fetch)
    assert read_record(tmp_path, locations[2]).body == b""
    assert read_record(tmp_path, locations[0]).url != read_record(tmp_path, locations[0]).final_url


def test_file_is_a_standard_warc(tmp_path: Path) -> None:
    fetches = sample_fetches()
    with WarcWriter(tmp_path) as writer:
        locations = [writer.write(f) for f in fetches]
    assert warc_files(tmp_path, "*.open") == []
    [rel] = warc_files(tmp_path)
    assert NAME_RE.fullmatch(rel)
    assert rel == "2023/04/17/newscrawler-20230417T011200Z-00001.warc.gz"  # first record's UTC time
    assert {loc.path for loc in locations} == {rel}

    path = tmp_path / rel
    assert gzip.decompress(path.read_bytes()).startswith(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n")
    records = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream, check_digests="raise")
        for record in iterator:
            block = record.content_stream().read()
            records.append((record, block, iterator.get_record_offset(), iterator.get_record_length()))

    assert [r.rec_type for r, *_ in records] == ["warcinfo"] + ["response", "request"] * len(fetches)
    info, info_block, *_ = records[0]
    assert info.rec_headers.protocol == "WARC/1.1"
    assert info.rec_headers.get_header("WARC-Filename") == path.name
    assert f"software: newscrawler/{__version__}".encode() in info_block
    assert b"format: WARC File Format 1.1" in info_block
    assert b"description: " in info_block

    pairs = [records[i:i + 2] for i in range(1, len(records), 2)]
    for fetch, location, ((resp, body, offset, length), (req, req_block, _, _)) in zip(
            fetches, locations, pairs, strict=True):
        assert resp.rec_headers.get_header("WARC-Target-URI") == fetch.final_url
        assert resp.rec_headers.get_header("WARC-Date") == fetch.fetched_at.astimezone(UTC).strftime(
            "%Y-%m-%dT%H:%M:%S.%fZ").replace(".000000Z", "Z")
        assert resp.rec_headers.get_header("WARC-Payload-Digest") == b32_sha1(fetch.body)
        assert resp.http_headers.get_statuscode() == str(fetch.status)
        assert body == fetch.body
        assert (offset, length) == (location.offset, location.length)
        assert req.rec_headers.get_header("WARC-Concurrent-To") == resp.rec_headers.get_header("WARC-Record-ID")
        assert req.rec_headers.get_header("WARC-Target-URI") == fetch.final_url
        assert req.http_headers.protocol == "GET"
        assert req_block == b""
        assert dict(req.http_headers.headers) == fetch.request_headers


def test_file_being_written_is_open_and_readable(tmp_path: Path) -> None:
    writer = WarcWriter(tmp_path)
    location = writer.write(make_fetch(0))
    assert warc_files(tmp_path) == []
    assert warc_files(tmp_path, "*.warc.gz.open") == [location.path + ".open"]
    assert_same(read_record(tmp_path, location), make_fetch(0))
    assert [loc for loc, _ in iter_records(tmp_path)] == [location]
    writer.close()
    writer.close()  # idempotent
    assert warc_files(tmp_path) == [location.path]
    assert_same(read_record(tmp_path, location), make_fetch(0))
    with pytest.raises(ValueError, match="closed"):
        writer.write(make_fetch(1))


def test_context_manager_finalises_on_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), WarcWriter(tmp_path) as writer:
        location = writer.write(make_fetch(0))
        raise RuntimeError("spider crashed")
    assert warc_files(tmp_path) == [location.path]
    assert warc_files(tmp_path, "*.open") == []


def test_non_ascii_headers_are_utf8_not_percent_encoded(tmp_path: Path) -> None:
    fetch = sample_fetches()[4]
    with WarcWriter(tmp_path) as writer:
        location = writer.write(fetch)
    assert_same(read_record(tmp_path, location), fetch)
    raw = gzip.decompress((tmp_path / location.path).read_bytes())
    assert 'Content-Disposition: attachment; filename="二〇二三年工作报告.pdf"\r\n'.encode() in raw
    assert "Referer: https://news.example.cn/中文频道/\r\n".encode() in raw
    assert b"%E4%BA%8C" not in raw


def test_header_injection_is_neutralised(tmp_path: Path) -> None:
    fetch = make_fetch(0, headers={"X-Note": "a\r\nX-Injected: 1", "Bad:Name": "v", "X-Space": "  padded  "},
                       request_headers={"Cookie": "k=v\nHost: evil"})
    with WarcWriter(tmp_path) as writer:
        location = writer.write(fetch)
    got = read_record(tmp_path, location)
    assert got.headers == {"X-Note": "a  X-Injected: 1", "Bad_Name": "v", "X-Space": "padded"}
    assert got.request_headers == {"Cookie": "k=v Host: evil"}


def test_framing_headers_are_renamed_in_the_archive_and_restored(tmp_path: Path) -> None:
    body = b"5\r\nhello\r\n0\r\n\r\n"  # would be de-chunked to b"hello" under a verbatim Transfer-Encoding
    headers = {"Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Content-Encoding": "gzip",
               "Content-Length": "9999"}
    kept = {"Content-Type": "text/html", "Content-Length": "3", "Content-Encoding": "br",
            "X-Archive-Orig-Content-Encoding": "deflate"}
    with WarcWriter(tmp_path) as writer:
        first = writer.write(make_fetch(0, body=body, headers=headers))
        second = writer.write(make_fetch(1, body=b"abc", headers=kept))
    assert read_record(tmp_path, first).headers == headers
    assert read_record(tmp_path, second).headers == kept

    with (tmp_path / first.path).open("rb") as stream:
        archived = [(r.http_headers.headers, r.rec_headers.get_header(warc.RENAMED_FIELD),
                     # content_stream() decodes per the stored headers, as replay tools do
                     r.content_stream().read() if "chunked" in str(r.http_headers) else r.raw_stream.read())
                    for r in ArchiveIterator(stream) if r.rec_type == "response"]
    (stored, renamed, seen), (stored2, renamed2, seen2) = archived
    assert seen == body  # other tools see the body as archived, not de-chunked
    assert dict(stored) == {"Content-Type": "text/plain", "X-Archive-Orig-Transfer-Encoding": "chunked",
                            "X-Archive-Orig-Content-Encoding": "gzip", "X-Archive-Orig-Content-Length": "9999"}
    assert renamed == "Transfer-Encoding, Content-Encoding, Content-Length"
    assert dict(stored2) == kept  # length matches; the X-Archive-Orig- name is taken
    assert renamed2 is None
    assert seen2 == b"abc"


def test_rotation_by_size(tmp_path: Path) -> None:
    rng = random.Random(7)
    fetches = [make_fetch(i, body=rng.randbytes(20_000)) for i in range(10)]  # incompressible
    max_bytes = 50_000
    with WarcWriter(tmp_path, max_bytes=max_bytes) as writer:
        locations = [writer.write(f) for f in fetches]
    files = warc_files(tmp_path)
    assert len(files) >= 3
    assert [f[-14:-8] for f in files] == [f"-{n:05d}" for n in range(1, len(files) + 1)]
    assert sorted({loc.path for loc in locations}) == files
    for location, fetch in zip(locations, fetches, strict=True):
        assert_same(read_record(tmp_path, location), fetch)
    for rel in files:
        with (tmp_path / rel).open("rb") as stream:
            iterator = ArchiveIterator(stream, check_digests="raise")
            offsets = []
            for record in iterator:
                if record.rec_type == "response":
                    offsets.append(iterator.get_record_offset())
                else:
                    assert record.rec_type in ("warcinfo", "request")
        assert offsets == [loc.offset for loc in locations if loc.path == rel]
        size = (tmp_path / rel).stat().st_size
        if rel != files[-1]:
            assert size >= max_bytes  # rotated only once the limit was reached ...
            assert offsets[-1] < max_bytes  # ... and as soon as it was


def test_rotation_on_utc_day_change(tmp_path: Path) -> None:
    late = datetime(2023, 4, 17, 23, 59, 59, 500_000, tzinfo=UTC)
    fetches = [
        make_fetch(0, at=late),
        make_fetch(1, at=datetime(2023, 4, 18, 7, 59, 59, 900_000, tzinfo=SHANGHAI)),  # still the 17th in UTC
        make_fetch(2, at=datetime(2023, 4, 18, 0, 0, 0, 100, tzinfo=UTC)),
        make_fetch(3, at=late - timedelta(seconds=1)),  # a straggler stays in the open file
    ]
    with WarcWriter(tmp_path) as writer:
        locations = [writer.write(f) for f in fetches]
    assert warc_files(tmp_path) == [
        "2023/04/17/newscrawler-20230417T235959Z-00001.warc.gz",
        "2023/04/18/newscrawler-20230418T000000Z-00001.warc.gz",
    ]
    assert [loc.path[:10] for loc in locations] == ["2023/04/17", "2023/04/17", "2023/04/18", "2023/04/18"]
    for location, fetch in zip(locations, fetches, strict=True):
        assert_same(read_record(tmp_path, location), fetch)


def test_new_writer_continues_the_serial(tmp_path: Path) -> None:
    for _ in range(2):
        with WarcWriter(tmp_path) as writer:
            writer.write(make_fetch(0))
    with WarcWriter(tmp_path, prefix="site-b") as writer:
        writer.write(make_fetch(0))
    assert warc_files(tmp_path) == [
        "2023/04/17/newscrawler-20230417T011200Z-00001.warc.gz",
        "2023/04/17/newscrawler-20230417T011200Z-00002.warc.gz",
        "2023/04/17/site-b-20230417T011200Z-00001.warc.gz",
    ]


def _written(root: Path, count: int) -> tuple[str, list[WarcLocation], list[Fetch]]:
    fetches = [make_fetch(i) for i in range(count)]
    with WarcWriter(root) as writer:
        locations = [writer.write(f) for f in fetches]
    [rel] = warc_files(root)
    return rel, locations, fetches


def _crashed_copy(src: Path, rel: str, dest: Path, size: int | None, tail: bytes = b"") -> Path:
    """The file as a crash would leave it: its first ``size`` bytes (+ ``tail``) under the .open name."""
    target = dest / (rel + ".open")
    target.parent.mkdir(parents=True)
    target.write_bytes((src / rel).read_bytes()[:size] + tail)
    return target


@pytest.mark.parametrize("damage", ["garbage", "cut_in_response", "lone_response", "cut_in_request"])
def test_crash_recovery_keeps_complete_pairs(tmp_path: Path, damage: str) -> None:
    rel, locations, fetches = _written(tmp_path / "a", 4)
    last = locations[-1]
    full = (tmp_path / "a" / rel).stat().st_size
    size, tail, kept = {
        "garbage": (None, b"\x1f\x8b\x08\x00garbage" * 50, 4),
        "cut_in_response": (last.offset + last.length // 2, b"", 3),
        "lone_response": (last.offset + last.length, b"", 3),
        "cut_in_request": (full - 10, b"", 3),
    }[damage]
    root = tmp_path / "b"
    _crashed_copy(tmp_path / "a", rel, root, size, tail)

    assert [loc for loc, _ in iter_records(root)] == locations[:kept]  # tolerated before recovery

    writer = WarcWriter(root)
    assert writer.recovered == [rel]
    assert warc_files(root, "*.open") == []
    assert warc_files(root) == [rel]
    expected_size = full if kept == 4 else last.offset
    assert (root / rel).stat().st_size == expected_size
    for location, fetch in zip(locations[:kept], fetches, strict=False):
        assert_same(read_record(root, location), fetch)
    if kept < 4:
        with pytest.raises(WarcError):
            read_record(root, last)
    with (root / rel).open("rb") as stream:
        types = [r.rec_type for r in ArchiveIterator(stream, check_digests="raise")]
    assert types == ["warcinfo"] + ["response", "request"] * kept

    new = writer.write(make_fetch(9))
    writer.close()
    assert new.path.endswith("-00002.warc.gz")
    assert [f.url for _, f in iter_records(root)] == [f.url for f in fetches[:kept]] + [make_fetch(9).url]


def test_crash_before_first_record_deletes_the_empty_file(tmp_path: Path) -> None:
    rel, _, _ = _written(tmp_path / "a", 1)
    root = tmp_path / "b"
    _crashed_copy(tmp_path / "a", rel, root, 100)
    assert WarcWriter(root).recovered == [rel + ".open"]
    assert list(root.rglob("*.warc.gz*")) == []


@pytest.mark.parametrize("sync_each", [True, False])
def test_crash_of_a_real_process(tmp_path: Path, sync_each: bool) -> None:
    """Every returned location survives a killed process, also when fsync is left to ``sync()``."""
    script = (
        "import os, sys\n"
        "from tests.test_warc import make_fetch\n"
        "from pipelines.warc import WarcWriter\n"
        "writer = WarcWriter(sys.argv[1], sync_each=sys.argv[2] == 'True')\n"
        "for i in range(3):\n"
        "    print(writer.write(make_fetch(i)), flush=True)\n"
        "os._exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(sync_each)], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 3, done.stderr
    printed = done.stdout.split()
    assert len(printed) == 3
    [left] = warc_files(tmp_path, "*.open")
    with (tmp_path / left).open("ab") as stream:  # the crash also left half a record behind
        stream.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n" + b"x" * 5000)[:200])

    writer = WarcWriter(tmp_path)
    writer.close()
    assert warc_files(tmp_path, "*.open") == []
    assert writer.recovered == [left.removesuffix(".open")]
    for i, text in enumerate(printed):
        assert_same(read_record(tmp_path, text), make_fetch(i))


@pytest.mark.skipif(sys.platform == "win32", reason="live files are recognised by flock")
def test_a_live_writers_file_is_not_recovered(tmp_path: Path) -> None:
    live = WarcWriter(tmp_path)
    first = live.write(make_fetch(0))
    other = WarcWriter(tmp_path)
    assert other.recovered == []
    assert warc_files(tmp_path, "*.open") == [first.path + ".open"]
    second = live.write(make_fetch(1))
    live.close()
    other.close()
    assert second.path == first.path
    assert_same(read_record(tmp_path, first), make_fetch(0))
    assert_same(read_record(tmp_path, second), make_fetch(1))


def test_failed_write_is_rolled_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = WarcWriter(tmp_path)
    first = writer.write(make_fetch(0))
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        monkeypatch.setattr(os, "fsync", real_fsync)
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="disk on fire"):
        writer.write(make_fetch(1))
    third = writer.write(make_fetch(2))
    writer.close()
    assert third.path == first.path
    with (tmp_path / first.path).open("rb") as stream:
        iterator = ArchiveIterator(stream, check_digests="raise")
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), iterator.get_record_offset())
                   for r in iterator]
    assert [(kind, uri) for kind, uri, _ in records] == [("warcinfo", None)] + [
        (kind, make_fetch(i).final_url) for i in (0, 2) for kind in ("response", "request")]
    assert records[3][2] == third.offset
    assert_same(read_record(tmp_path, third), make_fetch(2))


def _count_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the descriptor of every ``os.fsync`` call (the real call still happens)."""
    calls: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        calls.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    return calls


def test_sync_each_fsyncs_every_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = WarcWriter(tmp_path)
    writer.write(make_fetch(0))  # creates the file (fsyncs of the file and its folders)
    calls = _count_fsyncs(monkeypatch)
    writer.write(make_fetch(1))
    writer.write(make_fetch(2))
    assert len(calls) == 2
    writer.sync()  # nothing left to do
    assert len(calls) == 2
    writer.close()


def test_deferred_sync_fsyncs_once_per_sync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer = WarcWriter(tmp_path, sync_each=False)
    first = writer.write(make_fetch(0))
    calls = _count_fsyncs(monkeypatch)
    locations = [first] + [writer.write(make_fetch(i)) for i in (1, 2, 3)]
    assert calls == []
    assert_same(read_record(tmp_path, locations[3]), make_fetch(3))  # already readable (flushed)
    writer.sync()
    assert len(calls) == 1
    writer.sync()
    assert len(calls) == 1  # nothing new since
    writer.write(make_fetch(4))
    writer.close()  # the rename fsyncs the file (and its folder)
    assert len(calls) >= 3
    for i, location in enumerate(locations):
        assert_same(read_record(tmp_path, location), make_fetch(i))


def test_records_are_gzip_members_at_level_3(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        location = writer.write(make_fetch(0, body=page("长文", PARAS * 200).encode("utf-8")))
    data = (tmp_path / location.path).read_bytes()
    member = data[location.offset:location.offset + location.length]
    compressor = zlib.compressobj(3, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    assert compressor.compress(gzip.decompress(member)) + compressor.flush() == member


def test_invalid_fetches_are_refused_before_writing(tmp_path: Path) -> None:
    with WarcWriter(tmp_path) as writer:
        with pytest.raises(ValueError, match="timezone-aware"):
            writer.write(make_fetch(0, at=datetime(2023, 4, 17, 9, 0)))
        with pytest.raises(ValueError, match="http"):
            writer.write(make_fetch(0, final_url="ftp://news.example.cn/a"))
        with pytest.raises(ValueError, match="status"):
            writer.write(make_fetch(0, status=42))
    assert list(tmp_path.rglob("*.warc.gz*")) == []
    with pytest.raises(ValueError):
        WarcWriter(tmp_path, prefix="../x")
    with pytest.raises(ValueError):
        WarcWriter(tmp_path, max_bytes=0)


def test_iter_records_order_and_since(tmp_path: Path) -> None:
    day1 = datetime(2023, 4, 17, 10, 0, tzinfo=UTC)
    times = [day1, day1 + timedelta(hours=13, minutes=59), day1 + timedelta(hours=14, seconds=1),
             day1 + timedelta(hours=13, minutes=30)]  # the last is a straggler written into the day-2 file
    with WarcWriter(tmp_path, max_bytes=10**9) as writer:
        written = [(writer.write(make_fetch(i, at=t)), make_fetch(i, at=t)) for i, t in enumerate(times)]
    with WarcWriter(tmp_path) as writer:  # a second file, same day-2 folder, later name
        later = make_fetch(9, at=day1 + timedelta(days=1, hours=1))
        written.append((writer.write(later), later))

    listed = list(iter_records(tmp_path))
    assert [loc for loc, _ in listed] == [loc for loc, _ in written]
    for (loc, got), (_, want) in zip(listed, written, strict=True):
        assert_same(got, want)
        assert loc.length > 0

    since = times[3]  # inclusive; the straggler, on day 1 but in the day-2 folder
    expected = [loc for loc, f in written if f.fetched_at >= since]
    assert len(expected) == 4
    assert [loc for loc, _ in iter_records(tmp_path, since=since)] == expected
    assert [loc for loc, _ in iter_records(tmp_path, since=since.astimezone(SHANGHAI))] == expected
    assert [f.fetched_at for _, f in iter_records(tmp_path, since=times[2])] == [times[2], later.fetched_at]
    assert list(iter_records(tmp_path, since=datetime(2030, 1, 1, tzinfo=UTC))) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        list(iter_records(tmp_path, since=datetime(2023, 4, 17)))

    # folders of days before since's day are not even opened
    with (tmp_path / written[0][0].path).open("ab") as stream:
        stream.write(b"damage")
    assert len(list(iter_records(tmp_path, since=times[2]))) == 2
    with pytest.raises(WarcError):
        list(iter_records(tmp_path, since=times[3]))


def test_iter_records_raises_on_a_damaged_finished_file(tmp_path: Path) -> None:
    rel, _, _ = _written(tmp_path, 2)
    with (tmp_path / rel).open("ab") as stream:
        stream.write(b"not a gzip member")
    with pytest.raises(WarcError):
        list(iter_records(tmp_path))


def test_location_string_round_trip(tmp_path: Path) -> None:
    rel, locations, fetches = _written(tmp_path, 2)
    location = locations[1]
    text = str(location)
    assert text == f"{rel}#{location.offset}"
    assert WarcLocation.parse(text) == WarcLocation(rel, location.offset, -1)
    assert str(WarcLocation.parse(text)) == text
    assert_same(read_record(tmp_path, text), fetches[1])
    for bad in ["no-offset", "a.warc.gz#", "a.warc.gz#-1", "a.warc.gz#x1", "#12", "a.warc.gz#١٢"]:
        with pytest.raises(ValueError):
            WarcLocation.parse(bad)


def test_read_record_rejects_wrong_locations(tmp_path: Path) -> None:
    rel, locations, _ = _written(tmp_path, 2)
    loc = locations[0]
    for bad in [
        WarcLocation("../" + rel, loc.offset, -1),
        WarcLocation("/etc/passwd", 0, -1),
        WarcLocation(rel, loc.offset + 1, -1),  # not a record start
        WarcLocation(rel, 0, -1),  # the warcinfo record
        WarcLocation(rel, loc.offset + loc.length, -1),  # a request record
        WarcLocation(rel, loc.offset, loc.length + 1),  # wrong length
    ]:
        with pytest.raises(WarcError):
            read_record(tmp_path, bad)
    with pytest.raises(FileNotFoundError):
        read_record(tmp_path, WarcLocation("2023/04/17/missing.warc.gz", 0, -1))


def test_tampered_record_is_detected(tmp_path: Path) -> None:
    rel, locations, _ = _written(tmp_path, 2)
    loc = locations[0]
    data = bytearray((tmp_path / rel).read_bytes())
    member = zlib.decompress(bytes(data[loc.offset:loc.offset + loc.length]), wbits=31)
    forged = gzip.compress(member.replace("新闻0".encode(), "新闻9".encode()))
    assert forged != data[loc.offset:loc.offset + loc.length]
    (tmp_path / rel).write_bytes(bytes(data[:loc.offset]) + forged + bytes(data[loc.offset + loc.length:]))
    with pytest.raises(WarcError, match="digest"):
        read_record(tmp_path, str(loc))

    data[loc.offset + loc.length // 2] ^= 0xFF  # bit rot inside the compressed stream
    (tmp_path / rel).write_bytes(bytes(data))
    with pytest.raises(WarcError):
        read_record(tmp_path, loc)


_REFUSING_DISK = """
import os, resource, signal, sys
from datetime import UTC, datetime
from newscrawler.items import Fetch
from pipelines.warc import WarcWriter
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the kernel then refuses writes past the limit with EFBIG
writer = WarcWriter(sys.argv[1], max_bytes=1, sync_each=False)  # a new file for every pair
done = refused = 0
for i in range(30):
    if i == 10:  # the disk fills up: no file may grow past 100 bytes, not even a new file's warcinfo record
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, resource.RLIM_INFINITY))
    try:
        writer.write(Fetch(f"https://a.example/{i}.html", f"https://a.example/{i}.html", 200,
                           {"Content-Type": "text/html"}, os.urandom(3000), datetime(2023, 4, 17, tzinfo=UTC)))
        done += 1
    except OSError:
        refused += 1
writer.close()
print(done, refused)
"""


def test_a_disk_that_refuses_writes_leaves_no_open_files(tmp_path: Path) -> None:
    """Every write past a file size limit (RLIMIT_FSIZE: the kernel refuses it, as a full disk does) fails
    with OSError; the writer settles each file it gave up on at once, so no ``.open`` file is left behind
    (one per refused write before) and every record it reported written reads back."""
    proc = subprocess.run([sys.executable, "-c", _REFUSING_DISK, str(tmp_path)], capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 0, proc.stderr[-3000:]
    done, refused = map(int, proc.stdout.split())
    assert (done, refused) == (10, 20)
    assert not list(tmp_path.rglob("*.open"))
    assert len(list(iter_records(tmp_path))) == done
