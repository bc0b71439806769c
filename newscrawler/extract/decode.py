"""Turn a response body (bytes) into text, the way a browser would, but sturdier on Chinese pages.

Pure and I/O-free; stdlib only, plus ``charset_normalizer`` as a last resort when it is installed.

Order of authority: explicit override > byte-order mark > HTTP ``Content-Type`` charset >
in-document declaration (``<meta charset>``, http-equiv, ``<?xml encoding?>``, or the
``<text ... encoding="...">`` wrapper line of old crawl dumps) > detection.

Why not just trust the declaration: Chinese sites routinely declare ``gb2312`` while using GBK/GB18030
characters (镕 喆 昇 €), migrate templates to UTF-8 but keep ``charset=gb2312``, or sit behind servers
that send ``charset=utf-8`` / ``iso-8859-1`` for GBK bytes. So every label is widened to the superset
browsers use (GB family -> gb18030, big5 -> big5hkscs, latin-1/ascii -> cp1252), and a bounded
sanity check re-decodes when a declaration is clearly wrong. Each strategy decodes the body at most
once; the honest common paths cost one strict decode (plus one failed, early-exiting UTF-8 attempt
for GB pages).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, cast

__all__ = [
    "Decoded",
    "EncodingSource",
    "Repair",
    "decode_body",
    "decode_mixed",
    "looks_binary",
    "looks_like_mojibake",
    "looks_misdecoded",
    "mixed_if_better",
    "repair_mojibake",
    "utf16_without_bom",
]

EncodingSource = Literal["override", "bom", "header", "meta", "detected", "fallback"]


@dataclass(frozen=True, slots=True)
class Decoded:
    """Result of :func:`decode_body`.

    ``encoding`` is the Python codec actually used (``utf-8``, ``gb18030``, ``big5hkscs``, ``cp1252``,
    ``cp932``, ``cp949``, ``utf-16`` ...), so archived raw bytes can be re-decoded identically.
    ``declared`` is the lower-cased label of the declaration that was followed or, when detection
    overruled them, of the first one (header before document); unknown labels are kept too.
    ``errors`` counts U+FFFD characters introduced by decoding (not those already in the page).
    """

    text: str
    encoding: str
    source: EncodingSource
    declared: str | None
    errors: int


# --------------------------------------------------------------------------- codec names

_GB18030 = "gb18030"
_UTF8 = "utf-8"
_GB_ERRORS = "newscrawler-gb18030"


def _gb18030_errors(exc: UnicodeError) -> tuple[str, int]:
    """Decode error handler for gb18030: a lone 0x80 is '€' (WHATWG/browsers), anything else U+FFFD.

    Decoding resumes at the next byte, so an ASCII byte after a broken lead byte is never swallowed
    (Python reports some truncated sequences as spanning the following bytes).
    """
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    obj = exc.object
    if obj[exc.start] == 0x80:
        return "\u20ac", exc.start + 1
    return "\ufffd", exc.start + 1


codecs.register_error(_GB_ERRORS, _gb18030_errors)

# WHATWG-style labels (lower case) mapped to the codec browsers actually use for them.
_LABELS_BY_CODEC: dict[str, str] = {
    _UTF8: "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8 utf-8-sig",
    _GB18030: (
        "gb18030 gb-18030 gb_18030 gb2312 gb-2312 gb_2312 gb_2312-80 gb2312-80 gb2312-1980 gbk x-gbk "
        "cp936 ms936 windows-936 euc-cn euccn x-euc-cn chinese csgb2312 csiso58gb231280 iso-ir-58 "
        "gb2312_80 gb2312_1980 euc_cn"
    ),
    "big5hkscs": "big5 big-5 big5-hkscs big5hkscs big5_hkscs cn-big5 csbig5 x-x-big5 x-big5 cp950 ms950",
    "cp1252": (
        "iso-8859-1 iso8859-1 iso_8859-1 iso_8859-1:1987 iso88591 latin1 latin-1 l1 ascii us-ascii "
        "ansi_x3.4-1968 cp819 ibm819 csisolatin1 iso-ir-100 windows-1252 cp1252 x-cp1252"
    ),
    "cp932": "shift_jis shift-jis sjis x-sjis ms_kanji csshiftjis windows-31j ms932 cp932",
    "cp949": (
        "euc-kr euckr euc_kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949 "
        "cp949 cseuckr csksc56011987 iso-ir-149"
    ),
    "utf-16": "utf-16 utf16 unicode ucs-2 csunicode iso-10646-ucs-2 unicodefeff",
    "utf-16-le": "utf-16le utf-16-le",
    "utf-16-be": "utf-16be utf-16-be unicodefffe",
}
_ALIASES: dict[str, str] = {
    label: codec for codec, labels in _LABELS_BY_CODEC.items() for label in labels.split()
}

# Codecs Python knows but that must never decode a web page (not text codecs, unsafe, or useless).
_REJECTED = frozenset(
    {"utf-7", "undefined", "unicode_escape", "raw_unicode_escape", "idna", "punycode", "charmap",
     "mbcs", "oem", "utf-32", "utf-32-le", "utf-32-be"}
)
_LABEL_RE = re.compile(r"[a-z0-9][a-z0-9._:\-]{0,39}")
_SINGLE_BYTE = frozenset({"cp1252"}) | {f"iso8859-{i}" for i in range(2, 17)} | {
    f"cp125{i}" for i in range(0, 9)
} | {"koi8-r", "koi8-u", "mac-roman", "cp437", "cp850", "cp866"}


# Values some tools write when they did not know the charset (the old crawl wrapper has "unset").
_PLACEHOLDERS = frozenset({"unset", "none", "unknown", "null", "default", "auto", "_autodetect_all"})


def _clean_label(label: str | bytes | None) -> str | None:
    """Lower-case, unquote and trim a charset label; None when empty."""
    if label is None:
        return None
    if isinstance(label, bytes):
        label = label.decode("latin-1")
    label = label.strip().strip("\"'").strip().lower()
    if label == "utf8":
        label = "utf-8"
    return None if not label or label in _PLACEHOLDERS else label


@lru_cache(maxsize=256)
def _codec_for(label: str | None) -> str | None:
    """Map a cleaned label to the codec to decode with, or None when unknown/unusable."""
    if not label:
        return None
    codec = _ALIASES.get(label)
    if codec:
        return codec
    if not _LABEL_RE.fullmatch(label):
        return None
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REJECTED:
        return None
    # Python canonical names of the families above still get widened.
    return _ALIASES.get(info.name.replace("_", "-"), _ALIASES.get(info.name, info.name))


# --------------------------------------------------------------------------- decoding primitives

_FFFD_BYTES: dict[str, bytes] = {}
_MAX_HANDLER_ERRORS = 10_000


def _fffd_in(codec: str) -> bytes:
    """How U+FFFD is encoded in ``codec`` (b'' when it cannot be), cached."""
    enc = _FFFD_BYTES.get(codec)
    if enc is None:
        try:
            enc = "\ufffd".encode(codec)
        except (UnicodeError, LookupError):
            enc = b""
        if codec.startswith("utf-16") and enc.startswith((b"\xff\xfe", b"\xfe\xff")):
            enc = enc[2:]
        _FFFD_BYTES[codec] = enc
    return enc


def _decode(body: bytes, codec: str) -> tuple[str, int]:
    """Decode never-failing; return the text and the number of U+FFFD the decoder introduced.

    gb18030 first runs with the C-level 'replace' handler (mid-stream errors span one byte, so
    the result is the same); only when that produced U+FFFD and the body has a 0x80 byte is it
    redone with the Python handler that turns a lone 0x80 into '€'. Garbage with more than
    ``_MAX_HANDLER_ERRORS`` errors keeps the fast result rather than a million Python calls.
    """
    text = body.decode(codec, "replace")
    if "\ufffd" not in text:
        return text, 0
    if codec == _GB18030 and b"\x80" in body and text.count("\ufffd") <= _MAX_HANDLER_ERRORS:
        text = body.decode(codec, _GB_ERRORS)
    native = _fffd_in(codec)
    return text, max(0, text.count("\ufffd") - (body.count(native) if native else 0))


_HIGH_BYTES = bytes(range(0x80, 0x100))
_MIN_CJK_BYTES = 16  # below this, too little multi-byte text to judge a single-byte declaration
_MIN_UTF8_PREFIX = 32  # non-ASCII bytes in a valid UTF-8 prefix that make a page "UTF-8 with damage"
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")


def _high_byte_count(body: bytes) -> int:
    return len(body) - len(body.translate(None, _HIGH_BYTES))


# --------------------------------------------------------------------------- declarations

_HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([^\s"';,]+)""", re.I)
# A comment (skipped; an unclosed one runs to the end) or a <meta ...> tag.
# The tag body stops at the next '<' or '>' so a broken page cannot make the scan quadratic.
_META_SCAN_RE = re.compile(rb"<(?:!--.*?(?:-->|\Z)|meta[\s/][^<>]*)", re.I | re.S)
_META_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9][A-Za-z0-9._:\-]*)""", re.I)
_XML_DECL_RE = re.compile(rb"""\s*<\?xml\s[^>]*?encoding\s*=\s*["']?([A-Za-z0-9][A-Za-z0-9._:\-]*)""", re.I)
_WRAPPER_RE = re.compile(rb"\s*<text\s", re.I)
_ATTR_RE = re.compile(rb"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SCAN_LIMIT = 64 * 1024


def _header_label(headers: Mapping[str, str | bytes] | None) -> str | None:
    """The charset of a Content-Type header (case-insensitive key; str, bytes or a list of them)."""
    if not headers:
        return None
    value: object = None
    try:
        value = cast(object, headers.get("Content-Type"))
        if value is None:
            for key, val in headers.items():
                name: object = key
                if isinstance(name, bytes):
                    name = name.decode("latin-1")
                if str(name).strip().lower() == "content-type":
                    value = cast(object, val)
                    break
    except Exception:  # an exotic mapping type must not break decoding
        return None
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    m = _HEADER_CHARSET_RE.search(value)
    return _clean_label(m.group(1)) if m else None


def _wrapper_label(body: bytes) -> str | None:
    """``encoding`` attribute of a leading ``<text id=... title=... encoding=...>`` crawl wrapper."""
    m = _WRAPPER_RE.match(body)
    if not m:
        return None
    line = body[m.end() : m.end() + 4096].split(b"\n", 1)[0]
    for attr in _ATTR_RE.finditer(line):
        if attr.group(1).lower() == b"encoding":
            return _clean_label(attr.group(2) or attr.group(3) or attr.group(4))
    return None


def _document_labels(body: bytes) -> list[str]:
    """Declarations inside the document, in order: wrapper/XML declaration, then the first meta."""
    labels: list[str] = []
    head = body[:_SCAN_LIMIT]
    first = _wrapper_label(head)
    if first is None:
        m = _XML_DECL_RE.match(head)
        first = _clean_label(m.group(1)) if m else None
    if first:
        labels.append(first)
    for tag in _META_SCAN_RE.finditer(head):
        if tag.group(0)[1:2] == b"!":
            continue
        m = _META_CHARSET_RE.search(tag.group(0))
        if m:
            meta = _clean_label(m.group(1))
            if meta:
                labels.append(meta)
            break
    return labels


# --------------------------------------------------------------------------- plausibility

# Frequent Han characters (simplified and traditional forms). In real Chinese prose they make up
# well over a third of the Han text; in GBK-read-as-Big5, Big5/Shift_JIS/EUC-KR-read-as-GBK and
# similar mis-decodings they are rare, because the characters produced are effectively random.
_COMMON_HAN = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因"
    "只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应"
    "战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教原东"
    "声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四总何电数安少报才结反受目量再感建务"
    "做接必场件计管期市直资命山金指克许统区保至队形社便空决治展马科司五基非则记者网讯市省县月日"
    "這個們國為來說時會對發後過裡經麼學現當沒動還進開從軍長機與實關點業將兩間問題應戰頭體見產話內給"
    "門東聲員處義幾認條氣變總電數報結樣種頁記網訊縣區"
)
_COMMON_RUN_RE = re.compile("[" + _COMMON_HAN + "]+")
_CHUNK = 2048
_SAMPLE_BUDGET = 8192
_HAN_LEADS = (b"\xe4", b"\xe5", b"\xe6", b"\xe7", b"\xe8", b"\xe9")


