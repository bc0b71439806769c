"""Reading the tallies kept by triggers (``site_day``, ``speaker_day``; migration 0010 writes and documents them).

A tally answers a filter when the filter is made of whole Asia/Shanghai days and sites: no source or
channel condition, ``since`` and ``until`` at a Beijing midnight (what ``--since 2024-05-01`` gives).
Anything else is counted from ``quote`` and ``article`` as before (``answerable`` says which).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Select, case, func, select

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import SpeakerDay

SHANGHAI = ZoneInfo("Asia/Shanghai")
UNDATED = date(1, 1, 1)
"""The ``day`` of an undated article's rows."""

S = TypeVar("S", bound=Select[Any])


def day_of(moment: datetime) -> date:
    """The Asia/Shanghai calendar day of an instant."""
    return moment.astimezone(SHANGHAI).date()


def day_start(day: date) -> datetime:
    """Beijing midnight of ``day``."""
    return datetime.combine(day, time(), SHANGHAI)


def as_date(value: Any) -> date | None:
    """A day read from the database (a date on PostgreSQL, ISO text from an untyped SQLite expression)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def answerable(where: ArticleFilter | None) -> bool:
    """Whether the tallies answer ``where`` exactly (whole days and sites only)."""
    where = where or ArticleFilter()
    if where.source or where.channel:
        return False
    return all(moment is None or day_start(day_of(moment)) == moment for moment in (where.since, where.until))


def narrowed(query: S, where: ArticleFilter | None) -> S:
    """``query`` (over ``speaker_day``) kept to the days and site of
    ``where`` (which must be ``answerable``); a date condition leaves undated articles out, as on
    ``article.publish_date``."""
    where = where or ArticleFilter()
    day, site_id = SpeakerDay.day, SpeakerDay.site_id
    sites = where.site_ids()
    if sites is not None:
        query = query.where(site_id.in_(sites))
    if where.since is not None:
        query = query.where(day >= day_of(where.since))
    if where.until is not None:
        query = query.where(day < day_of(where.until), day != UNDATED)
    return query


def speaker_rows(where: ArticleFilter | None, speaker_type: str | None) -> Select[Any]:
    """Per speaker (speaker, speaker_type, quotes, articles, first day, last day, first_key) in the tallies,
    unordered."""
    t = SpeakerDay
    dated = t.day != UNDATED
    query = cast(Select[Any], select(t.speaker, t.speaker_type, func.sum(t.quotes).label("quotes"),
                   func.sum(t.articles).label("articles"), func.min(case((dated, t.day))).label("first"),
                   func.max(case((dated, t.day))).label("last"), func.min(t.first_key).label("first_key"),
                   )).where(t.kind == "").group_by(t.speaker, t.speaker_type)
    if speaker_type:
        query = query.where(t.speaker_type == speaker_type)
    return narrowed(query, where)


def label_rows(where: ArticleFilter | None, names: list[str]) -> Select[Any]:
    """(speaker, speaker_type, kind, label, quotes, first_key) of the titles and affiliations of ``names``."""
    t = SpeakerDay
    query = cast(Select[Any], select(t.speaker, t.speaker_type, t.kind, t.label,
                                     func.sum(t.quotes).label("quotes"), func.min(t.first_key).label("first_key")))
    query = query.where(t.kind != "", t.speaker.in_(names)).group_by(t.speaker, t.speaker_type, t.kind, t.label)
    return narrowed(query, where)


def speaker_names(fragment: str) -> Select[Any]:
    """The resolved speakers whose name contains ``fragment`` (LIKE wildcards taken literally)."""
    t = SpeakerDay
    return select(t.speaker).where(t.kind == "", t.speaker.contains(fragment, autoescape=True)).distinct()
