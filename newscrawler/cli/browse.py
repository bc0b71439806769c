"""``newscrawler browse``: the SQLite archive in Datasette, described and with canned queries."""

from __future__ import annotations

import click

from newscrawler.cli.common import database_call, db_option, require_archive, safe_url


@click.command("browse")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--no-open", is_flag=True, help="Do not open a web browser.")
def browse_command(db_url: str, host: str, port: int, no_open: bool) -> None:
    """Browse a SQLite archive in Datasette until Ctrl-C: tables described, search and other canned queries.

    Example: newscrawler browse --db sqlite:///data/news.db --port 8002
    """

    from newscrawler.browse.server import BrowseError, serve
    from pipelines.storage import DatabaseURLError, locate

    try:
        archive = locate(db_url)
    except DatabaseURLError as exc:
        raise click.ClickException(str(exc)) from exc
    if archive.backend != "sqlite":
        raise click.ClickException(f"newscrawler browse reads SQLite archives only (Datasette), not "
                                   f"{safe_url(db_url)}: use newscrawler search or newscrawler export, or psql")
    if archive.file is None:
        raise click.ClickException(f"newscrawler browse needs an archive file, not {safe_url(db_url)}")
    database_call(lambda: require_archive(db_url), db_url)
    path = archive.file.resolve()

    def ready(url: str) -> None:
        click.echo(f"Browsing {path} at {url} (Ctrl-C stops)")
        if not no_open and _has_display():
            import threading
            import webbrowser

            # in a thread: the server starts answering only after this returns
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()

    try:
        serve(path, host, port, ready)
    except BrowseError as exc:
        raise click.ClickException(str(exc)) from exc


def _has_display() -> bool:
    """Whether a graphical browser can open: on Linux and BSD only with X11 or Wayland (a console browser
    would take over the terminal the server logs to)."""
    import os
    import sys

    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