def _sample(text: str) -> str:
    """Up to ``_SAMPLE_BUDGET`` characters of ``text`` taken from chunks that contain non-ASCII.

    Mis-decoding is uniform over a page, so a bounded sample is enough; ``str.isascii`` on slices
    skips scripts and styles far faster than any regex could, keeping the checks well under 1 ms.
    """
    if len(text) <= _SAMPLE_BUDGET:
        return text
    parts: list[str] = []
    size = 0
    for start in range(0, len(text), _CHUNK):
        chunk = text[start : start + _CHUNK]
        if not chunk.isascii():
            parts.append(chunk)
            size += len(chunk)
            if size >= _SAMPLE_BUDGET:
                break
    return "".join(parts)


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _han_count(text: str) -> int:
    """Characters in U+4000-U+9FFF (CJK Unified, with the tail of Extension A), counted by UTF-8 lead byte.

    Several times faster than a regex ``findall`` over the same text.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    return sum(encoded.count(lead) for lead in _HAN_LEADS)


def _looks_chinese(text: str) -> bool:
    """Is the non-ASCII part of ``text`` mostly Han, with a realistic share of common characters?

    Mis-decoded CJK (Big5, Shift_JIS or EUC-KR read as GBK, and the reverse) produces Han-looking
    but effectively random characters: few of them are among the frequent ones.
    """
    sample = _sample(text)
    non_ascii = _non_ascii_count(sample)
    if not non_ascii:
        return False
    han = _han_count(sample)
    if han < 0.6 * non_ascii:
        return False
    common = sum(map(len, _COMMON_RUN_RE.findall(sample)))
    return common >= 1 and common >= 0.15 * han


# --------------------------------------------------------------------------- the decision


def _utf8_probe(body: bytes) -> tuple[str | None, int]:
    """One strict UTF-8 attempt: (text, len(body)) on success, else (None, offset of the first bad byte).

    It stops at the first bad byte, so on a GBK page (which fails at its first Chinese character)
    it costs next to nothing.
    """
    try:
        return body.decode(_UTF8), len(body)
    except UnicodeDecodeError as exc:
        return None, exc.start


def _valid_multibyte(body: bytes, utf8_text: str, errors: int) -> int:
    """Non-ASCII characters that UTF-8 decoding (with replacement) produced without error.

    Python's UTF-8 decoder never swallows an ASCII byte into an error, so ASCII bytes map one to one.
    """
    return len(utf8_text) - (len(body) - _high_byte_count(body)) - errors


def _mostly_utf8(body: bytes, fail_at: int, declared: str | None) -> Decoded | None:
    """UTF-8 with a few corrupt bytes: the valid prefix already holds real multi-byte text.

    A GBK or Big5 page fails strict UTF-8 at its first non-ASCII character, so a long valid prefix
    with dozens of non-ASCII bytes means UTF-8 (truncated sequences, a stray byte...).
    """
    if _high_byte_count(body[:fail_at]) < _MIN_UTF8_PREFIX:
        return None
    text, errors = _decode(body, _UTF8)
    if errors * 20 <= _valid_multibyte(body, text, errors):
        return Decoded(text, _UTF8, "detected", declared, errors)
    return None


def _reconsider(body: bytes, codec: str, errors: int, declared: str | None) -> Decoded | None:
    """A clearly better reading than ``codec`` (UTF-8, gb18030 or big5hkscs), or None.

    Better: far fewer errors (for a single-byte codec, which never fails: no more errors) and
    plausible text: mostly valid multi-byte sequences for UTF-8, common Han characters for CJK.
    """
    single_byte = codec in _SINGLE_BYTE
    for alt in (_UTF8, _GB18030, "big5hkscs"):
        if alt == codec:
            continue
        alt_text, alt_errors = _decode(body, alt)
        if not (alt_errors <= errors if single_byte else alt_errors * 4 < errors):
            continue
        if alt == _UTF8:
            plausible = alt_errors * 20 <= _valid_multibyte(body, alt_text, alt_errors)
        else:
            plausible = _looks_chinese(alt_text)
        if plausible:
            return Decoded(alt_text, alt, "detected", declared, alt_errors)
    return None


def _choose_non_utf8(body: bytes, codec: str, source: EncodingSource, declared: str | None) -> Decoded:
    """Decode with a declared non-UTF-8 codec, re-deciding when the result is clearly wrong.

    Suspicious: U+FFFD above 0.5 % of all or 2 % of non-ASCII characters (any U+FFFD at all also
    triggers a UTF-8 check, for damaged UTF-8 behind a lying meta); or a single-byte codec
    (typically a server's iso-8859-1 default) on a body with some multi-byte text. Single-byte codecs
    never fail, so there only the plausibility test can tell GBK bytes from, say, French.
    """
    text, errors = _decode(body, codec)
    if codec in _SINGLE_BYTE:
        suspicious = _high_byte_count(body) >= _MIN_CJK_BYTES
    else:
        suspicious = errors >= 2 and (errors * 200 > len(text) or errors * 50 > _non_ascii_count(text))
        if errors and not suspicious and codec != _UTF8:
            # A few errors: honest legacy pages rarely have any, damaged UTF-8 read as GB always does.
            utf8_text, utf8_errors = _decode(body, _UTF8)
            if utf8_errors * 20 <= _valid_multibyte(body, utf8_text, utf8_errors):
                return Decoded(utf8_text, _UTF8, "detected", declared, utf8_errors)
    if suspicious:
        better = _reconsider(body, codec, errors, declared)
        if better is not None:
            return better
    return Decoded(text, codec, source, declared, errors)


def _choose_legacy_declared(body: bytes, codec: str, source: EncodingSource, declared: str | None) -> Decoded:
    """A single non-UTF-8 declaration: valid (or mostly valid) UTF-8 with multi-byte text overrules it."""
    utf8_text, fail_at = _utf8_probe(body)
    if utf8_text is not None:
        if len(utf8_text) != len(body):
            return Decoded(utf8_text, _UTF8, "detected", declared, 0)
    else:
        mostly = _mostly_utf8(body, fail_at, declared)
        if mostly is not None:
            return mostly
    return _choose_non_utf8(body, codec, source, declared)


def _choose_utf8_declared(body: bytes, source: EncodingSource, declared: str | None) -> Decoded:
    """A UTF-8 declaration: keep UTF-8 unless the bytes are mostly invalid and a CJK codec is far cleaner.

    A real UTF-8 page with a few corrupt bytes still has many more valid multi-byte characters than
    errors; GBK bytes read as UTF-8 are mostly errors.
    """
    utf8_text, _ = _utf8_probe(body)
    if utf8_text is not None:
        return Decoded(utf8_text, _UTF8, source, declared, 0)
    text, errors = _decode(body, _UTF8)
    if errors >= 2 and errors > _valid_multibyte(body, text, errors):
        better = _reconsider(body, _UTF8, errors, declared)
        if better is not None:
            return better
    return Decoded(text, _UTF8, source, declared, errors)


def _choose_conflicting(body: bytes, decls: list[tuple[EncodingSource, str, str]]) -> Decoded:
    """Header and document name different charsets: valid UTF-8 wins, then the first that decodes
    cleanly (in declaration order, a server's single-byte default last), then the fewest errors."""
    utf8_text, fail_at = _utf8_probe(body)
    if utf8_text is not None and len(utf8_text) != len(body):
        source, label = next(((s, lab) for s, lab, c in decls if c == _UTF8), ("detected", decls[0][1]))
        return Decoded(utf8_text, _UTF8, source, label, 0)
    if utf8_text is None:
        by_utf8 = next(((s, lab) for s, lab, c in decls if c == _UTF8), None)
        mostly = _mostly_utf8(body, fail_at, by_utf8[1] if by_utf8 else decls[0][1])
        if mostly is not None:
            if by_utf8 is not None:
                return Decoded(mostly.text, _UTF8, by_utf8[0], by_utf8[1], mostly.errors)
            return mostly
    best: Decoded | None = None
    for source, label, codec in decls:
        if codec in _SINGLE_BYTE:
            result = _choose_non_utf8(body, codec, source, label)
        else:
            text, errors = _decode(body, codec)
            result = Decoded(text, codec, source, label, errors)
        if result.errors == 0:
            return result
        if best is None or result.errors < best.errors:
            best = result
    assert best is not None
    if best.encoding == _UTF8:
        return _choose_utf8_declared(body, best.source, best.declared)
    if best.source == "detected":
        return best
    return _choose_non_utf8(body, best.encoding, best.source, best.declared)


def _latin_like(body: bytes) -> bool:
    """Non-ASCII bytes stand alone (accented letters between ASCII), as in Western single-byte text;
    CJK multi-byte encodings always put them in runs of two or more."""
    runs = _HIGH_RUN_RE.findall(body[:_SCAN_LIMIT])
    return bool(runs) and sum(map(len, runs)) * 2 <= 3 * len(runs)


def _detect(body: bytes, declared: str | None) -> Decoded:
    """No usable declaration: utf-8 > clean gb18030 > clean big5hkscs > nearly clean UTF-8/CJK >
    cp1252 for Western-looking bytes > charset_normalizer > gb18030 with replacement."""
    text, fail_at = _utf8_probe(body)
    if text is not None:
        return Decoded(text, _UTF8, "detected", declared, 0)
    mostly = _mostly_utf8(body, fail_at, declared)
    if mostly is not None:
        return mostly
    candidates: list[tuple[str, str, int]] = []
    for codec in (_GB18030, "big5hkscs"):
        text, errors = _decode(body, codec)
        if errors == 0 and _looks_chinese(text):
            return Decoded(text, codec, "detected", declared, 0)
        candidates.append((codec, text, errors))
    # Nearly clean: a few corrupt bytes in an otherwise fine UTF-8 or CJK page.
    utf8_text, utf8_errors = _decode(body, _UTF8)
    if utf8_errors * 20 <= _valid_multibyte(body, utf8_text, utf8_errors):
        return Decoded(utf8_text, _UTF8, "detected", declared, utf8_errors)
    for codec, text, errors in sorted(candidates, key=lambda c: c[2]):
        if errors * 200 <= len(text) and _looks_chinese(text):
            return Decoded(text, codec, "detected", declared, errors)
    if _latin_like(body):
        text, errors = _decode(body, "cp1252")
        if errors == 0:
            return Decoded(text, "cp1252", "detected", declared, 0)
    guessed = _charset_normalizer_guess(body)
    if guessed is not None and guessed not in (_GB18030, "big5hkscs", _UTF8):
        text, errors = _decode(body, guessed)
        if errors == 0 and not looks_like_mojibake(text):
            return Decoded(text, guessed, "detected", declared, 0)
    codec, text, errors = candidates[0]
    return Decoded(text, codec, "fallback", declared, errors)


def _charset_normalizer_guess(body: bytes) -> str | None:
    """charset_normalizer's best guess mapped to our codec names; None if absent or unsure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None
    try:
        best = from_bytes(body[:_SCAN_LIMIT]).best()
    except Exception:
        return None
    if best is None:
        return None
    return _codec_for(_clean_label(str(best.encoding)))


def _decode_body(body: bytes, headers: Mapping[str, str | bytes] | None, encoding: str | None) -> Decoded:
    header_label = _header_label(headers)
    doc_labels = _document_labels(body)
    # (source, label, codec); a meta can't really declare UTF-16 (it was readable as ASCII).
    decls: list[tuple[EncodingSource, str, str | None]] = []
    if header_label:
        decls.append(("header", header_label, _codec_for(header_label)))
    for doc_label in doc_labels:
        doc_codec = _codec_for(doc_label)
        if doc_codec is not None and doc_codec.startswith("utf-16"):
            doc_codec = _UTF8
        decls.append(("meta", doc_label, doc_codec))
    known = [(s, lab, c) for s, lab, c in decls if c is not None]
    declared = known[0][1] if known else (decls[0][1] if decls else None)

    override = _codec_for(_clean_label(encoding))
    if override is not None:
        text, errors = _decode(body, override)
        forced = Decoded(text, override, "override", declared, errors)
        if _plausible(text, errors) and _looks_chinese(text):
            return forced
        # A wrong forced codec (GBK bytes read as Big5, UTF-8 as UTF-16 …) yields garbage: the bytes'
        # own reading wins when it is clean Chinese (a Russian page forced to koi8-r has none, so it
        # keeps its codec); otherwise the forced text goes on and is refused if it stays garbled.
        detected = _decode_body(body, headers, None)
        if not detected.errors and _looks_chinese(detected.text) and _plausible(detected.text, 0):
            return detected
        return forced

    if body.startswith(codecs.BOM_UTF8):
        text, errors = _decode(body[3:], _UTF8)
        return Decoded(text, _UTF8, "bom", declared, errors)
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, errors = _decode(body, "utf-16")
        return Decoded(text, "utf-16", "bom", declared, errors)

    utf16 = utf16_without_bom(body)
    if utf16 is not None:
        text, errors = _decode(body, utf16)
        return Decoded(text, utf16, "detected", declared, errors)

    # A server default (a single-byte charset in the header) is the least specific; try it last.
    known.sort(key=lambda d: d[0] == "header" and d[2] in _SINGLE_BYTE)
    distinct: list[tuple[EncodingSource, str, str]] = []
    for source, label, codec in known:
        if codec is not None and all(codec != c for _, _, c in distinct):
            distinct.append((source, label, codec))
    if not distinct:
        return _detect(body, declared)

    source, label, codec = distinct[0]
    if codec.startswith("utf-16") and b"\x00" not in body[:1024]:
        # UTF-16 named but no NUL bytes: the header lies; use the next declaration or detection.
        distinct = distinct[1:]
        if not distinct:
            return _detect(body, declared)
        source, label, codec = distinct[0]

    if len(distinct) > 1:
        return _choose_conflicting(body, distinct)
    if codec == _UTF8:
        return _choose_utf8_declared(body, source, label)
    if codec.startswith("utf-16"):
        text, errors = _decode(body, codec)
        return Decoded(text, codec, source, label, errors)
    return _choose_legacy_declared(body, codec, source, label)


_UTF16_SAMPLE = 4096
_UTF16_MIN_BYTES = 16


def utf16_without_bom(body: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text with no byte-order mark, else None.

    HTML has ASCII markup, which UTF-16 writes as a NUL byte beside each character byte: in
    little-endian the NULs sit at odd offsets, in big-endian at even ones. At least 4 % of the
    bytes on one side must be NUL (a page of long Chinese paragraphs has about 6 %) and the other
    side may hold at most half as many (a Chinese character's low byte is NUL for one in 256, but
    一 U+4E00 and 开 U+5F00 are frequent; a stray NUL in an ASCII-compatible page is on either side
    at random, and never 80 of them on one side of 4 KB), and the
    sample must read as text (NUL-laden binary aligned by chance reads as random Han characters).
    """
    head = bytes(body[: _UTF16_SAMPLE])
    half = len(head) // 2
    if half < _UTF16_MIN_BYTES // 2 or b"\x00" not in head:
        return None
    even, odd = head[0 : 2 * half : 2].count(0), head[1 : 2 * half : 2].count(0)
    if odd * 25 >= half and even * 2 <= odd:
        codec = "utf-16-le"
    elif even * 25 >= half and odd * 2 <= even:
        codec = "utf-16-be"
    else:
        return None
    text, errors = _decode(head[: 2 * half], codec)
    return codec if _plausible(text, errors) else None  # not NUL-laden binary that happens to align


def _plausible(text: str, errors: int) -> bool:
    """Text a reader could read: few decoding errors, no mojibake signs, and, when it is mostly
    Han characters, a realistic share of common ones (a wrong CJK codec gives random Han)."""
    if errors * 200 > len(text) or looks_like_mojibake(text):
        return False
    sample = _sample(text)
    non_ascii = _non_ascii_count(sample)
    if not non_ascii:
        return True
    han = _han_count(sample)
    if han * 10 >= 3 * non_ascii:
        return _looks_chinese(sample)
    return _han_count(text) * 10 < 3 * non_ascii and not _PRIVATE_USE_RE.search(sample)


_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]{3}")


def decode_body(
    body: bytes, headers: Mapping[str, str | bytes] | None = None, encoding: str | None = None
) -> Decoded:
    """Decode an HTML response body; never raises.

    Order: explicit ``encoding`` override > BOM > HTTP Content-Type charset > ``<meta>``/http-equiv/XML
    declaration or ``<text ... encoding=...>`` wrapper (first 64 KB, comments skipped) > detection.
    Labels are widened as browsers do (GB family -> gb18030 with 0x80 as '€', big5 -> big5hkscs,
    latin-1/ascii -> cp1252). Lying declarations are caught: legacy-declared bytes that are valid
    UTF-8 are UTF-8; UTF-8-declared bytes that are mostly invalid but clean as gb18030/big5hkscs are
    that; header/meta conflicts go to the charset that decodes cleanly.
    """
    try:
        return _decode_body(bytes(body), headers, encoding)
    except Exception:  # pragma: no cover - defensive: decoding must never take the crawl down
        try:
            text, errors = _decode(bytes(body), _GB18030)
            return Decoded(text, _GB18030, "fallback", None, errors)
        except Exception:
            return Decoded(bytes(body).decode("latin-1"), "latin-1", "fallback", None, 0)


# --------------------------------------------------------------------------- mojibake and binary

# GBK characters whose lead byte is a UTF-8 lead (E2-EF) and trail a UTF-8 continuation (80-BF):
# what UTF-8 Chinese turns into when read as GBK (鏂 銆 鈥 锛 浠 鍙 ...). All are rare in real text.
_UTF8_AS_GBK = bytes(b for lead in range(0xE2, 0xF0) for trail in range(0x80, 0xC0) for b in (lead, trail))
_UTF8_AS_GBK_RE = re.compile("[" + re.escape(_UTF8_AS_GBK.decode(_GB18030)) + "]")
# UTF-8 or GBK bytes read as cp1252/latin-1: runs of 4+ Latin-1-supplement / cp1252-extra characters.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LATIN_RUN_RE = re.compile("[\u0080-\u00ff" + _CP1252_EXTRA + "]{4,}")
_LATIN_PAIR_RE = re.compile("[\u00c2\u00c3][\u0080-\u00bf" + _CP1252_EXTRA + "]")


def looks_like_mojibake(text: str) -> bool:
    """True for text that is probably mis-decoded.

    Signals: U+FFFD above 0.5 % of characters; '锟斤拷' (U+FFFD's UTF-8 bytes read as GBK); and, on a
    bounded sample, UTF-8 read as GBK (a dense share of the characters in ``_UTF8_AS_GBK_RE``) or
    UTF-8/GBK read as Latin-1/cp1252 (runs such as 'ä¸­æ–‡' or 'ÖÐÎÄ', or repeated 'Ã©' pairs).
    """
    if not text:
        return False
    # Single-character membership tests are memchr-fast; count and multi-character search only on a hit.
    if "\ufffd" in text and text.count("\ufffd") * 200 > len(text):
        return True
    if "锟" in text and "锟斤拷" in text:
        return True
    sample = _sample(text)
    # every marker is a Han character (``_han_count`` counts it): the Han are counted only for 2+ markers
    markers = len(_UTF8_AS_GBK_RE.findall(sample))
    if markers >= 2 and markers * 100 >= 15 * _han_count(sample):
        return True
    if sample.encode("latin-1", "ignore").isascii():
        return False  # no U+0080-U+00FF character at all: no Latin-1 mojibake
    runs = _LATIN_RUN_RE.findall(sample)
    if runs:
        in_runs = sum(len(r) for r in runs)
        if in_runs >= 8 and in_runs * 10 >= 3 * _non_ascii_count(sample):
            return True
    return len(_LATIN_PAIR_RE.findall(sample)) >= 3


_MISREAD_RE = re.compile("[\ufffd\u0080-\u024f]")
_RANDOM_HAN_MIN = 40
_RANDOM_HAN_SAMPLE = 1500
"""Han characters a text needs before the share of common ones judges it (real prose: 35 %+ common;
GBK read as Big5 or the reverse: a few %)."""


def looks_misdecoded(text: str) -> bool:
    """True for extracted text (a body, a title) that a reader would see as garbage.

    UTF-8 read as GBK (at least 5 of the rare characters it produces, 15 % of the Han); or at least
    5 U+FFFD or Latin-1/Latin-Extended characters, more than 5 % of them plus the Han
    characters, and a sign that the text was meant to be Chinese: some Han, some U+FFFD, or a run
    of 4+ Latin-1/cp1252 characters (``ÖÐÎÄ``). An English or French text with accents has none
    of the three; a Chinese article with a few damaged emoji (U+FFFD) stays under 5 %. Or 40+ Han
    characters of which under 15 % are common ones: one CJK encoding read as another.
    """
    if not text or text.isascii():
        return False
    han = _han_count(text)
    markers = len(_UTF8_AS_GBK_RE.findall(text)) if han else 0
    if markers >= 5 and markers * 100 >= 15 * han:
        return True  # UTF-8 read as GBK: 鏈競浠婂勾
    if han >= _RANDOM_HAN_MIN:
        sample = text[:_RANDOM_HAN_SAMPLE]  # a wrong codec garbles the whole text alike
        sampled = han if len(text) <= _RANDOM_HAN_SAMPLE else _han_count(sample)  # (a short text is its sample)
        if sampled >= _RANDOM_HAN_MIN and _common_han(sample) * 100 < 15 * sampled:
            return True  # random Han characters: a CJK text read with another CJK codec (GBK as Big5)
    misread = len(_MISREAD_RE.findall(text))
    if misread < 5:
        return False
    if misread * 20 <= han + misread:
        return False
    return bool(han) or "\ufffd" in text or _LATIN_RUN_RE.search(text) is not None


_UTF8_RUN_RE = re.compile(rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})+")
_MIN_MIXED_RUNS = 3


