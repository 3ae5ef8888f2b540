"""Traditional → simplified Chinese with mainland wording, for text that went through a
Taiwan-style converter (the Wuzhong seed) and for matching names written either way.

OpenCC's ``tw2s`` converts the characters (Taiwan variants included). Its phrase-level sibling
``tw2sp`` is *not* used: on mainland policy text it over-converts words that the original text
really had (建立→创建, 智慧养老→智能养老, 线上→在线, 整合→集成, 指标→指针). Instead, the few
Taiwan phrasings that the forward conversion introduced are undone by the explicit list below,
each checked against the seed.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: Taiwan-style phrasing → mainland wording (applied after character conversion, longest first).
MAINLAND_WORDING: dict[str, str] = {
    "网际网路": "互联网",
    "最佳化": "优化",
    "网路": "网络",
    "数位化": "数字化",
    "中国小": "中小学",
    "套用": "应用",
    # Added after comparing t2s / tw2s / tw2sp on the Wuzhong seed (one line of evidence each):
    "幼稚园": "幼儿园",  # 5×; mainland policy text says 幼儿园 (same text: 在园幼儿, 公办园, 学前教育)
    "人民民众": "人民群众",  # 4×; converter turned 群众 into 民众; 人民民众 is no phrase on either side
    "国中生": "初中生",  # 1×; same converter made 小学→国小 (中小学→中国小), so 初中→国中
    "格线化": "网格化",  # 1×; 全民健身公共服务网格化服务体系: 格线化 is no word; 网格化 is the mainland term
    "主动回响": "主动响应",  # 1×; Sichuan seed prints the same sentence: 精准服务、主动响应的公共服务提供机制
    "机构设定": "机构设置",  # 1×; Guangxi seed prints the same clause: 法律援助机构设置; tw2sp agrees
    "分散式": "分布式",  # 1×; Sichuan seed: 嵌入式、分布式、连锁化、专业化的社区托育服务设施; tw2sp agrees
    "人工智慧": "人工智能",  # 1×; tw2sp agrees
    "智慧型": "智能",  # 3×; s2twp makes 智能→智慧(型); 数字化智慧型化 = 数字化智能化, 智能养老监护, 移动智能终端
    "软硬体": "软硬件",  # 1×; Guangxi/Sichuan print 软硬件标准; tw2sp agrees
}


@lru_cache(maxsize=1)
def _converter():
    import opencc  # lazy: only needed for traditional text

    return opencc.OpenCC("tw2s")


@lru_cache(maxsize=1 << 14)
def to_simplified_character(character: str) -> str:
    """One character in simplified form (no wording list: for telling whether a text is traditional)."""
    return _converter().convert(character)


def to_mainland_simplified(text: str) -> str:
    """Convert ``text`` to simplified characters and mainland wording."""
    converted = _converter().convert(text)
    for taiwan in sorted(MAINLAND_WORDING, key=len, reverse=True):
        converted = converted.replace(taiwan, MAINLAND_WORDING[taiwan])
    return converted


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """Fold full-width forms and spacing so that 执业(助理) matches 执业（助理）."""
    folded = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in folded if not ch.isspace())
