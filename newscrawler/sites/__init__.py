"""Per-site crawl rules: declarative site profiles (TOML, one file per site) and their loader.

Pure: no crawler, no database, no network, no environment. ``load_profiles(dirs)`` reads the
shipped profiles (:data:`SHIPPED_DIR`) and then the user directories it is given (the caller splits
``NEWSCRAWLER_SITES_DIR`` with :func:`split_sites_dirs`); ``profile_for_url`` picks the site of a URL.
"""

from .loader import (
    SHIPPED_DIR,
    adhoc_profile,
    is_xpath,
    load_profile,
    load_profiles,
    parse_duration,
    profile_for_url,
    profile_from_dict,
    split_sites_dirs,
)
from .profile import ProfileError, SiteProfile, UrlClass, host_of

__all__ = [
    "SHIPPED_DIR",
    "ProfileError",
    "SiteProfile",
    "UrlClass",
    "adhoc_profile",
    "host_of",
    "is_xpath",
    "load_profile",
    "load_profiles",
    "parse_duration",
    "profile_for_url",
    "profile_from_dict",
    "split_sites_dirs",
]
