"""Extraction's thresholds live in one ``Options`` object, passed through the passes (issue 12, item 6)."""

from __future__ import annotations

import dataclasses

import pytest

from newscrawler.extract import extract
from newscrawler.extract.article import PASSES
from newscrawler.extract.options import DEFAULT_OPTIONS, Options

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2023/0417/2.html"
PAGE = ("<html><head><meta charset='utf-8'><title>城东公园荷花盛开_某某网</title></head><body><div class='main'>"
        "<h1>城东公园荷花盛开</h1><p>城东公园荷花盛开，游人如织</p></div></body></html>").encode()


def test_a_threshold_given_in_options_is_the_one_the_page_kind_pass_uses() -> None:
    default = extract(PAGE, URL, FETCHED_AT, raise_errors=True)
    assert default.is_article and default.body == "城东公园荷花盛开，游人如织"  # a clause under its headline
    strict = Options(story_min_chars=20)
    short = extract(PAGE, URL, FETCHED_AT, raise_errors=True, options=strict)
    assert not short.is_article and short.reason == "no article text"
    assert short.page_text == "城东公园荷花盛开，游人如织"
    lenient = extract(PAGE, URL, FETCHED_AT, raise_errors=True, options=dataclasses.replace(strict, min_body_chars=10))
    assert lenient.is_article and lenient.body == "城东公园荷花盛开，游人如织"


def test_the_keyword_arguments_replace_their_options() -> None:
    article = extract(PAGE, URL, FETCHED_AT, options=Options(time_budget=100.0), time_budget=0.0)
    assert article.reason == "extraction timeout"
    asked = extract(PAGE, URL, FETCHED_AT, options=Options(second_opinion_below=0.0), second_opinion_below=2.0)
    assert asked.second_opinion is not None


def test_options_are_frozen_and_default_to_the_tuned_values() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_OPTIONS.min_body_chars = 1  # type: ignore[misc]
    assert Options() == DEFAULT_OPTIONS


def test_the_passes_run_in_the_documented_order() -> None:
    names = [p.__name__.removesuffix("_pass") for p in PASSES]
    order = ["container", "second_opinion", "bylines", "dates", "page_kind", "quotes"]
    assert [n for n in names if n in order] == order
    assert names[:3] == ["decode", "parse", "cut_lines"]
