"""Read and validate site profiles (TOML files, one per site).

Every error is a :class:`ProfileError` whose message is one line naming the file and the key::

    sites/people.toml: key 'delay': expected a number, got 'abc'
    sites/people.toml: unknown key 'dealy' (did you mean 'delay'?)

``load_profiles`` reads the shipped directory (:data:`SHIPPED_DIR`) and then the user directories it
is given, in order; a later directory overrides an earlier one site by site (by ``name``). The
caller reads ``NEWSCRAWLER_SITES_DIR`` (``os.pathsep``-separated, see :func:`split_sites_dirs`);
nothing here reads the environment, the network or a crawler.
"""

from __future__ import annotations

import codecs
import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from newscrawler.extract.selectors import is_xpath

from .profile import ProfileError, SiteProfile, host_of

__all__ = [
    "SHIPPED_DIR",
    "adhoc_profile",
    "is_xpath",
    "load_profile",
    "load_profiles",
    "parse_duration",
    "profile_for_url",
    "profile_from_dict",
    "split_sites_dirs",
]

SHIPPED_DIR = Path(__file__).with_name("profiles")
"""The profiles that ship inside the package (``newscrawler/sites/profiles/*.toml``)."""

KNOWN_KEYS = (
    "name", "title", "domains", "start_urls", "feeds", "sitemaps", "article_patterns", "list_patterns",
    "exclude_patterns", "depth", "delay", "concurrency", "interval", "selectors", "encoding", "watch",
)
WATCH_KEYS = ("intervals", "max_articles")
"""Keys of a profile's ``[watch]`` table (docs/watching.md)."""
SOURCE_KEYS = ("start_urls", "feeds", "sitemaps")
SELECTOR_KEYS = ("title", "body", "date")

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
_HOST_LABELS = re.compile(r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\Z")
_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhdw])", re.I)
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


# --------------------------------------------------------------------------- small helpers


