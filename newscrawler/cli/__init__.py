"""The ``newscrawler`` command: thin click commands over library functions.

Each command lives in a module of this package named after what it does;
this module only gathers them into one group. Library errors become one-line
messages on stderr and a non-zero exit status; no command prints a traceback
for a bad input.
"""

from __future__ import annotations

import click

from newscrawler import __version__
from newscrawler.cli.archive import db_group, reextract_command, replay_command
from newscrawler.cli.browse import browse_command
from newscrawler.cli.crawl import crawl_command, demo_command, serve_command, sites_command
from newscrawler.cli.export import export_command
from newscrawler.cli.extract import extract_command
from newscrawler.cli.quotes import quotes_command, speakers_command
from newscrawler.cli.search import search_command
from newscrawler.cli.stats import stats_command
from newscrawler.cli.watch import changes_command, watch_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newscrawler")
def main() -> None:
    """Crawl Chinese news portals, extract clean articles, archive them."""


for _command in (
    extract_command,
    crawl_command,
    sites_command,
    demo_command,
    serve_command,
    db_group,
    reextract_command,
    replay_command,
    quotes_command,
    speakers_command,
    export_command,
    search_command,
    browse_command,
    stats_command,
    watch_command,
    changes_command,
):
    main.add_command(_command)