def decode_mixed(body: bytes) -> str | None:
    """Decode a page whose bytes are part UTF-8, part GBK (a template in one, pasted text in the other).

    Each run of non-ASCII bytes is read as UTF-8 when it is entirely valid UTF-8 and as gb18030
    otherwise (a GBK run of several characters is almost never valid UTF-8). None unless both kinds
    occur at least ``_MIN_MIXED_RUNS`` times and the result reads as Chinese.
    """
    parts: list[str] = []
    pos = 0
    utf8_runs = gb_runs = 0
    for m in _HIGH_RUN_RE.finditer(body):
        parts.append(body[pos : m.start()].decode("ascii", "replace"))
        run = m.group(0)
        utf8: str | None = None
        if _UTF8_RUN_RE.fullmatch(run):
            try:
                utf8 = run.decode(_UTF8)
            except UnicodeDecodeError:  # the shape fits but the bytes are overlong or surrogates
                utf8 = None
        if utf8 is not None:
            parts.append(utf8)
            utf8_runs += 1
        else:
            parts.append(_decode(run, _GB18030)[0])
            gb_runs += 1
        pos = m.end()
    if utf8_runs < _MIN_MIXED_RUNS or gb_runs < _MIN_MIXED_RUNS:
        return None
    parts.append(body[pos:].decode("ascii", "replace"))
    text = "".join(parts)
    return text if _looks_chinese(text) and not looks_like_mojibake(text) else None


