"""The raw-exchange archive: ``Fetch`` records in gzip WARC 1.1 files, and reading them back.

``WarcWriter`` appends one *response* record and one *request* record
(``WARC-Concurrent-To`` the response) per fetch, each record its own gzip
member, so any standard WARC tool (warcio, pywb, the ``warc`` CLIs) can read
the files and seek to a single record. ``write`` returns a ``WarcLocation``
(``path#offset`` of the response record, path relative to the archive root);
``read_record`` turns a location back into the identical ``Fetch`` and
``iter_records`` walks the whole archive.

Layout and naming::

    <root>/<YYYY>/<MM>/<DD>/<prefix>-<YYYYmmddTHHMMSSZ>-<serial>.warc.gz

The day folder and the timestamp are those of the first record's ``fetched_at``
(UTC); the serial (5 digits, widening past 99999) is one more than the largest
serial of that prefix already in the folder, so names never collide across
runs. A file being written ends in ``.warc.gz.open`` and is renamed to
``.warc.gz`` when it is closed or rotated, so a file with the final name is
always complete. A file is rotated when, after a write, it has reached
``max_bytes`` (so a file exceeds the limit by at most one record pair), and
before a write whose ``fetched_at`` falls on a later UTC day than the file's
folder. A record from an *earlier* day than the open file (a straggler around
midnight) stays in the open file: every record in folder ``D`` was therefore
fetched on day ``D`` or before, which ``iter_records(since=...)`` relies on to
skip whole folders.

Every file starts with a ``warcinfo`` record (software, format, conformsTo,
description). Each record is its own gzip member, compressed at level 3
(``COMPRESSION_LEVEL``: zlib's fast levels 1-3 take half the time of level 6 on
news pages for files ~10 % larger; warcio's writer always uses 9, slower still for
files under 1 % smaller than level 6), and both members of a pair reach the file in one
write.

Durability. Each ``write`` hands the pair to the operating system before it
returns (``flush``), so a returned location survives a crash of the process
(``kill -9``). Surviving a crash of the machine (power cut, kernel panic) needs an
``fsync``: by default (``sync_each=True``) every ``write`` fsyncs before it
returns; a writer made with ``sync_each=False`` fsyncs only in ``sync()``, on
rotation and in ``close()``, and its caller calls ``sync()`` before it relies on
the locations written so far (the crawl's store stage does so before each
database commit, so a committed row never points at a record a power cut could
lose). The folder is fsynced whenever a file is created or renamed.

Crash recovery (``WarcWriter.__init__``): every ``*.warc.gz.open`` file under
the root that no live writer holds (writers keep an exclusive ``flock`` on their
open file; on Windows, where there is no ``flock``, a root must have a single
writer) is scanned member by member. Each gzip member must decompress to its
end and hold exactly one WARC record whose length and digests check out.
The file is truncated after the last complete *request/response pair* (a
response whose request record is missing is dropped too: ``write`` had not
returned for it), fsynced and renamed to ``.warc.gz``. A file in which not even
the ``warcinfo`` record is complete holds nothing and is deleted. What was done
is logged and listed in ``WarcWriter.recovered``.

What is archived, and how it differs from the wire:

* The response block is ``HTTP/1.1 <status> <reason>``, the response headers
  and the body exactly as given (the body the HTTP client delivered, i.e. after
  it removed chunking and content coding). ``Fetch`` does not carry the HTTP
  version, so ``HTTP/1.1`` is written; the reason phrase is the standard one.
* So that the stored HTTP message is self-consistent for other tools,
  ``Content-Encoding`` and ``Transfer-Encoding`` headers, and a
  ``Content-Length`` that differs from the stored body's length, are written as
  ``X-Archive-Orig-<Name>`` and listed in the record's
  ``Newscrawler-Renamed-Headers`` field; ``read_record`` renames them back. (A
  header is kept as it is if the ``X-Archive-Orig-`` name is already taken.)
* Header names and values are written as UTF-8 (not percent-encoded as warcio
  would do), which warcio's reader decodes back to the same strings. Note that
  the fetch spider decodes header bytes as latin-1, so a non-ASCII header byte
  ``0xE6`` is the character U+00E6 and is stored as UTF-8 ``C3 A6``;
  ``value.encode("latin-1")`` on a value read back gives the wire bytes.
  Characters that cannot be stored in a header line are replaced: CR and LF in
  names and values by a space (no header injection), ``:`` in names by ``_``,
  lone surrogates by ``?``; surrounding whitespace (not part of an HTTP field
  value) is stripped. Headers read back equal the headers written in every
  other case.
* The request block is ``GET <path?query of final_url> HTTP/1.1`` plus the
  request headers as given (``Fetch`` holds neither the method nor a Host
  header, and none is added).
* ``WARC-Target-URI`` of both records is ``final_url``; the requested URL (before
  redirects) is the response record's ``Newscrawler-Requested-URI`` field.
  Whitespace and control characters in URLs (never present in URLs from Scrapy)
  are percent-encoded, since a WARC field cannot hold them; URLs must be
  ``http:``/``https:`` with a lower-case scheme, else ``write`` raises
  ``ValueError``.
* ``WARC-Date`` is ``fetched_at`` in UTC with microseconds (WARC 1.1); it is read
  back as an aware UTC datetime equal to the one written.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import threading
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from http import HTTPStatus
from importlib import metadata
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.recordbuilder import RecordBuilder  # type: ignore[import-untyped]
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.timeutils import iso_date_to_datetime  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from newscrawler.items import Fetch

try:  # the installed distribution's version: pipelines import nothing from newscrawler but the item contract
    NEWSCRAWLER_VERSION = _dist_version("newscrawler")
except PackageNotFoundError:  # running from a source tree that was never installed
    NEWSCRAWLER_VERSION = "unknown"

if sys.platform != "win32":
    import fcntl

__all__ = ["WarcError", "WarcLocation", "WarcWriter", "iter_records", "read_record"]

logger = logging.getLogger(__name__)

WARC_SUFFIX = ".warc.gz"
OPEN_SUFFIX = ".open"
REQUESTED_URI_FIELD = "Newscrawler-Requested-URI"
"""Response-record field: the URL that was requested (``Fetch.url``), before redirects."""
RENAMED_FIELD = "Newscrawler-Renamed-Headers"
"""Response-record field: comma-separated names of the headers stored as ``X-Archive-Orig-<name>``."""
ORIG_PREFIX = "X-Archive-Orig-"

_WARC_VERSION = "1.1"
COMPRESSION_LEVEL = 3
"""zlib level of every gzip member (1 fastest … 9 smallest)."""
_READ_CHUNK = 1 << 18
_NAME_RE = re.compile(r"(?P<prefix>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<serial>\d{5,})\.warc\.gz(?:\.open)?")
_PREFIX_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_DAY_RE = re.compile(r"\d{4}/\d{2}/\d{2}")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
_OFFSET_RE = re.compile(r"[0-9]+")


class WarcError(ValueError):
    """An archive file or location that cannot be read as a newscrawler WARC record."""


@dataclass(frozen=True, slots=True)
class WarcLocation:
    """Where a response record is: file (relative to the archive root), byte offset, compressed length.

    ``str()`` gives ``path#offset`` (the form stored in the database);
    ``parse`` reads it back with ``length = -1`` (unknown), which ``read_record``
    accepts: a record is self-delimiting, the length is only checked when known.
    """

    path: str
    offset: int
    length: int

    def __str__(self) -> str:
        return f"{self.path}#{self.offset}"

    @classmethod
    def parse(cls, text: str) -> WarcLocation:
        """``"path#offset"`` -> location with unknown length (-1); ``ValueError`` if malformed."""
        path, sep, offset = text.rpartition("#")
        if not sep or not path or not _OFFSET_RE.fullmatch(offset):
            raise ValueError(f"not a WARC location (path#offset): {text!r}")
        return cls(path, int(offset), -1)


# --------------------------------------------------------------------------- writing


class _Utf8Headers(StatusAndHeaders):  # type: ignore[misc]
    """warcio's status line + headers, serialised as UTF-8 instead of percent-encoding non-ASCII values."""

    def compute_headers_buffer(self, header_filter: Any = None) -> None:
        self.headers_buff = self.to_bytes(header_filter, encoding="utf-8")


