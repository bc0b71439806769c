"""The quote extractor's speed filters answer as the patterns they skip (issue 14, speed).

``speaker_span._tail_strip`` skips the ``_TAIL_STRIP`` search when the segment ends in no character a match can
end with; ``blocks.Text`` builds its derived fields once. Invented text only.
"""

from __future__ import annotations

import itertools
import re

import pytest

from newscrawler.adapters.sre import end_filter, start_filter
from newscrawler.extract.quotes import speaker_span
from newscrawler.extract.quotes.blocks import prepare
from newscrawler.extract.quotes.speaker_span import (
    _TAIL_ANY,
    _TAIL_STRIP,
    _TAIL_STRIP_ENDS,
    _tail_strip,
    strip_tail,
)
from newscrawler.extract.quotes.triggers import Trig

_PIECES = ["对记者", "接受本报采访时", "发布声明", "致电本报", "报告中", "兴奋的", "摇着头", "在会上", "就此事", "向市民",
           "东岭公司", "副总经理", "王建国", "昨天", "在会上", "通过微博", "透过视频", "笑着", "很高兴地", "(12日)",
           "10点30分", "今晚", "也", "的", "并且", "回应时", "3日上午", "访问东岭时", "说", "Alice", " ", ",", "\n"]


def test_tail_strip_filter_is_built_and_open_ended_alternatives_need_their_literal() -> None:
    flt = _TAIL_STRIP_ENDS
    assert flt is not None
    ends, opens = flt
    assert {"的", "时", "地", "日", ")"} <= ends and "克" not in ends
    assert set(opens) == {"通过", "透过"}


def test_tail_strip_filter_gives_the_search_answer_on_every_combination() -> None:
    checked = 0
    for k in (1, 2, 3):
        for combo in itertools.product(_PIECES, repeat=k):
            seg = "".join(combo)
            for s in range(len(seg)):
                want = _TAIL_STRIP.search(seg[s:])
                got = _tail_strip(seg[s:])
                assert (got and (got.start(), got.end())) == (want and (want.start(), want.end())), seg[s:]
                checked += 1
    assert checked > 10_000


def _trig() -> Trig:
    return Trig(0, 0, 0, "", 0, 0, 0, 0, False, "plain")


def test_strip_tail_filter_gives_the_unfiltered_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _TAIL_ANY is not None and {"在", "对", "通过"} <= set(_TAIL_ANY[1].pattern.split("|"))
    cases = ["".join(c) for k in (1, 2) for c in itertools.product(_PIECES, repeat=k)]
    got = []
    for seg in cases:
        tr = _trig()
        got.append((strip_tail(seg, 0, len(seg), tr), tr.addr_s, tr.addr_e))
    monkeypatch.setattr(speaker_span, "_TAIL_ANY", None)
    monkeypatch.setattr(speaker_span, "_TAIL_STRIP_ENDS", None)
    want = []
    for seg in cases:
        tr = _trig()
        want.append((strip_tail(seg, 0, len(seg), tr), tr.addr_s, tr.addr_e))
    assert got == want
    assert len(cases) > 1000


def test_end_filter_declines_other_shapes() -> None:
    assert end_filter(re.compile(r"(?:甲|乙)")) is None  # no end anchor
    assert end_filter(re.compile(r"(?:甲|[^,]{1,3})$")) is None  # an open-ended alternative with no literal
    assert end_filter(re.compile(r"(?:甲|乙?)$")) is None  # an alternative that matches empty
    flt = end_filter(re.compile(r"(?:甲乙|丙[丁戊]|己(?:庚)?|通过[^,]{1,5})$"))
    assert flt == (frozenset("乙丁戊己庚"), ("通过",))
    assert end_filter(re.compile(r"在(?:甲|乙)$|在([^在的]{1,6})$")) == (frozenset("甲乙"), ("在",))  # a shared prefix
    assert end_filter(re.compile(r"(?:对|向)[^,]{1,4}$")) == (frozenset(), ("对", "向"))  # any of several openers


def test_text_derived_fields_are_built_once() -> None:
    t = prepare(0, "p", "王建国说：“今年很好。”他又说，“明年更好”。")
    assert t.quote_opens == [q[0] for q in t.quotes]
    assert t.by_open == {q[0]: q for q in t.quotes} and t.by_close == {q[1]: q for q in t.quotes}
    assert t.end_pos == [e for e, _ in t.sent_ends]


def test_fold_with_the_comma_replaced_first_is_the_one_pass_fold() -> None:
    from newscrawler.extract.quotes.fold import _FOLD, _FREQUENT, fold

    assert _FREQUENT == (("，", ","),)
    for text in ["東嶺公司發言人表示，今年營收（初步）增長：三成；對嗎？是！", "，，說，", "", "abc，def", "王建国说,好"]:
        assert fold(text) == text.translate(_FOLD) and len(fold(text)) == len(text)


def test_lead_strip_filter_gives_the_unfiltered_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawler.extract.quotes.speaker_span import _LEAD_ANY, strip_lead

    assert _LEAD_ANY is not None
    starts, needs = _LEAD_ANY
    assert {"但", "今", "【", " ", "\u3000"} <= starts and "王" not in starts
    assert set(needs.pattern.split("|")) == {"月", "日", "讯", "\\("}
    pieces = ["但是", "东岭晚报讯 ", "5月3日", "12日", "(记者王明)", "王建国", "今天", " ", "【东岭新闻报道】", "有位",
              "讯", "电", "东岭社5月3日电"]
    cases = ["".join(c) for k in (1, 2, 3) for c in itertools.product(pieces, repeat=k)]
    got = [strip_lead(f, s, len(f)) for f in cases for s in range(len(f))]
    monkeypatch.setattr(speaker_span, "_LEAD_ANY", None)
    assert got == [strip_lead(f, s, len(f)) for f in cases for s in range(len(f))]
    assert start_filter(re.compile(r"(?:甲|乙)")) is None  # not a repeated group
    flt = start_filter(re.compile(r"(?:甲乙|[\u4e00-\u9fff]{2}丙|\s+)+"))
    assert flt is not None and flt[1].pattern == "丙" and {"甲", " "} <= flt[0]


def test_a_clause_of_zhe_and_a_say_verb_alone_does_not_crash() -> None:
    """``着说表示，…``: the speaker phrase 着说 is shorter than a manner V+着+说; it is read, not indexed past."""
    from newscrawler.extract.quotes import extract_quotes

    for text in ["着说表示，今天天气很好。", "他说，着说表示，今天天气很好。", "“好。”着说认为，今天天气很好。"]:
        extract_quotes([("p", text)])


def test_kin_and_honorific_scans_still_find_a_name_in_a_later_block() -> None:
    """The per-block kin and honorific scans run only when the whole article has a match: a later block's counts."""
    from newscrawler.extract.quotes.entities import Registry, scan_names

    texts = [prepare(0, "p", "东岭湖边今年新修了步道。"), prepare(1, "p", "周海林的女儿周晓雯也来了，赵女士在一旁。")]
    reg = Registry()
    scan_names(texts, reg)
    assert "周晓雯" in reg.by_key and "赵女士" in reg.by_key
    reg = Registry()
    scan_names(texts[:1], reg)
    assert not reg.by_key
