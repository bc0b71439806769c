"""Per-site selector overrides (a site profile's ``[selectors]``): CSS or XPath, evaluated on the page.

CSS is translated by parsel (the same dialect as Scrapy's ``response.css``) and evaluated with lxml
on the tree the extractor already parsed, so extraction stays free of Scrapy.

A profile overrides the generic extractor only where it is wrong on that site:
``title`` and ``date`` name elements whose text is used as is (the date still goes
through the Chinese date parser); ``body`` names the article container, whose
lines are then sorted exactly as the generic container's are.
"""

from __future__ import annotations

from cssselect import SelectorError
from lxml import etree
from parsel import css2xpath

from newscrawler.extract.text import collapse_ws


def is_xpath(selector: str) -> bool:
    """XPath when it starts like one (``/``, ``./``, ``(``); CSS otherwise."""
    return selector.lstrip().startswith(("/", "./", "("))


def select_first(root: etree._Element, selector: str) -> etree._Element | None:
    """The first element the selector matches, or None (also for a selector that does not parse)."""
    try:
        found = root.xpath(selector if is_xpath(selector) else css2xpath(selector))
    except (etree.XPathError, SelectorError):
        return None
    for item in found if isinstance(found, list) else []:
        if isinstance(item, etree._Element):
            return item
    return None


def select_text(root: etree._Element, selector: str) -> str | None:
    """Whitespace-collapsed text of the first match (None when nothing matches or it is empty)."""
    element = select_first(root, selector)
    if element is None:
        return None
    return collapse_ws("".join(element.itertext())) or None
