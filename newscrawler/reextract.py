"""Re-extract archived pages with the current extractor (``newscrawler reextract``).

Reads each article's raw response back from the WARC archive, runs the extractor
on it exactly as a crawl would (same bytes, headers, URL and fetch time; the site
profile's encoding and selectors; the later pages of a split article read back
from the WARC records written right after the first and joined by the crawl's own
``extract_joined``) and saves the result through the archive's upsert under the
article's own site: an article whose output changed gets a new version (its
previous content kept in ``article_version``), one whose output is the same only
records the new extractor version. No page is re-fetched. This module and the CLI
are the composition root: the only code that joins the extractor to the storage layer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from newscrawler.items import ArticleItem
from newscrawler.sites import SiteProfile
from newscrawler.spiders.workers import continuations, extract_joined
from pipelines.storage import (
    Session,
    articles_to_reextract,
    make_engine,
    read_following,
    read_record,
    save_article,
    session_factory,
    upgrade,
)


def reextract(db_url: str, warc_root: str | Path, *, site: str | None = None, since: datetime | None = None,
              batch_size: int = 100, progress: Callable[[int, int], None] | None = None,
              profiles: Mapping[str, SiteProfile] | None = None) -> Counter[str]:
    """Re-extract the matching archived articles; return outcome counts
    (``updated``, ``unchanged``, ``missing_raw``, ``missing_pages``, ``not_article_now``).

    ``profiles`` (by site name) give each site's encoding override and selectors, as in the crawl.
    ``missing_pages``: a split article whose later pages are not all in the WARC archive is left as it is.
    """
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    counts: Counter[str] = Counter()
    try:
        with sessions() as session:
            todo = articles_to_reextract(session, site, since)
        for start in range(0, len(todo), batch_size):
            with sessions.begin() as session:
                for _, canonical, location, site_name in todo[start : start + batch_size]:
                    profile = (profiles or {}).get(site_name)
                    counts[_one(session, canonical, location, site_name, profile, warc_root)] += 1
            if progress is not None:
                progress(min(start + batch_size, len(todo)), len(todo))
    finally:
        engine.dispose()
    return counts


def _one(session: Session, canonical: str, location: str, site: str, profile: SiteProfile | None,
         warc_root: str | Path) -> str:
    try:
        fetch = read_record(warc_root, location)
        following = continuations(fetch)
        pages = read_following(warc_root, location, following)
    except (OSError, ValueError, KeyError):
        return "missing_raw"
    if len(pages) != len(following):
        return "missing_pages"
    encoding = profile.encoding if profile else None
    selectors = profile.selectors if profile else None
    article = extract_joined(fetch, pages, encoding, selectors)
    if not article.is_article:
        return "not_article_now"
    article.canonical_url = canonical
    item = ArticleItem(article=article, warc=location, site=site, more_pages=pages)
    # the page's own fetch time, so last_seen stays what the crawls saw
    result = save_article(session, item, fetch.fetched_at)
    return result.outcome
