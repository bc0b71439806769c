"""Spec-driven probes (issue 14): document, anonymous, media and organisation sources in varied contexts.

Invented sentences, one kind per test. Each positive case failed before its rule; the guards beside them
are similar text that must stay as it was (they pass before and after).
"""

from __future__ import annotations

import pytest

from newscrawler.extract.quotes import extract_quotes


def _said(*paragraphs: str) -> list[tuple[str | None, str, str | None]]:
    return [(q.speaker, q.quote_text, q.cue) for q in extract_quotes([("p", p) for p in paragraphs])]


def _typed(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.speaker_type) for q in extract_quotes([("p", p) for p in paragraphs])]


# --- an office whose name holds a one-character title (总 in 海关总署) before 的 + a document ---------------

@pytest.mark.parametrize(("text", "expect"), [
    ("而海关总署的数据还显示，前十个月进出口总额同比增长三成。",
     ("海关总署的数据", "前十个月进出口总额同比增长三成", "显示")),
    ("关税总署的数字也显示，小微企业的减税额度超过预期。",
     ("关税总署的数字", "小微企业的减税额度超过预期", "显示")),
])
def test_an_office_with_a_title_character_then_its_document(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    # guards: a title then a real name still splits (the name has no 的)
    ("宏达集团总经理王建国表示，新厂将在年底投产。", ("王建国", "新厂将在年底投产", "表示")),
    ("东岭商务部的数据还显示，外贸订单有所回升。", ("东岭商务部的数据", "外贸订单有所回升", "显示")),
])
def test_titled_names_and_plain_offices_stay(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- a unit of a body (支队, 大队) after a role word is no surname and given name --------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("东岭交警支队提醒，冰雪天开车务必减速。", ("东岭交警支队", "organization")),
    ("南岭市公安局交警支队表示，事故路段已恢复通行。", ("南岭市公安局交警支队", "organization")),
])
def test_a_unit_after_a_role_word_is_the_body(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


def test_a_role_word_then_a_real_name_stays_a_person() -> None:
    assert _typed("东岭交警支勇表示，事故路段已恢复通行。") == [("支勇", "person")]


# --- a person counted by 位/名, named by an unlisted noun ---------------------------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("“这真的很不容易。”一位宏达汽车的经销商说。", ("宏达汽车的经销商", "这真的很不容易。", "说")),
    ("“这真的很不容易。”一名快递小哥说。", ("快递小哥", "这真的很不容易。", "说")),
])
def test_a_counted_person_after_a_direct_quote(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


def test_a_counted_person_before_the_cue_is_anonymous() -> None:
    assert _typed("一位经销商说，新车的订单已经排到明年。") == [("经销商", "anonymous")]


@pytest.mark.parametrize("text", [
    "“这真的很不容易。”一家经销商的门店里贴着这句话。",
    "两家经销商已经退出了这个市场。",
])
def test_counted_firms_or_no_cue_stay_unattributed(text: str) -> None:
    assert _said(text) == []


# --- 据 + an anonymous source: 消息 inside 消息人士 is no frame word, and 据 is never part of the speaker --------

@pytest.mark.parametrize(("text", "expect"), [
    ("据一位接近谈判的消息人士昨天透露，协议文本已基本敲定。",
     ("接近谈判的消息人士", "协议文本已基本敲定", "透露")),
    ("据一位消息人士私下透露，协议文本已基本敲定。", ("消息人士", "协议文本已基本敲定", "透露")),
    ("据一位参会人士回忆，会上争论十分激烈。", ("参会人士", "会上争论十分激烈", "回忆")),
    ("据多名员工反映，食堂的饭菜质量明显下降。", ("员工", "食堂的饭菜质量明显下降", "反映")),
])
def test_ju_then_an_anonymous_source(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("据新华社消息，东岭大桥将于本月底通车。", [("新华社", "东岭大桥将于本月底通车", "消息")]),
    ("据此，法院驳回了原告的全部请求。", []),
])
def test_ju_frames_with_a_message_or_none_stay(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


# --- a 《title》 that ends in a document head holding a paper's head (公报, 通报 end in 报) ---------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("根据《2025年东岭市国民经济和社会发展统计公报》，全市常住人口达到八百万。",
     ("2025年东岭市国民经济和社会发展统计公报", "document")),
    ("《关于东岭化工厂火灾事故的通报》指出，企业负有主要责任。", ("关于东岭化工厂火灾事故的通报", "document")),
    ("东岭证券研报称，下半年市场将震荡上行。", ("东岭证券研报", "document")),
])
def test_a_titled_document_ending_in_bao(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("《东岭晚报》昨天在报道中说，新开的夜市人气很旺。", ("东岭晚报", "media")),
    ("据《南岭商报》报道，新开的夜市人气很旺。", ("南岭商报", "media")),
])
def test_a_titled_paper_stays_media(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


# --- a date with 晚/早 (7月2日晚) and a bare 网上 between the speaker and the cue are no part of the speaker ------

@pytest.mark.parametrize(("text", "expect"), [
    ("对于坊间的种种猜测，东岭证监局3月5日晚表态说要彻查此事。", ("东岭证监局", "要彻查此事", "表态说")),
    ("一位快递员前天网上留言称，他连续三个月没有休息。", ("快递员", "他连续三个月没有休息", "留言称")),
])
def test_a_time_or_a_place_before_the_cue_is_peeled(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭线上表示，平台将下调商户的佣金。", ("东岭线上", "平台将下调商户的佣金", "表示")),
    ("东岭证监局3月5日表态说要彻查此事。", ("东岭证监局", "要彻查此事", "表态说")),
])
def test_a_name_ending_in_a_place_word_or_a_plain_date_stays(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- false friends of the document cues: a device's display, a pronoun's act, a time condition ---------------

@pytest.mark.parametrize("text", [
    "屏幕上显示，当前的网络连接已经断开。",
    "仪表盘显示，油箱里的汽油已经见底。",
    "他的沉默表明他并不同意这个方案。",
    "后台数据显示异常时，值班人员要立即上报。",
])
def test_a_display_a_manner_or_a_condition_is_no_source(text: str) -> None:
    assert _said(text) == []


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭大学的一项调查还显示，近六成受访学生每天睡眠不足七小时。",
     ("东岭大学的一项调查", "近六成受访学生每天睡眠不足七小时", "显示")),
    ("监控显示，该男子于当晚十点离开了仓库。", ("监控", "该男子于当晚十点离开了仓库", "显示")),
    ("他的病历显示，手术前已有三次住院记录。", ("他的病历", "手术前已有三次住院记录", "显示")),
    ("数据显示去年同期的销量只有一半。", ("数据", "去年同期的销量只有一半", "显示")),
])
def test_documents_and_data_still_speak(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    # a clause with its own subject before 时 is what the document shows (both failed before)
    ("报告显示经济下行时，消费者会减少开支。", ("报告", "经济下行时，消费者会减少开支", "显示")),
    ("调查显示受访者在家时，更愿意网购。", ("调查", "受访者在家时，更愿意网购", "显示")),
])
def test_a_document_showing_a_clause_with_its_own_time(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    # guards: a bare predicate, 为…, 在…上 before 时 is still a display's condition
    "仪表显示为红色时，应立即停机检查。",
    "提示信息显示在屏幕上时，用户需要点击确认。",
    "指示灯显示不正常时，请联系维修人员。",
])
def test_a_display_condition_stays_no_source(text: str) -> None:
    assert _said(text) == []


