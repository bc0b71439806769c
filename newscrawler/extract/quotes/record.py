"""The ``Quote`` record: one attribution as the extractor returns and the archive stores it.

Kept apart so the storage and export code (``newscrawler.items``, the
pipelines) can name the record and its literal types without the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpeakerType = Literal["person", "organization", "media", "media_unnamed", "anonymous", "document", "unspecified"]
QuoteType = Literal["direct", "indirect", "mixed"]
Position = Literal["pre", "post", "split", "none"]


@dataclass(slots=True)
class Quote:
    """One attribution: who (``speaker``) said what (``quote_text``), where.

    Offsets are Python code-point indices, half-open, into
    ``blocks[block_index].text``: ``start``/``end`` for the content (for a direct
    quote, the text between the outer quotation marks), ``speaker_start``/
    ``speaker_end`` for the surface mention (None when the subject is implicit),
    ``cue_start``/``cue_end`` for the cue. ``speaker`` is canonical: a person's
    name (the full form, e.g. ``马克·韦伯`` for a later ``韦伯``), otherwise the
    phrase (``知情人士``, ``媒体``, ``内华达州备案文件``); None when it cannot be
    resolved or for speaker-less hearsay (``据悉``, type ``unspecified``).
    ``parent`` is the index, in the returned list, of the enclosing record.
    """

    speaker: str | None
    speaker_mention: str | None
    speaker_type: SpeakerType
    quote_text: str
    quote_type: QuoteType
    block_index: int
    start: int
    end: int
    cue: str | None = None
    speaker_title: list[str] = field(default_factory=list)
    speaker_affiliation: str | None = None
    title_inherited: bool = False
    direct_fragments: list[str] = field(default_factory=list)
    relayed_by: str | None = None
    addressee: str | None = None
    addressee_outlet: str | None = None
    parent: int | None = None
    attribution_position: Position = "pre"
    coref: bool = False
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_json(self) -> dict[str, object]:
        """The record as JSON-ready data (lists copied, every field present)."""
        return {
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_type": self.speaker_type,
            "speaker_title": list(self.speaker_title),
            "speaker_affiliation": self.speaker_affiliation,
            "title_inherited": self.title_inherited,
            "cue": self.cue,
            "quote_type": self.quote_type,
            "quote_text": self.quote_text,
            "direct_fragments": list(self.direct_fragments),
            "relayed_by": self.relayed_by,
            "addressee": self.addressee,
            "addressee_outlet": self.addressee_outlet,
            "parent": self.parent,
            "attribution_position": self.attribution_position,
            "coref": self.coref,
            "block_index": self.block_index,
            "start": self.start,
            "end": self.end,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
        }
