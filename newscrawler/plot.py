"""A PNG line chart of articles archived per day, one line per site (matplotlib, Agg renderer).

The figure is drawn on matplotlib's Agg canvas directly (no pyplot, no display, no global backend
switch) and written only once it is complete. Labels are ASCII: site names are profile names or
hosts; a name with other characters is shown with ``\\u`` escapes rather than relying on a CJK font.
An existing file is never overwritten unless ``force``; every failure is a :class:`PlotError` with a
one-line message.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path


class PlotError(ValueError):
    """The chart cannot be written (bad name, missing directory, existing file …)."""


def ascii_label(name: str) -> str:
    """``name`` if it is ASCII, else with ``\\uXXXX`` escapes (every default font can draw those)."""
    return name if name.isascii() else name.encode("ascii", "backslashreplace").decode("ascii")


def check_target(path: Path, *, force: bool) -> None:
    """Fail early (before any work) when ``path`` cannot take the chart."""
    if path.suffix.lower() != ".png":
        raise PlotError(f"--plot writes a PNG: give a file name ending in .png, not {str(path)!r}")
    if not path.parent.is_dir():
        raise PlotError(f"cannot write {path}: directory {path.parent} does not exist")
    if path.is_dir():
        raise PlotError(f"cannot write {path}: it is a directory")
    if path.exists() and not force:
        raise PlotError(f"{path} exists: give --force to overwrite it")


def render_png(series: Mapping[str, Sequence[tuple[date, int]]], title: str) -> bytes:
    """The chart as PNG bytes: x the days, y articles, one line per site."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(9, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    days = sorted({d for values in series.values() for d, _ in values})
    position = {d: i for i, d in enumerate(days)}
    for name, values in series.items():
        axes.plot([position[d] for d, _ in values], [n for _, n in values], marker="o", markersize=3,
                  linewidth=1.5, label=ascii_label(name))
    step = max(1, -(-len(days) // 10))  # at most about 10 date labels
    ticks = list(range(0, len(days), step))
    axes.set_xticks(ticks, [f"{days[i]:%m-%d}" for i in ticks])
    axes.set_title(ascii_label(title))
    axes.set_ylabel("articles")
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, alpha=0.3)
    if series:
        axes.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def write_png(series: Mapping[str, Sequence[tuple[date, int]]], path: Path, *, title: str, force: bool) -> None:
    """Draw the chart and write it to ``path`` (refusing an existing file unless ``force``)."""
    check_target(path, force=force)
    data = render_png(series, title)
    try:
        with path.open("wb" if force else "xb") as fh:
            fh.write(data)
    except FileExistsError as exc:
        raise PlotError(f"{path} exists: give --force to overwrite it") from exc
    except OSError as exc:
        raise PlotError(f"cannot write {path}: {exc.strerror or exc}") from exc
