"""When a watched article is re-visited (pure: no clock, no database).

An article's visits fall at fixed ages after its *anchor* (its first archiving, or the moment an edit
was observed): by default 1 h, 6 h, 24 h, 3 d, 7 d and 30 d, the news cycle (most edits and takedowns
happen in the first day). ``step`` is the index of the next age. A visit at ``now`` moves the step to
the first age still ahead of ``now`` (a late run skips the ages it missed rather than visiting twice);
after the last age the schedule is over. An edit restarts the schedule from the edit. An unreachable
visit keeps the step and retries after the first interval, doubling with each failure in a row, up to
the last interval; after :data:`MAX_FAILURES` failures in a row the article is no longer visited.

``NEWSCRAWLER_WATCH_INTERVALS`` writes the ages as durations separated by commas, optionally per site:
``"1h,6h,24h,3d,7d,30d; people=30m,2h,12h,3d"`` (entries separated by ``;``, a ``site=`` entry for one
site, the bare list for every other site).

A site profile's ``[watch]`` table may give the site its own ages (``intervals``): they replace the
setting's bare list for that site, and a ``site=`` entry of the setting replaces them in turn
(:meth:`WatchSchedule.with_profiles`; the run-time setting is the more specific choice).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import pairwise

from newscrawler.sites import SiteProfile, parse_duration

DEFAULT_INTERVALS = "1h,6h,24h,3d,7d,30d"
MAX_FAILURES = 8
"""Unreachable visits in a row after which an article is no longer visited."""

Ages = tuple[float, ...]


def parse_ages(text: str) -> Ages:
    """``"1h,6h,24h"`` as seconds, strictly increasing; ``ValueError`` otherwise."""
    ages = tuple(parse_duration(part.strip()) for part in text.split(",") if part.strip())
    if not ages:
        raise ValueError(f"no interval in {text!r}")
    if any(b <= a for a, b in pairwise(ages)):
        raise ValueError(f"watch intervals must increase: {text!r}")
    return ages


@dataclass(frozen=True, slots=True)
class WatchSchedule:
    """The ages of every site (``default`` for sites without their own)."""

    default: Ages
    per_site: Mapping[str, Ages]

    @classmethod
    def parse(cls, text: str | None) -> WatchSchedule:
        """Read ``NEWSCRAWLER_WATCH_INTERVALS`` (see the module docstring); ``ValueError`` names the bad part."""
        default = parse_ages(DEFAULT_INTERVALS)
        per_site: dict[str, Ages] = {}
        for entry in (text or "").split(";"):
            entry = entry.strip()
            if not entry:
                continue
            site, sep, ages = entry.partition("=")
            if sep:
                per_site[site.strip()] = parse_ages(ages)
            else:
                default = parse_ages(entry)
        return cls(default, per_site)

    def with_profiles(self, profiles: Iterable[SiteProfile]) -> WatchSchedule:
        """This schedule with each profile's own ``[watch] intervals`` for its site, unless the setting
        named the site (a ``site=`` entry wins over the profile)."""
        own = {p.name: p.watch_intervals for p in profiles if p.watch_intervals and p.name not in self.per_site}
        return replace(self, per_site={**own, **self.per_site}) if own else self

    def ages(self, site: str | None) -> Ages:
        return self.per_site.get(site or "", self.default)

    def enrol(self, site: str | None, first_seen: datetime) -> tuple[int, datetime]:
        """``(step, next_visit)`` of an article entering the watch: its first age after archiving (in the past
        for an article archived long ago: it is visited at once, then follows the ages still ahead)."""
        return 0, first_seen + timedelta(seconds=self.ages(site)[0])

    def after_visit(self, site: str | None, anchor: datetime, now: datetime) -> tuple[int, datetime | None]:
        """``(step, next_visit)`` after an answered visit at ``now``: the first age still ahead, or the end."""
        for step, age in enumerate(self.ages(site)):
            due = anchor + timedelta(seconds=age)
            if due > now:
                return step, due
        return len(self.ages(site)), None

    def after_edit(self, site: str | None, now: datetime) -> tuple[datetime, int, datetime]:
        """``(anchor, step, next_visit)`` after an edit observed at ``now``: the schedule restarts there."""
        return now, 0, now + timedelta(seconds=self.ages(site)[0])

    def after_failure(self, site: str | None, step: int, failures: int, now: datetime) -> datetime | None:
        """When to retry after the ``failures``-th unreachable visit in a row (None: give up)."""
        if failures >= MAX_FAILURES:
            return None
        ages = self.ages(site)
        wait = min(ages[0] * 2 ** (failures - 1), ages[-1])
        return now + timedelta(seconds=wait)