def _badness(text: str) -> int:
    """Signs of a wrong reading: U+FFFD, and characters that UTF-8 bytes read as GBK produce."""
    return text.count("\ufffd") + len(_UTF8_AS_GBK_RE.findall(text))


def mixed_if_better(body: bytes, decoded: Decoded) -> str | None:
    """The part-UTF-8, part-GBK reading of ``body`` (``decode_mixed``) when it is clearly better
    than ``decoded``: the page was read as UTF-8 or gb18030 with some errors or UTF-8-as-GBK
    characters (a UTF-8 template around a GBK article, or the reverse, is often too small a share
    for ``looks_like_mojibake``), and the mixed reading has under half of those signs. None otherwise.
    """
    if decoded.encoding not in (_UTF8, _GB18030):
        return None
    if decoded.errors < 2 and (decoded.encoding != _GB18030
                               or len(_UTF8_AS_GBK_RE.findall(_sample(decoded.text))) < 2):
        return None
    mixed = decode_mixed(body)
    if mixed is None or _badness(mixed) * 2 >= _badness(decoded.text):
        return None
    return mixed


# --------------------------------------------------------------------------- mojibake repair

# The single-byte readings that turn Chinese bytes into Latin letters. Latin-9 differs from Latin-1
# in eight places (€ Š š Ž ž Œ œ Ÿ), cp1252 uses 0x80-0x9F for letters; a page read by one and
# stored as UTF-8 shows which by its characters, and trying each in turn settles the rest.
_READERS = ("iso8859-15", "cp1252", "latin-1")
_LATIN9_EXTRA = "€ŠšŽžŒœŸ"
_FOREIGN_RE = re.compile("[^\u0000-\u00ff" + re.escape(_CP1252_EXTRA + _LATIN9_EXTRA) + "]+")
_LATIN_ERRORS = "newscrawler-latin"
_REPAIR_TARGETS = (_GB18030, "big5hkscs", _UTF8)
_MAX_LAYERS = 2