class _Members:
    """warcio's record serialisation (digests, Content-Length, field order), each record one gzip member.

    Records are serialised uncompressed into memory by warcio's public ``WARCWriter.write_record``
    (``gzip=False``) and compressed here in one call at ``COMPRESSION_LEVEL`` (warcio's own gzip wrapper
    hardcodes level 9). Each call has its own buffer: ``member`` is called from several threads.
    """

    def member(self, record: Any) -> bytes:
        buffer = io.BytesIO()
        WARCWriter(buffer, gzip=False, warc_version=_WARC_VERSION).write_record(record)
        compressor = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        return compressor.compress(buffer.getbuffer()) + compressor.flush()


class WarcWriter:
    """Appends request/response record pairs to rotating gzip WARC 1.1 files under ``root``.

    See the module documentation for the layout, rotation, durability, crash
    recovery and the exact bytes written. ``write`` is thread-safe (records are
    built and compressed outside the lock). After ``close`` (or leaving a
    ``with`` block) ``write`` raises ``ValueError``. ``sync_each=False`` defers
    fsync to ``sync()`` (see Durability in the module documentation).
    ``recovered`` lists what the constructor's crash recovery did, as
    root-relative paths: the final ``.warc.gz`` name of each file it finalised,
    and the ``.warc.gz.open`` name of each file it deleted (nothing complete).
    """

    def __init__(self, root: str | Path, max_bytes: int = 100 * 2**20, prefix: str = "newscrawler",
                 *, sync_each: bool = True) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if not _PREFIX_RE.fullmatch(prefix):
            raise ValueError(f"prefix must be letters, digits, '.', '_' or '-': {prefix!r}")
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.sync_each = sync_each
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._builder = RecordBuilder(warc_version=_WARC_VERSION)
        self._members = _Members()
        self._file: IO[bytes] | None = None
        self._unsynced = False
        self._open_path = self.root
        self._rel = ""
        self._day = date.min
        self._closed = False
        self.recovered: list[str] = self._recover()

    # -- public API

    def write(self, fetch: Fetch) -> WarcLocation:
        """Append ``fetch`` as a response record and its request record.

        On return the pair survives a crash of the process, and with
        ``sync_each`` (the default) also a crash of the machine; otherwise that
        takes ``sync()``. Raises ``ValueError`` (before anything is written) if
        ``fetched_at`` is naive, a URL is not http(s) or the status is not a
        3-digit code. If writing fails, the file is cut back to where the pair
        started.
        """
        when = _as_utc(fetch.fetched_at, "fetched_at")
        response, request = self._build(fetch, when)
        first = self._members.member(response)
        pair = first + self._members.member(request)
        with self._lock:
            if self._closed:
                raise ValueError("write to a closed WarcWriter")
            if self._file is not None and when.date() > self._day:
                self._finish()
            if self._file is None:
                self._start(when)
            file = self._file
            assert file is not None
            rel = self._rel
            start = file.tell()
            try:
                file.write(pair)
                file.flush()
                if self.sync_each:
                    os.fsync(file.fileno())
                else:
                    self._unsynced = True
            except BaseException:
                self._rollback(start)
                raise
            if start + len(pair) >= self.max_bytes:
                self._finish()
            return WarcLocation(rel, start, len(first))

    def sync(self) -> None:
        """fsync what was written since the last sync, so every location returned so far survives a
        crash of the machine. Cheap when there is nothing new. An ``OSError`` from the disk is raised."""
        with self._lock:
            if self._file is not None and self._unsynced:
                os.fsync(self._file.fileno())
                self._unsynced = False

    def close(self) -> None:
        """Finish the current file (fsync, rename to ``.warc.gz``). Idempotent. If the disk refuses the
        fsync, the file is settled as crash recovery would (cut to its last complete pair, renamed), so no
        ``.open`` file outlives the writer; the error is raised."""
        with self._lock:
            self._closed = True
            try:
                self._finish()
            except OSError:
                self._abandon()
                raise

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- records

    def _build(self, fetch: Fetch, when: datetime) -> tuple[Any, Any]:
        target = _warc_uri(fetch.final_url)
        requested = _warc_uri(fetch.url)
        warc_date = _warc_date(when)
        response_id = _record_id()
        headers, renamed = _response_headers(fetch.headers, len(fetch.body))
        fields = {
            "WARC-Type": "response",
            "WARC-Record-ID": response_id,
            "WARC-Date": warc_date,
            "WARC-Target-URI": target,
            REQUESTED_URI_FIELD: requested,
        }
        if renamed:
            fields[RENAMED_FIELD] = ", ".join(renamed)
        response = self._builder.create_warc_record(
            target, "response", payload=io.BytesIO(fetch.body), length=len(fetch.body),
            warc_headers_dict=fields,
            http_headers=_Utf8Headers(_status_line(fetch.status), headers, protocol="HTTP/1.1"))
        parts = urlsplit(target)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = self._builder.create_warc_record(
            target, "request", payload=io.BytesIO(b""), length=0,
            warc_headers_dict={
                "WARC-Type": "request",
                "WARC-Record-ID": _record_id(),
                "WARC-Date": warc_date,
                "WARC-Target-URI": target,
                "WARC-Concurrent-To": response_id,
            },
            http_headers=_Utf8Headers(f"{path} HTTP/1.1", _clean_headers(fetch.request_headers), protocol="GET"))
        return response, request

    # -- files

    def _start(self, when: datetime) -> None:
        """Create and lock a new ``.open`` file for ``when``'s day and write its warcinfo record."""
        folder = self.root / f"{when:%Y}" / f"{when:%m}" / f"{when:%d}"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = f"{when:%Y%m%dT%H%M%SZ}"
        serial = _next_serial(folder, self.prefix)
        while True:
            name = f"{self.prefix}-{stamp}-{serial:05d}{WARC_SUFFIX}"
            open_path = folder / (name + OPEN_SUFFIX)
            serial += 1
            if (folder / name).exists():
                continue
            try:
                fd = os.open(open_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
            except FileExistsError:
                continue
            file = os.fdopen(fd, "wb")
            _lock(file, blocking=True)
            if _same_file(file, open_path):
                break
            file.close()  # a concurrent recovery deleted the empty file before we locked it

        self._file = file
        self._open_path = open_path
        self._rel = open_path.relative_to(self.root).as_posix()[: -len(OPEN_SUFFIX)]
        self._day = when.date()
        try:
            file.write(self._members.member(self._builder.create_warcinfo_record(name, _warcinfo_fields())))
            file.flush()
            os.fsync(file.fileno())
            for directory in (folder, *folder.parents):
                _fsync_dir(directory)
                if directory == self.root:
                    break
        except BaseException:
            self._abandon()
            raise

    def _finish(self) -> None:
        """fsync, rename ``.open`` -> ``.warc.gz`` (still holding the lock), close."""
        file = self._file
        if file is None:
            return
        file.flush()
        os.fsync(file.fileno())
        final = self._open_path.with_name(self._open_path.name[: -len(OPEN_SUFFIX)])
        os.rename(self._open_path, final)
        _fsync_dir(final.parent)
        file.close()
        self._file = None
        self._unsynced = False

    def _rollback(self, start: int) -> None:
        """Cut the open file back to ``start`` after a failed write; abandon the file if that fails too."""
        file = self._file
        assert file is not None
        try:
            file.seek(start)
            file.truncate()
            file.flush()
            os.fsync(file.fileno())
            self._unsynced = False
        except OSError as exc:  # a full disk: expected, one line (the settling below logs what it did)
            logger.warning("cannot cut %s back to %d (%s); settling it", self._open_path, start, exc)
            self._abandon()

    def _abandon(self) -> None:
        """Drop the open file and settle it at once as crash recovery does (cut back to its last complete
        pair and renamed to ``.warc.gz``, or deleted when it holds none): a disk that refuses every write
        (full) would otherwise leave one ``.open`` file per attempted write."""
        file, self._file = self._file, None
        if file is None:
            return
        try:
            file.close()
        except OSError as exc:  # what it could not write is cut off by the settling
            logger.warning("closing abandoned %s: %s", self._open_path, exc)
        try:
            self._settle(self._open_path)
        except OSError as exc:
            logger.error("cannot settle abandoned %s (%s); the next writer's recovery will", self._open_path, exc)

    def _recover(self) -> list[str]:
        done: list[str] = []
        for path in sorted(self.root.rglob(f"*{WARC_SUFFIX}{OPEN_SUFFIX}")):
            settled = self._settle(path)
            if settled is not None:
                done.append(settled)
        return done

    def _settle(self, path: Path) -> str | None:
        """Finalise or delete one ``.open`` file no writer holds (see Crash recovery): the root-relative name
        it ends with (``.open`` when deleted), or None when it was left alone."""
        rel = path.relative_to(self.root).as_posix()
        try:
            file = open(path, "r+b")  # noqa: SIM115 (closed below on every path)
        except FileNotFoundError:
            return None  # finalised by another process meanwhile
        with file:
            if not _lock(file, blocking=False) or not _same_file(file, path):
                logger.info("%s is being written by another writer; left alone", rel)
                return None
            size = os.fstat(file.fileno()).st_size
            end = _complete_prefix(file)
            if end == 0:
                path.unlink()
                _fsync_dir(path.parent)
                logger.warning("deleted %s: no complete record in it (%d bytes)", rel, size)
                return rel
            if end < size:
                file.truncate(end)
                logger.warning("truncated %s from %d to %d bytes (incomplete last record)", rel, size, end)
            os.fsync(file.fileno())
            final = path.with_name(path.name[: -len(OPEN_SUFFIX)])
            if final.exists():
                logger.error("cannot finalise %s: %s exists", rel, final.name)
                return None
            os.rename(path, final)
            _fsync_dir(path.parent)
            logger.warning("finalised %s (written before a crash or a failed write)", rel[: -len(OPEN_SUFFIX)])
            return rel[: -len(OPEN_SUFFIX)]


def _warcinfo_fields() -> dict[str, str]:
    try:
        warcio_version = metadata.version("warcio")
    except metadata.PackageNotFoundError:  # pragma: no cover
        warcio_version = "unknown"
    return {
        "software": f"newscrawler/{NEWSCRAWLER_VERSION} (warcio/{warcio_version})",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "description": (
            "Chinese news pages fetched by newscrawler. Response bodies are stored as the HTTP client "
            "delivered them (chunking and content coding removed); Content-Encoding, Transfer-Encoding "
            f"and a mismatching Content-Length are stored as {ORIG_PREFIX}<name> and listed in "
            f"{RENAMED_FIELD}; {REQUESTED_URI_FIELD} is the URL requested before redirects; "
            "header text is UTF-8."
        ),
    }


def _record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def _as_utc(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware: {moment!r}")
    return moment.astimezone(UTC)


def _warc_date(moment: datetime) -> str:
    text = f"{moment:%Y-%m-%dT%H:%M:%S}"
    if moment.microsecond:
        text += f".{moment.microsecond:06d}"
    return text + "Z"


def _warc_uri(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"only http:// and https:// URLs can be archived: {url!r}")
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


def _status_line(status: int) -> str:
    if not 100 <= status <= 999:
        raise ValueError(f"not an HTTP status code: {status!r}")
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    return f"{status} {reason}"


def _clean_name(name: str) -> str:
    cleaned = name.replace("\r", " ").replace("\n", " ").replace(":", "_").strip()
    return _encodable(cleaned) or "_"


def _clean_value(value: str) -> str:
    return _encodable(value.replace("\r", " ").replace("\n", " ").strip())


def _encodable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def _clean_headers(headers: dict[str, str]) -> list[tuple[str, str]]:
    return [(_clean_name(name), _clean_value(value)) for name, value in headers.items()]


def _response_headers(headers: dict[str, str], body_length: int) -> tuple[list[tuple[str, str]], list[str]]:
    """Headers to store, with framing headers that no longer describe the body renamed; and the renamed names."""
    cleaned = _clean_headers(headers)
    taken = {name.lower() for name, _ in cleaned}
    stored: list[tuple[str, str]] = []
    renamed: list[str] = []
    for name, value in cleaned:
        lower = name.lower()
        stale = lower in ("content-encoding", "transfer-encoding") or (
            lower == "content-length" and value != str(body_length))
        target = ORIG_PREFIX + name
        if stale and target.lower() not in taken:
            taken.add(target.lower())
            stored.append((target, value))
            renamed.append(name)
        else:
            stored.append((name, value))
    return stored, renamed


def _next_serial(folder: Path, prefix: str) -> int:
    serials = [int(m["serial"]) for p in folder.iterdir()
               if (m := _NAME_RE.fullmatch(p.name)) and m["prefix"] == prefix]
    return max(serials, default=0) + 1


def _lock(file: IO[bytes], *, blocking: bool) -> bool:
    """Exclusive advisory lock on ``file`` (released when it is closed); False if held elsewhere."""
    if sys.platform == "win32":  # pragma: no cover
        return True
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _same_file(file: IO[bytes], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(file.fileno()), os.stat(path))
    except FileNotFoundError:
        return False


def _fsync_dir(path: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- reading


class _Truncated(Exception):
    """A gzip member cut short by the end of the file."""


@dataclass(slots=True)
class _Record:
    offset: int
    length: int
    type: str
    id: str
    concurrent_to: str | None
    target_uri: str
    requested_uri: str | None
    renamed: list[str]
    date: datetime
    status: int | None
    headers: list[tuple[str, str]]
    body: bytes


def _members(file: IO[bytes], offset: int) -> Iterator[tuple[int, int, bytes]]:
    """(offset, compressed length, decompressed bytes) of each gzip member from ``offset`` on.

    Raises ``_Truncated`` if the file ends inside a member and ``WarcError`` if
    the bytes at a member start are not gzip.
    """
    file.seek(offset)
    pending = b""  # bytes read past the end of the previous member
    while True:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        parts: list[bytes] = []
        consumed = 0
        while not inflater.eof:
            chunk, pending = pending or file.read(_READ_CHUNK), b""
            if not chunk:
                if consumed == 0:
                    return
                raise _Truncated(f"gzip member at {offset} is cut short by the end of the file")
            try:
                parts.append(inflater.decompress(chunk))
            except zlib.error as exc:
                raise WarcError(f"no valid gzip member at offset {offset}: {exc}") from exc
            consumed += len(chunk)
        pending = inflater.unused_data
        length = consumed - len(pending)
        yield offset, length, b"".join(parts)
        offset += length


def _parse_record(offset: int, length: int, data: bytes) -> _Record:
    """Parse one decompressed member with warcio; it must hold exactly one complete record with valid digests."""
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(data), check_digests="raise")))
        http = record.http_headers
        body = record.raw_stream.read()
        fields = record.rec_headers
        content_length = int(fields.get_header("Content-Length"))
        header_end = data.index(b"\r\n\r\n") + 4
        if len(data) != header_end + content_length + 4 or not data.endswith(b"\r\n\r\n"):
            raise WarcError(f"record at {offset}: Content-Length {content_length} does not match its member")
        status = int(http.get_statuscode()) if record.rec_type == "response" and http else None
        renamed = fields.get_header(RENAMED_FIELD) or ""
        return _Record(
            offset=offset, length=length, type=record.rec_type, id=fields.get_header("WARC-Record-ID") or "",
            concurrent_to=fields.get_header("WARC-Concurrent-To"),
            target_uri=fields.get_header("WARC-Target-URI") or "",
            requested_uri=fields.get_header(REQUESTED_URI_FIELD),
            renamed=[name.strip() for name in renamed.split(",") if name.strip()],
            date=iso_date_to_datetime(fields.get_header("WARC-Date"), tz_aware=True),
            status=status, headers=list(http.headers) if http else [], body=body)
    except WarcError:
        raise
    except Exception as exc:  # warcio raises assorted types on malformed input
        raise WarcError(f"unreadable WARC record at offset {offset}: {exc!r}") from exc


