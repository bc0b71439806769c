"""Quote attribution (``newscrawler.extract.quotes``): gold articles and one test per phenomenon.

Three layers:

- the shared seed gold (``../shared/quotes``, read at test time, never copied):
  every gold record found, every trap passed, span+speaker F1 >= 0.90;
- the project's own gold articles in ``tests/fixtures/quotes`` (written before
  the rules were tuned on them): span+speaker F1 >= 0.80, traps passed;
- small sentences, one table row per phenomenon of spec §1.3 and per blocker of §1.5.

Matching follows ``../shared/quotes/README.md``: same block, character-span IoU
>= 0.5, greedy one-to-one (highest IoU first); the speaker matches when it
equals or ends with the gold speaker or one of its aliases. Optional records
are removed from both sides first.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newscrawler.extract.quotes import Quote, extract_quotes
from newscrawler.items import Block

from .conftest import SHARED, require_shared

SEED_QUOTES = SHARED / "quotes"
"""``../shared/quotes`` beside the checkout (``/work/shared/quotes`` for ``/work/main``)."""
OWN = Path(__file__).resolve().parent / "fixtures" / "quotes"

Record = dict[str, Any]


# ---------------------------------------------------------------------------
# the metric


def _jsonl(path: Path) -> list[Record]:
    if not path.exists():
        return []
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _nows(x: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", x or "").split())


def speaker_ok(pred: str | None, gold: Record) -> bool:
    p = _nows(pred)
    names = [gold.get("speaker"), *(gold.get("speaker_aliases") or [])]
    return bool(p) and any(n and (p == _nows(n) or p.endswith(_nows(n))) for n in names)


def _iou(a: Sequence[int], b: Sequence[int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def _pairs(gold: list[Record], preds: list[Quote]) -> list[tuple[int, int]]:
    cands = sorted(
        ((v, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(preds)
         if p.block_index == g["para_idx"] and (v := _iou(g["quote_span"], (p.start, p.end))) >= 0.5),
        key=lambda x: -x[0],
    )
    gs: set[int] = set()
    ps: set[int] = set()
    out = []
    for _, gi, pi in cands:
        if gi not in gs and pi not in ps:
            gs.add(gi)
            ps.add(pi)
            out.append((gi, pi))
    return out


@dataclass
class Scored:
    name: str
    gold: list[Record]
    preds: list[Quote]
    matched: list[tuple[Record, Quote]]
    traps_failed: list[str]
    traps_total: int

    @property
    def tp(self) -> int:
        return sum(speaker_ok(q.speaker, g) for g, q in self.matched)


def score(name: str, blocks: list[tuple[str, str]], gold: list[Record], traps: list[Record],
          optional: list[Record]) -> Scored:
    preds = extract_quotes(blocks)
    opt_hit = {pi for _, pi in _pairs(optional, preds)}
    kept = [p for i, p in enumerate(preds) if i not in opt_hit]
    pairs = _pairs(gold, kept)
    matched_idx = {pi for _, pi in pairs}
    offenders = [p for i, p in enumerate(kept) if i not in matched_idx]
    failed = []
    span_traps = [t for t in traps if t.get("span")]
    for t in span_traps:
        s, e = t["span"]
        for p in offenders:
            if p.block_index != t["para_idx"]:
                continue
            cue_hit = p.cue_start is not None and p.cue_end is not None and min(p.cue_end, e) > max(p.cue_start, s)
            if min(p.end, e) > max(p.start, s) or cue_hit:
                failed.append(t["id"])
                break
    for t in traps:  # the headline trap: a headline is a heading and never gives a quote
        if t.get("where") == "title" and extract_quotes([("h", f"“{t['text']}”")]):
            failed.append(t["id"])
    return Scored(name, gold, kept, [(gold[gi], kept[pi]) for gi, pi in pairs], failed,
                  len(span_traps) + sum(1 for t in traps if t.get("where") == "title"))


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _blocks(path: Path) -> list[tuple[str, str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["body_blocks"] if isinstance(data, dict) else data
    return [(str(b["type"]), str(b["text"])) for b in items]


def _own_articles() -> list[tuple[str, Path]]:
    return [(p.name[: -len("-blocks.json")], p) for p in sorted(OWN.glob("*-blocks.json"))]


# ---------------------------------------------------------------------------
# the shared seed gold


def test_seed_gold_every_record_every_trap_and_f1() -> None:
    folder = require_shared(SEED_QUOTES)
    blocks = _blocks(folder / "seed-body-blocks.json")
    gold = _jsonl(folder / "seed-gold.jsonl")
    sc = score("seed", blocks, gold, _jsonl(folder / "seed-traps.jsonl"), _jsonl(folder / "seed-optional.jsonl"))
    found = {g["id"] for g, q in sc.matched if speaker_ok(q.speaker, g)}
    missing = [(g["id"], g["speaker"], g["quote_text"][:20]) for g in gold if g["id"] not in found]
    assert not missing, f"gold records not found (span IoU >= 0.5 and speaker): {missing}"
    assert not sc.traps_failed, f"traps failed: {sc.traps_failed}"
    p, r, f1 = _prf(sc.tp, len(sc.preds), len(gold))
    assert f1 >= 0.90, f"seed span+speaker P={p:.3f} R={r:.3f} F1={f1:.3f}"


def test_seed_fields_on_the_worked_examples() -> None:
    """Titles, addressee, relay, nesting and types as the seed gold states them."""
    folder = require_shared(SEED_QUOTES)
    gold = {g["id"]: g for g in _jsonl(folder / "seed-gold.jsonl")}
    preds = extract_quotes(_blocks(folder / "seed-body-blocks.json"))
    by_span = {(q.block_index, q.start, q.end): (i, q) for i, q in enumerate(preds)}
    for g in gold.values():
        _, q = by_span[(g["para_idx"], *g["quote_span"])]
        assert q.quote_type == g["quote_type"], g["id"]
        assert q.speaker_type == g["speaker_type"], g["id"]
        title = g["speaker_title"]
        assert q.speaker_title == ([title] if isinstance(title, str) else (title or [])), g["id"]
        assert q.speaker_affiliation == g["speaker_affiliation"], g["id"]
        assert (q.addressee, q.addressee_outlet) == (g["addressee"], g["addressee_outlet"]), g["id"]
        assert q.relayed_by == g["relayed_by"], g["id"]
        assert (q.parent is None) == (g["parent_id"] is None), g["id"]
        if g["quote_type"] == "mixed":
            assert q.direct_fragments == g["direct_fragments"], g["id"]


# ---------------------------------------------------------------------------
# the project's own gold articles


def test_own_fixtures_are_consistent() -> None:
    """Every gold, trap and optional offset indexes its block text exactly (the files are hand-made)."""
    arts = _own_articles()
    assert len(arts) >= 8
    for slug, path in arts:
        blocks = _blocks(path)
        assert 6 <= len(blocks) <= 12, slug
        gold = _jsonl(OWN / f"{slug}-gold.jsonl")
        assert gold, slug
        for rec in gold + _jsonl(OWN / f"{slug}-optional.jsonl"):
            s, e = rec["quote_span"]
            assert blocks[rec["para_idx"]][1][s:e] == rec["quote_text"], (slug, rec["id"])
            assert blocks[rec["para_idx"]][0] != "h", (slug, rec["id"])
        for t in _jsonl(OWN / f"{slug}-traps.jsonl"):
            s, e = t["span"]
            assert blocks[t["para_idx"]][1][s:e] == t["text"], (slug, t["id"])


def test_own_gold_span_speaker_f1() -> None:
    tp = npred = ngold = 0
    traps_failed: list[str] = []
    traps_total = 0
    per_article = {}
    for slug, path in _own_articles():
        sc = score(slug, _blocks(path), _jsonl(OWN / f"{slug}-gold.jsonl"), _jsonl(OWN / f"{slug}-traps.jsonl"),
                   _jsonl(OWN / f"{slug}-optional.jsonl"))
        tp, npred, ngold = tp + sc.tp, npred + len(sc.preds), ngold + len(sc.gold)
        traps_failed += [f"{slug}:{t}" for t in sc.traps_failed]
        traps_total += sc.traps_total
        per_article[slug] = round(_prf(sc.tp, len(sc.preds), len(sc.gold))[2], 3)
    p, r, f1 = _prf(tp, npred, ngold)
    assert f1 >= 0.80, f"own gold span+speaker P={p:.3f} R={r:.3f} F1={f1:.3f}; per article {per_article}"
    assert len(traps_failed) <= 0.05 * traps_total, f"traps failed: {traps_failed}"


# ---------------------------------------------------------------------------
# one row per phenomenon (spec §1.3) and blocker (§1.5 F)


@dataclass(frozen=True)
class Case:
    id: str
    blocks: tuple[str, ...]
    expect: tuple[dict[str, Any], ...]
    """Each expected record: fields that must equal; ``quote_text`` is always given. Order = output order."""


def C(id: str, text: str | tuple[str, ...], *expect: dict[str, Any]) -> Case:
    return Case(id, (text,) if isinstance(text, str) else text, expect)


PHENOMENA = [
    # 1 pre-posed attribution with punctuation
    C("01-pre-posed", "王明表示，公司今年将扩大招聘规模。",
      {"speaker": "王明", "quote_text": "公司今年将扩大招聘规模", "cue": "表示", "quote_type": "indirect",
       "speaker_type": "person", "attribution_position": "pre"}),
    C("01-colon-ascii", "王明表示:公司今年将扩大招聘规模。", {"speaker": "王明", "quote_text": "公司今年将扩大招聘规模"}),
    # 2 stacked titles: affiliation + title + name, titles joined by 、
    C("02-affiliation-title", "华东材料研究院院长李建国指出，新材料产业仍处于起步阶段。",
      {"speaker": "李建国", "speaker_title": ["院长"], "speaker_affiliation": "华东材料研究院",
       "speaker_mention": "李建国", "quote_text": "新材料产业仍处于起步阶段"}),
    C("02-stacked", "知名经济学家、天使投资人周宁认为，消费复苏需要时间。",
      {"speaker": "周宁", "speaker_title": ["知名经济学家", "天使投资人"], "quote_text": "消费复苏需要时间"}),
    C("02-title-only-phrase", "独立财经评论员马俊说，市场情绪已经见底。",
      {"speaker": "马俊", "speaker_title": ["独立财经评论员"], "speaker_affiliation": None}),
    # 3 addressee / outlet
    C("03-to-reporter", "赵磊对新京报记者表示，房价短期内难以大涨。",
      {"speaker": "赵磊", "addressee": "新京报记者", "addressee_outlet": "新京报", "quote_text": "房价短期内难以大涨"}),
    C("03-interview", "赵磊在接受本报记者采访时称，房价短期内难以大涨。",
      {"speaker": "赵磊", "addressee": "本报记者", "addressee_outlet": "本报"}),
    C("03-tell", "赵磊告诉记者，房价短期内难以大涨。", {"speaker": "赵磊", "addressee": "记者", "addressee_outlet": None,
                                                  "cue": "告诉", "quote_text": "房价短期内难以大涨"}),
    # 4 据-frames; 据悉 has no speaker
    C("04-ju-anonymous", "据熟悉谈判进程的人士透露，双方已接近达成协议。",
      {"speaker": "熟悉谈判进程的人士", "speaker_type": "anonymous", "cue": "透露", "quote_text": "双方已接近达成协议"}),
    C("04-ju-media-unnamed", "据媒体称是因为双方在价格上存在分歧。",
      {"speaker": "媒体", "speaker_type": "media_unnamed", "quote_text": "是因为双方在价格上存在分歧"}),
    C("04-ju-outlet", "据新华社报道，首批救援物资已运抵灾区。",
      {"speaker": "新华社", "speaker_type": "media", "cue": "报道", "quote_text": "首批救援物资已运抵灾区"}),
    C("04-jixi", "据悉，会议将于下周举行。",
      {"speaker": None, "speaker_type": "unspecified", "cue": "据悉", "quote_text": "会议将于下周举行"}),
    C("04-julejie", "据了解，该项目已完成环评。", {"speaker": None, "speaker_type": "unspecified"}),
    # 5 relay chains
    C("05-yuanyin", "彭博社援引知情人士消息称，该公司正考虑出售部分资产。",
      {"speaker": "知情人士", "speaker_type": "anonymous", "relayed_by": "彭博社", "cue": "称",
       "quote_text": "该公司正考虑出售部分资产"}),
    C("05-ju-report-then-source", "据路透社报道，一位欧盟官员表示，谈判将延长一周。",
      {"speaker": "欧盟官员", "relayed_by": "路透社", "quote_text": "谈判将延长一周"}),
    C("05-yinshu-hua", "报道引述一名消息人士的话说，收购价约为30亿美元。",
      {"speaker": "消息人士", "quote_text": "收购价约为30亿美元"}),
    # 6 post-posed and split direct quotes
    C("06-post", "“我们对结果很满意。”李华说。",
      {"speaker": "李华", "quote_text": "我们对结果很满意。", "quote_type": "direct", "attribution_position": "post"}),
    C("06-split", "“第一，”李华说，“要稳住基本盘。”",
      {"speaker": "李华", "quote_text": "第一，", "attribution_position": "post"},
      {"speaker": "李华", "quote_text": "要稳住基本盘。", "attribution_position": "split"}),
    C("06-post-then-indirect", "“价格不会再跌了。”李华坦言，行业仍需整合。",
      {"speaker": "李华", "quote_text": "价格不会再跌了。", "quote_type": "direct"},
      {"speaker": "李华", "quote_text": "行业仍需整合", "quote_type": "indirect"}),
    C("06-pre-colon", "李华说：“我们会继续投入研发。”",
      {"speaker": "李华", "quote_text": "我们会继续投入研发。", "quote_type": "direct"}),
    # 7 mixed quotes
    C("07-mixed", "企业负责人张强表示对方案“基本认可”，但细节仍需完善。",
      {"speaker": "张强", "quote_type": "mixed", "direct_fragments": ["基本认可"],
       "quote_text": "对方案“基本认可”，但细节仍需完善"}),
    # 8 scare quotes and epithets are not quotes; an indirect quote keeps its scare quotes
    C("08-epithet", "被称为“光谷之芯”的新园区昨日开园。"),
    C("08-scare", "而“钞票攻势”也是关键的一环。"),
    C("08-scare-inside-indirect", "刘芳认为，“内卷”正在伤害整个行业。",
      {"speaker": "刘芳", "quote_type": "indirect", "quote_text": "“内卷”正在伤害整个行业"}),
    # 9 rhetorical speech verbs
    C("09-rhetorical", "不要只听他说了什么，要看他做了什么。"),
    C("09-framing-say", "换句话说，市场已经饱和。对企业来说，这是好消息。"),
    # 10 a strong cue with no punctuation after it
    C("10-no-comma", "李强认为这项政策来得正是时候。", {"speaker": "李强", "quote_text": "这项政策来得正是时候"}),
    C("10-doc-no-comma", "海关数据显示今年一季度出口增长5%。",
      {"speaker": "海关数据", "speaker_type": "document", "quote_text": "今年一季度出口增长5%"}),
    # 11 pronouns and short forms: nearest compatible antecedent; the title carries over
    C("11-pronoun", ("人社部就业司司长王静出席发布会。", "她表示，今年就业形势总体稳定。"),
      {"speaker": "王静", "speaker_mention": "她", "coref": True, "speaker_title": ["司长"],
       "title_inherited": True, "quote_text": "今年就业形势总体稳定"}),
    C("11-gaiperson", "一位接近监管层的人士透露，新规将于年内出台。该人士称，细则仍在讨论中。",
      {"speaker": "接近监管层的人士", "quote_text": "新规将于年内出台"},
      {"speaker": "接近监管层的人士", "speaker_mention": "该人士", "coref": True, "quote_text": "细则仍在讨论中"}),
    C("11-document-short", "招股文件显示，公司去年营收12亿元。文件还显示，公司实控人持股51%。",
      {"speaker": "招股文件", "speaker_type": "document"},
      {"speaker": "招股文件", "speaker_mention": "文件", "speaker_type": "document", "coref": True,
       "quote_text": "公司实控人持股51%"}),
    C("11-alias", ("美国经济学家保罗·克劳斯说，通胀仍有黏性。", "克劳斯认为，降息不会太快。"),
      {"speaker": "保罗·克劳斯"}, {"speaker": "保罗·克劳斯", "speaker_mention": "克劳斯", "quote_text": "降息不会太快"}),
    C("11-title-carries", ("省发改委主任刘斌表示，项目已开工。", "刘斌说，资金已经到位。"),
      {"speaker": "刘斌", "title_inherited": False}, {"speaker": "刘斌", "speaker_title": ["主任"], "title_inherited": True}),
    # 12 nesting: the inner attribution's parent is the outer record
    C("12-nested", "王明称公司年报显示营收增长了两成，但利润有所下滑。",
      {"speaker": "王明", "quote_text": "公司年报显示营收增长了两成，但利润有所下滑", "parent": None},
      {"speaker": "公司年报", "speaker_type": "document", "quote_text": "营收增长了两成", "parent": 0}),
    # 13 adverbs between speaker and cue
    C("13-adverbs", "陈晨进一步指出，需求正在回暖。王刚此前曾多次表示，公司不会裁员。",
      {"speaker": "陈晨", "cue": "指出"}, {"speaker": "王刚", "cue": "表示"}),
    # 14 framing before the speaker belongs to neither speaker nor content
    C("14-framing", "从长期看，刘洋认为，行业集中度还会提高。",
      {"speaker": "刘洋", "quote_text": "行业集中度还会提高"}),
    C("14-framing-analysis", "从技术路线上分析，吴凡认为，固态电池仍需五年。", {"speaker": "吴凡"}),
    # 15 end of content: sentence end, or before a second attribution in the same sentence
    C("15-sentence-end", "张伟表示，公司运营正常。此外，新工厂下月投产。",
      {"speaker": "张伟", "quote_text": "公司运营正常"}),
    C("15-second-attribution", "张伟表示，产能充足，但他认为价格仍有压力。",
      {"speaker": "张伟", "quote_text": "产能充足"}, {"speaker": "张伟", "speaker_mention": "他", "quote_text": "价格仍有压力"}),
    C("15-zero-subject", "该协会在声明中称，这一做法“有失公允”，呼吁尽快纠正。",
      {"speaker": "该协会", "quote_text": "这一做法“有失公允”"},
      {"speaker": "该协会", "speaker_mention": None, "cue": "呼吁", "quote_text": "尽快纠正"}),
    # 16 documents and data
    C("16-announcement", "公告称，公司拟回购不超过5亿元股份。",
      {"speaker": "公告", "speaker_type": "document", "quote_text": "公司拟回购不超过5亿元股份"}),
    C("16-report", "报告指出，中小企业融资成本仍然偏高。", {"speaker": "报告", "speaker_type": "document"}),
    C("16-doc-zhong", "通知中明确，各地须在月底前完成排查。", {"speaker_type": "document", "quote_text": "各地须在月底前完成排查"}),
    # 17 anonymous sources
    C("17-anonymous", "业内人士指出，价格战难以持续。一位不愿具名的分析师表示，行业将迎来洗牌。消息人士称，交易已获批准。",
      {"speaker": "业内人士", "speaker_type": "anonymous"},
      {"speaker": "不愿具名的分析师", "speaker_type": "anonymous"},
      {"speaker": "消息人士", "speaker_type": "anonymous"}),
    C("17-spokesperson", "外交部发言人表示，中方愿同各方保持沟通。", {"speaker": "外交部发言人", "speaker_type": "anonymous"}),
    C("17-media-unnamed", "有外媒称，双方将于下月会晤。", {"speaker": "外媒", "speaker_type": "media_unnamed"}),
    # 18 punctuation width and script: offsets index the stored text
    C("18-fullwidth", "張偉表示，「我們會繼續努力。」",
      {"speaker": "張偉", "quote_text": "我們會繼續努力。", "quote_type": "direct"}),
    C("18-traditional-ju", "據《聯合報》報導，颱風將於明晨登陸。",
      {"speaker": "聯合報", "speaker_type": "media", "quote_text": "颱風將於明晨登陸"}),
]

BLOCKERS = [
    ("chengwei", "这家公司被业内称为“隐形冠军”。", "称为"),
    ("chengzuo", "这种现象被称作“报复性消费”。", "称作"),
    ("jiancheng", "国家发展和改革委员会（简称国家发改委）今天发布新规。", "简称"),
    ("haocheng", "这款号称“史上最强”的手机销量平平。", "号称"),
    ("kancheng", "这座大桥堪称世界奇迹。", "堪称"),
    ("sucheng", "这种病俗称“富贵病”。", "俗称"),
    ("rencheng", "他人称“拼命三郎”。", "人称"),
    ("chenghao", "她获得“最美教师”称号。", "称号"),
    ("cheng-wei", "网友称她为“宝藏老师”。", "称她为"),
    ("suoshuo", "正如他所说的那样，市场很快反弹了。", "所说"),
    ("shuofa", "这种说法并不准确。", "说法"),
    ("shuole", "他说了一句话就走了。", "说了"),
    ("shuoguo", "我从没听他说过这件事。", "说过"),
    ("shuoshenme", "没人知道他说什么。", "说什么"),
    ("ganxie", "李明代表全体员工表示感谢。", "表示感谢"),
    ("zhuhe", "市长对大赛的成功举办表示祝贺。", "表示祝贺"),
    ("huanying", "各方对这一倡议表示欢迎。", "表示欢迎"),
    ("weiwen", "领导向一线职工表示慰问。", "表示慰问"),
    ("aidao", "学校对逝者表示沉痛哀悼。", "表示沉痛哀悼"),
    ("xianshiping", "新款手机采用了更大的显示屏。", "显示屏"),
    ("beirenwei", "这种做法被认为是不合规的。", "被认为"),
    ("zuochuhuiying", "该公司对此作出回应。", "作出回应"),
    ("huidale", "发言人回答了记者提问。", "回答了"),
    ("suoqiangdiao", "至于他所强调的安全问题，仍待检验。", "所强调"),
    ("pingjizhe", "他是这家公司的批评者。", "批评者"),
    ("laishuo", "相比传统车企来说，新势力更灵活。", "来说"),
    ("shangshuo", "从这个意义上说，这是一次胜利。", "上说"),
    ("meiyoutoulu", "他没有透露具体金额。", "透露"),
    ("bookname", "《信息披露管理办法》今天起施行。", "披露"),
    ("reporter", "记者走访发现，不少商户仍未整改。", "发现"),
    ("person-xianshi", "马明显示出了极大的耐心。", "显示"),
]


def _check(case: Case, got: list[Quote]) -> None:
    assert len(got) == len(case.expect), f"{case.id}: {[(q.speaker, q.quote_text) for q in got]}"
    for want, q in zip(case.expect, got, strict=True):
        for key, value in want.items():
            assert getattr(q, key) == value, f"{case.id}: {key} = {getattr(q, key)!r}, want {value!r}"


@pytest.mark.parametrize("case", PHENOMENA, ids=[c.id for c in PHENOMENA])
def test_phenomenon(case: Case) -> None:
    got = extract_quotes([("p", t) for t in case.blocks])
    _check(case, got)
    for q in got:  # offsets always index the stored text
        assert case.blocks[q.block_index][q.start:q.end] == q.quote_text


@pytest.mark.parametrize(("name", "text", "word"), BLOCKERS, ids=[b[0] for b in BLOCKERS])
def test_false_friend_blockers(name: str, text: str, word: str) -> None:
    """A naming, nominal, greeting or negated use of a cue gives no record touching it."""
    s = text.index(word)
    e = s + len(word)
    for q in extract_quotes([("p", text)]):
        assert not (q.cue_start is not None and q.cue_end is not None and min(q.cue_end, e) > max(q.cue_start, s)), name
        assert not min(q.end, e) > max(q.start, s), (name, q.quote_text)


# ---------------------------------------------------------------------------
# the API


def test_headings_are_context_never_quotes() -> None:
    blocks = [("h", "专家：楼市仍将分化"), ("h", "“双面”企业家"), ("p", "研究员孙立表示，楼市仍将分化。")]
    got = extract_quotes(blocks)
    assert [(q.block_index, q.speaker) for q in got] == [(2, "孙立")]


def test_interview_answers_are_direct_quotes_of_the_interviewee() -> None:
    blocks = [
        ("p", "本报记者近日专访了东海研究院院长王芳。"),
        ("p", "记者：您怎么看今年的形势？"),
        ("p", "王芳：我认为还需要再观察一段时间。"),
        ("p", "记者：有什么建议？"),
        ("p", "王芳：企业要练好内功。"),
    ]
    got = extract_quotes(blocks)
    assert [(q.block_index, q.speaker, q.quote_type, q.quote_text) for q in got] == [
        (2, "王芳", "direct", "我认为还需要再观察一段时间。"),
        (4, "王芳", "direct", "企业要练好内功。"),
    ]
    assert got[0].speaker_title == ["院长"] and got[0].speaker_affiliation == "东海研究院"


def test_block_objects_and_json_shape() -> None:
    got = extract_quotes([Block(type="p", text="赵磊对新京报记者表示，房价短期内难以大涨。")])
    assert len(got) == 1
    data = got[0].to_json()
    assert data == {
        "speaker": "赵磊", "speaker_mention": "赵磊", "speaker_type": "person", "speaker_title": [],
        "speaker_affiliation": None, "title_inherited": False, "cue": "表示", "quote_type": "indirect",
        "quote_text": "房价短期内难以大涨", "direct_fragments": [], "relayed_by": None, "addressee": "新京报记者",
        "addressee_outlet": "新京报", "parent": None, "attribution_position": "pre", "coref": False,
        "block_index": 0, "start": 11, "end": 20, "speaker_start": 0, "speaker_end": 2, "cue_start": 8, "cue_end": 10,
    }
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("text", [
    "", "   ", "。。。", "“", "”他说。", "“没有结束的引号，他说", "他说", "称", "据", "据悉", "表示，",
    "“”李华说。", "A" * 5000, "他表示，" + "很好，" * 2000 + "。", "\u3000张三说：\u3000“好。”",
])
def test_odd_input_never_raises_and_offsets_stay_valid(text: str) -> None:
    for q in extract_quotes([("p", text), ("h", text), ("li", text)]):
        assert text[q.start:q.end] == q.quote_text
        assert 0 <= q.start <= q.end <= len(text)


def test_module_is_pure() -> None:
    """No Scrapy, SQLAlchemy or file access is pulled in by any module of the quotes package."""
    import newscrawler.extract.quotes as mod

    modules = sorted(Path(mod.__file__).parent.glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        source = path.read_text(encoding="utf-8")
        for forbidden in (r"^\s*(?:import|from) (?:scrapy|sqlalchemy|requests|pathlib|os)\b", r"(?<![\w.])open\("):
            assert not re.search(forbidden, source, re.M), (path.name, forbidden)
    assert "newscrawler.extract.quotes" in sys.modules


# ---------------------------------------------------------------------------
# issue 14: the phenomena of Chinese news writing (invented sentences)

ISSUE14 = [
    # multi-paragraph direct quote: each paragraph reopens with “, the speaker is named before the first
    C("14-multi-paragraph", ("市卫生局副局长郑海涛表示，“今年的重点是基层。", "“我们会把资金优先投向乡镇卫生院。”"),
      {"speaker": "郑海涛", "quote_text": "今年的重点是基层。", "cue": "表示"},
      {"speaker": "郑海涛", "quote_text": "我们会把资金优先投向乡镇卫生院。", "cue": None, "quote_type": "direct",
       "attribution_position": "none"}),
    # a whole-sentence quotation after an attribution continues it
    C("14-continuation-sentence", "市场监管局局长周平解释说，新规将于下月实施。“我们会给商户留出过渡期。”",
      {"speaker": "周平", "quote_text": "新规将于下月实施"},
      {"speaker": "周平", "quote_text": "我们会给商户留出过渡期。", "cue": None}),
    # media, document and anonymous speakers
    C("14-media-says", "法国星期天报说，两国谈判已进入最后阶段。",
      {"speaker": "法国星期天报", "speaker_type": "media", "quote_text": "两国谈判已进入最后阶段"}),
    C("14-media-relays", "《东岭日报》援引一位官员的话说，新桥将于年底通车。",
      {"speaker": "官员", "speaker_type": "anonymous", "relayed_by": "东岭日报", "quote_text": "新桥将于年底通车"}),
    C("14-chained-ju", "据《南湾晚报》报道 据《北川日报》近日报道，北川大桥将于下月通车。",
      {"speaker": "北川日报", "speaker_type": "media", "relayed_by": "南湾晚报", "quote_text": "北川大桥将于下月通车"}),
    C("14-channel", "有关渠道透露，该项目已获批复。",
      {"speaker": "有关渠道", "speaker_type": "anonymous", "quote_text": "该项目已获批复"}),
    C("14-unnamed-official", "一位不愿透露姓名的官员说，调整方案仍在讨论。",
      {"speaker": "不愿透露姓名的官员", "speaker_type": "anonymous"}),
    C("14-book-after-de", "美国医师协会颁布的《睡眠障碍诊断手册》认为，失眠不只是一种症状。",
      {"speaker": "睡眠障碍诊断手册", "speaker_type": "document", "quote_text": "失眠不只是一种症状"}),
    C("14-unlisted-org", "惠远评级周二表示，该国债务仍可持续。",
      {"speaker": "惠远评级", "speaker_type": "organization", "quote_text": "该国债务仍可持续"}),
    # a quoted name before 报告 is not a post-posed quote
    C("14-quoted-name-not-quote", "“2023城市活力指数”报告指出，东岭市排名第三。",
      {"speaker": "报告", "speaker_type": "document", "quote_text": "东岭市排名第三"}),
    # cue in the middle of the sentence
    C("14-cue-mid-sentence", "这个结果，王平说，出乎所有人的意料。", {"speaker": "王平", "quote_text": "出乎所有人的意料"}),
    # indirect content before ", X说" at the sentence end
    C("14-post-indirect", "这家店开了十年，生意一直不错，店主李强说。",
      {"speaker": "李强", "quote_text": "这家店开了十年，生意一直不错", "attribution_position": "post"}),
    # post-posed quotation across a time clause; cue ending its sentence after a post-posed quote
    C("14-post-across-time", "“价格还会再涨一些。”昨日，东岭超市经理刘芳告诉记者，春节前的备货已经完成。",
      {"speaker": "刘芳", "quote_text": "价格还会再涨一些。", "attribution_position": "post"},
      {"speaker": "刘芳", "quote_text": "春节前的备货已经完成"}),
    C("14-post-cue-ends", "“全省只有4家医院没有负债。”省政协委员、南方医科大学原校长孙立明介绍。",
      {"speaker": "孙立明", "quote_text": "全省只有4家医院没有负债。", "quote_type": "direct"}),
    # coreference: titles, demonstratives, pronouns after a possessor, groups
    C("14-this-expert", "省农科院研究员陈东说，今年小麦长势良好。这位专家认为，丰收已成定局。",
      {"speaker": "陈东"}, {"speaker": "陈东", "speaker_mention": "这位专家", "coref": True, "quote_text": "丰收已成定局"}),
    C("14-possessor", "郑主任的助理何先生告诉记者，活动已经开始了。他还表示，活动会持续到春节。",
      {"speaker": "何先生"}, {"speaker": "何先生", "speaker_mention": "他", "quote_text": "活动会持续到春节"}),
    C("14-group-pronoun", "店员们表示，顾客比去年多了不少。她们说，周末尤其忙。",
      {"speaker": "店员", "speaker_type": "anonymous"},
      {"speaker": "店员", "speaker_type": "anonymous", "quote_text": "周末尤其忙"}),
    C("14-zero-subject-adverb", "一位在场维持秩序的店员则不以为然，表示门店已经增加了收银台。",
      {"speaker_type": "anonymous", "quote_text": "门店已经增加了收银台"}),
    # colon-introduced quotation without a cue
    C("14-colon-quote", "老农吴大山回忆起当年的情景：“那时候一亩地只能收两百斤。”",
      {"speaker": "吴大山", "quote_text": "那时候一亩地只能收两百斤。", "cue": None}),
    C("14-quote-then-person", "“这些可都是今年的新品种。”技术员何建明一边翻着记录本一边算账。",
      {"speaker": "何建明", "quote_text": "这些可都是今年的新品种。"}),
    C("14-quote-then-next-act", "李明表示“我们会依法处理”，并向记者介绍了调查进展。",
      {"speaker": "李明", "quote_text": "我们会依法处理", "quote_type": "direct"}),
    C("14-comma-quote-subject", "形象大使孙立明在现场作了简短讲话，“保护湿地，就是保护我们自己。”",
      {"speaker": "孙立明", "quote_text": "保护湿地，就是保护我们自己。", "cue": None}),
    C("14-bare-report", ("據《東岭日報》報導，蘋果將在法國開設新店。", "報導稱，舊碼頭倉庫將會改建為展覽館。"),
      {"speaker": "東岭日報", "speaker_type": "media"},
      {"speaker": "東岭日報", "speaker_type": "media", "quote_text": "舊碼頭倉庫將會改建為展覽館"}),
    C("14-nickname-hotline", ("网友“王小满”发微博说：“高速公路全线拥堵。”", "有乘客致电本报热线称：“我们在收费站前堵了6个小时。”"),
      {"speaker": "王小满", "quote_text": "高速公路全线拥堵。"},
      {"speaker": "乘客", "speaker_type": "anonymous", "quote_text": "我们在收费站前堵了6个小时。"}),
    C("14-paper-commentary", "《东岭日报》评论认为，民营银行的风险仍然不小。",
      {"speaker": "东岭日报", "speaker_type": "media", "quote_text": "民营银行的风险仍然不小"}),
    C("14-bingcheng-speech", "陈阳对此表示遗憾，并称将继续上诉。",
      {"speaker": "陈阳", "quote_text": "将继续上诉", "cue": "称"}),
    C("14-data-shows", "相关部门公布了发行情况。数据显示，今年新增债券2.9万亿元。",
      {"speaker": "数据", "speaker_type": "document", "quote_text": "今年新增债券2.9万亿元"}),
    C("14-ju-report-says", "11日，据外媒报道称，东岭公司周二将对手告至法院。",
      {"speaker": "外媒", "speaker_type": "media_unnamed", "quote_text": "东岭公司周二将对手告至法院"}),
    C("14-colon-then-paragraph", ("东岭品牌研究院院长李志远认为：", "地方小吃很难走向全国，外地游客只是偶尔尝个新鲜。"),
      {"speaker": "李志远", "block_index": 1, "quote_text": "地方小吃很难走向全国，外地游客只是偶尔尝个新鲜。"}),
    C("14-institution-suo", "對此，中心診所表示尚未收到正式通知。",
      {"speaker": "中心診所", "speaker_type": "organization", "quote_text": "尚未收到正式通知"}),
    C("14-our-province", "我省環境衛生專家馮嘉儀博士表示，把噪音污染納入考核是好事。",
      {"speaker": "馮嘉儀", "quote_text": "把噪音污染納入考核是好事"}),
    C("14-respond-says", "市住房局针对媒体报道作出回应说，这一问题已全部解决。",
      {"speaker": "市住房局", "quote_text": "这一问题已全部解决"}),
    C("14-official-weibo", "东岭路政官方微博也发布消息称：“两个服务区暂停加油。”",
      {"speaker": "东岭路政官方微博", "speaker_type": "document"}),
    C("14-bare-xiaoxi", "消息称，东岭公司正准备申请破产保护。", {"speaker": None, "speaker_type": "unspecified"}),
    # interview turns and speaker labels
    C("14-qa-no-intro", ("西溪大学校长刘明近日谈到了招生。", "问：明年有什么计划？", "答：我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2, "quote_text": "我们将扩大招生规模。"}),
    C("14-label-paragraphs", ("赵明（东湖中学教师）：", "我觉得学生的压力确实太大了。", "很多家长也有同样的看法。"),
      {"speaker": "赵明", "block_index": 1}, {"speaker": "赵明", "block_index": 2}),
    C("14-vox-pop", "孙悦（16岁）：我每天都要学习到晚上十一点，周末也不休息。",
      {"speaker": "孙悦", "quote_text": "我每天都要学习到晚上十一点，周末也不休息。"}),
    # Traditional Chinese cues and marks
    C("14-hant-intro", "王海介紹，今年的銷售額增長了三成。", {"speaker": "王海", "cue": "介紹"}),
    C("14-hant-corner-post", "「這是我們最好的一年。」公司發言人陳美玲說。",
      {"speaker": "陳美玲", "quote_text": "這是我們最好的一年。", "attribution_position": "post"}),
    C("14-hant-white-corner", "林志明認為，『供給不足』才是問題所在。",
      {"speaker": "林志明", "quote_text": "『供給不足』才是問題所在"}),
    C("14-transliterated-dot", "该国总统尼古拉• 彼得罗夫表示，双方将继续谈判。",
      {"speaker": "尼古拉• 彼得罗夫", "quote_text": "双方将继续谈判"}),
]

ISSUE14_BLOCKERS = [
    ("naming-huocheng", "派遣工人（或称临时工）超过了一半。", "或称"),
    ("object-quote", "肖明对这种说法表示“怀疑”。", "怀疑"),
    ("cue-after-title", "医院主任解释说，设备出现了故障。", "解释"),
    ("manner-frame", "严格地说，这并不算是一次失败。", "严格地"),
    ("bingcheng-naming", "两人并称“东岭双杰”。", "东岭双杰"),
    ("time-frame", "他走的时候说，还会再回来。", "时候"),
]


@pytest.mark.parametrize("case", ISSUE14, ids=[c.id for c in ISSUE14])
def test_issue14_phenomenon(case: Case) -> None:
    got = extract_quotes([("p", t) for t in case.blocks])
    _check(case, got)
    for q in got:
        assert case.blocks[q.block_index][q.start:q.end] == q.quote_text


@pytest.mark.parametrize(("name", "text", "word"), ISSUE14_BLOCKERS, ids=[b[0] for b in ISSUE14_BLOCKERS])
def test_issue14_blockers(name: str, text: str, word: str) -> None:
    """Naming uses, quoted objects and cue words after a title never give a record or a speaker there."""
    s = text.index(word)
    e = s + len(word)
    for q in extract_quotes([("p", text)]):
        assert not min(q.end, e) > max(q.start, s), (name, q.quote_text)
        assert word not in (q.speaker or ""), (name, q.speaker)


# ---------------------------------------------------------------------------
# issue 14, generalising: rules stated in linguistic terms (invented sentences)

GENERAL = [
    # 根据X显示: the frame word is not part of the source
    C("g-genju-doc", "根据相关的调查显示，近九成市民支持新规。",
      {"speaker": "相关的调查", "speaker_type": "document", "quote_text": "近九成市民支持新规"}),
    # a subject followed only by an addressee (对X说 / 向X宣称) is a zero subject: the person just named
    C("g-zero-subject-addressee", "村民李海东收下了礼物，对邻居说，这份情他记下了。",
      {"speaker": "李海东", "quote_text": "这份情他记下了"}),
    C("g-addressee-any", "东岭公司甚至公开向消费者宣称，产品绝对安全。",
      {"speaker": "东岭公司", "quote_text": "产品绝对安全"}),
    # times and discourse connectives between the speaker and the cue
    C("g-time-adverb", "王建国当年曾对朋友说，他一定会回到家乡。", {"speaker": "王建国", "quote_text": "他一定会回到家乡"}),
    C("g-yifangmian", "东岭集团一方面坚称，公司财务状况良好。", {"speaker": "东岭集团", "quote_text": "公司财务状况良好"}),
    # 告诉 + any addressee + comma: the content starts after the comma
    C("g-tell-outlet", "东岭市人大代表孙红告诉《城市观察》，房租上涨已经影响到小商户。",
      {"speaker": "孙红", "quote_text": "房租上涨已经影响到小商户", "addressee": "《城市观察》"}),
    # an existential clause: the speaker is what 有 introduces
    C("g-existential", "李华医师表示，门诊中就有一名家长说，全家本来计划出国旅游。",
      {"speaker": "李华"}, {"speaker": "家长", "speaker_type": "anonymous", "quote_text": "全家本来计划出国旅游"}),
    # connectives before a document are no part of it; an organisation name is no title + name
    C("g-doc-connective", "老师们很着急。其实调查显示，近六成学生睡眠不足。",
      {"speaker": "调查", "speaker_type": "document"}),
    C("g-org-not-title-name", "东岭港务总公司通过官方微博发布消息称，网传信息不实。",
      {"speaker": "东岭港务总公司", "quote_text": "网传信息不实"}),
    # 有些人 is hearsay with no speaker
    C("g-some-people", "有些人认为这是颈椎出了问题。", {"speaker": None, "speaker_type": "unspecified"}),
    # 提醒/警告 + the people addressed + comma: the content follows the comma
    C("g-warn-whom", "东岭警方提醒市民，谨防冒充客服的电信诈骗。",
      {"speaker": "东岭警方", "quote_text": "谨防冒充客服的电信诈骗", "addressee": "市民"}),
    # 在…上说 is where it was said; 当地时间 before the cue is a time
    C("g-at-event-say", "东岭市发言人陈晓在例行记者会上说，相关调查仍在进行。",
      {"speaker": "陈晓", "quote_text": "相关调查仍在进行"}),
    C("g-local-time", "西岭国总统马可当地时间周二表示，愿意继续对话。", {"speaker": "马可", "quote_text": "愿意继续对话"}),
    # interview turns: the asker is any label ending in 记者 (or no name before a question); the answerer may be
    # labelled by the interviewee's surname alone or with a title
    C("g-qa-outlet-reporter", ("东岭大学校长刘明接受了本报专访。", "东岭晚报记者：明年有什么计划？", "刘明：我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2, "quote_text": "我们将扩大招生规模。"}),
    C("g-qa-outlet-asks", ("本报专访东岭大学校长刘明。", "东岭晚报：明年有什么计划？", "刘明：我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2}),
    C("g-qa-surname-label", ("东岭大学校长刘明接受了本报专访。", "记者：明年有什么计划？", "刘校长：我们将扩大招生规模。",
                             "记者：困难呢？", "刘：师资不足。"),
      {"speaker": "刘明", "block_index": 2}, {"speaker": "刘明", "block_index": 4, "quote_text": "师资不足。"}),
    # cues of the spec's lexicon in their 道 form, and opinion verbs (猜测/推测) with their comma
    C("g-xiaodao", "李明笑道：“这都是小事。”", {"speaker": "李明", "cue": "笑道", "quote_text": "这都是小事。"}),
    C("g-guess", "有关人士对此猜测，这或许只是缓兵之计。", {"speaker": "有关人士", "quote_text": "这或许只是缓兵之计"}),
    # a pulled quote (a paragraph repeating words quoted elsewhere) is layout, not a second record
    C("g-pulled-quote", ("东岭市卫生局局长刘海表示，今年将新建10家社区医院。", "“我们要让群众看得起病，这是最重要的。”",
                         "刘海说，“我们要让群众看得起病，这是最重要的。”"),
      {"speaker": "刘海", "block_index": 0}, {"speaker": "刘海", "block_index": 2}),
    # related links, sources, editors and captions are page furniture
    C("g-ui-lines", ("相关新闻：东岭市长表示将加快改革", "图为东岭市长刘海在会上表示，将加快改革。", "责任编辑：王小明"),),
    # hearsay inside a speaker phrase (他听说有专家认为) is no speaker
    C("g-heard-say", "刘海表示，他听说有专家认为改革太慢。", {"speaker": "刘海", "quote_text": "他听说有专家认为改革太慢"}),
    # a known person followed by a manner adjunct (李海东一脸严肃) is that person, never an organisation
    C("g-person-adjunct", "村民李海东表示，路修好了。李海东一脸严肃说，明年还要种果树。",
      {"speaker": "李海东"}, {"speaker": "李海东", "quote_text": "明年还要种果树"}),
    C("g-role-xiaojie", "售楼小姐告诉记者，下半年会推出小户型。",
      {"speaker": "售楼小姐", "speaker_type": "anonymous"}),
    # a zero-subject cue after a clause whose subject is a surname + title, past an adverb (首先)
    C("g-zero-after-title", "东岭医院的刘主任首先对此前的误会表示了歉意，表示“那只是一场误会”。",
      {"speaker": "东岭医院的刘主任", "quote_text": "那只是一场误会"}),
    # 多/大多 between a group and its cue (他们多表示) is an adverb
    C("g-duo-adverb", "商场工作人员表示，暂未接到通知。他们多表示，销售没有受到影响。",
      {"speaker": "商场工作人员"}, {"speaker": "商场工作人员", "quote_text": "销售没有受到影响"}),
    # a person's finding, with its comma, reports the person's view (the reporter's never)
    C("g-person-finds", "东岭大学教授王立新在调研后发现，当地公园的使用者多为老人。",
      {"speaker": "王立新", "quote_text": "当地公园的使用者多为老人"}),
    # 建议 + a clause (an agent and its act) is a reported proposal; 提出建议 and 建议书 are nouns
    C("g-suggest", "政协委员罗红表示，基层缺医生。她建议有关部门鼓励医生留在基层。",
      {"speaker": "罗红"}, {"speaker": "罗红", "cue": "建议", "quote_text": "有关部门鼓励医生留在基层"}),
    C("g-ceng-you", "沈女士常常头晕，曾有医师建议她接受胃镜检查。", {"speaker": "医师", "quote_text": "她接受胃镜检查"}),
    C("g-existential-study", "美国有项最新研究显示，久坐会缩短寿命。",
      {"speaker": "最新研究", "speaker_type": "document", "quote_text": "久坐会缩短寿命"}),
    # Hong Kong usage: 指 with its comma reports speech (分析指，回应指，), after dates in parentheses
    C("g-hk-zhi", "港大民意研究计划总监钟庭耀分析指，市民的满意度下跌。",
      {"speaker": "钟庭耀", "cue": "分析指", "quote_text": "市民的满意度下跌"}),
    C("g-hk-reply-zhi", "醫管局回覆查詢時指，事件正在調查中。", {"speaker": "醫管局", "quote_text": "事件正在調查中"}),
    C("g-paren-date", "食物及衞生局局長周志明今日（17日）表示，政府會密切留意疫情。",
      {"speaker": "周志明", "quote_text": "政府會密切留意疫情"}),
    # a zero-subject cue after a clause whose cue was a greeting or an attitude (表示理解): that clause's subject
    C("g-zero-after-attitude", "对于外界的批评，东岭公司表示理解，并称将认真整改。",
      {"speaker": "东岭公司", "quote_text": "将认真整改"}),
    # frames of someone's words: 正如X所说 / 用X的话说 / 按X的说法
    C("g-as-said", "正如李明所说，改革没有回头路。", {"speaker": "李明", "quote_text": "改革没有回头路"}),
    C("g-in-words", "用东岭大学教授王立新的话说，这是一场持久战。", {"speaker": "王立新", "quote_text": "这是一场持久战"}),
    # a contrasted new topic (，Y则…) ends the indirect content
    C("g-topic-shift", "事发后双方各执一词，李明称此事与自己无关，东岭工作室则对李明一方大加声讨。",
      {"speaker": "李明", "quote_text": "此事与自己无关"}),
    C("g-fouze-stays", "李明表示，必须尽快整改，否则后果严重。", {"speaker": "李明", "quote_text": "必须尽快整改，否则后果严重"}),
    # short forms: surname + title (王局长, 孙教授) and 该 + another title resolve to the person named before
    C("g-surname-title", "东岭市环保局局长王强说，空气质量有所改善。王局长还表示，将继续治理。",
      {"speaker": "王强"}, {"speaker": "王强", "quote_text": "将继续治理", "coref": True}),
    # 该负责人 after a villager is not the villager (该 + another title names another person)
    C("g-gai-other-person", "村民李海东说，路修好了。“收成比去年好多了。”该负责人说。",
      {"speaker": "李海东"}, {"speaker": "该负责人", "quote_text": "收成比去年好多了。"}),
    # a document named after its publisher's act (东岭公司发布公告。公告称) is the document
    C("g-doc-after-publish", "东岭公司发布公告。公告称，公司股票将停牌。",
      {"speaker": "公告", "speaker_type": "document", "quote_text": "公司股票将停牌"}),
    # 该公司 / 该集团 / 该行: the organisation that opened an earlier clause
    C("g-org-coref", "蓝星公司再次将对手告上法庭。该公司指控，对手侵犯了其3项专利。",
      {"speaker": "蓝星公司", "speaker_type": "organization", "coref": True, "quote_text": "对手侵犯了其3项专利"}),
    C("g-bank-coref", "东岭银行今年利润下滑。该行表示，将加大放贷。", {"speaker": "东岭银行", "quote_text": "将加大放贷"}),
    # Taiwan usage: 今（12）日, 透過新聞稿, 受訪, 致詞 before the cue; 立委 and other titles
    C("g-tw-day", "衛生署長邱文成今（12）日表示，健保費率不會調漲。", {"speaker": "邱文成", "quote_text": "健保費率不會調漲"}),
    C("g-tw-via", "行政院發言人胡志偉晚間透過新聞稿指出，政府將全力協助災民。", {"speaker": "胡志偉"}),
    C("g-tw-interviewed", "國民黨立委丁守正受訪表示，他支持這項政策。",
      {"speaker": "丁守正", "speaker_title": ["立委"], "quote_text": "他支持這項政策"}),
    C("g-tw-address", "總統馬英明今天上午出席活動時致詞表示，台灣經濟將穩定成長。", {"speaker": "馬英明"}),
    # a short quotation, a comma, and a speaker clause that ends the sentence: a post-posed quote
    C("g-short-post", "“这是我们的责任”，东岭市市长李明表示。",
      {"speaker": "李明", "quote_text": "这是我们的责任", "attribution_position": "post"}),
    # a light verb + the cue noun + a speech verb (予以回应称, 发出警告称) still reports speech
    C("g-light-verb", "东岭公司随后对此予以回应称，目前经营一切正常。", {"speaker": "东岭公司", "quote_text": "目前经营一切正常"}),
    C("g-issue-warning", "东岭公司此前发出警告称，资金可能在年内耗尽。", {"speaker": "东岭公司", "quote_text": "资金可能在年内耗尽"}),
    C("g-leader", "分管安全生产的领导在例会上强调，汛期必须加强巡查。",
      {"speaker_type": "anonymous", "quote_text": "汛期必须加强巡查"}),
    # a three-character name opening a sentence is an antecedent for a later pronoun
    C("g-sentence-name", "罗红艳去年曾到山区义诊。罗红艳发现当地缺医少药。她建议，有关部门鼓励医生留在基层。",
      {"speaker": "罗红艳", "speaker_mention": "她", "quote_text": "有关部门鼓励医生留在基层"}),
    C("g-name-modal", "对于总是熬夜复习的学生，邓雅琴会建议他们早点休息。", {"speaker": "邓雅琴", "quote_text": "他们早点休息"}),
    C("g-unlisted-org-twice", "惠远评级下调了该国评级。惠远评级表示，该国债务仍可持续。",
      {"speaker": "惠远评级", "speaker_type": "organization"}),
    C("g-role-modal", "近六成的受访者会认为，补课没有必要。", {"speaker_type": "anonymous", "quote_text": "补课没有必要"}),
    C("g-committee-stays", "东岭市人大常委会表示，将加快立法。", {"speaker": "东岭市人大常委会"}),
    C("g-person-proposes", "市长李明在会上提出，要把旧城改造放在首位。", {"speaker": "李明", "quote_text": "要把旧城改造放在首位"}),
    C("g-rumour-denied", "一条消息在网上流传，东岭市政府随即辟谣称，消息不实。",
      {"speaker": "东岭市政府", "quote_text": "消息不实"}),
    C("g-you-you", "近日，又有眼尖的网友发现，部分航班的票价显示有误。",
      {"speaker": "眼尖的网友", "speaker_type": "anonymous", "quote_text": "部分航班的票价显示有误"}),
    C("g-two-people", "法院对两人各处罚金五万元。两人均在庭上表示接受判决。", {"speaker": "两人", "quote_text": "接受判决"}),
    C("g-hant-person-finds", "院長陳陽明在與其他院長交流中發現，別的醫院也普遍感覺經費不足。",
      {"speaker": "陳陽明", "quote_text": "別的醫院也普遍感覺經費不足"}),
    C("g-quote-then-adjunct", "“我们感到不可理解。”对这个认定，公关总监裴逸明显得颇为惊讶。",
      {"speaker": "裴逸明", "quote_text": "我们感到不可理解。"}),
    C("g-given-name", "歌手陳曉峰日前受傷。其後曉峰表示，事發現場並無觀眾。",
      {"speaker": "陳曉峰", "quote_text": "事發現場並無觀眾"}),
    # canonical person names: title + name + title, affiliation + name + title, a dotted name after a role,
    # a full name before 先生/女士 (王先生 stays: it is all the name there is)
    C("g-title-name-title", "东岭医院骨科主任邵振华教授介绍，术后三个月即可正常行走。",
      {"speaker": "邵振华", "speaker_title": ["主任", "教授"]}),
    C("g-org-name-title", "东岭大学李明教授认为，改革势在必行。", {"speaker": "李明", "speaker_affiliation": "东岭大学"}),
    C("g-role-dotted", "该公司首席技术官玛丽娜·科斯塔说，公司无意停产任何产品。", {"speaker": "玛丽娜·科斯塔"}),
    C("g-full-name-honorific", "陈得芝先生认为，这一说法缺乏依据。", {"speaker": "陈得芝"}),
    C("g-surname-honorific", "王先生说，他等了三个小时。", {"speaker": "王先生"}),
    C("g-and-others", "李明等人表示，将继续上诉。", {"speaker": "李明", "quote_text": "将继续上诉"}),
    C("g-ju-outlet-reporter", "据新华社记者王小明报道，灾区已恢复供电。",
      {"speaker": "新华社", "speaker_type": "media", "quote_text": "灾区已恢复供电"}),
    C("g-surname-role", "陈姓妇女表示，她已经等了很久。", {"speaker": "陈姓妇女", "speaker_type": "anonymous"}),
    # pronouns: a relative named by relation is an antecedent; a name after a title that does not open
    # its clause (李明与学生张华) is no subject
    C("g-kin-antecedent", "东岭公司董事长李明的儿子李小明也在现场。他说，父亲一直很忙。", {"speaker": "李小明"}),
    C("g-title-object", "东岭大学教授李明与学生张华交流时，他表示，学术研究需要耐心。", {"speaker": "李明"}),
    C("g-transliterated", "市长李明会见了美国商人约翰。约翰说，他对投资环境很满意。",
      {"speaker": "约翰", "speaker_type": "person"}),
    C("g-she-marked", ("设计师Louis Fishauf说，设计融合了剪纸艺术。", "家住城中的移民杜女士昨日买了两套。她说，龙年邮票一定要收藏。"),
      {"speaker": "Louis Fishauf"}, {"speaker": "杜女士", "speaker_mention": "她"}),
    C("g-surnamed-role", "一名旅美的顾姓建筑师回国体检时才发现患病。他认为，医师当时就该看出病情。",
      {"speaker": "顾姓建筑师", "speaker_mention": "他", "quote_text": "医师当时就该看出病情"}),
    C("g-nickname", "小刚说，他没碰小花的眼睛。", {"speaker": "小刚", "speaker_type": "person"}),
    # a perfective cue (强调了) before a whole clause reports it; before a noun object (强调了安全的重要性) it does not
    C("g-le-clause", "在采访中，郭明再次强调了自己的儿子从未去过那家酒吧。",
      {"speaker": "郭明", "quote_text": "自己的儿子从未去过那家酒吧"}),
    C("g-who-said-next", ("“你们会明白我为什么留在这里，因为这里的人都很友善。”", "说这话的大叔Tom Baker是个新西兰人。"),
      {"speaker": "Tom Baker", "block_index": 0, "quote_text": "你们会明白我为什么留在这里，因为这里的人都很友善。"}),
    # interview labels with bullets or corner brackets, and 记者问：/刘明答：
    C("g-qa-bullets", ("本报记者专访了东岭大学校长刘明。", "■记者：明年有什么计划？", "■刘明：我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2, "quote_text": "我们将扩大招生规模。"}),
    C("g-qa-brackets", ("本报记者专访了东岭大学校长刘明。", "【记者】明年有什么计划？", "【刘明】我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2, "quote_text": "我们将扩大招生规模。"}),
    C("g-qa-wen-da", ("本报记者专访了东岭大学校长刘明。", "记者问：明年有什么计划？", "刘明答：我们将扩大招生规模。"),
      {"speaker": "刘明", "block_index": 2, "quote_text": "我们将扩大招生规模。"}),
    C("g-relay-zhuanshu", "东岭日报转述一位官员的话说，新桥将于年底通车。",
      {"speaker": "官员", "relayed_by": "东岭日报", "quote_text": "新桥将于年底通车"}),
    C("g-reporter-learnt-from", "记者从东岭市教育局获悉，该市将新建10所学校。",
      {"speaker": "东岭市教育局", "speaker_type": "organization", "quote_text": "该市将新建10所学校"}),
    # an opinion cue followed directly by a spoken quotation (担心“…”) reports it
    C("g-weak-quote", "网友刘公明则担心“如何界定这是工作时间，而非休息时间？”",
      {"speaker": "刘公明", "quote_text": "如何界定这是工作时间，而非休息时间？"}),
    # an untitled two- or three-character name opening a clause, before its verb
    C("g-split-after-pause", "“我们不会放弃，”李明停顿了一下，接着说，“无论多难。”",
      {"speaker": "李明", "quote_text": "我们不会放弃，"}, {"speaker": "李明", "quote_text": "无论多难。"}),
    C("g-colon-two-char-name", "对于未来，李明充满信心：“我们一定能成功。”", {"speaker": "李明", "quote_text": "我们一定能成功。"}),
    # a manner word before the cue (如是说, 这样说道) belongs to neither speaker nor content
    C("g-rushi-shuo", "“我不是演员了。”王建华如是说。", {"speaker": "王建华", "quote_text": "我不是演员了。"}),
    C("g-zheyang-shuo", "“我不是演员了。”王建华这样说道。", {"speaker": "王建华", "quote_text": "我不是演员了。"}),
    C("g-only-said", "李明只说了一句：“我不知道。”", {"speaker": "李明", "quote_text": "我不知道。"}),
    C("g-rushi-far", "“我要说明一下，我已经退休了！”在昨日的开幕仪式上，面对主持人的介绍，王建华如是说。",
      {"speaker": "王建华", "quote_text": "我要说明一下，我已经退休了！", "quote_type": "direct"}),
    # vox pops: a role and a name before a colon (市民王先生：…), also in corner brackets
    C("g-vox-role-name", "市民王先生：房价太高了，根本买不起。", {"speaker": "王先生", "quote_text": "房价太高了，根本买不起。"}),
    C("g-vox-brackets", "【市民王先生】房价太高了，根本买不起。", {"speaker": "王先生", "quote_text": "房价太高了，根本买不起。"}),
    C("g-org-not-role-name", "美国蓝星影像公司发表公告称，公司股票将被摘牌。",
      {"speaker": "美国蓝星影像公司", "speaker_type": "organization"}),
    # a 据 frame whose source names an office after its cue-like word (统计局, 发布会…) keeps the whole name
    C("g-ju-bureau", "据东岭市统计局统计，今年已有50万人次参观。",
      {"speaker": "东岭市统计局", "quote_text": "今年已有50万人次参观"}),
    C("g-ju-bureau-data", "据东岭市统计局数据显示，今年GDP增长5%。",
      {"speaker": "东岭市统计局数据", "speaker_type": "document", "quote_text": "今年GDP增长5%"}),
    # 人称 is naming only before a name (人称“飞人”); 发言人称，… and 负责人称… are a person speaking
    C("g-spokesman-says", "外交部发言人称，中方不接受这一指责。",
      {"speaker": "外交部发言人", "speaker_type": "anonymous", "quote_text": "中方不接受这一指责"}),
    C("g-spokesman-colon", "發言人稱：「政府會密切留意疫情。」", {"speaker": "發言人", "quote_text": "政府會密切留意疫情。"}),
    C("g-head-says", "该公司负责人称将尽快整改。", {"speaker_type": "anonymous", "quote_text": "将尽快整改"}),
    C("g-xu-zhi", "食衞局局長周志明表示，政府會密切留意疫情。他續指，暫時無需提高應變級別。",
      {"speaker": "周志明"}, {"speaker": "周志明", "quote_text": "暫時無需提高應變級別"}),
    # adverbs and times between speaker and cue (一再说, 特别说, 上周表示, 激动地说)
    C("g-yizai-shuo", "律师一再说，证据并不充分。", {"speaker": "律师", "quote_text": "证据并不充分"}),
    C("g-tebie-shuo", "市长李明还特别说，今年的情况比较好。", {"speaker": "李明"}),
    C("g-last-week", "东岭公司上周表示，今年的情况比较好。", {"speaker": "东岭公司"}),
    C("g-pronoun-manner", "村民李海东说，路修好了。他激动地说，再也不怕下雨了。",
      {"speaker": "李海东"}, {"speaker": "李海东", "quote_text": "再也不怕下雨了"}),
    # a two-character name after a title, then a time word (市长李明昨天…): 李明, not 李明昨
    C("g-name-then-time", ("东岭市市长李明昨天视察了灾区。", "他表示，灾后重建工作将在年底前完成。"),
      {"speaker": "李明", "speaker_mention": "他"}),
    C("g-two-char-sentence-name", "李明在会上作了讲话。李明是东岭人。他表示，今年的目标已经完成。",
      {"speaker": "李明", "speaker_mention": "他"}),
    C("g-kyodo", "据日本共同社报道，两国已就停火达成一致。", {"speaker": "日本共同社", "speaker_type": "media"}),
    # organisations named once: 微软, 北约, 港府, 海关, 人大, 政协, 银保监会
    C("g-org-once", "微软表示，事故原因正在调查。", {"speaker": "微软", "speaker_type": "organization"}),
    C("g-org-regulator", "银保监会表示，将加强监管。", {"speaker": "银保监会", "speaker_type": "organization"}),
    C("g-org-customs", "东岭海关表示，将加强查验。", {"speaker": "东岭海关", "speaker_type": "organization"}),
    C("g-xiao-word", "小区物业表示，停车位已经满了。", {"speaker": "小区物业", "speaker_type": "organization"}),
    C("g-market-rumour", "9月19日，市场消息称，多家平台已暂停放款。", {"speaker": None, "speaker_type": "unspecified"}),
    C("g-two-titles", "城管队员李明表示，今年的情况比较好。", {"speaker": "李明"}),
    C("g-village-secretary", "村支书王立新表示，今年的收成比较好。", {"speaker": "王立新", "speaker_title": ["村支书"]}),
    C("g-not-few", "不少网友表示，这家餐厅的服务太差了。", {"speaker": "网友", "speaker_type": "anonymous"}),
    C("g-unwilling", "不愿透露姓名的官员表示，调整方案仍在讨论。", {"speaker_type": "anonymous"}),
    # a quotation already claimed by the previous speaker is not the next speaker's post-posed quote
    C("g-claimed-quote", "“今年的收成不错，”张三说，“但是价格太低。”李四也说：“是啊。”",
      {"speaker": "张三"}, {"speaker": "张三", "quote_text": "但是价格太低。"}, {"speaker": "李四", "quote_text": "是啊。"}),
    C("g-label-quoted-answer", "社區診所主任陳美玲：「每天多喝水對身體有好處。」",
      {"speaker": "陳美玲", "quote_text": "每天多喝水對身體有好處。"}),
    # Hong Kong: a speech or opinion verb + 指 before a comma (批評指，, 強調指，)
    C("g-hk-verb-zhi", "立法會議員陳志明批評指，政府的做法並不恰當。",
      {"speaker": "陳志明", "cue": "批評指", "quote_text": "政府的做法並不恰當"}),
    C("g-hk-stress-zhi", "立法會議員陳志明強調指，政府的做法並不恰當。", {"speaker": "陳志明", "quote_text": "政府的做法並不恰當"}),
    C("g-saying-this", "东岭市市长李明表示，今年要修三条路。“我们会坚持下去！”说这话时，李明的眼里闪着泪光。",
      {"speaker": "李明"}, {"speaker": "李明", "quote_text": "我们会坚持下去！"}),
    C("g-saying-this-titled", "“我们会坚持下去！”说这话时，东岭市市长李明的眼里闪着泪光。",
      {"speaker": "李明", "quote_text": "我们会坚持下去！"}),
    # courts: 经审理认为, 认定
    C("g-court-held", "东岭市中级人民法院经审理认为，被告人李某犯有诈骗罪。",
      {"speaker": "东岭市中级人民法院", "quote_text": "被告人李某犯有诈骗罪"}),
    C("g-judgment-finds", "判决书认定，被告人李某犯有诈骗罪。", {"speaker": "判决书", "speaker_type": "document"}),
    C("g-qihou", "歌手陈晓峰日前受伤，其后陈晓峰表示，事发现场并无观众。", {"speaker": "陈晓峰"}),
    # a quotation left open at a paragraph end closes in the next paragraph, which does not reopen it
    C("g-open-quote-closes", ("东岭市长李明表示：“今年我们要做三件事。", "第一是修路，第二是建学校。”"),
      {"speaker": "李明", "block_index": 0}, {"speaker": "李明", "block_index": 1, "quote_text": "第一是修路，第二是建学校。",
                                              "cue": None}),
    # a paragraph-long quotation after a paragraph that ends with its post-posed attribution
    C("g-after-post-posed", ("「今年我們要做三件事。」東嶺市長李明說。", "「第一是修路，第二是建學校。」"),
      {"speaker": "李明", "block_index": 0}, {"speaker": "李明", "block_index": 1}),
    # an outlet's plain 报道, with its comma, reports its story (a person's 报道 does not)
    C("g-outlet-reports", "东岭电视台报道，当地发生一起交通事故。",
      {"speaker": "东岭电视台", "speaker_type": "media", "quote_text": "当地发生一起交通事故"}),
    C("g-outlet-time-reports", "路透社周二报道，该公司一季度利润下降。", {"speaker": "路透社", "speaker_type": "media"}),
    # a title-only phrase (一位高级编辑) keeps its title head
    C("g-title-only", "一位资深编辑指出，纸质杂志的读者正在老去。",
      {"speaker_type": "anonymous", "quote_text": "纸质杂志的读者正在老去"}),
]

GENERAL_BLOCKERS = [
    # a cue right after 的 is a noun (的表态, 的回应, 的介绍)
    ("de-nominal", "这个并不坚决的表态，表明市场仍有疑虑。", "表明"),
    ("de-nominal-2", "公司的回应，说明问题并没有解决。", "回应"),
    # 规定 is a rule, not a report (spec §1.5 lexicon has no 规定)
    ("guiding-rule", "商户应确实遵守相关规定，不得占道经营。", "不得占道经营"),
    ("guiding-rule-genju", "根据交易所规定，股价连续低于1元将被退市。", "股价连续低于1元"),
    # 向 + a clause (向游客介绍了一个他认为…) is no addressee: the pronoun inside is no speaker of it
    ("xiang-clause", "他向游客介绍了一个他认为在城里“最地道”的小馆。", "最地道"),
    # hypothetical speech: a cue inside a 如果/除非/即使 clause reports nothing
    ("hypothetical-ruguo", "如果有人说他是清白的，大家也不会相信。", "他是清白的"),
    ("hypothetical-chufei", "我们的约定是：除非两人当面对对方说，不然谁的话都不算数。", "不然谁的话都不算数"),
    # a one-character surname before a function word is no name (简单的, 付之一笑)
    ("not-a-name-de", "最简单的理解是：“价格上调就意味着成本上升。”", "简单的"),
    ("not-a-name-zhiyi", "该人士付之一笑：“这种传言毫无根据。”", "付之一"),
    # a line cut at a comma inside a quotation is layout: the next line is no paragraph of it
    ("cut-line", "“难道药品值钱，\n医生的知识不值钱？”", "医生的知识"),
    ("cut-line-open", "王明表示，医生很辛苦。\n“难道药品值钱，", "难道药品值钱"),
    ("reporter-reports", "记者王明报道，当地发生一起交通事故。", "当地发生"),
    ("adverbs-no-name", "大家都在说，今年的冬天特别冷。", "都在"),
    ("zhi-means", "所谓离岸价是指，货物装船时的价格。", "货物装船时"),
    ("zhi-finger", "他伸出一根手指，指向远处的山。", "指向远处"),
    # a verb or adverb read as a subject before a strong cue is no organisation (named once only)
    ("verb-as-subject", "老人一字一顿地说，要把这片林子守下去。", "字一顿"),
    ("verb-as-subject-2", "他看了看我，转身说，明天再来吧。", "转身"),
    # a sign's text after a colon is nobody's speech; a possessor before a colon does not speak
    ("sign-colon", "村民李海东说，路修好了。李海东家门口贴着一张告示：“节约用水，人人有责。”", "节约用水"),
    ("possessor-colon", "村民李海东说，路修好了。李海东的女儿想了想：“我也要去城里读书。”", "我也要去城里读书"),
    ("causative-clause", "他们不想让邻居发现，于是选择了连夜搬家。", "于是选择了连夜搬家"),
    ("clause-not-speaker", "在当年，这套说辞实际上已经很少有人相信，首先是商人。", "首先是商人"),
    ("mistyped-pair", "李明表示，产品很安全。他还透露了“四周年轻十岁“的实验秘密：仪器来自日本。", "实验秘密"),
    ("mou-determiner", "经查，渭南某杂志社编辑刘某称，消息属实。", "南某"),
    ("not-a-name-nashi", "当时她在乡下一所中学教书。那时孩子们经常说：“老师早！”", "那时孩"),
    ("not-a-name-you", "“我们一步一步地做。”简短有力的讲话，赢得了台下阵阵掌声。", "简短有"),
    ("le-object", "李明在会上强调了安全生产的重要性。", "安全生产"),
    ("le-object-2", "他向记者透露了“四周年轻十岁”的实验秘密。", "实验秘密"),
    ("quoted-subheading", "李明说，小树很结实，他不怕风。\n“小树不怕风，我也不怕风”", "小树不怕风"),
    ("weak-short-quote", "他希望“双赢”。", "双赢"),
    ("cue-not-name", "水务部门召开会商会，强调要确保饮水安全，同时呼吁市民节约用水。", "强调"),
    ("neng-fou", "他们能否认同新的规则，还要看效果。", "同新的规则"),
    ("here-not-speaker", "这里建议你把资料写下来。", "你把资料写下来"),
    ("verb-as-subject-3", "回来说，外面太冷。回来说，风很大。", "回来"),
    ("numeral-classifier", "一张小小的生肖邮票触动了人们的神经：“这只老虎画得太可爱了。”", "张小小"),
    ("first-person-phrase", "这有什么好猜的？那我给透露一下内情，其实很简单。", "那我给"),
    ("screen-shows", "点击“确认”后，页面显示“订货成功”，流程就完成了。", "订货成功"),
    ("mojibake", "她表示挥芯哟ビ肫し舨馐裕遣恢滥俏幌颜呤欠袷鞘褂。", "挥芯哟"),
    ("ren-cheng-naming", "这位短跑名将人称“东岭飞人”。", "东岭飞人"),
    ("zaishuo-besides", "再说，这件事也不归他管。", "这件事也不归他管"),
    ("verb-word-not-org", "衛生局也希望提醒，選購年菜時要注意標示。", "希望"),
    ("statistics-not-speech", "据统计，今年已有50万人次参观。", "今年已有50万人次参观"),
    ("reporter-learnt", "记者了解到，东岭公司已停产。", "东岭公司已停产"),
    ("anli-shuo", "按理说，这件事情并不简单。", "按理"),
    ("zheme-shuo", "这么说，这件事情并不简单。", "这么"),
    ("appeal-letter", "这份呼吁书已经送达市政府。", "书已经送达"),
    ("suggest-noun", "代表们提出建议，希望加快立法。", "希望加快立法"),
    ("suggest-book", "他提交了一份建议书，内容涉及教育。", "内容涉及教育"),
    ("suggest-object", "调研组提出了整改意见和管理建议，完成了调查报告。", "完成了调查报告"),
    ("suggest-when", "当我给朋友建议时，其实自己也没有把握。", "其实自己也没有把握"),
    ("reporter-finds", "记者发现，当地公园的使用者多为老人。", "当地公园"),
    # a one-character "title" after 的 (小小的生|肖龙票) is no title + name
    ("not-a-name-one-char-title", "一张小小的生肖邮票引来争议：“这只老虎画得太可爱了。”", "肖邮票"),
]


@pytest.mark.parametrize("case", GENERAL, ids=[c.id for c in GENERAL])
def test_general_phenomenon(case: Case) -> None:
    got = extract_quotes([("p", t) for t in case.blocks])
    _check(case, got)
    for q in got:
        assert case.blocks[q.block_index][q.start:q.end] == q.quote_text


@pytest.mark.parametrize(("name", "text", "word"), GENERAL_BLOCKERS, ids=[b[0] for b in GENERAL_BLOCKERS])
def test_general_blockers(name: str, text: str, word: str) -> None:
    """Nominal cues, rules, hypothetical speech and false names give no record (or no speaker) there."""
    if "\n" in text:  # several blocks: the word is in the last one
        *head, text = text.split("\n")
    else:
        head = []
    s = text.index(word)
    e = s + len(word)
    for q in extract_quotes([("p", x) for x in (*head, text)]):
        if q.block_index != len(head):
            continue
        assert not min(q.end, e) > max(q.start, s) or word in ("简单的", "付之一", "肖邮票", "那时孩", "简短有"), \
            (name, q.quote_text)
        assert word not in (q.speaker or ""), (name, q.speaker)


def test_interview_answer_runs_over_paragraphs_until_the_next_question() -> None:
    """An answer turn's following paragraphs are the same answer; narration naming a third person is not."""
    blocks = [
        ("p", "本报记者近日专访了东海研究院院长王芳。"),
        ("p", "记者：您怎么看今年的形势？"),
        ("p", "王芳：我认为还需要再观察一段时间。"),
        ("p", "另一方面，企业的订单已经开始恢复，这是好的信号。"),
        ("p", "记者：有什么建议？"),
        ("p", "王芳：企业要练好内功。"),
        ("p", "采访结束时，天已经黑了。她说，明天还要去工厂调研。"),
    ]
    got = extract_quotes(blocks)
    assert [(q.block_index, q.speaker, q.attribution_position) for q in got] == [
        (2, "王芳", "pre"), (3, "王芳", "none"), (5, "王芳", "pre"), (6, "王芳", "pre")]
    assert got[1].quote_text == blocks[3][1].rstrip("。") + "。"