# --- a bare 公司/集团 before its cue (with 还, or 在年报中) refers back to the company named before ----------------

@pytest.mark.parametrize(("text", "expect"), [
    ("东岭公司去年亏损三亿元，公司在年报中解释称，原料涨价是亏损的主因。", ("东岭公司", "原料涨价是亏损的主因", "解释称")),
    ("南岭集团上半年营收下滑。集团还表示，下半年将收缩海外业务。", ("南岭集团", "下半年将收缩海外业务", "表示")),
])
def test_a_bare_company_refers_back(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("小王在一家物流公司上班，公司还表示今年不会裁员。", ("公司", "今年不会裁员", "表示")),
    ("南岭集团上半年营收下滑。该集团表示，下半年将收缩海外业务。", ("南岭集团", "下半年将收缩海外业务", "表示")),
])
def test_an_unnamed_company_or_a_demonstrative_stays(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- a channel: an office issues a warning, a notice or a reminder, then its words (发布预警称) --------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("因强对流天气逼近，东岭市气象台发布预警称，未来两天山区将有大暴雨。",
     ("东岭市气象台", "未来两天山区将有大暴雨", "发布预警称")),
    ("东岭市教育局日前发出通知称，各校不得提前开学。", ("东岭市教育局", "各校不得提前开学", "发出通知称")),
    ("昨天，东岭市消协发布提示称，消费者应谨慎购买预付卡。", ("东岭市消协", "消费者应谨慎购买预付卡", "发布提示称")),
])
def test_an_office_issues_then_says(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "东岭市气象台发布预警，未来两天山区将有大暴雨。",
    "市民收到预警后，纷纷取消了周末的出行计划。",
])
def test_an_issued_notice_without_its_speech_verb_stays(text: str) -> None:
    assert _said(text) == []


