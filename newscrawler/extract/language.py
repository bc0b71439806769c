"""Which written form of Chinese a text uses: ``zh-Hans`` or ``zh-Hant``.

Counts characters that exist only in one of the two scripts (a short list of
frequent pairs such as 国/國, 这/這, 说/說). Enough to tell a Taiwan or Hong Kong
page from a mainland one; not a general language identifier.
"""

from __future__ import annotations

import re

from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import has_cjk

_PAIRS = (
    "国國 这這 说說 时時 来來 对對 学學 经經 发發 后後 与與 关關 个個 过過 还還 实實 现現 点點 电電 体體 "
    "区區 长長 开開 问問 们們 当當 机機 将將 从從 应應 认認 进進 产產 报報 业業 条條 会會 为為 东東 车車 "
    "门門 马馬 鱼魚 鸟鳥 飞飛 见見 气氣 书書 话話 语語 让讓 钱錢 银銀 岁歲 乐樂 师師 导導 选選 总總 战戰 "
    "线線 网網 图圖 万萬 华華 买買 卖賣 价價 亿億 单單 变變 难難 观觀 权權 领領 统統 务務 设設 计計 视視 "
    "际際 众眾 级級 办辦 职職 记記 许許 议議 证證 调調 质質 转轉 输輸 运運 边邊 达達 远遠 连連 间間 "
)
_SIMPLIFIED = frozenset(p[0] for p in _PAIRS.split())
_TRADITIONAL = frozenset(p[1] for p in _PAIRS.split())
_SIMPLIFIED_CHAR = re.compile("[" + "".join(sorted(_SIMPLIFIED)) + "]")
_TRADITIONAL_CHAR = re.compile("[" + "".join(sorted(_TRADITIONAL)) + "]")
"""The same sets as character classes: the regex engine counts them without a Python loop per character."""


def detect_language(text: str, declared: str | None = None, options: Options = DEFAULT_OPTIONS) -> str | None:
    """``zh-Hans``/``zh-Hant`` for Chinese text (``options.chinese_min`` CJK characters in the first 4,000);
    the declared ``lang`` when the text is not Chinese."""
    sample = text[:4000]
    if not has_cjk(sample, options.chinese_min):
        return declared.strip() if declared and declared.strip() else None
    simp = len(_SIMPLIFIED_CHAR.findall(sample))
    trad = len(_TRADITIONAL_CHAR.findall(sample))
    return "zh-Hant" if trad > simp else "zh-Hans"
