"""Syndication detection: content hash for exact reprints, one-permutation MinHash + LSH bands for near
copies.

The articles below were written for these tests (no corpus text): a city greenway story, its reprints,
and an unrelated story about a school robotics club.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

import pytest

from newscrawler.common import fingerprints as syn
from pipelines.syndication import (
    BANDS,
    NEAR_COPY_THRESHOLD,
    NUM_PERM,
    ROWS,
    SHINGLE,
    band_keys,
    content_hash,
    estimate_jaccard,
    is_near_copy,
    minhash,
    normalise_for_hash,
    shingles,
)

from .conftest import REPO

LEAD = (
    "本报讯 记者从青川市园林绿化局获悉，全长26公里的沿江绿道日前完成最后一段施工，将于本月底全线向市民开放。"
    "这条绿道串联起老城区的码头遗址、城东湿地公园和新区的体育中心，沿途新设驿站9处、观景平台14个，"
    "市民步行或骑行都能一路看到江景。"
)
BODY = [
    "据介绍，沿江绿道工程于前年春天启动，分三期推进。一期工程主要改造老城区段的防洪堤，把原本封闭的堤顶"
    "改造成宽约六米的慢行道路；二期工程打通了城东湿地与老码头之间长期中断的岸线；三期工程则重点建设新区段"
    "的配套设施，包括公共卫生间、直饮水点和自行车维修站。",
    "“过去想到江边散步，要绕好几个路口，还常常走到一半就没路了。”家住滨江社区的退休教师周大爷说，绿道修通"
    "以后，他每天清晨都会和老伙伴们沿着江边走上一个来回，“空气好，心情也好”。在城东湿地段，记者看到不少家长"
    "带着孩子观察水鸟。湿地管理人员介绍，今年冬季已经记录到白鹭、苍鹭和野鸭等二十多种鸟类，比去年同期多了"
    "五种。",
    "为了兼顾防洪安全与休闲功能，设计团队在低洼路段采用了透水铺装和可淹没式护栏，汛期江水上涨时，部分步道"
    "允许短时过水，退水后经简单清理即可恢复通行。园林部门还在绿道沿线补种了乌桕、水杉和芦苇等本地植物，既能"
    "固土护坡，也为鸟类提供了栖息空间。",
    "绿道建设还引入了不少“智慧”元素。每个驿站都安装了客流监测设备和应急呼叫按钮，管理人员可以在指挥中心实时"
    "查看各路段的人流情况；沿线的智能路灯会根据行人多少自动调节亮度，遇到大雾天气还能通过显示屏提醒骑行者减速"
    "慢行。工程总投资约3.8亿元，其中一部分来自省级生态修复专项资金。",
    "青川市园林绿化局相关负责人表示，绿道开放后将实行分时段管理，早晚高峰鼓励步行和骑行通勤，夜间22点后部分"
    "照明将调暗，以减少对野生动物的干扰。下一步，该市还计划把绿道向上游延伸至古镇景区，并与城市公交站点做好"
    "接驳，让更多市民“出门见绿、抬脚进园”。",
]
TAIL = (
    "据了解，全线开放当天，绿道沿线将举办健步走、亲子自然课堂和非遗手作市集等活动，市民可通过“青川发布”"
    "APP或微信公众号提前预约参加。"
)
ORIGINAL = "\n\n".join([LEAD, *BODY, TAIL])

# The same words, re-laid-out by another portal: one paragraph per line with indents, half-width
# punctuation, 「」 quotes, full-width digits and letters, stray spaces.
RELAYOUT = "\n".join(
    "　　" + p.replace("，", ", ").replace("。", ". ").replace("“", "「").replace("”", "」")
    for p in [LEAD.replace("26", "２６").replace(" ", "\u3000"), *BODY, TAIL.replace("APP", "ａｐｐ")]
)

# A reprint with a 来源 line, an editor line, and the last paragraph trimmed.
TRIMMED = "\n".join(["来源：青川日报", LEAD, *BODY, "（责任编辑：李明远）"])

# A reprint whose portal rewrote the lead paragraph.
NEW_LEAD = "\n".join(
    [
        "青川网讯（通讯员 王芳）市民期待已久的沿江绿道终于要全线贯通了！记者昨日在施工现场看到，最后一段"
        "木栈道已经铺设完毕，工人们正在安装路灯和指示牌。",
        *BODY,
        TAIL,
        "编辑：赵晓晨",
    ]
)

UNRELATED = "\n".join(
    [
        "在刚刚结束的全省青少年机器人挑战赛上，来自石门县第二中学的“星火”机器人社团获得高中组一等奖，这也是该县"
        "学生第一次在这项赛事中拿到最高奖项。比赛要求参赛队伍在规定时间内让自制机器人完成搬运、识别和避障等一系列任务。",
        "社团指导老师陈静告诉记者，队伍里的六名学生都是高二年级的住校生，大家利用周末和晚自习后的时间练习编程、"
        "调试电机。为了提高机器人抓取物块的成功率，学生们先后修改了十几版机械爪的结构，最后用废旧的塑料尺和橡皮筋"
        "做出了一个轻便又稳定的方案。",
        "队长林小雨说，最紧张的是决赛最后一轮，机器人在识别彩色标记时连续两次出现误判，队员们只能在两分钟的暂停"
        "时间里重新校准传感器。“当时手都在抖，但我们平时练过很多次突发情况，所以还是稳住了。”最终，队伍以比第二名"
        "多出十二分的成绩夺冠。",
        "记者在实验室看到，墙上贴满了学生们手绘的设计草图和比赛计分表，角落里堆放着几台拆开的旧机器人。高二学生"
        "吴昊说，刚加入社团时他连最简单的循环语句都写不明白，是学长们一行一行带着他调试代码。“现在我负责机器人的"
        "视觉识别模块，看到自己写的程序能让机器人准确找到目标，成就感特别强。”不少家长起初担心参加社团会影响学习"
        "成绩，但一年下来，社团成员的期末平均分反而有所提高，学校也因此把活动时间固定了下来。",
        "石门县第二中学校长黄建国介绍，学校三年前开始建设创客实验室，陆续购置了三维打印机、激光切割机和开源电子"
        "套件，每周开设两节兴趣课程，目前已有一百多名学生参与。学校还与县职业技术学校合作，请专业老师定期来校指导"
        "焊接和电路设计。",
        "县教育局有关负责人表示，将以这次获奖为契机，推动更多乡镇学校开设科技类社团课程，并计划在明年暑假举办全县"
        "青少年科技夏令营，邀请高校教师和工程师为孩子们授课。对于即将代表全省参加全国比赛的“星火”社团来说，接下来"
        "的两个月还有不少功课要做，队员们已经开始研究新的比赛规则。",
    ]
)

PINNED_SIGNATURES = "cd87b46f1d1b55e48fc724e3c524ec8d210fc7f94fe20a39e834ad1db1b99563"
"""sha256 of the packed signatures of ORIGINAL and 今天天气很好 (see test_signature_values_are_pinned)."""
KEY_RE = re.compile(r"(\d+):([0-9a-f]{16})")


def _signature(text: str) -> list[int]:
    sig = minhash(text)
    assert len(sig) == NUM_PERM
    return sig


def test_texts_are_the_sizes_the_tests_assume() -> None:
    assert 750 <= len(normalise_for_hash(ORIGINAL)) <= 900
    assert 0.8 <= len(normalise_for_hash(UNRELATED)) / len(normalise_for_hash(ORIGINAL)) <= 1.2


# --------------------------------------------------------------------------- normal form, content hash


def test_normalise_drops_layout_punctuation_and_symbols() -> None:
    text = " 　Ｈｅｌｌｏ，\n世界！\u200b２０２４年…【转载】 ★ 100% 😀\t"
    assert normalise_for_hash(text) == "hello世界2024年转载100"


def test_normalise_keeps_letters_digits_and_hanzi_in_order() -> None:
    assert normalise_for_hash("第3季度GDP增长5.2%") == "第3季度gdp增长52"
    assert normalise_for_hash("") == ""
    assert normalise_for_hash("，。！？ \n\t——") == ""


def _plain_normal_form(text: str) -> str:
    """The documented normal form, computed the obvious way."""
    kept = "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] not in "PSZC")
    return kept.lower()


def test_fast_normal_form_is_the_plain_one_for_every_bmp_character() -> None:
    for start in range(0, 0x10000, 0x1000):
        block = [chr(cp) for cp in range(start, start + 0x1000)]
        assert [normalise_for_hash(c) for c in block] == [_plain_normal_form(c) for c in block], hex(start)


def test_fast_normal_form_is_the_plain_one_where_neighbours_compose() -> None:
    # marks after full-width forms (＝ + U+0338 composes to ≠), conjoining and compatibility jamo, halfwidth
    # kana with a voiced mark, Indic two-part vowels, final sigma, invisible format characters
    pool = list("＝<>\u0338\u0301\u0308\u200b，。각가e①㈱ﬁ¨Ａａ한\u1100\u1161\u11a8\u0b47\u0b3e\u0f73क\u093c"
                "ㄱㅏİẞΣσς\u0345\u3099かｶﾞ雨 \n")
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 10)))
        assert normalise_for_hash(text) == _plain_normal_form(text), ascii(text)
    assert normalise_for_hash("＝\u0338") == "" and normalise_for_hash("ㄱㅏ") == "가"
    assert normalise_for_hash(ORIGINAL) == _plain_normal_form(ORIGINAL)


def test_only_marks_and_conjoining_jamo_compose_with_the_character_before() -> None:
    # The fast path treats every other character as NFKC quick-check Yes; a canonical pair (x, y) whose
    # second y were anything else would make it wrong. (Hangul syllables compose algorithmically, from jamo.)
    seconds = set()
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            seconds.add(chr(int(parts[1], 16)))
    assert seconds and all(syn._combines(c) for c in seconds)
    assert not any(syn._combines(c) for c in "雨ａ가,，ｶ")


def test_content_hash_is_sha256_of_the_normal_form() -> None:
    assert content_hash(ORIGINAL) == hashlib.sha256(normalise_for_hash(ORIGINAL).encode("utf-8")).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(ORIGINAL))


def test_relayout_reprint_has_the_same_content_hash() -> None:
    assert RELAYOUT != ORIGINAL
    assert content_hash(RELAYOUT) == content_hash(ORIGINAL)


def test_changed_wording_changes_the_content_hash() -> None:
    assert content_hash(ORIGINAL.replace("驿站9处", "驿站10处")) != content_hash(ORIGINAL)
    assert content_hash(TRIMMED) != content_hash(ORIGINAL)


# --------------------------------------------------------------------------- shingles


def test_shingles_are_blake2b_of_character_kgrams_of_the_normal_form() -> None:
    expected = {
        int.from_bytes(hashlib.blake2b(g.encode("utf-32-le"), digest_size=8).digest(), "little")
        for g in ("沿江绿道", "江绿道开", "绿道开放")
    }
    assert shingles("沿江，绿道\n开放。") == expected
    assert all(0 <= x < 1 << 64 for x in expected)


def test_shingles_of_short_empty_and_repeated_texts() -> None:
    assert shingles("") == set()
    assert shingles("。 \n") == set()
    whole = int.from_bytes(hashlib.blake2b("新闻".encode("utf-32-le"), digest_size=8).digest(), "little")
    assert shingles("新闻") == {whole}
    assert shingles("新 闻！") == {whole}
    assert len(shingles("新闻报道")) == 1
    # 新闻报道, 闻报道新, 报道新闻, 道新闻报, then 新闻报道 again: a repeated 4-gram counts once
    assert len(shingles("新闻报道新闻报道")) == 4
    assert len(shingles("新闻报道", k=2)) == 3
    with pytest.raises(ValueError):
        shingles("新闻", k=0)


# --------------------------------------------------------------------------- one-permutation MinHash signature


def _probe_key(i: int, j: int) -> int:
    digest = hashlib.blake2b(f"newscrawler.syndication/oph-probe/{i}/{j}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def _documented_signature(text: str) -> list[int]:
    """The module docstring's definition, written out here independently of the module's code."""
    minima: dict[int, int] = {}
    for x in shingles(text):
        b, v = x >> 57, x % (1 << 57)
        minima[b] = min(v, minima.get(b, v))
    if not minima:
        return []
    signature = []
    for i in range(NUM_PERM):
        if i not in minima:
            order = sorted((j for j in range(NUM_PERM) if j != i), key=lambda j: (_probe_key(i, j), j))
            i = next(j for j in order if j in minima)
        signature.append(minima[i])
    return signature


def _random_texts() -> list[str]:
    rng = random.Random(20240417)
    texts = [ORIGINAL, UNRELATED, TRIMMED, "雨" * 40, "甲乙丙丁" * 30, "新闻", "新闻联播", "今天天气很好"]
    for length in (5, 12, 40, 130, 300, 1100, 3000):
        alphabet = [chr(0x4E00 + rng.randrange(3000 if length % 2 else 40)) for _ in range(200)]
        texts.append("".join(rng.choice(alphabet) for _ in range(length)))
    return texts


def test_signature_length_and_range() -> None:
    sig = _signature(ORIGINAL)
    assert all(isinstance(v, int) and 0 <= v < 1 << 57 for v in sig)
    assert len(set(sig)) > NUM_PERM * 9 // 10  # ~800 shingles fill nearly every bin with its own minimum


def test_empty_and_punctuation_only_texts_have_no_signature() -> None:
    assert minhash("") == []
    assert minhash(" \n。，！") == []
    assert band_keys(minhash("")) == []
    assert syn._minhash_reference([]) == []


def test_signature_is_the_documented_definition() -> None:
    # minhash (one pass over the digests), the module's plain reference and the docstring written out
    # here all agree: short texts (mostly borrowed values), long ones, and texts with repeated 4-grams.
    for text in _random_texts():
        expected = _documented_signature(text)
        assert syn._minhash_reference(shingles(text)) == expected, len(text)
        assert minhash(text) == expected, len(text)


def test_signature_is_exact_at_bin_boundaries() -> None:
    # Shingle ints at the edges of a bin, several in one bin, repeats, and all in a single bin.
    mask = (1 << 57) - 1
    rng = random.Random(7)
    values = [rng.getrandbits(64) for _ in range(300)]
    values += [0, mask, 1 << 57, (1 << 57) + 1, (5 << 57) | mask, (5 << 57) + 3, (127 << 57), (1 << 64) - 1]
    for case in (values, values + values[:50], [(9 << 57) + v for v in (40, 7, 300)], [(1 << 64) - 1]):
        blob = b"".join(v.to_bytes(8, "little") for v in case)
        assert syn._signature(blob) == syn._minhash_reference(case)
    signature = syn._signature(b"".join(v.to_bytes(8, "little") for v in values))
    assert signature[0] == 0 and signature[1] == 0 and signature[5] == 3 and signature[127] == 0


def test_probe_orders_are_fixed_permutations_of_the_other_bins() -> None:
    orders = [syn._probe_order(i) for i in range(NUM_PERM)]
    for i, order in enumerate(orders):
        assert sorted(order) == [j for j in range(NUM_PERM) if j != i]
    assert orders[0] == tuple(sorted(range(1, NUM_PERM), key=lambda j: (_probe_key(0, j), j)))
    assert len({order[0] for order in orders}) > NUM_PERM // 2  # each bin has its own order, not one shared


def test_signature_values_are_pinned() -> None:
    # The stored format: a change here invalidates every archived signature and needs a migration.
    tiny = minhash("雨")
    assert tiny == [int.from_bytes(hashlib.blake2b("雨".encode("utf-32-le"), digest_size=8).digest(),
                                   "little") % (1 << 57)] * NUM_PERM
    packed = b"".join(v.to_bytes(8, "little") for v in minhash(ORIGINAL) + minhash("今天天气很好"))
    assert hashlib.sha256(packed).hexdigest() == PINNED_SIGNATURES


def test_few_shingles_fill_the_whole_signature_from_their_own_bins() -> None:
    text = "沿江绿道日前完成最后一段施工将于本月底全线向市民开放"  # 25 shingles: most bins are empty
    minima: dict[int, int] = {}
    for x in shingles(text):
        minima[x >> 57] = min(x % (1 << 57), minima.get(x >> 57, 1 << 57))
    assert NUM_PERM - len(minima) > 100
    sig = _signature(text)
    assert set(sig) == set(minima.values())  # every non-empty bin keeps its minimum, borrowed values are those
    for i, v in enumerate(sig):
        lender = i if i in minima else next(j for j in syn._probe_order(i) if j in minima)
        assert v == minima[lender]
    # the borrowing spreads over the lenders rather than piling onto one
    assert max(sig.count(v) for v in set(sig)) < NUM_PERM // 4


def test_tiny_texts_have_full_signatures() -> None:
    one = _signature("雨")
    assert one == _signature(" 雨。")
    assert one != _signature("雪")
    assert len(set(one)) == 1  # one shingle: every bin borrows its value
    assert estimate_jaccard(_signature("新闻联播"), _signature("新闻联播")) == 1.0


@pytest.mark.parametrize(("a", "b"), [("雨", "雪"), ("新闻联播", "天气预报"), ("今天天气很好", "明天天气很好"),
                                      ("沿江绿道开放", "沿江绿道关闭"), ("本报讯记者", "本报讯通讯员")])
def test_different_tiny_texts_do_not_look_like_copies(a: str, b: str) -> None:
    # densified signatures of a few shingles: the estimate stays near the true Jaccard (here 0 to 0.5)
    sa, sb = shingles(a), shingles(b)
    true = len(sa & sb) / len(sa | sb)
    estimate = estimate_jaccard(_signature(a), _signature(b))
    assert true <= 0.5 and estimate < NEAR_COPY_THRESHOLD and abs(estimate - true) < 0.15
    assert not is_near_copy(_signature(a), _signature(b))


def test_signature_is_the_same_in_another_process_with_another_hash_seed() -> None:
    code = (
        "import json, sys\n"
        "from pipelines.syndication import band_keys, content_hash, minhash, shingles\n"
        "out = []\n"
        "for text in json.loads(sys.stdin.read()):\n"
        "    sig = minhash(text)\n"
        "    out.append({'sig': sig, 'keys': band_keys(sig), 'hash': content_hash(text),"
        " 'shingles': sorted(shingles(text))})\n"
        "print(json.dumps(out))\n"
    )
    texts = [ORIGINAL, "今天天气很好", "雨"]  # long, and short ones whose bins borrow along the probe orders
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        timeout=60,
        check=True,
    )
    for text, other in zip(texts, json.loads(proc.stdout), strict=True):
        sig = minhash(text)
        assert other["sig"] == sig
        assert other["keys"] == band_keys(sig)
        assert other["hash"] == content_hash(text)
        assert other["shingles"] == sorted(shingles(text))


def test_estimate_tracks_the_true_jaccard_over_many_pairs() -> None:
    # Made-up texts of random characters with a stretch replaced: true Jaccard from ~0 to 1.
    rng = random.Random(11)

    def chars(n: int) -> str:
        return "".join(chr(0x4E00 + rng.randrange(6000)) for _ in range(n))

    errors = []
    for _ in range(60):
        base = chars(rng.choice([120, 600, 2000]))
        size = rng.randrange(len(base))
        start = rng.randrange(len(base) - size + 1)
        copy = base[:start] + chars(size) + base[start + size :]
        a, b = shingles(base), shingles(copy)
        true = len(a & b) / len(a | b)
        estimate = estimate_jaccard(_signature(base), _signature(copy))
        errors.append(abs(estimate - true))
        if abs(true - NEAR_COPY_THRESHOLD) > 0.15:
            assert (estimate >= NEAR_COPY_THRESHOLD) == (true >= NEAR_COPY_THRESHOLD), (true, estimate)
    assert sum(errors) / len(errors) < 0.04
    assert max(errors) < 0.15


# --------------------------------------------------------------------------- copies and non-copies


def test_relayout_reprint_has_the_same_signature() -> None:
    assert _signature(RELAYOUT) == _signature(ORIGINAL)


@pytest.mark.parametrize("copy", [TRIMMED, NEW_LEAD], ids=["source-line-trimmed-tail", "rewritten-lead"])
def test_near_copy_is_detected_and_shares_a_band(copy: str) -> None:
    original, reprint = _signature(ORIGINAL), _signature(copy)
    assert content_hash(copy) != content_hash(ORIGINAL)
    assert estimate_jaccard(original, reprint) >= NEAR_COPY_THRESHOLD
    assert is_near_copy(original, reprint)
    assert is_near_copy(reprint, original)
    assert set(band_keys(original)) & set(band_keys(reprint))


@pytest.mark.parametrize("copy", [TRIMMED, NEW_LEAD], ids=["source-line-trimmed-tail", "rewritten-lead"])
def test_estimate_tracks_the_true_jaccard(copy: str) -> None:
    a, b = shingles(ORIGINAL), shingles(copy)
    true = len(a & b) / len(a | b)
    assert true >= 0.7
    assert abs(estimate_jaccard(_signature(ORIGINAL), _signature(copy)) - true) < 0.12  # ~3 sd at n=128


def test_unrelated_article_is_not_a_copy_and_shares_no_band() -> None:
    original, other = _signature(ORIGINAL), _signature(UNRELATED)
    assert estimate_jaccard(original, other) < 0.2
    assert not is_near_copy(original, other)
    assert not set(band_keys(original)) & set(band_keys(other))
    for copy in (TRIMMED, NEW_LEAD, RELAYOUT):
        assert not set(band_keys(_signature(copy))) & set(band_keys(other))


# --------------------------------------------------------------------------- bands and comparison


def test_band_keys_count_order_and_format() -> None:
    sig = _signature(ORIGINAL)
    keys = band_keys(sig)
    assert len(keys) == BANDS == NUM_PERM // ROWS
    matches = [KEY_RE.fullmatch(k) for k in keys]
    assert all(matches)
    assert [int(m.group(1)) for m in matches if m] == list(range(BANDS))
    assert len(set(keys)) == BANDS


def test_band_key_depends_only_on_its_rows() -> None:
    sig = _signature(ORIGINAL)
    changed = list(sig)
    changed[5 * ROWS + 2] ^= 1  # a row of band 5
    before, after = band_keys(sig), band_keys(changed)
    assert [i for i in range(BANDS) if before[i] != after[i]] == [5]
    rows = sig[5 * ROWS : 6 * ROWS]
    packed = b"".join(v.to_bytes(8, "little") for v in rows)
    assert before[5] == "5:" + hashlib.blake2b(packed, digest_size=8).hexdigest()


def test_band_keys_reject_a_signature_of_the_wrong_length() -> None:
    with pytest.raises(ValueError):
        band_keys([1, 2, 3])


def test_estimate_jaccard_counts_equal_positions() -> None:
    a = list(range(NUM_PERM))
    half = a[: NUM_PERM // 2] + [v + 1000 for v in a[NUM_PERM // 2 :]]
    assert estimate_jaccard(a, a) == 1.0
    assert estimate_jaccard(a, half) == 0.5
    assert estimate_jaccard(a, [v + 1 for v in a]) == 0.0
    assert estimate_jaccard([], []) == 0.0
    assert estimate_jaccard(a, []) == 0.0
    assert estimate_jaccard(a, a[:-1]) == 0.0


def test_near_copy_threshold_is_inclusive() -> None:
    a = list(range(NUM_PERM))
    at_or_above = 84  # 84/128 = 0.656
    below = 83  # 83/128 = 0.648
    assert is_near_copy(a, a[:at_or_above] + [-1] * (NUM_PERM - at_or_above))
    assert not is_near_copy(a, a[:below] + [-1] * (NUM_PERM - below))
    exact = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
    assert is_near_copy(exact, exact[:13] + [0] * 7)  # 13/20 == 0.65 exactly
    assert NEAR_COPY_THRESHOLD == 0.65 and SHINGLE == 4


def test_dedupe_keeps_fingerprints_a_worker_computed_and_computes_missing_ones() -> None:
    from newscrawler.items import Article, ArticleItem
    from pipelines.dedupe import FingerprintArticle

    stage = FingerprintArticle()
    body = LEAD + "（记者 王某）"
    given = ArticleItem(article=Article(url="https://a.example.cn/1.html", title="t", body=body, is_article=True),
                        content_hash="0" * 64, signature=[7] * NUM_PERM)  # not the real values: shows the source
    assert stage.process_item(given).content_hash == "0" * 64 and given.signature == [7] * NUM_PERM
    fresh = ArticleItem(article=Article(url="https://a.example.cn/2.html", title="t", body=body, is_article=True))
    stage.process_item(fresh)
    assert fresh.content_hash == content_hash(body) and fresh.signature == minhash(body)


@pytest.mark.parametrize("text", [LEAD, "", "，。！", "短文", LEAD * 3])
def test_fingerprint_is_content_hash_and_minhash(text: str) -> None:
    assert syn.fingerprint(text) == (content_hash(text), minhash(text))
