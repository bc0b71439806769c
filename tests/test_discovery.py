"""Discovery: link classification, link extraction, paging, multi-page articles, feeds and sitemaps.

The last section runs the classifier on the link sets of the third-party corpus in ../shared/corpus
(read at test time, never copied): skipped with a reason when it is absent, a failure instead when
NEWSCRAWLER_REQUIRE_CORPUS=1 (CI).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from newscrawler.discovery import (
    FeedEntry,
    FeedError,
    SitemapURL,
    UnsafeXMLError,
    article_continuations,
    classify_link,
    extract_links,
    next_list_page,
    parse_feed,
    parse_sitemap,
    recent,
)
from newscrawler.discovery import feeds as feeds_module
from newscrawler.sites import SiteProfile, load_profiles

from .conftest import REPO, require_shared

CHINA = ZoneInfo("Asia/Shanghai")
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"  # ../shared/corpus (= conftest.CORPUS)
PLACEHOLDER_BASE = "http://corpus.invalid/page.html"

# --------------------------------------------------------------------------- URL classification

URLS: list[tuple[str, str, str]] = [
    # (url, anchor text, expected class)
    # 人民网
    ("http://politics.people.com.cn/n1/2023/0417/c1001-32665511.html", "", "article"),
    ("http://sh.people.com.cn/n2/2023/0417/c134768-40380187.html", "", "article"),
    ("http://www.people.com.cn/", "人民网首页", "list"),
    ("http://politics.people.com.cn/GB/1024/index.html", "", "list"),
    ("http://politics.people.com.cn/GB/1024/index2.html", "", "list"),
    # 新华网
    ("http://www.news.cn/politics/2023-04/17/c_1129527383.htm", "", "article"),
    ("http://www.news.cn/politics/20230417/0b1ec2f5e6e84a2a9b6c1f6a2d3e4f50/c.html", "", "article"),
    ("http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm", "", "article"),
    ("http://www.he.xinhuanet.com/news/2012-06/04/content_25340717.htm", "", "article"),
    ("http://www.news.cn/politics/", "时政", "list"),
    # 网易
    ("https://news.163.com/23/0417/09/I2J9K8L90519DDQ2.html", "", "article"),
    ("https://www.163.com/dy/article/I2J9K8L90519DDQ2.html", "", "article"),
    ("http://money.163.com/15/0704/15/ATMJ3T4K00254R91.html?from=endart", "", "article"),
    ("https://news.163.com/domestic/", "国内", "list"),
    ("https://www.163.com/", "网易首页", "list"),
    ("http://comment.tie.163.com/I2J9K8L90519DDQ2.html", "3072跟贴", "other"),
    ("http://news.163.com/keywords/4/a/4ea689c25bdf/1.html", "亦观察", "other"),
    ("http://reg.163.com/reg0.shtml?product=tie&url=https://news.163.com/19/0907/09/EOFBHDHQ0001899N.html",
     "注册", "other"),
    # 新浪
    ("https://news.sina.com.cn/c/2023-04-17/doc-imyqrxxx1234567.shtml", "", "article"),
    ("https://finance.sina.com.cn/stock/usstock/c/2019-09-09/doc-iicezzrq4681677.shtml", "", "article"),
    ("https://news.sina.com.cn/china/", "国内", "list"),
    ("http://roll.news.sina.com.cn/news/gnxw/gdxw1/index_2.shtml", "2", "list"),
    ("https://login.sina.com.cn/signup/signup.php?entry=news", "立即注册", "other"),
    ("https://search.sina.com.cn/?q=%E4%B8%A4%E4%BC%9A&c=news", "搜索", "other"),
    ("http://service.weibo.com/share/share.php?url=https%3A%2F%2Fnews.sina.com.cn%2Fc%2F2019-11-25%2F"
     "doc-iihnzahi3275702.shtml", "微博", "other"),
    ("https://n.sinaimg.cn/news/crawl/116/w550h366/20230417/632d-iekuaqt0614232.jpg", "", "other"),
    # 澎湃
    ("https://www.thepaper.cn/newsDetail_forward_22742319", "", "article"),
    ("https://www.thepaper.cn/channel_25950", "时事", "list"),
    ("https://www.thepaper.cn/list_26913", "七环视频", "list"),
    # other portals and small sites
    ("https://news.ifeng.com/c/7rtKNyg6PU9", "", "article"),
    ("http://www.guancha.cn/politics/2019_09_09_517162.shtml", "", "article"),
    ("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", "", "article"),
    ("http://www.gov.cn/zhengce/content/2023-04/17/content_5751234.htm", "", "article"),
    ("http://www.xz.gov.cn/xwzx/bmdt/202304/t20230417_4412345.html", "", "article"),
    ("http://finance.cjn.cn/syfb/202009/t3712240.htm", "", "article"),
    ("https://www.sohu.com/a/733320600_429139", "", "article"),
    ("https://www.toutiao.com/group/6716467295952044555/", "", "article"),
    ("https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html", "", "article"),
    ("http://www.upmedia.mg/news_info.php?SerialNo=83141", "", "article"),
    ("https://news.ltn.com.tw/news/business/breakingnews/3119452", "", "article"),
    ("http://www.dahe.cn/news/show.php?id=12345", "", "article"),
    ("http://news.example.cn/2023/04/17/city-opens-new-metro-line.html", "", "article"),
    ("https://readhub.cn/topic/7PM49H7yjs5", "", "article"),
    ("http://www.example.cn/news/list_2.html", "", "list"),
    ("http://www.example.cn/node_1234.htm", "", "list"),
    ("http://www.example.cn/news/?page=3", "3", "list"),
    ("http://www.example.cn/article/list.php?catid=12", "", "list"),
    ("http://www.example.cn/channel.aspx?id=42", "科普期刊", "list"),
    ("http://www.example.cn/2023/0417/", "", "list"),
    ("http://www.example.cn/2023/0417/index.html", "", "list"),
    ("http://news.example.cn/news/", "新闻", "list"),
    ("http://www.example.cn/", "", "list"),
    ("http://www.example.cn/css/style.css?v=3", "", "other"),
    ("http://www.example.cn/js/jquery.min.js", "", "other"),
    ("http://www.example.gov.cn/xxgk/2023/0417/P020230417123456.pdf", "附件", "other"),
    ("http://www.example.cn/uploads/report.docx", "", "other"),
    ("http://www.example.cn/about/contact.html", "联系我们", "other"),
    ("http://www.sina.com.cn/contactus.html", "联系我们", "other"),
    ("https://www.csdn.net/apps/download?code=pc_1555579859", "APP", "other"),
    ("https://www.ednchina.com/tag/industrial", "工业电子", "other"),
    ("http://www.example.cn/bbs/forum.php?mod=viewthread&tid=123", "", "article"),
    ("mailto:editor@example.cn", "投稿", "other"),
    ("javascript:void(0)", "分享", "other"),
    ("ftp://files.example.cn/pub/", "", "other"),
    ("http://[::1", "", "other"),
    # ambiguous shapes: the anchor text decides
    ("http://www.example.cn/zt/xinwen.html", "市政府召开新闻发布会通报一季度经济运行情况", "article"),
    ("http://www.example.cn/zt/xinwen.html", "更多>>", "list"),
    ("http://www.example.cn/zt/xinwen.html", "下载新闻客户端", "other"),
    ("http://www.example.cn/zt/xinwen.html", "", "other"),
    ("http://www.example.cn/zt/xinwen.html", "1", "list"),
    ("http://www.example.cn/zt/2023lh_special01/", "", "list"),
]


@pytest.mark.parametrize(("url", "text", "expected"), URLS)
def test_classify_link_by_url_shape_and_text(url: str, text: str, expected: str) -> None:
    assert classify_link(url, text) == expected


def test_the_table_is_large_and_covers_every_class() -> None:
    assert len(URLS) >= 40
    assert Counter(expected for _, _, expected in URLS).keys() == {"article", "list", "other"}


def test_profile_patterns_take_precedence_on_their_site_only() -> None:
    profile = SiteProfile(
        name="ex",
        domains=("example.cn",),
        start_urls=("https://www.example.cn/",),
        article_patterns=(re.compile(r"/zt/\w+\.html$"),),
        list_patterns=(re.compile(r"/story/\d+$"),),
        exclude_patterns=(re.compile(r"/news/2023/"),),
    )
    assert classify_link("http://www.example.cn/zt/xinwen.html", "", profile) == "article"
    assert classify_link("http://www.example.cn/story/4909425", "", profile) == "list"
    assert classify_link("http://www.example.cn/story/4909425") == "article"
    assert classify_link("http://news.example.cn/news/2023/04/17/a-b-c-d-e.html", "", profile) == "other"
    # off-site: the profile has no say, the generic rules decide
    assert classify_link("http://www.other.cn/zt/xinwen.html", "", profile) == "other"
    assert classify_link("http://www.other.cn/news/2023/04/17/a-b-c-d-e.html", "", profile) == "article"
    # no opinion: generic rules
    assert classify_link("http://www.example.cn/channel/", "", profile) == "list"


def test_the_shipped_profiles_agree_with_the_generic_rules_on_their_examples() -> None:
    profiles = load_profiles()
    for url, _, expected in URLS:
        for profile in profiles.values():
            if profile.is_on_site(url) and profile.classify(url) in ("article", "list"):
                assert classify_link(url, "", profile) == expected, (profile.name, url)


# --------------------------------------------------------------------------- link extraction

PAGE = """<!DOCTYPE html>
<html><head><base href="http://news.example.cn/china/"><title>列表</title></head><body>
<a href="2023/0417/a1.html"><img src="a1.jpg" alt=""></a>
<a href="2023/0417/a1.html#comments"> 标题
 一 </a>
