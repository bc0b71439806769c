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
lexicon that splits ``深度科技研究院院长张孝荣`` into affiliation, title and name,
speaker lexicons (anonymous sources, media, documents, organisations), and a
small resolver for pronouns and short forms (他, 她, 该人士, 文件) that picks the
nearest compatible antecedent. Matching runs on a length-preserving folded copy
(full-width ASCII to half-width, Traditional to Simplified one character for
one) so offsets always index the stored text. Pure: no I/O, no Scrapy, no SQL.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, cast

SpeakerType = Literal["person", "organization", "media", "media_unnamed", "anonymous", "document", "unspecified"]
QuoteType = Literal["direct", "indirect", "mixed"]
Position = Literal["pre", "post", "split", "none"]

__all__ = ["Quote", "extract_quotes"]


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


class _BlockLike(Protocol):
    """Anything with ``type`` and ``text`` (``newscrawler.items.Block``), read only."""

    @property
    def type(self) -> str: ...

    @property
    def text(self) -> str: ...


# ---------------------------------------------------------------------------
# folding: a same-length copy for matching

_T2S_PAIRS = (
    "據据 報报 導导 說说 稱称 認认 為为 爲为 顯显 強强 調调 談谈 對对 記记 訪访 問问 時时 長长 員员 專专 師师 學学 "
    "會会 經经 濟济 總总 創创 辦办 負负 責责 於于 過过 這这 們们 該该 與与 個个 門门 發发 聲声 聞闻 體体 書书 資资 "
    "數数 聯联 議议 觀观 將将 還还 則则 並并 進进 補补 釋释 佈布 證证 實实 確确 籲吁 態态 寫写 歎叹 嘆叹 質质 駁驳 "
    "評评 譴谴 擊击 讚赞 贊赞 覺觉 預预 計计 測测 擔担 憂忧 現现 網网 臺台 電电 視视 週周 統统 選选 區区 縣县 鎮镇 "
    "義义 務务 處处 廳厅 鄉乡 營营 業业 產产 團团 構构 銀银 協协 講讲 話话 應应 覆复 復复 訴诉 訊讯 聽听 親亲 屬属 "
    "從从 來来 麼么 嗎吗 後后 裡里 裏里 雖虽 當当 間间 號号 簡简 謝谢 賀贺 歡欢 別别 暱昵 職职 謙谦 譽誉 關关 達达 "
    "採采 係系 權权 險险 醫医 護护 療疗 衛卫 術术 農农 鐵铁 運运 輸输 車车 環环 參参 討讨 論论 織织 組组 黨党 軍军 "
    "檢检 審审 費费 價价 貨货 幣币 億亿 萬万 兩两 際际 國国 華华 東东 灣湾 陸陆 兒儿 點点 樣样 樂乐 歷历 傳传 啟启 "
    "開开 閉闭 願愿 僅仅 爾尔 瞭了 見见 覽览 標标 題题 輯辑 編编 訂订 讀读 錄录 準准 備备 驗验 層层 級级 紀纪 綜综 "
    "維维 紅红 線线 絡络 給给 結结 約约 續续 細细 終终 綠绿 績绩 繼继 語语 誤误 諾诺 謂谓 謀谋 譯译 讓让 變变 賣卖 "
    "買买 貿贸 賽赛 購购 贈赠 趕赶 軟软 較较 載载 輕轻 邊边 遠远 適适 遺遗 鄰邻 針针 鋒锋 錢钱 錯错 鍵键 閱阅 隊队 "
    "陽阳 階阶 隨随 隱隐 雙双 雜杂 離离 難难 雲云 靈灵 韓韩 頁页 頂顶 項项 順顺 領领 頭头 頻频 類类 顧顾 風风 飛飞 "
    "館馆 馬马 驅驱 髮发 鬥斗 魚鱼 鳥鸟 麥麦 黃黄 齊齐 齡龄 龍龙 劉刘 張张 陳陈 楊杨 趙赵 吳吴 鄭郑 孫孙 蘇苏 葉叶 "
    "許许 鄧邓 馮冯 韋韦 蕭萧 羅罗 湯汤 鍾钟 閻阎 賴赖 龔龚 譚谭 顏颜 盧卢 歐欧 嚴严 聶聂 賈贾 喬乔 蘭兰 範范 恆恒 "
    "內内 漲涨 劃划 擴扩 壓压 屆届 廣广 廠厂 歲岁 寬宽 寧宁 夠够 奪夺 奮奋 婦妇 寶宝 尋寻 島岛 幫帮 廢废 彈弹 徑径 "
    "徵征 悅悦 惡恶 慣惯 慮虑 憑凭 懷怀 戰战 擁拥 擇择 擬拟 攝摄 敗败 敵敌 斷断 晉晋 曉晓 條条 極极 樓楼 橋桥 機机 "
    "檔档 歸归 殘残 氣气 決决 沒没 況况 淚泪 湧涌 滅灭 滿满 漁渔 漢汉 潔洁 濃浓 災灾 無无 煙烟 熱热 爭争 牆墙 獎奖 "
    "獨独 獲获 畫画 盡尽 監监 盤盘 碼码 禮礼 種种 穩稳 競竞 筆笔 節节 築筑 簽签 糧粮 緊紧 練练 縮缩 罰罚 習习 聖圣 "
    "膽胆 腦脑 興兴 舉举 舊旧 艱艰 藝艺 藥药 虧亏 蟲虫 衝冲 裝装 製制 複复 規规 觸触 託托 設设 診诊 詢询 詳详 誠诚 "
    "誰谁 課课 請请 諸诸 謹谨 識识 豐丰 貝贝 財财 貢贡 貧贫 貴贵 貸贷 賠赔 贏赢 趨趋 跡迹 踐践 軌轨 轉转 迴回 連连 "
    "遊游 違违 郵邮 醜丑 鐘钟 鋼钢 鎖锁 閃闪 閒闲 陣阵 陰阴 隻只 響响 頒颁 養养 餘余 驚惊 鬆松 麵面 衆众 眾众 沖冲 "
    "淨净 傷伤 僱雇 優优 儘尽 兇凶 冊册 劍剑 勞劳 勢势 勵励 卻却 厲厉 員员 啓启 喪丧 單单 圍围 圖图 圓圆 壞坏 壯壮 "
    "壽寿 夢梦 夥伙 媽妈 寫写 峽峡 崗岗 帳账 帶带 幹干 幾几 庫库 彎弯 徹彻 憲宪 懲惩 戲戏 戶户 擠挤 攜携 暫暂 曆历 "
    "櫃柜 殺杀 毀毁 溝沟 滬沪 潛潜 濱滨 灘滩 犧牺 獄狱 異异 盜盗 碩硕 禍祸 稅税 窮穷 竊窃 紛纷 絕绝 絲丝 網网 綱纲 "
    "緣缘 緩缓 緻致 繳缴 罷罢 脅胁 臉脸 臨临 艦舰 蘋苹 虛虚 訓训 訟讼 詞词 試试 誌志 誕诞 豬猪 貓猫 販贩 輛辆 輪轮 "
    "辭辞 遲迟 隸隶 須须 額额 颱台 饋馈 慶庆 蓋盖 蔣蒋 薦荐 藉借 鄰邻 舖铺 鋪铺 搶抢 擾扰 攤摊 曬晒 殼壳 漿浆 燒烧 "
    "爐炉 狀状 獅狮 瘋疯 礎础 禦御 穀谷 糾纠 紋纹 紙纸 紮扎 綁绑 締缔 緯纬 縫缝 繩绳 聳耸 脈脉 腎肾 膚肤 艙舱 莊庄 "
    "著着 虜虏 蝦虾 襲袭 詐诈 詭诡 誇夸 諮咨 謊谎 謠谣 譜谱 蹤踪 軀躯 轄辖 辯辩 遞递 邏逻 醞酝 釀酿 鉅巨 銷销 錦锦 "
    "鍋锅 鏈链 鑑鉴 鑒鉴 閣阁 闆板 闊阔 霧雾 靜静 韌韧 頌颂 顆颗 飯饭 飲饮 餅饼 驕骄 驟骤 鬧闹 魯鲁 鮮鲜 鴻鸿 麗丽 "
    "齒齿 彙汇 匯汇 儀仪 倫伦 偽伪 偵侦 側侧 傑杰 傾倾 僑侨 儲储 兌兑 凱凯 剛刚 劇剧 劑剂 勁劲 動动 勝胜 勳勋 厭厌 "
    "叢丛 噸吨 嚇吓 園园 執执 堅坚 場场 塊块 塵尘 墊垫 壇坛 夾夹 妝妆 婁娄 寢寝 寵宠 尷尴 屍尸 嶺岭 巖岩 帥帅 廈厦 "
    "廚厨 廟庙 彌弥 彥彦 恥耻 悶闷 惱恼 愛爱 慘惨 憤愤 懇恳 懶懒 懸悬 懼惧 戀恋 掃扫 掙挣 揚扬 換换 損损 搖摇 撥拨 "
    "撫抚 撲扑 擺摆 攔拦 攬揽 敘叙 暈晕 暢畅 棄弃 棟栋 楓枫 榮荣 槍枪 樞枢 橫横 歡欢 毆殴 溫温 滯滞 漸渐 潰溃 濕湿 "
    "瀏浏 煉炼 煩烦 獸兽 獻献 瑣琐 畢毕 畝亩 癢痒 皺皱 睏困 矯矫 磚砖 礙碍 祿禄 禪禅 窩窝 竄窜 篩筛 籃篮 籌筹 籤签 "
    "粵粤 糰团 紐纽 純纯 紗纱 納纳 紡纺 紳绅 絞绞 綢绸 綫线 緝缉 縱纵 繪绘 纏缠 罵骂 聰聪 肅肃 脫脱 腫肿 膠胶 臟脏 "
    "艷艳 莖茎 萊莱 蒼苍 蓮莲 蕩荡 藍蓝 蘆芦 蠟蜡 褲裤 襪袜 覓觅 訣诀 誦诵 誼谊 諒谅 諧谐 謎谜 譏讥 豎竖 豈岂 貞贞 "
    "貫贯 貪贪 貶贬 貼贴 賊贼 賓宾 賜赐 賞赏 賦赋 賤贱 賬账 賺赚 贖赎 踴踊 躍跃 軒轩 輔辅 輝辉 輩辈 轎轿 邁迈 遜逊 "
    "遙遥 遷迁 醬酱 釘钉 鈔钞 鈕钮 鉛铅 銅铜 銳锐 鋁铝 錶表 鍊炼 鍛锻 鏡镜 鑄铸 鑰钥 閑闲 閘闸 闖闯 闡阐 陝陕 隄堤 "
    "韻韵 頑顽 頓顿 頗颇 頸颈 顫颤 飄飘 餓饿 饒饶 駐驻 駕驾 騎骑 騙骗 騰腾 驢驴 髒脏 鬍胡 鳳凤 鴉鸦 鵝鹅 鷹鹰 鹽盐 "
    "黴霉 齣出 齋斋 龜龟 訃讣 訝讶 獲获 錄录 屢屡 擬拟 應应 僅仅"
)


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = 0x20
    for pair in _T2S_PAIRS.split():
        table[ord(pair[0])] = ord(pair[1])
    return table


