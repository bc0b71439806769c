"""Subheadings in ``<br>``-separated layouts are ``h`` blocks (issue 12): bold, centred or plain short
lines between paragraphs of one element, as small GBK portals print them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT, require_shared
from .fixtures.seed import SEED_FILE, load_seed

PARAS = [
    "今年以来，本市持续推进老旧小区改造，累计完成项目一百二十个，惠及居民两万余户，群众满意度明显提升。",
    "市住建局有关负责人表示，下一步将把加装电梯、完善无障碍设施作为重点，同步推进管线更新和停车位改造。",
    "据介绍，改造资金由财政补助、居民自筹和社会资本共同承担，其中财政补助比例约为百分之六十。",
    "不少居民表示，改造后小区环境焕然一新，出行更加方便，也希望后续管理能够跟上，避免出现反弹。",
]
HEADS = ["资金从哪里来", "居民怎么看"]
STYLES: dict[str, Callable[[str], str]] = {
    "strong": lambda h: f"<strong>{h}</strong>",
    "center": lambda h: f"<center>{h}</center>",
    "p-align": lambda h: f"<p align=center>{h}</p>",
    "css-center": lambda h: f"<div style='text-align:center'>{h}</div>",
    "css-bold": lambda h: f"<span style='font-weight:bold'>{h}</span>",
    "red-font": lambda h: f"<font color=#ff0000>{h}</font>",
    "plain": lambda h: h,
}


def br_page(blocks: Sequence[tuple[str, str]], style: Callable[[str], str], title: str) -> bytes:
    inner = "<br><br>".join(style(escape(text)) if kind == "h" else "\u3000\u3000" + escape(text)
                            for kind, text in blocks)
    return (f"<html><head><meta charset='utf-8'><title>{escape(title)}_某某网</title></head><body>"
            f"<h1>{escape(title)}</h1><div id='content'>{inner}</div></body></html>").encode()


@pytest.mark.parametrize("style", sorted(STYLES))
def test_br_layout_subheadings_are_h_blocks(style: str) -> None:
    blocks = [("p", PARAS[0]), ("h", HEADS[0]), ("p", PARAS[1]), ("p", PARAS[2]), ("h", HEADS[1]), ("p", PARAS[3])]
    article = extract(br_page(blocks, STYLES[style], "本市老旧小区改造提速"), None, FETCHED_AT, raise_errors=True)
    assert [(b.type, b.text) for b in article.blocks] == blocks


def test_a_short_line_ending_a_sentence_stays_a_paragraph() -> None:
    blocks = [("p", PARAS[0]), ("p", "目前进展顺利。"), ("p", PARAS[1])]
    article = extract(br_page(blocks, STYLES["plain"], "本市老旧小区改造提速"), None, FETCHED_AT, raise_errors=True)
    assert [b.type for b in article.blocks] == ["p", "p", "p"]


@pytest.mark.parametrize("style", ["plain", "center", "css-bold"])
def test_seed_rendered_with_br_keeps_every_subheading(style: str) -> None:
    require_shared(SEED_FILE)
    seed = load_seed()
    assert seed is not None
    blocks = [(kind, text) for kind, text in seed.paragraphs]
    article = extract(br_page(blocks, STYLES[style], seed.title), None, FETCHED_AT, raise_errors=True)
    heads = [b.text for b in article.blocks if b.type == "h"]
    assert heads == [" ".join(h.split()) for h in seed.headings]