def test_spaced_out_layout_is_read_closed_up_and_mapped_back() -> None:
    """A block with a space after every character (some broadcasters' pages) reads like any other."""
    text = "東 嶺 環 保 協 會 表 示 ， 新 規 定 兩 年 後 才 會 實 施 ， 令 人 擔 心 。"
    got = extract_quotes([("p", text)])
    assert [(q.speaker, q.cue) for q in got] == [("東嶺環保協會", "表示")]
    q = got[0]
    assert q.quote_text == text[q.start:q.end] == "新 規 定 兩 年 後 才 會 實 施 ， 令 人 擔 心"
    assert q.cue_start is not None and text[q.cue_start:q.cue_end] == "表 示"
    assert extract_quotes([("p", "王明表示，公司 今年 将扩大招聘规模。")])[0].quote_text == "公司 今年 将扩大招聘规模"


def test_free_standing_quotation_in_a_profile_is_its_subjects() -> None:
    """A quotation standing alone after narration about the one person the article quotes is theirs."""
    blocks = [
        "“我每天都会提前到教室。”东岭中学老师周海燕说。",
        "三十年来，周海燕从没有请过一天假。",
        "“孩子们等着我，我不能让他们失望。”",
        "说起第一届学生，周海燕笑了。“那时候教室还漏雨呢。”",
    ]
    got = extract_quotes([("p", t) for t in blocks])
    assert [(q.block_index, q.speaker) for q in got] == [(0, "周海燕"), (2, "周海燕"), (3, "周海燕")]
    # a paragraph about someone else, or about nobody the article quotes, gives the quotation no speaker
    other = ["“我每天都会提前到教室。”东岭中学老师周海燕说。", "校长李建国也来到了教室。", "“孩子们等着我，我不能让他们失望。”"]
    assert [q.block_index for q in extract_quotes([("p", t) for t in other])] == [0]


