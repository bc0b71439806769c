"""The thresholds of extraction, in one frozen object passed through the passes.

``extract(..., options=Options(...))`` changes them for one call; ``DEFAULT_OPTIONS`` is what every
caller gets otherwise. Each value says what it bounds and which pass reads it. The pattern
vocabulary (labels, phrases, class names) is in ``vocabulary``; the weights of the line scoring
(``body.line_weight``) and of the second opinion's DOM scoring (``second``) stay with their formulas.
This module imports no other pass, so every pass can take an ``Options``.

Numbers that stay in their modules are not decisions about a page's text: the encoding detector's
statistics (``decode``: error rates, sample sizes), the date grammar's bounds (``dates``: years, the
length of a string worth parsing), the cost bounds of a walk (depths, cache sizes, how many lines a
search looks at), the link share over which a line is a link line (``lines.LINK_LINE_SHARE``, 0.5, the
definition every pass shares), the lengths inside the chrome patterns of ``vocabulary`` (how long a
tool row or a promo line may run to its end: part of each pattern's shape; ``SHORT_CHROME_MAX`` is the
longest of those in ``CLUTTER_SHORT_CHROME``), and what a name is made of (``bylines``: a 2–4 character Chinese name, the longest
name or outlet token).
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawler.extract.budget import EXTRACTION_BUDGET_S


@dataclass(frozen=True, slots=True)
class Options:
    """Extraction thresholds (defaults are the tuned values)."""

    # -- budget and second opinion
    time_budget: float = EXTRACTION_BUDGET_S
    """CPU seconds one page may take (``budget``); past it the page is ``extraction timeout``."""
    second_opinion_below: float = 0.35
    """``confidence`` under which the second body finder is asked (``second``; 0 never, above 1 always).
    Unless it is 0 the finder is also asked, whatever the confidence, when the first body would make
    the page a non-article (no paragraph nor caption, a list's pattern), opens or ends with an edge
    scrap (``second.ragged``: a short unclosed undated line, e.g. a source name or an address), or
    leaves running text just outside it (``second.left_outside``: between the headline and the body,
    or just after it). The picking rule (``second.pick``): the second body is taken when it is the
    first less edge scraps only (a tighter element around the same text), the first plus link-free
    paragraphs at its edges, or holds 1.5x its running text while keeping half of it; otherwise the
    first is kept."""

    second_take_ratio: float = 1.5
    """How much more running text (``second.prose_chars``) the second body must hold than the first to
    replace it by the "fuller" rule of ``second.pick`` (it must also keep half of the first's running text)."""
    second_added_links: float = 0.1
    """Link share at most of a paragraph the second body adds at the first's edges for the extension
    rule of ``second.pick`` (``second.extends``: a keyword linked inside it; a teaser is mostly link)."""
    second_closing_lines: int = 3
    """Short (under ``prose_min``) link-free lines that may close the paragraphs the second body adds
    after the first in ``second.extends`` (a signature and its date)."""
    prose_min: int = 20
    """Characters a line needs to be running text (``second.prose_chars``: with a full stop or two commas
    and few links), the measure of text the second opinion weighs (``second.pick``, ``ragged``,
    ``left_outside``), the routed share behind ``confidence`` (``article._kept_share``) and the headline
    repeated under the text (``article._after_title``) read."""

    # -- lines (``lines.prune``, ``lines.linearise``)
    scrap_max: int = 40
    """Characters at most of an invisible scrap (``lines.prune``, the walk): white text inside a line of
    other text, or an element of a class or id the page's stylesheet hides, is a watermark an anti-copy
    script slips into the text (``某某网,www.example.com``) and is dropped; longer, it is a section a
    script reveals (a folded rest of the article) and is kept."""
    prose_link: int = 60
    """Characters of running text (holding a full stop) inside one link from which, on the reading with
    hidden text revealed, the link wraps text (a photo story linked to its next slide), not a headline,
    and its characters are not link characters (the walk, ``lines._wraps_prose``)."""
    wrapped_text_min: int = 200
    """Characters of plain (unlinked) text from which a chrome-named element holding the headline is a
    layout wrapper whose lines are judged one by one, not chrome (the walk, ``lines._wraps_article``)."""
    wrapper_page_share: float = 0.8
    """Share of the page's text that a chrome-named element holding ``wrapped_text_min`` plain characters
    holds at least to be a layout wrapper around the whole page, read line by line as plain lines (the
    walk, ``lines._Walker._collapse_chrome``), when no headline element marks it (``_wraps_article``)."""
    scrap_context_min: int = 10
    """Characters of other text (spaces removed) around white text in its parent for the white text to be
    a scrap inside a line (``lines._white_scrap``); white text standing nearly alone is on a coloured bar."""
    data_row_max: int = 300
    """Characters at most of a table row of short cells read as one data row (cells joined by a tab;
    ``lines._data_row_cells``): a longer row is page layout, walked cell by cell."""
    chrome_link_share: float = 0.6
    """Share of link characters from which a chrome-classed subtree is one noise line (a menu, a related
    list; ``lines._Walker._collapse_chrome``); below it, it is walked line by line (an article footer)."""

    # -- container (``body.rank_container``)
    near_title_share: float = 0.3
    """The text right under the headline wins over a best element apart from it when it scores at least
    this share of the best (photo news: a caption and a sentence under the headline, teasers elsewhere)."""
    near_title_lines: int = 30
    """Lines after the headline searched for that text."""
    notice_min: int = 20
    """Characters from which a punctuated line with a notice word (``BODY_NOTICE_HINT``) that reads as
    a notice (``disclaimers.as_disclaimer``) weighs as furniture, not prose, in the line scoring
    (``body.line_weight``): a 版权声明 is never the article."""
    repeat_ratio: float = 3.0
    """Running text before the container's headline line this many times that after it makes that line
    a repeat of the headline under the text (a print box, a share bar), and the lines before it the
    article (``article._after_title``)."""

    # -- line routing (``body.sort_lines``)
    passage_line: int = 15
    """Characters a short unpunctuated line under a photo needs to open a passage of such lines (text,
    not a caption), and that a text's lines need to count in ``unpunctuated_share``."""
    unpunctuated_share: float = 0.2
    """A text is written with full stops when at least this share of its long lines holds one; otherwise
    a plain line under a photo is text, not a caption."""
    resume_window: int = 15
    """Lines after a related-list heading in which two paragraphs in a row mean the list was a box inside
    the article (which goes on), not its end."""
    resume_link_density: float = 0.5
    """Most link density of a line past the body that the second opinion may still take as the text going
    on after a box of links (``resume_window`` lines after the body)."""
    resume_paragraph_min: int = 40
    """Characters of a paragraph (with a full stop) that shows the text going on after a related heading:
    two in a row within ``resume_window`` lines, or two of the ``related_story_lines`` after it
    (``body._prose_resumes``, ``body._prose_follows``)."""
    resume_paragraph_links: float = 0.2
    """Link share under which such a line is a paragraph (a teaser with its link is not)."""
    related_story_lines: int = 4
    """Lines with text read after a 相关新闻 heading (within twice as many lines) for a sidebar story
    printed in full, which is text (``body._prose_follows``)."""
    teaser_run_min: int = 3
    """Items in a row that make a teaser list: each a headline link line (``headline_link_min``+
    characters, no full stop) with a summary under it (``teaser_summary_min``+ characters with a clause
    mark, link share under ``resume_paragraph_links``). Their summaries are no text, before the article
    (a sidebar beside it) or after it (``body._teaser_lines``), when the page holds prose besides them."""
    teaser_summary_min: int = 30
    """Characters of a teaser's summary line (see ``teaser_run_min``)."""
    link_list_heading_max: int = 12
    """Characters at most of an unpunctuated line over link lines read as a link list's heading, which
    ends the text (``body._opens_link_list``: 证券要闻, 重点推荐)."""
    kept_sentence_min: int = 15
    """Characters of a kept line with a clause mark that makes what was kept so far text, not header
    fragments (``body._has_prose``): only then does a related heading end the article ..."""
    kept_text_min: int = 60
    """... or this many characters kept in all."""
    stamp_line_max: int = 120
    """Characters at most of a dated line without a full stop that may be a post's footer recurring
    under each post (``body._repeated_stamps``) ..."""
    post_footer_after: int = 100
    """... which ends the article after this many characters of text (a blog archive: the first post)."""
    tail_remnant_max: int = 40
    """Characters under which a last line with links over ``tail_remnant_links`` and no full stop is a
    link remnant dropped from the end of the text (``body._trim_tail``)."""
    tail_remnant_links: float = 0.3
    """Link share above which such a short last line is a remnant."""
    tail_promo_max: int = 60
    """Characters at most of a site's promo line (``BODY_PROMO_TAIL``) dropped from the end of the text."""
    near_title_prose_min: int = 15
    """Characters of the first line of text under the headline (with a clause mark, weighing as prose)
    that ``near_title_share`` weighs: shorter lines there are a dateline or a credit (``body._under_title``)."""
    caption_max: int = 120
    """Characters above which a line is never a caption unless its markup says so (``body._is_caption``):
    a caption is a phrase or one sentence, a longer line under a photo is the text."""
    worded_caption_max: int = 80
    """Characters at most of a line holding a photo and caption wording (``BODY_CAPTION_TEXT``: 图为, 摄)
    for it to be the photo's caption wherever it stands (longer, the wording is inside a sentence)."""
    photo_line_text_max: int = 2
    """Characters at most of a photo's own line for the next line to stand "under a photo" (a photo line
    holds no text beyond a stray bullet or space)."""
    plain_caption_max: int = 40
    """Characters at most of a plain line without a full stop under a photo read as its caption (longer
    is a line of text that a photo happens to precede)."""
    subheading_text_links: float = 0.3
    """Link share under which the line after a bold or heading line under a photo is a paragraph of
    text, making that line a subheading, not a caption (``body._subheading_over_text``)."""
    subheading_text_ratio: float = 2.0
    """How many times longer than the bold line that paragraph must be (a subheading is short against its
    text; a caption followed by a short line is still a caption)."""
    crumb_item_max: int = 20
    """Characters at most of a breadcrumb item (``body.parse_breadcrumb``): longer pieces are the
    headline or a slogan, not a section name."""
    crumb_trailing_max: int = 6
    """Characters at most of a plain item after a breadcrumb's links (``正文``, ``详情``) kept as its last."""
    crumb_line_max: int = 60
    """Characters at most of an unlabelled ``A > B > C`` line read as a breadcrumb
    (``body.is_breadcrumb_line``) ..."""
    crumb_trail_item_max: int = 12
    """... each of its items this short (section names, not headlines)."""
    crumb_reach: int = 60
    """Lines up to the headline searched for a breadcrumb when the body's lines held none
    (``article._find_breadcrumb``): the trail sits in the page's header, not far above the headline."""
    title_repeat_blocks: int = 3
    """Body blocks kept before which a line repeating the headline is dropped (the headline printed again
    over the text); later the line is routed like any other (a sentence of the text may read the same)."""
    subheading_max: int = 20
    """Characters of an unstyled subheading between two paragraphs of one ``<br>``-separated element."""
    subheading_paragraph_min: int = 30
    """Characters of a line ending a sentence that counts as a paragraph around an unstyled subheading
    (``body._unstyled_subheadings``: both the line after a centred or a ``<br>`` subheading, and the one
    before the latter)."""
    centred_heading_max: int = 40
    """Characters of a centred line read as a subheading."""
    standfirst_link_max: float = 0.3
    """Link share from which a line between the headline and the text is not read as its standfirst
    (``body.add_standfirst``)."""
    standfirst_lookback: int = 3
    """Lines with text right before the text searched for a labelled standfirst (``摘要：…``) on a page
    whose headline no line holds (``body.add_standfirst``)."""
    standfirst_min: int = 10
    """Characters after its label of a standfirst (``摘要：…``) that opens the body."""
    summary_prefix_min: int = 30
    """Characters of a page's description (``<meta name=description>``) cut short that an unlabelled line
    between the headline and the text must open with to be its standfirst (``body.add_standfirst``);
    a description repeated whole needs only ``standfirst_min``."""
    table_lookahead: int = 3
    """Lines after the container in which a table the text announces (``附：…一览``) must start."""
    table_max_links: float = 0.3
    """Link share above which an announced table is a list of links, not part of the article."""
    post_stamp_max: int = 120
    """Characters at most of a post's stamp line (``BODY_POST_STAMP``: ``本文发表于 <date>``, no full stop),
    which closes the post when it follows the text."""
    credits_close_after: int = 3
    """Body blocks kept before an editors' credit (``责任编辑：``, ``编辑|``, ``校对：``) from which the credit
    closes the text (what follows is the outlet's own); nearer the headline it stands in the header."""
    long_prose_min: int = 150
    """Characters from which a line holding two full stops and few links is text, whatever chrome words
    it opens with (``点击进入>>`` glued before a paragraph, ``body._long_prose``)."""
    label_cell_max: int = 6
    """Characters at most of a table row's first cell, when it is a link, for the row to be a data row
    (``所在地 | <a>某市</a>``; a plain first cell always is one), not an item of a headline list whose
    heading would end the text (``body._headline_link``); a headline is longer."""
    lead_in_max: int = 12
    """Characters at most of a closing line ending in a colon that is dropped when nothing it announces
    follows (a label over a widget, ``body.drop_dangling_lead_in``)."""

    # -- notices (``disclaimers.as_disclaimer``)
    notice_max: int = 400
    """Characters at most of an unlabelled notice (recognised by its phrases); a labelled one may be
    twice as long, and a longer line is never a notice (a paragraph that mentions 转载 stays text)."""
    notice_heading_max: int = 30
    """Characters at most of a notice box's heading (``NOTICE_HEADING``: ``某某网版权与免责声明：``)."""
    short_notice_max: int = 80
    """Characters at most of an unlabelled line with a notice phrase that is a notice by its length alone
    (``disclaimers._notice_shaped``); a longer one must be made mostly of notice phrases ..."""
    notice_phrase_chars: int = 6
    """... holding at least this many characters of them (one stray 转载 in a paragraph is no notice)."""

    # -- chrome (``clutter``)
    chrome_row_max: int = 80
    """Characters (spaces removed) at most of a line tried as a row of tools or a mood vote
    (``clutter.is_chrome``): such rows are short; a longer line with those words is a sentence."""
    related_heading_max: int = 16
    """Characters at most of a related/hot/comment list's heading (``clutter.is_related_heading``:
    ``相关新闻``, ``热门推荐（共5条）``)."""
    writer_note_max: int = 100
    """Characters at most of a note about the writer (``CLUTTER_WRITER_NOTE``: 作者为某报评论员…), which is
    byline matter, not text (``clutter.is_writer_note``)."""
    truncated_copy_min: int = 4
    """Characters at least of a line that is the next line cut short (a related list's "title, then
    truncated copy"), dropped in its favour (``clutter.is_truncated_copy``)."""

    # -- headline (``title``)
    site_name_max: int = 6
    """Characters at most of a ``<title>`` core that names only the site: the page's one real ``<h1>``
    (longer than this) is then the headline (``title.choose_title``)."""
    printed_title_min: int = 6
    """Characters the first segment of ``<title>`` needs to be looked for as a printed headline line
    when no heading agreed (``title.printed_title``)."""
    headline_min: int = 4
    """Characters (spaces removed) at least of a headline (``title``): a shorter heading is no candidate,
    a ``<title>`` is not cut to fewer before its site suffix, and a site trail's last segment must be
    this long to be the headline."""
    heading_link_max: float = 0.8
    """Link share above which a heading is a link (a logo, a channel's name), no headline candidate,
    unless it is the ``<title>``'s core (``title.choose_title``)."""
    title_core_share: float = 0.6
    """Share of the ``<title>``'s core that a heading starting it (or started by it) must cover to
    agree with it (``title._agreement``) ..."""
    title_part_min: int = 6
    """... and characters at least of a heading found inside the whole ``<title>``."""
    site_suffix_max: int = 20
    """Characters at most of a ``<title>`` tail naming a site (``TITLE_SITEISH``: ``某某网``) that
    ``title.strip_site_suffix`` cuts ..."""
    channel_suffix_max: int = 8
    """... characters at most of any other tail it cuts (a channel: ``时政``) ..."""
    weak_suffix_max: int = 4
    """... and after a bare hyphen or dash, which also joins words inside a headline."""

    # -- surroundings (header and footer lines read for bylines, dates, notices)
    header_before: int = 10
    """Lines above the headline (or the text) read as the header."""
    header_after: int = 30
    """Lines between the headline and the text read as the header."""
    footer_after: int = 50
    """Lines after the text read as the footer (up to the site's copyright line)."""
    outside_reach: int = 3
    """Lines with text read after the body (and before it when the headline is not above it) for
    running text the container left out, which asks for the second opinion (``article._unsure``)."""
    meta_source_max: int = 30
    """Characters at most of a ``<meta name=source>`` credit taken as the source when no line names one
    (longer is a slogan; ``bylines.credits``)."""
    dated_line_max: int = 80
    """Characters at most of an unlabelled header or footer line read for the publication date (longer
    lines are sentences that may name any date; ``dates.publication_date``)."""

    # -- info (byline) lines (``bylines.info_line``, ``bylines.looks_like_byline``)
    short_info_max: int = 60
    """Characters at most of a short info line: an unlabelled one (a date and at most one name, an
    outlet's credit; ``bylines._unlabelled_info``, and in the header only lines this short are read so),
    a line holding a full stop, or one whose single label is not its first word; longer, such a line
    is a sentence that mentions a label word."""
    dated_names_max: int = 4
    """Names at most on an unlabelled date line (``2020-06-05 20:35 张三 李小明 某某姐``: the writers, when at
    least half of them look like people; ``bylines._unlabelled_info``); more words are a sentence or a menu."""
    dated_names_person_share: float = 0.5
    """The share of the words on such a date line that must start with a surname (``looks_like_person``) for them
    to be its writers: channel words (``国际 财经``) do not."""
    byline_line_max: int = 160
    """Characters above which a labelled line is never an info line (unless it gives an original title)."""
    spaced_label_max: int = 24
    """Characters at most of a line opening with a label glued to or spaced from its value (no colon):
    ``记者 张三``; longer is a sentence (``记者了解到，…``)."""
    dated_info_max: int = 80
    """Characters at most of a labelled line without a full stop that holds a date and is therefore an
    info line (``报纸网 |发布: 2021-1-29 13:18|点击: 313``)."""
    bare_label_max: int = 20
    """Characters at most of a line opening with a label that gives no value (``责任编辑：``)."""
    glued_credit_max: int = 30
    """Characters at most of a line in which a glued reporter or editor label (``（记者张三）``, no
    separator) is read as a label (``bylines._accept``)."""
    early_date_blocks: int = 3
    """Body blocks before which a bare date line inside the text is an info line; later it is a
    notice's signature and stays text (``bylines.info_line``)."""
    author_element_max: int = 30
    """Characters at most of an author-classed element's line read for the writer's name
    (``BYLINE_AUTHOR_CLASS``, ``bylines._is_author_element``) ..."""
    linked_author_max: int = 20
    """... and at most this many when the line is a link (a profile link, not a list of headlines)."""

    # -- page kind (``article._page_kind``)
    min_body_chars: int = 30
    """Body characters under which a page without a paragraph is no article, unless the text is told
    under the page's headline (``article._short_story``)."""
    story_min_chars: int = 8
    """Characters of a short text told under the headline (a sentence, or any text under a dateline)
    that makes the page an article however many links surround it."""
    paragraph_min: int = 20
    """Characters of a block of running text (a paragraph is the positive evidence of an article)."""
    error_page_max_chars: int = 300
    """Body characters under which a 404 headline makes an error page."""
    list_min_links: int = 10
    """Headline links between kept blocks from which a page may be a list (channel) page ..."""
    list_links_per_block: float = 1.5
    """... when there are this many of them per kept block ..."""
    list_max_chars_per_block: int = 100
    """... and its blocks are this short on average (and mostly not whole sentences) ..."""
    list_linked_gaps: float = 0.5
    """... and links stand in at least this share of the gaps between blocks (a list's pattern, not
    one related box inside an article) ..."""
    list_min_linked_gaps: int = 3
    """... and in at least this many of them (a pattern repeats: two boxes of links between three
    short paragraphs are no list)."""
    video_max_chars: int = 120
    """Body characters under which a page with a player and no paragraph is a video page."""
    gallery_min_images: int = 4
    """Photos from which a page without a paragraph may be a gallery ..."""
    gallery_max_block: int = 60
    """... when its longest block is shorter than this ..."""
    gallery_chars_per_image: int = 40
    """... and its text is under this many characters per photo ..."""
    gallery_max_chars: int = 400
    """... and under this many in all."""
    reveal_min_chars: int = 100
    """Characters of text out of view (style-hidden elements, ``<noscript>``) from which a page dropped
    for want of text is read again with it revealed (``article._revealable``); a sentence inside a
    link (``paragraph_min``+ characters) also asks for that second reading."""
    photo_max_text: int = 200
    """Body characters under which a page with one to ``photo_max_images`` captioned photos is photo news."""
    photo_max_images: int = 3
    """Photos at most on a photo-news page (more, with little text, is a gallery)."""
    photo_min_caption: int = 6
    """Characters of a caption that opens a photo-news body."""
    prompt_max: int = 40
    """Characters at most of each line of a text that talks to the visitor (``PAGE_UTILITY_LINE``:
    ``欢迎访问本频道！``) under any headline: such a text makes no article (``article._prompt``)."""
    headline_link_min: int = 8
    """Characters of a link line that reads as a headline (menu and pager links are shorter): between
    the headline and the text (a list's first item), the text does not open under the page's own
    headline (``article._opens_under_headline``); between kept blocks, the link lines counted for a
    list's pattern (``Sorted.interleaved_links``, ``list_min_links``; ``body._Router._furniture``)."""
    photo_story_share: float = 0.5
    """Share of the captions that must be whole sentences, beyond it, for a page with more than
    ``photo_max_images`` photos to be a photo story (photo news) rather than a gallery
    (``article._photo_news``)."""
    max_tags: int = 30
    """Keywords at most kept as the article's ``tags`` (``article.crumbs_pass``): a longer keyword list is
    a site's SEO padding."""
    list_sentence_share: float = 0.5
    """Share of the kept blocks that are whole sentences (``_whole_sentence``) from which a page with a
    list's pattern of links is text after all (a transcript's turns, a story with many inline links;
    ``article._list_like``)."""

    # -- why a page without article text is dropped (``article._why_not``: the ``reason``)
    error_probe_lines: int = 80
    """Lines read, with the headline and ``<title>``, for a 404 wording (``PAGE_ERROR_PAGE``) ..."""
    error_page_max_lines: int = 200
    """... on a page of fewer lines than this (a real error page is short; a long page that mentions
    "not found" in a link is something else)."""
    dropped_gallery_images: int = 3
    """Photos from which a page without article text is a ``gallery``."""
    dropped_list_link_min: int = 6
    """Characters of a link line counted as a headline link for the ``list page`` reason (menu links are
    shorter) ..."""
    dropped_list_link_lines: int = 15
    """... and how many such lines make a page without article text a ``list page``."""

    # -- headline candidates (``article._heading_lines``)
    titled_line_min: int = 4
    """Characters at least of a title-classed block (``PAGE_TITLEISH_CLASS``, not heading markup) taken
    as a headline candidate ..."""
    titled_line_max: int = 80
    """... and at most (a longer block is a summary or a paragraph, not a headline)."""

    # -- language (``language.detect_language``)
    chinese_min: int = 10
    """CJK characters in the first 4,000 of the title and text from which the text is Chinese (``zh-Hans``
    or ``zh-Hant`` by its characters); with fewer, the page's declared ``lang`` is kept."""

    # -- quotes
    quote_slice_chars: int = 100_000
    """Body characters given to the quote engine at a time (a body of megabytes is read in slices of
    whole blocks, with a look at the time budget between them)."""


DEFAULT_OPTIONS = Options()
