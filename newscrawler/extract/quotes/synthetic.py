"""Synthetic news text of any size, for scaling checks of the quote engine.

``synthetic_blocks(n_bytes)`` returns ``(type, text)`` body blocks of about
``n_bytes`` UTF-8 bytes of invented Chinese news prose: every paragraph names a
new titled person (so the speaker registry grows with the page, as it does on
huge real pages), refers back with a pronoun and a short form, cites a
document and an anonymous source and quotes someone directly. Deterministic;
all names and statements are invented. Used by ``benchmarks/quotes_scaling.py``
and ``tests/test_quotes_scaling.py``.
"""

from __future__ import annotations

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢"
_GIVEN = "明华强军平伟芳娜敏静丽勇杰涛斌超刚磊洋艳霞峰辉鹏宇飞凯健龙浩亮坤松林波玲晨曦然琦瑶"
_TITLES = ("研究员", "副院长", "首席经济学家", "主任医师", "董事长", "发言人", "教授", "总工程师")
_ORGS = ("东岭材料研究院", "南湾市卫生局", "清河农业科技公司", "北川交通集团", "西溪大学", "海滨港务局")


def person_name(i: int) -> str:
    """The i-th invented name: surname + two given characters (distinct for the first 50,000 values)."""
    g = len(_GIVEN)
    return _SURNAMES[i % len(_SURNAMES)] + _GIVEN[(i // len(_SURNAMES)) % g] + _GIVEN[(i // (len(_SURNAMES) * g)) % g]


def paragraph(i: int) -> str:
    """One invented paragraph (about 230 characters) naming person ``i``."""
    name = person_name(i)
    title = _TITLES[i % len(_TITLES)]
    org = _ORGS[i % len(_ORGS)]
    return (
        f"{org}{title}{name}近日表示，今年第{i % 4 + 1}季度的项目进展顺利，各项指标好于预期。"
        f"他指出，明年还将继续扩大投入，重点支持基层单位的技术改造。"
        f"该{title}还说：“我们会把每一笔资金都用在刀刃上。”"
        f"年度报告显示，相关领域的投资同比增长了{i % 30 + 5}%。"
        f"一位不愿透露姓名的业内人士认为，这一增速在短期内难以维持。"
        f"“风险主要来自外部需求的变化。”{name}说。"
    )


def synthetic_blocks(n_bytes: int) -> list[tuple[str, str]]:
    """Body blocks of about ``n_bytes`` UTF-8 bytes; a subheading every twenty paragraphs."""
    blocks: list[tuple[str, str]] = []
    size = 0
    i = 0
    while size < n_bytes:
        if i % 20 == 0:
            blocks.append(("h", f"第{i // 20 + 1}部分"))
        text = paragraph(i)
        blocks.append(("p", text))
        size += len(text.encode("utf-8"))
        i += 1
    return blocks
