"""SQLAlchemy 2.x typed models of the archive.

One row per canonical URL in ``article``; every earlier content of a changed
article in ``article_version``; every HTTP exchange in ``fetch``; crawl runs in
``crawl_run``. Timestamps are timezone-aware and stored as UTC (``UtcDateTime``
normalises on the way in and re-attaches UTC on the way out, SQLite included).
Text is ``TEXT`` throughout: Chinese titles and URLs have no useful length limit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as UTC; naive values are refused (they are bugs)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime refused by the archive: {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Site(Base):
    """A crawled site (from a site profile, or the host name of an unconfigured portal)."""

    __tablename__ = "site"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    domain: Mapped[str | None] = mapped_column(Text)


class Article(Base):
    """The current state of one article, keyed by canonical URL."""

    __tablename__ = "article"
    # site + date filters (search, export, stats) read one range of this index; it also serves site_id alone
    __table_args__ = (Index("ix_article_site_id_publish_date", "site_id", "publish_date"),
                      Index("ix_article_site_id_last_seen", "site_id", "last_seen"))
    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    blocks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    publish_date: Mapped[datetime | None] = mapped_column(index=True)
    publish_date_raw: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text, index=True)
    author: Mapped[list[Any]] = mapped_column(JSON, default=list)
    editor: Mapped[list[Any]] = mapped_column(JSON, default=list)
    original_title: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    breadcrumb: Mapped[list[Any]] = mapped_column(JSON, default=list)
    tags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    language: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text, index=True)
    signature: Mapped[list[Any]] = mapped_column(JSON, default=list)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("article.id"), index=True)
    """The earliest archived article this one copies (exactly or nearly); None for originals."""
    syndication_group: Mapped[int | None] = mapped_column(Integer, index=True)
    """Id of the first article of the story: every copy of one story shares it."""
    similarity: Mapped[float | None] = mapped_column(Float)
    """Estimated character 4-gram Jaccard with ``duplicate_of`` (1.0 for exact copies)."""
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    warc: Mapped[str | None] = mapped_column(Text)
    """Where the latest raw exchange is archived: ``path#offset`` under the WARC root."""

    disclaimers: Mapped[list[Disclaimer]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Disclaimer.position"
    )
    images: Mapped[list[Image]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Image.position"
    )
    quotes: Mapped[list[Quote]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="Quote.position"
    )
    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article", cascade="all, delete-orphan", order_by="ArticleVersion.version"
    )


class ArticleVersion(Base):
    """An earlier content of an article, kept when a re-crawl or re-extraction changed it."""

    __tablename__ = "article_version"
    __table_args__ = (UniqueConstraint("article_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    """Every field of the article as it was (the JSON form of the Article contract)."""
    valid_from: Mapped[datetime]
    valid_to: Mapped[datetime]

    article: Mapped[Article] = relationship(back_populates="versions")


class Disclaimer(Base):
    """A notice attached to an article (声明, 免责声明 …), typed."""

    __tablename__ = "disclaimer"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(Text, index=True)
    text: Mapped[str] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="disclaimers")


class Image(Base):
    """An image inside an article, with its caption."""

    __tablename__ = "image"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    src: Mapped[str] = mapped_column(Text)
    caption: Mapped[str | None] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="images")


class Quote(Base):
    """A quoted source in an article (who said what), one row per attribution."""

    __tablename__ = "quote"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(Text, index=True)
    speaker_type: Mapped[str | None] = mapped_column(Text)
    cue: Mapped[str | None] = mapped_column(Text)
    quote_type: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """The whole quote record (titles, relay, addressee, parent, block index and offsets)."""

    article: Mapped[Article] = relationship(back_populates="quotes")


class LshBand(Base):
    """One LSH band key of an article's MinHash signature: near-copy candidates share a key."""

    __tablename__ = "lsh_band"
    band_key: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)


class SearchDocument(Base):
    """The search tokens of an article's title and body (character bigrams; see ``pipelines.db.search``).

    Written by the storage layer with every new or changed article. SQLite indexes it in the FTS5
    table ``article_fts`` (rowid = article id) through triggers, and the titles alone in ``article_title_fts``
    (migration 0012); PostgreSQL in a generated ``document`` tsvector column with a GIN index. Both are
    created by migration 0003, not by this model.
    """

    __tablename__ = "article_search"
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


class Page(Base):
    """A fetched page judged not an article: its newest text, kind and verdict, one row per URL."""

    __tablename__ = "page"
    __table_args__ = (Index("ix_page_site_id_last_seen", "site_id", "last_seen"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("site.id"))
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text, index=True)
    """What the page is (``list``, ``video``, ``gallery``, ``error``, ``empty`` …: ``Article.kind``)."""
    reason: Mapped[str | None] = mapped_column(Text)
    """Why it is not an article (``Article.reason``)."""
    text: Mapped[str] = mapped_column(Text)
    """The text found on the page (``Article.page_text``), lines joined by newlines."""
    encoding: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]