# --- role nouns that open with a surname character (干部, 农民, 信贷经理) are no surname and given name -------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭一家银行的信贷经理坦言，今年的放贷额度明显收紧。", ("南岭一家银行的信贷经理", "anonymous")),
    ("当地一名不愿透露姓名的干部说，上级已经派人下来核查。", ("当地一名不愿透露姓名的干部", "anonymous")),
    ("一位农民说，今年的玉米收成比往年好。", ("农民", "anonymous")),
    ("村干部韩立军说，上级已经派人下来核查。", ("韩立军", "person")),
])
def test_a_role_noun_is_no_name(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("农民张秋生说，今年的玉米收成比往年好。", ("张秋生", "person")),
    ("项目经理李强说，工期可能要延后一个月。", ("李强", "person")),
])
def test_a_role_then_a_name_stays_the_person(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


# --- information as a document (X披露的信息显示), a court's ruling after 根据 -----------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭公司上周披露的信息显示，董事长已因个人原因辞职。", ("南岭公司上周披露的信息", "document")),
    ("根据东岭中院的判决书，王某曾多次收受供应商的财物。", ("东岭中院的判决书", "document")),
])
def test_information_and_a_ruling_as_documents(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


@pytest.mark.parametrize("text", [
    "根据《东岭市物业管理条例》，业主委员会每年改选一次。",
    "这条信息显示在屏幕的右上角。",
])
def test_a_law_framing_or_a_displayed_message_stays(text: str) -> None:
    assert _said(text) == []


def test_figures_showing_a_span_of_time_still_report() -> None:
    assert _said("数据显示在过去十年里，东岭的出口额翻了一番。") == [("数据", "在过去十年里，东岭的出口额翻了一番", "显示")]


# --- a three- or four-character manner before 地 (语重心长地, 半开玩笑地, 笑眯眯地) is no part of the speaker ----------

@pytest.mark.parametrize(("text", "expect"), [
    ("韩立军语重心长地说，年轻人做事要踏实。", ("韩立军", "年轻人做事要踏实", "说")),
    ("南岭公司总经理韩立军斩钉截铁地说，绝不会放弃这个项目。", ("韩立军", "绝不会放弃这个项目", "说")),
    ("周海波半开玩笑地说，再降价就要亏本了。", ("周海波", "再降价就要亏本了", "说")),
    ("南岭公司毫不客气地回应称，对方的说法纯属捏造。", ("南岭公司", "对方的说法纯属捏造", "回应称")),
    ("该公司负责人不无担忧地表示，下个季度的订单可能减少。", ("该公司负责人", "下个季度的订单可能减少", "表示")),
])
def test_a_long_manner_before_the_cue_is_peeled(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    # a three-character name, then a two-character manner or a degree word and one: the whole name stays
    ("韩立军高兴地说，今年的玉米收成不错。", ("韩立军", "今年的玉米收成不错", "说")),
    ("韩立军很高兴地说，今年的玉米收成不错。", ("韩立军", "今年的玉米收成不错", "说")),
    ("韩立军笑眯眯地说，今年的玉米收成不错。", ("韩立军", "今年的玉米收成不错", "说")),
    # an anonymous speaker, then a two-character manner: the speaker stays whole
    ("“这个月的销量不太理想。”南岭一家汽车经销店的销售顾问无奈地说。",
     ("南岭一家汽车经销店的销售顾问", "这个月的销量不太理想。", "说")),
])
def test_short_manners_and_whole_names_stay(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- 回复 reports a reply (with its comma or a speech suffix); 客服 is an unnamed source ---------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭航空客服回复称，改签不收取任何费用。", ("南岭航空客服", "改签不收取任何费用", "回复称")),
    ("韩立军当晚通过短信回复，能说的都已经写进声明了。", ("韩立军", "能说的都已经写进声明了", "回复")),
])
def test_a_reply_reports(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "记者向南岭航空发函询问，截至发稿未收到回复。",
    "韩立军很快回复了那封邮件。",
])
def test_a_reply_as_a_noun_or_an_act_stays(text: str) -> None:
    assert _said(text) == []