def _records(file: IO[bytes], offset: int, *, tolerant: bool) -> Iterator[_Record]:
    """Records from ``offset`` on; ``tolerant`` stops quietly at a truncated or corrupt tail (files being written)."""
    members = _members(file, offset)
    while True:
        try:
            member = next(members, None)
            if member is None:
                return
            record = _parse_record(*member)
        except (_Truncated, WarcError) as exc:
            if tolerant:
                return
            raise WarcError(str(exc)) from exc
        yield record


def _fetch(response: _Record, request: _Record) -> Fetch:
    if response.status is None:
        raise WarcError(f"response record at {response.offset} has no HTTP status line")
    restore = {ORIG_PREFIX + name: name for name in response.renamed}
    return Fetch(
        url=response.requested_uri or response.target_uri,
        final_url=response.target_uri,
        status=response.status,
        headers={restore.get(name, name): value for name, value in response.headers},
        body=response.body,
        fetched_at=response.date,
        request_headers=dict(request.headers),
    )


def _pairs(file: IO[bytes], *, tolerant: bool) -> Iterator[tuple[_Record, Fetch]]:
    """(response record, fetch) for every response/request pair in the file; other records are skipped."""
    pending: _Record | None = None
    for record in _records(file, 0, tolerant=tolerant):
        if pending is not None:
            if record.type != "request" or record.concurrent_to != pending.id:
                raise WarcError(f"response record at {pending.offset} is not followed by its request record")
            yield pending, _fetch(pending, record)
            pending = None
        elif record.type == "response":
            pending = record
    if pending is not None and not tolerant:
        raise WarcError(f"response record at {pending.offset} is not followed by its request record")


