"""Quoted sources: who said what, from an article's clean body blocks.

``extract_quotes(blocks)`` returns one ``Quote`` per attribution (spec
``chinese-news-spec.md`` §1.3-1.5): the speaker (canonical, its surface mention,
its type, titles and affiliation as written), the cue verb, the content (direct,
indirect or mixed), the relay outlet (``路透社援引…称``), the addressee
(``对北京商报记者表示``), the enclosing record of a nested attribution, and the
block index with half-open code-point offsets into that block's text.

It is a rule engine over surface patterns, with no model and no segmenter: a
cue lexicon with false-friend blockers (``称为``, ``号称``, ``说了什么``,
``表示感谢``), frames (``据X透露``, ``X援引Y消息称``, ``在X看来``), a title
lexicon that splits ``东岭科技研究院院长周海林`` into affiliation, title and name,
speaker lexicons (anonymous sources, media, documents, organisations), and a
small resolver for pronouns and short forms (他, 她, 该人士, 文件) that picks the
nearest compatible antecedent. Matching runs on a length-preserving folded copy
(full-width ASCII to half-width, Traditional to Simplified one character for
one) so offsets always index the stored text. Pure: no I/O, no Scrapy, no SQL.

The modules, in the order the work flows:

- ``record``: the ``Quote`` record;
- ``fold``: the same-length folded copy (full-width, Traditional);
- ``blocks``: a block prepared for matching (quotations, sentences, clauses);
- ``lexicon``: speaker lexicons (titles, organisations, media, documents, names);
- ``cues``: the cue lexicon and its false-friend blockers;
- ``speaker_span``: trimming the clause before a cue to its speaker phrase;
- ``phrases``: names and the parse of a speaker phrase;
- ``triggers``: the attributions found in a block, before resolution;
- ``entities``: the registry of named speakers, mentions, pronoun resolution;
- ``engine``: assembling the records (``extract_quotes``).
"""

from newscrawler.extract.quotes.engine import extract_quotes
from newscrawler.extract.quotes.phrases import parse_np as _parse_np  # noqa: F401  benchmarks/quotes.py clears its cache
from newscrawler.extract.quotes.record import Quote

__all__ = ["Quote", "extract_quotes"]
