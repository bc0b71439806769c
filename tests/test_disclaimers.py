"""Notices: recognised with or without a label, typed, and told apart from prose and footers."""

from __future__ import annotations

import pytest

from newscrawler.extract.disclaimers import as_disclaimer

NOTICES = [
    ("声明:本网转发此文章,旨在为读者提供更多信息资讯,所涉内容不构成投资、消费建议。文章观点非本网观点,仅供读者参考。", "reprint"),
    ("免责声明：本文内容与数据仅供参考，不构成投资建议，使用前请核实。据此操作，风险自担。", "investment"),
    ("风险提示：市场有风险，投资需谨慎。", "investment"),
    ("特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布，本平台仅提供信息存储服务。", "platform"),
    ("本文仅代表作者观点，不代表本网意见", "views"),
    ("本文系某某网独家稿件，未经授权，不得转载。", "copyright"),
    ("转载请注明来源：某某日报", "copyright"),
    ("更正：本报昨日第三版报道中的数据有误，特此更正。", "correction"),
    ("【免责声明】本文仅代表作者本人观点，与本网无关。本网对文中陈述、观点判断保持中立。", "views"),
    ("Notice: The content above is uploaded and posted by a user of the platform, which only provides information storage services.", "platform"),
]


@pytest.mark.parametrize(("text", "kind"), NOTICES, ids=[n[0][:10] for n in NOTICES])
def test_notice_kinds(text: str, kind: str) -> None:
    notice = as_disclaimer(text)
    assert notice is not None
    assert notice.kind == kind
    assert notice.text == text


PROSE = [
    "分析人士认为，这一观点并不代表市场主流看法，投资者仍需关注后续政策走向和企业盈利的变化情况，避免盲目跟风。"
    "与此同时，多家券商研究机构发布报告称，下半年市场结构性机会仍然存在，建议关注新能源和高端制造板块。",
    "该公司表示，将继续加大研发投入，推动产品升级换代。",
    "【提示】明日起本市部分路段将实行交通管制，请市民合理安排出行。",
    "",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_a_notice(text: str) -> None:
    assert as_disclaimer(text) is None
