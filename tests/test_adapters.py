"""Every internal of another project that newscrawler uses is still there, in the shape it is used.

A failure here names the dependency and its version: update ``newscrawler/adapters/<dependency>.py``
(or the cap in pyproject.toml) before anything else.
"""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from newscrawler.adapters import InternalChanged, futures, sre
from newscrawler.adapters import scrapy as scrapy_internals
from pipelines.db import sqlalchemy_internals


def test_scrapy_internals_have_the_shape_the_adapter_uses() -> None:
    scrapy_internals.check()


def test_the_executor_internals_have_the_shape_the_adapter_uses() -> None:
    futures.check()


def test_sqlalchemy_internals_have_the_shape_the_search_uses() -> None:
    sqlalchemy_internals.check()


def test_sqlalchemy_internal_changed_names_sqlalchemy_and_its_version() -> None:
    from importlib.metadata import version

    message = str(sqlalchemy_internals.SQLAlchemyInternalChanged("a thing moved"))
    assert message.startswith(f"sqlalchemy {version('sqlalchemy')}: a thing moved")


def test_the_regex_parser_internals_have_the_shape_the_adapter_uses() -> None:
    sre.check()


def test_without_the_regex_parser_there_is_no_filter_and_the_quote_extractor_still_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.setattr(sre, "_parser", None)
    assert sre.end_filter(re.compile(r"(?:甲|乙)$")) is None
    assert sre.start_filter(re.compile(r"(?:甲|乙)+")) is None
    with pytest.raises(InternalChanged, match=r"re\._parser"):
        sre.check()


def test_internal_changed_names_the_dependency_and_its_version() -> None:
    from importlib.metadata import version

    message = str(InternalChanged("scrapy", "a thing moved"))
    assert message.startswith(f"scrapy {version('scrapy')}: a thing moved")
    assert "not installed" in str(InternalChanged("no-such-distribution-here", "x"))


def test_queued_calls_sets_the_constant_only_inside_the_block() -> None:
    from concurrent.futures import process

    before = process.EXTRA_QUEUED_CALLS
    with futures.queued_calls(before + 5):
        assert before + 5 == process.EXTRA_QUEUED_CALLS
    assert before == process.EXTRA_QUEUED_CALLS


def test_robots_parser_reads_only_a_finished_parser() -> None:
    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
    from twisted.internet.defer import Deferred

    middleware = RobotsTxtMiddleware(get_crawler(settings_dict={"ROBOTSTXT_OBEY": True}))
    assert scrapy_internals.robots_parser(middleware, "a.example") is None
    middleware._parsers["a.example"] = Deferred()
    assert scrapy_internals.robots_parser(middleware, "a.example") is None
    parser = object()
    middleware._parsers["a.example"] = parser  # type: ignore[assignment]
    assert scrapy_internals.robots_parser(middleware, "a.example") is parser


def test_engine_internals_are_empty_before_a_crawl() -> None:
    crawler = get_crawler()
    assert scrapy_internals.in_progress(crawler) == set()
    scrapy_internals.wake_engine(crawler)  # nothing to wake: no error


@pytest.mark.parametrize("internal", ["robots", "slot"])
def test_check_fails_loudly_when_an_internal_is_gone(internal: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrapy.core import engine

    if internal == "slot":
        monkeypatch.delattr(engine, "_Slot")
    else:
        import inspect

        real = inspect.getsource
        monkeypatch.setattr(inspect, "getsource", lambda obj: real(obj).replace("self._parsers", "self.parsers"))
    with pytest.raises(InternalChanged, match=r"^scrapy \d"):
        scrapy_internals.check()


def test_download_slot_of_an_unknown_request_is_none() -> None:
    class Downloader:
        def __init__(self) -> None:
            self.slots = {"a.example": "slot"}

    class Engine:
        def __init__(self) -> None:
            self.downloader = Downloader()

    crawler = get_crawler()
    crawler.engine = Engine()  # type: ignore[assignment]
    assert scrapy_internals.download_slot(crawler, Request("https://b.example/", meta={"download_slot": "b"})) is None
    assert scrapy_internals.download_slot(crawler, Request("https://a.example/",
                                                            meta={"download_slot": "a.example"})) == "slot"


def test_a_case_insensitive_pattern_or_group_gets_no_filter() -> None:
    """The filters read literals as written: a pattern that folds case would skip texts it matches."""
    import re

    assert sre.end_filter(re.compile(r"abc$", re.IGNORECASE)) is None
    assert sre.end_filter(re.compile(r"(?i:abc)$")) is None
    assert sre.end_filter(re.compile(r"a(?i:b)c$")) == (frozenset("c"), ())
    assert sre.start_filter(re.compile(r"(?:(?i:ab)|c)+")) is None
