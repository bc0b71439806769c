"""The quote extractor's shortcuts give the answers of the long way round.

Each shortcut skips work: a length test before the name rules, lexicons matched as prefix trees, a
mention's subject test worked out only when read, title words looked for where their first two characters
stand, prefixes parsed only when a name ends them. These tests state what the long way answers, on
text written for them, so a shortcut that skips a case fails here.
"""

from __future__ import annotations

import itertools
import re

import pytest

from newscrawler.extract.quotes import extract_quotes
from newscrawler.extract.quotes.blocks import HAN, HAN_ONLY, prepare
from newscrawler.extract.quotes.engine import _is_question, _may_end_in_name
from newscrawler.extract.quotes.entities import (
    Registry,
    SubjectLike,
    _subject_like,
    index_mentions,
    scan_names,
)
from newscrawler.extract.quotes.fold import fold
from newscrawler.extract.quotes.lexicon import (
    DOC,
    DOC_WORDS,
    MEDIA,
    MEDIA_WORDS,
    ORG_SUFFIX,
    ORG_SUFFIX_WORDS,
    ROLE_END,
    ROLE_END_WORDS,
    TITLE_RE,
    TITLE_WORDS,
    title_matches,
)
from newscrawler.extract.quotes.phrases import is_surname_name, parse_np


@pytest.mark.parametrize(("s", "expected"), [
    ("诸葛亮先生", True),  # five characters: a compound surname, a given name and 先生
    ("欧阳娜娜", True),  # four: a compound surname and two characters
    ("王建国", True),
    ("李某", True),
    ("小刚", True),  # 小 or 老 open a nickname without a surname first
    ("老王", True),
    ("上官婉儿", True),  # a compound surname whose first character is no surname of its own
    ("诸葛亮先生们", False),  # six characters are no name
    ("李", False),
    ("", False),
])
def test_name_length_guard_keeps_the_longest_names(s: str, expected: bool) -> None:
    assert is_surname_name(s) is expected


def _ends_with_word(s: str, words: list[str]) -> int | None:
    """Where the leftmost word that ends ``s`` starts (the long way: every word at every start)."""
    starts = [len(s) - len(w) for w in words if s.endswith(w)]
    return min(starts) if starts else None


@pytest.mark.parametrize(("rx", "words"), [(DOC, DOC_WORDS), (ROLE_END, ROLE_END_WORDS), (ORG_SUFFIX, ORG_SUFFIX_WORDS)])
def test_prefix_tree_lexicons_find_the_leftmost_word_at_the_end(rx: re.Pattern[str], words: list[str]) -> None:
    heads = ["东岭市", "这份", "一位", ""]
    tails = ["", "的", "里"]
    for head, word, tail in itertools.product(heads, words, tails):
        s = head + word + tail
        m = rx.search(s)
        want = _ends_with_word(s, words)
        if rx is ROLE_END and want is None and s[-1:] in "医师员匠警兵":
            want = len(s) - 1
        if rx is ORG_SUFFIX and want is None and s.endswith("会") and len(s) >= 3 \
                and s[-2] not in "能将可也就才都还不要" and HAN_ONLY.fullmatch(s[-3:-1]):
            want = len(s) - 1
        assert (m.start() if m else None) == want, s


def test_media_lexicon_finds_every_outlet_head() -> None:
    for word in MEDIA_WORDS:
        m = MEDIA.search("东岭" + word)
        assert m is not None and m.end() == len("东岭" + word), word
        assert MEDIA.search("东岭" + word + "的记者") is None, word
    assert MEDIA.search("东岭旅行社") is None and MEDIA.search("东岭通讯社") is not None
    assert MEDIA.search("东岭合作社") is None and MEDIA.search("东岭公社") is None and MEDIA.search("东岭社") is not None


def test_organisation_heads_and_a_body_called_hui() -> None:
    assert ORG_SUFFIX.search("东岭商会") is not None
    assert ORG_SUFFIX.search("东岭湖会") is not None  # 会 after a two-character name
    assert ORG_SUFFIX.search("他们将会") is None  # a modal verb
    assert ORG_SUFFIX.search("会") is None and ORG_SUFFIX.search("湖会") is None


@pytest.mark.parametrize(("phrase", "kind", "name"), [
    ("东岭公司声明", "organization", "东岭公司"),  # a statement written right after its issuer
    ("东岭公司回复函", "organization", "东岭公司"),
    ("东岭集团公告", "organization", "东岭集团"),
    ("东岭公司的声明", "document", "东岭公司的声明"),  # after 的 the statement itself speaks
    ("东岭公司的回复函", "document", "东岭公司的回复函"),
    ("皮肤科", "organization", "皮肤科"),
    ("向眼科", "organization", "向眼科"),
    ("心内科门诊", "unknown", "心内科门诊"),
    ("王立新 ( 微博 )", "person", "王立新"),  # a portal's link label after the name
    ("东岭市水务管理办法（征求意见稿）", "document", "东岭市水务管理办法"),
    ("东岭市水务管理办法(征求意见稿)", "document", "东岭市水务管理办法"),
])
def test_phrases_the_prechecked_patterns_read(phrase: str, kind: str, name: str) -> None:
    np = parse_np(phrase)
    assert (np.kind, np.name) == (kind, name)


def test_document_lexicon_keeps_whole_titles() -> None:
    assert DOC.search("《东岭湖水质年度观察》") is not None
    assert DOC.search("他说《东岭湖水质年度观察》") is None