_FOLD = _fold_table()


def _fold(text: str) -> str:
    """Matching copy, same length as ``text``: ``，：？！；（）`` to ASCII, Traditional to Simplified."""
    return text.translate(_FOLD)


# ---------------------------------------------------------------------------
# punctuation

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "‘": "’", "﹁": "﹂", "﹃": "﹄"}
_CLOSERS = frozenset(_OPEN_CLOSE.values())
_OPENERS = frozenset(_OPEN_CLOSE)
_SENT_END = frozenset("。!?")
_CLAUSE_DELIM = frozenset(",;:。!?")
_CONTENT_DELIM = ",:"
_PUNCT_IN_QUOTE = re.compile(r"[,;:。!?、…]")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(slots=True)
class _Text:
    """One block prepared for matching: the folded copy, quote spans, sentence and clause ends."""

    index: int
    raw: str
    f: str
    kind: str
    quotes: list[tuple[int, int]]
    """Top-level quotation spans ``(open, close)``; ``close == len`` when unclosed."""
    inq: bytearray
    """1 where the position is inside (or is) a top-level quotation mark pair."""
    books: list[tuple[int, int]]
    """``《…》`` spans: a cue inside a title (``《…信息披露管理办法》``) is part of a name."""

    def in_book(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.books)
    sent_ends: list[tuple[int, int]]
    """Sentence boundaries ``(end, next_start)``: ``end`` excludes a final 。！？, keeps a closing mark."""

    def sentence_end(self, pos: int) -> int:
        for e, _ in self.sent_ends:
            if e >= pos:
                return e
        return len(self.f)

    def sentence_start(self, pos: int) -> int:
        start = 0
        for e, nxt in self.sent_ends:
            if e >= pos:
                break
            start = nxt
        return start

    def quote_at_close(self, close: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[1] == close:
                return q
        return None

    def quote_at_open(self, open_: int) -> tuple[int, int] | None:
        for q in self.quotes:
            if q[0] == open_:
                return q
        return None

    def clause_start(self, pos: int, floor: int = 0) -> int:
        """Start of the clause containing ``pos``: after the last delimiter or quotation mark before it."""
        f, inq = self.f, self.inq
        i = pos - 1
        while i >= floor:
            ch = f[i]
            if not inq[i] and ch in _CLAUSE_DELIM:
                return i + 1
            if inq[i] and (ch in _CLOSERS or ch == '"') and (i + 1 >= len(f) or not inq[i + 1]):
                return i + 1
            i -= 1
        return floor


_BOOK = re.compile(r"《[^《》]{1,60}》")
_MARKS = re.compile('[“”「」『』‘’﹁﹂﹃﹄"。!?]')


def _prepare(index: int, kind: str, raw: str) -> _Text:
    """Fold ``raw`` and find its top-level quotations and sentence boundaries (one regex pass over marks)."""
    f = _fold(raw)
    n = len(f)
    quotes: list[tuple[int, int]] = []
    stack: list[str] = []
    top_open = -1
    enders: list[int] = []
    for m in _MARKS.finditer(f):
        i = m.start()
        ch = f[i]
        if ch in _SENT_END:
            if not stack:
                enders.append(i)
            elif i + 1 < n and f[i + 1] == stack[0] and len(stack) == 1:
                enders.append(-(i + 2))  # 。” closes a sentence inside a quotation: boundary after the mark
            continue
        if ch in _OPENERS and not (ch == "‘" and not stack):
            if not stack:
                top_open = i
            stack.append(_OPEN_CLOSE[ch])
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
                if not stack:
                    quotes.append((top_open, i))
            else:
                if not stack:
                    top_open = i
                stack.append('"')
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                quotes.append((top_open, i))
        elif ch in _CLOSERS and ch in stack:
            while stack[-1] != ch:
                stack.pop()
            stack.pop()
            if not stack:
                quotes.append((top_open, i))
    if stack:
        quotes.append((top_open, n))
    inq = bytearray(n)
    for qa, qb in quotes:
        qb = min(qb + 1, n)
        inq[qa:qb] = b"\x01" * (qb - qa)
    ends: list[tuple[int, int]] = []
    for e in enders:
        if e < 0:
            ends.append((-e, -e))
        elif ends and ends[-1][1] == e:  # ”。 or !?: one boundary
            ends[-1] = (ends[-1][0], e + 1)
        else:
            ends.append((e, e + 1))
    books = [(m.start(), m.end()) for m in _BOOK.finditer(f)] if "《" in f else []
    return _Text(index=index, raw=raw, f=f, kind=kind, quotes=quotes, inq=inq, books=books, sent_ends=ends)


# ---------------------------------------------------------------------------
# lexicons


def _alt(words: Iterable[str]) -> str:
    """``(?=[first chars])(?:w1|w2…)``, longest first: the lookahead lets the scanner skip most positions fast."""
    ws = sorted(set(words), key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in ws}))
    return f"(?=[{firsts}])(?:" + "|".join(map(re.escape, ws)) + ")"


_STRONG = (
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 宣布 警告 提醒 呼吁 笑称 戏称 写道 坦承 坦陈 "
    "重申 确认 指称 辩称 坚称 认为 回应 答复 回答 补充 解释 介绍 告诉 提到 谈到 表态 问道 直指 吐槽 爆料 曝出 透露说"
).split()
_WEAK = "觉得 相信 分析 判断 预计 估计 预测 预期 担心 担忧 希望 期待 建议 回忆 感叹 感慨 抱怨 质疑 反驳 驳斥 批评 谴责 抨击".split()
_DOC_ONLY = "显示 表明 发现 提出 载明 规定 明确 明确规定 明确提出".split()
_CHANNEL = "发布公告 发布声明 发表声明 发布消息 发布通报 发表文章 发文 发帖 跟帖 撰文 留言 报道 报导 致信".split()
_NO_DELIM_OK = frozenset(
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 宣布 警告 提醒 呼吁 笑称 戏称 写道 坦承 坦陈 "
    "重申 确认 指称 辩称 坚称 认为 显示 表明 发现 提出 规定 载明 明确 告诉 曝出 爆料".split()
)
_ZERO_SUBJECT_OK = frozenset(
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 宣布 警告 提醒 呼吁 重申 补充 解释 回应 "
    "坦承 表态 指称 辩称 坚称 透露说 告诉".split()
)
_SUFFIX = "(?:道|称|说|表示|指出)?"
_NEEDS_DELIM = frozenset("发现 提出 规定 明确 明确规定 明确提出 载明".split())


_CUE_RE = re.compile(
    _alt(_CHANNEL) + "(?:称|说|表示|指出|写道)" + "|" + _alt(_STRONG + _WEAK + _DOC_ONLY) + _SUFFIX
)

# a cue preceded by one of these is not a speech act: nominal (所说), light-verb object (作出回应), negation
_PRE_BLOCK2 = frozenset("作出 做出 给出 予以 进行 发出 有所 没有 并未 拒绝 无法 不愿 不便 不肯 未曾 难以 不再 不要 不能 不会".split())
_PRE_BLOCK1 = frozenset("所未没不被勿")
_POST_BLOCK1 = frozenset("的者了过着")
_SAY_PRE_BLOCK = ("来", "上", "据", "听", "虽", "再", "却", "小", "传", "演", "游", "学", "解", "话", "比如", "可以", "应该",
                  "只能", "不用", "不得", "就是", "换句", "所", "人家", "难", "别")
_SAY_POST_BLOCK = frozenset("明法服话出起到了过着得清好不唱实谎辞教笑书客情理")
_CHENG_PRE_BLOCK = frozenset("号堪俗简名职昵统并合通尊谦别之对相自被可爱美")
_CHENG_POST_BLOCK = frozenset("为作之号霸王心得职重谓道赞颂呼誉")
_BIAOSHI_OBJECTS = re.compile(
    r"(?:沉痛|深切|深深|诚挚|衷心|热烈|强烈|高度|严重|极大|由衷|真诚|坚决|充分)?的?(?:感谢|祝贺|欢迎|慰问|哀悼|遗憾|歉意|同情|敬意|感激|支持|反对|赞同|赞赏|理解|关注|关切|不满|抗议|谴责|同意|认可|"
    r"肯定|热烈|衷心|诚挚|钦佩|惋惜|震惊|愤慨|满意|祝福|哀思|致敬)"
)
_NAMING = re.compile(r"[^,;:。!?“”\"「」]{0,12}?为(?=[“\"「『])|其为|之为")

