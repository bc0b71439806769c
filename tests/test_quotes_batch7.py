"""Kinds of attribution the seventh corpus-gold batch showed the engine missing (issue 14), on invented text.

Each case failed before its rule: a photo caption between paragraphs no longer counts as the
antecedent of the next paragraph's 他 (captions are page furniture, ``chinese-news-spec.md`` §2 item
16); an institution's 公布，… reports what it made public, as 宣布 does; the Hong Kong 指 (= said) is
read without a comma after a source head (消息來源指…, 警方指…), and 來源 itself is an unnamed source;
agent nouns in 者 (决策者, 批评者) are unnamed sources; a document head does not end inside
研究人员; ``X告诉记者：“…”`` and a byline (记者：张小明) are no interviewer's turn (either put the whole
article into transcript mode); a short quotation told to someone (告诉记者“…”) is what was said; an
association named ``…之友`` is an organisation, and its earlier clause's 欢迎 leaves it the subject of
the next cue; a couple (X夫妇) speaks as one source. The guards beside them hold what must stay
unattributed.
"""

from __future__ import annotations

import pytest

from newscrawler.extract.quotes import extract_quotes


def _said(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.quote_text) for q in extract_quotes([("p", p) for p in paragraphs])]


def test_a_caption_between_paragraphs_is_no_antecedent() -> None:
    got = _said("周海洋说：“那年夏天我们在河边住了一个月。”",
                "吴小燕认为，这趟旅行并没有外人想的那么辛苦。",
                "图注：周海洋的旧帐篷如今挂在客厅墙上",
                "她说：“下次我们还要带上孩子一起去。”")
    assert got[-1] == ("吴小燕", "下次我们还要带上孩子一起去。")


def test_a_caption_is_still_no_quote() -> None:
    assert _said("图为东岭港务局的工作人员正在检查货柜。") == []


@pytest.mark.parametrize(("text", "expect"), [
    # an institution makes something public, with its comma (as 宣布)
    ("南岭客运集团本周公布，下月起三条夜班线路将延长到凌晨两点。",
     [("南岭客运集团", "下月起三条夜班线路将延长到凌晨两点")]),
    ("东岭市统计局昨天公布，上个季度全市的菜价回落了一成。",
     [("东岭市统计局", "上个季度全市的菜价回落了一成")]),
])
def test_an_institution_that_makes_something_public_speaks(text: str, expect: list[tuple[str, str]]) -> None:
    assert _said(text) == expect


@pytest.mark.parametrize("text", [
    "期末成绩公布，有些同学选择了重修。",  # what was published speaks no words
    "调查结果公布，多数住户赞成加装电梯。",
    "消息公布后，这家公司的股价涨了三成。",  # a time clause
    "东岭统计局公布了上个月的菜价。",  # an object, no comma: no report
])
def test_what_was_published_is_no_speaker(text: str) -> None:
    assert _said(text) == []


@pytest.mark.parametrize(("text", "expect"), [
    ("消息來源指這家連鎖店最快在明年春天關閉。", [("消息來源", "這家連鎖店最快在明年春天關閉")]),
    ("來源指新大樓的設計圖已經送交審批。", [("來源", "新大樓的設計圖已經送交審批")]),
    ("警方指涉案男子與死者是多年鄰居。", [("警方", "涉案男子與死者是多年鄰居")]),
])
def test_hong_kong_zhi_after_a_source_head_needs_no_comma(text: str, expect: list[tuple[str, str]]) -> None:
    assert _said(text) == expect
    assert extract_quotes([("p", text)])[0].speaker_type in ("anonymous", "organization")


@pytest.mark.parametrize("text", [
    "警方指揮中心接報後派員到場。",  # 指揮: a verb of its own
    "這裏所說的舊區是指油麻地一帶。",  # 是指: "means"
    "她用手指著窗外的那棵樹。",
])
def test_zhi_that_is_not_speech_stays_unattributed(text: str) -> None:
    assert _said(text) == []


def test_a_data_source_stays_a_document() -> None:
    got = extract_quotes([("p", "数据来源显示，去年全市新开了四十家书店。")])
    assert [(q.speaker, q.speaker_type) for q in got] == [("数据来源", "document")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("欧盟的一些决策者也警告说，油价上涨会拖慢整个地区的复苏。", "决策者"),
    ("批评者认为，新的收费办法会加重小商户的负担。", "批评者"),
])
def test_agent_nouns_in_zhe_are_unnamed_sources(text: str, speaker: str) -> None:
    got = extract_quotes([("p", text)])
    assert len(got) == 1 and (got[0].speaker or "").endswith(speaker) and got[0].speaker_type == "anonymous"


def test_no_document_is_named_inside_researchers() -> None:
    got = extract_quotes([("p", "东岭大学研究人员比较了三千名学生的睡眠记录，发现午睡的学生成绩更稳定。")])
    assert all(q.speaker != "东岭大学研究" for q in got)


def test_telling_the_reporter_with_a_colon_is_no_interview_turn() -> None:
    # a label ending in 记者 read as the interviewer's turn put the whole article into transcript mode
    got = _said("物业经理告诉记者：“电梯下周就能修好。”", "业主王海表示，他已经等了一个多月。")
    assert got[0] == ("物业经理", "电梯下周就能修好。")
    assert got[1][1] == "他已经等了一个多月"


def test_an_interview_turn_is_still_one() -> None:
    got = extract_quotes([("p", "记者：电梯什么时候能修好？"), ("p", "李海峰：下周一定修好。")])
    assert [(q.speaker, q.quote_text) for q in got] == [("李海峰", "下周一定修好。")]


@pytest.mark.parametrize(("text", "expect"), [
    ("柜台边摆着两台机器，店员告诉东岭日报记者“对半分账”。", [("店员", "对半分账")]),
    ("医生开了些药。护士告诉南岭晚报，“不用担心”。", [("护士", "不用担心")]),
])
def test_a_short_quotation_told_to_someone_is_what_was_said(text: str, expect: list[tuple[str, str]]) -> None:
    assert _said(text) == expect


def test_a_short_quotation_as_an_object_stays_no_quote() -> None:
    assert _said("他向记者表示“满意”。") == []
    assert _said("他对此表示“怀疑”。") == []


@pytest.mark.parametrize(("text", "expect"), [
    ("南岭之友担心，新标准要两年后才实施。", [("南岭之友", "新标准要两年后才实施")]),
    # a welcome, then the organisation's words (the subject of the earlier clause speaks)
    ("南岭之友欢迎新的排放标准，表示标准早就应该收紧。", [("南岭之友", "标准早就应该收紧")]),
])
def test_a_friends_of_association_speaks(text: str, expect: list[tuple[str, str]]) -> None:
    assert _said(text) == expect


@pytest.mark.parametrize("byline", ["记者：张小明", "记者：张小明 通讯员：李红"])
def test_a_byline_is_no_interviewer_turn(byline: str) -> None:
    # read as a turn, it put the article into transcript mode: narration became the last speaker's answer
    got = _said(byline, "王海说：“我们会跟进。”", "这家公司去年营收增长了两成，门店数量也翻了一番。")
    assert got == [("王海", "我们会跟进。")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("刚搬进新房的陈海夫妇回忆，他们排了两年的队才等到这套房子。", "刚搬进新房的陈海夫妇"),
    ("赵海东夫妇表示，他们排了两年的队才等到这套房子。", "赵海东夫妇"),
])
def test_a_couple_speaks_as_one_source(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", text)])] == [speaker]