def _show(value: Any) -> str:
    """A value as the error message quotes it: strings quoted, booleans as TOML writes them."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = "'" + value.replace("\n", "\\n") + "'"
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
    elif isinstance(value, dict):
        text = "a table"
    else:
        text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def parse_duration(value: str | int | float) -> float:
    """Seconds in a duration: ``"90s"``, ``"30m"``, ``"2h"``, ``"1d"``, ``"1w"``, ``"1h30m"``, ``"1.5h"``.

    A bare number (int or float, not a string) is seconds. Raises ``ValueError`` for anything else
    or for a duration that is not positive.
    """
    problem = f"expected a duration such as '30m', '2h' or '1d', got {_show(value)}"
    if isinstance(value, bool):
        raise ValueError(problem)
    if isinstance(value, int | float):
        seconds = float(value)
    elif isinstance(value, str):
        text = value.strip()
        pos, seconds = 0, 0.0
        while pos < len(text):
            part = _DURATION_PART.match(text, pos)
            if part is None:
                raise ValueError(problem)
            seconds += float(part.group(1)) * _UNIT_SECONDS[part.group(2).lower()]
            pos = part.end()
        if not text:
            raise ValueError(problem)
    else:
        raise ValueError(problem)
    if not seconds > 0 or seconds == float("inf"):
        raise ValueError(problem)
    return seconds


def split_sites_dirs(value: str | None) -> list[Path]:
    """The directories in an ``os.pathsep``-separated value such as ``$NEWSCRAWLER_SITES_DIR``."""
    return [Path(part) for part in (value or "").split(os.pathsep) if part.strip()]


# --------------------------------------------------------------------------- validation


class _Checker:
    """Validates one profile's raw table; every failure names ``origin`` and the key."""

    def __init__(self, data: Mapping[str, Any], origin: str) -> None:
        self.data = data
        self.origin = origin

    def fail(self, key: str, problem: str) -> ProfileError:
        return ProfileError(f"{self.origin}: key '{key}': {problem}")

    def unknown(self, key: str, known: Iterable[str], prefix: str = "") -> ProfileError:
        known = list(known)
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean '{prefix}{close[0]}'?" if close else "known keys: " + ", ".join(known)
        return ProfileError(f"{self.origin}: unknown key '{prefix}{key}' ({hint})")

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {_show(value)}")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {_show(value)}")
        return tuple(v.strip() for v in value)

    def number(self, key: str, default: float, *, minimum: float) -> float:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"expected a number, got {_show(value)}")
        if not value >= minimum or value == float("inf"):
            raise self.fail(key, f"expected a number >= {minimum:g}, got {_show(value)}")
        return float(value)

    def integer(self, key: str, default: int, *, minimum: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected an integer, got {_show(value)}")
        if value < minimum:
            raise self.fail(key, f"expected an integer >= {minimum}, got {_show(value)}")
        return value

    def urls(self, key: str) -> tuple[str, ...]:
        out = []
        for url in self.strings(key):
            parts = urlsplit(url)
            absolute = parts.scheme in ("http", "https") and bool(host_of(url))
            if not (absolute or (url.startswith("/") and not url.startswith("//"))):
                raise self.fail(key, f"expected an absolute http(s) URL or a path beginning with '/', got {_show(url)}")
            out.append(url)
        return tuple(out)

    def domains(self) -> tuple[str, ...]:
        out = []
        values = self.strings("domains")
        if not values:
            raise self.fail("domains", "expected at least one host name, got []")
        for raw in values:
            domain = raw.lower().strip(".")
            if not (_HOST_LABELS.match(domain) or _is_ip(domain)):
                raise self.fail("domains", f"expected host names such as 'people.com.cn', got {_show(raw)}")
            out.append(domain)
        return tuple(dict.fromkeys(out))

    def patterns(self, key: str) -> tuple[re.Pattern[str], ...]:
        out = []
        for pattern in self.strings(key):
            try:
                out.append(re.compile(pattern))
            except re.error as exc:
                raise self.fail(key, f"bad regex '{pattern}': {_one_line(exc.msg)} at position {exc.pos}") from None
        return tuple(out)

    def interval(self) -> float:
        value = self.data.get("interval", 3600.0)
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise self.fail("interval", str(exc)) from None

    def selectors(self) -> Mapping[str, str]:
        value = self.data.get("selectors", {})
        if not isinstance(value, dict):
            raise self.fail("selectors", f"expected a table with keys title, body, date, got {_show(value)}")
        out: dict[str, str] = {}
        for field_name, selector in value.items():
            key = f"selectors.{field_name}"
            if field_name not in SELECTOR_KEYS:
                raise self.unknown(field_name, SELECTOR_KEYS, prefix="selectors.")
            if not isinstance(selector, str) or not selector.strip():
                raise self.fail(key, f"expected a CSS selector or an XPath expression, got {_show(selector)}")
            problem = _selector_problem(selector.strip())
            if problem:
                raise self.fail(key, problem)
            out[field_name] = selector.strip()
        return MappingProxyType(out)

    def watch(self) -> tuple[tuple[float, ...], int | None]:
        """The ``[watch]`` table: ``intervals`` (increasing durations, a list or ``"1h,6h,24h"``) and
        ``max_articles`` (an integer >= 1); ``((), None)`` when absent."""
        value = self.data.get("watch", {})
        if not isinstance(value, dict):
            raise self.fail("watch", f"expected a table with keys {', '.join(WATCH_KEYS)}, got {_show(value)}")
        for key in value:
            if key not in WATCH_KEYS:
                raise self.unknown(key, WATCH_KEYS, prefix="watch.")
        ages: tuple[float, ...] = ()
        if "intervals" in value:
            raw = value["intervals"]
            parts = [p for p in raw.split(",") if p.strip()] if isinstance(raw, str) else raw
            if not isinstance(parts, list) or not parts:
                raise self.fail("watch.intervals", f"expected durations such as [\"1h\", \"6h\", \"24h\"], "
                                                   f"got {_show(raw)}")
            try:
                ages = tuple(parse_duration(p.strip() if isinstance(p, str) else p) for p in parts)
            except ValueError as exc:
                raise self.fail("watch.intervals", str(exc)) from None
            if any(b <= a for a, b in pairwise(ages)):
                raise self.fail("watch.intervals", f"expected increasing durations, got {_show(raw)}")
        most = value.get("max_articles")
        if most is not None and (isinstance(most, bool) or not isinstance(most, int) or most < 1):
            raise self.fail("watch.max_articles", f"expected an integer >= 1, got {_show(most)}")
        return ages, most

    def encoding(self) -> str | None:
        value = self.string("encoding")
        if value is None:
            return None
        try:
            codecs.lookup(value)
        except LookupError:
            raise self.fail("encoding", f"unknown encoding {_show(value)}") from None
        return value.strip().lower()


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _selector_problem(selector: str) -> str | None:
    if is_xpath(selector):
        from lxml import etree

        try:
            etree.XPath(selector)
        except etree.XPathSyntaxError as exc:
            return f"bad XPath '{selector}': {_one_line(str(exc))}"
        return None
    from cssselect import SelectorError
    from parsel import css2xpath

    try:
        css2xpath(selector)
    except SelectorError as exc:
        return f"bad CSS selector '{selector}': {_one_line(str(exc))}"
    return None


def profile_from_dict(data: Mapping[str, Any], origin: str | Path = "<profile>") -> SiteProfile:
    """Validate one profile's table (as TOML gives it) and build the :class:`SiteProfile`.

    ``origin`` names the file in error messages. Raises :class:`ProfileError`.
    """
    check = _Checker(data, str(origin))
    for key in data:
        if key not in KNOWN_KEYS:
            raise check.unknown(key, KNOWN_KEYS)
    for key in ("name", "domains"):
        if key not in data:
            raise ProfileError(f"{origin}: missing required key '{key}'")
    if not any(data.get(key) for key in SOURCE_KEYS):
        raise ProfileError(f"{origin}: missing required key 'start_urls' (or 'feeds' or 'sitemaps')")
    name = check.string("name") or ""
    watch = check.watch()
    if not _SLUG.match(name):
        raise check.fail("name", f"expected an ASCII slug (a-z, 0-9, '-', '_'), got {_show(name)}")
    return SiteProfile(
        name=name,
        title=check.string("title", "") or "",
        domains=check.domains(),
        start_urls=check.urls("start_urls"),
        feeds=check.urls("feeds"),
        sitemaps=check.urls("sitemaps"),
        article_patterns=check.patterns("article_patterns"),
        list_patterns=check.patterns("list_patterns"),
        exclude_patterns=check.patterns("exclude_patterns"),
        depth=check.integer("depth", 2, minimum=0),
        delay=check.number("delay", 1.0, minimum=0),
        concurrency=check.integer("concurrency", 2, minimum=1),
        interval=check.interval(),
        selectors=check.selectors(),
        encoding=check.encoding(),
        watch_intervals=watch[0],
        watch_max_articles=watch[1],
        source=Path(origin) if isinstance(origin, Path) else None,
    )


# --------------------------------------------------------------------------- files and directories


def load_profile(path: str | Path) -> SiteProfile:
    """Read and validate one TOML profile. Raises :class:`ProfileError` (one line, naming the file)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text (TOML files are UTF-8)") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: invalid TOML: {_one_line(str(exc))}") from None
    return profile_from_dict(data, path)


def load_profiles(dirs: Iterable[str | Path] = (), *, shipped: bool = True) -> dict[str, SiteProfile]:
    """All profiles by name: the shipped directory (unless ``shipped=False``), then ``dirs`` in order.

    A later directory overrides an earlier one by ``name``; two files naming the same site inside one
    directory are an error, and so is a directory that does not exist. A directory listed twice
    (e.g. ``SHIPPED_DIR`` passed explicitly) is read once, at its first place. The result is sorted
    by name.
    """
    folders = [SHIPPED_DIR] if shipped else []
    folders += [Path(d) for d in dirs if str(d).strip()]
    found: dict[str, SiteProfile] = {}
    seen: set[Path] = set()
    for folder in folders:
        if folder.resolve() in seen:
            continue  # the shipped directory given again: read once, keeping its place
        seen.add(folder.resolve())
        if not folder.is_dir():
            raise ProfileError(f"{folder}: site profile directory does not exist")
        here: dict[str, SiteProfile] = {}
        for path in sorted(folder.glob("*.toml")):
            profile = load_profile(path)
            if profile.name in here:
                raise ProfileError(
                    f"{path}: key 'name': site '{profile.name}' is already defined in {here[profile.name].source}"
                )
            here[profile.name] = profile
        found.update(here)
    return dict(sorted(found.items()))


def profile_for_url(url: str, profiles: Mapping[str, SiteProfile] | Iterable[SiteProfile]) -> SiteProfile | None:
    """The profile whose domains cover the URL's host; the longest matching domain wins."""
    candidates = profiles.values() if isinstance(profiles, Mapping) else profiles
    best: SiteProfile | None = None
    best_len = -1
    for profile in candidates:
        domain = profile.matching_domain(url)
        if domain is not None and len(domain) > best_len:
            best, best_len = profile, len(domain)
    return best


def adhoc_profile(start_urls: Iterable[str], name: str = "adhoc") -> SiteProfile:
    """A profile for crawling any portal from its home or channel pages with no configuration.

    Its domains are the start URLs' hosts with a leading ``www.`` dropped (so ``news.example.cn`` is
    on-site for a crawl started at ``www.example.cn``); everything else is the default.
    """
    urls = [u.strip() for u in start_urls if u.strip()]
    hosts: list[str] = []
    for url in urls:
        host = host_of(url)
        if urlsplit(url).scheme not in ("http", "https") or not host:
            raise ProfileError(f"start_urls: expected an absolute http(s) URL, got {_show(url)}")
        hosts.append(host.removeprefix("www.") if host.count(".") >= 2 else host)
    if not urls:
        raise ProfileError("start_urls: expected at least one URL")
    return SiteProfile(name=name, domains=tuple(dict.fromkeys(hosts)), start_urls=tuple(urls))


