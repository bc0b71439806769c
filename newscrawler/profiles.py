"""The configured site profiles: the shipped ones plus those in ``NEWSCRAWLER_SITES_DIR``.

The one place that turns the setting into profiles (``newscrawler.sites`` itself is pure: it is
given directories). A Scrapy crawl passes its ``NEWSCRAWLER_SITES_DIR`` setting (the environment's
value, as ``newscrawler.settings`` read it, or a ``-s`` override); the commands that run no crawler
leave it out and the environment is read at call time.
"""

from __future__ import annotations

import os

from newscrawler.sites import SiteProfile, load_profiles, split_sites_dirs


def configured_profiles(sites_dir: str | None = None) -> dict[str, SiteProfile]:
    """Profiles by name from ``sites_dir`` (``os.pathsep``-separated; default: the project setting).

    Raises ``ProfileError`` for a broken profile file."""
    if sites_dir is None:
        sites_dir = os.environ.get("NEWSCRAWLER_SITES_DIR", "")
    return dict(load_profiles(split_sites_dirs(sites_dir)))