# --- habitual adverbs before the cue (常, 经常, 总, 一向) and 说过 with its comma -----------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("韩立军常说，做生意先要讲诚信。", ("韩立军", "做生意先要讲诚信", "说")),
    ("韩立军经常对徒弟说，做生意先要讲诚信。", ("韩立军", "做生意先要讲诚信", "说")),
    ("韩立军一向认为，做生意先要讲诚信。", ("韩立军", "做生意先要讲诚信", "认为")),
    ("韩立军曾说过，做生意先要讲诚信。", ("韩立军", "做生意先要讲诚信", "说过")),
])
def test_a_habit_or_a_past_saying_reports(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("韩总说，做生意先要讲诚信。", [("韩总", "做生意先要讲诚信", "说")]),
    ("“我们对前景充满信心。”南岭几家药企的老总集体表态。", [("南岭几家药企的老总", "我们对前景充满信心。", "表态")]),
    ("韩立军说过的话，徒弟们一直记得。", []),
    ("韩立军从没说过，做生意可以不讲诚信。", []),
])
def test_a_boss_title_and_nominal_sayings_stay(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


def test_together_before_the_cue_is_peeled() -> None:
    assert _said("“我们对前景充满信心。”南岭几家药企的老总一起发声。") == [
        ("南岭几家药企的老总", "我们对前景充满信心。", "发声")]


# --- the reporter's outlet before 记者从X获悉 (本报记者, 东岭晚报记者); a news app (客户端) as an outlet ---------------

@pytest.mark.parametrize(("text", "expect"), [
    ("本报记者昨日从南岭市水务局获悉，老城区的管网改造将于月底完工。",
     ("南岭市水务局", "老城区的管网改造将于月底完工", "获悉")),
    ("东岭晚报记者从南岭市水务局了解到，老城区的管网改造将于月底完工。",
     ("南岭市水务局", "老城区的管网改造将于月底完工", "了解到")),
    ("南岭新闻客户端报道称，老城区的管网改造将于月底完工。",
     ("南岭新闻客户端", "老城区的管网改造将于月底完工", "报道称")),
])
def test_an_outlet_before_the_reporter_or_an_app(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "本报记者还了解到，老城区的管网改造将于月底完工。",
    "韩立军记者从南岭市水务局获悉，老城区的管网改造将于月底完工。",
])
def test_the_reporter_alone_or_a_name_before_the_reporter_stays(text: str) -> None:
    assert _said(text) == []