<a href="/list_2.html#top">下一页</a>
<a href="javascript:void(0)">分享</a>
<a href="JavaScript:share()">微博</a>
<a href="mailto:x@example.cn">联系</a>
<a href="#comments">评论</a>
<a href=" https://other.cn/x.html
">外站</a>
<a href="//cdn.example.cn/a.jpg"><img alt="图片"></a>
<a href="ftp://files.example.cn/">ftp</a>
<a>没有链接</a>
<a href="">空</a>
<map><area href="/map.html" alt="地图"></map>
</body></html>"""


def test_extract_links_resolves_dedupes_and_skips() -> None:
    assert extract_links(PAGE, "http://www.example.cn/ignored-because-of-base.html") == [
        ("http://news.example.cn/china/2023/0417/a1.html", "标题 一"),
        ("http://news.example.cn/list_2.html", "下一页"),
        ("https://other.cn/x.html", "外站"),
        ("http://cdn.example.cn/a.jpg", "图片"),
        ("http://news.example.cn/map.html", "地图"),
    ]


def test_extract_links_decodes_gbk_bytes_and_obeys_an_override() -> None:
    html = '<html><head><meta charset="gbk"></head><body><a href="/a/1.html">财经要闻</a></body></html>'
    body = html.encode("gb18030")
    assert extract_links(body, "http://www.example.cn/") == [("http://www.example.cn/a/1.html", "财经要闻")]
    undeclared = html.replace('<meta charset="gbk">', "").encode("gb18030")
    assert extract_links(undeclared, "http://www.example.cn/", encoding="gbk")[0][1] == "财经要闻"


def test_extract_links_of_empty_or_xml_declared_pages() -> None:
    assert extract_links(b"", "http://www.example.cn/") == []
    assert extract_links("   ", "http://www.example.cn/") == []
    xhtml = '<?xml version="1.0" encoding="utf-8"?><html><body><a href="b.html">乙</a></body></html>'
    assert extract_links(xhtml, "http://www.example.cn/a/") == [("http://www.example.cn/a/b.html", "乙")]


# --------------------------------------------------------------------------- list paging


def _links(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    return list(pairs)


def test_next_list_page_follows_the_next_link_first() -> None:
    links = _links(("http://www.example.cn/news/index_1.html", "2"), ("http://www.example.cn/news/index_5.html", "下一页"))
    assert next_list_page(links, "http://www.example.cn/news/index.html") == "http://www.example.cn/news/index_5.html"
    for text in ("下页", "下一页>", "»", "›", "Next", ">>"):
        assert next_list_page(_links(("http://x.cn/l/3.html", text)), "http://x.cn/l/2.html") == "http://x.cn/l/3.html"


@pytest.mark.parametrize(
    ("current", "following"),
    [
        ("http://www.example.cn/news/index.html", "http://www.example.cn/news/index_1.html"),
        ("http://www.example.cn/news/index_1.html", "http://www.example.cn/news/index_2.html"),
        ("http://www.example.cn/news/list_2.html", "http://www.example.cn/news/list_3.html"),
        ("http://www.example.cn/news/?page=2&cat=3", "http://www.example.cn/news/?page=3&cat=3"),
        ("http://www.example.cn/news/", "http://www.example.cn/news/?page=2"),
        ("http://www.example.cn/news/", "http://www.example.cn/news/index_1.html"),
        ("http://www.example.cn/keywords/4/a/1.html", "http://www.example.cn/keywords/4/a/2.html"),
    ],
)
def test_next_list_page_by_the_page_numbering(current: str, following: str) -> None:
    links = _links(("http://www.example.cn/news/2023/0417/a.html", "一条新闻"), (current, "当前"), (following, ""),
                   ("http://www.example.cn/news/list_9.html", ""))
    assert next_list_page(links, current) == following


def test_next_list_page_by_page_number_text_and_never_itself_or_off_site() -> None:
    links = _links(("http://www.example.cn/news/more.php?pn=1", "1"), ("http://www.example.cn/news/more.php?pn=2", "2"),
                   ("http://www.example.cn/news/more.php?pn=3", "3"))
    assert next_list_page(links[1:], "http://www.example.cn/news/more.php") == "http://www.example.cn/news/more.php?pn=2"
    assert next_list_page(links, "http://www.example.cn/news/more.php?pn=2") == "http://www.example.cn/news/more.php?pn=3"
    assert next_list_page(_links(("http://www.example.cn/news/", "下一页")), "http://www.example.cn/news/") is None
    assert next_list_page(_links(("http://other.cn/news/index_1.html", "下一页")), "http://www.example.cn/news/") is None
    assert next_list_page(_links(("http://www.example.cn/about.html", "关于")), "http://www.example.cn/news/") is None


# --------------------------------------------------------------------------- multi-page articles


def _article(current: str, hrefs: list[tuple[str, str]]) -> str:
    anchors = "".join(f'<a href="{href}">{text}</a>' for href, text in hrefs)
    return f"<html><body><h1>标题</h1><p>正文</p><div class='pages'>{anchors}</div></body></html>"


def test_continuations_of_a_163_article_in_order_without_itself_or_other_articles() -> None:
    url = "http://money.163.com/15/0704/10/ATM2AF3B00253B0H.html"
    html = _article(url, [("ATM2AF3B00253B0H.html", "1"), ("ATM2AF3B00253B0H_3.html", "3"),
                          ("ATM2AF3B00253B0H_2.html", "2"), ("ATM2AF3B00253B0H_2.html", "下一页"),
                          ("ATM2AF3B00253B0H_4.html", "末页"), ("ATLVN28E00254IU1_2.html", "另一篇"),
                          ("http://news.163.com/15/0704/10/ATM2AF3B00253B0H_2.html", "外站同名")])
    pages = [f"http://money.163.com/15/0704/10/ATM2AF3B00253B0H_{n}.html" for n in (2, 3, 4)]
    assert article_continuations(html, url) == pages
    assert article_continuations(html, pages[0]) == pages[1:]
    assert article_continuations(html.encode("utf-8"), pages[2]) == []


def test_continuations_of_people_xinhua_trs_and_query_paged_articles() -> None:
    people = "http://politics.people.com.cn/n1/2023/0417/c1001-32665511.html"
    html = _article(people, [("c1001-32665511-2.html", "2"), ("c1001-32665511-3.html", "3"),
                             ("c1001-32665512.html", "相关新闻")])
    assert article_continuations(html, people) == [people.replace(".html", f"-{n}.html") for n in (2, 3)]

    xinhua = "http://www.news.cn/politics/2023-04/17/c_1129527383.htm"
    html = _article(xinhua, [("c_1129527383_2.htm", "下一页"), ("c_1129527999.htm", "另一篇")])
    assert article_continuations(html, xinhua) == ["http://www.news.cn/politics/2023-04/17/c_1129527383_2.htm"]

    trs = "http://www.example.gov.cn/xwzx/202304/t20230417_4412345.html"
    html = _article(trs, [("t20230417_4412345_2.html", "3"), ("t20230417_4412345_1.html", "2"),
                          ("t20230417_4412346.html", "上一篇")])
    assert article_continuations(html, trs) == [trs.replace(".html", "_1.html"), trs.replace(".html", "_2.html")]

    index = "http://www.example.cn/news/2023/0417/story/index.html"
    html = _article(index, [("index_2.html", "3"), ("index_1.html", "2"), ("../other/index_1.html", "别的")])
    assert article_continuations(html, index) == [index.replace("index.html", f"index_{n}.html") for n in (1, 2)]

    query = "http://www.example.cn/article/12345.html"
    html = _article(query, [("?page=3", "3"), ("?page=2", "2"), ("12345.html?page=1", "1"), ("/article/12346.html?page=2", "")])
    assert article_continuations(html, query) == [query + "?page=2", query + "?page=3"]

    dashed = "http://www.example.cn/a/20230417/story-9.htm"
    html = _article(dashed, [("story-9-2.htm", "2")])
    assert article_continuations(html, dashed) == ["http://www.example.cn/a/20230417/story-9-2.htm"]


def test_a_one_page_article_has_no_continuations() -> None:
    url = "https://www.thepaper.cn/newsDetail_forward_22742319"
    html = _article(url, [("newsDetail_forward_22742320", "相关"), ("/", "首页"), ("list_25462", "下一页")])
    assert article_continuations(html, url) == []


# --------------------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>示例网 要闻</title><link>http://www.example.cn/</link>
<item><title>第一条</title><link>/news/2023/04/17/one.html</link><pubDate>Mon, 17 Apr 2023 09:12:00 +0800</pubDate></item>
<item><title>第二条</title><guid>http://www.example.cn/news/2023/04/16/two.html</guid><pubDate>2023-04-16 08:00:00</pubDate></item>
<item><title>第三条</title><link>
  http://www.example.cn/news/2023/04/15/three.html
</link><dc:date>2023-04-15T10:00:00Z</dc:date></item>
<item><title>重复</title><link>http://www.example.cn/news/2023/04/17/one.html</link></item>
<item><title>无链接</title><guid isPermaLink="false">tag-123</guid></item>
<item><title>无日期</title><link>http://www.example.cn/news/x.html</link><pubDate>不是日期</pubDate></item>
</channel></rss>"""


