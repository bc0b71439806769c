"""Distributed crawling: several ``scrapy crawl portal`` workers share one frontier in Redis.

One setting turns it on: ``NEWSCRAWLER_REDIS_URL`` (environment or ``-s``). The add-on
(:mod:`newscrawler.distributed.addon`, listed in ``ADDONS``) then swaps in, at add-on priority:

* the scrapy-redis scheduler, through a small shim (:class:`~.frontier.FrontierScheduler`) that
  keeps one FIFO request list, one duplicate filter and one article seen set per site in Redis,
  leases each popped request to the worker that popped it, and closes idle workers;
* the article seen set of the portal spider (``NEWSCRAWLER_SEEN_URLS``), shared by every worker;
* a download handler (:class:`~.ratelimit.SharedRateLimit`) that spaces request starts per domain
  across all workers.

Guarantees (proved in ``tests/test_distributed.py`` with three workers and a SIGKILL):

* **No article is queued twice.** An article key enters the shared seen set in the same atomic
  Redis step (a two-line Lua script) that pushes its request onto the queue, and a list page's
  fingerprint enters the shared duplicate filter the same way. Popping moves the request into the
  popping worker's processing list (``LMOVE``, atomic), so exactly one worker fetches it. Only a
  worker presumed dead (below) or a retry after an error makes a second fetch.
* **A killed worker loses no request.** Every queued request is, at every moment, in exactly one
  place: the queue, one worker's processing list, or acknowledged. A worker acknowledges (removes
  from its processing list) only requests Scrapy has finished with (downloaded, their callback's
  requests pushed, their items through every pipeline) and only after the store pipeline's open
  batch has been committed. A worker that has not renewed its heartbeat for
  ``NEWSCRAWLER_REDIS_LEASE_SECONDS`` is presumed dead: any live worker moves its processing list
  back onto the queue. What a dead worker had pushed stays queued; what it had stored stays stored
  (stores are upserts keyed by canonical URL, so a re-fetch never makes a second row); everything
  else it was doing is done again. A worker that was only stalled that long finds its heartbeat
  gone, says so in the log, and rejoins; its re-queued requests are fetched twice, never lost.
  (Assumed: Redis keeps its data, so run it with persistence in production, and some worker runs
  or is started later to take the work back.)
* **Politeness holds across workers.** Per download slot (domain), across all workers sharing the
  Redis server: at most one request in flight, and each starts at least ``DOWNLOAD_DELAY`` (or the
  slot's ``DOWNLOAD_SLOTS`` delay) after the previous one's answer came back, so at most one
  request start per delay. It holds at the server by causality, whatever the workers' load or
  clocks (:mod:`.ratelimit`).
* **Idle workers leave.** A worker closes (reason ``finished``) after
  ``NEWSCRAWLER_REDIS_IDLE_SECONDS`` in which it had nothing to do while the whole frontier was
  empty: no queued request and no request in flight at any worker, dead or alive.
* **Crawls resume or start afresh.** A starting worker joins the crawl in progress when any worker
  is registered or anything is queued (also after every worker was killed or stopped: it re-queues
  the dead workers' leases first), and otherwise starts the site's next crawl with an empty
  duplicate filter and seen set, so a finished crawl never hides list pages from the next one.

The ``watch`` spider (``newscrawler watch``) is a worker too: every worker plans the due re-visits of
the archive and the frontier queues each visit once (keyed by article id and visit count in the same
atomic seen set), so several machines share them and none is fetched twice (``docs/watching.md``,
``tests/test_watch_distributed.py``).

Redis holds pickled requests (scrapy-redis's serializer): use a Redis server only the crawl
workers can write to.
"""
