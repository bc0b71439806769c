"""robots.txt for every request, not only the first one per site; and RFC 9309's reading of its status.

Scrapy 2.19's ``RobotsTxtMiddleware`` parks the requests that arrive while a
site's robots.txt is downloading on one shared Deferred. Awaiting a Deferred
from several coroutines hands the parser to the first waiter only; the others
get ``None`` and are let through unchecked (reproduced here: three waiters got
``PARSER, None, None``). The parser itself is stored before the Deferred fires,
so a waiter that got ``None`` looks it up again.

``RobotsStatusMiddleware`` gives robots.txt answers the meaning RFC 9309 (section 2.3.1) gives
them, which Scrapy does not: Scrapy parses whatever body came back, so a 500 error page means
"everything allowed". Here a 5xx answer (after the retries) means "disallow everything" for the
crawl (the site is not ready to say what it allows), and a 4xx answer means "allow everything", as
the RFC says. It rewrites the answer's body through the public ``process_response`` hook, before
Scrapy's robots.txt middleware parses it.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
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


DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
ALLOW_ALL = b""


class RobotsStatusMiddleware:
    """Downloader middleware: a robots.txt answered 5xx disallows all, one answered 4xx allows all."""

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if not request.meta.get("dont_obey_robotstxt") or not urlparse_cached(request).path.endswith("/robots.txt"):
            return response
        if response.status >= 500:
            return response.replace(body=DISALLOW_ALL)
        if 400 <= response.status < 500:
            return response.replace(body=ALLOW_ALL)
        return response
