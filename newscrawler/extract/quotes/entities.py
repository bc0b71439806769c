"""The entity registry: who and what the article names, where, and pronoun resolution.

``Registry`` holds persons (with their titles, affiliation and short aliases
such as ``韦伯`` for ``马克·韦伯``), organisations, media and documents.
``scan_names`` registers persons introduced by a title anywhere
(``院长杨秀英``) and named documents; ``index_mentions`` lists every mention
in text order, marking the subject-like ones; ``resolve`` picks the nearest
compatible antecedent for a pronoun or short form (他, 她, 该人士, 文件).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newscrawler.extract.quotes.blocks import HAN, Text
from newscrawler.extract.quotes.lexicon import DOC_HEADS, LATIN_NAME, NAME_STOP, NUMCLS, TITLE_RE, alt
from newscrawler.extract.quotes.phrases import is_surname_name, parse_np, split_title
from newscrawler.extract.quotes.speaker_span import strip_lead


@dataclass(slots=True)
class Entity:
    name: str  # canonical, as written (raw text)
    key: str  # folded name
    kind: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    aliases: set[str] = field(default_factory=set)  # folded


@dataclass(slots=True)
class Registry:
    by_key: dict[str, Entity] = field(default_factory=dict)
    mentions: list[tuple[int, int, Entity, bool]] = field(default_factory=list)
    """(block, offset, entity, subject-like) in text order."""

    def add(self, key: str, raw: str, kind: str, titles: list[str] | None = None,
            affiliation: str | None = None) -> Entity:
        ent = self.by_key.get(key)
        if ent is None:
            for e in self.by_key.values():
                if key in e.aliases and e.kind == kind:
                    ent = e
                    break
        if ent is None:
            ent = Entity(raw, key, kind)
            self.by_key[key] = ent
            if kind == "person":
                if "·" in key:
                    ent.aliases.add(key.rsplit("·", 1)[1])
                elif " " in key and LATIN_NAME.fullmatch(key):
                    ent.aliases.add(key.rsplit(" ", 1)[1])
        if titles and not ent.titles:
            ent.titles = list(titles)
            ent.affiliation = affiliation
        return ent

    def person(self, key: str) -> Entity | None:
        """The person registered under ``key`` or with ``key`` as an alias (``韦伯`` for ``马克·韦伯``)."""
        ent = self.by_key.get(key)
        if ent is not None and ent.kind == "person":
            return ent
        return next((e for e in self.by_key.values() if key in e.aliases and e.kind == "person"), None)


_DOC_HEAD_RE = re.compile(alt([h for h in DOC_HEADS if h != "信"] + ["来信", "信函", "邮件"]) + r"(?![员院所生机组团中心])")
_DOC_LEFT = re.compile(r"(?:(?![的了是在和与对把被将及等为])[A-Za-z\u4e00-\u9fff《》·]){0,10}$")
_CLAUSE_ORG = re.compile(
    r"[A-Z][A-Za-z0-9.\-]*(?=[是的在于和与])|[\u4e00-\u9fff]{2,12}?(?:公司|集团|银行|大学|研究院|协会|基金会|组织|俱乐部)"
)
_VERB_AFTER_NAME = re.compile(alt(
    "出席 出任 出访 出面 参加 参与 来到 前往 主持 会见 带领 率领 陪同 视察 调研 考察 走访 发表 作出 做出 提出 签署 宣布 "
    "回应 回答 接受 担任 当选 获得 表示 指出 认为 介绍 透露 强调 坦言 直言 告诉 带队 亲自 现场 随后 一行 近日 日前".split()))
_NAME_AFTER_TITLE = re.compile(
    r"\s?([A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}|"
    r"[\u4e00-\u9fff]{1,4}·(?:(?![在是说表认也还对把被将的和与等称指透直介强告坦回补解分向于则就都])[\u4e00-\u9fff]){1,5}|"
    r"[\u4e00-\u9fff]{2,3})"
)
_HONORIFIC = re.compile(alt("女士 先生 阿姨 大爷 大妈 大姐 大哥 师傅 奶奶 爷爷 某某 某".split()))
_TITLE_BEFORE = re.compile(r"(?:" + TITLE_RE.pattern + r")\s?$")
_TITLE_PHRASE_BEFORE = re.compile(r"(?:(?![是与和于在对把被将了其及等为向从让给跟同由])[A-Za-z0-9\u4e00-\u9fff、·]){0,24}$")


def scan_names(texts: list[Text], reg: Registry) -> None:
    """Register persons introduced by a title anywhere (``院长杨秀英``, ``CEO Sam Altman``) and documents."""
    for t in texts:
        f = t.f
        for m in TITLE_RE.finditer(f):
            nm = _NAME_AFTER_TITLE.match(f, m.end())
            if nm is None or t.inq[m.start()]:
                continue
            name = nm.group(1)
            if HAN.match(name[0]) and "·" not in name:
                if len(name) == 3 and (name[2] in NAME_STOP or _VERB_AFTER_NAME.match(f, nm.start(1) + 2)):
                    name = name[:2]
                if not is_surname_name(name):
                    continue
            pre = _TITLE_PHRASE_BEFORE.search(f, 0, m.start())
            phrase = (pre.group() if pre else "") + m.group()
            ns = nm.start(1)
            parsed = parse_np(phrase + name)
            if parsed.kind == "person" and parsed.name == name:
                titles, affiliation = list(parsed.titles), parsed.affiliation
            else:
                titles, affiliation = split_title(phrase)
            ps = pre.start() if pre else m.start()
            if affiliation is None and ps > 0 and f[ps - 1] == "其":  # OpenAI是…与其现任CEO Sam Altman…
                cs = strip_lead(f, t.clause_start(ps), ps)
                org = _CLAUSE_ORG.match(f, cs, ps)
                affiliation = t.raw[org.start():org.end()] if org else None
            reg.add(name, t.raw[ns:ns + len(name)], "person", titles, affiliation)
        for m in _HONORIFIC.finditer(f):
            ns = m.start() - 1
            if ns >= 0 and not t.inq[ns] and is_surname_name(f[ns:m.end()]):
                reg.add(f[ns:m.end()], t.raw[ns:m.end()], "person")
        for m in _DOC_HEAD_RE.finditer(f):
            if t.inq[m.start()]:
                continue
            left = _DOC_LEFT.search(f, max(0, m.start() - 10), m.start())
            gs = left.start() if left else m.start()
            g = f[gs:m.end()]
            g2 = NUMCLS.sub("", re.sub(r"^(?:[一这该此那][封份项篇则条]|上述|该)", "", g))
            gs += len(g) - len(g2)
            if len(g2) < 2 or (g2 in DOC_HEADS and g2 not in ("公开信", "联名信")):
                continue
            reg.add(g2, t.raw[gs:m.end()].replace("《", "").replace("》", ""), "document")


def index_mentions(texts: list[Text], reg: Registry) -> None:
    keys: list[tuple[str, Entity]] = []
    for ent in reg.by_key.values():
        keys.append((ent.key, ent))
        keys.extend((a, ent) for a in ent.aliases)
    out: list[tuple[int, int, Entity, bool]] = []
    for t in texts:
        f = t.f
        for key, ent in keys:
            if not key:
                continue
            i = f.find(key)
            while i >= 0:
                cs = t.clause_start(i)
                lead = strip_lead(f, cs, i)
                subj = lead == i or _TITLE_BEFORE.search(f, lead, i) is not None
                out.append((t.index, i, ent, subj))
                i = f.find(key, i + len(key))
    out.sort(key=lambda x: (x[0], x[1]))
    reg.mentions = out


def resolve(reg: Registry, block: int, pos: int, want: str, head: str = "", gender: str = "") -> Entity | None:
    """Nearest compatible antecedent before (block, pos): a subject-like mention first, within 4 blocks."""
    best_any: Entity | None = None
    for b, o, ent, subj in reversed(reg.mentions):
        if (b, o) >= (block, pos):
            continue
        if block - b > 4:
            break
        if want == "person" and ent.kind != "person":
            continue
        if want == "person" and gender:
            if gender == "f" and re.search(r"先生|大爷|大哥|爷爷", ent.key):
                continue
            if gender == "m" and re.search(r"女士|阿姨|大妈|大姐|奶奶", ent.key):
                continue
        if want != "person" and ent.kind != want:
            continue
        if head and not (ent.key.replace("《", "").replace("》", "").endswith(head)
                         or any(tt.endswith(head) for tt in ent.titles)):
            continue
        if subj:
            return ent
        if best_any is None:
            best_any = ent
    return best_any
