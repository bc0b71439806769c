"""Folding: one place for every character table that makes a matching copy of a text.

A folded copy is only ever matched against, never stored. Three folds exist, for three kinds of
matching, all one code point for one code point (except the NFKC step of ``fold_labels``), so an offset
found in the folded copy indexes the original text:

- ``fold_labels`` (extraction's line tests: bylines, notices, chrome, captions): full-width ASCII to
  half-width, NFKC, and the Traditional characters of labels (``T2S_LABEL_CHARS``: 來源, 責任編輯 …) to
  Simplified, so 來源 and 来源 match one pattern;
- ``fold_t2s`` (the quote engine): full-width ASCII, the ideographic space, name dots (``•``, ``・``) and
  every Traditional character of ``T2S`` to Simplified, so a lexicon is written once, in Simplified;
- ``DATE_TABLE`` (date parsing, ``str.translate``): full-width ASCII, every kind of space and control
  character to a space, and the odd colons, dashes and bars of date lines to ASCII.

``T2S`` is the one Traditional→Simplified table; ``fold_labels`` uses the part of it that labels need
(a whole-text conversion there would turn 著作权 into 着作权 and break the notice patterns).
Pure: the standard library only.
"""

from __future__ import annotations

import functools
import re
import unicodedata

FULL_WIDTH: dict[int, int] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
"""Full-width ASCII (``，：？！；（）``, U+FF01–FF5E) to ASCII: exactly what NFKC does to them."""

