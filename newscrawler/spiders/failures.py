"""Why a request failed, as one short reason: the names under ``newscrawler/crawl/failed/<reason>``.

Reasons are decided by exception type (Scrapy 2.19's download exceptions and Twisted's network
errors), not by matching class names as strings, so a renamed class cannot move failures under the
wrong name. ``IgnoreRequest`` is the one exception Scrapy raises for several causes (robots.txt,
redirect limit, download size, off-site); its message, which Scrapy words the same since 2.0, tells
them apart.

| reason | when |
| --- | --- |
| ``HTTP <status>`` | the server answered an error status |
| ``robots.txt`` | robots.txt forbids the URL |
| ``too many redirects`` | more redirects than ``REDIRECT_MAX_TIMES`` |
| ``too large`` | the body (or its decompression: a gzip bomb) passed ``DOWNLOAD_MAXSIZE`` |
| ``off-site`` | the URL is on a host the site profile does not list |
| ``timeout`` | no complete answer within ``DOWNLOAD_TIMEOUT`` |
| ``connection refused`` | nothing listens at the address |
| ``dns`` | the host name does not resolve |
| ``connection lost`` | the connection broke, or the body was cut short |
| ``unsupported URL`` | a scheme Scrapy cannot fetch |
| the exception's class name | anything else (a bug to name here) |
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotSupported,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer, error
from twisted.web.client import ResponseFailed, ResponseNeverReceived

__all__ = ["failure_reason"]

_TIMEOUTS = (DownloadTimeoutError, error.TimeoutError, error.TCPTimedOutError, defer.TimeoutError)
_REFUSED = (DownloadConnectionRefusedError, error.ConnectionRefusedError)
_DNS = (CannotResolveHostError, error.DNSLookupError)
_LOST = (ResponseDataLossError, DownloadFailedError, error.ConnectionLost, error.ConnectionDone, ResponseFailed,
         ResponseNeverReceived, error.ConnectError)
_IGNORED = (
    ("Forbidden by robots.txt", "robots.txt"),
    ("max redirections reached", "too many redirects"),
    ("DOWNLOAD_MAXSIZE", "too large"),
    ("offsite request", "off-site"),
)


def failure_reason(exc: BaseException) -> str:
    """The short reason of a failed request (see the module table)."""
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc)
        return next((reason for marker, reason in _IGNORED if marker in message), "ignored")
    if isinstance(exc, _TIMEOUTS):
        return "timeout"
    if isinstance(exc, _REFUSED):
        return "connection refused"
    if isinstance(exc, _DNS):
        return "dns"
    if isinstance(exc, DownloadCancelledError):
        return "too large"
    if isinstance(exc, _LOST):
        return "connection lost"
    if isinstance(exc, UnsupportedURLSchemeError | NotSupported):
        return "unsupported URL"
    return type(exc).__name__
