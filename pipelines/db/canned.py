"""Named read-only SQL queries for people browsing a SQLite archive, and the SQL functions they use.

Each stays within a second at 1,000,000 articles (``benchmarks/search.py``): counts come from the
tallies (``site_day``, ``speaker_day``: migration 0010), a site's newest dates from its indexes, and
search ranks the same bounded candidates as ``newscrawler search`` (``search.CANDIDATES``).

The queries are Datasette canned queries (``:name`` parameters are form fields; an empty field is
``''``, which every query treats as "no condition" or "nothing to find"). Search needs the archive's
bigram query syntax, which plain SQL cannot build, so ``register_functions`` adds two functions to a
SQLite connection (Datasette's ``prepare_connection`` hook calls it; any ``sqlite3`` user may too):

- ``newscrawler_match(q)``: the FTS5 MATCH expression for query text ``q`` (``search.fts5_match``);
  a query with nothing searchable in it (empty, only punctuation, too long) matches no row.
- ``newscrawler_title_match(q)``: the FTS5 expression for titles holding every word of ``q``
  (``search.fts5_title_match``; for ``article_title_fts``, the titles' own index, or ``article_fts``): the
  title candidates of the ranking, as ``newscrawler search`` takes them.
- ``newscrawler_snippet(body, q)``: about 80 characters of ``body`` around the first hit of ``q``,
  every hit wrapped in 【】 (``search.snippet``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from pipelines.db.search import (
    CANDIDATES,
    TITLE_CANDIDATES,
    SearchQueryError,
    fts5_match,
    fts5_title_match,
    parse_query,
    snippet,
)

TIME_ALIASES = frozenset({"newest_publish_date", "last_fetched", "last_run_started"})
"""Result columns of the canned queries that hold a stored time under a name of their own (the browser
shows every stored time in Beijing time; columns named like a time column of a table are known already)."""

MATCH_NOTHING = '""'  # an empty FTS5 phrase: valid syntax, no row has it


def match_expression(query: str | None) -> str:
    """``newscrawler_match``: the FTS5 expression for ``query``; one that matches nothing when it cannot be searched."""
    try:
        return fts5_match(query or "")
    except SearchQueryError:
        return MATCH_NOTHING


def title_match_expression(query: str | None) -> str:
    """``newscrawler_title_match``: the FTS5 title expression for ``query``; nothing when it cannot be searched."""
    try:
        return fts5_title_match(query or "") or MATCH_NOTHING
    except SearchQueryError:
        return MATCH_NOTHING


def snippet_text(body: str | None, query: str | None) -> str:
    """``newscrawler_snippet``: the highlighted snippet of ``body`` for ``query`` ('' when it cannot be searched)."""
    try:
        terms = parse_query(query or "")
    except SearchQueryError:
        return ""
    return snippet(body or "", terms)


def register_functions(connection: sqlite3.Connection) -> None:
    """Add ``newscrawler_match`` and ``newscrawler_snippet`` to a SQLite connection."""
    connection.create_function("newscrawler_match", 1, match_expression, deterministic=True)
    connection.create_function("newscrawler_title_match", 1, title_match_expression, deterministic=True)
    connection.create_function("newscrawler_snippet", 2, snippet_text, deterministic=True)


@dataclass(frozen=True, slots=True)
class CannedQuery:
    """A named query: a title and a description for the form, and its SQL."""

    title: str
    description: str
    sql: str


CANNED_QUERIES: dict[str, CannedQuery] = {
    "latest_articles": CannedQuery(
        "Latest articles",
        "The 100 most recently published articles; give a site name (or host) to see one site only.",
        """
select article.id, article.publish_date, site.name as site, article.title, article.source,
       article.channel, article.canonical_url
from article
left join site on site.id = article.site_id
where :site = '' or site.name = :site or site.domain = :site
order by article.publish_date desc, article.id desc
limit 100
""",
    ),
    "search": CannedQuery(
        "Search in Chinese",
        f"Full-text search over titles and bodies, best match first (title hits count 4×) among the newest "
        f"{CANDIDATES} matches and the newest {TITLE_CANDIDATES} title matches, as newscrawler search ranks. "
        "Words separated by spaces are all required, -word excludes; a word of any length matches where its "
        "characters stand together (经济, 中国经济, GPT-5发布). Hits are marked 【】 in the snippet.",
        f"""
with body as (select rowid as id from article_fts where article_fts match newscrawler_match(:q)
              order by rowid desc limit {CANDIDATES}),
     title as (select rowid as id from article_title_fts where article_title_fts match newscrawler_title_match(:q)
               order by rowid desc limit {TITLE_CANDIDATES}),
     candidates as (select id from body union select id from title)
select article.id, article.title, newscrawler_snippet(article.body, :q) as snippet, site.name as site,
       article.publish_date, article.source, article.canonical_url
