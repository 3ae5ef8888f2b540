"""Quantitative targets stated in prose: ``到2025年，全市学前教育毛入园率达到100.7%``,
``基本医疗保险参保率不低于97.5%``, ``新建幼儿园133所``, ``每个县（市、区）至少建成1所…``,
``严重致残致畸的出生缺陷疾病发生率控制在8.5‰以下``, ``实现应保尽保``.

The text is read clause by clause (a clause ends at ，；。); a clause states a target when a number
with a unit follows a target verb (达到, 提高到, 不低于, 控制在, 保持在, 新建, 建成, 至少, …) or
carries a bound (以上, 以下, 左右). The year comes from the sentence (到2025年, 2023年底) when it
says one. Sections that review the past (发展成效, 发展基础, 现状) are skipped: their numbers are
achievements, not targets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .document import SourceText

#: Verbs after which a number is a level to reach (the name comes before them).
_LEVEL_VERBS = (
    "提高到|提高至|提升到|提升至|增长到|增长至|增加到|增加至|降低到|降低至|下降到|下降至|降至|减少到|"
    "达到|达|控制在|保持在|稳定在|维持在|不低于|不少于|不高于|不超过|超过|高于|大于|低于|小于|发展至|发展到|"
    "在|为"
)
#: Verbs after which a number counts things to build or do (the name is the verb and its object).
_ACTION_VERBS = (
    "新建|建成|建设|建有|均有|筹集|完善|改扩建|续建|打造|扶持|支持|培育|遴选|筹设|筹建|完成|新增|累计|开展|配备|设置|"
    "办好|创建|认定|培养|引进|招聘|提供|实施|推动|落实|争创|布局建设|建立"
)
_MEASURE = (
    r"%|‰|/10万|/万|个百分点|(?:[万亿])?(?:人次|人|名|所|个|家|张|套|户|间|处|座|门|项|次|平方米|元|册|床|支|辆|台|条|类|批)|"
    r"岁|年|公里|小时|分钟|倍"
)
_CN_NUMBER = r"(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])"
_NUMBER = rf"(?:\d+(?:\.\d+)?|{_CN_NUMBER})"
_VALUE = re.compile(
    rf"(?P<pre>至少|不低于|不少于|不高于|不超过|超过|大于|高于|低于|小于|约)?\s*"
    rf"(?P<number>{_NUMBER})(?:\s*[-—–~～至]\s*(?P<upper>{_NUMBER}))?\s*"
    rf"(?P<unit>{_MEASURE})?\s*(?P<post>以上|以下|以内|左右)?"
)
_QUALITATIVE = re.compile(
    r"(?:(?P<verb>实现|达到|做到)(?P<what>[^，,；;。]{0,40}?))?[“\"]?(?P<phrase>应保尽保|全覆盖)[”\"]?"
)
_YEAR = re.compile(r"(?:到|至|在)?\s*(?P<year>20\d{2})\s*年(?:底|前|末)?")
_CLAUSE_END = re.compile(r"[，,；;。！？!?]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_PAST_SECTION = re.compile(
    r"发展成效|发展基础|发展现状|发展短板|存在.{0,2}问题|主要问题|面临.{0,2}挑战|发展环境|取得.{0,4}成[效就]|现状与|回顾|"
    r"“十三五”.{0,6}(?:成就|成效)"
)
_CHAPTER = re.compile(r"^\s*(?:第[一二三四五六七八九十百]+[章节篇]|[一二三四五六七八九十]+、)")
_PAST_WORDS = re.compile(
    r"截至|截止|已达|已经|“十三五”(?:期间|时期|以来)|20(?:1\d|20)年(?:底|末)?[,，]?\s*(?:全[市区省]|我[市区省])"
)
_LEADING = re.compile(
    r"^(?:[，,、\s]*(?:到|至)?\s*20\d{2}\s*年(?:底|前|末)?[，,\s]*|全市|全区|全省|全县|全国|我市|我区|我省|力争|确保|争取|其中|"
    r"并|使|逐步|总体|原则上|计划|推动|推进|以及|和|及|同时|“十四五”(?:期间|时期|末)?|期间)+"
)
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: Verbs whose word the target keeps (不低于97.5% is a floor; 达到/提高到 say nothing more than the number).
_KEPT_VERBS = ("至少", "不低于", "不少于", "不高于", "不超过", "超过")
#: Verbs after a number that make it a starting level (由2020年的90%提高到95%: 90% is no target).
_FROM_LEVEL = re.compile(r"^\s*(?:提高|提升|增长|增加|降低|下降|降|减少|增)(?:到|至)")
#: Full-width ASCII forms (％ ＜ １) to ASCII, one character for one, so that positions stay.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACED_POINT = re.compile(r"(?<=\d)\.(?P<space>[^\S\n]+)(?P<digit>\d)")
_SPLIT_RUN = re.compile(r"\d+(?:\.\d+)?(?:\s+\d+)+\s*%?")


@dataclass(frozen=True)
class ProseTarget:
    name: str  # what the target is about, as the clause words it
    target: str  # the value in the value grammar (达到4.5, 95%以上, 至少1, ≥1；≤2, 应保尽保)
    unit: str | None
    year: int | None
    quote: str  # the clause, verbatim
    line: int
    section: str | None  # the heading the clause stands under
    guessed: tuple[str, ...] = ()  # extract.why.* keys: what a person should check
    printed: str | None = None  # a number the text prints damaged (9 5%): the target is left out


def _number(text: str) -> str:
    return str(_chinese_value(text)) if re.fullmatch(_CN_NUMBER, text) else text


def _chinese_value(text: str) -> int:
    """十 → 10, 十五 → 15, 二十 → 20, 二十三 → 23, 三 → 3."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _value_text(match: re.Match, verb: str | None) -> str | None:
    number = _number(match["number"])
    unit = match["unit"] or ""
    percent = "%" if unit == "%" else ""
    if match["upper"]:
        return f"≥{number}；≤{_number(match['upper'])}"
    pre = match["pre"] or ""
    if match["post"] == "左右":
        return f"约{number}{percent}"
    words = pre if pre else (verb if verb in _KEPT_VERBS else "")
    post = match["post"] if match["post"] in ("以上", "以下", "以内") else ""
    if words and post:
        post = ""  # one comparator is enough (至少…以上 says it twice)
    if verb in ("达到", "达") and not words and not post:
        words = verb
    return f"{words}{number}{percent}{post}"


