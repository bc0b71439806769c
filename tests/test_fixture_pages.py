"""The extractor on synthetic portal pages (``tests/fixtures``) and on the shared seed dump.

Every fixture article (``tests.fixtures.articles``) goes through every single-page
template (``tests.fixtures.templates.TEMPLATES``) and through the two-page template;
each resulting page is run through ``newscrawler.extract.extract`` once and the
``Article`` is compared field by field with ``Page.expected``. Non-article pages
must come back with ``is_article`` False. The seed dump is rendered through
three templates when it is present (skipped otherwise, failed when
``NEWSCRAWLER_REQUIRE_CORPUS=1``; the rule lives in ``conftest.require_shared``).

The ``test_selfcheck_*`` tests check the fixtures themselves (they do not call the
extractor), so a broken fixture is told apart from a broken extractor.
"""

from __future__ import annotations

import codecs
import functools
import re

import lxml.html
import pytest

from newscrawler.extract.pages import join_pages
from newscrawler.items import Article

from .conftest import FETCHED_AT, require_shared
from .fixtures.articles import ARTICLES, FINANCE, NewsArticle
from .fixtures.make_samples import SAMPLES_DIR, sample_bytes
from .fixtures.seed import SEED_FILE, SeedPage, load_seed
from .fixtures.templates import (
    TEMPLATES,
    Page,
    article_pages,
    non_article_pages,
    split_point,
    two_page,
)

SEED_TEMPLATES = ("gbk_table", "netease", "utf8_br")

ARTICLE_PAGES: dict[str, Page] = {p.id: p for p in article_pages()}
TWO_PAGES = {a.slug: two_page(a) for a in ARTICLES}
SPLIT_PAGES: dict[str, Page] = {p.id: p for tp in TWO_PAGES.values() for p in (tp.first, tp.second)}
NON_ARTICLE_PAGES: dict[str, Page] = {p.id: p for p in non_article_pages()}
ALL_ARTICLE_PAGES: dict[str, Page] = {**ARTICLE_PAGES, **SPLIT_PAGES}
"""Pages whose ``expected`` describes an article: ``<slug>-<template>`` and ``<slug>-two_page-<n>``."""

ARTICLE_IDS = list(ALL_ARTICLE_PAGES)


# --------------------------------------------------------------------------- helpers


def collapse(text: str) -> str:
    """Whitespace runs (incl. U+3000, NBSP, tabs) to one space, ends stripped."""
    return " ".join(text.split())


def lines_of(body: str) -> list[str]:
    """``Article.body`` as whitespace-collapsed lines ([] for an empty body)."""
    return [collapse(line) for line in body.split("\n")] if body else []


def run_extract(body: bytes, url: str | None, headers: dict[str, str]) -> Article:
    """Call the extractor with the fixed fetch time (imported lazily so collection works without it)."""
    from newscrawler.extract import extract

    return extract(body, url, FETCHED_AT, headers)


@functools.cache
def extracted(page_id: str) -> Article:
    """The extractor's result for a fixture page, computed once per page."""
    page = ALL_ARTICLE_PAGES.get(page_id) or NON_ARTICLE_PAGES[page_id]
    return run_extract(page.body, page.url, page.headers)


def clutter_in_body(body: str, must_not_contain: list[str]) -> list[str]:
    """The ``must_not_contain`` strings found in a body (compared whitespace-collapsed)."""
    flat = collapse(body)
    return [s for s in must_not_contain if collapse(s) and collapse(s) in flat]


def page_text(page: Page) -> str:
    """Visible text of a fixture page (scripts and styles dropped), whitespace-collapsed."""
    assert page.codec is not None
    doc = lxml.html.document_fromstring(page.body.decode(page.codec))
    for node in doc.xpath("//script|//style"):
        node.drop_tree()
    return collapse(doc.text_content())


