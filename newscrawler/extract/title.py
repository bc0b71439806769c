"""The headline: the page's heading that agrees with ``<title>``, else ``<title>`` without its site suffix.

``<title>`` usually reads ``headline_channel_site`` (``…_网易财经``, ``…-新华网``,
``…--时政--人民网``, ``…|焦点新闻|某某网``). The visible ``<h1>`` is the cleanest
source, but portals also wrap their logo in ``<h1>``; agreeing with ``<title>``
tells the two apart.
"""

from __future__ import annotations

from newscrawler.extract.lines import LINK_LINE_SHARE, Line
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import nospace
from newscrawler.extract.vocabulary import (
    TITLE_PREFIX_SEPARATOR,
    TITLE_SEPARATORS,
    TITLE_SITEISH,
)


def strip_site_suffix(title: str, options: Options = DEFAULT_OPTIONS) -> str:
    """Remove trailing ``_channel_site`` segments (and a leading ``Site » `` trail) from a ``<title>`` text:
    a tail naming a site (``TITLE_SITEISH``, ``site_suffix_max`` characters at most) or a short one
    (``channel_suffix_max``; ``weak_suffix_max`` after a bare hyphen), while ``headline_min`` characters
    stay before it."""
    title = title.strip()
    trail = TITLE_PREFIX_SEPARATOR.split(title)
    if len(trail) > 1 and len(nospace(trail[-1])) >= options.headline_min:
        title = trail[-1]
    while True:
        separators = list(TITLE_SEPARATORS.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if not head or len(nospace(head)) < options.headline_min:
            return title
        siteish = len(tail) <= options.site_suffix_max and bool(TITLE_SITEISH.search(tail))
        short = len(tail) <= (options.channel_suffix_max if not last.group("weak") else options.weak_suffix_max)
        if not tail or siteish or short:
            title = head
            continue
        return title


def choose_title(html_title: str | None, og_title: str | None, headline: str | None,
                 headings: list[Line], options: Options = DEFAULT_OPTIONS) -> tuple[str | None, Line | None]:
    """Pick the headline; also return the heading line it came from (to keep it out of the body).

    A heading that is the ``<title>`` (or its part before the site's name) wins at once; otherwise the
    heading that agrees best with it (``_agreement``, earlier headings first); without any agreement,
    ``_without_agreement``. Headings shorter than ``headline_min``, or mostly links (over
    ``heading_link_max``) unless they are the title's core, are not candidates."""
    reference = html_title or og_title or headline or ""
    core = strip_site_suffix(reference, options) if reference else ""
    ref_ns, core_ns = nospace(reference), nospace(core)
    best: tuple[int, Line] | None = None
    for rank, line in enumerate(headings):
        cand = nospace(line.text)
        if len(cand) < options.headline_min or (line.link_density > options.heading_link_max and cand != core_ns):
            continue
        if cand in (core_ns, ref_ns):
            return line.text, line
        score = _agreement(cand, core_ns, ref_ns, og_title, options)
        if score and (best is None or score * 1000 - rank > best[0]):
            best = (score * 1000 - rank, line)
    if best is not None:
        return best[1].text, best[1]
    return _without_agreement(headings, core, core_ns, ref_ns, options)


def _agreement(cand: str, core_ns: str, ref_ns: str, og_title: str | None, options: Options) -> int:
    """How well a heading (spaces removed) agrees with the title: 3 when one of it and the title's core
    starts the other (and the heading is most of it: ``title_core_share``) or it is the ``og:title``'s
    core, 2 when it is a part of the whole ``<title>`` (``title_part_min`` characters at least), else 0."""
    if core_ns and (core_ns.startswith(cand) or cand.startswith(core_ns)):
        return 3 if len(cand) >= options.title_core_share * len(core_ns) else 0
    if ref_ns and cand in ref_ns and len(cand) >= options.title_part_min:
        if ref_ns.startswith(core_ns) and cand not in core_ns and cand in ref_ns[len(core_ns):]:
            return 0  # the site's own name in a heading (a footer's 某某学会): the part the suffix strip removed
        return 2
    if og_title and cand == nospace(strip_site_suffix(og_title, options)):
        return 3
    return 0


def _without_agreement(headings: list[Line], core: str, core_ns: str, ref_ns: str,
                       options: Options) -> tuple[str | None, Line | None]:
    """No heading agrees with the title: the one real ``<h1>`` (else the first heading of another level) when
    the title names only the site or a channel (its core strips to ``site_name_max`` characters at most:
    ``人間衛視-人間新聞`` -> ``人間衛視``, ``新闻动态--某某学会官网`` -> ``新闻动态``), else the
    title's core (no line), else the first heading that is no link (``headline_min`` characters at least)."""
    site_name_max = options.site_name_max
    longer = [ln for ln in headings if ln.link_density < LINK_LINE_SHARE
              and len(nospace(ln.text)) > max(site_name_max, len(core_ns))]
    h1 = next((ln for ln in longer if ln.tag == "h1"), None) or next(iter(longer), None)
    if h1 is not None and core_ns != ref_ns and len(core_ns) <= site_name_max:
        return h1.text, h1  # <title> names only the site; the page's one real <h1> is the headline
    if core:
        return core, None
    for line in headings:
        if len(nospace(line.text)) >= options.headline_min and line.link_density < LINK_LINE_SHARE:
            return line.text, line
    return None, None


def title_segment(html_title: str | None) -> str:
    """The first segment of ``<title>`` (``标题`` of ``标题-文娱-某某网``; empty without a title)."""
    return TITLE_SEPARATORS.split(html_title.strip(), maxsplit=1)[0] if html_title else ""


def printed_title(html_title: str | None, lines: list[Line], options: Options = DEFAULT_OPTIONS) -> Line | None:
    """A page line that prints the first segment of ``<title>`` (``标题-文娱-某某网`` with the headline
    in a plain ``<div>``): the headline line when no heading agreed. A headline printed on two
    consecutive lines (a title and its ``——`` subtitle) gives its second line, so that the body,
    which starts after the headline line, leaves out both. Looks at the first 400 lines, for a segment
    of ``options.printed_title_min`` characters or more."""
    if not html_title:
        return None
    first_ns = nospace(title_segment(html_title))
    if len(first_ns) < options.printed_title_min or first_ns == nospace(html_title):
        return None
    previous: Line | None = None
    for line in lines[:400]:
        if line.link_density >= LINK_LINE_SHARE or not line.text:
            if line.text:
                previous = None
            continue
        text_ns = nospace(line.text)
        if text_ns == first_ns:
            return line
        if previous is not None and nospace(previous.text) + text_ns == first_ns:
            return line  # a headline printed as two lines (主题 / ——副题): its last line
        previous = line
    return None