def test_quotation_after_a_topic_clause_belongs_to_the_person_after_it() -> None:
    """``“Q。”说起这件事，X笑了``: a 说起/谈到 topic clause stands between the quotation and its speaker."""
    got = extract_quotes([("p", "东岭中学老师周海燕说，学校要搬家了。“为了这一天，我们等了十年。”谈起新校区，周海燕笑了。")])
    assert [(q.speaker, q.quote_text) for q in got][-1] == ("周海燕", "为了这一天，我们等了十年。")


@pytest.mark.parametrize(("text", "speaker", "cue", "content"), [
    # after a colon the quotation is the words; a clause after its closing mark is narration
    ("李明说：“成本主要看原料价格”，所谓原料，是指进口的矿石。", "李明", "说", "成本主要看原料价格"),
    # 据X发布的数据显示: the data (what X published) shows; 发布 is no cue of X there
    ("据东岭统计局发布的数据显示，去年的产值增长了一成。", "东岭统计局发布的数据", "显示", "去年的产值增长了一成"),
    # a long 《…》 title counts as one word in the speaker phrase
    ("东岭大数据监测平台ABCdata发布的《2025年东岭地区共享出行行业发展情况分析简报》显示，今年用户增长了一成。",
     "2025年东岭地区共享出行行业发展情况分析简报", "显示", "今年用户增长了一成"),
])
def test_batch2_content_and_document_phrases(text: str, speaker: str, cue: str, content: str) -> None:
    got = extract_quotes([("p", text)])
    assert [(q.speaker, q.cue, q.quote_text) for q in got] == [(speaker, cue, content)]