# speaker-phrase lexicons (matched on folded text)
_PRONOUNS = {"他": "m", "她": "f", "其": "", "他们": "p", "她们": "p", "此人": "", "对方": "", "后者": "", "前者": ""}
_FIRST_PERSON = frozenset("我 我们 咱们 本人 笔者 你 你们 您 大家 记者 本报记者 本台记者 本刊记者 小编".split())
_REPORTER = re.compile(r"记者|笔者|本报|小编|我们?$|^我")
_DEMONSTRATIVE = re.compile(r"^(?:该|这位|这名|此位|那位|这些|该名|该位|这|此|上述|这份|这封|这项|该项|该份|此次|这次)")
_NUMCLS = re.compile(r"^(?:一|两|二|三|四|五|六|七|八|九|十|几|多|数|某|不少|一些|部分|多名|多位|个别|有的)(?:位|名|个|家|封|份|项|篇|则|条|些|批|群)?(?=.)")
_TITLE_WORDS = (
    "首席执行官 首席经济学家 首席分析师 首席科学家 首席技术官 首席财务官 首席运营官 首席预报员 经济学家 分析师 研究员 评论员 "
    "董事长 副董事长 总经理 副总经理 总裁 副总裁 总监 经理 主管 董事 监事 董秘 合伙人 创始人 联合创始人 投资人 "
    "院长 副院长 所长 副所长 局长 副局长 处长 科长 厅长 部长 副部长 司长 副司长 主任 副主任 主任医师 副主任医师 "
    "书记 党委书记 副书记 秘书长 副秘书长 市长 副市长 省长 县长 区长 镇长 乡长 村长 主席 副主席 委员 代表 议员 "
    "发言人 新闻发言人 负责人 官员 大使 总统 总理 首相 外长 部长 校长 副校长 行长 副行长 会长 理事长 理事 社长 "
    "站长 馆长 团长 队长 中队长 大队长 组长 主编 总编辑 编辑 记者 教授 副教授 讲师 教师 老师 专家 学者 律师 医生 医师 "
    "护士 工程师 设计师 建筑师 会计师 分析人士 博士 院士 教练 主教练 球员 队员 运动员 民警 警官 法官 检察官 "
    "作者 通讯作者 第一作者 负责人 CEO CTO CFO COO 总 居民 村民 市民 网友 游客 司机 店主 摊主 老板 员工 "
    "志愿者 工作人员 家长 学生 患者 选手 演员 导演 作家 画家 歌手 主持人 研究生 博士生 顾问 特约评论员 高级研究员"
).split()
_TITLE_RE = re.compile(_alt(_TITLE_WORDS))
_TITLE_MOD = re.compile(r"(?:资深|高级|首席|常务|执行|特约|助理|名誉|荣誉|客座|兼职|独立|副|总|主任|知名|著名)+$")
_ORG_SUFFIX = re.compile(
    r"(?:公司|集团|部|局|委|委员会|院|银行|协会|学会|商会|政府|法院|大学|学院|中心|所|署|办|办公室|厅|处|科|系|队|"
    r"团队|机构|基金|基金会|证券|交易所|联盟|组织|党|馆|社区|医院|学校|企业|平台|实验室|课题组|国务院|联合国|当局|"
    r"警方|官方|校方|院方|研究会|台|司|社|报|网|媒体|工厂|车间|店|行|方)$"
)
_MEDIA_UNNAMED = re.compile(r"(?:媒体|外媒|港媒|台媒|日媒|美媒|韩媒|英媒|俄媒|德媒|法媒|官媒|党媒|记者|传媒)$")
_MEDIA = re.compile(
    r"(?:通讯社|新闻社|社|日报|晚报|早报|时报|商报|报|周刊|杂志|电视台|电台|卫视|广播电视总台|新闻网|网|新闻|频道)$|"
    r"^(?:路透|彭博|美联|法新|共同社|塔斯|韩联|CNN|BBC|NHK|Reuters|Bloomberg|AP|AFP|央视|新华)|^《.+》$"
)
_DOC = re.compile(
    r"(?:备案文件|文件|报告|数据|声明|公告|通报|调查|研究|财报|年报|季报|公开信|联名信|信|起诉书|判决书|裁定书|通知|"
    r"意见|方案|规划|纪要|招股书|说明书|白皮书|资料|记录|统计|指南|措施|办法|规定|条例|法案|草案|版本|诊断|结果|"
    r"报表|文章|帖子|博文|推文|论文|名单|材料|证据|档案|页面|官网|网站|公示|简历|履历|判决|裁决|协议|合同|文书|"
    r"截图|录音|民调|问卷|榜单|排名|评估|测算|监测|数据库)$|^《.+》$"
)
_DOC_HEADS = (
    "备案文件 文件 报告 数据 声明 公告 通报 调查 研究 财报 年报 公开信 联名信 信 起诉书 判决书 通知 方案 规划 纪要 "
    "招股书 说明书 白皮书 资料 记录 统计 指南 措施 办法 规定 条例 法案 草案 诊断 结果 论文 名单 档案 判决 协议 合同"
).split()
_DOC_HEAD_RE = re.compile(_alt([h for h in _DOC_HEADS if h != "信"] + ["来信", "信函", "邮件"]) + r"(?![员院所生机组团中心])")
_DOC_LEFT = re.compile(r"(?:(?![的了是在和与对把被将及等为])[A-Za-z\u4e00-\u9fff《》·]){0,10}$")
_ANON = re.compile(
    r"(?:人士|知情者|消息人士|官员|负责人|发言人|工作人员|网友|市民|居民|业者|从业者|专家|分析师|学者|律师|高层|员工|"
    r"司机|摊主|店主|游客|球迷|村民|家长|患者|医生|教师|老师|学生|受访者|投资者|消费者|人员|工程师|业内|消息源|"
    r"知情人|内部人士|观察人士|圈内人|人)$"
)
_SPEAKERLESS = re.compile(r"^(?:也|还|另)?有(?:人|消息|报道|分析|观点|声音|评论|说法|传言|传闻)$|^(?:业内|外界|舆论|坊间|网上|市场|业界)$")
_ORG_SHORT = re.compile(r"^(?:该|本|这家|此)?(?:公司|集团|企业|银行|行|局|部门|机构|学校|校|医院|院|所|平台)$")

_SURNAMES_1 = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐"
    "易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳"
    "管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮"
    "粟冼蔺楼满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏"
    "鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智"
    "幸奉植衡富尧恒"
)
_SURNAMES_2 = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 独孤 南宫".split())
_NAME_CHARS = frozenset(
    "阿埃艾爱安奥巴贝本比彼波伯布查达戴丹德迪蒂杜多恩法菲费芬弗福盖戈格古哈海汉赫亨华霍吉加贾杰金卡凯坎柯科克肯库拉"
    "莱兰劳勒雷里利林琳隆卢鲁路伦罗洛马麦曼梅门米明莫默穆纳奈尼涅纽诺帕潘佩皮普奇乔切琼萨塞桑森沙舍施什斯松苏索塔泰"
    "坦汤特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬伊因英尤约泽扎詹兹佐娜莎丽娅蕾茨基夫尔顿姆蒙拜登朗普欧"
) | _SURNAMES_1
_NAME_SUFFIX = re.compile(r"(?:女士|先生|阿姨|大爷|大妈|大姐|大哥|师傅|奶奶|爷爷|老师|医生|同学|某|某某)$")
_NAME_STOP = frozenset(
    "今在是说表认也还就对把被将的和与等称指透直介强年曾已正于向告坦回补解分来去到从给让为以因又才都均则便即先后要会能"
    "可不没并首再仍却所之而及同跟"
)
_LATIN_NAME = re.compile(r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}")
_NOT_LATIN_PERSON = re.compile(r"AI|GPT|[A-Z]{2,}|\d|Inc|Corp|Ltd|Lab|Tech|Group|Fold|Pro|Max|Plus")

