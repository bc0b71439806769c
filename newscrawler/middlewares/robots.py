"""robots.txt for every request, not only the first one per site.

Scrapy 2.19's ``RobotsTxtMiddleware`` parks the requests that arrive while a
site's robots.txt is downloading on one shared Deferred. Awaiting a Deferred
from several coroutines hands the parser to the first waiter only; the others
get ``None`` and are let through unchecked (reproduced here: three waiters got
``PARSER, None, None``). The parser itself is stored before the Deferred fires,
so a waiter that got ``None`` looks it up again.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

from newscrawler.adapters.scrapy import robots_parser


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """``RobotsTxtMiddleware`` whose concurrent waiters all get the site's parser."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            stored: RobotParser | None = robots_parser(self, urlparse_cached(request).netloc)
            return stored
        return parser