def find_prose_targets(source: SourceText, skip_lines: set[int] | None = None) -> list[ProseTarget]:
    """Every prose target of the document, in order; ``skip_lines`` (table lines) are not prose."""
    found: list[ProseTarget] = []
    skip = skip_lines or set()
    section = None
    past = False
    for number, text in _paragraphs(source.lines, skip):
        if _is_heading(text):
            section = text
            past = bool(_PAST_SECTION.search(text))
            continue
        if past:
            continue
        found += _line_targets(text, number, section)
    return found


def _is_heading(text: str) -> bool:
    return bool(len(text) < 40 and _CHAPTER.match(text)) or (len(text) < 30 and not re.search(r"[。：:，,；;]", text))


#: How many lines a sentence broken by the extraction (a page break inside a paragraph) may span.
_MAX_JOINED = 3


def _paragraphs(lines: list[str], skip: set[int]) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each paragraph: a line that stops mid-sentence (no 。；！？ at
    its end) is joined with the next, as a page break inside a paragraph splits it."""
    number = 0
    while number < len(lines):
        text = lines[number].strip()
        start = number + 1
        number += 1
        if not text or start in skip:
            continue
        joined = 0
        while not _is_heading(text) and not re.search(r"[。；;！？!?：:”）)]$", text) and joined < _MAX_JOINED:
            following = number
            while following < len(lines) and not lines[following].strip():
                following += 1
            if following >= len(lines) or following + 1 in skip:
                break
            nxt = lines[following].strip()
            if (
                _is_heading(nxt)
                and not re.search(r"[。；;]", nxt)
                or _CHAPTER.match(nxt)
                or re.match(r"\d+[.、．]", nxt)
            ):
                break
            text, number, joined = f"{text} {nxt}", following + 1, joined + 1
        yield start, text


def _line_targets(text: str, line: int, section: str | None) -> Iterator[ProseTarget]:
    start = 0
    for sentence_end in [*(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]:
        sentence = text[start:sentence_end]
        start = sentence_end
        if not sentence.strip() or _PAST_WORDS.search(sentence):
            continue
        year = _sentence_year(sentence)
        clause_start = 0
        for end in [*(m.start() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]:
            clause = sentence[clause_start:end]
            clause_start = end + 1
            yield from _clause_targets(clause, year, line, section)


_SENTENCE_YEAR = re.compile(r"^\s*(?:到|至|在)?\s*(?P<year>20\d{2})\s*年(?:底|前|末)?")


def _sentence_year(sentence: str) -> int | None:
    """The year a sentence aims at: 到2025年 (or 2023年底) anywhere, or a year it starts with."""
    for match in _YEAR.finditer(sentence):
        said = match.group(0)
        if "到" in said or "底" in said or "末" in said or "前" in said:
            return int(match["year"])
    start = _SENTENCE_YEAR.match(sentence)
    return int(start["year"]) if start else None


_LEVEL = re.compile(rf"(?P<verb>{_LEVEL_VERBS})\s*")
_ACTION = re.compile(rf"(?P<verb>{_ACTION_VERBS})\s*")


def _clause_targets(clause: str, year: int | None, line: int, section: str | None) -> Iterator[ProseTarget]:
    """The targets of one clause: usually one; several when it lists them (新建50所、改扩建180所)."""
    text = clause.strip()
    if len(text) < 4:
        return
    qualitative = _QUALITATIVE.search(text)
    if qualitative and (qualitative["verb"] or qualitative["phrase"] == "应保尽保"):
        what = _name(qualitative["what"] or "") or _name(text[: qualitative.start()])
        if what:
            yield ProseTarget(what, qualitative["phrase"], None, year, text, line, section, _why(year))
        return
    # ％ and ＜ read as % and <, and a decimal printed with a space after its point (1. 5) as one
    # number, each in as many characters, so that positions stay; the quote keeps the text as printed.
    scan = _SPACED_POINT.sub(lambda m: "." + m["digit"] + m["space"], text.translate(_FULLWIDTH))
    cursor = 0
    for value in _VALUE.finditer(scan):
        if not value["number"] or value.start() < cursor or _is_year_or_label(scan, value):
            continue
        damaged = _SPLIT_RUN.match(scan, value.start("number"))
        if damaged and re.search(r"\d\s+\d", damaged.group(0)):
            name = _name_before(scan[cursor : damaged.start()])
            if name:
                yield ProseTarget(
                    name, "", None, year, text, line, section, (*_why(year), "lost_point"), damaged.group(0)
                )
            cursor = damaged.end()
            continue
        if _FROM_LEVEL.match(scan[value.end() :]):
            continue  # the level it starts from
        found = _target(scan, cursor, value)
        if found is None:
            continue
        name, target, unit = found
        cursor = value.end()
        yield ProseTarget(name, target, unit, year, text, line, section, _why(year))


def _name_before(before: str) -> str:
    """The name in the words before a value: before its verb, without a 由…/从… starting level."""
    level = _last(_LEVEL, before)
    return _name(_without_start(before[: level.start()] if level else before))


def _without_start(text: str) -> str:
    """学前教育毛入园率由2020年的90% → 学前教育毛入园率."""
    return re.split(r"[由从](?=\s*(?:20\d{2}|\d))", text, maxsplit=1)[0]


def _target(text: str, cursor: int, value: re.Match) -> tuple[str, str, str | None] | None:
    """(name, target, unit) when ``value`` states a target, read with the words before it (since
    the previous target of the clause) and after it."""
    unit = value["unit"]
    after = text[value.end() :]
    if (unit == "岁" and re.match(r"[\u4e00-\u9fff]", after)) or (unit == "年" and after.startswith("级")):
        return None  # an age group or a school year (0—6岁儿童, 3岁以下婴幼儿, 1—3年级), not a value
    if unit not in (None, "%") and after.lstrip().startswith("的") and not (value["pre"] or value["post"]):
        return None  # a qualifier (不足100人的农村小学), not a target; 不少于0.1平方米的标准 is one
    before = text[cursor : value.start()]
    level = _last(_LEVEL, before)
    action = _last(_ACTION, before)
    if re.fullmatch(_CN_NUMBER, value["number"]) and not (
        unit in _COUNT_WORDS - {"批", "支"}
        and (value["pre"] == "至少" or (action and not before[action.end() :].strip()))
    ):
        return None  # 九年, 两个大局, 五个扎实, 一批, 一支队伍: words; 建成一所 is a number
    bounded = value["pre"] or value["post"] or value["upper"]
    shown_unit = "1" + unit if unit in ("/10万", "/万") else unit
    target = _value_text(value, level["verb"] if level else None)
    if level and before[level.end() :].strip() == "" and (unit or bounded) and _name_before(before):
        return _named(_name_before(before), target, shown_unit)
    if unit is None:
        return None
    target = _value_text(value, None)
    thing = _object(after)
    lead = _name(before)
    if action and len(before) - action.end() <= 10:
        if before[: action.start()].endswith("至少") and not target.startswith("至少"):
            target = "至少" + target  # 至少建成1所
        named = _name(action["verb"] + before[action.end() :].strip() + thing)
        if not named:  # 新建50所、改扩建180所（次）普通高中: the thing counted ends the clause
            named = _name(action["verb"] + _tail_object(text))
        return _named(named, target, shown_unit)
    if unit == "%" and after.lstrip().startswith("的"):
        return _named(_name(_object(after.lstrip()[1:])), target, shown_unit)
    if unit in _COUNT_WORDS and thing:
        # A count without a verb: the next of a list (…40所、50个…基地) or a clause that starts with
        # it (对 2 所优抚医院提质升级); a count after other words is context (聚焦全区 12 个民族自治县).
        listing = cursor > 0 and before.rstrip().endswith(("、", "和", "及"))
        if listing or len(lead) <= 2:
            return _named(thing if listing or not lead else _name(lead + thing), target, shown_unit)
        if not (bounded or not after.strip()):
            return None
    if not after.strip() and (unit in _COUNT_WORDS or unit == "%" or bounded):
        return _named(lead, target, shown_unit)
    if bounded or unit == "%":
        return _named(lead or thing, target, shown_unit)
    return None


def _named(name: str, target: str | None, unit: str | None) -> tuple[str, str, str | None] | None:
    return (name, target, unit) if name and target else None


#: Measure words that count things (a count target: 新建幼儿园133所, 50个…基地).
_COUNT_WORDS = {
    "所",
    "个",
    "家",
    "张",
    "门",
    "名",
    "处",
    "座",
    "项",
    "套",
    "户",
    "万套",
    "万户",
    "万张",
    "间",
    "批",
    "条",
    "支",
    "台",
    "万人",
    "万名",
    "人",
    "万人次",
    "人次",
}


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for match in pattern.finditer(text):
        found = match
    return found


def _is_year_or_label(text: str, value: re.Match) -> bool:
    """A year (2025年), a date or a list number (1.、2、) is no target."""
    number = value["number"]
    after = text[value.end() : value.end() + 1]
    if re.fullmatch(r"(?:19|20)\d{2}", number) and (value["unit"] == "年" or after in ("年", "—", "-", "")):
        return True
    return value.start() == 0 and after in (".", "、", "．")


def _tail_object(text: str) -> str:
    """The words that end a clause after its last count (…180所（次）普通高中 → 普通高中)."""
    match = re.search(r"[^\d，,；;。、()（）\s]{2,20}$", text.strip())
    return match.group(0) if match else ""


def _object(after: str) -> str:
    """The thing counted after a number: ``所普通高中`` → 普通高中 (up to the clause's next word break)."""
    match = re.match(r"\s*(?P<object>[^\d，,；;。、]{1,20})", after)
    return match["object"].strip() if match else ""


def _name(text: str) -> str:
    name = _LEADING.sub("", text.strip())
    name = re.sub(r"^[，,、：:\s“”]+|[，,、：:\s“”的]+$", "", name)
    if _ONLY_VERB.fullmatch(name):
        return ""  # 达到, 建成: a verb is no name (the name is in an earlier clause)
    return name if len(name) >= 2 else ""


_ONLY_VERB = re.compile(rf"(?:{_LEVEL_VERBS}|{_ACTION_VERBS})")


def chinese_numbers(text: str) -> str:
    """Chinese numbers up to 九十九 as digits (建成一所 → 建成1所, 十五 → 15), for comparing a
    target with the words that state it."""
    return re.sub(_CN_NUMBER, lambda m: str(_chinese_value(m.group(0))), text)


def _why(year: int | None) -> tuple[str, ...]:
    return ("prose",) if year else ("prose", "year_assumed")
