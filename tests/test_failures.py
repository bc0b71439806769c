"""Failed requests are counted under their real reason, decided by exception type."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error

from newscrawler.spiders.failures import failure_reason

GZIP_BOMB = ("Ignored response <200 http://x/> because its body (1000 B compressed, 30000000 B decompressed so far) "
             "exceeded DOWNLOAD_MAXSIZE (20971520 B) during decompression.")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (HttpError(Response("http://x/", status=404)), "HTTP 404"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots.txt"),
        (IgnoreRequest("max redirections reached"), "too many redirects"),
        (IgnoreRequest(GZIP_BOMB), "too large"),
        (IgnoreRequest("Filtered offsite request to 'other.example'"), "off-site"),
        (DownloadCancelledError("expected response size larger than download max size"), "too large"),
        (DownloadTimeoutError("took longer than 30 seconds"), "timeout"),
        (error.TCPTimedOutError(), "timeout"),  # type: ignore[no-untyped-call]
        (DownloadConnectionRefusedError("refused"), "connection refused"),
        (error.ConnectionRefusedError(), "connection refused"),  # type: ignore[no-untyped-call]
        (CannotResolveHostError("no such host"), "dns"),
        (error.DNSLookupError(), "dns"),
        (ResponseDataLossError("cut"), "connection lost"),
        (error.ConnectionLost(), "connection lost"),
        (ValueError("bug"), "ValueError"),
    ],
)
def test_failure_reason_by_type(exc: BaseException, reason: str) -> None:
    assert failure_reason(exc) == reason