def _complete_prefix(file: IO[bytes]) -> int:
    """Byte length of the file's longest prefix made of a warcinfo record and complete pairs."""
    end = 0
    pending: str | None = None
    for record in _records(file, 0, tolerant=True):
        if record.type == "warcinfo" and pending is None:
            end = record.offset + record.length
        elif record.type == "response" and pending is None:
            pending = record.id
        elif record.type == "request" and pending is not None and record.concurrent_to == pending:
            end = record.offset + record.length
            pending = None
        else:
            break
    return end


def _resolve(root: Path, rel: str) -> Path:
    parts = PurePosixPath(rel)
    if parts.is_absolute() or ".." in parts.parts or not rel.endswith(WARC_SUFFIX):
        raise WarcError(f"not a WARC path inside the archive: {rel!r}")
    return root.joinpath(*parts.parts)


def _open_warc(path: Path) -> tuple[IO[bytes], bool]:
    """Open the finished file, or its ``.open`` form while it is being written; (file, is_open_form)."""
    for _ in range(2):  # the .open file may be renamed between the two attempts
        try:
            return open(path, "rb"), False  # returned to the caller
        except FileNotFoundError:
            pass
        try:
            return open(path.with_name(path.name + OPEN_SUFFIX), "rb"), True
        except FileNotFoundError:
            pass
    raise FileNotFoundError(f"no WARC file {path}")


