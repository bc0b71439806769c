"""Extraction off the reactor thread: a pool of worker processes that the spiders await.

Reading an article page (the byte test for continuation pages, extraction) and fingerprinting its
body (content hash and one-permutation MinHash, ``newscrawler.common.fingerprints``) take most of a crawl's CPU
time (~23 ms of pure Python per article page on the 2-core benchmark machine, mostly extraction). Done
in the callback, that work stops the Twisted reactor, so a crawl can never use more than one core
and downloads stall while it runs. ``ExtractionPool`` runs it in ``NEWSCRAWLER_EXTRACT_WORKERS``
worker processes instead (default: one per CPU the process may use; ``0`` does it in the calling
thread, as before). From an ``async def`` callback,
``await pool.first_page(fetch, …)`` returns the continuation pages to fetch first, or the article;
``await pool.extract(first, pages, …)`` returns the article joined from all its pages.

* The worker processes are started on the first call (a crawl that fetches no article starts none) and
  stopped by ``close()``, which the spider calls when it closes. The crawls of one process (``newscrawler
  crawl people sina`` runs one per site) share one set of workers, stopped when the last crawl closes.
* Workers are forked (``fork`` start method, where the platform has it): they start at once, need no
  re-import, and never run the crawl script's top level again (``spawn`` would, for a script without a
  ``__main__`` guard). A worker ignores SIGINT (the crawl shuts down gracefully and still needs its
  workers) and dies with the crawl process (``PR_SET_PDEATHSIG`` on Linux, a parent watch elsewhere),
  so a crawl killed with SIGKILL leaves no process behind.
* The body fingerprints computed in the worker travel back with the article; the spider puts them on
  the item (``content_hash``, ``signature``) and the dedupe stage keeps them instead of computing them
  again (the values are functions of the text alone, identical in every process).
* If the pool breaks (a worker killed from outside, out of memory …), the task is extracted in the
  calling thread and so is every later one: the crawl goes on, slower; a warning says so.

Everything sent to a worker is picklable: ``Fetch`` records (bytes, str, an aware datetime), the
profile's encoding and its selectors as a plain dict; an ``Article`` comes back.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

from newscrawler.common.fingerprints import fingerprint
from newscrawler.discovery import article_continuations, may_continue
from newscrawler.extract import extract
from newscrawler.extract.pages import join_pages
from newscrawler.items import Article, Fetch

log = logging.getLogger(__name__)

_T = TypeVar("_T")
WORKERS_SETTING = "NEWSCRAWLER_EXTRACT_WORKERS"
MAX_CONTINUATIONS = 20
"""Most later pages fetched for one split article."""


def default_workers() -> int:
    """One worker per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def extract_joined(first: Fetch, pages: list[Fetch], encoding: str | None = None,
                   selectors: Mapping[str, str] | None = None) -> Article:
    """Extract ``first`` and its later ``pages`` and join them (``newscrawler.extract.pages.join_pages``)."""
    def read(page: Fetch) -> Article:
        return extract(page.body, page.final_url, page.fetched_at, page.headers, encoding=encoding,
                       selectors=selectors)

    article = read(first)
    return join_pages(article, [read(page) for page in pages]) if article.is_article else article


Fingerprints = tuple[str, list[int]] | None


def extract_and_fingerprint(first: Fetch, pages: list[Fetch], encoding: str | None,
                            selectors: Mapping[str, str] | None) -> tuple[Article, Fingerprints]:
    """The worker's job: the joined article, and the content hash and MinHash of its body when it is one."""
    article = extract_joined(first, pages, encoding, selectors)
    if not article.is_article or not article.body:
        return article, None
    return article, fingerprint(article.body)


def continuations(first: Fetch) -> list[str]:
    """The later pages of a split article, in order (a second parse, only when the byte test allows one)."""
    if not may_continue(first.body, first.final_url):  # a second parse costs ~9 ms: only when it can pay
        return []
    return article_continuations(first.body, first.final_url)[:MAX_CONTINUATIONS]


def read_first_page(first: Fetch, encoding: str | None,
                    selectors: Mapping[str, str] | None) -> tuple[list[str], Article | None, Fingerprints]:
    """The worker's job for an article page: its continuation pages if it has any (nothing extracted
    yet), else the article and its fingerprints."""
    following = continuations(first)
    if following:
        return following, None, None
    article, prints = extract_and_fingerprint(first, [], encoding, selectors)
    return [], article, prints