from article_fts
join article on article.id = article_fts.rowid
left join site on site.id = article.site_id
where article_fts match newscrawler_match(:q)
  and article_fts.rowid >= (select min(id) from candidates)
  and +article_fts.rowid in (select id from candidates)
order by bm25(article_fts, 4.0, 1.0), article.id desc
limit 100
""",
    ),
    "quotes_by_speaker": CannedQuery(
        "Quotes by speaker",
        "Who said what: the quotes whose speaker contains the text given (a name, a surname, an "
        "organisation), newest article first.",
        """
select quote.speaker, quote.speaker_type, quote.cue, quote.quote_type, quote.text,
       article.id as article_id, article.title, article.publish_date, article.canonical_url
from quote
join article on article.id = quote.article_id
where :speaker != '' and quote.speaker in (
    select speaker from speaker_day where kind = '' and instr(speaker, :speaker) > 0)
order by article.publish_date desc, quote.article_id, quote.position
limit 500
""",
    ),
    "top_speakers": CannedQuery(
        "Most quoted speakers",
        "Speakers by number of quotes and of articles quoting them.",
        """
select speaker, nullif(speaker_type, '') as speaker_type, sum(quotes) as quotes, sum(articles) as articles
from speaker_day
where kind = ''
group by speaker_day.speaker, speaker_day.speaker_type
order by quotes desc, speaker
limit 200
""",
    ),
    "copies": CannedQuery(
        "Syndicated copies of an article",
        "Every archived copy of one story (转载), the original first: give an article id or URL.",
        """
select copy.id, copy.title, site.name as site, copy.publish_date, copy.first_seen,
       case when copy.duplicate_of_id is null then 'original'
            when copy.similarity >= 1.0 then 'exact copy' else 'near copy' end as kind,
       copy.similarity, copy.source, copy.canonical_url
from article as copy
left join site on site.id = copy.site_id
where copy.syndication_group = (
    select syndication_group from article
    where id = cast(:article as integer) or canonical_url = :article or url = :article
    limit 1)
order by copy.id
""",
    ),
    "site_health": CannedQuery(
        "Site health",
        "Per site: articles archived, the newest publish date, when an article was last fetched, and the "
        "last crawl run (start and status).",
        """
select site.name as site, site.domain,
       coalesce((select sum(site_day.articles) from site_day where site_day.site_id = site.id), 0) as articles,
       (select max(article.publish_date) from article where article.site_id = site.id) as newest_publish_date,
       (select max(article.last_seen) from article where article.site_id = site.id) as last_fetched,
       (select crawl_run.started_at from crawl_run where crawl_run.site = site.name
        order by crawl_run.started_at desc, crawl_run.id desc limit 1) as last_run_started,
       (select crawl_run.status from crawl_run where crawl_run.site = site.name
        order by crawl_run.started_at desc, crawl_run.id desc limit 1) as last_run_status
from site
order by site.name
""",
    ),
    "taken_down": CannedQuery(
        "Taken down",
        "Articles found removed (404/410/451), soft-removed (a deletion page served with 200) or redirected "
        "away by newscrawler watch, newest first, with the evidence; give a site name (or host) to see one "
        "site only.",
        """
select watch_event.observed_at, site.name as site, watch_event.kind, article.title, article.first_seen,
       watch_event.last_alive, watch_observation.status, watch_observation.final_url,
       watch_event.evidence, watch_observation.warc, article.id as article_id, article.canonical_url
from watch_event
join article on article.id = watch_event.article_id
join watch_observation on watch_observation.id = watch_event.observation_id
left join site on site.id = article.site_id
where watch_event.kind in ('removed', 'removed_soft', 'redirected')
  and (:site = '' or site.name = :site or site.domain = :site)
order by watch_event.observed_at desc, watch_event.id desc
limit 500
""",
    ),
    "edited": CannedQuery(
        "Edited",
        "Articles found edited by newscrawler watch (text, title or publication date changed), newest first, "
        "with the diff: title and date as [old, new], paragraphs added, removed and changed; give a site "
        "name (or host) to see one site only.",
        """
select watch_event.observed_at, site.name as site, article.title, article.first_seen,
       json_extract(watch_event.diff, '$.title') as title_change,
       json_extract(watch_event.diff, '$.publish_date') as date_change,
       json_extract(watch_event.diff, '$.changed') as paragraphs_changed,
       json_extract(watch_event.diff, '$.added') as paragraphs_added,
       json_extract(watch_event.diff, '$.removed') as paragraphs_removed,
       watch_event.diff, watch_event.version, article.id as article_id, article.canonical_url
from watch_event
join article on article.id = watch_event.article_id
left join site on site.id = article.site_id
where watch_event.kind = 'edited'
  and (:site = '' or site.name = :site or site.domain = :site)
order by watch_event.observed_at desc, watch_event.id desc
limit 500
""",
    ),
}