def read_record(root: str | Path, location: WarcLocation | str) -> Fetch:
    """The ``Fetch`` archived at ``location`` (a ``WarcLocation`` or its ``path#offset`` string).

    Seeks to the offset and parses the response record and the request record
    after it with warcio's ``ArchiveIterator``, checking their digests. Returns
    url, final_url, status, headers, request headers and body exactly as they
    were written (see the module documentation for the few header characters
    that are replaced) and ``fetched_at`` as an aware UTC datetime. Works on a
    file still being written. Raises ``WarcError`` if the location does not
    point at a complete response/request pair (or its known length differs)
    and ``FileNotFoundError`` if the file does not exist.
    """
    where = WarcLocation.parse(location) if isinstance(location, str) else location
    file, _ = _open_warc(_resolve(Path(root), where.path))
    with file:
        records = _records(file, where.offset, tolerant=False)
        response = next(records, None)
        if response is None or response.type != "response":
            raise WarcError(f"{where}: no response record there")
        if where.length >= 0 and response.length != where.length:
            raise WarcError(f"{where}: record is {response.length} bytes long, location says {where.length}")
        request = next(records, None)
        if request is None or request.type != "request" or request.concurrent_to != response.id:
            raise WarcError(f"{where}: response record is not followed by its request record")
        return _fetch(response, request)