def test_parse_rss() -> None:
    assert parse_feed(RSS.encode("utf-8"), "http://www.example.cn/rss.xml") == [
        FeedEntry("http://www.example.cn/news/2023/04/17/one.html", "第一条", datetime(2023, 4, 17, 9, 12, tzinfo=CHINA)),
        FeedEntry("http://www.example.cn/news/2023/04/16/two.html", "第二条", datetime(2023, 4, 16, 8, 0, tzinfo=CHINA)),
        FeedEntry("http://www.example.cn/news/2023/04/15/three.html", "第三条", datetime(2023, 4, 15, 10, 0, tzinfo=UTC)),
        FeedEntry("http://www.example.cn/news/x.html", "无日期", None),
    ]


def test_parse_rss_in_gb2312_bytes() -> None:
    body = RSS.replace('encoding="utf-8"', 'encoding="gb2312"').encode("gb18030")
    entries = parse_feed(body, "http://www.example.cn/rss.xml")
    assert [e.title for e in entries] == ["第一条", "第二条", "第三条", "无日期"]


def test_parse_atom_and_rdf() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>示例</title>
<entry><title type="html">甲 &amp; 乙</title><link rel="self" href="/self/1"/><link rel="alternate" href="/a/1.html"/>
<published>2023-04-17T09:12:00+08:00</published><updated>2023-04-18T00:00:00Z</updated></entry>
<entry><title>丙</title><link href="http://www.example.cn/a/2.html"/><updated>2023-04-16T01:00:00Z</updated></entry>
<entry><title>丁</title><id>http://www.example.cn/a/3.html</id></entry>
<entry><title>无</title><id>urn:uuid:1</id></entry>
</feed>"""
    assert parse_feed(atom, "http://www.example.cn/atom.xml") == [
        FeedEntry("http://www.example.cn/a/1.html", "甲 & 乙", datetime(2023, 4, 17, 9, 12, tzinfo=CHINA)),
        FeedEntry("http://www.example.cn/a/2.html", "丙", datetime(2023, 4, 16, 1, 0, tzinfo=UTC)),
        FeedEntry("http://www.example.cn/a/3.html", "丁", None),
    ]
    rdf = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title></channel>
<item><title>戊</title><link>http://www.example.cn/a/5.html</link><dc:date>2023-04-17</dc:date></item>
</rdf:RDF>"""
    assert parse_feed(rdf) == [FeedEntry("http://www.example.cn/a/5.html", "戊", datetime(2023, 4, 17, tzinfo=CHINA))]


