"""What every table and column of the archive means: the one source for the browser's metadata and docs/schema.md.

``TABLES`` maps each table of ``pipelines.db.models`` to a ``TableDoc``; every model column has a
``ColumnDoc`` (meaning, and the format of its values where a value is not plain text or a number).
``EXTRAS`` documents what migrations add beside the models (the SQLite FTS5 table ``article_fts`` and
the PostgreSQL ``tsvector`` column ``article_search.document``), tagged with the backend that has them.
A test keeps both exactly in step with the models and the migrated schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UTC_TIME = ("UTC timestamp: text `YYYY-MM-DD HH:MM:SS.ffffff` on SQLite, `timestamptz` on PostgreSQL")
JSON_NAMES = "JSON list of names (strings), `[]` when none"
JSON_STRINGS = "JSON list of strings, `[]` when none"
JSON_OBJECT = "JSON object"
WARC_PLACE = "`path#offset`: WARC file under the WARC root, byte offset of the record"
SHA256 = "64 lowercase hex characters (SHA-256)"
BIGRAMS = "token text: overlapping character bigrams and lowercase Latin words, separated by spaces"


@dataclass(frozen=True, slots=True)
class ColumnDoc:
    """One column: what it means, and the format of its values ('' for plain text and numbers)."""

    meaning: str
    format: str = ""
    backend: str = ""  # '' for both backends, else 'sqlite' or 'postgresql' (only in EXTRAS)
    type: str = ""  # the SQL type of a column no model declares (EXTRAS); model columns take the model's

    def text(self) -> str:
        """Meaning and format as one sentence-like string (for a column description)."""
        return f"{self.meaning} ({self.format})" if self.format else self.meaning


@dataclass(frozen=True, slots=True)
class TableDoc:
    """One table: a short title, what one row is, and every column."""

    title: str
    description: str
    columns: dict[str, ColumnDoc] = field(default_factory=dict)
    internal: bool = False  # an index or bookkeeping table: hidden in the browser, still queryable
    backend: str = ""


def _id(what: str) -> ColumnDoc:
    return ColumnDoc(f"Integer key of the {what}")


def _article_ref(extra: str = "") -> ColumnDoc:
    return ColumnDoc("The article (→ `article.id`)" + extra)


TABLES: dict[str, TableDoc] = {
    "site": TableDoc(
        "Sites",
        "One row per crawled site: a site profile, or the host name of a portal crawled without one.",
        {
            "id": _id("site"),
            "name": ColumnDoc("Site profile name (`people`, `sina` …) or the host name of an unconfigured "
                              "portal; unique; `crawl_run.site` holds the same names"),
            "domain": ColumnDoc("Host name the site row was first created from (the article URL's host)"),
        },
    ),
    "article": TableDoc(
        "Articles",
        "The current state of one article, one row per canonical URL. Earlier contents of a changed article "
        "are in article_version; reprints point to the earliest archived copy of their story.",
        {
            "id": _id("article"),
            "canonical_url": ColumnDoc("The article's key: `<link rel=canonical>`/`og:url`, else the fetched URL, "
                                       "normalised (host case, default port, fragment and tracking "
                                       "parameters removed); unique", "URL"),
            "url": ColumnDoc("The URL the article was fetched from (its first page)", "URL"),
            "site_id": ColumnDoc("The site (→ `site.id`)"),
            "title": ColumnDoc("Headline without the site suffix (`_网易财经`, `-新华网`)"),
            "body": ColumnDoc("Article text: paragraphs in reading order, one per line; subheadings are lines too",
                              "text, lines separated by `\\n`"),
            "blocks": ColumnDoc("The body as typed blocks in reading order",
                                "JSON list of objects `{type, text}`, type p, h, li, table or quote; a table "
                                "row is one block, cells joined by a tab"),
            "publish_date": ColumnDoc("When the article was published, as the page says; NULL when it gives no "
                                      "date. A date without a time is midnight Asia/Shanghai (16:00 UTC the "
                                      "day before)", UTC_TIME),
            "publish_date_raw": ColumnDoc("The text the publish date was read from, as printed"),
            "source": ColumnDoc("来源: the outlet the article credits (新华社, 人民日报 …)"),
            "author": ColumnDoc("作者/记者: the authors and reporters", JSON_NAMES),
            "editor": ColumnDoc("责任编辑: the editors, staff codes removed", JSON_NAMES),
            "original_title": ColumnDoc("原标题: the title the article had at its source, when the page says"),
            "channel": ColumnDoc("The site section the article is in (财经, 科技 …)"),
            "breadcrumb": ColumnDoc("The page's breadcrumb items, outermost first", JSON_STRINGS),
            "tags": ColumnDoc("Keywords the page gives", JSON_STRINGS),
            "language": ColumnDoc("Script of the text", "`zh-Hans` or `zh-Hant`"),
            "encoding": ColumnDoc("The codec the page's bytes were decoded with (`utf-8`, `gb18030` …)"),
            "extractor_version": ColumnDoc("Version of the extractor that produced this content (bumped "
                                           "whenever extraction output can change)"),
            "content_hash": ColumnDoc("Hash of the body with whitespace and punctuation removed: equal for "
                                      "exact copies", SHA256),
            "signature": ColumnDoc("One-permutation MinHash signature of the body's character 4-grams "
                                   "(near-copy detection; defined in `pipelines/syndication.py`)",
                                   "JSON list of 128 integers below 2^57, `[]` for an empty body"),
            "duplicate_of_id": ColumnDoc("The earliest archived article this one copies, exactly or nearly "
                                         "(→ `article.id`); NULL for originals"),
            "syndication_group": ColumnDoc("Id of the first archived article of the story: every copy of one "
                                           "story, the original included, shares it (→ `article.id`)"),
            "similarity": ColumnDoc("Estimated character 4-gram Jaccard similarity with `duplicate_of_id`; NULL "
                                    "for originals", "0.65 … 1.0; 1.0 for exact copies"),
            "version": ColumnDoc("How many contents the article has had: 1 until it changes, then +1 per "
                                 "change (earlier ones in `article_version`)"),
            "first_seen": ColumnDoc("When the article was first fetched", UTC_TIME),
            "last_seen": ColumnDoc("When the article was last fetched", UTC_TIME),
            "warc": ColumnDoc("Where the latest raw page is archived", WARC_PLACE),
        },
    ),
    "article_version": TableDoc(
        "Earlier versions",
        "An earlier content of an article, kept when a re-crawl or re-extraction changed it.",
        {
            "id": _id("version row"),
            "article_id": _article_ref(),
            "version": ColumnDoc("The number this content had in `article.version` (1 is the first); unique "
                                 "per article"),
            "title": ColumnDoc("The title as it was"),
            "body": ColumnDoc("The body as it was", "text, lines separated by `\\n`"),
            "content_hash": ColumnDoc("Hash of that body, as `article.content_hash`", SHA256),
            "extractor_version": ColumnDoc("Version of the extractor that produced that content"),
            "record": ColumnDoc("Every field of the article as it was: the article columns plus `disclaimers` "
                                "and `images` lists; `publish_date` is an ISO 8601 string",
                                JSON_OBJECT),
            "valid_from": ColumnDoc("When this content was first seen", UTC_TIME),
            "valid_to": ColumnDoc("When the next content replaced it", UTC_TIME),
        },
    ),
    "disclaimer": TableDoc(
        "Disclaimers",
        "A notice attached to an article (声明, 免责声明, 转载说明 …), typed.",
        {
            "id": _id("disclaimer"),
            "article_id": _article_ref(),
            "position": ColumnDoc("Order within the article, from 0"),
            "kind": ColumnDoc("What the notice is about",
                              "reprint, platform, views, investment, copyright, correction or other"),
            "text": ColumnDoc("The notice as printed, label included"),
        },
    ),
    "image": TableDoc(
        "Images",
        "An image inside an article, with its caption (captions are never part of the body).",
        {
            "id": _id("image"),
            "article_id": _article_ref(),
            "position": ColumnDoc("Order within the article, from 0"),
            "src": ColumnDoc("Image address", "absolute URL"),
            "caption": ColumnDoc("Caption text; NULL when the image has none"),
        },
    ),
    "quote": TableDoc(
        "Quotes",
        "A quoted source in an article (who said what), one row per attribution.",
        {
            "id": _id("quote"),
            "article_id": _article_ref(),
            "position": ColumnDoc("Order within the article, from 0"),
            "speaker": ColumnDoc("Who is quoted, pronouns and short forms resolved to a name; NULL when "
                                 "unresolved"),
            "speaker_type": ColumnDoc("Kind of speaker", "person, organization, media, media_unnamed, "
                                      "anonymous, document or unspecified"),
            "cue": ColumnDoc("The attribution verb (表示, 称, 指出 …)"),
            "quote_type": ColumnDoc("How the words are reported", "direct, indirect or mixed"),
            "text": ColumnDoc("What was said"),
            "record": ColumnDoc("The whole quote record: speaker title and affiliation, relayed_by, addressee, "
                                "parent, block_index and start/end offsets into that block", JSON_OBJECT),
        },
    ),
    "lsh_band": TableDoc(
        "Near-copy index",
        "One LSH band key of an article's MinHash signature: articles that share a key are near-copy "
        "candidates. Written and read by the storage layer only.",
        {
            "band_key": ColumnDoc("Band number and hash of that band's signature values",
                                  "`band:16 hex characters`, band 0 … 31"),
            "article_id": _article_ref(),
        },
        internal=True,
    ),
    "article_search": TableDoc(
        "Search tokens",
        "The search tokens of an article's title and body, written with every new or changed article; "
        "indexed by article_fts (and the titles by article_title_fts) on SQLite and by the document column on "
        "PostgreSQL.",
        {
            "article_id": _article_ref("; one row per article"),
            "title": ColumnDoc("Tokens of the title", BIGRAMS),
            "body": ColumnDoc("Tokens of the body on SQLite (FTS5 reads them to update its index); always empty "
                              "on PostgreSQL, where a trigger turns them into `document` as they are written",
                              BIGRAMS),
        },
        internal=True,
    ),
    "page": TableDoc(
        "Pages that are not articles",
        "One row per fetched URL the extractor judged not an article (a list, video or gallery page, an error "
        "page, a page with too little text …): the newest text found on it, so nothing fetched disappears "
        "from search (`newscrawler search --kind page`). Its fetches are in fetch (is_article false).",
        {
            "id": _id("page"),
            "url": ColumnDoc("The URL the page was fetched from, after redirects; unique", "URL"),
            "site_id": ColumnDoc("The site (→ `site.id`)"),
            "title": ColumnDoc("The page's title, when it has one"),
            "kind": ColumnDoc("What the page is: `list`, `video`, `gallery`, `error`, `empty`, `mis-encoded`, "
                              "`timeout` or `invalid`"),
            "reason": ColumnDoc("Why it is not an article, as the extractor said (`list page`, `empty body` …)"),
            "text": ColumnDoc("The text found on the page (empty for binary, empty or mis-encoded pages)",
                              "text, lines separated by `\\n`"),
            "encoding": ColumnDoc("The codec the page's bytes were decoded with"),
            "first_seen": ColumnDoc("When the page was first kept", UTC_TIME),
            "last_seen": ColumnDoc("When it was last fetched (its text is from then)", UTC_TIME),
        },
    ),
    "page_search": TableDoc(
        "Page search tokens",
        "The search tokens of a kept page's title and text, as article_search for articles; indexed by "
        "page_fts on SQLite and by the document column on PostgreSQL.",
        {
            "page_id": ColumnDoc("The page (→ `page.id`); one row per page"),
            "title": ColumnDoc("Tokens of the title", BIGRAMS),
            "body": ColumnDoc("Tokens of the text on SQLite; always empty on PostgreSQL, where a trigger turns "
                              "them into `document`", BIGRAMS),
        },
        internal=True,
    ),
    "site_day": TableDoc(
        "Articles per site and day",
        "How many articles each site had first archived on each day (Beijing time): kept by triggers on "
        "article, read by newscrawler stats and the site_health query instead of counting articles.",
        {
            "site_id": ColumnDoc("The site (→ `site.id`); 0 for articles without a site"),
            "day": ColumnDoc("The day of the articles' `first_seen` in Asia/Shanghai", "date `YYYY-MM-DD`"),
            "articles": ColumnDoc("Articles first archived that day"),
        },
        internal=True,
    ),
    "speaker_day": TableDoc(
        "Quotes per speaker, site and day",
        "How often each resolved speaker is quoted per site and publication day (Beijing time), and the "
        "titles and affiliations those quotes give: kept by triggers on quote and article, read by "
        "newscrawler speakers and the top_speakers query instead of counting quotes.",
        {
            "speaker": ColumnDoc("The resolved speaker (`quote.speaker`)"),
            "speaker_type": ColumnDoc("Its kind (`quote.speaker_type`); '' when the quote has none"),
            "site_id": ColumnDoc("The site of the articles (→ `site.id`); 0 for articles without a site"),
            "day": ColumnDoc("The articles' publication day in Asia/Shanghai; 0001-01-01 for undated articles",
                             "date `YYYY-MM-DD`"),
            "kind": ColumnDoc("'' for the speaker's own count; 'title' or 'affiliation' for a label its quotes give"),
            "label": ColumnDoc("The title or affiliation ('' on the speaker's own row)"),
            "quotes": ColumnDoc("Quotes of the speaker (own row) or quotes giving the label"),
            "articles": ColumnDoc("Articles quoting the speaker (own row); 0 on label rows"),
            "first_key": ColumnDoc("(Article id × 10000 + the quote's position) × 1000, plus the title's place "
                                   "in its list, of the first such quote: the tie-break of rankings"),
        },
        internal=True,
    ),
    "crawl_run": TableDoc(
        "Crawl runs",
        "One crawl (or re-extraction) run: when, with which settings, how it ended, every outcome counted.",
        {
            "id": _id("run"),
            "spider": ColumnDoc("The spider that ran (`portal`, `fetch` …)"),
            "site": ColumnDoc("The site profile crawled (`site.name`); NULL for runs not of one site"),
            "started_at": ColumnDoc("When the run started", UTC_TIME),
            "finished_at": ColumnDoc("When it ended; NULL while running (or when the process died)", UTC_TIME),
            "status": ColumnDoc("How it ended", "`running`, `finished`, the close reason (`shutdown`, "
                                "`closespider_pagecount`, `database unavailable` …), or `killed` (its process "
                                "died without closing it; set when the site's next crawl starts)"),
            "settings": ColumnDoc("The crawl settings that matter for the run", JSON_OBJECT),
            "stats": ColumnDoc("Every Scrapy stat of the run, among them `newscrawler/<stage>/<outcome>` "
                               "counters and `finish_reason`", JSON_OBJECT),
        },
    ),
    "fetch": TableDoc(
        "Fetches",
        "Every fetched page, article or not: the HTTP exchange, where its raw bytes are archived, what it "
        "became.",
        {
            "id": _id("fetch"),
            "url": ColumnDoc("The URL requested", "URL"),
            "final_url": ColumnDoc("The URL answered after redirects", "URL"),
            "status": ColumnDoc("HTTP status code"),
            "headers": ColumnDoc("Response headers, name to value", JSON_OBJECT),
            "fetched_at": ColumnDoc("When the response arrived", UTC_TIME),
            "encoding": ColumnDoc("The codec the page was decoded with; NULL when not decoded"),
            "content_hash": ColumnDoc("Hash of the raw response body", SHA256),
            "warc": ColumnDoc("Where the raw exchange is archived; NULL when WARC writing is off", WARC_PLACE),
            "is_article": ColumnDoc("Whether the page was an article", "boolean: 1/0 on SQLite, true/false on "
                                    "PostgreSQL"),
            "article_id": ColumnDoc("The article the page became (→ `article.id`); NULL for other pages"),
            "crawl_run_id": ColumnDoc("The run that fetched it (→ `crawl_run.id`); NULL outside runs"),
        },
    ),
    "watch": TableDoc(
        "Watched articles",
        "One row per article `newscrawler watch` re-visits: where it stands in its schedule of re-visits "
        "(see docs/watching.md).",
        {
            "article_id": _article_ref(" watched; one row per article"),
            "site": ColumnDoc("The site the article is watched under (`site.name`)"),
            "anchor": ColumnDoc("Start of the current schedule: the article's first archiving, or the last edit "
                                "observed", UTC_TIME),
            "step": ColumnDoc("Index of the next interval of the schedule (0 is the first, 1 h by default)"),
            "next_visit": ColumnDoc("When the article is due again; NULL once the schedule is over", UTC_TIME),
            "last_visit": ColumnDoc("When it was last re-visited; NULL before the first re-visit", UTC_TIME),
            "last_status": ColumnDoc("The last verdict that said what the page is", "`alive`, `edited`, "
                                     "`reextracted`, `removed`, `removed_soft`, `redirected`; NULL before the "
                                     "first re-visit (never `unreachable` nor `not_article`)"),
            "visits": ColumnDoc("Re-visits recorded so far (a re-visit is recorded only once)"),
            "failures": ColumnDoc("Unreachable re-visits in a row (0 after any answer)"),
        },
    ),
    "watch_observation": TableDoc(
        "Watch observations",
        "One row per re-visit of a watched article: what the server answered, when, the verdict and its "
        "evidence, and the WARC record that proves it.",
        {
            "id": _id("observation"),
            "article_id": _article_ref(" re-visited"),
            "observed_at": ColumnDoc("When the re-visit was made", UTC_TIME),
            "status": ColumnDoc("HTTP status of the first answer (a 301 for a redirect); NULL when no answer came"),
            "final_url": ColumnDoc("The URL that answered last (after the redirects followed)", "URL"),
            "verdict": ColumnDoc("What the re-visit found", "`alive`, `edited`, `reextracted`, `removed`, "
                                 "`removed_soft`, `redirected`, `not_article`, `unreachable`"),
            "evidence": ColumnDoc("Why the verdict: status, redirect hops and target kind, the deletion phrase "
                                  "matched, the page kind, the network error …", JSON_OBJECT),
            "warc": ColumnDoc("Where the first answer is archived; NULL when none came or WARC writing is off",
                              WARC_PLACE),
            "content_hash": ColumnDoc("Hash of the raw body answered; NULL when none came", SHA256),
            "crawl_run_id": ColumnDoc("The watch run that made it (→ `crawl_run.id`)"),
        },
    ),
    "watch_event": TableDoc(
        "Watch events",
        "One row per change found by watching an article: an edit (with its diff), a removal, a soft removal "
        "(a deletion page served with 200), a redirect away, a restoration.",
        {
            "id": _id("event"),
            "article_id": _article_ref(" that changed"),
            "observation_id": ColumnDoc("The re-visit that found it (→ `watch_observation.id`); unique"),
            "kind": ColumnDoc("What changed", "`edited`, `removed`, `removed_soft`, `redirected`, `restored`"),
            "observed_at": ColumnDoc("When the change was observed", UTC_TIME),
            "last_alive": ColumnDoc("The last time the article had been seen as before; NULL when never re-seen "
                                    "since archiving (then `article.first_seen`)", UTC_TIME),
            "version": ColumnDoc("For an edit: the article version holding the new text (the old one is "
                                 "`article_version` with the version before); NULL otherwise"),
            "diff": ColumnDoc("For an edit (or a restoration with other text): `title` and `publish_date` as "
                              "[old, new] when changed, `paragraphs` as a list of {op: added|removed|changed, "
                              "old, new}, and the counts `added`, `removed`, `changed`; NULL otherwise",
                              JSON_OBJECT),
            "evidence": ColumnDoc("The observation's evidence (status, final URL, redirect target, matched "
                                  "deletion phrase …)", JSON_OBJECT),
        },
    ),
}

EXTRAS: dict[str, TableDoc] = {
    "article_fts": TableDoc(
        "Search index",
        "FTS5 index over article_search (rowid = article id), kept in step by triggers; query it with "
        "MATCH and phrases of bigram tokens.",
        {
            "title": ColumnDoc("Indexed title tokens", BIGRAMS, backend="sqlite", type="FTS5 column"),
            "body": ColumnDoc("Indexed body tokens", BIGRAMS, backend="sqlite", type="FTS5 column"),
        },
        internal=True,
        backend="sqlite",
    ),
    "article_title_fts": TableDoc(
        "Title search index",
        "FTS5 index over article_search.title alone (rowid = article id; migration 0012), kept in step by "
        "triggers: the newest title matches of a search, found without walking the bodies' doclists.",
        {
            "title": ColumnDoc("Indexed title tokens", BIGRAMS, backend="sqlite", type="FTS5 column"),
        },
        internal=True,
        backend="sqlite",
    ),
    "page_fts": TableDoc(
        "Page search index",
        "FTS5 index over page_search (rowid = page id), kept in step by triggers; query it as article_fts.",
        {
            "title": ColumnDoc("Indexed title tokens", BIGRAMS, backend="sqlite", type="FTS5 column"),
            "body": ColumnDoc("Indexed text tokens", BIGRAMS, backend="sqlite", type="FTS5 column"),
        },
        internal=True,
        backend="sqlite",
    ),
    "page_search": TableDoc(
        "Page search tokens",
        "Columns migrations add to page_search.",
        {
            "document": ColumnDoc("Title tokens with weight A and text tokens with weight B, set by the trigger "
                                  "page_search_document; GIN-indexed", "tsvector (config simple)",
                                  backend="postgresql", type="TSVECTOR"),
        },
        internal=True,
        backend="postgresql",
    ),
    "article_search": TableDoc(
        "Search tokens",
        "Columns migrations add to article_search.",
        {
            "document": ColumnDoc("Title tokens with weight A and body tokens with weight B, set by the trigger "
                                  "article_search_document from the tokens written (the only copy of the body "
                                  "tokens on PostgreSQL); GIN-indexed; query it with `@@ to_tsquery('simple', …)`",
                                  "tsvector (config simple)", backend="postgresql",
                                  type="TSVECTOR"),
        },
        internal=True,
        backend="postgresql",
    ),
}

INTERNAL_TABLES = ("alembic_version", "apscheduler_jobs")
"""Bookkeeping tables that are not archive data: the schema revision, scheduled jobs of ``serve``."""