def test_relatives_named_by_kinship_speak_for_themselves() -> None:
    """``小林母亲说``: the mother speaks, not 小林; a later 她 refers to her; ``小林家说``: the family."""
    blocks = [
        "东岭小学学生小林在课间受了伤。小林母亲对记者说，孩子回家后一直喊疼。",
        "她也承认，学校已经垫付了医药费。",
        "小林家说，希望学校给个说法。",
        "小林母亲哭诉称，孩子已经一周没上学了。",
    ]
    got = extract_quotes([("p", t) for t in blocks])
    assert [(q.block_index, q.speaker) for q in got] == [
        (0, "小林母亲"), (1, "小林母亲"), (2, "小林家"), (3, "小林母亲")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("东岭市教育局曾通报称，涉事教师已被停职。", "东岭市教育局"),   # 通报称: the bureau through its notice
    ("东岭市应急管理局发布的通报称，险情已经排除。", "东岭市应急管理局发布的通报"),  # 的通报: the notice itself
    ("东岭市官方人士向记者表示，调查仍在进行。", "东岭市官方人士"),  # 官方人士 is no title + name
])
def test_batch2_channels_and_anonymous_heads(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", text)])] == [speaker]


@pytest.mark.parametrize(("text", "expect"), [
    # 明确表示: 明确 is the manner, a person speaks with 表示
    ("东岭公司总经理王建国明确表示，新系统才是公司的未来。", [("王建国", "新系统才是公司的未来")]),
    # a mood adjunct (惊讶之余) is no speaker; 哭诉 is a cue
    ("也有网友失望之余哭诉：“这根本是个陷阱，我一周就被扣了三次。”", [("网友", "这根本是个陷阱，我一周就被扣了三次。")]),
    # an unlisted organisation named twice speaks without a comma after its cue
    ("东岭科技上周发布了新手机。同时，东岭科技还表示将调整组织架构。", [("东岭科技", "将调整组织架构")]),
    ("设计总监Flora 说自己在很多部门推广过这种风格。", [("Flora", "自己在很多部门推广过这种风格")]),
    # a cue ending a time clause, and a habit, report nothing
    ("与他同行的信息曝出后，有关的猜测越来越多。", []),
    ("每年春运，铁路部门都会说加强监管，但问题依旧。", []),
    # 在他眼里，…: his view; a child named inside the reported words is no antecedent of the next 他
    ("东岭公司的李明对记者说，小林周末会去外婆家。在他眼里，小林很懂事。他曾对媒体澄清：“我相信孩子。”",
     [("李明", "小林周末会去外婆家"), ("李明", "小林很懂事"), ("李明", "我相信孩子。")]),
    ("在城市里，交通很拥堵。在大家的眼里，他是个好人。", []),
])
def test_batch2_cues_frames_and_antecedents(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # an indirect content stops before a quotation that the next clause's speaker says (post-posed)
    ("有机构人士称，从估值水平看，回调幅度应该不大，但“我们担心的是散户追涨杀跌，这样会加剧波动”，一位基金人士认为。",
     [("机构人士", "从估值水平看，回调幅度应该不大"), ("基金人士", "我们担心的是散户追涨杀跌，这样会加剧波动")]),
    ("有股民也坦承，最近就是频繁做短线交易，“我哪里还敢拿，涨一点赶紧卖了。”上述王先生称。",
     [("股民", "最近就是频繁做短线交易"), ("王先生", "我哪里还敢拿，涨一点赶紧卖了。")]),
    # a description ending in a surname and 先生/女士 names the speaker; an institution before a bare name
    ("“以前从没碰过基金。”在东岭某银行供职的80后孙先生说，自己过去只存定期。",
     [("孙先生", "以前从没碰过基金。"), ("孙先生", "自己过去只存定期")]),
    ("东岭证券王建国指出，明年的增长会放缓。", [("王建国", "明年的增长会放缓")]),
    # 回应记者说: the addressee of 回应 before the speech verb; a date between a quotation and its speaker
    ("“我们开展了深入研究。”7月3日，东岭发改委有关负责人回应记者说，定位可以用四个字概括。",
     [("东岭发改委有关负责人", "我们开展了深入研究。"), ("东岭发改委有关负责人", "定位可以用四个字概括")]),
    # a means adjunct (用高音喇叭, 通过律师) is no part of the speaker
    ("东岭车站工作人员用高音喇叭告诉候车旅客，末班车推迟发车。", [("东岭车站工作人员", "末班车推迟发车")]),
    ("李明通过律师表示，他不接受指控。", [("李明", "他不接受指控")]),
])
def test_batch2_contents_and_speakers(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_quotation_that_is_a_sentence_then_a_turn_to_someone_else() -> None:
    """``“Q。”然而，也有Y透露…``: the quotation continues the speaker before it; Y's report is Y's."""
    text = ("“多数客户手头的资金都比较宽裕。”东岭某小区置业顾问告诉记者，投资客占比很低。"
            "“即使退订也只是少数。”然而，也有二手经纪人透露，确实有客户因为生意周转困难而推迟签约。")
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])]
    assert got == [("东岭某小区置业顾问", "多数客户手头的资金都比较宽裕。"), ("东岭某小区置业顾问", "投资客占比很低"),
                   ("东岭某小区置业顾问", "即使退订也只是少数。"), ("二手经纪人", "确实有客户因为生意周转困难而推迟签约")]