@pytest.mark.parametrize(
    "body",
    [b"<html><body>not a feed</body></html>", b"<rss><channel><item></rss>", b"", b"\x1f\x8b\x08broken"],
)
def test_what_is_not_a_feed_raises_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, "http://www.example.cn/")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><channel><item><title>&lol9;</title><link>http://x.cn/a.html</link></item></channel></{root}>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&xxe;</title><link>http://x.cn/a.html</link></item></channel></rss>"""


@pytest.mark.parametrize("parse", [parse_feed, parse_sitemap])
def test_entity_expansion_and_external_entities_are_refused_quickly(parse: object) -> None:
    assert callable(parse)
    for body in (BILLION_LAUGHS.format(root="rss"), BILLION_LAUGHS.format(root="urlset"), EXTERNAL):
        # refused before any entity is expanded (an expansion would take minutes and gigabytes, not a timer)
        with pytest.raises(UnsafeXMLError, match="refused"):
            parse(body.encode("utf-8"), "http://x.cn/")
    assert issubclass(UnsafeXMLError, FeedError)


def test_any_doctype_is_refused_even_without_entities() -> None:
    netscape = ('<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
                "<item><title>t</title><link>http://x.cn/a.html</link></item></channel></rss>")
    with pytest.raises(UnsafeXMLError):
        parse_feed(netscape, "http://x.cn/")


