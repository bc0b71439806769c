"""Contextual kinds of attribution (issue 14, after the seventh gold batch), on invented text.

Each positive case failed before its rule; the guards beside them hold narration that must stay
unattributed. A cue with no subject of its own after a clause telling a formal or legal act of an
organisation (东岭公司将某集团起诉至法院，指控…; 某集团提起反诉，称…; 某法院作出裁定，认为…) is that
organisation's.
"""

from __future__ import annotations

import pytest

from newscrawler.extract.quotes import extract_quotes


def _said(*paragraphs: str) -> list[tuple[str | None, str, str | None]]:
    return [(q.speaker, q.quote_text, q.cue) for q in extract_quotes([("p", p) for p in paragraphs])]


@pytest.mark.parametrize(("text", "expect"), [
    ("去年5月，宏达公司将远洋集团起诉至法院，指控对方拖欠货款三千万元。",
     ("宏达公司", "对方拖欠货款三千万元", "指控")),
    ("同年6月，远洋集团提起反诉，称宏达公司违约在先。",
     ("远洋集团", "宏达公司违约在先", "称")),
    ("南岭钢铁公司向仲裁庭递交了答辩书，表示不接受对方的全部请求。",
     ("南岭钢铁公司", "不接受对方的全部请求", "表示")),
])
def test_an_organisations_act_then_a_subjectless_cue(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "宏达公司把三百名员工送到外地培训，称得上是大手笔。",
    "宏达公司将远洋集团起诉至法院，法院已在上周受理此案。",
    "预计宏达公司将在明年提交上市申请，这在业内并不少见。",
])
def test_an_organisations_act_alone_is_no_quote(text: str) -> None:
    assert _said(text) == []


@pytest.mark.parametrize(("text", "expect"), [
    # a court's act, then its view: the court, not 'the court made a ruling', speaks
    ("东岭中级法院作出一审判决，认为合同条款无效。", ("东岭中级法院", "合同条款无效", "认为")),
    # an office whose name holds a document word (统计 in 统计局) is the office, not a document named 国家统计
    ("国家统计局召开发布会，称上半年物价平稳。", ("国家统计局", "上半年物价平稳", "称")),
    ("国家统计局发言人付凌云今天召开发布会，称上半年物价平稳。", ("付凌云", "上半年物价平稳", "称")),
])
def test_the_actor_not_its_act_or_a_cut_name(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


def test_the_document_made_still_speaks_later() -> None:
    assert _said("东岭中级法院作出一审判决。判决认为，合同条款无效。") == [("一审判决", "合同条款无效", "认为")]


@pytest.mark.parametrize(("text", "expect"), [
    # 谈到/提及 with no comma, then a clause (a modal or 有 + a number): what was said
    ("法学教授陈立还谈到平台要提高自身的服务水平。", ("陈立", "平台要提高自身的服务水平", "谈到")),
    ("在发布会上，东岭银行行长尚福海提及有30多家工厂已经递交材料。",
     ("尚福海", "有30多家工厂已经递交材料", "提及")),
])
def test_a_mention_cue_then_a_clause(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "王海林谈到企业将如何应对时，显得很轻松。",  # a time clause: 谈到…时
    "王海林谈到了自己的童年。",
    "王海林提及这些问题时很激动。",
    "李明谈到会议的安排，大家都很满意。",  # 会议: a noun, not the modal 会
    "李明提到有关部门的作用。",  # 有关: no 有 + number
    "李明谈到他的将来的打算。",  # 将来: a noun, not the modal 将
    "李明多次提到应用软件的价格问题。",  # 应用 / …问题: a topic
])
def test_a_mention_cue_then_a_topic_is_no_quote(text: str) -> None:
    assert _said(text) == []


def test_a_verb_after_a_role_word_is_no_name() -> None:
    # 解决/相处 open with a surname character: 替学生解决一点… named nobody 解决一, who then blocked the
    # profile's focus for the quotation standing alone in the next paragraph
    got = _said("王丽华说：“每个孩子都不一样。”",
                "说起合唱团的孩子，王丽华满脸自豪。她常替学生解决一点小麻烦，觉得很开心。",
                "“有个学生前几天跟我说，她想退团去补课。我劝她先别着急，再想一想。”")
    assert got[1:] == [("王丽华", "有个学生前几天跟我说，她想退团去补课。我劝她先别着急，再想一想。", None)]


@pytest.mark.parametrize("word", ["解决一", "相处时", "相互间"])
def test_common_words_with_a_surname_character_are_no_names(word: str) -> None:
    from newscrawler.extract.quotes.phrases import is_surname_name
    assert not is_surname_name(word)


_SAID_BEFORE = "李红梅说，孩子失联后她每天都去山上找。"


def test_a_first_person_quotation_after_a_sentence_about_her() -> None:
    got = _said(_SAID_BEFORE, "到后来，她不想再讲那天的事。“我讲过很多遍，可是没有人相信。”她摇了摇头。")
    assert got[1:] == [("李红梅", "我讲过很多遍，可是没有人相信。", None)]


@pytest.mark.parametrize("narration", [
    "后来，她拆开了儿子寄回的信。“我在外面一切都好，妈妈不要担心。”",  # the letter's writer
    "后来，她问儿子去了哪里。“我在同学家住了一晚。”",  # the one asked answers
    "到后来，她把孩子的照片贴满了村口。“寻人启事”四个字格外醒目。",  # no first person, a label
])
def test_a_quotation_after_her_sentence_that_is_not_hers(narration: str) -> None:
    assert _said(_SAID_BEFORE, narration)[1:] == []


@pytest.mark.parametrize(("text", "expect"), [
    # a perfective cue, then a whole quoted sentence that ends the clause: the words stated
    ("东岭体育学院证实了“这种鞋对脚踝确实有害”。", ("东岭体育学院", "这种鞋对脚踝确实有害", "证实")),
    ("王教授强调了“预防比治疗更重要”。", ("王教授", "预防比治疗更重要", "强调")),
])
def test_a_perfective_cue_then_a_quoted_sentence(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "王教授强调了“安全第一”的原则。",  # a label before its noun
    "他表示了“遗憾”。",  # a short object
    "王教授强调了“预防比治疗更重要”这一观点。",  # the quotation names a view, the clause goes on
])
def test_a_perfective_cue_then_a_quoted_label_is_no_quote(text: str) -> None:
    assert _said(text) == []


@pytest.mark.parametrize(("text", "expect"), [
    # a sentence opening with only a phrase naming someone by role, then its comma and 表示
    ("东岭医院的一名医生，表示愿意接受卫生局的核查。", ("东岭医院的一名医生", "愿意接受卫生局的核查", "表示")),
    ("负责此事的东岭区民政局工作人员，表示正在核实。", ("负责此事的东岭区民政局工作人员", "正在核实", "表示")),
])
def test_a_role_phrase_alone_before_the_comma_speaks(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "东岭医院，表示愿意接受卫生局的核查。",  # an organisation alone is a topic here
    "对于这件事，表示理解的人很多。",  # a frame, and 表示理解 is an act
    "昨天下午，表示愿意接受核查。",  # a time
])
def test_a_topic_alone_before_the_comma_is_no_speaker(text: str) -> None:
    assert _said(text) == []