def read_following(root: str | Path, location: WarcLocation | str, urls: list[str]) -> list[Fetch]:
    """The responses archived right after the one at ``location`` whose URLs are ``urls``, in that order.

    The later pages of a split article are written directly after its first page (``ArchiveRawPage``),
    so they are read from the same file, starting after the first pair; a page whose record is not
    there ends the list (what was found is returned). Raises like :func:`read_record`.
    """
    where = WarcLocation.parse(location) if isinstance(location, str) else location
    wanted = list(urls)
    found: list[Fetch] = []
    if not wanted:
        return found
    file, _ = _open_warc(_resolve(Path(root), where.path))
    with file:
        records = _records(file, where.offset, tolerant=True)
        pending: _Record | None = None
        for record in records:
            if record.offset == where.offset:
                continue
            if record.type == "response":
                pending = record
                continue
            if record.type != "request" or pending is None or record.concurrent_to != pending.id:
                continue
            fetch = _fetch(pending, record)
            pending = None
            if wanted[len(found)] not in (fetch.url, fetch.final_url):
                break  # another item's page: ours are not (all) here
            found.append(fetch)
            if len(found) == len(wanted):
                break
    return found


def _folder_day(rel: str) -> date | None:
    folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
    if not _DAY_RE.fullmatch(folder):
        return None
    try:
        return date(int(folder[:4]), int(folder[5:7]), int(folder[8:10]))
    except ValueError:
        return None


