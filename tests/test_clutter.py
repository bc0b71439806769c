"""Chrome lines, related-list headings and the truncated-copy pattern."""

from __future__ import annotations

import pytest

from newscrawler.extract.clutter import is_chrome, is_related_heading, is_truncated_copy

CHROME = [
    "分享到：", "扫一扫在手机打开当前页", "上一篇：本市启动消费季", "下一篇：某某公司发布年报", "【打印】", "打印本页 关闭窗口",
    "字号：大 中 小", "阅读 (4)", "评论(0)", "0人参与", "我来说两句", "京ICP备12345678号", "Copyright © 2023 某某网 版权所有",
    "海量资讯、精准解读，尽在新浪财经APP", "下载客户端，阅读更多精彩内容", "微信 微博 QQ空间", "（完）", "返回顶部",
    # a share bar's cells (leading tab, Traditional names), a gallery's key hint, a site's watermark lines
    "\t騰訊空間", "\t開心網", "支持鍵盤翻頁 ←左 右→", "某某家园,www.example.ca", "e x a m p l e . c a",
    "家园论坛|forum.example.ca",
]
NOT_CHROME = [
    "今年以来，本市共完成老旧小区改造项目120个。",
    "分析师认为，下一阶段市场将更加关注企业盈利。",
    "一、市场为何降温",
    "报名网址：www.example.cn", "详见www.example.gov.cn", "本报记者从www.example.com获悉，市场回暖。",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", NOT_CHROME)
def test_not_chrome(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize("line", ["相关文章", "最新动态", "【相关阅读】", "热门推荐 >>", "猜你喜欢：", "24小时热文"])
def test_related_headings(line: str) -> None:
    assert is_related_heading(line)


@pytest.mark.parametrize("line", ["相关部门表示将加快推进改革。", "最新动态显示，市场回暖明显，成交量连续三周上升"])
def test_sentences_are_not_related_headings(line: str) -> None:
    assert not is_related_heading(line)


def test_truncated_copy() -> None:
    full = "东岭汽车与星河电子签署合作协议,携手建设联合实验室"
    assert is_truncated_copy("东岭汽车与星河电子签署合作", full)
    assert is_truncated_copy("东岭汽车与星河电子签署合作...", full)
    assert not is_truncated_copy(full, full)
    assert not is_truncated_copy("东岭", full)
    assert not is_truncated_copy("星河电子签署", full)