_PAIRS = (
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
_T2S_MORE = (
    "償偿 嬰婴 腳脚 癮瘾 減减 腸肠 紹绍 螢萤 煥焕 積积 併并 潤润 債债 澀涩 瘍疡 亂乱 氫氢 脹胀 癬癣 噴喷 偉伟 呂吕 "
    "撐撑 雞鸡 掛挂 鵬鹏 錫锡 溼湿 膿脓 緒绪 誘诱 纖纤 疇畴 亞亚 註注 嘔呕 凍冻 燙烫 憶忆 頜颌 噠哒 蠶蚕 紓纾 佔占 "
    "爛烂 繃绷 蘿萝 鈞钧 癒愈 丟丢 渾浑 粧妆 倉仓 涼凉 瀉泻 軋轧 駛驶 燈灯 飾饰 輻辐 槳桨 燉炖 薩萨 轟轰 揮挥 齦龈 "
    "剝剥 塗涂 檻槛 奧奥 癱瘫 鈣钙 狹狭 礦矿 衞卫 棗枣 頎颀 潑泼 鋅锌 濫滥 証证 嚨咙 闌阑 瘧疟 餵喂 鴨鸭 澤泽 颼飕 "
    "綿绵 憊惫 瑩莹 洶汹 瘡疮 瞼睑 勸劝 鉗钳 餚肴 膩腻 擋挡 錚铮 斂敛 輿舆 刪删 滾滚 匱匮 瘓痪 顱颅 嚙啮 痙痉 攣挛 "
    "莢荚 脛胫 娛娱 嘩哗 鳴鸣 淺浅 嘗尝 魷鱿 頹颓 樹树 糞粪 誅诛 鷺鹭 竇窦 輒辄 癡痴 瓏珑 燦灿 籠笼 簾帘 囑嘱 遼辽 "
    "烏乌 濰潍 鮭鲑 飽饱 饑饥 瀾澜 軸轴 鄒邹 濤涛 鏽锈 齲龋 鈺钰 鑼锣 睜睁 吶呐"
)
"""Traditional→Simplified pairs, one character each (source, target)."""
_PAIRS_MORE = (
    "償偿 嬰婴 腳脚 癮瘾 減减 腸肠 紹绍 螢萤 煥焕 積积 併并 潤润 債债 澀涩 瘍疡 亂乱 氫氢 脹胀 癬癣 噴喷 偉伟 呂吕 "
    "撐撑 雞鸡 掛挂 鵬鹏 錫锡 溼湿 膿脓 緒绪 誘诱 纖纤 疇畴 亞亚 註注 嘔呕 凍冻 燙烫 憶忆 頜颌 噠哒 蠶蚕 紓纾 佔占 "
    "爛烂 繃绷 蘿萝 鈞钧 癒愈 丟丢 渾浑 粧妆 倉仓 涼凉 瀉泻 軋轧 駛驶 燈灯 飾饰 輻辐 槳桨 燉炖 薩萨 轟轰 揮挥 齦龈 "
    "剝剥 塗涂 檻槛 奧奥 癱瘫 鈣钙 狹狭 礦矿 衞卫 棗枣 頎颀 潑泼 鋅锌 濫滥 証证 嚨咙 闌阑 瘧疟 餵喂 鴨鸭 澤泽 颼飕 "
    "綿绵 憊惫 瑩莹 洶汹 瘡疮 瞼睑 勸劝 鉗钳 餚肴 膩腻 擋挡 錚铮 斂敛 輿舆 刪删 滾滚 匱匮 瘓痪 顱颅 嚙啮 痙痉 攣挛 "
    "莢荚 脛胫 娛娱 嘩哗 鳴鸣 淺浅 嘗尝 魷鱿 頹颓 樹树 糞粪 誅诛 鷺鹭 竇窦 輒辄 癡痴 瓏珑 燦灿 籠笼 簾帘 囑嘱 遼辽 "
    "烏乌 濰潍 鮭鲑 飽饱 饑饥 瀾澜 軸轴 鄒邹 濤涛 鏽锈 齲龋 鈺钰 鑼锣 睜睁 吶呐"
)
"""More pairs: Traditional characters of Hong Kong and Taiwan news pages the first list missed."""


def _t2s() -> dict[int, int]:
    table: dict[int, int] = {}
    for pair in (_PAIRS + " " + _PAIRS_MORE).split():
        table[ord(pair[0])] = ord(pair[1])
    table[ord("欄")] = ord("栏")  # 專欄 in label lines
    return table


T2S: dict[int, int] = _t2s()
"""The Traditional→Simplified table: one code point to one code point."""

T2S_LABEL_CHARS = "來責編輯記標題發佈時間聞譯審對觀點轉載權聲導覽頁關閱讀熱門參與條網訊電報圖攝區縣價習專欄較書寫連結開啟僅儲劃機構資經濟險議據稱說應復執談論歡禮貿聯顯內廣東華灣亞擊幣腦產張陳劉鄭楊黃趙吳週實係請進問處評於為這從後薦閉視則級話類註許風謹個"
"""The Traditional characters that byline, notice and chrome labels use (來源, 責任編輯, 轉載 …):
``fold_labels`` converts only these (through ``T2S``)."""


# --------------------------------------------------------------------------- fold_labels

_LABEL_T2S: dict[int, int] = {ord(c): T2S[ord(c)] for c in T2S_LABEL_CHARS}
_LABEL_T2S_CHAR = re.compile("[" + "".join(chr(cp) for cp in sorted(_LABEL_T2S)) + "]")
"""Any character ``_LABEL_T2S`` maps: mainland text has none, and then needs no ``translate``
(which looks every character up in a dict)."""
_WIDE_CHAR = re.compile("[\u3000\uff01-\uff5e]")
_NARROW = {chr(src): chr(dst) for src, dst in FULL_WIDTH.items()} | {"\u3000": " "}
"""Full-width ASCII and the ideographic space, and their NFKC forms (one ASCII character each)."""


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


FOLD_CACHED_CHARS = 2000
"""Longest text ``fold_labels`` keeps in its cache: lines, not whole pages, so the cache stays a few MB."""


def fold_labels(text: str) -> str:
    """Copy for pattern matching: full-width ASCII to half-width (NFKC) and Traditional label characters
    to Simplified. Same length as the input whenever NFKC keeps lengths (it does for CJK text).

    Texts up to ``FOLD_CACHED_CHARS`` are cached (1024 of them, more than a page's lines): the line
    passes (caption, notice, byline, chrome, related-heading checks) fold the same line several times.
    """
    return _fold_labels_cached(text) if len(text) <= FOLD_CACHED_CHARS else _fold_labels(text)


def _fold_labels(text: str) -> str:
    """``fold_labels`` itself. Full-width ASCII (``，：（）``) is narrowed first by a regex that touches only
    those characters; NFKC maps them to exactly the same ASCII, so the result does not change, but Chinese
    text then usually passes NFKC's quick check instead of being fully normalised."""
    folded = unicodedata.normalize("NFKC", _WIDE_CHAR.sub(_narrow, text))
    return folded.translate(_LABEL_T2S) if _LABEL_T2S_CHAR.search(folded) else folded


_fold_labels_cached = functools.lru_cache(maxsize=1024)(_fold_labels)


# --------------------------------------------------------------------------- fold_t2s

def _t2s_fold_table() -> dict[int, int]:
    table = dict(FULL_WIDTH)
    table[0x3000] = 0x20
    table[ord("淩")] = ord("凌")  # a variant the Traditional pages use for the surname
    table[0x2022] = 0xB7  # • in 瑪麗•史密斯
    table[0x30FB] = 0xB7  # ・ in 比尔・盖茨
    table.update(T2S)
    return table


T2S_FOLD: dict[int, int] = _t2s_fold_table()
"""``fold_t2s`` as a ``str.translate`` table."""
_T2S_FOLDED = {chr(src): chr(dst) for src, dst in T2S_FOLD.items()}
_T2S_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(T2S_FOLD)) + "]")
"""Any character ``T2S_FOLD`` maps: a regex finds them faster than ``str.translate`` looks up every character."""


def _t2s_char(match: re.Match[str]) -> str:
    return _T2S_FOLDED[match.group()]


def fold_t2s(text: str) -> str:
    """Matching copy, same length as ``text``: ``，：？！；（）`` to ASCII, Traditional to Simplified.

    Same result as ``text.translate(T2S_FOLD)``; only the mapped characters are visited."""
    return _T2S_FOLDABLE.sub(_t2s_char, text)


# --------------------------------------------------------------------------- dates

def _date_table() -> dict[int, int]:
    table = dict(FULL_WIDTH)
    spaces = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA1), *range(0x2000, 0x200E), 0x1680,
              0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF, 0x237D]
    table.update({cp: 0x20 for cp in spaces})  # U+237D is how the spec table renders a no-break space
    table.update({0xFE30: 0x3A, 0xFE55: 0x3A, 0x2236: 0x3A, 0x4E28: 0x7C, 0x2215: 0x2F,
                  0x2010: 0x2D, 0x2011: 0x2D, 0x2012: 0x2D, 0x2013: 0x2D, 0x2212: 0x2D})
    return table


DATE_TABLE: dict[int, int] = _date_table()
"""Date lines' ``str.translate`` table, one code point to one: full-width ASCII, every space and control
character to a space, ``︰﹕∶`` to ``:``, ``丨`` to ``|``, ``∕`` to ``/``, the dashes and minus to ``-``."""
