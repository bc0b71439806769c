"""A small news portal of invented articles for the watch tests and benchmark: page bytes per path, an
archive filled from them as a crawl would, and the edits and takedowns applied between visits."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from newscrawler.extract import extract
from newscrawler.items import ArticleItem, Fetch
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article
from pipelines.warc import WarcWriter

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
"""When the portal's articles were first archived."""
SITE = "dongchuan"
HTML = "text/html; charset=utf-8"

NAV = ("首页", "时政", "社会", "经济", "文化", "体育")
HOT = ("东川新区三条公交线路下月调整", "市图书馆延长周末开放时间", "冬季供暖设施检修工作完成", "本地青年创业大赛报名开启")

SENTENCES = (
    "东川市交通运输局昨日发布消息，城区北部新建的两座人行天桥将于本月底前投入使用，方便沿线居民出行。",
    "据介绍，天桥设计兼顾无障碍通行，两端均设置了直升电梯，并在桥面加装了防滑铺装和夜间照明设施。",
    "市民王女士说，过去每天接送孩子都要穿过车流密集的路口，天桥建成后心里踏实了许多。",
    "交通部门表示，下一步还将对周边路口的信号灯配时进行优化，进一步提升高峰时段的通行效率。",
    "东川市农业农村局近日组织专家深入各乡镇，对冬小麦苗情和越冬管理情况开展实地调查。",
    "调查显示，今年全市冬小麦播种面积稳中有增，整体苗情好于常年，一类苗比例明显提高。",
    "专家建议，各地要抓住当前有利时机，做好镇压划锄和病虫害监测，确保小麦安全越冬。",
    "当地种粮大户李师傅告诉记者，合作社今年引进了新的播种机械，出苗整齐，对明年的收成很有信心。",
    "东川市文化馆本周推出冬季公益培训课程，涵盖书法、剪纸、合唱等十余个门类，面向全体市民免费开放。",
    "文化馆负责人介绍，课程报名采取线上预约方式，每位市民最多可选择两门课程，名额有限先到先得。",
    "去年开设的剪纸课程深受欢迎，不少学员的作品还参加了全省民间艺术展览并获得奖项。",
    "文化馆还计划在春节前举办学员作品展，集中展示一年来公益培训的成果。",
)


@dataclass(slots=True)
class Story:
    """One invented article: its path on the portal, title, time and paragraphs."""

    slug: str
    title: str
    paragraphs: list[str]
    published: str = "2026-12-01 09:30"

    @property
    def path(self) -> str:
        return f"/news/2026/12/01/{self.slug}.html"


def stories(n: int, first: int = 0) -> list[Story]:
    """``n`` distinct articles (four paragraphs each, varied by their number so no two are copies)."""
    made = []
    for i in range(first, first + n):
        number = _numerals(i)  # not digits: a headline holding "404" reads as an error page
        paras = [f"{SENTENCES[(i + k) % len(SENTENCES)]}（第{number}号稿件第{k + 1}段）" for k in range(4)]
        made.append(Story(f"a{i}", f"东川要闻第{number}号：{HOT[i % len(HOT)]}", paras))
    return made


def _numerals(i: int) -> str:
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(i))


def article_page(story: Story, *, nav: tuple[str, ...] = NAV, hot: tuple[str, ...] = HOT) -> bytes:
    """The article page: navigation, headline, date line, paragraphs, a hot-news box, a footer."""
    links = "".join(f'<a href="/{k}/">{html.escape(name)}</a> ' for k, name in enumerate(nav))
    side = "".join(f'<li><a href="/news/2026/11/3{k % 10}/h{k}.html">{html.escape(t)}</a></li>'
                   for k, t in enumerate(hot))
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in story.paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(story.title)}_东川新闻网</title>"
            f"</head><body><div class=\"nav\">{links}</div><div class=\"main\"><h1>{html.escape(story.title)}</h1>"
            f"<div class=\"info\">{story.published} 来源：东川日报</div><div class=\"content\">\n{body}</div></div>"
            f"<div class=\"side\"><h3>热点推荐</h3><ul>{side}</ul></div>"
            "<div class=\"foot\">东川新闻网 版权所有 未经授权禁止转载</div></body></html>").encode()


def deleted_page() -> bytes:
    """What the portal serves with status 200 at an article it took down."""
    links = "".join(f'<a href="/{k}/">{html.escape(name)}</a> ' for k, name in enumerate(NAV))
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>提示信息_东川新闻网</title></head><body>"
            f"<div class=\"nav\">{links}</div><div class=\"main\"><h2>抱歉，您访问的页面不存在</h2>"
            "<p>该文章已被删除，5秒后自动返回首页。</p></div><div class=\"foot\">东川新闻网 版权所有</div>"
            "</body></html>").encode()


def home_page(items: list[Story]) -> bytes:
    links = "".join(f'<li><a href="{s.path}">{html.escape(s.title)}</a></li>' for s in items)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>东川新闻网</title></head><body><ul>{links}</ul>"
            "</body></html>").encode()


def archive(session: Session, base: str, items: list[Story], warc: WarcWriter | None, *,
            extractor_version: str | None = None) -> dict[str, int]:
    """Store each story as a crawl at :data:`T0` would (its page extracted, its raw exchange in ``warc``);
    return article ids by slug. ``extractor_version`` pretends an older extractor stored them."""
    ids = {}
    for story in items:
        url = base + story.path
        raw = article_page(story)
        fetch = Fetch(url=url, final_url=url, status=200, headers={"Content-Type": HTML}, body=raw, fetched_at=T0)
        record = extract(raw, url, T0, fetch.headers)
        assert record.is_article, (story.slug, record.reason)
        record.canonical_url = url
        if extractor_version is not None:
            record.extractor_version = extractor_version
        location = str(warc.write(fetch)) if warc is not None else None
        item = ArticleItem(article=record, fetch=fetch, site=SITE, warc=location)
        ids[story.slug] = save_article(session, item, T0).article_id
    return ids


def archive_into(db_url: str, base: str, items: list[Story], *, migrate: bool = True) -> dict[str, int]:
    """:func:`archive` into the archive at ``db_url`` (migrated first unless ``migrate`` is false), in one
    transaction; article ids by slug."""
    if migrate:
        upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine).begin() as session:
            return archive(session, base, items, None)
    finally:
        engine.dispose()


def warc_dir(tmp: Path) -> Path:
    return tmp / "warc"
