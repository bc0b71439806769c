"""Serve a SQLite archive with Datasette, in this process, until interrupted.

The archive is opened the way Datasette opens a mutable file (``mode=ro`` connections): a crawl can
keep writing to it (the archive runs in WAL mode) and new rows appear on the next page load. The
listening socket is bound before anything is printed, so ``port=0`` gives a free port whose URL is
known up front.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

from newscrawler.browse import plugin
from newscrawler.browse.metadata import datasette_metadata

SETTINGS = {
    "truncate_cells_html": 160,  # article bodies would otherwise fill the table pages
    "sql_time_limit_ms": 5000,  # a local analyst tool: allow whole-archive aggregates
}


class BrowseError(Exception):
    """The browser cannot start (the message says why, in one line)."""


def build(path: Path) -> Any:
    """A Datasette instance serving the archive file ``path`` with its metadata and plugin."""
    from datasette.app import Datasette  # type: ignore[import-untyped]
    from datasette.plugins import pm  # type: ignore[import-untyped]

    if not pm.is_registered(plugin):
        pm.register(plugin, name="newscrawler")
    name = path.stem
    datasette = Datasette(files=[str(path)], metadata=datasette_metadata(name), settings=SETTINGS)
    if name not in datasette.databases:
        raise BrowseError(f"Datasette did not open {path} as database {name!r}")
    return datasette


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (0 picks a free port)."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as exc:
        raise BrowseError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise BrowseError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def url_of(sock: socket.socket, page: str) -> str:
    """The address of ``page`` (a path starting with /) on ``sock``."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{page}"


Asgi = Callable[..., Any]


def guarded(app: Asgi, sock: socket.socket) -> Asgi:
    """``app`` answering only reading requests addressed to this server.

    A ``Host`` header other than the address served (``127.0.0.1:PORT``, ``localhost:PORT``) is refused
    with 421: a web page on another site could otherwise reach the archive through DNS rebinding. Any
    method but GET and HEAD is refused with 405 (the archive is browsed, never changed: Datasette's
    write forms and a malformed POST never reach it)."""
    host, port = sock.getsockname()[:2]
    names = {host, f"[{host}]", "localhost"} if ":" in host else {host, "localhost"}
    if host in ("0.0.0.0", "::"):  # every address of the machine: only the names say which
        names |= {"127.0.0.1", "[::1]"}
    allowed = {f"{name}:{port}".encode() for name in names}

    async def refuse(send: Callable[..., Any], status: int, text: bytes) -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                (b"content-length", str(len(text)).encode())]})
        await send({"type": "http.response.body", "body": text})

    async def guard(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope.get("type") == "http":
            headers = dict(scope.get("headers") or [])
            if headers.get(b"host", b"").lower() not in allowed:
                await refuse(send, 421, b"this server answers only to its own address\n")
                return
            if scope.get("method") not in ("GET", "HEAD"):
                await refuse(send, 405, b"the archive is read-only here\n")
                return
        await app(scope, receive, send)

    return guard


class _Stop(Exception):
    """Raised by the SIGTERM handler while serving."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def serve(path: Path, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve ``path`` on ``host:port``; call ``ready(url)`` once listening; return after Ctrl-C/SIGTERM.

    Uvicorn shuts down gracefully on SIGINT/SIGTERM and then re-raises the signal; here that ends
    the serving quietly (no KeyboardInterrupt, no death by SIGTERM), so the caller exits 0.
    """
    import uvicorn

    datasette = build(path)
    sock = listen(host, port)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
    try:
        with sock:
            config = uvicorn.Config(guarded(datasette.app(), sock), log_level="warning", lifespan="on",
                                    access_log=False)
            server = uvicorn.Server(config)
            ready(url_of(sock, datasette.urls.database(path.stem)))
            server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        if main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