def test_pronoun_after_an_unlisted_quoted_person_is_that_person() -> None:
    got = extract_quotes([("p", "东岭证券袁立兵指出，明年的增长会放缓。"), ("p", "同时，他认为，消费将成为主要动力。")])
    assert [q.speaker for q in got] == ["袁立兵", "袁立兵"]


def test_pronoun_takes_the_speaker_quoted_after_an_older_mention() -> None:
    """``王女士称…。收藏家张先生则买了十套，强调…。他说…``: the most recent speaker outranks an older name."""
    blocks = ["大学讲师王春燕昨日也来排队，称她的母亲很喜欢收藏生肖票。",
              "本地藏家张先生昨天干脆包下了整整一版，强调这套邮票值得长期保存。他说，其中一半会送给亲友。"]
    got = extract_quotes([("p", t) for t in blocks])
    assert [(q.block_index, q.speaker) for q in got] == [(0, "王春燕"), (1, "张先生"), (1, "张先生")]


@pytest.mark.parametrize(("text", "expect"), [
    # a second speech act joined by 并 (奉劝, 评价道) ends the first content
    ("东岭队的核心队员李伟承认，自己有过受伤的经历，并奉劝年轻人，无须刻意追求名牌。",
     [("李伟", "自己有过受伤的经历"), ("李伟", "无须刻意追求名牌")]),
    ("东岭公司发言人指出上述统计不够严谨，并评价道：这类样本的差异很大。",
     [("东岭公司发言人", "上述统计不够严谨"), ("东岭公司发言人", "这类样本的差异很大")]),
    # a book or study reveals (揭示，…) like a document shows
    ("《东岭往事》一书揭示，当年董事会内部的分歧就十分明显。", [("东岭往事", "当年董事会内部的分歧就十分明显")]),
    # a relative clause ending in 的资料 keeps its head: the material shows, not the person who sent it
    ("王建国通过电子邮件发来的资料显示，去年共有三千人受伤。", [("王建国通过电子邮件发来的资料", "去年共有三千人受伤")]),
])
def test_batch2_second_acts_and_documents(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 宣布 without its comma announces an act; with it, a statement
    ("东岭公司宣布对旗下业务实行内部改革。", []),
    ("东岭公司宣布，旗下业务将全面改革。", [("东岭公司", "旗下业务将全面改革")]),
    # the newsroom's own clause (截至发稿) ends a source's content
    ("东岭电信发言人对本报记者称尚未接到通知，截至发稿，东岭电信没有作进一步说明。",
     [("东岭电信发言人", "尚未接到通知")]),
    # signs indicate, nobody speaks; 告诉他们 (not 他|们) is the addressee
    ("种种迹象表明，改革进入了深水区。", []),
    ("工作人员告诉候车旅客，末班车推迟发车，并告诉他们耐心等候。",
     [("工作人员", "末班车推迟发车"), ("工作人员", "耐心等候")]),
])
def test_batch2_announcements_and_narration(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 如是说 points back past a term quoted on the way (“球星”) to the spoken quotation
    ("“我要说明一下，我已经退役了！”在昨天的活动现场，面对主持人“球星”的称呼，东岭队前队长王建国如是说。",
     [("王建国", "我要说明一下，我已经退役了！")]),
    # 至于…，: a new topic ends the indirect content; the quotation after it continues the speaker
    ("东岭队前队长王建国说，他要改进的地方还很多，至于具体的计划，“想好了之后，再告诉你们。”",
     [("王建国", "他要改进的地方还很多"), ("王建国", "想好了之后，再告诉你们。")]),
    # 如果你问他，他会说因为X说…: hypothetical speech, and what it reports, report nothing
    ("如果你问这位教练为什么换人，他会说因为队医说这名球员受了伤。", []),
    # a quotation after a comma belongs to the person who opens the clause just before it
    ("作为活动的形象大使，东岭队前队长王建国在现场作了简短讲话，“保护动物要一步一步地做。”",
     [("王建国", "保护动物要一步一步地做。")]),
])
def test_batch2_anaphors_topics_and_hypotheticals(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a group opening the previous clause speaks the quotation after an adverb-initial clause and a colon
    ("游客们一走进这座古镇，都大声叫好：“街巷幽静，真是个好去处呀！”", [("游客们", "街巷幽静，真是个好去处呀！")]),
    # a degree adverb before a manner phrase (很认真地说) leaves the pronoun as the speaker
    ("东岭彩民王建国表示，奖金会捐出一半。他很认真地说，“我早就料到会有这一天。”",
     [("王建国", "奖金会捐出一半"), ("王建国", "我早就料到会有这一天。")]),
    # 可在X看来，…: a connective before the view frame
    ("东岭彩民王建国表示，奖金会捐出一半。可在王建国看来，一百万元已经是巨额投资了。",
     [("王建国", "奖金会捐出一半"), ("王建国", "一百万元已经是巨额投资了")]),
])
def test_batch2_groups_manners_and_views(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a preposition-initial relative clause with a head noun is a speaker (通过…的李先生); a short time clause
    # (收盘后) may stand between a post-posed quotation and its speaker
    ("“一周赔掉了半年工资。”昨天收盘后，通过融资买股票的李先生感慨，行情一旦转向，本金就保不住了。",
     [("李先生", "一周赔掉了半年工资。"), ("李先生", "行情一旦转向，本金就保不住了")]),
    ("通过这次调查，东岭市卫生局表示，疫情已经得到控制。", [("东岭市卫生局", "疫情已经得到控制")]),
])
def test_batch2_relative_clauses_and_time_clauses(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_repeated_untitled_names_and_transliterated_first_names_are_antecedents() -> None:
    """A name the article repeats (three times, once opening a clause) and a transliterated name's first part
    (茉莉 for 茉莉·西尔斯) give a later 她 someone to refer to; 一位女士 is no name."""
    blocks = ["钱雨桐没有辜负期望，考入了东岭音乐学院。“我的知识还太少了。”钱雨桐想学更多，于是独自去了法国。",
              "虽说钱雨桐主修作曲，她却始终放不下古筝。她说：“每次出远门我都会带上古筝。”"]
    got = extract_quotes([("p", t) for t in blocks])
    assert [(q.block_index, q.speaker) for q in got] == [(0, "钱雨桐"), (1, "钱雨桐")]
    blocks = ["28岁的茉莉·西尔斯曾在殡仪馆工作。茉莉说这份工作实在太过沉重。", "她补充说：“现在的工作有趣多了。”"]
    assert [q.speaker for q in extract_quotes([("p", t) for t in blocks])] == ["茉莉·西尔斯", "茉莉·西尔斯"]
    got = extract_quotes([("p", "东岭中心的一位女士告诉记者，比赛用鞋没有统一规定。")])
    assert [(q.speaker, q.speaker_type) for q in got] == [("东岭中心的一位女士", "anonymous")]


def test_outlet_named_in_a_title_is_what_a_later_report_refers_to() -> None:
    blocks = ["根据东岭旅行网发布的数据，全国约有六亿人次出行。",
              "西班牙《晨星报》网站发表了题为《出行的一周》的报道。报道称，今年预计有超过六亿人次出游。"]
    got = extract_quotes([("p", t) for t in blocks])
    assert [(q.block_index, q.speaker, q.speaker_type) for q in got][-1] == (1, "晨星报", "media")


@pytest.mark.parametrize("text", ["毫不夸张地说，东岭的销量已经给公司敲响了警钟。", "可以说，民众总是在追求最好的结果。"])
def test_framings_are_no_speakers(text: str) -> None:
    assert extract_quotes([("p", text)]) == []


def test_title_de_name_and_demonstrative_subjects() -> None:
    got = extract_quotes([("p", "现为立法会议员的陈志强说，政府至今仍不坦诚。")])
    assert [q.speaker for q in got] == ["陈志强"] and got[0].speaker_title
    assert extract_quotes([("p", "那些声称喝咖啡就能减肥的人，可能只是心理作用。")]) == []


def test_name_opening_a_sentence_after_a_quotation_is_an_antecedent() -> None:
    text = ("“过去停一晚只要五块钱。”钱翔宇自称是这家停车场的老顾客，他每周都把车停在这里。"
            "和钱翔宇一样的人还有很多。对于涨价，他表示，“这完全是乱收费。”")
    got = extract_quotes([("p", text)])
    assert [q.speaker for q in got][-1] == "钱翔宇"


def test_pronoun_after_a_three_character_name_with_no_listed_surname() -> None:
    blocks = ["蔺思远说，我们要做好三件事。", "他强调，制度建设必须从实际出发。"]
    got = extract_quotes([("p", t) for t in blocks])
    assert [q.speaker for q in got] == ["蔺思远", "蔺思远"]


@pytest.mark.parametrize(("name", "text", "word"), [
    ("bu-hao-shuo", "这两种路线谁能笑到最后，真不好说，双方也会互相借鉴。", "真不好"),
    ("praise-received", "“业界良心”，东岭公司在暴雨期间免费开放停车场也获得不少市民称赞。", "业界良心"),
    ("modal-clause", "东岭公司需要用其他的销售数据显示优越性。", "优越性"),
])
def test_batch2_blockers(name: str, text: str, word: str) -> None:
    s = text.index(word)
    e = s + len(word)
    for q in extract_quotes([("p", text)]):
        assert not min(q.end, e) > max(q.start, s), (name, q.quote_text)
        assert word not in (q.speaker or ""), (name, q.speaker)


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭药业的“90后”投资者则留言：“叔叔好，希望公司渡过难关。”", [("东岭药业的“90后”投资者", "叔叔好，希望公司渡过难关。")]),
    # a relative named by kinship and name after 的 (王芳的老公李建国) speaks by name
    ("演员王芳的老公李建国也在微博中很无奈地写道：“跑了几家医院，号都已经挂满了。”",
     [("李建国", "跑了几家医院，号都已经挂满了。")]),
])
def test_batch2_unnamed_groups_and_relatives_by_name(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # Hong Kong and Taiwan usage: a person 表明, 形容 and 笑言 with their comma; 又指 + content (= also said)
    ("特首陳志明表明，政府不會撤回條例。", [("陳志明", "政府不會撤回條例")]),
    ("陳志明形容，事件令人遺憾。", [("陳志明", "事件令人遺憾")]),
    ("陳志明笑言，自己已經習慣了。", [("陳志明", "自己已經習慣了")]),
    ("王建國認為，措施作用有限，又指政府應該加大力度。", [("王建國", "措施作用有限"), ("王建國", "政府應該加大力度")]),
    ("他又指向遠處的山。", []),
    ("數據表明，失業率已經回落。", [("數據", "失業率已經回落")]),
])
def test_batch2_hong_kong_taiwan_cues(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭市教育局局长王建国告诉本报记者，今年将新建学校10所。", [("王建国", "今年将新建学校10所", "本报记者")]),
    ("东岭市教育局局长王建国、副局长李明等人表示，今年将新建学校10所。", [("王建国", "今年将新建学校10所", None)]),
    ("多位家长向记者反映，学校的收费太高了。", [("家长", "学校的收费太高了", "记者")]),
    ("王建国向记者出示的一份合同显示，双方约定了违约责任。", [("王建国向记者出示的一份合同", "双方约定了违约责任", None)]),
])
def test_batch2_addressees_lists_and_documents(text: str, expect: list[tuple[str, str, str | None]]) -> None:
    assert [(q.speaker, q.quote_text, q.addressee) for q in extract_quotes([("p", text)])] == expect