_LEAD_STRIP = re.compile(
    r"(?:而且?|但是?|不过|可是|然而|同时|此外|另外|对此|随后|其中|并且|于是|因此|所以|此前|日前|近日|近期|目前|如今|"
    r"最后|最终|另一方面|与此同时|事实上|实际上|其实|后来|当时|之后|此后|据此|赛后|会后|会上|当晚|当天|当日|昨天|今天|"
    r"昨日|今日|明天|今年|去年|本周|上周|上月|本月|日前|早前|并且?|当地时间[^,]{0,8}?日|\d{1,2}月\d{1,2}日|\d{1,2}日|"
    r"[上下本]?周[一二三四五六日天]|[早晚]些时候|另据|另|\s+|"
    r"[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电(?:\([^)]{0,24}\))?)+"
)
_TAIL_STRIP = re.compile(
    r"(?:进一步|还|也|则|首次|同时|此前|再次|更是|均|都|亦|又|便|就|曾经?|多次|一再|反复|明确|公开|直接|私下|甚至|"
    r"早前|近日|日前|近期|当天|当日|当晚|昨天|今天|昨日|今日|随后|最后|最终|特别|普遍|一致|纷纷|坦率地|笑着|笑|仅|"
    r"只是|只|对此|已经|已|先后|一边|边|并且?|而|且|当即|随即|不禁|更|却|但|也曾|还曾|则是|一再|同样|还特别|也特别|当场|此间|"
    r"向媒体|对媒体|对外|向外界|对外界|在会上|在现场|现场|受访时|在受访时|答记者问时|"
    r"(?:当地时间)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚间|晚上|凌晨|早上)?|[上下本]?周[一二三四五六日天]|"
    r"(?:今|昨|前)天|(?:上|下)午|晚间)$"
)
_TAIL_LOC = re.compile(r"在([^在]{1,28}?)(?:上|中|时|里|内|后|前|期间|之际|现场|区|间)$|在([^在的]{1,6})$")
_TAIL_INTERVIEW = re.compile(r"(?:在)?(?:接受|面对)([^在]{0,24}?)(?:的)?(?:专访|采访|访问|提问|连线)时?$")
_TAIL_ADDRESSEE = re.compile(
    r"(?:对|向|跟|同)([^对向,]{0,16}?(?:记者|媒体|本报|本台|本刊|笔者|外界|公众|通讯社|社|日报|报|电视台|台|网|杂志|周刊)|他|她|他们|我们|笔者)$"
)
_ROLE_END = re.compile(r"(?:[医师员匠警兵]|外交官|官|高管|高层|球迷|粉丝|乘客|旅客|业主|房东|租客|买家|卖家|商户|商家|农户|股东|股民|网民|读者|观众|听众|用户|车主|家属|亲属|邻居|同事|朋友)$")
_TAIL_PUBLISH = re.compile(
    r"(?:发布|发表|发出|出具|公布|刊发|刊登)了?(?:一份|一则|一篇|一封|一条)?(?:(?!的)[\u4e00-\u9fff]){0,4}?"
    r"(?:声明|公告|报告|通报|文章|博文|消息|公开信|说明)$"
)
_TAIL_DUI = re.compile(r"(?:对|就)[^对就,]{1,12}$")
_PAREN_TAIL = re.compile(r"[(（][^()（）]{0,20}[)）]$")
_TAIL_DOC_IN = re.compile(r"(?<=信|件|告|明|告|报|书|南|案|文|据|究|查)中$")
_AFTER_TELL = re.compile(r"([^,:。!?“”\"「」]{0,16}?(?:记者|媒体|本报|笔者|他|她|他们|我们|大家|外界))(?=[,:]|$|[^\s])")
_BAD_NP = re.compile(r"[了把是]|被(?![告访害调查])|^(?:通过|经过|依据|基于|从|对于|关于|针对|围绕|按照|依照|随着|为了|除了|由于|因为|如果|虽然|尽管|至于|相比|作为|就)")


def _is_surname_name(s: str) -> bool:
    """A Chinese personal name: surname + 1-2 characters (or 小/老 + surname, or surname + 女士/先生…)."""
    if not s or not _HAN.match(s[0]):
        return False
    if _NAME_SUFFIX.search(s) and 2 <= len(s) <= 5:
        head = _NAME_SUFFIX.sub("", s)
        return len(head) <= 3 and bool(head) and (head[0] in _SURNAMES_1 or head[:2] in _SURNAMES_2)
    if len(s) in (2, 3) and s[0] in "小老" and s[1] in _SURNAMES_1:
        return len(s) == 2
    if s[:2] in _SURNAMES_2:
        return 3 <= len(s) <= 4
    return s[0] in _SURNAMES_1 and 2 <= len(s) <= 3 and all(_HAN.match(c) for c in s)


def _is_name(s: str, titled: bool) -> bool:
    """A person's name as it follows a title (``titled``) or stands alone."""
    if not s:
        return False
    if _LATIN_NAME.fullmatch(s):
        return titled or not _NOT_LATIN_PERSON.search(s)
    if "·" in s or "•" in s:
        return all(_HAN.match(c) or c in "·•-－" for c in s) and 3 <= len(s) <= 14
    if _is_surname_name(s):
        return True
    return titled and 2 <= len(s) <= 4 and all(_HAN.match(c) for c in s) and s[-1] not in _NAME_STOP


# ---------------------------------------------------------------------------
# speaker phrases


@dataclass(slots=True)
class _NP:
    """A parsed speaker phrase: the name (for persons) or the phrase, with titles and affiliation."""

    text: str
    kind: str  # person | organization | media | media_unnamed | anonymous | document | unspecified | pronoun | short
    name: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None


def _split_title(phrase: str) -> tuple[list[str], str | None]:
    """``深度科技研究院院长`` → (["院长"], "深度科技研究院"); ``独立国际策略研究员`` → (["独立国际策略研究员"], None)."""
    phrase = phrase.strip()
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    phrase = re.sub(r"^(?:现任|时任|前任|曾任|担任|身为|作为)", "", phrase)
    if not phrase:
        return [], None
    m = None
    for m_ in _TITLE_RE.finditer(phrase):
        if m_.end() == len(phrase):
            m = m_
    if m is None:
        return [phrase], None
    start = m.start()
    mod = _TITLE_MOD.search(phrase[:start])
    if mod:
        start = mod.start()
    prefix = phrase[:start]
    if prefix and (_ORG_SUFFIX.search(prefix) or re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&\-]*", prefix)):
        return [phrase[start:]], prefix
    return [phrase], None


@functools.lru_cache(maxsize=4096)
def _parse_np(np: str) -> _NP:
    """Classify a speaker phrase (already stripped of adverbs and adjuncts; folded text)."""
    if np in _PRONOUNS:
        return _NP(np, "pronoun", np)
    core = _PAREN_TAIL.sub("", np).lstrip("的") or np  # …管理办法（征求意见稿） / 的…
    core = _NUMCLS.sub("", core) if not _is_surname_name(core) else core
    if _SPEAKERLESS.search(np) or _SPEAKERLESS.search(core):
        return _NP(np, "unspecified", "")
    core = re.sub(r"^(?:也|还|另)?有(?=.)", "", core)
    side = core.endswith("方面") and len(core) > 2  # 星锐方面: the organization's side
    if side:
        core = core[:-2]
    # stacked titles: 天使投资人、资深人工智能专家郭涛 / 华联新能源董事长、总裁刘振邦
    parts = [p for p in re.split(r"[、]", core) if p]
    last = parts[-1] if parts else core
    titles: list[str] = []
    affiliation: str | None = None
    for p in parts[:-1]:
        t, a = _split_title(p)
        titles += t
        affiliation = affiliation or a
    name = ""
    for m in _TITLE_RE.finditer(last):
        rest = last[m.end():].strip()
        if _is_name(rest, titled=True):
            t, a = _split_title(last[: m.end()])
            titles += t
            affiliation = affiliation or a
            name = rest
            break
    if not name:  # an unlisted role word before a name: 审判长宋建华, 主刀医生李强
        for k in (3, 2):
            head, rest = last[:-k], last[-k:]
            if len(head) >= 2 and head[-1] in "长员师家官手人者医生士任" and _is_surname_name(rest):
                t, a = _split_title(head)
                titles += t
                affiliation = affiliation or a
                name = rest
                break
    lexical = bool(_DOC.search(last) or _ANON.search(last) or _MEDIA_UNNAMED.search(last) or _ORG_SHORT.match(last)
                   or last in _DOC_HEADS or (_ORG_SUFFIX.search(last) and len(last) > 3))
    if not name and not lexical and _is_name(last, titled=False):
        name = last
    if not name and "的" in last and _is_name(last.rsplit("的", 1)[1], titled=False):
        name = last.rsplit("的", 1)[1]  # 在巷口经营糖水铺十多年的刘阿姨
    if not name:
        # surname + title: 张院长, 王局长
        m2 = _TITLE_RE.search(last)
        if m2 and m2.end() == len(last) and 1 <= m2.start() <= 2 and (last[0] in _SURNAMES_1 or last[:2] in _SURNAMES_2):
            return _NP(np, "short", last, [m2.group()], None)
    if name:
        return _NP(np, "person", name, titles, affiliation)
    bare = core
    plain = bare.replace("《", "").replace("》", "")
    if side:
        return _NP(np, "organization", plain)
    if _DEMONSTRATIVE.match(bare) or bare in _DOC_HEADS or _ORG_SHORT.match(bare):
        return _NP(np, "short", bare)
    if _MEDIA_UNNAMED.search(plain):
        return _NP(np, "media_unnamed", bare)
    if "《" in bare and bare.endswith("》") and _MEDIA.search(plain):
        return _NP(np, "media", plain)
    if (_DOC.search(plain) or _DOC.search(bare)) and not _ANON.search(plain):
        return _NP(np, "document", bare)
    if _MEDIA.search(plain):
        return _NP(np, "media", plain)
    if _ANON.search(plain) or _ROLE_END.search(plain):
        t, a = _split_title(bare)
        return _NP(np, "anonymous", bare, [], a)
    if _ORG_SUFFIX.search(plain):
        return _NP(np, "organization", bare)
    if _LATIN_NAME.fullmatch(bare) and not _NOT_LATIN_PERSON.search(bare):
        return _NP(np, "person", bare)
    if 2 <= len(bare) <= 4 and all(c in _NAME_CHARS for c in bare):
        return _NP(np, "person?", bare)  # 马斯克, 拜登: a transliterated name, unless registered otherwise
    return _NP(np, "unknown", bare)


# ---------------------------------------------------------------------------
# triggers: one per attribution found in the text


@dataclass(slots=True)
class _Trig:
    block: int
    cue_s: int
    cue_e: int
    cue: str
    np_s: int  # speaker phrase span (np_s == np_e: zero subject)
    np_e: int
    region_s: int  # clause start of the attribution
    content_s: int  # first content character (after the cue and its delimiter)
    delim: bool
    pattern: str  # plain | ju | relay | kanlai | qa | speakerless
    strong: bool = True
    relay_s: int = -1
    relay_e: int = -1
    addr_s: int = -1
    addr_e: int = -1
    post_quote: tuple[int, int] | None = None
    content_e: int = -1
    parent: _Trig | None = None
    speakerless: bool = False
    doc_only: bool = False
    drop: bool = False
    inherit: _Trig | None = None
    """Zero subject continuing an earlier attribution of the sentence (``信中呼吁…,称其…``)."""
    zero: bool = False
    """Zero subject whose speaker phrase was taken from an earlier clause (``np_s:np_e``)."""
    emitted: int = -1
    """Index in the engine's output of this trigger's last record (-1: none)."""


