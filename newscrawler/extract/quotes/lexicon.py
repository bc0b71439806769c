"""Speaker lexicons: the word lists and patterns that type a speaker phrase.

Pronouns and first-person words, titles (``院长``, ``首席经济学家``),
organisation, media and document heads, anonymous-source heads (``知情人士``),
surnames and the characters of transliterated names; all matched on folded
text. ``alt`` builds the fast alternation regex every lexicon regex uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def alternatives(words: Iterable[str], suffix: str = "") -> list[str]:
    """Each word, escaped and followed by ``suffix``, longest word first (so the longest one that fits wins)."""
    return [re.escape(w) + suffix for w in sorted(set(words), key=len, reverse=True)]


_Trie = dict[str, "_Trie"]


def alt(words: Iterable[str]) -> str:
    """The words as one regex group that matches the longest word that fits, written as a prefix tree.

    ``主任|主任医师|主席`` becomes ``主(?:任(?:医师)?|席)``: at each character the engine follows one
    branch instead of comparing every word in turn, and a longer word is still tried before a shorter
    one (a tree node's children before its end), so it matches what the longest-first alternation
    matched. Every top-level alternative starts with a literal character, so the regex engine collects
    their first characters and skips the positions where no word starts. Anything in front (a
    lookahead) or a top-level ``|`` between groups hides that set from it, and the scan gets two to five
    times slower.
    """
    root: _Trie = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: _Trie) -> str:
        kids = [re.escape(ch) + branch(node[ch]) for ch in sorted(k for k in node if k)]
        if not kids:
            return ""
        body = "|".join(kids)
        if "" in node:
            return "(?:" + body + ")?"
        return body if len(kids) == 1 else "(?:" + body + ")"

    body = branch(root)
    return body if body.startswith("(?:") else "(?:" + body + ")"


KIN_ONE = re.compile(
    r"(?:母亲|父亲|妈妈|爸爸|奶奶|爷爷|外婆|外公|姥姥|姥爷|妻子|丈夫|老公|老婆|儿子|女儿|哥哥|姐姐|弟弟|妹妹)$"
)
"""One relative named by a kinship noun (小林母亲, 王某的妻子): a single person a 他/她 may refer to."""
POSSESSED_PERSON = re.compile(
    r"的(?:助理|秘书|律师|代理人|代理律师|家属|家人|妻子|丈夫|儿子|女儿|母亲|父亲|同事|朋友|学生|发言人|代表|经纪人)"
    r"|(?:母亲|父亲|妈妈|爸爸|奶奶|爷爷|外婆|外公|姥姥|姥爷|妻子|丈夫|老公|老婆|儿子|女儿|哥哥|姐姐|弟弟|妹妹|家人|家属|亲属|"
    r"家长|一家|家(?![乡里中门园庭境具电住外属人长]))"
)
"""``X的助理``, ``X的律师``, ``小林母亲``, ``小林家``: X is the possessor; the person who follows speaks, not X."""

PRONOUNS = {"他": "m", "她": "f", "其": "", "他们": "p", "她们": "p", "此人": "", "对方": "", "后者": "", "前者": ""}
FIRST_PERSON = frozenset("我 我们 咱们 本人 笔者 你 你们 您 大家 记者 本报记者 本台记者 本刊记者 小编".split())
REPORTER = re.compile(r"记者|笔者|本报|小编|我们?$|^我(?![省市国区县校院司厂局])")
DEMONSTRATIVE = re.compile(r"^(?:该|这位|这名|此位|那位|这些|该名|该位|这|此|上述|这份|这封|这项|该项|该份|此次|这次)")
NUMCLS = re.compile(
    r"^(?:(?:一|两|二(?!手)|三|四|五|六|七|八|九|十)(?:位|名|个|家|封|份|项|篇|则|条|些|批|群)|两(?!成)|"
    r"(?:几|多|数|某)(?:位|名|个|家|封|份|项|篇|则|条|些|批|群)|不少|一些|部分|多名|多位|个别|有的)(?=.)"
)
"""A leading numeral and classifier (一位, 两名, 数家); 几/多/数/某 only with their classifier (数据 stays); a bare
numeral only as 两 (两人): 三星 and 六成市民 keep theirs (a brand, a share in tenths)."""
PERSON_COUNT = re.compile(r"^(?:[十九八七六五四三两二一几多数某]|另一)(?:位|名)(?=.)")
"""A numeral and a classifier that counts people only (一位, 两名, 多位): whoever the noun after it, a person."""
UNIT_WORDS = frozenset("支队 大队 中队 小队 分队 总队 分局 支局 支行 分行 总行 分院 分所 分站 总站 分社 支部 总部".split())
"""The units of a body (交警支队, 东岭分行): after a role word they open no surname and given name (支|队)."""
_TITLE_WORDS = (
    "首席执行官 首席经济学家 首席分析师 首席科学家 首席技术官 首席财务官 首席运营官 首席预报员 经济学家 分析师 研究员 评论员 "
    "董事长 副董事长 总经理 副总经理 总裁 副总裁 总监 经理 主管 董事 监事 董秘 合伙人 创始人 联合创始人 投资人 "
    "院长 副院长 所长 副所长 局长 副局长 处长 科长 厅长 部长 副部长 司长 副司长 主任 副主任 主任医师 副主任医师 "
    "书记 党委书记 副书记 秘书长 副秘书长 市长 副市长 省长 县长 区长 镇长 乡长 村长 主席 副主席 委员 代表 议员 "
    "发言人 新闻发言人 负责人 官员 大使 总统 总理 首相 外长 部长 校长 副校长 行长 副行长 会长 理事长 理事 社长 "
    "站长 馆长 团长 队长 中队长 大队长 组长 主编 总编辑 编辑 记者 教授 副教授 讲师 教师 老师 专家 学者 律师 医生 医师 "
    "护士 工程师 设计师 建筑师 会计师 分析人士 博士 院士 教练 主教练 球员 队员 运动员 民警 警官 法官 检察官 "
    "作者 通讯作者 第一作者 负责人 CEO CTO CFO COO 总 居民 村民 市民 网友 游客 司机 店主 摊主 老板 员工 "
    "志愿者 工作人员 家长 学生 患者 选手 演员 导演 作家 画家 歌手 主持人 研究生 博士生 顾问 特约评论员 高级研究员 "
    "园长 主厨 厨师 店长 老板娘 助理 秘书 领事 总领事 参赞 干事 总干事 大夫 营养师 药剂师 技术员 警员 法医 审判长 检察长 厅长 署长 主播 "
    "立委 立法委员 主委 里长 特首 议长 委员长 党主席 市议员 县议员 区议员 镇长 村主任 警长 法师 牧师 神父 机长 船长 舰长 "
    "支书 村支书 村官 村医 社长 站长 所长 网格员 辅警 协警 城管 保安 总督 知识产权官 董事总经理 执行董事 首席代表 总干事 理事长 常委 政委 参谋长 司令员 司令 将军 上校 中校 少校 部长助理 "
    "编剧 制片人 策划人 消防员 飞行员 导游 博主 总编 总召 召集人 干部 村干部 "
).split()
TITLE_RE = re.compile(alt(_TITLE_WORDS))
TITLE_WORDS = frozenset(_TITLE_WORDS)
TITLE_ENDS = frozenset(w[-1] for w in _TITLE_WORDS)
"""The last characters of the title words: a phrase that ends in none of them ends in no title."""
_TITLE_STARTS = re.compile(
    "[" + "".join(sorted({re.escape(w[0]) for w in _TITLE_WORDS})) + "]"
    + "(?=[" + "".join(sorted({re.escape(w[1]) for w in _TITLE_WORDS if len(w) > 1})) + "])"
    + "".join("|" + re.escape(w) for w in sorted(w for w in _TITLE_WORDS if len(w) == 1))
)
"""Where a title may start: a first character of a title word before a second one (or a one-character title)."""


def title_matches(text: str) -> Iterator[re.Match[str]]:
    """``TITLE_RE.finditer(text)``, the same matches: the tree is tried only where ``_TITLE_STARTS`` finds a title's
    first two characters. Its first characters are common ones (主, 会, 大…), and at each the regex engine walks a
    hundred branches before it fails; two characters rule out most of them in one step."""
    end = 0
    for c in _TITLE_STARTS.finditer(text):
        if c.start() >= end and (m := TITLE_RE.match(text, c.start())) is not None:
            end = m.end()
            yield m


TITLE_MOD = re.compile(r"(?:资深|高级|首席|常务|执行|特约|助理|名誉|荣誉|客座|兼职|独立|副|总|主任|知名|著名)+$")
ORG_SUFFIX_WORDS = (
    "公司 集团 部 局 委 委员会 院 银行 协会 学会 商会 政府 法院 大学 学院 中心 所 署 办 办公室 厅 处 科 之友 "
    "系 队 团队 剧团 乐团 艺术团 代表团 访问团 旅行团 顾问团 智囊团 主席团 机构 基金 基金会 证券 交易所 联盟 "
    "组织 党 馆 社区 医院 学校 企业 平台 实验室 课题组 国务院 联合国 当局 警方 官方 校方 院方 部门 研究会 "
    "联储 台 司 社 报 网 媒体 工厂 车间 店 行 方 海关 人大 政协 消协 侨联 妇联 团委 工商联 港府 澳府 "
    "北约 东盟 欧盟 团体"
).split()
"""Heads that end an organisation's name (公司, 委员会, 海关…), besides 会 after a two-character name."""
ORG_SUFFIX = re.compile("(?:" + alt(ORG_SUFFIX_WORDS) + r"|会(?<=[\u4e00-\u9fff]{2}会)(?<![能将可也就才都还不要]会))$")
MEDIA_UNNAMED = re.compile(r"(?:媒体|外媒|港媒|台媒|日媒|美媒|韩媒|英媒|俄媒|德媒|法媒|官媒|党媒|记者|传媒|外电)$")
MEDIA_WORDS = "通讯社 新闻社 日报 晚报 早报 时报 商报 报 周刊 杂志 电视台 电台 卫视 广播电视总台 新闻网 网 新闻 频道 之声 客户端".split()
"""Outlet heads that end an outlet's name (besides 社, which ``MEDIA`` reads with its exceptions)."""
OWN_OUTLET = frozenset("本报 本台 本刊 本网 本社 本站".split())
"""The paper's own name for itself before 记者 (本报记者): the reporter, never a source."""
MEDIA = re.compile(
    "(?:" + alt(MEDIA_WORDS) + r"|社(?<!旅行社)(?<!合作社)(?<!公社))$|^(?:路透|彭博|美联(?!储)|法新|共同社|塔斯|韩联|CNN|BBC|NHK|Reuters|Bloomberg|AP|AFP|央视|新华)|^《.+》$"
)
DOC_WORDS = (
    "备案文件 文件 报告 数据 声明 公告 通报 调查 研究 财报 年报 季报 公开信 联名信 信 起诉书 判决书 裁定书 通知 意见 方案 规划 纪要 招股书 说明书 白皮书 资料 记录 统计 指南 "
    "措施 办法 规定 条例 法案 草案 版本 诊断 结果 报表 文章 帖子 博文 推文 论文 名单 材料 证据 档案 页面 官网 网站 公示 简历 履历 判决 裁决 协议 合同 文书 截图 录音 民调 "
    "问卷 榜单 排名 评估 测算 监测 数据库 微博 官微 公众号 通告 新闻稿 公报 通函 公函 复函 回复函 电邮 视频 录像 监控 画面 照片 图片 报告单 化验单 检查单 检验单 诊断单 清单 "
    "账单 罚单 病历 处方 诊断书 鉴定书 意见书 决定书 通知书 告知书 建议书 倡议书 计划书 邮件 短信 批复 数字 研报 简报 信息"
).split()
"""Heads that end a document's phrase (报告, 起诉书, 公众号…)."""
DOC = re.compile(alt(DOC_WORDS) + r"$|^《.+》$")
"""A document head ending the phrase, or a whole 《title》; the heads as a prefix tree (``alt``): a search tries
every start, and the tree tries one branch there instead of every head."""
DOC_HEADS = (
    "备案文件 文件 报告 数据 声明 公告 通报 调查 研究 财报 年报 公开信 联名信 信 起诉书 判决书 通知 方案 规划 纪要 "
    "招股书 说明书 白皮书 资料 记录 统计 指南 措施 办法 规定 条例 法案 草案 诊断 结果 论文 名单 档案 判决 协议 合同"
).split()


ANON = re.compile(
    r"(?:人士|知情者|消息人士|官员|负责人|发言人|工作人员|网友|市民|居民|业者|从业者|专家|分析师|学者|律师|高层|管理层|领导层|决策层|员工|"
    r"司机|摊主|店主|游客|球迷|村民|家长|患者|医生|教师|老师|学生|受访者|投资者|消费者|人员|工程师|业内|业界|消息源|消息来源|^来源|客服|"
    r"知情人|内部人士|观察人士|圈内人|学家|代表|同行|同志|渠道|领导|目击者|当事者|参与者|亲历者|旁观者|见证者|研究者|"
    r"使用者|经营者|购买者|决策者|观察者|批评者|支持者|反对者|组织者|管理者|申请者|求职者|志愿者|幸存者|遇难者家属|中介|学子|人)$"
)
SPEAKERLESS = re.compile(r"^(?:也|还|另)?有(?:人|些人|的人|一些人|消息|报道|分析|观点|声音|评论|说法|传言|传闻|数据)$|^(?:市场|坊间|网络|网上|小道)?(?:消息|传言|传闻)$|^(?:外界|舆论|坊间|网上|市场)$")
THERE_IS_ALONE = re.compile(r"(?:也|还|另|更|亦|曾经?|此前|之前|早前|近日|日前)?有")
"""An existential 有 alone before the cue (有报道称): what follows it (the report) is the source."""
PRONOUN_OWNS = re.compile(r"(?:他|她|其|我|你|它)们?的")
"""他的沉默(表明…): a person's act or manner, owned by a pronoun, is no platform whose data speaks (领英显示)."""
BARE_SOURCE = "人士"
"""人士 alone (其中一位人士): a short form of the unnamed sources just named, never a source of its own."""
ABSTRACT_NOUNS = frozenset("历史 经验 事实 实践 现实 时间 岁月 生活 教训 常识 直觉 科学 逻辑 命运 良知 良心 本能 理性 常理".split())
"""Abstract nouns that 'tell us' (历史告诉我们) rhetorically: never an organisation speaking."""
CHANGE_END = re.compile(r"(?:萎缩|下跌|上涨|大跌|大涨|暴跌|回落|下滑|增长|减少|上升|下降|放缓|走高|走低|攀升|飙升|反弹|低迷)$")
"""A phrase ending in a change (成交量萎缩) before 显示/表明: a sign someone reads, no platform whose data speaks."""
ORG_SHORT = re.compile(r"^(?:该|本|这家|此)?(?:公司|集团|企业|银行|行|局|部门|机构|学校|校|医院|院|所|平台)$")

SURNAMES_1 = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭"
    "陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐"
    "易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳"
    "管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮"
    "粟冼蔺楼满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏阎"
    "鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智"
    "幸奉植衡富尧恒"
)
SURNAMES_2 = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 独孤 南宫".split())
NAME_CHARS = frozenset(
    "阿埃艾爱安奥巴贝本比彼波伯布查达戴丹德迪蒂杜多恩法菲费芬弗福盖戈格古哈海汉赫亨华霍吉加贾杰金卡凯坎柯科克肯库拉"
    "莱兰劳勒雷里利林琳隆卢鲁路伦罗洛马麦曼梅门米明莫默穆纳奈尼涅纽诺帕潘佩皮普奇乔切琼萨塞桑森沙舍施什斯松苏索塔泰"
    "坦汤特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬伊因英尤约泽扎詹兹佐娜莎丽娅蕾茨基夫尔顿姆蒙拜登朗普欧考黛薇丝珀妮"
    "翰瑟汀琪茜蒂宾彬堡莱利芙菲曼奥"
) | SURNAMES_1
NAME_SUFFIX = re.compile(r"(?:女士|小姐|先生|阿姨|大爷|大妈|大姐|大哥|师傅|奶奶|爷爷|老师|医生|同学|某|某某)$")
NAME_STOP = frozenset(
    "今在是说表认也还就对把被将的和与等称指透直介强年曾已正于向告坦回补解分来去到从给让为以因又才都均则便即先后要会能"
    "可不没并首再仍却所之而及同跟"
)
LATIN_NAME = re.compile(r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}")
NOT_LATIN_PERSON = re.compile(r"AI|GPT|[A-Z]{2,}|\d|Inc|Corp|Ltd|Lab|Tech|Group|Fold|Pro|Max|Plus")
ROLE_END_WORDS = (
    "小姐 妇女 女子 男子 老人 老汉 老太 小伙 姑娘 少年 少女 青年 男孩 女孩 母亲 父亲 妈妈 爸爸 奶奶 爷爷 外婆 外公 妻子 丈夫 儿子 女儿 外交官 官 高管 高层"
    " 夫妇 夫妻 球迷 粉丝 乘客 旅客 业主 房东 租客 买家 卖家 商户 商家 农户 股东 股民 网民 读者 观众 听众 用户 车主 家属 亲属 邻居 同事 朋友"
    " 干部 党员 农民 商贩 和尚 向导 房客 渔民 牧民 包工头 毕业生 应届生 街坊 街坊邻居 坊众 住户 租户"
).split()
"""Words that end a phrase naming someone by role or kind (妇女, 外交官, 车主…), besides the one-character heads."""
ROLE_END = re.compile("(?:" + alt(ROLE_END_WORDS) + r"|[医师员匠警兵])$")