def test_this_company_is_the_company_quoted_just_before() -> None:
    blocks = ["东岭科技表示，新产品下月上市。", "该公司称，竞争对手仿冒了该公司两款产品。"]
    assert [q.speaker for q in extract_quotes([("p", t) for t in blocks])] == ["东岭科技", "东岭科技"]


def test_nickname_with_kinship_honorific_is_not_a_surname_name() -> None:
    """小林奶奶 is little Lin's grandmother, not a 林奶奶 (surname 林 and the honorific)."""
    got = extract_quotes([("p", "小林奶奶说，那天她接到了班主任的电话。"), ("p", "她说，当时并不知道发生了什么。")])
    assert [q.speaker for q in got] == ["小林奶奶", "小林奶奶"]


@pytest.mark.parametrize(("text", "speaker", "kind"), [
    ("美國《東嶺雜誌》的文章指出，超過六成市民支持方案。", "東嶺雜誌", "media"),   # the outlet, not a "文章" name
    ("東嶺衞生署的通告提醒市民，切勿購買來歷不明的藥物。", "東嶺衞生署的通告", "document"),
    ("新聞稿指出，航班將如常運作。", "新聞稿", "document"),
])
def test_batch2_outlets_and_notices(text: str, speaker: str, kind: str) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == [(speaker, kind)]


@pytest.mark.parametrize(("text", "speaker", "kind", "relay"), [
    ("外電報道，當地發生一起交通事故。", "外電", "media_unnamed", None),
    ("东岭晚报的一篇报道称，当地发生一起交通事故。", "东岭晚报", "media", None),
    ("网上流传的一段视频显示，当地发生一起交通事故。", "网上流传的一段视频", "document", None),
    ("据东岭社援引知情人士的话报道，当地发生一起交通事故。", "知情人士", "anonymous", "东岭社"),
    ("据东岭社引述官员的话称，当地发生一起交通事故。", "官员", "anonymous", "东岭社"),
])
def test_batch2_media_relays_and_footage(text: str, speaker: str, kind: str, relay: str | None) -> None:
    assert [(q.speaker, q.speaker_type, q.relayed_by) for q in extract_quotes([("p", text)])] == [(speaker, kind, relay)]


@pytest.mark.parametrize(("which", "speaker"), [("后者", "王芳"), ("前者", "李明")])
def test_latter_and_former(which: str, speaker: str) -> None:
    text = f"东岭公司董事长李明和总经理王芳都出席了发布会。{which}表示，公司明年将上市。"
    assert [q.speaker for q in extract_quotes([("p", text)])] == [speaker]


@pytest.mark.parametrize(("text", "expect"), [
    ("根據統計發現，菸品的消耗增加了七千萬包。", []),            # 根据统计 states figures, like 据统计
    ("病人最好遵循醫生建議，按時服藥。", []),                    # advice followed, not given
    ("門診發現，乾眼症患者增加了五成。", [("門診", "organization")]),  # a department, no surname+given name
])
def test_batch2_statistics_advice_departments(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


def test_short_quotation_ending_a_sentence_after_a_person_clause_is_said() -> None:
    blocks = ["东岭队前队长王建国说，他还会继续打球。", "有记者建议他带女儿去看比赛，王建国笑得更加灿烂，“这倒是个好主意”"]
    assert [(q.block_index, q.speaker) for q in extract_quotes([("p", t) for t in blocks])] == [(0, "王建国"), (1, "王建国")]
    # a name given (把…叫做，“…”) is no speech
    got = extract_quotes([("p", "王建国说，今年很忙。王建国把这种现象叫做，“城市综合病症”。")])
    assert [q.quote_text for q in got] == ["今年很忙"]


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭队球员李大海抱怨新球鞋不利于快速转身。", [("李大海", "新球鞋不利于快速转身")]),  # spec §1.5 group A: strong
    ("部分家长质疑这套教材的难度明显偏高。", [("家长", "这套教材的难度明显偏高")]),
    ("面对质疑东岭公司积极整改，王明表示，整改已经完成。", [("王明", "整改已经完成")]),  # the noun 质疑: no speaker 面对
    ("该方案遭到批评之后被撤回。", []),
])
def test_complaint_and_doubt_report_without_a_comma(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a degree adverb before a manner (略显兴奋地) is no name after the title
    ("东岭基金一位基金经理略显兴奋地说，市场已经见底。", [("东岭基金一位基金经理", "市场已经见底")]),
    # a verb with its object in the phrase: a clause, not a speaker
    ("后来这位老顾客取出三万元存款表示再也不买理财了。", []),
    # words that open with a surname character (原|本) or repeated windows that never end a name (修改公|告)
    # are no antecedent: the pronoun stays unresolved
    ("原本在东岭工作。原本是这样。他说，明天继续办理。", [(None, "明天继续办理")]),
    ("，修改公告一份。，修改公告两份。，修改公告三份。他说，明天继续办理。", [(None, "明天继续办理")]),
])
def test_no_speaker_from_adverbs_clauses_or_common_words(text: str, expect: list[tuple[str | None, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize("text", [
    "投资者应该质疑进一步宽松的政策是否有效。",     # a duty (应该), not a report
    "温馨提醒：本周气温持续走低，市民注意保暖。",   # the page's own reminder: 温馨 names nobody
    "阿强想说，都这个年代了，自信一点吧。",         # what he wanted to say
])
def test_no_record_for_duties_reminders_and_wishes(text: str) -> None:
    assert extract_quotes([("p", text)]) == []


def test_pronoun_after_a_single_anonymous_source_is_that_source() -> None:
    blocks = ["东岭证券分析师王建国说，今年行情不错。", "东岭一位基金经理对记者表示，市场会反弹。他认为，明年的行情更好。"]
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", t) for t in blocks])]
    assert got[-1] == ("东岭一位基金经理", "明年的行情更好")


@pytest.mark.parametrize(("blocks", "speaker"), [
    (["一位女士在现场排队。", "她说，今天人特别多。"], None),   # 一位女士 is a woman, no person named 位女士
    (["东岭基金的投资总监周四表示，该机构持续认为，市场会反弹。"], "该机构"),  # 持续 is an adverb
])
def test_classifier_and_adverb_are_no_part_of_a_name(blocks: list[str], speaker: str | None) -> None:
    assert extract_quotes([("p", t) for t in blocks])[-1].speaker == speaker


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭市教育局的通报也提及，涉事学校已经赔偿了医药费。", [("东岭市教育局的通报", "涉事学校已经赔偿了医药费")]),
    ("王丽一次次地说明，当时现场并没有人阻拦。", [("王丽", "当时现场并没有人阻拦")]),
    ("李医生为记者释疑：扭伤多半发生在落地的瞬间。", [("李医生", "扭伤多半发生在落地的瞬间")]),
    ("街道办事处上报说明，上级最终批复了申请。", []),   # 上报说明: a report filed, nobody explaining
    ("这说明，市场的信心正在恢复。", []),              # this shows
])
def test_mention_explain_and_clear_up_cues(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # those who said “有” (a relative clause) are counted, nobody speaks
    ("调查显示，明确表示“没有”的占三成，少于表示“有”的人。", [("调查", "明确表示“没有”的占三成，少于表示“有”的人")]),
    # a warning issued (发出…警告) is a noun: the content runs on to the sentence end
    ("东岭公司发布公告称，由于股价低于1元，交易所已对其股票实施风险警示。",
     [("东岭公司", "由于股价低于1元，交易所已对其股票实施风险警示")]),
    ("仔细对比数据可以发现，产量低于设计产能。", []),   # what anyone can find
])
def test_relative_clauses_issued_notices_and_generic_findings(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_hereinafter_called_is_naming() -> None:
    text = "虽然东岭信用评级有限公司(下称“东岭评级”)维持了该公司的AAA等级，但同时指出，境外业务亏损带来负面影响。"
    assert not any(q.quote_text.startswith("“东岭评级”") for q in extract_quotes([("p", text)]))


def test_quotation_opening_the_sentence_after_an_attributed_one_goes_on() -> None:
    text = ("其实涨价并不集中。王芳认为，更贴近的说法是，各个场景的价格从来不统一。"
            "“商家有一定的定价权，有些是店家自己决定涨价”，价格和场景的消费水平相匹配。")
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])]
    assert got == [("王芳", "更贴近的说法是，各个场景的价格从来不统一"), ("王芳", "商家有一定的定价权，有些是店家自己决定涨价")]


def test_relative_clause_with_a_person_head_speaks() -> None:
    text = "最新的消息是，有自称是东岭公司员工的人表示，押金会在月底前返还。"
    assert [(q.speaker, q.speaker_type, q.quote_text) for q in extract_quotes([("p", text)])] == [
        ("自称是东岭公司员工的人", "anonymous", "押金会在月底前返还")]


@pytest.mark.parametrize(("text", "expect"), [
    # an office named with 部门 is an organisation, and its zero-subject cue after a clause keeps it
    ("区环保部门表示，要加快清理河道垃圾。", [("区环保部门", "organization", "要加快清理河道垃圾")]),
    ("区环保部门昨天召开会议，强调要加快清理河道垃圾。", [("区环保部门", "organization", "要加快清理河道垃圾")]),
    # 统计 with its comma: an office states its figures; 经/据…统计 frame the figures, 统计局 is a noun
    ("市水务局统计，今年全市降雨量比往年少了三成。", [("市水务局", "organization", "今年全市降雨量比往年少了三成")]),
    ("经初步统计，今年全市降雨量比往年少了三成。", []),
    ("国家统计局发布数据，一季度增长5%。", []),
    ("有数据统计，截至上月底，全省新开业的书店达到312家。", []),
    # 告诫 + the people warned (a 的 phrase) + comma; 直呼 and 汇报 with a spoken quotation
    ("园艺师陈秋林在讲座上告诫刚入门的爱好者，浇水之前要先摸一摸土壤。",
     [("陈秋林", "person", "浇水之前要先摸一摸土壤")]),
    ("也有经理直呼“这样的价格真是看不懂。”", [("经理", "anonymous", "这样的价格真是看不懂。")]),
    ("“三号线发生故障，请指示。”市指挥中心向市交通局汇报。", [("市指挥中心", "organization", "三号线发生故障，请指示。")]),
    ("球迷直呼过瘾。", []),
    ("他向领导汇报了工作。", []),
    # after a condition and no subject, 表示 means "indicates"; 会说 is what someone would say
    ("卫生局长王美华示范检测方法，若试纸变成红色，表示样品含有添加剂。", []),
    ("很多人会说这样护肤在早上做不到。", []),
    ("足球协会说，比赛将如期举行。", [("足球协会", "organization", "比赛将如期举行")]),
])
def test_batch3_offices_figures_warnings_and_conditions(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 大使|馆: a title inside an institution's name is no title, and what follows it no name
    ("北川国驻南川国大使馆发言人9日回应称，两国之间的航线将在下月恢复。",
     [("北川国驻南川国大使馆发言人", "两国之间的航线将在下月恢复")]),
    # 用户运营总监: 用户 is a noun, not the means 用 (用扩音喇叭说)
    ("南岭公司推出了新款智能手表。南岭表用户运营总监刘佳宁说，手表将成为家庭健康助手。", [("刘佳宁", "手表将成为家庭健康助手")]),
    ("王敏用扩音喇叭说，请大家排队。", [("王敏", "请大家排队")]),
    ("也许不少人都不敢相信：这座小镇过去连一条柏油路都没有。", []),  # a belief nobody dared hold, not speech
])
def test_embassy_spokesman_user_noun_and_disbelief(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 据/根据 X(的)声明/公告，…: the statement frames the sentence, X speaks
    ("根据百川集团的声明，公司将把业务分成两个部门。", [("百川集团", "公司将把业务分成两个部门")]),
    ("据交易所公告，公司股票将于明日复牌。", [("交易所", "公司股票将于明日复牌")]),
    # 宣布将…: a plan announced; 宣布成立 announces an act
    ("百川集团宣布将对旗下业务进行调整，希望借此提高效率。", [("百川集团", "将对旗下业务进行调整，希望借此提高效率")]),
    ("百川集团宣布成立新公司。", []),
    # 要求 with its comma is a demand made; 按照…要求 / 应…要求 follow one
    ("林副市长要求，加强河道巡查，确保堤坝安全。", [("林副市长", "加强河道巡查，确保堤坝安全")]),
    ("（应当事人要求，文中的刘海波为化名）", []),
    ("严格按照市政府关于安全工作的通知要求，对每个阶段进行跟踪指导。", []),
    ("按照要求，各单位加强河道巡查。", []),
    # 兴奋的告诉记者: 的 written for 地 after a manner word; 激动的表态 stays a noun
    ("王小明兴奋的告诉记者，比赛赢了。", [("王小明", "比赛赢了")]),
    ("“以前觉得隧道很神秘，这次终于看清楚了。”参加演练的一名市民兴奋的告诉记者。",
     [("参加演练的一名市民", "以前觉得隧道很神秘，这次终于看清楚了。")]),
    ("他激动的表态，赢得了掌声。", []),
])
def test_statements_plans_demands_and_manner_de(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 记者从X获悉，…: X (an office, a troupe) is the source
    ("记者从东岭剧团获悉，该团导演王明因病于12日逝世，享年74岁。", [("东岭剧团", "该团导演王明因病于12日逝世，享年74岁")]),
    # 承诺 with its comma is a pledge made (他: the mayor); 承诺的事情 is a noun
    ("王市长在报告中指出，今年要完成改造任务。他承诺，明年能耗将下降3%。",
     [("王市长", "今年要完成改造任务"), ("王市长", "明年能耗将下降3%")]),
    ("他承诺的事情都做到了。", []),
    # 集体发声：“…” speaks (集体 is a manner); the clause after ； holding only a time ends the content before
    ("上周，15家航运企业负责人表示将稳定运价；本周，沿海港口集团总经理集体发声：“我们有能力保障货物畅通！”",
     [("15家航运企业负责人", "将稳定运价"), ("沿海港口集团总经理", "我们有能力保障货物畅通！")]),
    ("王明表示，公司将扩大生产；李华则认为，市场已经饱和。", [("王明", "公司将扩大生产"), ("李华", "市场已经饱和")]),
    ("近百家物流企业昨日联合发声，表示将共同降低收费。", [("近百家物流企业", "将共同降低收费")]),
])
def test_sources_pledges_and_collective_voices(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_quotation_after_a_document_goes_on_with_the_person() -> None:
    text = ("“这阵子常有邻居问我该不该买。”一位基金经理说，现在正是布局的时候。其管理的基金半年报显示，他今年加仓了消费股。"
            "此前也持有一些科技股。“并不是看空科技股，只是估值太高了。”")
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])]
    assert got[-1] == ("基金经理", "并不是看空科技股，只是估值太高了。")


@pytest.mark.parametrize(("text", "expect"), [
    # 成功|登(陆): a common word opening a three-character window is no name; the relative clause's head speaks
    ("五年前带领南岭药业成功登陆科创板并成为行业龙头的陈嘉禾，在上周举行的年度股东会上表示，“慢一点反而走得更稳”。",
     [("陈嘉禾", "慢一点反而走得更稳")]),
    # 管理层 is an anonymous head (like 高层)
    ("“不少小型民宿今年已经关门了一半。”厦门一家旅游公司管理层告诉本报记者。",
     [("厦门一家旅游公司管理层", "不少小型民宿今年已经关门了一半。")]),
])
def test_relative_clause_head_and_management(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_common_word_opening_a_three_character_window_is_no_repeated_name() -> None:
    """成功|者 (成功|赴, 成功|率): a word that opens a clause three times is no surname and given name, so 他 is not it."""
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", "成功者说，坚持最重要。"), ("p", "成功者都很自律。"),
                                                             ("p", "他说，成功者也会失败。")])]
    assert got[-1][1] == "成功者也会失败" and got[-1][0] != "成功者"