def _latin_errors(exc: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: a character the chosen Latin reader lacks takes its byte in the others.

    Real pages mix readers (a C1 control from Latin-1 beside a cp1252 letter), so one codec's
    gaps are filled from Latin-1, cp1252 and Latin-9 in that order; anything else is a '?'.
    """
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for ch in exc.object[exc.start : exc.end]:
        if ord(ch) < 0x100:
            out.append(ord(ch))
            continue
        for codec in ("cp1252", "iso8859-15"):
            try:
                out += ch.encode(codec)
                break
            except UnicodeEncodeError:
                continue
        else:
            out += b"?"
    return bytes(out), exc.end


codecs.register_error(_LATIN_ERRORS, _latin_errors)


@dataclass(frozen=True, slots=True)
class Repair:
    """A repaired text and the layers undone, outermost first (``"iso8859-15>gb18030"``: GB18030
    bytes that were read as Latin-9 and stored as UTF-8)."""

    text: str
    layers: tuple[str, ...]


def _undo_layer(text: str, reader: str, target: str) -> tuple[str, int, int]:
    """Re-encode the Latin-looking stretches of ``text`` with ``reader`` and decode them as ``target``.

    Stretches of other characters (real Han characters, symbols a template added later) are kept as
    they are. Returns the new text, the number of U+FFFD the decoding introduced, and how many
    characters ``reader`` could not encode itself (few when it is the reader that made the text).
    """
    parts: list[str] = []
    errors = foreign = 0
    pos = 0
    for m in [*_FOREIGN_RE.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        if chunk and not chunk.isascii():
            fixed = chunk.encode(reader, _LATIN_ERRORS).decode(target, "replace")
            errors += fixed.count("\ufffd") - chunk.count("\ufffd")
            foreign += len(chunk) - len(chunk.encode(reader, "ignore"))
            chunk = fixed
        parts.append(chunk)
        if m is not None:
            parts.append(m.group(0))
            pos = m.end()
    return "".join(parts), errors, foreign


def _common_han(text: str) -> int:
    return sum(map(len, _COMMON_RUN_RE.findall(text)))


_Rank = tuple[int, int, int]


_CUT_ERRORS = 2 * (_SAMPLE_BUDGET // _CHUNK + 1)
"""Decoding errors an intermediate layer may make on a sample: ``_sample`` joins chunks cut at fixed
places, and a cut through a character's bytes costs an error on each side of it. Requiring none
refused every two-layer repair of a page longer than one sample (the cuts always fell inside text)."""


def _best_reading(sample: str, depth: int) -> tuple[_Rank, tuple[str, ...]] | None:
    """The (reader, target) layers, at most ``depth`` of them, that turn ``sample`` into Chinese.

    Ranked by decoding errors, then by characters the readers had to borrow from another Latin
    codec (cp1252 and Latin-9 disagree on eight letters; the reader that made the text needs no
    borrowing), then by frequent Han characters. An intermediate layer must decode without error
    (it yields the previous mojibake, which is still Latin text) but where the sample's chunks were
    cut apart (``_CUT_ERRORS``).
    """
    best: tuple[_Rank, tuple[str, ...]] | None = None
    for reader in _READERS:
        for target in _REPAIR_TARGETS:
            fixed, errors, foreign = _undo_layer(sample, reader, target)
            if fixed == sample or errors * 100 > len(fixed):
                continue
            layer = f"{reader}>{target}"
            if _looks_chinese(fixed):
                rank = (errors, foreign, -_common_han(fixed))
                if best is None or rank < best[0]:
                    best = (rank, (layer,))
            elif depth > 1 and errors <= _CUT_ERRORS and looks_like_mojibake(fixed):
                deeper = _best_reading(fixed, depth - 1)
                if deeper is not None:
                    rank = (deeper[0][0], deeper[0][1] + foreign, deeper[0][2])
                    if best is None or rank < best[0]:
                        best = (rank, (layer, *deeper[1]))
    return best


def repair_mojibake(text: str) -> Repair | None:
    """Undo one or two wrong single-byte readings of GBK/GB18030, Big5 or UTF-8 text, or None.

    The layers are chosen on a bounded sample (mis-decoding is uniform over a page): every
    (reader, target) pair, and for a second layer every pair again, keeping the reading with the
    fewest decoding errors among those that look like Chinese (a realistic share of frequent Han
    characters). They are then applied to the whole text. None when no reading gives clean
    Chinese: the caller must then refuse the text rather than pass garbage on. Runs only on text
    that :func:`looks_like_mojibake` flags (a few ms for one layer).
    """
    found = _best_reading(_sample(text), _MAX_LAYERS)
    if found is None:
        return None
    current = text
    for layer in found[1]:
        reader, target = layer.split(">")
        current, errors, _ = _undo_layer(current, reader, target)
        if errors * 100 > len(current):
            return None
    if looks_like_mojibake(current):
        return None
    return Repair(current, found[1])


_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, docx/xlsx/epub
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # gzip
    b"\x00\x00\x01\x00",  # ICO
    b"BZh",  # bzip2
    b"\xfd7zXZ\x00",  # xz
    b"7z\xbc\xaf\x27\x1c",
    b"\x28\xb5\x2f\xfd",  # zstd
    b"OggS",
    b"ID3",  # MP3
    b"\x1a\x45\xdf\xa3",  # Matroska/WebM
)
# Control bytes that never occur in text documents (TAB, LF, FF, CR and ESC for ISO-2022 are allowed).
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B)) + b"\x7f"


def looks_binary(body: bytes) -> bool:
    """True for bytes that are not a text document.

    Known magic numbers (PNG, JPEG, GIF, PDF, ZIP/docx, gzip, MP4/ftyp, WebP, ICO, ...), NUL bytes in
    more than 1 % of the first 4 KB (except UTF-16, with a BOM or the NUL pattern of one), or more than
    5 % control bytes there.
    Empty input is not binary (it is just empty).
    """
    if not body:
        return False
    head = bytes(body[:4096])
    if head.startswith(_MAGIC):
        return True
    if head[4:8] == b"ftyp" or (head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI ")):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head) is not None:
        return False
    nuls = head.count(0)
    if nuls * 100 > len(head):
        return True  # NULs beyond a stray one or two (a leading NUL before the HTML is text)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls * 20 > len(head)