# --------------------------------------------------------------------------- article pages


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_is_article_with_title(page_id: str) -> None:
    page = ALL_ARTICLE_PAGES[page_id]
    got = extracted(page_id)
    assert got.is_article, got.reason
    assert got.url == page.url
    assert got.title == page.expected["title"]


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_body_lines(page_id: str) -> None:
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert lines_of(extracted(page_id).body) == [collapse(line) for line in expected["body_lines"]]


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_headings_are_body_lines(page_id: str) -> None:
    lines = lines_of(extracted(page_id).body)
    missing = [h for h in ALL_ARTICLE_PAGES[page_id].expected["headings"] if collapse(h) not in lines]
    assert not missing, f"subheadings not on their own line: {missing}"


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_body_has_no_clutter(page_id: str) -> None:
    found = clutter_in_body(extracted(page_id).body, ALL_ARTICLE_PAGES[page_id].expected["must_not_contain"])
    assert not found, f"clutter in body: {found}"


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_blocks(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    want = [(kind, collapse(text)) for kind, text in expected["blocks"]]
    assert [(b.type, collapse(b.text)) for b in got.blocks] == want
    assert got.body == "\n".join(b.text for b in got.blocks)


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_byline_fields(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert {
        "source": got.source,
        "author": got.author,
        "editor": got.editor,
        "original_title": got.original_title,
    } == {
        "source": expected["source"],
        "author": expected["author"],
        "editor": expected["editor"],
        "original_title": expected["original_title"],
    }


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_section_tags_language(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert got.channel == expected["channel"]
    assert got.breadcrumb == expected["breadcrumb"]
    assert set(got.tags) == set(expected["tags"])
    assert got.language == expected["language"]


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_disclaimers(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert [(d.kind, collapse(d.text)) for d in got.disclaimers] == [
        (kind, collapse(text)) for kind, text in expected["disclaimers"]
    ]


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_images_and_captions(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert [(i.src, collapse(i.caption or "")) for i in got.images] == [
        (src, collapse(caption)) for src, caption in expected["images"]
    ]
    assert not clutter_in_body(got.body, expected["captions"]), "a caption is in the body"


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_publish_date(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected
    assert got.publish_date is not None
    assert got.publish_date.tzinfo is not None
    assert got.publish_date.isoformat() == expected["publish_date"]
    assert got.publish_date_raw


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_encoding(page_id: str) -> None:
    got = extracted(page_id)
    expected = ALL_ARTICLE_PAGES[page_id].expected["encoding"]
    assert expected is not None and got.encoding is not None
    assert codecs.lookup(got.encoding).name == codecs.lookup(expected).name


@pytest.mark.parametrize("slug", list(TWO_PAGES))
def test_two_page_parts_assemble(slug: str) -> None:
    pages = TWO_PAGES[slug]
    first = lines_of(extracted(pages.first.id).body)
    second = lines_of(extracted(pages.second.id).body)
    assert first == [collapse(line) for line in pages.first_page_lines]
    assert first + second == [collapse(line) for line in pages.whole_lines]


@pytest.mark.parametrize("slug", list(TWO_PAGES))
def test_joined_pages_read_like_the_one_page_article(slug: str) -> None:
    pages = TWO_PAGES[slug]
    first, second = extracted(pages.first.id), extracted(pages.second.id)
    joined = join_pages(first, [second])
    one_page = extracted(f"{slug}-netease")
    assert lines_of(joined.body) == lines_of(one_page.body)
    # quotes are read from the whole text: those on page two are found, offsets index the joined blocks
    assert [(q.speaker, q.quote_text, q.block_index) for q in joined.quotes] == [
        (q.speaker, q.quote_text, q.block_index) for q in one_page.quotes]
    assert first.quotes == extracted(pages.first.id).quotes and first.body != joined.body  # inputs untouched


# --------------------------------------------------------------------------- non-article pages


@pytest.mark.parametrize("page_id", list(NON_ARTICLE_PAGES))
def test_non_article_page(page_id: str) -> None:
    got = extracted(page_id)
    assert not got.is_article
    assert got.reason
    assert got.body == ""
    assert got.blocks == []


# --------------------------------------------------------------------------- seed dump


@functools.cache
def _seed() -> SeedPage | None:
    return load_seed()


def require_seed() -> SeedPage:
    """The parsed seed dump; skipped when absent (a failure under NEWSCRAWLER_REQUIRE_CORPUS=1)."""
    require_shared(SEED_FILE)
    seed = _seed()
    assert seed is not None
    return seed


@functools.cache
def seed_page(template: str) -> Page:
    """The seed rendered through one template."""
    return TEMPLATES[template](require_seed().as_article())


@functools.cache
def seed_extracted(template: str) -> Article:
    page = seed_page(template)
    return run_extract(page.body, page.url, page.headers)


def test_selfcheck_seed_parses() -> None:
    seed = require_seed()
    assert seed.breadcrumb and seed.breadcrumb[0] == "首页"
    assert seed.title
    assert len(seed.headings) == 3
    assert seed.disclaimer and seed.disclaimer.startswith("声明")
    disclaimer = seed.as_article().disclaimer
    assert disclaimer is not None and disclaimer.kind == "reprint"
    assert seed.list_headings
    assert len(seed.related) >= 2
    for rel in seed.related:
        assert rel.short is not None and rel.title.startswith(rel.short) and rel.short != rel.title


@pytest.mark.parametrize("template", SEED_TEMPLATES)
def test_seed_title_and_subheadings(template: str) -> None:
    seed = require_seed()
    got = seed_extracted(template)
    assert got.is_article, got.reason
    assert got.title == seed.title
    lines = lines_of(got.body)
    missing = [h for h in seed.headings if collapse(h) not in lines]
    assert not missing, f"subheadings not on their own line: {missing}"


@pytest.mark.parametrize("template", SEED_TEMPLATES)
def test_seed_body_exact(template: str) -> None:
    seed = require_seed()
    assert lines_of(seed_extracted(template).body) == [collapse(text) for _, text in seed.paragraphs]


@pytest.mark.parametrize("template", SEED_TEMPLATES)
def test_seed_related_list_not_in_body(template: str) -> None:
    seed = require_seed()
    body = seed_extracted(template).body
    related = [rel.title for rel in seed.related] + [rel.short for rel in seed.related if rel.short]
    assert not clutter_in_body(body, related), "related titles or their truncated copies in the body"
    assert not set(seed.list_headings) & set(lines_of(body))


@pytest.mark.parametrize("template", SEED_TEMPLATES)
def test_seed_disclaimer(template: str) -> None:
    seed = require_seed()
    assert seed.disclaimer is not None
    got = seed_extracted(template)
    assert ("reprint", collapse(seed.disclaimer)) in [(d.kind, collapse(d.text)) for d in got.disclaimers]
    assert collapse(seed.disclaimer) not in collapse(got.body)


# --------------------------------------------------------------------------- demo sample


@pytest.mark.parametrize("name", list(sample_bytes()))
def test_selfcheck_sample_is_current(name: str) -> None:
    path = SAMPLES_DIR / name
    assert path.is_file(), f"{path} missing: run python -m tests.fixtures.make_samples"
    assert path.read_bytes() == sample_bytes()[name], "drifted: run python -m tests.fixtures.make_samples"


def test_sample_extracts_as_local_file() -> None:
    got = run_extract((SAMPLES_DIR / "finance_gbk.html").read_bytes(), None, {})
    assert got.is_article, got.reason
    assert got.title == FINANCE.title
    assert codecs.lookup(got.encoding or "ascii").name == "gb18030"


# --------------------------------------------------------------------------- the fixtures themselves


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.slug)
def test_selfcheck_article_well_formed(article: NewsArticle) -> None:
    paragraphs = [text for kind, text in article.paragraphs if kind == "p"]
    assert 6 <= len(paragraphs) <= 15
    assert all(len(text) <= 250 for text in paragraphs)
    assert sum(len(text) >= 60 for text in paragraphs) >= 6
    assert article.published_raw and article.published_iso and article.published_iso.endswith("+08:00")
    raw_numbers = [int(n) for n in re.findall(r"\d+", article.published_raw)]
    published = article.published
    assert published is not None
    p = published
    iso_numbers = [p.year, p.month, p.day, p.hour, p.minute, p.second]
    assert raw_numbers == iso_numbers[: len(raw_numbers)]
    assert all(n == 0 for n in iso_numbers[len(raw_numbers) :])
    assert len(article.editors) == len(article.editors_raw)
    assert len(article.related) >= 4
    assert article.channel == [b for b in article.breadcrumb if b not in ("首页", "首頁", "正文")][-1]
    body = "\n".join(article.lines)
    for text in [img.caption for img in article.images] + [article.title]:
        assert text not in body


def test_selfcheck_articles_cover_the_brief() -> None:
    kinds = {kind for a in ARTICLES for kind, _ in a.paragraphs}
    assert {"p", "h", "li", "table"} <= kinds
    assert {a.language for a in ARTICLES} == {"zh-Hans", "zh-Hant"}
    assert any(len(a.authors) == 2 for a in ARTICLES)
    assert any(raw != clean for a in ARTICLES for raw, clean in zip(a.editors_raw, a.editors, strict=True))
    assert any(a.original_title for a in ARTICLES)
    assert any(not a.authors_in_byline and "电（记者" in a.lines[0] for a in ARTICLES)
    assert len({a.published_raw and re.sub(r"\d", "0", a.published_raw) for a in ARTICLES}) >= 4
    assert {a.disclaimer.kind for a in ARTICLES if a.disclaimer} >= {"reprint", "investment", "copyright"}


def check_page_consistent(page: Page) -> None:
    """The page shows the title, every body line and every clutter string; no clutter string is body text."""
    expected = page.expected
    text = page_text(page)
    assert expected["title"] and collapse(expected["title"]) in text
    for kind, line in expected["blocks"]:
        for piece in line.split("\t") if kind == "table" else [line]:
            assert collapse(piece) in text, f"body text not on the page: {piece!r}"
    missing = [s for s in expected["must_not_contain"] if collapse(s) not in text]
    assert not missing, f"clutter strings not on the page: {missing}"
    body = "\n".join(expected["body_lines"])
    assert not clutter_in_body(body, expected["must_not_contain"]), "clutter string inside the expected body"


@pytest.mark.parametrize("page_id", ARTICLE_IDS)
def test_selfcheck_page_consistent(page_id: str) -> None:
    check_page_consistent(ALL_ARTICLE_PAGES[page_id])


@pytest.mark.parametrize("template", SEED_TEMPLATES)
def test_selfcheck_seed_page_consistent(template: str) -> None:
    check_page_consistent(seed_page(template))


@pytest.mark.parametrize("page_id", list(ALL_ARTICLE_PAGES) + list(NON_ARTICLE_PAGES))
def test_selfcheck_page_bytes(page_id: str) -> None:
    page = ALL_ARTICLE_PAGES.get(page_id) or NON_ARTICLE_PAGES[page_id]
    template = page_id.split("-", 1)[1] if page_id in ARTICLE_PAGES else None
    if page.codec is not None:
        page.body.decode(page.codec)  # strict
    if page.codec == "gbk" and page_id in ALL_ARTICLE_PAGES:
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("gb2312")  # GBK-only characters (喆, the em dash) present
    if template == "gbk_table":
        assert b"charset=gb2312" in page.body
    if template == "people":
        assert b"charset=GB2312" in page.body and page.codec == "utf-8"
    if template == "lying_header":
        assert "utf-8" in page.headers["Content-Type"] and page.codec == "gbk"
    if template == "no_charset":
        assert "charset" not in page.headers["Content-Type"] and b"charset" not in page.body.lower()


def test_selfcheck_rendering_is_deterministic() -> None:
    again = {p.id: p.body for p in article_pages() + non_article_pages()}
    assert again == {pid: p.body for pid, p in {**ARTICLE_PAGES, **NON_ARTICLE_PAGES}.items()}
    for article in ARTICLES:
        pages = two_page(article)
        assert pages.first.body == TWO_PAGES[article.slug].first.body
        assert pages.second.body == TWO_PAGES[article.slug].second.body
        assert pages.first_page_lines == article.lines[: split_point(article)]