@pytest.mark.parametrize(("text", "expect"), [
    # after a 据X报道 frame, a zero-subject statement verb takes the subject the report names; X relays
    ("据《东岭日报》报道，东岭公司今日召开发布会，称将扩大生产。", [("东岭公司", "东岭日报", "将扩大生产")]),
    ("据《东岭日报》报道，近百家物流企业昨日联合发声，表示将共同降低收费。", [("近百家物流企业", "东岭日报", "将共同降低收费")]),
    ("据新华社报道，王明表示，将扩大生产。", [("王明", "新华社", "将扩大生产")]),
])
def test_report_frame_relays_the_subject_it_names(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.relayed_by, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 据X统计，… with an unlisted firm (评级, 资讯, …国际): the firm is the source
    ("据东岭资讯统计，该公司的产能利用率只有四成。", [("东岭资讯", "该公司的产能利用率只有四成")]),
    ("据南岭国际统计，该公司的产能利用率只有四成。", [("南岭国际", "该公司的产能利用率只有四成")]),
    ("据有关方面统计，该公司的产能利用率只有四成。", [("有关方面", "该公司的产能利用率只有四成")]),  # unnamed, not 有关
    ("据不完全统计，该公司的产能利用率只有四成。", []),
])
def test_figures_by_an_unlisted_firm(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_panel_label_line_then_questions_and_answers() -> None:
    """``机构头衔：Name`` alone on its line (or as a subheading), then question lines and that person's answers."""
    blocks = [("h", "西川基金首席投资官：Peter Brown"), ("p", "房地产市场会继续降温吗？"), ("p", "成交量还在下降，所以短期内很难回暖。"),
              ("p", "明年会好转吗？"), ("p", "要看利率的走向。"), ("p", "3"), ("h", "北川资管首席投资官：周文涛"),
              ("p", "房地产市场会继续降温吗？"), ("p", "降温已经接近尾声。")]
    got = [(q.block_index, q.speaker, q.quote_text) for q in extract_quotes(blocks)]
    assert got == [(2, "Peter Brown", "成交量还在下降，所以短期内很难回暖。"), (4, "Peter Brown", "要看利率的走向。"),
                   (8, "周文涛", "降温已经接近尾声。")]


def test_byline_is_no_panel_label() -> None:
    assert extract_quotes([("p", "记者：王小明"), ("p", "市场还会涨吗？"), ("p", "本报记者走访了多家券商。")]) == []


@pytest.mark.parametrize(("blocks", "speaker"), [
    # an unlisted name after a title, the subject just before the pronoun, outranks an older quoted name
    (["东岭银行行长周立平上周表示，利率还会下调。", "另一位知名投资人奥斯特维克也在增持国债。他表示，今年会继续买入。"],
     "奥斯特维克"),
    # a name after 的 (no title) opening the clause before the pronoun
    (["留学生陈家伟说，海外生活让他更关注国内新闻。", "同样，北岭大学的欧阳明最近也换了专业。他表示，如今每天都看新闻。"],
     "欧阳明"),
    # the older name stays when the clause before the pronoun is an adjunct (跟X一样: like X, X is no subject)
    (["学生周明说，当时他在写作业。", "跟同桌小兰一样，他也说，没看见有人动手。"], "周明"),
])
def test_pronoun_takes_the_subject_named_just_before_it(blocks: list[str], speaker: str) -> None:
    """``X表示…。另一位Y（no list names Y）…。他表示…``: the clause subject right before 他/她 is its antecedent."""
    assert extract_quotes([("p", t) for t in blocks])[-1].speaker == speaker


def test_pronoun_after_a_source_named_by_some_is_that_source() -> None:
    """``某高管表示，…。他承认…``: 某 + a role is one unnamed person, the last to speak before the pronoun."""
    blocks = ["东岭电子董事长王立新说，新厂年底投产。", "南岭通讯的某高管透露，芯片供应已经恢复。不过他也承认，成本仍在上升。"]
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", t) for t in blocks])]
    assert got[-1] == ("南岭通讯的某高管", "成本仍在上升")


@pytest.mark.parametrize(("text", "expect"), [
    # a window opened by a function-word surname (那样|承受) after a title word is no name: nobody said it
    ("菌种像宇航员那样漂浮了整整半年，“变异的菌株对酿造很有用。”", []),
    # an anonymised surname (孙某) takes no third character: 孙某|惊问道
    ("班上有个姓孙的学生，同学对孙某说了几句，孙某惊问道：“这是真的吗？”", [("孙某", "这是真的吗？")]),
    # 按照X的说法: the frame's X without the preposition's second character (照专家)
    ("按照东岭大学教授的说法，种子在太空中承受了失重的考验。", [("东岭大学教授", "种子在太空中承受了失重的考验")]),
])
def test_windows_across_words_are_no_names(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_titles_joined_by_and_name_nobody() -> None:
    """``讲师和营养顾问，X医生…：“…”``: 和营养 after the title 讲师 is the next title's start, no person (it
    was the speaker of the quotation). The quotation itself is not attributed: 给出了这样的评价 is no cue."""
    text = "西岭大学的资深讲师和营养顾问，Marta Ruiz-Soler医生对新菜单给出了这样的评价：“搭配很均衡。”"
    assert [q.speaker for q in extract_quotes([("p", text)])] == []


@pytest.mark.parametrize(("text", "expect"), [
    # a preposition-surname right after a role word opens a phrase, not a name: 女患者 asks for help and speaks
    ("换季时，一位老年患者向内科医师咨询，说最近总是失眠。", [("老年患者", "最近总是失眠")]),
    # a zero subject is never the object of the verb opening the clause before the cue (敦促首相马丁)
    ("南岭十多位学者联名致信，敦促市长周平在年底前公开账目，声称拖延只会加剧矛盾。", []),
    # nor a phrase cut inside a document's title (印发《关于…公司|在建工程…》)
    ("两部门印发《关于东岭公司在建工程验收的办法》，称验收将分两步进行。", []),
])
def test_zero_subject_is_no_object_and_no_piece_of_a_title(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "speaker"), [
    # 对/向 + a relative clause + people (对前来咨询的观众): the addressee; the clause's subject speaks
    ("周明在直播里，对前来提问的听众说：“大家别着急。”", "周明"),
    ("东岭市市长李华在会上，向到场的企业代表表示，政府会全力支持。", "李华"),
    # a title, a two-character name and a motion verb (李华|走进): the name has two characters
    ("东岭市市长李华走进会场，对记者说，政府会全力支持。", "李华"),
    # 对 + a topic whose head is no people: the topic phrase is no addressee, the survey speaks
    ("东岭大学对此事的调查显示，多数学生支持改革。", "东岭大学对此事的调查"),
])
def test_addressee_with_a_relative_clause_is_not_the_speaker(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", text)])] == [speaker]


@pytest.mark.parametrize(("blocks", "speaker"), [
    # 他的妻子 / 她的母亲: the relative of the person the pronoun stands for, written as the gold writes 小林母亲
    (["王大妈的儿子李强告诉记者，母亲身体一直很好。他的妻子说，婆婆每天都去公园。"], "李强妻子"),
    (["李强的妻子王芳说，丈夫每天加班。她的母亲则认为，年轻人应该多休息。"], "王芳母亲"),
    # a name introduced once with an age is a person a later pronoun may stand for
    (["张伟今年45岁，是一名出租车司机。", "“每天要跑十二个小时。”他说。"], "张伟"),
    # a relative opening the last clause before the pronoun (previous paragraph), of the pronoun's gender
    (["张伟今年45岁，是一名出租车司机。他的女儿今年刚上大学。", "“爸爸太辛苦了。”她说。"], "张伟女儿"),
])
def test_relatives_through_a_pronoun_and_people_introduced_by_age(blocks: list[str], speaker: str) -> None:
    assert extract_quotes([("p", t) for t in blocks])[-1].speaker == speaker


@pytest.mark.parametrize(("blocks", "speaker"), [
    # a bare office (局长) after its holder was named with it: the holder
    (["东岭市交通局局长刘明在会上介绍了新线路。", "局长表示，新线路将在年底通车。"], "刘明"),
    # a bare role many may hold (专家) stays the role
    (["东岭大学专家王华参加了论证。", "专家表示，新线路将在年底通车。"], "专家"),
])
def test_bare_office_is_its_holder(blocks: list[str], speaker: str) -> None:
    assert extract_quotes([("p", t) for t in blocks])[-1].speaker == speaker


@pytest.mark.parametrize(("blocks", "speaker"), [
    # 该人士: 人士 stands for any unnamed source, the last one quoted within two paragraphs (a 专家, a 人员)
    (["“医保基金不会挪作他用。”东岭医保部门相关专家说。", "该人士还透露，新的结算系统下月上线。"], "东岭医保部门相关专家"),
    # 该负责人: the phrase with that head opening a clause just before, though it spoke no cue (颇为沮丧)
    (["南岭一家基金公司负责人显得很沮丧，“市场信心还没有恢复”，该负责人说，接下来会以观望为主。"], "南岭一家基金公司负责人"),
    # 深感 before an emotion cue (担忧) is no name after the role: the phrase speaks
    (["南岭一家基金公司负责人深感担忧，认为市场信心还没有恢复。"], "南岭一家基金公司负责人"),
])
def test_this_source_refers_to_the_unnamed_source_just_quoted(blocks: list[str], speaker: str) -> None:
    assert extract_quotes([("p", t) for t in blocks])[-1].speaker == speaker


@pytest.mark.parametrize("group", ["大部分入行十年以上的公募老将", "多数做过临床的公募研究员"])
def test_quotation_before_a_described_group_continues_the_speaker_before_it(group: str) -> None:
    """``X表示，…。“Q。” 大部分…的Y经理…``: a group is described after the quotation, no one person is named."""
    text = f"东岭药企研发总监对记者表示，年轻研究员都很敢想。“我们这一代人会更保守。” {group}都愿意尝试新方法。"
    got = [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])]
    assert got[-1] == ("东岭药企研发总监", "我们这一代人会更保守。")


@pytest.mark.parametrize(("text", "speaker"), [
    # a manner (哭着, 摇着头) before the cue is no name; a relative named through a name is written 李明母亲
    ("面对记者，李明的母亲哭着说：“我只想要一个说法。”", "李明母亲"),
    ("听到消息后，王强的父亲摇着头说，这件事没那么简单。", "王强父亲"),
])
def test_relative_of_a_named_person_speaks_with_a_manner(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", text)])] == [speaker]


@pytest.mark.parametrize(("text", "expect"), [
    # 她 for the woman the paragraph marks (赵女士), not the nearer unmarked name that spoke last
    ("东岭大学教授李明和北岭大学副教授赵女士都参加了研讨会。李明认为，房价还会上涨。她则认为，房价会保持稳定。",
     ("赵女士", "房价会保持稳定")),
    # 他 after 另一名员工 (one unnamed source, the last quoted): that source, not nobody
    ("“我们没有收到通知。”东岭公司一名员工说。另一名员工也表示，公司已经三个月没发工资了。他说，大家都很着急。",
     ("员工", "大家都很着急")),
])
def test_pronoun_gender_mark_and_single_source(text: str, expect: tuple[str, str]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])][-1] == expect


@pytest.mark.parametrize(("text", "speaker"), [
    # a title, a two-character name and an adverb (李明|长期): the name has two characters
    ("东岭大学教授李明长期研究城市交通。在他看来，地铁建设还要加快。", "李明"),
    # 他 after an unnamed source quoted in its paragraph since the older name (业内人士认为…。他说)
    ("东岭公司董事长王强在会上表示，公司将加大研发投入。对此，业内人士认为，这一计划过于乐观。他说，研发投入见效很慢。", "业内人士"),
    # but a people or kind of person (年轻人认为) is a group: 他 stays with the named speaker
    ("王明介绍说，按照当地传统，年轻人认为结婚要办酒席。他认为，这个习惯应该改一改。", "王明"),
])
def test_pronoun_after_an_adverb_split_name_or_a_lone_source(text: str, speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", text)])][-1] == speaker


def test_screenwriter_is_a_title_before_a_name() -> None:
    """``…的编剧X一直关注…，他认为``: 编剧 (like 导演, 制片人) introduces a person the pronoun stands for."""
    text = "考古界看法不一。最近热映的纪录片《南岭》的编剧周文远一直关注发掘进展，他认为，古墓还会有新发现。"
    assert [q.speaker for q in extract_quotes([("p", text)])][-1] == "周文远"


@pytest.mark.parametrize(("text", "expect"), [
    # a time after the name (赛后, 会后) is no part of it, nor of the speaker phrase before an interview frame
    ("东岭队队长李强赛后接受采访时说，我们会继续努力。", [("李强", "说")]),
    ("“我们会继续努力。”东岭队队长李强赛后接受采访时说。", [("李强", "说")]),
    # a name then 显得/眼里 after a quotation: the name has two characters
    ("“我们会继续努力。”面对记者的提问，东岭队队长李强显得很平静。", [("李强", None)]),
])
def test_time_or_state_after_a_two_character_name(text: str, expect: list[tuple[str, str | None]]) -> None:
    assert [(q.speaker, q.cue) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    ("东岭市出台规定，要求所有餐馆公示价格。", []),        # the rule issued (出台规定) is a noun, no document speaking
    ("他告诉自己，一定要坚持下去。", []),                # what one tells oneself is no report
    ("张华想告诉大家，自己已经康复了。", []),             # what one wants to say (as 想说)
    ("王芳说自己已经康复了。", [("王芳", "自己已经康复了")]),  # 说自己… still reports
])
def test_issued_rules_self_talk_and_wishes_are_no_reports(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "speaker"), [
    ("东岭公司发言人称，董事长李明已于昨日辞职，李明本人则表示，辞职是出于个人原因。", "李明"),
    ("对于外界的猜测，董事长李明自己也承认，公司遇到了困难。", "李明"),
])
def test_name_himself_is_the_name(text: str, speaker: str) -> None:
    """``X本人`` / ``X自己``: the person himself, named as the gold names him (X)."""
    assert [q.speaker for q in extract_quotes([("p", text)])][-1] == speaker


@pytest.mark.parametrize(("blocks", "speaker"), [
    # a name then a role written after it (陈红医生, 李晓明老师): the person the article names, not the phrase
    (["东岭医院医生陈红介绍了病情。", "陈红医生说，这种病很常见。"], "陈红"),
    (["李晓明在东岭中学教书。", "李晓明老师告诉记者，孩子们进步很大。"], "李晓明"),
    (["东岭医院的陈红医生说，这种病很常见。"], "陈红"),  # after a 的-description, the name alone
    (["在东岭中学任教多年的李晓明老师告诉记者，孩子们进步很大。"], "李晓明"),
    # a word before the role (全科医生), a surname short form (张医生), a department (皮肤科医师) stay as they are
    (["全科医生说，这种病很常见。"], "全科医生"),
    (["张医生说，这种病很常见。"], "张医生"),
])
def test_name_before_a_postposed_role(blocks: list[str], speaker: str) -> None:
    assert [q.speaker for q in extract_quotes([("p", t) for t in blocks])][-1] == speaker


@pytest.mark.parametrize(("text", "expect"), [
    # the occasion (質詢時, 考察时) after a Taiwan date (今（12）日) is no part of the speaker
    ("立委陳美華今（12）日質詢時表示，政府應加強兒少保護。", [("陳美華", "政府應加強兒少保護")]),
    # 總召 (convener) is a title before a name, not a piece of it
    ("南岭黨團總召林志遠受訪時指，預算案會如期審查。", [("林志遠", "預算案會如期審查")]),
])
def test_taiwan_occasions_and_titles(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_person_introduced_by_age_is_the_antecedent() -> None:
    """``今年58岁的周大勇是…``: the age introduces a person; 他说 in a later paragraph is his."""
    blocks = ["今年58岁的周大勇是东岭村的村支书。", "说起村里的变化，周大勇很自豪。", "他说，现在家家户户都通了自来水。"]
    assert [q.speaker for q in extract_quotes([("p", t) for t in blocks])] == ["周大勇"]


def test_age_before_a_kinship_word_names_nobody() -> None:
    """``90岁的母亲``: an age before a kinship word is no name to register."""
    blocks = ["大家最放心不下的是90岁的母亲。", "她说，自己身体还好。"]
    assert [(q.speaker, q.speaker_mention) for q in extract_quotes([("p", t) for t in blocks])] == [(None, "她")]


@pytest.mark.parametrize(("source", "speaker"), [("知情人", "知情人"), ("举报人", "举报人"), ("年轻人", None)])
def test_a_role_one_person_has_is_a_lone_source_and_a_kind_of_person_is_not(source: str, speaker: str | None) -> None:
    """``知情人坦承，“…”他说，“…”``: 知情人 and 举报人 are one person's role in the story, so 他 stands for
    them; 年轻人 is a kind of person (a group), and 他 stays unresolved (review)."""
    text = f"{source}坦承，“这件事早就有人提过。”他说，“物业一直没有回应。”"
    assert [q.speaker for q in extract_quotes([("p", text)])] == [source, speaker]


def test_pronoun_no_name_answers_takes_the_unnamed_source_of_its_paragraph() -> None:
    """``东岭电厂的值班人士坦言，“…”他说，…`` with nobody named: the source quoted in that paragraph."""
    text = "东岭电厂去年冬天满负荷运转。东岭电厂的值班人士坦言，那段时间压力很大，“少发一度电都要挨批评。”他说，电厂毕竟要保供。"
    assert [q.speaker for q in extract_quotes([("p", text)])][-1] == "东岭电厂的值班人士"


@pytest.mark.parametrize(("text", "expect"), [
    # a dateline with the reporter in brackets opens the paragraph; the bureau the reporter learnt from speaks
    ("东岭网讯（记者 王一 通讯员 李二）记者从东岭市公安局获悉，春节期间全市查获违禁物品三吨。",
     [("东岭市公安局", "organization", "春节期间全市查获违禁物品三吨")]),
    # a time word between the reporter and the source (记者日前从X获悉)
    ("记者日前从东岭市公安局获悉，春节期间全市查获违禁物品三吨。",
     [("东岭市公安局", "organization", "春节期间全市查获违禁物品三吨")]),
    # the bracketed date after 今日, then 有网友: the netizens speak, not the date
    ("东岭晚报快讯（记者 王一）今日（3月8日）有网友爆料，东岭路的路灯坏了一周。",
     [("网友", "anonymous", "东岭路的路灯坏了一周")]),
])
def test_datelines_and_sources_the_reporter_learnt_from(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 根据X的年报(可以)发现(到)，…: the named report is the source (Traditional too)
    ("根据东岭市卫生局的年度报告可以发现到，初中生近视的比例逐年上升。",
     [("东岭市卫生局的年度报告", "document", "初中生近视的比例逐年上升")]),
    ("根據東嶺大學的研究發現，多喝水有助於保持專注。", [("東嶺大學的研究", "document", "多喝水有助於保持專注")]),
    # bare figures nobody is named for frame the clause, as 据统计 does
    ("根据数据发现，去年每户平均用水量为十二吨。", []),
])
def test_according_to_a_named_report_found(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a study or compilation clause, then 发现 with no comma: the findings of the office that made the study
    ("东岭市卫生局日前抽检了一批春季外卖，发现多数外卖套餐的盐分超标。",
     [("东岭市卫生局", "发现", "多数外卖套餐的盐分超标")]),
    ("東嶺市衛生局近日抽查了外賣餐點，發現多數套餐的鹽分超標。", [("東嶺市衛生局", "發現", "多數套餐的鹽分超標")]),
    # an act, no study: what someone came upon is no report
    ("民警赶到现场后，发现门锁已被撬开。", []),
    # an institution's act (召开会议) before a subject-less cue: the institution speaks
    ("3月1日，12家银行召开会议，一致表示将扩大对小微企业的贷款。", [("12家银行", "表示", "将扩大对小微企业的贷款")]),
    # 继X高调发布…后 frames the sentence: the subject is the investor of the next clause, not 继X
    ("继东岭基金高调发布公告后，另一名投资人在个人微博发布文字，称已追加五亿。", [("投资人", "称", "已追加五亿")]),
])
def test_zero_subject_after_a_study_or_an_institutions_act(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.cue, q.quote_text) for q in extract_quotes([("p", text)])] == expect