def test_entity_expansion_never_hangs_in_a_fresh_interpreter() -> None:
    code = ("import sys; from newscrawler.discovery import parse_feed, UnsafeXMLError\n"
            "try:\n    parse_feed(sys.stdin.buffer.read(), 'http://x.cn/')\n"
            "except UnsafeXMLError:\n    print('refused')\n")
    out = subprocess.run([sys.executable, "-c", code], input=BILLION_LAUGHS.format(root="rss").encode(),
                         cwd=REPO, capture_output=True, timeout=60, check=True)
    assert out.stdout.decode().strip() == "refused"


# --------------------------------------------------------------------------- sitemaps

URLSET = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://www.example.cn/news/2023/04/17/one.html</loc><lastmod>2023-04-17T09:12:00+08:00</lastmod>
  <news:news><news:publication><news:name>示例网</news:name><news:language>zh</news:language></news:publication>
  <news:publication_date>2023-04-17T08:00:00+08:00</news:publication_date><news:title>第一条</news:title></news:news></url>
<url><loc>/news/2023/04/10/two.html</loc><lastmod>2023-04-10</lastmod></url>
<url><loc>http://www.example.cn/news/2023/03/01/three.html</loc><lastmod>2023-03</lastmod></url>
<url><loc>http://www.example.cn/about.html</loc></url>
<url><loc>http://www.example.cn/about.html</loc></url>
<url><loc></loc></url>
</urlset>"""


def test_parse_a_news_sitemap() -> None:
    sitemap = parse_sitemap(URLSET.encode("utf-8"), "http://www.example.cn/sitemap.xml")
    assert sitemap.children == []
    assert sitemap.urls == [
        SitemapURL("http://www.example.cn/news/2023/04/17/one.html", datetime(2023, 4, 17, 9, 12, tzinfo=CHINA),
                   datetime(2023, 4, 17, 8, 0, tzinfo=timezone(timedelta(hours=8))), "第一条"),
        SitemapURL("http://www.example.cn/news/2023/04/10/two.html", datetime(2023, 4, 10, tzinfo=CHINA)),
        SitemapURL("http://www.example.cn/news/2023/03/01/three.html", datetime(2023, 3, 1, tzinfo=CHINA)),
        SitemapURL("http://www.example.cn/about.html"),
    ]
    assert sitemap.urls[0].date == datetime(2023, 4, 17, 0, 0, tzinfo=UTC)
    assert sitemap.urls[1].date == datetime(2023, 4, 10, tzinfo=CHINA)


def test_parse_a_sitemap_index_and_gzip_bodies() -> None:
    index = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://www.example.cn/sitemap-news.xml</loc><lastmod>2023-04-17</lastmod></sitemap>
<sitemap><loc>/sitemap-2023-04.xml.gz</loc></sitemap>
</sitemapindex>"""
    parsed = parse_sitemap(gzip.compress(index.encode("utf-8")), "http://www.example.cn/sitemap.xml")
    assert parsed.urls == []
    assert parsed.children == ["http://www.example.cn/sitemap-news.xml", "http://www.example.cn/sitemap-2023-04.xml.gz"]
    base = "http://www.example.cn/"
    assert parse_sitemap(gzip.compress(URLSET.encode("utf-8")), base) == parse_sitemap(URLSET, base)
    assert parse_feed(gzip.compress(RSS.encode("utf-8")), "http://www.example.cn/")[0].title == "第一条"