class PageSearch(Base):
    """The search tokens of a kept page (as ``SearchDocument`` for articles; FTS5 ``page_fts`` on SQLite,
    a trigger-set ``document`` tsvector on PostgreSQL: migration 0009)."""

    __tablename__ = "page_search"
    page_id: Mapped[int] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"), primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


class CrawlRun(Base):
    """One crawl (or re-extraction) run: when, with which settings, and every outcome counted."""

    __tablename__ = "crawl_run"
    id: Mapped[int] = mapped_column(primary_key=True)
    spider: Mapped[str] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(Text, index=True)
    """The site profile crawled (None for crawls that are not of one site)."""
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(Text, default="running")
    """running, finished, the close reason (shutdown, closespider_…, database unavailable …), or killed."""
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class FetchRecord(Base):
    """Every fetched page: the HTTP exchange, where its raw bytes are archived, what it became."""

    __tablename__ = "fetch"
    __table_args__ = (Index("ix_fetch_url_fetched_at", "url", "fetched_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    fetched_at: Mapped[datetime]
    encoding: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(Text)
    """SHA-256 of the raw response body."""
    warc: Mapped[str | None] = mapped_column(Text)
    is_article: Mapped[bool] = mapped_column(Boolean, default=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("article.id", ondelete="SET NULL"), index=True)
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"), index=True)


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class, typed (for bulk statements that skip the ORM's unit of work)."""
    table: Table = model.__table__  # type: ignore[assignment]
    return table


class WatchState(Base):
    """Where one archived article stands in its watch schedule (``newscrawler watch``)."""

    __tablename__ = "watch"
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), primary_key=True)
    site: Mapped[str | None] = mapped_column(Text, index=True)
    """The site name the article is watched under (``site.name``)."""
    anchor: Mapped[datetime]
    """When the current schedule started: the article's first archiving, or the last edit observed."""
    step: Mapped[int] = mapped_column(Integer, default=0)
    """Index of the next interval of the schedule (0: the first, 1h by default)."""
    next_visit: Mapped[datetime | None] = mapped_column(index=True)
    """When the article is due again (None: the schedule is over)."""
    last_visit: Mapped[datetime | None]
    last_status: Mapped[str | None] = mapped_column(Text)
    """The last verdict that says what the page is (alive, edited, removed …; never unreachable, not_article)."""
    visits: Mapped[int] = mapped_column(Integer, default=0)
    """Observations recorded so far (also the row's version: a visit is recorded only once)."""
    failures: Mapped[int] = mapped_column(Integer, default=0)
    """Unreachable visits in a row."""


class WatchObservation(Base):
    """One re-visit of a watched article: what the server answered, and the verdict."""

    __tablename__ = "watch_observation"
    __table_args__ = (Index("ix_watch_observation_article_id_observed_at", "article_id", "observed_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    observed_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[int | None] = mapped_column(Integer)
    """HTTP status of the first answer (None when none came: unreachable)."""
    final_url: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(Text, index=True)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    warc: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(Text)
    """SHA-256 of the raw body answered (None when none came)."""
    crawl_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"), index=True)


class WatchEvent(Base):
    """A change of an article found by watching: edited, removed, removed_soft, redirected, restored."""

    __tablename__ = "watch_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"), index=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("watch_observation.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(Text, index=True)
    observed_at: Mapped[datetime] = mapped_column(index=True)
    last_alive: Mapped[datetime | None]
    """The last time the article was seen as it had been before the change."""
    version: Mapped[int | None] = mapped_column(Integer)
    """For an edit: the article's version holding the new content (the old one is in article_version)."""
    diff: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SiteDay(Base):
    """Articles first archived per site and Asia/Shanghai day: kept by triggers (migration 0010), read by
    ``newscrawler stats``. ``site_id`` 0: articles without a site."""

    __tablename__ = "site_day"
    __table_args__ = ({"sqlite_with_rowid": False},)
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    articles: Mapped[int] = mapped_column(Integer)


class SpeakerDay(Base):
    """Quotes per resolved speaker, site and Asia/Shanghai publication day, with the titles and affiliations
    they give: kept by triggers (migration 0010, which documents the rows), read by ``newscrawler speakers``."""

    __tablename__ = "speaker_day"
    __table_args__ = (Index("ix_speaker_day_site_id_day", "site_id", "day"), Index("ix_speaker_day_day", "day"),
                      {"sqlite_with_rowid": False})
    speaker: Mapped[str] = mapped_column(Text, primary_key=True)
    speaker_type: Mapped[str] = mapped_column(Text, primary_key=True)
    """The quote's ``speaker_type``, '' for NULL."""
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    """The article's publication day in Asia/Shanghai; ``UNDATED`` (0001-01-01) for an undated article."""
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    """'' for the speaker's own count, 'title' or 'affiliation' for a label its quotes give."""
    label: Mapped[str] = mapped_column(Text, primary_key=True)
    quotes: Mapped[int] = mapped_column(Integer)
    articles: Mapped[int] = mapped_column(Integer)
    """Articles quoting the speaker (0 on label rows)."""
    first_key: Mapped[int] = mapped_column(BigInteger)
    """(Article id × 10000 + position) × 1000 (+ the title's place in its list) of the first quote: the
    tie-break of rankings."""