_JU_SPEAKERLESS = re.compile(
    r"(?=[据记本])(?<![数证依占单票收论字凭盘割根])据(?:悉|了解|说|介绍|透露|报道|报导|称|估计|统计|测算|初步统计|不完全统计|传|闻)(?=[,:]|$)"
    r"|(?:记者|本报)(?:了解到|获悉|从[^,。]{1,20}?(?:了解到|获悉|得知))(?=,)"
)
_JU_FRAME = re.compile(
    r"(?=[根据])(?<![数证依占单票收论字凭盘割根])(?:根据|据)(?P<np>[^,;:。!?“”「」\"]{1,30}?)"
    r"(?P<cue>报道|报导|透露|介绍|披露|指出|表示|显示|统计|分析|曝出|爆料|证实|通报|公布|发布|援引|称|说|消息)"
    r"(?:的)?(?:消息|报道|说法|数据|介绍|信息)?(?P<d>[,:])?"
)
_RELAY = re.compile(
    r"(?=[援引转])(?:援引|引述|引用|转引|援用)(?P<np>[^,;:。!?“”「」\"]{1,30}?)(?:的)?(?:话|说法|消息|表态|报道|言论|观点|透露|介绍)?"
    r"(?P<cue>报道称|称|说|表示|指出|透露|报道|说道)?(?P<d>[,:])"
)
_KANLAI = re.compile(r"在(?P<np>[^,;:。!?“”「」\"在]{1,25}?)看来(?P<d>[,:])?")
_QA_QUESTION = re.compile(r"^\s*(?:记者|问|Q|主持人|本报记者|本报|提问|新京报|澎湃新闻|南方周末|中新网|中新社)\s*[:]")
_QA_LABEL = re.compile(r"^\s*([^\s:,。!?“”「」\"]{1,12})\s*:\s*")
_QA_INTRO = re.compile(r"专访|采访|对话|访谈")


def _strip_tail(f: str, s: int, e: int, trig: _Trig) -> int:
    """Peel adverbs, times, places, addressees and interview frames off the end of ``f[s:e]``; new end.

    An addressee (``对北京商报记者``, ``在接受本报记者采访时``) is recorded on ``trig``.
    """
    while e > s:
        seg = f[s:e]
        m = _TAIL_INTERVIEW.search(seg)
        if m:
            g = m.group(1)
            if g and trig.addr_s < 0:
                gs = s + m.start(1)
                trig.addr_s, trig.addr_e = gs, gs + len(g)
            e = s + m.start()
            continue
        m = _TAIL_ADDRESSEE.search(seg)
        if m and m.start() > 0 and not seg.endswith("对此"):
            if trig.addr_s < 0:
                trig.addr_s, trig.addr_e = s + m.start(1), s + m.end(1)
            e = s + m.start()
            continue
        m = _TAIL_LOC.search(seg)
        if m:
            e = s + m.start()
            continue
        m = _TAIL_PUBLISH.search(seg)
        if m and m.start() > 0:  # 清水源发布澄清声明称 / 机构发布一份报告称: the publisher speaks
            e = s + m.start()
            continue
        m = _TAIL_DUI.search(seg)
        if m and m.start() > 0:  # 对棱镜表示 / 就此事表示: addressee or topic, never the speaker
            e = s + m.start()
            continue
        m = _TAIL_DOC_IN.search(seg)
        if m:
            e = s + m.start()
            continue
        m = _TAIL_STRIP.search(seg)
        if m:
            e = s + m.start()
            continue
        break
    return e


def _strip_lead(f: str, s: int, e: int) -> int:
    m = _LEAD_STRIP.match(f, s, e)
    if m and m.end() < e:
        return m.end()
    if m and m.end() == e:
        return e
    return s


def _blocked(f: str, s: int, e: int, base: str) -> bool:
    """False-friend guards for the cue ``f[s:e]`` whose verb is ``base``."""
    nxt = f[e : e + 1]
    nxt2 = f[e : e + 2]
    prev = f[s - 1 : s] if s else ""
    prev2 = f[max(0, s - 2) : s]
    if nxt in _POST_BLOCK1 and not (nxt == "着" and base == "笑"):
        return True
    if prev2 in _PRE_BLOCK2 or prev in _PRE_BLOCK1:
        return True
    if f[s:e] in ("说说", "谈谈", "说道说道"):
        return True
    if base == "说" or f[s:e] == "说":
        if any(f[max(0, s - len(p)) : s] == p for p in _SAY_PRE_BLOCK):
            return True
        if nxt in _SAY_POST_BLOCK or nxt2 in ("什么", "是否", "一句", "两句", "几句", "一声", "一下"):
            return True
    if base == "披露" and prev2 == "信息":
        return True
    if base == "称":
        if prev in _CHENG_PRE_BLOCK and prev2 != "有人":
            return True
        if nxt in _CHENG_POST_BLOCK or _NAMING.match(f, e, min(len(f), e + 16)):
            return True
        if prev == "人" and prev2 != "有人":
            return True
    if base == "表示" and e == s + 2 and _BIAOSHI_OBJECTS.match(f, e):
        return True
    if base in ("显示", "表明") and nxt in "屏器出":
        return True
    return nxt2 in ("一下", "下来")  # 介绍一下, 说下来


def _np_rejected(np_text: str, tr: _Trig) -> bool:
    """A phrase that cannot be a speaker: a clause (has 了/把/被/是), a framing (从…上), the reporter, I/we."""
    if not np_text or len(np_text) > 30 or _BAD_NP.search(np_text) or np_text in _FIRST_PERSON:
        return True
    if len(np_text) == 1 and np_text not in _PRONOUNS and np_text != "信":
        return True  # 莫说, 若说, 据显示
    # the reporter (记者走访发现, 本报记者注意到) is never a source, but 据随队记者透露 names one
    return bool(_REPORTER.search(np_text)) and not (tr.pattern == "ju" and np_text.endswith("记者") and len(np_text) > 2)


def _base(cue: str) -> str:
    for suf in ("道", "称", "说", "表示", "指出", "写道"):
        if cue.endswith(suf) and len(cue) > len(suf):
            stem = cue[: -len(suf)]
            if stem in _STRONG or stem in _WEAK or stem in _DOC_ONLY or stem in _CHANNEL:
                return stem
    return cue