def test_plain_text_sitemaps_and_wrong_roots() -> None:
    text = "http://www.example.cn/a/1.html\n\n https://www.example.cn/a/2.html \nhttp://www.example.cn/a/1.html\n/a/3.html\n"
    assert [u.url for u in parse_sitemap(text, "http://www.example.cn/").urls] == [
        "http://www.example.cn/a/1.html", "https://www.example.cn/a/2.html"
    ]
    with pytest.raises(FeedError, match="not a sitemap: root element <rss>"):
        parse_sitemap(RSS)
    with pytest.raises(FeedError, match="not an RSS or Atom feed: root element <urlset>"):
        parse_feed(URLSET)


def test_a_gzip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds_module, "MAX_XML_BYTES", 10_000)
    bomb = gzip.compress(b"<urlset>" + b" " * 50_000 + b"</urlset>")
    assert len(bomb) < 1_000
    with pytest.raises(FeedError, match="inflates beyond"):
        parse_sitemap(bomb)
    with pytest.raises(FeedError, match="larger than"):
        parse_sitemap(b"<urlset>" + b" " * 20_000 + b"</urlset>")


def test_recent_filters_by_publication_or_lastmod_date() -> None:
    sitemap = parse_sitemap(URLSET, "http://www.example.cn/")
    since = datetime(2023, 4, 12, tzinfo=CHINA)
    assert [u.url.rsplit("/", 1)[1] for u in recent(sitemap.urls, since)] == ["one.html", "about.html"]
    assert [u.url.rsplit("/", 1)[1] for u in recent(sitemap.urls, since, keep_undated=False)] == ["one.html"]
    entries = parse_feed(RSS, "http://www.example.cn/")
    assert [e.title for e in recent(entries, datetime(2023, 4, 16, 8, 0, tzinfo=CHINA))] == ["第一条", "第二条", "无日期"]
    with pytest.raises(ValueError, match="timezone-aware"):
        recent(entries, datetime(2023, 4, 16))


# --------------------------------------------------------------------------- purity