# --- a titled report resumed as 报告 keeps its whole title (digits too); 据X预报 names the forecaster ---------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭学院日前发布《2025年毕业生去向报告》，报告显示，应届生就业比例超过九成。",
     ("2025年毕业生去向报告", "应届生就业比例超过九成", "显示")),
    ("据南岭市气象台预报，未来三天全市以晴到多云为主。", ("南岭市气象台", "未来三天全市以晴到多云为主", "预报")),
])
def test_a_resumed_title_and_a_forecast(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("南岭学院日前发布一份就业报告。报告指出，应届生就业比例超过九成。",
     [("就业报告", "应届生就业比例超过九成", "指出")]),
    ("据天气预报，未来三天全市以晴到多云为主。", []),
])
def test_an_untitled_report_and_the_weather_forecast_stay(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


# --- a dateline's bracketed byline, a reporter interviewing, a normative 应当 -------------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭晚报讯（韩立军）南岭投资公司昨天称，去年的收益率为百分之五。", ("南岭投资公司", "去年的收益率为百分之五", "称")),
    ("《南岭商报》记者走访几位研究社保的学者均指出，社保基金入股要经多道审批。",
     ("研究社保的学者", "社保基金入股要经多道审批", "指出")),
])
def test_a_byline_or_the_reporters_interview_is_no_part_of_the_speaker(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


def test_a_rule_saying_what_must_be_announced_is_no_report() -> None:
    assert _said("处分决定应当向受处分者本人宣布，同时抄送其单位。") == []


@pytest.mark.parametrize(("text", "expect"), [
    ("南岭晚报讯（记者 韩立军）南岭投资公司昨天称，去年的收益率为百分之五。",
     ("南岭投资公司", "去年的收益率为百分之五", "称")),
    ("记者走访的几位学者都指出，社保基金入股要经多道审批。", ("学者", "社保基金入股要经多道审批", "指出")),
])
def test_a_reporter_byline_and_a_relative_clause_stay(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- 表示 meaning 'indicate' after a thing named by a demonstrative; abstract nouns that 'tell us' ---------------

@pytest.mark.parametrize("text", [
    "这一举措表示当局对物价问题格外重视。",
    "该指数低于五十表示经济处于收缩状态。",
    "该基金重点资助原创性的基础研究，该奖项则强调表彰青年学者。",
    "历史告诉我们，闭门造车没有出路。",
    "经验告诉我们，闭门造车没有出路。",
])
def test_a_thing_that_indicates_or_a_lesson_is_no_speaker(text: str) -> None:
    assert _said(text) == []


@pytest.mark.parametrize(("text", "expect"), [
    ("这名男子说，他已经三天没吃饭了。", ("这名男子", "他已经三天没吃饭了", "说")),
    ("这位母亲说她一直很担心。", ("这位母亲", "她一直很担心", "说")),
    ("这位专家认为这一政策有效。", ("这位专家", "这一政策有效", "认为")),
    ("南岭评级表示，上调东岭集团的信用等级。", ("南岭评级", "上调东岭集团的信用等级", "表示")),
])
def test_people_and_named_bodies_still_speak(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- a market move before 显示 is a sign, not a source -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "成交量萎缩显示多数散户在场外观望。",
    "房价回落显示，炒房客的信心已经动摇。",
])
def test_a_market_move_is_no_source(text: str) -> None:
    assert _said(text) == []


def test_a_platform_still_shows() -> None:
    assert _said("天眼查显示，该公司成立于2010年。") == [("天眼查", "该公司成立于2010年", "显示")]


# --- Taiwanese datelines and bylines ((X社記者…電), 記者X／Y報導) and 召開記者會 before the cue ---------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("（東嶺社記者韓立軍台北17日電）南嶺市衛生局今天指出，腸病毒疫情已進入高峰期。",
     ("南嶺市衛生局", "腸病毒疫情已進入高峰期", "指出")),
    ("記者韓立軍／台北報導 南嶺市衛生局今天指出，腸病毒疫情已進入高峰期。",
     ("南嶺市衛生局", "腸病毒疫情已進入高峰期", "指出")),
    ("立法委員韓立軍今天上午召開記者會指出，年金改革的方案缺乏配套。",
     ("韓立軍", "年金改革的方案缺乏配套", "指出")),
])
def test_a_dateline_a_byline_or_a_press_conference(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("（記者韓立軍）南嶺市衛生局今天指出，腸病毒疫情已進入高峰期。",
     ("南嶺市衛生局", "腸病毒疫情已進入高峰期", "指出")),
    ("立法委員韓立軍今天上午召開記者會時指出，年金改革的方案缺乏配套。",
     ("韓立軍", "年金改革的方案缺乏配套", "指出")),
])
def test_a_reporter_byline_and_an_occasion_with_shi_stay(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


# --- more datelines: a bracketed (X報道), an outlet's 报道 and its reporter before a space ------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("（南嶺晚報報道）南嶺市衛生署昨日表示，流感疫情已進入高峰期。", ("南嶺市衛生署", "流感疫情已進入高峰期", "表示")),
])
def test_a_dateline_before_the_speaker_is_peeled(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


def test_an_outlet_reporting_with_a_comma_stays_a_relay() -> None:
    assert _said("南岭日报报道，南岭市卫生局5日表示，流感疫情已进入高峰期。") == [
        ("南岭市卫生局", "流感疫情已进入高峰期", "表示")]


# --- Hong Kong sources: neighbours (街坊) and groups (團體) -------------------------------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("姓陳的街坊說，這條街十年前很熱鬧。", ("姓陳的街坊", "anonymous")),
    ("陳姓街坊說，這條街十年前很熱鬧。", ("陳姓街坊", "anonymous")),
    ("有團體批評，政府給的諮詢期太短。", ("團體", "organization")),
])
def test_neighbours_and_groups_speak(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


def test_a_team_event_is_no_group() -> None:
    assert _said("团体赛中，南岭队表示会全力以赴。") == [("南岭队", "会全力以赴", "表示")]


# --- 据/根据 + a notice, a file, minutes or a prospectus; a verb inside the relative clause is no cue ---------------

@pytest.mark.parametrize(("text", "expect"), [
    ("据南岭市教育局通知，全市中小学下周一起回到教室上课。",
     ("南岭市教育局", "全市中小学下周一起回到教室上课", "通知")),
    ("根据南岭市政府的文件，全市中小学下周一起回到教室上课。",
     ("南岭市政府的文件", "全市中小学下周一起回到教室上课", "根据")),
    ("据记者拿到的一份会议纪要，南岭公司打算裁员两成。", ("记者拿到的一份会议纪要", "南岭公司打算裁员两成", "据")),
    ("根据南岭公司披露的招股书，该公司去年的营收增长两成。",
     ("南岭公司披露的招股书", "该公司去年的营收增长两成", "根据")),
    ("根据起诉书指控，被告人韩某多次收受供应商的财物。", ("起诉书", "被告人韩某多次收受供应商的财物", "指控")),
])
def test_ju_and_genju_with_a_document(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize(("text", "expect"), [
    ("据南岭公司招股书披露，该公司去年的营收增长两成。",
     [("南岭公司招股书", "该公司去年的营收增长两成", "披露")]),
    ("根据有关文件，全市中小学下周一起回到教室上课。", []),
])
def test_a_document_with_its_cue_or_unnamed_files_stay(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


# --- a resumed role (该高管, 这位业务员) and one of the sources (其中一位人士) refer back ------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("南岭集团一位高管透露，公司今年将扩大招聘。该高管还称，新增岗位将超过一千个。",
     [("南岭集团一位高管", "公司今年将扩大招聘", "透露"), ("南岭集团一位高管", "新增岗位将超过一千个", "称")]),
    ("几位券商人士都判断，二手房价格短期内难以反弹。其中一位人士指出，挂牌量仍在增加。",
     [("券商人士", "二手房价格短期内难以反弹", "判断"), ("券商人士", "挂牌量仍在增加", "指出")]),
])
def test_a_resumed_source(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


@pytest.mark.parametrize(("text", "expect"), [
    ("一位人士表示，南岭集团将被收购。", [("人士", "南岭集团将被收购", "表示")]),
    ("南岭集团董事长韩立军表示，公司将扩大招聘。这位董事长还称，新增岗位将超过一千个。",
     [("韩立军", "公司将扩大招聘", "表示"), ("韩立军", "新增岗位将超过一千个", "称")]),
])
def test_a_lone_source_and_a_resumed_title_stay(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert _said(text) == expect


# --- a legal provision's condition (X认为…的，可以…) is no statement ---------------------------------------------

@pytest.mark.parametrize("text", [
    "主管部门认为申请材料不齐全的，可以要求申请人在五日内补正。",
    "仲裁委员会认为证据明显不足的，可以不予受理。",
])
def test_a_rules_condition_is_no_report(text: str) -> None:
    assert _said(text) == []


def test_a_person_saying_something_is_feasible_still_reports() -> None:
    assert _said("韩立军表示目前的方案是可行的，可以先在两个区试点。") == [
        ("韩立军", "目前的方案是可行的，可以先在两个区试点", "表示")]


@pytest.mark.parametrize(("text", "expect"), [
    # all five failed before: an unnamed source or a company giving a view shaped like a rule reports
    ("律师认为情节轻微且主动退赔的，可以免予处罚。", ("律师", "anonymous")),
    ("专家建议首次违规的，应当以教育为主。", ("专家", "anonymous")),
    ("东岭公司表示对按时完成任务的，可以给予额外奖励。", ("东岭公司", "organization")),
    # a body outside statute text reports; a company stays a speaker even where an article is cited
    ("理事会认为会员违反章程的，可以暂停其资格。", ("理事会", "organization")),
    ("依照章程第九条，东岭公司认为会员违反章程的，可以暂停其资格。", ("东岭公司", "organization")),
])
def test_a_view_shaped_like_a_rule_still_reports(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


def test_a_body_in_statute_text_is_a_provision() -> None:
    assert _said("依照章程第九条，理事会认为会员违反章程的，可以暂停其资格。") == []


# --- 业内/业界 (the trade) is an unnamed source, as the gold reads it; 外界/舆论 stay speakerless --------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("业内普遍认为，明年新能源车企将迎来洗牌。", ("业内", "anonymous")),
    ("业内预计，明年新能源车企将迎来洗牌。", ("业内", "anonymous")),
    ("业界普遍认为，明年新能源车企将迎来洗牌。", ("业界", "anonymous")),
])
def test_the_trade_speaks(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


def test_the_public_stays_speakerless() -> None:
    assert _typed("外界普遍认为，明年新能源车企将迎来洗牌。") == [(None, "unspecified")]


def test_a_long_topic_answered_before_the_cue_is_peeled() -> None:
    assert _said("发言人韩立军回应股指期货遭恶意做空一事时表示：“监管部门会一查到底。”") == [
        ("韩立军", "监管部门会一查到底。", "表示")]


# --- 有报道称 (an unnamed report, as the corpus gold reads it); 有消息称 / 有人说 stay speakerless ----------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("本月初，另有报道称，南岭公司正在筹划重组。", ("报道", "media_unnamed")),
    ("此前也有報導指出，南嶺公司正在籌劃重組。", ("報導", "media_unnamed")),
])
def test_an_unnamed_report_speaks(text: str, expect: tuple[str, str]) -> None:
    assert _typed(text) == [expect]


@pytest.mark.parametrize("text", [
    "有消息称，南岭公司正在筹划重组。",
    "有人说，南岭公司正在筹划重组。",
])
def test_unnamed_news_or_people_stay_speakerless(text: str) -> None:
    assert _typed(text) == [(None, "unspecified")]


# --- 自称 with its comma or colon reports a claim; 自称是X的男子 names someone ------------------------------------

@pytest.mark.parametrize(("text", "expect"), [
    ("韩立军自称，当时并不清楚那批货物的来历。", ("韩立军", "当时并不清楚那批货物的来历", "自称")),
    ("韩立军自称：“我只是个跑腿的。”", ("韩立军", "我只是个跑腿的。", "自称")),
])
def test_a_claim_about_oneself_reports(text: str, expect: tuple[str, str, str]) -> None:
    assert _said(text) == [expect]


@pytest.mark.parametrize("text", [
    "一名自称是记者的男子闯进了会场。",
    "该男子自称是某公司的经理，骗走了三万元。",
])
def test_a_self_styled_title_stays(text: str) -> None:
    assert _said(text) == []