def test_han_only_is_every_character_han() -> None:
    for s in ["", "东岭", "东岭A", "A", "东 岭", "㐀鿿"]:
        assert (HAN_ONLY.fullmatch(s) is not None) == all(HAN.match(c) for c in s), s


def test_subject_flags_read_late_equal_the_rule() -> None:
    blocks = [
        ("p", "院长杨秀英昨天在会上表示，东岭湖今年的水质好于往年。"),
        ("p", "据了解，杨秀英的助理何明峰也参加了会议，他说会后还要去湖边看看。"),
        ("p", "会后，何明峰表示：“我们每个月都会来。”杨秀英则认为，治理还要十年。"),
    ]
    texts = [prepare(i, kind, text) for i, (kind, text) in enumerate(blocks)]
    reg = Registry()
    scan_names(texts, reg)
    reg.add("何明峰", "何明峰", "person")
    index_mentions(texts, reg)
    assert len(reg.mentions) >= 4
    flags = []
    for b, o, ent, subj in reg.mentions:
        assert isinstance(subj, SubjectLike)
        eager = _subject_like(texts[b], o, len(ent.key))
        assert bool(subj) is eager and bool(subj) is eager  # asked twice: the same answer
        flags.append((b, texts[b].f[o:o + len(ent.key)], eager))
    assert (0, "杨秀英", True) in flags  # after its title, opening the clause
    assert (1, "杨秀英", False) in flags  # the possessor of 的助理 is no subject
    assert (2, "何明峰", True) in flags  # after 会后，


def test_kin_and_title_names_are_registered() -> None:
    quotes = extract_quotes([
        ("p", "东岭湖管理处处长周海林的女儿周晓雯也来到湖边。"),
        ("p", "周晓雯说：“湖水比去年清了。”处长周海林表示，明年还要再清一次淤泥。"),
    ])
    speakers = [(q.speaker, q.speaker_title) for q in quotes]
    assert ("周晓雯", []) in speakers
    assert ("周海林", ["处长"]) in speakers


def test_title_matches_are_the_finditer_matches() -> None:
    """Overlapping and nested titles (副总经理, 总经理, 总), titles at both ends, Latin titles, none at all."""
    texts = [
        "东岭集团副总经理王建国和总经理李明都说，总裁办的主任医师也在",
        "总", "总总经理", "CEO王建国", "前CEOSam说", "主任", "副主任医师张华", "没有任何头衔的一句话。", "",
        "院长院长院长", "分析人士分析师",
    ]
    texts += ["东岭" + w + "周海林" for w in sorted(TITLE_WORDS)]
    texts += ["".join(sorted(TITLE_WORDS))]
    for text in texts:
        got = [(m.start(), m.end(), m.group()) for m in title_matches(text)]
        want = [(m.start(), m.end(), m.group()) for m in TITLE_RE.finditer(text)]
        assert got == want, text


@pytest.mark.parametrize(("prefix", "expected"), [
    ("技术员何建明", True),
    ("技术员何明", True),  # a two-character name (with its title)
    ("工程师玛丽娜·科斯塔", True),  # a dotted name
    ("诸葛亮先生", True),
    ("东岭湖边的", False),
    ("技术员何建明掰着手指", False),
])
def test_may_end_in_name(prefix: str, expected: bool) -> None:
    assert _may_end_in_name(prefix) is expected


@pytest.mark.parametrize(("blocks", "speaker", "titles"), [
    ([("p", "“今年的收成比去年好了三成，明年还要再试两块地。”技术员何建明掰着手指算了一笔账。")], "何建明", ["技术员"]),
    ([("p", "东岭中学的老教师郑海波在开学典礼上作了简短致辞，“我们等这块新场地等了整整十年。”")], "郑海波", ["老教师"]),
])
def test_a_quotation_goes_to_the_name_at_its_clause_front(blocks: list[tuple[str, str]], speaker: str,
                                                          titles: list[str]) -> None:
    """No cue: the speaker is the person named at the front of the clause next to the quotation (``subject_name``,
    which parses only the prefixes that a name ends)."""
    quotes = extract_quotes(blocks)
    assert [(q.speaker, q.speaker_title, q.quote_type) for q in quotes] == [(speaker, titles, "direct")]


@pytest.mark.parametrize(("text", "expected"), [
    ("记者：你怎么看这件事？", True),
    ("■记者：你怎么看这件事？", True),
    ("【记者】你怎么看这件事？", True),  # 】 reads as a colon in the label view
    ("记者你怎么看这件事？", False),  # no colon, no turn label
])
def test_question_turns_with_and_without_a_colon(text: str, expected: bool) -> None:
    assert _is_question(fold(text)) is expected


@pytest.mark.parametrize(("blocks", "want"), [
    ([("p", "林秀英（东岭医院儿科主任）："), ("p", "孩子发烧不要急着用药，先观察精神状态。"), ("p", "多喝水，注意休息。")],
     [("林秀英", "孩子发烧不要急着用药，先观察精神状态。"), ("林秀英", "多喝水，注意休息。")]),
    ([("p", "【记者】东岭湖今年的水质怎么样？"), ("p", "【周海林】比去年好多了，我们每个月都来监测。")],
     [("周海林", "比去年好多了，我们每个月都来监测。")]),
    ([("p", "赵小川（15岁）：我每天都来湖边跑步。")], [("赵小川", "我每天都来湖边跑步。")]),
])
def test_speaker_labels_with_colons_and_brackets(blocks: list[tuple[str, str]], want: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes(blocks)] == want
