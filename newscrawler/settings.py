"""Project-priority Scrapy settings. The environment is read here and nowhere else.

Our own settings carry the ``NEWSCRAWLER_`` prefix; each is documented in the
README. Override any of them for one run with ``scrapy crawl … -s NAME=VALUE``.
"""

from __future__ import annotations

import os

from newscrawler import __version__
from pipelines import defaults as storage

BOT_NAME = "newscrawler"
SPIDER_MODULES = ["newscrawler.spiders"]
NEWSPIDER_MODULE = "newscrawler.spiders"

# Who we are, so site operators can reach the person running the crawl.
NEWSCRAWLER_CONTACT = os.environ.get("NEWSCRAWLER_CONTACT", "https://github.com/newscrawler/newscrawler")
USER_AGENT = f"newscrawler/{__version__} (+{NEWSCRAWLER_CONTACT})"

# Politeness: obey robots.txt, adapt the delay to the server, few requests per domain.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Items of one response processed concurrently. The pipelines are synchronous, so more buys nothing,
# and Scrapy (asyncio reactor) starts this many tasks for every callback's output: 100, its default,
# costs ~1 ms per response; 8 a tenth of that.
CONCURRENT_ITEMS = 8

# Scrapy's robots.txt middleware lets concurrent first requests through unchecked; ours does not.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawler.middlewares.robots.SharedRobotsTxtMiddleware": 100,
    # robots.txt answered 5xx (after retries) disallows all, 4xx allows all (RFC 9309)
    "newscrawler.middlewares.robots.RobotsStatusMiddleware": 540,
    # retries wait: exponential backoff, or as long as a 429/503 Retry-After asks
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawler.middlewares.retry_after.BackoffRetryMiddleware": 550,
}
NEWSCRAWLER_RETRY_AFTER_MAX = 120.0  # longest wait a Retry-After header can impose (longer: given up)
NEWSCRAWLER_RETRY_TOTAL_MAX = 300.0  # most seconds one request may spend waiting between its retries
NEWSCRAWLER_RETRY_BACKOFF = 1.0  # first retry waits this long, then 2x, 4x …

# Robustness: retry transient failures, refuse huge or endless responses.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Retries back off; 429 and 503 answers wait for the server's Retry-After (newscrawler.middlewares.retry_after).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024

# Chinese text in feeds must stay readable (no \u escapes).
FEED_EXPORT_ENCODING = "utf-8"

# The archive: SQLite under data/ by default; any SQLAlchemy URL (postgresql://…) by one setting.
# (the values live in pipelines/defaults.py, which the storage stages fall back to)
NEWSCRAWLER_DATABASE_URL = os.environ.get("NEWSCRAWLER_DATABASE_URL", storage.DATABASE_URL)
NEWSCRAWLER_BATCH_SIZE = storage.BATCH_SIZE  # items per transaction: a crash loses at most this many
NEWSCRAWLER_BATCH_SECONDS = storage.BATCH_SECONDS  # longest an item waits for its commit
NEWSCRAWLER_AUTO_MIGRATE = storage.AUTO_MIGRATE  # bring the schema to the newest revision when a crawl opens
NEWSCRAWLER_SPOOL_DIR = storage.SPOOL_DIR  # items written here (JSON lines) when the database is down
NEWSCRAWLER_DB_RETRY_DELAY = storage.DB_RETRY_DELAY  # seconds before the first retry of a failed transaction
NEWSCRAWLER_MIN_FREE_MB = storage.MIN_FREE_MB  # below this much free disk the crawl closes with "disk full"
NEWSCRAWLER_ARCHIVE_RAW = storage.ARCHIVE_RAW  # keep every raw response in WARC files
NEWSCRAWLER_WARC_DIR = os.environ.get("NEWSCRAWLER_WARC_DIR", storage.WARC_DIR)

# Extra site-profile directories (os.pathsep-separated) besides the shipped newscrawler/sites/profiles.
NEWSCRAWLER_SITES_DIR = os.environ.get("NEWSCRAWLER_SITES_DIR", "")

# Sitemaps list every article ever published: follow only entries this recent ("" = all), e.g. "3d".
NEWSCRAWLER_SITEMAP_SINCE = ""
# Most requests waiting in the scheduler before a feed or sitemap hands out more (0: no bound).
NEWSCRAWLER_MAX_PENDING = 10000

# A progress line every N seconds and a per-site report at the end of each crawl.
NEWSCRAWLER_PROGRESS_INTERVAL = 10.0
EXTENSIONS = {"newscrawler.extensions.report.CrawlReport": 500}
LOGSTATS_INTERVAL = 0  # our progress line replaces Scrapy's per-minute stats line
# Scrapy's telnet console prints its password into every crawl log (and cron keeps logs): off.
TELNETCONSOLE_ENABLED = False

# Everything after an item exists, in order, 100 apart so a stage can be inserted later.
ITEM_PIPELINES = {
    "pipelines.validate.ValidateArticle": 100,
    "pipelines.normalise.NormaliseArticle": 200,
    "pipelines.dedupe.FingerprintArticle": 300,
    "pipelines.archive.ArchiveRawPage": 400,
    "pipelines.store.StoreArticle": 500,
}

LOG_LEVEL = os.environ.get("NEWSCRAWLER_LOG_LEVEL", "INFO")

# Article URLs a crawl has queued: in memory by default; the distributed add-on shares them in Redis.
NEWSCRAWLER_SEEN_URLS = ""

# Distributed crawling (newscrawler.distributed): set NEWSCRAWLER_REDIS_URL (environment or -s) and
# several `scrapy crawl portal` workers share one frontier, one article seen set and per-domain
# politeness through Redis; without it the add-on changes nothing.
ADDONS = {"newscrawler.distributed.addon.DistributedAddon": 0}
NEWSCRAWLER_REDIS_URL = os.environ.get("NEWSCRAWLER_REDIS_URL", "")  # e.g. redis://127.0.0.1:6379/0
NEWSCRAWLER_REDIS_PREFIX = "newscrawler"  # every Redis key starts with this (one prefix per crawl group)
NEWSCRAWLER_REDIS_IDLE_SECONDS = 30.0  # a worker leaves after this long with the whole frontier empty
NEWSCRAWLER_REDIS_LEASE_SECONDS = 30.0  # a worker silent this long is dead: its in-flight requests are re-queued

# Watching archived articles (newscrawler watch, docs/watching.md): re-visit ages after archiving (or after
# an edit), optionally per site ("1h,6h,24h,3d,7d,30d; people=30m,2h,12h"); most articles watched per site
# (0: no cap); most re-visits in one run.
NEWSCRAWLER_WATCH_INTERVALS = "1h,6h,24h,3d,7d,30d"
NEWSCRAWLER_WATCH_MAX_PER_SITE = 10000
NEWSCRAWLER_WATCH_MAX_VISITS = 2000