def iter_records(root: str | Path, since: datetime | None = None) -> Iterator[tuple[WarcLocation, Fetch]]:
    """Every archived response under ``root`` with its location, optionally only those fetched at/after ``since``.

    Files are taken in order of their root-relative path (day folder, then file
    name, i.e. the time of their first record) and records in file order.
    Files still being written (``.open``) are included up to their last
    complete pair and reported under their final name, as ``write`` does.
    Folders of days before ``since``'s UTC day are skipped unread (they can only
    hold earlier records). A corrupt finished file raises ``WarcError``;
    ``since`` must be timezone-aware.
    """
    base = Path(root)
    cutoff = _as_utc(since, "since") if since is not None else None
    files: dict[str, bool] = {}  # final relative path -> only an .open file exists
    for path in base.rglob(f"*{WARC_SUFFIX}*"):
        rel = path.relative_to(base).as_posix()
        if rel.endswith(WARC_SUFFIX + OPEN_SUFFIX):
            files.setdefault(rel[: -len(OPEN_SUFFIX)], True)
        elif rel.endswith(WARC_SUFFIX):
            files[rel] = False
    for rel in sorted(files):
        day = _folder_day(rel)
        if cutoff is not None and day is not None and day < cutoff.date():
            continue
        try:
            file, is_open = _open_warc(_resolve(base, rel))
        except FileNotFoundError:
            continue  # deleted by a recovering writer meanwhile
        with file:
            for response, fetch in _pairs(file, tolerant=is_open):
                if cutoff is None or fetch.fetched_at >= cutoff:
                    yield WarcLocation(rel, response.offset, response.length), fetch