def test_transliterated_name_glossed_in_latin_before_a_title() -> None:
    """``负责实验的卡洛斯(Carlos M.)博士``: the Chinese name, not the whole description."""
    text = "負責該實驗的卡洛斯(Carlos Mendes)博士也表示，睡眠不足會讓人更容易做出衝動的決定。"
    assert [(q.speaker, q.speaker_type, q.speaker_title) for q in extract_quotes([("p", text)])] == \
        [("卡洛斯", "person", ["博士"])]


@pytest.mark.parametrize(("text", "expect"), [
    # 据…发布 / 根据X发布的《…》 with no comma: an act or a title, no content follows
    ("据统计已有数十家企业发布暂停交易的公告。", []),
    ("根据东岭市监管局发布的《投资指引》，机构须向主管部门报备。", []),
    # an inference verb (显示出) opens a clause inside the content: no new speaker, the content runs on
    ("分析人士称，回购本公司股份，显示出经营团队认为，目前股价偏低。",
     [("分析人士", "回购本公司股份，显示出经营团队认为，目前股价偏低")]),
    # a phrase broken off at a symbol is no speaker
    ("东岭的“智慧+”计划，+哪些方向已经明确：集中在三个方面。", []),
    # 发公告称 is a channel like 发布公告称; a date before an unlisted name still lets it open its clause
    ("7月3日东岭汇通发公告称，近期将暂停融券业务。", [("东岭汇通", "近期将暂停融券业务")]),
    # 发布《…》称: the publisher speaks, not the publishing
    ("东岭投资公司5月9日发布《2021年度经营报告》称，去年海外投资回报率为4%。",
     [("东岭投资公司", "去年海外投资回报率为4%")]),
    # a verb before 称 (威胁称, 安慰称) is no unlisted name, even after a date or 并
    ("5月28日卡尔威胁称，若协议被撕毁将另作安排。", []),
])
def test_acts_titles_inferences_and_channels_before_a_cue(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # inside an officer's account, a named person (after an age) goes to report and 称: that person's words
    ("东岭派出所的赵警官向记者介绍，3月2日，68岁的钱大爷由女儿陪着来派出所报案，称被骗走了五万元。",
     [("东岭派出所的赵警官", "3月2日，68岁的钱大爷由女儿陪着来派出所报案"), ("钱大爷", "被骗走了五万元")]),
    # no person opens the clause in between: the first speaker goes on (并称 after a company or a pronoun)
    ("东岭公司董事长李明表示，公司今年的业绩很好，并称明年还将扩大生产。",
     [("李明", "公司今年的业绩很好"), ("李明", "明年还将扩大生产")]),
    ("李明介绍，他上周来到公司，称自己被骗了。", [("李明", "他上周来到公司"), ("李明", "自己被骗了")]),
])
def test_subjectless_cue_after_a_person_told_of_is_that_persons(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "speaker"), [
    ("东岭学院一位男生兴奋地说：“这场演出让我很难忘。”", "东岭学院一位男生"),  # an institution, 一位 and any noun
    ("会场外的一名男生说，演出很精彩。", "会场外的一名男生"),
])
def test_numeral_and_people_classifier_make_an_unnamed_person(text: str, speaker: str) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == [(speaker, "anonymous")]


@pytest.mark.parametrize(("text", "expect"), [
    ("次日上午，东岭证券即表示，暂不调整客户的保证金比例。", [("东岭证券", None)]),  # 即 (at once) is an adverb
    ("东岭公司立即表示，将全力配合调查。", [("东岭公司", None)]),
    ("东岭公司回复记者称，新店将在下月开业。", [("东岭公司", "记者")]),  # 回复 + addressee, like 回应/答复
    ("东岭厂焊接班班长、高级技师阎立说，大家会再接再厉。", [("阎立", None)]),  # 阎, a surname (as 闫)
    ("也有不少学子表示，留学以后更关注家乡新闻。", [("学子", None)]),  # students, an unnamed group
])
def test_adverb_at_once_reply_to_a_surname_and_students(text: str, expect: list[tuple[str, str | None]]) -> None:
    assert [(q.speaker, q.addressee) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a statement written right after its issuer (X公告称, X声明称): the organisation, as the gold names it;
    # 公告 is no surname and given name
    ("东岭公司公告称，公司股票将于明日复牌。", [("东岭公司", "organization")]),
    ("东岭公司声明称，公司对此深表歉意。", [("东岭公司", "organization")]),
    ("东岭公司的公告指出，公司股票将于明日复牌。", [("东岭公司的公告", "document")]),  # X的公告 stays the document
    ("回复函称，涉事员工已被停职。", [("回复函", "document")]),  # a letter of reply is a document
    ("报告里写道，部分地区的失业率有所上升。", [("报告", "document")]),  # 报告里 as 报告中
])
def test_statements_issued_by_an_organisation_and_letters(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 在Y上发表论文称: the researchers speak, the publication is how
    ("东岭大学的研究人员在《自然》杂志上发表论文称，睡眠不足会影响记忆。", [("东岭大学的研究人员", "anonymous")]),
    # …的报导中提到 (Traditional 報導): the outlet, as …的报道中
    ("東嶺電視台的報導中提到，七成受訪者支持新政策。", [("東嶺電視台", "media")]),
    ("报道中提到，七成受访者支持新政策。", [("媒体", "media_unnamed")]),  # an unnamed outlet
])
def test_papers_published_and_reports_in_traditional(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "content"), [
    # the statement itself talked about (这一表态, 这番话) is the reporter's comment, not the content
    ("东岭交易所发言人昨晚称将暂缓新股发行，这一表态来得太晚。", "将暂缓新股发行"),
    ("李明表示，公司将扩大生产，这番话让员工们很振奋。", "公司将扩大生产"),
    # 这将… goes on with the speaker's own words; so does 这种话 about someone else's words
    ("李明表示，公司将扩大生产，这将有利于当地就业。", "公司将扩大生产，这将有利于当地就业"),
    ("王芳感叹，没想到至今还有人这样发言，这种话会伤害病人。", "没想到至今还有人这样发言，这种话会伤害病人"),
])
def test_content_ends_where_the_statement_itself_is_talked_about(text: str, content: str) -> None:
    assert [q.quote_text for q in extract_quotes([("p", text)])] == [content]


@pytest.mark.parametrize(("text", "expect"), [
    # 观察到，… reports a finding (as 发现); the first content stops before the semicolon that precedes it
    ("一名患者坚称自己从未漏服药物，却依然觉得乏力；门诊医生观察到，近来门诊里这类病例多了两成。",
     [("患者", "自己从未漏服药物，却依然觉得乏力"), ("门诊医生", "近来门诊里这类病例多了两成")]),
    ("东岭环保协会期望，所有工程都采用新标准。", [("东岭环保协会", "所有工程都采用新标准")]),  # 期望 as 希望
    ("他期望能早日康复。", []),  # a weak cue needs its comma
])
def test_observed_and_hoped_are_weak_cues(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a surname character, then an office's name (卫生署, 林务局): an organisation, not a person
    ("據衛生署統計，去年有三成市民患流感。", [("衛生署", "organization")]),
    ("林務局表示，步道將在颱風過後重新開放。", [("林務局", "organization")]),
])
def test_office_names_that_open_with_a_surname_are_organisations(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 《X》中明确/里规定: the titled document speaks, 中/里 is where in it
    ("《东岭社区托育管理细则》中明确，托育机构每班不超过二十名幼儿。", [("东岭社区托育管理细则", "document")]),
    ("《东岭渔港管理条例》里规定，休渔期内渔船一律不得出港。", [("东岭渔港管理条例", "document")]),
    # a relative clause before a document head (X所进行的调查, X获得的数据): the document speaks
    ("东岭区教育局所进行的课后托管调查显示，八成家长愿意付费。",
     [("东岭区教育局所进行的课后托管调查", "document")]),
    ("南岭大学获得的水文数据表明，湖面水位连续五年下降。", [("南岭大学获得的水文数据", "document")]),
])
def test_documents_named_by_title_or_relative_clause(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a station's programme (X之声《Y》) reports: the outlet, with its programme
    ("据东岭之声《清晨时光》报道，环城快速路将于下月通车。", [("东岭之声清晨时光", "media")]),
    ("东岭之声报道，环城快速路将于下月通车。", [("东岭之声", "media")]),
    # a dateline ending in 讯 with a date, or a bracketed column tag, before the frame
    ("南岭财经3月8日讯 据东岭晨报3月8日报道，东岭港货运量创下新高。", [("东岭晨报", "media")]),
    ("【《南岭周刊》综合报道】据东岭市市场监管局网站消息，三批次奶粉抽检不合格。",
     [("东岭市市场监管局网站", "document")]),
    # 最新 before the frame's verb is when, not part of the source (X的最新统计 keeps it: the document's word)
    ("据东岭县水利部门最新通报的消息，山洪造成两座桥梁受损。", [("东岭县水利部门", "organization")]),
])
def test_outlets_programmes_and_datelines_before_frames(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # a post-posed quotation closed by a channel cue (发表声明称。): the company that issued it, unlisted or not
    ("“理赔款将在七日内到账。”6月2日，东岭财险发布声明称。", [("东岭财险", "理赔款将在七日内到账。")]),
    ("“理赔款将在七日内到账。”6月2日，东岭财险称。", []),  # a plain cue needs its comma for an unlisted name
])
def test_post_posed_quotation_of_an_unlisted_company_by_channel_cue(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.quote_text) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 中/里/上 after any document head (通知中, 资料上, 官网上): where in the document, the document speaks
    ("东岭县卫生局的通知里明确规定：乡镇诊所不得自行加价。", [("东岭县卫生局的通知", "document")]),
    ("南岭乳业官网上显示，这款奶粉已经停售。", [("南岭乳业官网", "document")]),
    # 资料上说，…: what the document says (the framing 从统计上说/从理论上说 stays no attribution)
    ("这款眼药水的资料上说，疗程一般为两周。", [("这款眼药水的资料", "document")]),
    ("从统计上说，这一差异并不显著。", []),
])
def test_where_in_a_document_is_no_part_of_its_name(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 就/对 inside a title or a word (《…对外贸易报告》, 就业数据) is no topic to cut the speaker at
    ("《南岭对外贸易年度报告》显示，出口额增长了一成。", [("南岭对外贸易年度报告", "document")]),
    ("南岭就业数据显示，九成毕业生已签约。", [("南岭就业数据", "document")]),
    ("李建华就此事表示，公司会尽快回应。", [("李建华", "person")]),  # 就此事 stays a topic
    # X(昨日)发布公报称 / 下发通知称: the office speaks through it, as X发布公告称
    ("南岭市统计局昨日发布公报称，全市常住人口略有增加。", [("南岭市统计局", "organization")]),
    ("南岭市教育局下发通知称，全市中小学推迟一周开学。", [("南岭市教育局", "organization")]),
    # a document head that opens with a surname character (白皮书) is no name
    ("南岭省政府发表的白皮书指出，全省森林覆盖率持续提高。", [("南岭省政府发表的白皮书", "document")]),
    # slips and certificates a hospital or a court issues are documents
    ("南岭医院的化验单显示，患者的血糖明显偏高。", [("南岭医院的化验单", "document")]),
])
def test_document_names_titles_and_issuers(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 根据/据 + a report or figures someone published, no speech verb: the document is the source
    ("根据南岭统计局的数据，全市常住人口略有增加。", [("南岭统计局的数据", "document", "根据")]),
    ("根據南嶺衛生署的調查，六成受訪者每天運動。", [("南嶺衛生署的調查", "document", "根據")]),
    ("根据《南岭青年就业报告》，九成毕业生已签约。", [("南岭青年就业报告", "document", "根据")]),
    # 据X报告 with an organisation X: the verb, the organisation reports
    ("据南岭第五次极地考察队报告，考察船已安全返航。", [("南岭第五次极地考察队", "organization", "报告")]),
    # bare figures, rules and laws after 根据 frame the clause: no record
    ("根据调查，六成受访者每天运动。", []),
    ("根据有关数据，六成受访者每天运动。", []),
    ("根据《南岭市道路交通条例》，电动车不得载人。", []),
])
def test_reports_and_figures_after_according_to(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.cue) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # X引述Y報導 (Traditional 报导 as 报道): Y is the source, X relays
    ("東嶺通訊社引述消息人士報導，該公司將裁員一成。", [("消息人士", "anonymous")]),
    # a document word after a title (评论员文章) is no given name
    ("南岭日报评论员文章指出，旧城改造不能一拆了之。", [("南岭日报评论员文章", "document")]),
    # X发表社论/评论/讲话 + speech verb: X speaks (发表 before 评论说 is the act, not part of the name)
    ("南岭日报发表社论称，旧城改造不能一拆了之。", [("南岭日报", "media")]),
    ("南岭通讯社发表评论说，旧城改造不能一拆了之。", [("南岭通讯社", "media")]),
    ("南岭市长陈立新发表讲话说，旧城改造不能一拆了之。", [("陈立新", "person")]),
    ("换句话说，旧城改造不能一拆了之。", []),  # the framing stays no attribution
])
def test_editorials_speeches_and_relayed_reports(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 据/根据 before a document is the frame, no part of its name
    ("据报告显示，全省森林覆盖率持续提高。", [("报告", "document")]),
    # 据X发布的数据，…: the published figures, named whole (as with 显示 after them)
    ("据南岭统计局发布的数据，全市常住人口略有增加。", [("南岭统计局发布的数据", "document")]),
    ("南岭统计局公布的数字显示，全市常住人口略有增加。", [("南岭统计局公布的数字", "document")]),
    # a numeral with no classifier opens a brand or a share, not a count of people
    ("根据五岳公布的数据，新机型出货量突破百万。", [("五岳公布的数据", "document")]),
    ("在另一项调查中，六成受访者表示每天锻炼。", [("六成受访者", "anonymous")]),
    ("两位受访者表示，他们每天锻炼。", [("受访者", "anonymous")]),  # 两位 still counts people
])
def test_frames_brands_and_shares_before_sources(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # an outlet written in quotation marks (台湾“X报”) or its website (《X》网站) is the outlet
    ("南岭“东岭晨报”报道，渡轮将于下月停航。", [("东岭晨报", "media", "报道")]),
    ("美国《东岭邮报》网站11日报道说，渡轮将于下月停航。", [("美国东岭邮报网站", "media", "报道说")]),
    ("网友“晨光小鹿”说，渡轮将于下月停航。", [("晨光小鹿", "person", "说")]),  # a nickname stays a person
    # the outlet relays a report named in its first clause, even when a quotation mark splits that clause
    ("据南岭《东岭晨报》报道，刚刚出炉的“2023年度渡轮安全运营指数”报告指出，三成渡轮超期服役。",
     [("报告", "document", "指出")]),
    # 了解 opens a relative clause (了解内情的人士), it is no perfective 了
    ("据了解内情的人士说，渡轮将于下月停航。", [("了解内情的人士", "anonymous", "说")]),
])
def test_outlets_in_quotation_marks_websites_and_relayed_reports(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.cue) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # 美联储 is a central bank (not 美联社), 旅行社/合作社 are no outlets
    ("美联储宣布，基准利率维持不变。", [("美联储", "organization")]),
    ("美联社报道，基准利率维持不变。", [("美联社", "media")]),
    ("南岭的青鸟旅行社表示，春节线路已经订满。", [("南岭的青鸟旅行社", "organization")]),
    # 正如 before an outlet's report is a connective, no part of the outlet's name
    ("正如《南岭商报》近日报道，散户正在离场。", [("南岭商报", "media")]),
])
def test_banks_travel_agencies_and_as_reported(text: str, expect: list[tuple[str, str]]) -> None:
    assert [(q.speaker, q.speaker_type) for q in extract_quotes([("p", text)])] == expect


@pytest.mark.parametrize(("text", "expect"), [
    # X援引Y的话报道说 / X转载Y的报道称: Y is the source, X relays
    ("南岭通讯社援引一名海关官员的话报道说，走私船已被扣押。", [("海关官员", "anonymous", "南岭通讯社")]),
    ("南岭网转载东岭晨报的报道称，走私船已被扣押。", [("东岭晨报", "media", "南岭网")]),
    ("南岭网转载东岭晨报的长文，读者纷纷留言。", []),  # a reprint with no speech verb is no attribution
])
def test_relays_that_report_and_reprint(text: str, expect: list[tuple[str, str, str]]) -> None:
    assert [(q.speaker, q.speaker_type, q.relayed_by) for q in extract_quotes([("p", text)])] == expect