def test_the_package_is_pure() -> None:
    code = ("import sys, newscrawler.discovery as d; d.extract_links(b'<a href=/x>y</a>', 'http://a.cn/'); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'sqlalchemy', 'twisted', 'pipelines'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- the corpus link sets

# Article URL conventions of the portals in the corpus, read on host + path (never the query, where
# share and log-in endpoints carry article URLs): 163, sina, people, xinhua, thepaper, guancha, ifeng.
ARTICLE_SHAPE = re.compile(
    r"163\.com/\d{2}/\d{4}/\d{2}/[0-9A-Z]{16}(?:_\d+)?\.html$"
    r"|sina\.com\.cn/.*/\d{4}-\d{2}-\d{2}/doc-i[a-z]{7}\d{7}\.shtml$"
    r"|people\.com\.cn/n\d?/\d{4}/\d{4}/c\d+-\d+\.html$"
    r"|/\d{4}-\d{2}/\d{2}/c_\d{9,}\.htm$"
    r"|/newsDetail_forward_\d+$"
    r"|/\d{4}_\d{2}_\d{2}_\d{6}\.shtml$"
    r"|ifeng\.com/c/[0-9A-Za-z]{11}$"
)
RESOURCE = re.compile(r"\.(?:jpe?g|png|gif|webp|css|js|pdf|zip|apk|exe|mp4)$", re.I)
HOME_TEXTS = {"首页", "网站首页", "返回首页", "新闻首页", "频道首页"}


def _corpus(dataset: str) -> Path:
    require_shared(CORPUS)
    return require_shared(CORPUS / dataset)


@functools.cache
def _corpus_links() -> list[tuple[str, str, str, str]]:
    """(page id, url, text, class) for every link of every page of the two unlabelled portal sets."""
    rows: list[tuple[str, str, str, str]] = []
    for dataset in ("gne-tests-unlabelled", "cx163-unlabelled"):
        for label in sorted(_corpus(dataset).glob("*.json")):
            page = label.with_suffix(".html")
            if not page.exists():
                continue
            base = json.loads(label.read_text(encoding="utf-8")).get("url") or PLACEHOLDER_BASE
            for url, text in extract_links(page.read_bytes(), base):
                rows.append((f"{dataset}/{label.stem}", url, text, classify_link(url, text)))
    return rows


def _share(rows: list[tuple[str, str, str, str]], wanted: set[str]) -> float:
    return sum(r[3] in wanted for r in rows) / len(rows) if rows else 0.0


def test_corpus_labelled_page_urls_are_articles() -> None:
    labels = sorted(_corpus("portals-labelled").glob("*.json"))
    urls = [u for u in (json.loads(p.read_text(encoding="utf-8")).get("url") for p in labels) if u]
    assert len(urls) >= 5, "portals-labelled gives fewer page URLs than expected"
    verdicts = {url: classify_link(url) for url in urls}
    share = sum(v == "article" for v in verdicts.values()) / len(urls)
    print(f"\nportals-labelled page URLs classified article: {share:.0%} of {len(urls)}")
    assert share >= 0.9, {u: v for u, v in verdicts.items() if v != "article"}


def test_corpus_page_urls_of_every_dataset() -> None:
    # Every corpus page is an article page. Modern portal URLs (2010 on) must all look like one;
    # cwced's 2003-2006 crawl (yahoo.com.cn /050427/347/26pbv.html, forum and blog archives) is
    # only held to a floor.
    verdicts: dict[str, list[str]] = {}
    for label in sorted(require_shared(CORPUS).glob("*/*.json")):
        url = json.loads(label.read_text(encoding="utf-8")).get("url")
        if url:
            verdicts.setdefault(label.parent.name, []).append(classify_link(url))
    modern = [v for dataset, vs in verdicts.items() if dataset != "cwced" for v in vs]
    old = verdicts.get("cwced", [])
    print(f"\npage URLs classified article: modern sets {modern.count('article')}/{len(modern)}, "
          f"cwced {old.count('article')}/{len(old)}")
    assert len(modern) >= 15 and modern.count("article") / len(modern) >= 0.95
    assert len(old) >= 20 and old.count("article") / len(old) >= 0.5


def test_corpus_link_sets_are_classified_soundly() -> None:
    rows = _corpus_links()
    assert len({r[0] for r in rows}) >= 100 and len(rows) >= 10_000
    counts = Counter(r[3] for r in rows)

    shaped = [r for r in rows if ARTICLE_SHAPE.search((urlsplit(r[1]).hostname or "") + urlsplit(r[1]).path)]
    resources = [r for r in rows if RESOURCE.search(urlsplit(r[1]).path)]
    homes = [r for r in rows if r[2] in HOME_TEXTS]
    roots = [r for r in rows if urlsplit(r[1]).path in ("", "/") and not urlsplit(r[1]).query]
    headlines = [r for r in rows if len(re.findall(r"[\u4e00-\u9fff]", r[2])) >= 12
                 and not re.search(r"下载|客户端|登录|注册|广告|充值", r[2])]
    service = [r for r in rows if re.match(r"https?://(?:passport|login|reg|comment\d*|tie|search|mail)\.", r[1])]
    print(f"\ncorpus links: {len(rows)} on {len({r[0] for r in rows})} pages; "
          + ", ".join(f"{k} {v / len(rows):.0%}" for k, v in sorted(counts.items())))
    print(f"article-shaped URLs -> article: {_share(shaped, {'article'}):.1%} of {len(shaped)}")
    print(f"headline-like anchors (>= 12 CJK) -> article: {_share(headlines, {'article'}):.1%} of {len(headlines)}")
    print(f"home-page anchors -> list/other: {_share(homes, {'list', 'other'}):.0%} of {len(homes)}; "
          f"site roots -> list/other: {_share(roots, {'list', 'other'}):.0%} of {len(roots)}; "
          f"static resources -> other: {_share(resources, {'other'}):.0%} of {len(resources)}; "
          f"service hosts -> other: {_share(service, {'other'}):.0%} of {len(service)}")

    assert len(shaped) >= 1000 and _share(shaped, {"article"}) >= 0.98
    assert len(headlines) >= 1000 and _share(headlines, {"article"}) >= 0.85
    assert homes and all(r[3] != "article" for r in homes), [r for r in homes if r[3] == "article"][:5]
    assert len(roots) >= 100 and all(r[3] != "article" for r in roots), [r for r in roots if r[3] == "article"][:5]
    assert resources and all(r[3] == "other" for r in resources), [r for r in resources if r[3] != "other"][:5]
    assert len(service) >= 20 and all(r[3] == "other" for r in service), [r for r in service if r[3] != "other"][:5]
    assert all(counts[k] / len(rows) >= 0.15 for k in ("article", "list", "other")), counts


def test_corpus_pages_link_to_articles() -> None:
    rows = _corpus_links()
    pages = Counter(r[0] for r in rows)
    with_articles = {r[0] for r in rows if r[3] == "article"}
    linky = [p for p, n in pages.items() if n >= 30]
    share = sum(p in with_articles for p in linky) / len(linky)
    print(f"\npages with >= 30 links that link to at least one article: {share:.0%} of {len(linky)}")
    assert share >= 0.9, sorted(set(linky) - with_articles)


def test_corpus_multi_page_articles_are_found() -> None:
    from newscrawler.discovery import may_continue

    # cx163 holds NetEase articles split over pages (ATM2AF3B00253B0H_2.html …): every page that links
    # to its own "_N" pages must list them, in order, as continuations.
    found = 0
    for page in sorted(_corpus("cx163-unlabelled").glob("*.html")):
        body = page.read_bytes()
        links = extract_links(body, PLACEHOLDER_BASE)
        own = [u for u, _ in links if re.search(r"/15/\d{4}/\d{2}/[0-9A-Z]{16}_\d+\.html$", u)]
        stems = Counter(re.sub(r"_\d+\.html$", ".html", u) for u in own)
        if not stems:
            continue
        url = stems.most_common(1)[0][0]
        pages = article_continuations(body, url)
        numbers = [int(re.search(r"_(\d+)\.html$", p).group(1)) for p in pages]  # type: ignore[union-attr]
        assert numbers and numbers == sorted(numbers) and numbers[0] == 2, (page.name, pages)
        assert may_continue(body, url), page.name  # the workers' shortcut lets every split page through
        found += 1
    print(f"\ncx163 pages split over several pages: {found}")
    assert found >= 1


def test_may_continue_is_a_necessary_condition_for_continuations() -> None:
    from newscrawler.discovery import may_continue

    assert not may_continue("<p>正文第一段。</p><a href='/a/2.html'>相关</a>".encode())
    assert may_continue("<a href='x.html'>下一页</a>".encode("gbk"))
    assert may_continue("<a href='x.html'>下一页</a>".encode())
    assert may_continue(b"<a href='/news/2023/0417/abc_2.html'>2</a>")
    assert may_continue(b"<a href='/list?page=2'>2</a>")


@pytest.mark.parametrize(("url", "body", "expected"), [
    # the page's own file stem is in a link: a later page may be named
    ("https://n.example/a/c_1129527383.htm", "<a href='c_1129527383_2.htm'>下一页</a>", True),
    ("https://n.example/a/c1001-32665511.html", "<a href='/a/c1001-32665511-2.html'>2</a>", True),
    ("https://n.example/a/index.html", "<a href='index_1.html'>下一页</a>", True),
    ("https://n.example/a/t20230417_123.html", "<a href='t20230417_123_1.html'>2</a>", True),
    ("https://n.example/a/story.php?id=5", "<a href=\"?id=5&pn=2\">下一页</a>", True),  # a query-only link
    ("https://n.example/a/123/1.html", "<a href='2.html'>下一页</a>", True),  # numbered by directory
    ("https://n.example/a/%E6%96%B0%E9%97%BB.html", "<a href='x_2.html'>下一页</a>", True),  # not narrowed
    # 下一页 and _2.html links of other pages (a list, a gallery): not this article's
    ("https://n.example/a/c_1129527383.htm", "<a href='/list_2.html'>下一页</a>", False),
    ("https://n.example/news/2023/0417/987654.html", "<a href='/photo/55_2.htm'>图集</a>", False),
])
def test_may_continue_narrows_by_the_pages_own_file_name(url: str, body: str, expected: bool) -> None:
    from newscrawler.discovery import article_continuations, may_continue

    assert may_continue(body.encode(), url) is expected
    if not expected:  # only ever a shortcut: the full search agrees there is nothing to follow
        assert article_continuations(body.encode(), url) == []


def test_links_after_an_included_headers_own_end_tags_are_found() -> None:
    """A server-side include pastes a header with its own ``</body></html>`` before the page's list:
    browsers ignore both tags; libxml2 stopped reading there and the list's links were never queued."""
    header = "<html><head><title>频道</title></head><body><div class='top'><a href='/'>首页</a></div></body></html>\n"
    items = "".join(f"<li><a href='/news/2024/05/{i:02d}/{i}.html'>本市第{i}条新闻标题</a></li>" for i in range(1, 40))
    links = extract_links(header + f"<ul class='list'>{items}</ul></body></html>", "https://news.example.cn/list/")
    urls = [url for url, _ in links]
    assert "https://news.example.cn/news/2024/05/39/39.html" in urls and len(urls) == 40


def test_links_no_request_can_be_made_of_are_dropped_and_the_rest_kept() -> None:
    """A host that ends in a number but is no IPv4 address is refused by w3lib 2.6 (as by browsers): a
    Request of it raised inside the list page's callback, and every later link of the page was lost."""
    import scrapy

    page = ("<ul><li><a href='http://www.127.0.0.1/a.html'>坏链接一</a></li>"
            "<li><a href='http://1.2.3.4.5/b.html'>坏链接二</a></li>"
            "<li><a href='/news/2024/05/01/1.html'>本市第一条新闻标题</a></li>"
            "<li><a href='http://10.0.0.7/c.html'>内网地址</a></li></ul>")
    urls = [url for url, _ in extract_links(page, "https://news.example.cn/list/")]
    assert "https://news.example.cn/news/2024/05/01/1.html" in urls and "http://10.0.0.7/c.html" in urls
    for url in urls:
        scrapy.Request(url)  # raises for a URL w3lib refuses