def _find_triggers(t: _Text) -> list[_Trig]:
    f, inq = t.f, t.inq
    n = len(f)
    trigs: list[_Trig] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def at_clause_start(pos: int) -> int | None:
        cs = t.clause_start(pos)
        lead = _strip_lead(f, cs, pos)
        if lead == pos or re.fullmatch(r"(?:而|但|不过|另|又|此外|同时|并|且|也|还)*", f[lead:pos]):
            return cs
        return None

    has_ju = "据" in f
    for m in (_JU_SPEAKERLESS.finditer(f) if has_ju or "记者" in f or "本报" in f else ()):
        if inq[m.start()] or at_clause_start(m.start()) is None:
            continue
        d = m.end() < n and f[m.end()] in _CONTENT_DELIM
        tr = _Trig(t.index, m.start(), m.end(), t.raw[m.start():m.end()], m.start(), m.start(),
                   m.start(), m.end() + (1 if d else 0), d, "speakerless", speakerless=True)
        trigs.append(tr)
        taken.append((m.start(), m.end()))
    for m in (_JU_FRAME.finditer(f) if has_ju else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = at_clause_start(m.start())
        if cs is None:
            continue
        np_s, np_e = m.start("np"), m.end("np")
        np_s2 = _strip_lead(f, np_s, np_e)
        tr = _Trig(t.index, m.start("cue"), m.end("cue"), t.raw[m.start("cue"):m.end("cue")], np_s2, np_e,
                   cs, m.end(), bool(m.group("d")), "ju")
        tr.np_e = _strip_tail(f, np_s2, np_e, tr)
        if tr.np_e <= tr.np_s or f[tr.np_s:tr.np_e] in ("此", "了解", "悉"):
            continue
        if m.group("cue") == "消息" and not m.group("d"):
            continue
        trigs.append(tr)
        taken.append((m.start(), m.end()))
    for m in (_RELAY.finditer(f) if "援" in f or "引" in f else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = t.clause_start(m.start())
        tr = _Trig(t.index, m.start("cue") if m.group("cue") else m.start(), m.end("cue") if m.group("cue") else m.start() + 2,
                   t.raw[m.start("cue"):m.end("cue")] if m.group("cue") else t.raw[m.start():m.start() + 2],
                   m.start("np"), m.end("np"), cs, m.end(), True, "relay")
        rs = _strip_lead(f, cs, m.start())
        re_ = _strip_tail(f, rs, m.start(), tr)
        if re_ > rs:
            tr.relay_s, tr.relay_e = rs, re_
        tr.np_s = _strip_lead(f, tr.np_s, tr.np_e)
        trigs.append(tr)
        taken.append((cs, m.end()))
    for m in (_KANLAI.finditer(f) if "看来" in f else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = at_clause_start(m.start())
        if cs is None:
            continue
        tr = _Trig(t.index, m.end("np"), m.end("np") + 2, t.raw[m.end("np"):m.end("np") + 2], m.start("np"), m.end("np"),
                   cs, m.end(), bool(m.group("d")), "kanlai")
        trigs.append(tr)
        taken.append((m.start(), m.end()))

    for m in _CUE_RE.finditer(f):
        s, e = m.start(), m.end()
        if inq[s] or not free(s, e) or (t.books and t.in_book(s)):
            continue
        cue = m.group()
        base = _base(cue)
        if base == "看来" or _blocked(f, s, e, base):
            continue
        strong = base in _NO_DELIM_OK or cue != base
        delim = e < n and f[e] in _CONTENT_DELIM
        if not delim and ((not strong and base != "告诉") or base in _NEEDS_DELIM):
            continue  # a weak cue needs its comma or colon: 分析人士, 预期效果, 提出一项建议
        doc_only = base in _DOC_ONLY
        tr = _Trig(t.index, s, e, t.raw[s:e], s, s, 0, e + (1 if delim else 0), delim, "plain",
                   strong=strong, doc_only=doc_only)
        if base == "告诉":  # 告诉记者，… / 告诉他吴昊…
            am = _AFTER_TELL.match(f, e)
            if am and am.end() > e:
                tr.addr_s, tr.addr_e = am.start(1), am.end(1)
                after = am.end()
                tr.delim = after < n and f[after] in _CONTENT_DELIM
                tr.content_s = after + (1 if tr.delim else 0)
        trigs.append(tr)
    trigs.sort(key=lambda x: x.cue_s)
    return trigs


# ---------------------------------------------------------------------------
# entities and mentions


@dataclass(slots=True)
class _Entity:
    name: str  # canonical, as written (raw text)
    key: str  # folded name
    kind: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    aliases: set[str] = field(default_factory=set)  # folded


@dataclass(slots=True)
class _Registry:
    by_key: dict[str, _Entity] = field(default_factory=dict)
    mentions: list[tuple[int, int, _Entity, bool]] = field(default_factory=list)
    """(block, offset, entity, subject-like) in text order."""

    def add(self, key: str, raw: str, kind: str, titles: list[str] | None = None,
            affiliation: str | None = None) -> _Entity:
        ent = self.by_key.get(key)
        if ent is None:
            for e in self.by_key.values():
                if key in e.aliases and e.kind == kind:
                    ent = e
                    break
        if ent is None:
            ent = _Entity(raw, key, kind)
            self.by_key[key] = ent
            if kind == "person":
                if "·" in key:
                    ent.aliases.add(key.rsplit("·", 1)[1])
                elif " " in key and _LATIN_NAME.fullmatch(key):
                    ent.aliases.add(key.rsplit(" ", 1)[1])
        if titles and not ent.titles:
            ent.titles = list(titles)
            ent.affiliation = affiliation
        return ent

    def person(self, key: str) -> _Entity | None:
        """The person registered under ``key`` or with ``key`` as an alias (``韦伯`` for ``马克·韦伯``)."""
        ent = self.by_key.get(key)
        if ent is not None and ent.kind == "person":
            return ent
        return next((e for e in self.by_key.values() if key in e.aliases and e.kind == "person"), None)


_CLAUSE_ORG = re.compile(
    r"[A-Z][A-Za-z0-9.\-]*(?=[是的在于和与])|[\u4e00-\u9fff]{2,12}?(?:公司|集团|银行|大学|研究院|协会|基金会|组织|俱乐部)"
)
_VERB_AFTER_NAME = re.compile(_alt(
    "出席 出任 出访 出面 参加 参与 来到 前往 主持 会见 带领 率领 陪同 视察 调研 考察 走访 发表 作出 做出 提出 签署 宣布 "
    "回应 回答 接受 担任 当选 获得 表示 指出 认为 介绍 透露 强调 坦言 直言 告诉 带队 亲自 现场 随后 一行 近日 日前".split()))
_NAME_AFTER_TITLE = re.compile(
    r"\s?([A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}|"
    r"[\u4e00-\u9fff]{1,4}·(?:(?![在是说表认也还对把被将的和与等称指透直介强告坦回补解分向于则就都])[\u4e00-\u9fff]){1,5}|"
    r"[\u4e00-\u9fff]{2,3})"
)
_HONORIFIC = re.compile(_alt("女士 先生 阿姨 大爷 大妈 大姐 大哥 师傅 奶奶 爷爷 某某 某".split()))
_TITLE_BEFORE = re.compile(r"(?:" + _TITLE_RE.pattern + r")\s?$")
_TITLE_PHRASE_BEFORE = re.compile(r"(?:(?![是与和于在对把被将了其及等为向从让给跟同由])[A-Za-z0-9\u4e00-\u9fff、·]){0,24}$")


def _scan_names(texts: list[_Text], reg: _Registry) -> None:
    """Register persons introduced by a title anywhere (``院长杨秀英``, ``CEO Sam Altman``) and documents."""
    for t in texts:
        f = t.f
        for m in _TITLE_RE.finditer(f):
            nm = _NAME_AFTER_TITLE.match(f, m.end())
            if nm is None or t.inq[m.start()]:
                continue
            name = nm.group(1)
            if _HAN.match(name[0]) and "·" not in name:
                if len(name) == 3 and (name[2] in _NAME_STOP or _VERB_AFTER_NAME.match(f, nm.start(1) + 2)):
                    name = name[:2]
                if not _is_surname_name(name):
                    continue
            pre = _TITLE_PHRASE_BEFORE.search(f, 0, m.start())
            phrase = (pre.group() if pre else "") + m.group()
            ns = nm.start(1)
            parsed = _parse_np(phrase + name)
            if parsed.kind == "person" and parsed.name == name:
                titles, affiliation = list(parsed.titles), parsed.affiliation
            else:
                titles, affiliation = _split_title(phrase)
            ps = pre.start() if pre else m.start()
            if affiliation is None and ps > 0 and f[ps - 1] == "其":  # OpenAI是…与其现任CEO Sam Altman…
                cs = _strip_lead(f, t.clause_start(ps), ps)
                org = _CLAUSE_ORG.match(f, cs, ps)
                affiliation = t.raw[org.start():org.end()] if org else None
            reg.add(name, t.raw[ns:ns + len(name)], "person", titles, affiliation)
        for m in _HONORIFIC.finditer(f):
            ns = m.start() - 1
            if ns >= 0 and not t.inq[ns] and _is_surname_name(f[ns:m.end()]):
                reg.add(f[ns:m.end()], t.raw[ns:m.end()], "person")
        for m in _DOC_HEAD_RE.finditer(f):
            if t.inq[m.start()]:
                continue
            left = _DOC_LEFT.search(f, max(0, m.start() - 10), m.start())
            gs = left.start() if left else m.start()
            g = f[gs:m.end()]
            g2 = _NUMCLS.sub("", re.sub(r"^(?:[一这该此那][封份项篇则条]|上述|该)", "", g))
            gs += len(g) - len(g2)
            if len(g2) < 2 or (g2 in _DOC_HEADS and g2 not in ("公开信", "联名信")):
                continue
            reg.add(g2, t.raw[gs:m.end()].replace("《", "").replace("》", ""), "document")


def _index_mentions(texts: list[_Text], reg: _Registry) -> None:
    keys: list[tuple[str, _Entity]] = []
    for ent in reg.by_key.values():
        keys.append((ent.key, ent))
        keys.extend((a, ent) for a in ent.aliases)
    out: list[tuple[int, int, _Entity, bool]] = []
    for t in texts:
        f = t.f
        for key, ent in keys:
            if not key:
                continue
            i = f.find(key)
            while i >= 0:
                cs = t.clause_start(i)
                lead = _strip_lead(f, cs, i)
                subj = lead == i or _TITLE_BEFORE.search(f, lead, i) is not None
                out.append((t.index, i, ent, subj))
                i = f.find(key, i + len(key))
    out.sort(key=lambda x: (x[0], x[1]))
    reg.mentions = out


def _resolve(reg: _Registry, block: int, pos: int, want: str, head: str = "", gender: str = "") -> _Entity | None:
    """Nearest compatible antecedent before (block, pos): a subject-like mention first, within 4 blocks."""
    best_any: _Entity | None = None
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


# ---------------------------------------------------------------------------
# the engine


def _blocks(blocks: Sequence[tuple[str, str]] | Sequence[_BlockLike]) -> Iterable[tuple[str, str]]:
    for b in blocks:
        if isinstance(b, tuple):
            yield str(b[0]), str(b[1])
        else:
            yield str(b.type), str(b.text)


def _fragments(t: _Text, a: int, b: int) -> list[tuple[int, int]]:
    """Quoted fragments (speaker's own words) inside content ``[a, b)``; scare quotes and terms left out."""
    out: list[tuple[int, int]] = []
    f = t.f
    for qa, qb in t.quotes:
        if qa < a or qb >= b:
            continue
        inner = f[qa + 1 : qb]
        short = len(inner) <= 8 and not _PUNCT_IN_QUOTE.search(inner)
        prev = f[qa - 1] if qa > 0 else ""
        nxt = f[qb + 1] if qb + 1 < len(f) else ""
        if short and (prev in "的为作是叫名谓当称把列入" or nxt in "的之等" or (len(inner) <= 4 and _HAN.match(nxt or " "))):
            continue
        out.append((qa, qb))
    return out


def _looks_spoken(inner: str) -> bool:
    """A quotation that reads as words said: punctuation inside or longer than a label."""
    return bool(_PUNCT_IN_QUOTE.search(inner)) or len(inner) > 8


@dataclass(slots=True)
class _Who:
    """A resolved speaker and the attribution's side fields."""

    speaker: str | None
    mention: str | None
    type: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    inherited: bool = False
    coref: bool = False
    start: int | None = None
    end: int | None = None
    relayed_by: str | None = None
    addressee: str | None = None
    outlet: str | None = None


_WORDS = re.compile(r"[A-Za-z0-9]+")


class _Engine:
    def __init__(self, texts: list[_Text]) -> None:
        self.texts = texts
        self.reg = _Registry()
        self.out: list[Quote] = []

    # -- subject phrase for a plain cue
    def subject(self, t: _Text, tr: _Trig, floor: int) -> None:
        """Set the speaker phrase of a plain cue: its clause, minus framing, adverbs, places and addressees."""
        f = t.f
        cs = t.clause_start(tr.cue_s, floor)
        tr.region_s = cs
        e = _strip_tail(f, cs, tr.cue_s, tr)
        s = _strip_lead(f, cs, e)
        tr.np_s, tr.np_e = s, max(s, e)

    def run(self) -> list[Quote]:
        """Find triggers, register speakers and names, index mentions, then emit block by block."""
        texts = self.texts
        qa_mode = any(_QA_QUESTION.match(t.f) for t in texts if t.kind != "h")
        all_trigs: list[tuple[_Text, list[_Trig]]] = []
        for t in texts:
            if t.kind == "h" or (qa_mode and (_QA_QUESTION.match(t.f) or _QA_LABEL.match(t.f))):
                all_trigs.append((t, []))
                continue
            trigs = _find_triggers(t)
            floor_by_sentence: dict[int, int] = {}
            for tr in trigs:
                if tr.pattern == "plain":
                    ss = t.sentence_start(tr.cue_s)
                    floor = max(floor_by_sentence.get(ss, 0), 0)
                    self.subject(t, tr, floor)
                if tr.pattern in ("plain", "ju", "relay", "kanlai"):
                    ss = t.sentence_start(tr.cue_s)
                    floor_by_sentence[ss] = max(floor_by_sentence.get(ss, 0), tr.content_s if tr.delim else tr.cue_e)
            all_trigs.append((t, trigs))
        # register speakers from phrases, then titled names and documents anywhere
        for t, trigs in all_trigs:
            for tr in trigs:
                if tr.np_e > tr.np_s and not tr.speakerless:
                    self.register(t, tr.np_s, tr.np_e)
        _scan_names(texts, self.reg)
        qa_people: list[_Entity] = []
        if qa_mode:
            for t in texts:
                if t.kind == "h" or _QA_QUESTION.match(t.f):
                    continue
                m = _QA_LABEL.match(t.f)
                if m and _is_name(m.group(1), titled=False):
                    qa_people.append(self.reg.add(m.group(1), t.raw[m.start(1):m.end(1)], "person"))
        _index_mentions(texts, self.reg)
        interviewee = self.interviewee(texts) if qa_mode else None
        for t, trigs in all_trigs:
            if qa_mode and t.kind != "h" and not _QA_QUESTION.match(t.f):
                m = _QA_LABEL.match(t.f)
                if m:
                    self.qa_answer(t, m, interviewee)
                    continue
            self.block(t, trigs)
        return self.finish()

    def register(self, t: _Text, s: int, e: int) -> None:
        """Add the speaker phrase ``f[s:e]`` to the registry (persons by name, other speakers by phrase)."""
        np = _parse_np(t.f[s:e])
        if np.kind == "person":
            i = t.f.find(np.name, s, e)
            raw = t.raw[i:i + len(np.name)] if i >= 0 else np.name
            self.reg.add(np.name, raw, "person", np.titles, np.affiliation)
        elif np.kind in ("document", "anonymous", "organization", "media", "media_unnamed"):
            key = _NUMCLS.sub("", np.name)
            i = t.f.find(key, s, e)
            raw = t.raw[i:i + len(key)] if i >= 0 else key
            self.reg.add(key, raw.replace("《", "").replace("》", ""), np.kind, np.titles, np.affiliation)

    def interviewee(self, texts: list[_Text]) -> _Entity | None:
        for t in texts:
            if _QA_QUESTION.match(t.f):
                break
            if _QA_INTRO.search(t.f):
                people = [m for m in self.reg.mentions if m[0] == t.index and m[2].kind == "person"]
                if people:
                    return people[-1][2]
        return None

    def qa_answer(self, t: _Text, m: re.Match[str], interviewee: _Entity | None) -> None:
        label = m.group(1)
        ent: _Entity | None
        if label in ("答", "A"):
            ent = interviewee
        else:
            ent = self.reg.by_key.get(label) or next(
                (e for e in self.reg.by_key.values() if label in e.aliases and e.kind == "person"), None)
        if ent is None or ent.kind != "person":
            return
        s = m.end()
        e = len(t.raw.rstrip())
        if e - s < 2:
            return
        self.out.append(Quote(
            speaker=ent.name, speaker_mention=t.raw[m.start(1):m.end(1)], speaker_type="person",
            quote_text=t.raw[s:e], quote_type="direct", block_index=t.index, start=s, end=e,
            speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation, title_inherited=bool(ent.titles),
            coref=label in ("答", "A"), speaker_start=m.start(1), speaker_end=m.end(1),
        ))

    # -- one block
    def block(self, t: _Text, trigs: list[_Trig]) -> None:
        """Emit one block's records: zero subjects, content ends, nesting and relay frames settled first."""
        f = t.f
        n = len(f)
        kept: list[_Trig] = []
        for tr in trigs:
            if tr.pattern == "plain" and tr.np_e > tr.np_s and _np_rejected(f[tr.np_s:tr.np_e], tr):
                continue
            if tr.pattern == "plain" and tr.np_e <= tr.np_s and not self.zero_subject(t, tr, kept):
                continue
            kept.append(tr)
        # content extents: sentence end, cut before the next attribution, nesting
        for tr in kept:
            tr.content_e = t.sentence_end(tr.content_s) if tr.content_s < n else n
        for i, tr in enumerate(kept):
            for nx in kept[i + 1:]:
                if nx.region_s < tr.content_s or nx.region_s >= tr.content_e:
                    continue
                start_of_next = nx.np_s if nx.np_e > nx.np_s else nx.cue_s
                if nx.region_s == tr.content_s or start_of_next == tr.content_s:
                    if tr.pattern in ("ju",) and f[tr.cue_s:tr.cue_e] in ("报道", "报导", "消息"):
                        tr.drop = True
                        nx.relay_s, nx.relay_e = tr.np_s, tr.np_e
                        continue
                    nx.parent = tr
                    nx.content_e = min(nx.content_e, self.clause_end(t, nx.content_s))
                    continue
                # a later attribution in the same sentence: stop before the delimiter preceding it
                cut = nx.region_s - 1
                while cut > tr.content_s and f[cut - 1] in " ":
                    cut -= 1
                if cut > tr.content_s:
                    tr.content_e = min(tr.content_e, cut)
                break
        for tr in kept:
            if not tr.drop:
                self.emit(t, tr)

    def clause_end(self, t: _Text, pos: int) -> int:
        """End of the clause starting at ``pos``: the next top-level delimiter (nested content stops there)."""
        f, inq = t.f, t.inq
        for i in range(pos, len(f)):
            if not inq[i] and f[i] in _CLAUSE_DELIM:
                return i
        return len(f)

    def zero_subject(self, t: _Text, tr: _Trig, kept: list[_Trig]) -> bool:
        """Give a subject-less cue the subject of an earlier clause of its sentence, if it has one."""
        base = _base(f_cue := t.f[tr.cue_s:tr.cue_e])
        if base not in _ZERO_SUBJECT_OK and f_cue not in _ZERO_SUBJECT_OK:
            return False
        if tr.region_s == 0 or t.f[tr.region_s - 1] not in ",;":
            return False
        ss = t.sentence_start(tr.cue_s)
        for prev in reversed(kept):
            if prev.cue_s >= ss and not prev.speakerless:
                tr.inherit = prev
                return True
        # the first subject-like clause earlier in the sentence
        pos = tr.region_s - 1
        while pos > ss:
            cs = t.clause_start(pos, ss)
            subj = self.clause_subject(t, cs, pos)
            if subj is not None:
                tr.np_s, tr.np_e = subj
                if cs > 0 and (t.f[cs - 1] in _CLOSERS or t.f[cs - 1] == '"'):
                    q = t.quote_at_close(cs - 1)
                    if q and _looks_spoken(t.f[q[0] + 1:q[1]]):
                        tr.post_quote = q
                tr.zero = True
                return True
            pos = cs - 1
        return False

    def clause_subject(self, t: _Text, s: int, e: int) -> tuple[int, int] | None:
        """The subject phrase at the start of clause ``f[s:e]``, when it names a known or titled person."""
        f = t.f
        s = _strip_lead(f, s, e)
        best: tuple[int, int] | None = None
        for b, o, ent, _ in self.reg.mentions:
            if b == t.index and o == s:
                k = len(ent.key) if f.startswith(ent.key, o) else max(
                    (len(a) for a in ent.aliases if f.startswith(a, o)), default=0)
                if k and (best is None or k > best[1] - best[0]):
                    best = (o, o + k)
        if best:
            return best
        m = re.search(r"一边|边|正在|一面|首次|再次|依旧|仍然|已经", f[s:e])
        if m and m.start() >= 2:
            np = _parse_np(f[s:s + m.start()])
            if np.kind == "person":
                return s, s + m.start()
        return None

    def speaker_of(self, t: _Text, tr: _Trig) -> _Who | None:
        """Who speaks for trigger ``tr``; None when the phrase is not a plausible speaker."""
        f, raw = t.f, t.raw
        if tr.speakerless:
            return _Who(None, None, "unspecified")
        if tr.inherit is not None:
            if tr.inherit.emitted < 0:
                return None
            src = self.out[tr.inherit.emitted]
            return _Who(src.speaker, None, src.speaker_type, list(src.speaker_title), src.speaker_affiliation,
                        bool(src.speaker_title), coref=True)
        np_text = f[tr.np_s:tr.np_e]
        if _np_rejected(np_text, tr):
            return None
        np = _parse_np(np_text)
        if np.kind == "unspecified":
            tr.speakerless = True
            return _Who(None, None, "unspecified")
        res = self.resolve_np(t, tr, np)
        if res is None:
            return None
        who = res
        who.mention, who.start, who.end = raw[tr.np_s:tr.np_e], tr.np_s, tr.np_e
        if np.kind == "person" and np.titles:  # the mention is the name after the title phrase
            i = f.rfind(np.name, tr.np_s, tr.np_e)
            if i >= 0:
                who.mention, who.start, who.end = raw[i:i + len(np.name)], i, i + len(np.name)
        who.coref = who.coref or tr.zero
        return who

    def emit(self, t: _Text, tr: _Trig) -> None:
        """Turn a trigger into its records: a post-posed direct quote, and/or the content after the cue."""
        f, raw = t.f, t.raw
        n = len(f)
        who = self.speaker_of(t, tr)
        if who is None:
            return
        if tr.doc_only and who.type not in ("document", "organization", "media", "media_unnamed"):
            return  # 显示/表明/发现 report a document or data, never a person
        if tr.relay_s >= 0 and tr.relay_e > tr.relay_s:
            who.relayed_by = raw[tr.relay_s:tr.relay_e].replace("《", "").replace("》", "")
            if f[tr.relay_s:tr.relay_e] in ("报道", "报导", "该报道", "报道中", "该报", "该媒体"):
                ent = _resolve(self.reg, t.index, tr.relay_s, "media")
                who.relayed_by = ent.name if ent else who.relayed_by
        if tr.addr_s >= 0 and tr.addr_e > tr.addr_s:
            who.addressee = raw[tr.addr_s:tr.addr_e]
            outlet = re.sub(r"(?:的)?(?:记者|采访|专访)$", "", who.addressee).replace("《", "").replace("》", "")
            who.outlet = outlet if outlet and outlet != who.addressee else None
        records: list[Quote] = []
        position: Position = "pre"
        # a post-posed direct quote: “C”X说 / “C1，”X说，“C2”
        post = tr.post_quote
        if post is None and tr.inherit is None and tr.region_s > 0 and tr.pattern == "plain":
            k = tr.region_s - 1
            if f[k] in ", " and k > 0:
                k -= 1
            if f[k] in _CLOSERS or f[k] == '"':
                q = t.quote_at_close(k)
                if q and _looks_spoken(f[q[0] + 1:q[1]]):
                    post = q
        if post is not None:
            records.append(self.make(t, tr, who, post[0] + 1, post[1], "direct", "post"))
            position = "split"
        # the content after the cue
        a = tr.content_s
        while a < n and f[a] == " ":
            a += 1
        b = tr.content_e if tr.content_e >= 0 else n
        while b > a and f[b - 1] in " ,;:":
            b -= 1
        if b > a and self.content_ok(t, tr, a, b):
            q = t.quote_at_open(a)
            if q is not None and q[1] in (b - 1, b):
                records.append(self.make(t, tr, who, a + 1, min(q[1], n), "direct", position))
            else:
                frs = _fragments(t, a, b)
                records.append(self.make(t, tr, who, a, b, "mixed" if frs else "indirect", "pre",
                                         [raw[x + 1:y] for x, y in frs]))
        if not records:
            return
        if tr.parent is not None and tr.parent.emitted >= 0:
            for r in records:
                r.parent = tr.parent.emitted
        tr.emitted = len(self.out) + len(records) - 1
        self.out.extend(records)

    def content_ok(self, t: _Text, tr: _Trig, a: int, b: int) -> bool:
        """Reported content, not a noun object: ``表示同意``, ``透露了``, a cue that ends its sentence."""
        f = t.f
        words = len(_HAN.findall(f, a, b)) + len(_WORDS.findall(f, a, b))
        if words < 2:
            return False
        if tr.delim or tr.pattern != "plain":
            return True
        if f[a] in _OPENERS or f[a] == '"':
            return True
        return tr.strong and words >= 4 and f[a] not in "了过着的"

    def make(self, t: _Text, tr: _Trig, who: _Who, a: int, b: int, qtype: QuoteType, position: Position,
             fragments: list[str] | None = None) -> Quote:
        """One record with content ``raw[a:b]``."""
        return Quote(
            speaker=who.speaker, speaker_mention=who.mention, speaker_type=cast(SpeakerType, who.type),
            quote_text=t.raw[a:b], quote_type=qtype, block_index=t.index, start=a, end=b, cue=tr.cue,
            speaker_title=list(who.titles), speaker_affiliation=who.affiliation, title_inherited=who.inherited,
            direct_fragments=fragments or [], relayed_by=who.relayed_by, addressee=who.addressee,
            addressee_outlet=who.outlet, attribution_position=position, coref=who.coref,
            speaker_start=who.start, speaker_end=who.end, cue_start=tr.cue_s, cue_end=tr.cue_e,
        )

    def resolve_np(self, t: _Text, tr: _Trig, np: _NP) -> _Who | None:
        """Canonical speaker, type, titles and affiliation for a parsed phrase; pronouns and short forms resolved."""
        raw, f = t.raw, t.f
        if np.kind == "pronoun":
            if np.name in ("他们", "她们"):
                return _Who(None, None, "unspecified", coref=True)
            ent = _resolve(self.reg, t.index, tr.np_s, "person", gender=_PRONOUNS.get(np.name, ""))
            if ent is None:
                return _Who(None, None, "person", coref=True)  # unresolved: counted as wrong, never guessed
            return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles), True)
        if np.kind == "person":
            ent = self.reg.person(np.name)
            if ent is not None:
                alias = ent.key != np.name
                if np.titles:
                    inherited = not (ent.titles == np.titles and self.first_titled(ent, t.index, tr.np_s))
                    return _Who(ent.name, None, "person", list(np.titles), np.affiliation, inherited, alias)
                return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles), alias)
            i = f.find(np.name, tr.np_s, tr.np_e)
            name_raw = raw[i:i + len(np.name)] if i >= 0 else np.name
            return _Who(name_raw, None, "person", list(np.titles), np.affiliation)
        if np.kind == "short":
            return self.resolve_short(t, tr, np)
        if np.kind in ("person?", "unknown"):
            ent = self.reg.person(np.name) or self.reg.by_key.get(np.name)
            if ent is not None:
                return _Who(ent.name, None, ent.kind, list(ent.titles), ent.affiliation, bool(ent.titles))
            if tr.doc_only and len(np.name) <= 6:
                return _Who(self.phrase(t, tr, np.name), None, "document")  # 领英显示: a platform's data
            if np.kind == "unknown":
                return None
            return _Who(self.phrase(t, tr, np.name), None, "organization" if tr.cue.startswith("发布") else "person")
        ent = self.reg.by_key.get(_NUMCLS.sub("", np.name))
        name = ent.name if ent else self.phrase(t, tr, np.name)
        kind = np.kind
        if kind == "organization" and tr.doc_only and _DOC.search(np.name):
            kind = "document"
        return _Who(name, None, kind, list(np.titles), np.affiliation)

    def resolve_short(self, t: _Text, tr: _Trig, np: _NP) -> _Who:
        """文件 / 该人士 / 这位专家 / 公司 / 张院长: the nearest earlier entity with the same head noun."""
        head = _DEMONSTRATIVE.sub("", np.name)
        if head.endswith("中") and len(head) > 1:
            head = head[:-1]
        surname = ""
        if np.titles and head and head[0] in _SURNAMES_1:  # 张院长
            surname, head = head[0], np.titles[0]
        for want in ("document", "anonymous", "person", "organization"):
            if want == "document" and not _DOC.search(head):
                continue
            if want == "anonymous" and not _ANON.search(head):
                continue
            if want == "person" and not (_TITLE_RE.search(head) or _ANON.search(head)):
                continue
            if want == "organization" and not _ORG_SHORT.fullmatch(np.name):
                continue
            ent = _resolve(self.reg, t.index, tr.np_s, want, head=head)
            if ent is not None and (not surname or ent.key.startswith(surname)):
                return _Who(ent.name, None, ent.kind, list(ent.titles), ent.affiliation, bool(ent.titles), True)
        kind = ("document" if _DOC.search(head) else "organization" if _ORG_SHORT.fullmatch(np.name)
                else "anonymous" if _ANON.search(head) else "person")
        return _Who(self.phrase(t, tr, f"{np.name}"), None, kind, list(np.titles))

    def phrase(self, t: _Text, tr: _Trig, folded: str) -> str:
        """The raw text of ``folded`` inside the speaker span, without 《》 (a canonical phrase)."""
        i = t.f.find(folded, tr.np_s, tr.np_e)
        raw = t.raw[i:i + len(folded)] if i >= 0 else folded
        return raw.replace("《", "").replace("》", "")

    def first_titled(self, ent: _Entity, block: int, pos: int) -> bool:
        """True when the mention at (block, pos) is where ``ent`` is first met (its title is not inherited)."""
        for b, o, e, _ in self.reg.mentions:
            if e is ent:
                return (b, o) >= (block, pos - 40) if b == block else b > block
        return True

    def finish(self) -> list[Quote]:
        order = sorted(range(len(self.out)), key=lambda i: (self.out[i].block_index, self.out[i].start, self.out[i].end))
        new_index = {old: new for new, old in enumerate(order)}
        result = [self.out[i] for i in order]
        for q in result:
            if q.parent is not None:
                q.parent = new_index.get(q.parent)
        return result


def extract_quotes(blocks: Sequence[tuple[str, str]] | Sequence[_BlockLike]) -> list[Quote]:
    """Every attribution in the body ``blocks`` (``(type, text)`` pairs or ``Block`` objects), in text order.

    Subheadings (type ``h``) are read for context (names, titles) but never give
    a quote. Offsets index the blocks' own texts.
    """
    texts = [_prepare(i, kind, text) for i, (kind, text) in enumerate(_blocks(blocks))]
    return _Engine(texts).run()