def _worker_init(parent: int) -> None:
    """Runs first in every worker: ignore Ctrl-C, die with the crawl process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:  # pragma: no cover
        _watch_parent(parent)
    if os.getppid() != parent:  # the crawl died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class ExtractionPool:
    """Worker processes for ``extract_and_fingerprint``, awaited from Scrapy callbacks (see the module doc)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(0, workers)
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False

    @classmethod
    def from_settings(cls, settings: Any) -> ExtractionPool:
        value = settings.get(WORKERS_SETTING) if settings is not None else None
        if value is None or value == "":
            return cls(default_workers())
        return cls(int(value))

    @property
    def in_process(self) -> bool:
        return self.workers == 0 or self._broken

    async def first_page(self, first: Fetch, encoding: str | None = None, selectors: Mapping[str, str] | None = None,
                         ) -> tuple[list[str], Article | None, Fingerprints]:
        """``(continuation URLs, None, None)`` for the first page of a split article, else ``([], article,
        fingerprints)``; fingerprints are None when the page was read in this process."""
        plain = dict(selectors) if selectors else None
        if self.in_process:
            following = continuations(first)
            return (following, None, None) if following else ([], extract_joined(first, [], encoding, plain), None)
        outcome = await self._offload(read_first_page, first, encoding, plain)
        if outcome is None:
            return await self.first_page(first, encoding, selectors)
        return outcome

    async def extract(self, first: Fetch, pages: list[Fetch], encoding: str | None = None,
                      selectors: Mapping[str, str] | None = None) -> tuple[Article, Fingerprints]:
        """The joined article of ``first`` and ``pages`` and its fingerprints (None when read in this process)."""
        plain = dict(selectors) if selectors else None
        if self.in_process:
            return extract_joined(first, pages, encoding, plain), None
        outcome = await self._offload(extract_and_fingerprint, first, pages, encoding, plain)
        if outcome is None:
            return extract_joined(first, pages, encoding, plain), None
        return outcome

    async def _offload(self, fn: Callable[..., _T], *args: Any) -> _T | None:
        """``fn(*args)`` in a worker; None when the pool broke (the caller then works in-process)."""
        try:
            return await self._run(fn, *args)
        except BrokenProcessPool:
            if not self._broken:
                log.warning("extraction worker pool broke (a worker died); extracting in the crawl process "
                            "from now on")
                self._broken = True
                self._shutdown(wait=False)
            return None

    def _run(self, fn: Callable[..., _T], *args: Any) -> Awaitable[_T]:
        if self._executor is None:
            self._executor = _acquire(self.workers, self)
        future = self._executor.submit(fn, *args)
        return _awaitable(future)

    def close(self) -> None:
        """Let go of the workers (idempotent): stopped when no other crawl of this process uses them."""
        self._shutdown(wait=True)

    def _shutdown(self, wait: bool) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            _release(executor, self, wait=wait, broken=self._broken)


_lock = threading.Lock()
_executors: dict[int, tuple[ProcessPoolExecutor, set[int]]] = {}
"""Worker count -> the executor the pools of this process share, and the ids of the pools using it."""


def _acquire(workers: int, pool: ExtractionPool) -> ProcessPoolExecutor:
    with _lock:
        shared = _executors.get(workers)
        if shared is None:
            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                                  else None)
            # the workers' garbage collector then leaves the objects they inherit alone: no walks over them,
            # and no copy-on-write of their memory pages (as the gc module's documentation advises before fork)
            gc.freeze()
            executor = _deep_executor(workers, context)
            shared = _executors[workers] = (executor, set())
        shared[1].add(id(pool))
        return shared[0]


QUEUED_PER_WORKER = 3
"""Tasks waiting for each worker, pickled and in its pipe, beside the one it is working on."""
_PIPE_BYTES = 1 << 20
"""Capacity asked for the task pipe (Linux caps it at /proc/sys/fs/pipe-max-size, 1 MiB by default)."""


def _deep_executor(workers: int, context: Any) -> ProcessPoolExecutor:
    """A ProcessPoolExecutor whose workers always find their next page already in the pipe.

    Out of the box the executor queues one task beyond those running, in a pipe of 64 KiB: a 150 kB
    article page then crosses in several partial writes, each needing the crawl process's GIL between
    two writes, and a worker that finishes a page waits (up to the 5 ms switch interval per write)
    while the reactor thread holds the GIL. Measured on 2 cores (benchmarks/crawl.py), the crawl then
    kept only 1.2 of them busy; with this, 1.8. Here ``QUEUED_PER_WORKER`` tasks per worker are queued and the pipe holds 1 MiB, so the
    feeder thread writes each task in one call, ahead of need. Both are tuned through CPython
    internals, reached only through ``newscrawler.adapters.futures``.
    """
    from newscrawler.adapters import futures

    with futures.queued_calls(QUEUED_PER_WORKER * workers):
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init,
                                       initargs=(os.getpid(),))
    futures.widen(executor, _widen_pipe)  # tasks going out, articles coming back
    return executor


def _widen_pipe(connection: Any) -> None:
    """Ask for a ``_PIPE_BYTES`` pipe buffer behind ``connection`` (Linux only; a no-op elsewhere)."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if connection is None or setsize is None:
        return
    try:
        fcntl.fcntl(connection.fileno(), setsize, _PIPE_BYTES)
    except OSError:  # above the system's pipe-max-size: keep the default
        log.debug("could not widen the extraction task pipe", exc_info=True)


def _release(executor: ProcessPoolExecutor, pool: ExtractionPool, *, wait: bool, broken: bool) -> None:
    with _lock:
        users: set[int] = set()
        for workers, (known, using) in list(_executors.items()):
            if known is executor:
                using.discard(id(pool))
                users = using
                if broken or not using:
                    del _executors[workers]  # a broken executor is never handed out again
    if not users:
        executor.shutdown(wait=wait, cancel_futures=True)


def _awaitable(future: Future[_T]) -> Awaitable[_T]:
    """``future`` as something a Scrapy coroutine can await, under the asyncio reactor or another one."""
    from scrapy.utils.asyncio import is_asyncio_available

    if is_asyncio_available():
        return asyncio.wrap_future(future)
    from twisted.internet import reactor
    from twisted.internet.defer import Deferred

    deferred: Deferred[_T] = Deferred()

    def settle(done: Future[_T]) -> None:
        error = done.exception()
        if error is not None:
            deferred.errback(error)
        else:
            deferred.callback(done.result())

    future.add_done_callback(lambda done: reactor.callFromThread(settle, done))
    return deferred
