"""Traditional → simplified Chinese with mainland wording, for text that went through a
Taiwan-style converter (the Wuzhong seed) and for matching names written either way.

OpenCC's ``tw2s`` converts the characters (Taiwan variants included). Its phrase-level sibling
``tw2sp`` is *not* used: on mainland policy text it over-converts words that the original text
really had (建立→创建, 智慧养老→智能养老, 线上→在线, 整合→集成, 指标→指针). Instead, the few
Taiwan phrasings that the forward conversion introduced are undone by the explicit list below,
each checked against the seed.
"""

from __future__ import annotations

from functools import lru_cache

#: Taiwan-style phrasing → mainland wording (applied after character conversion, longest first).
MAINLAND_WORDING: dict[str, str] = {
    "网际网路": "互联网",
    "最佳化": "优化",
    "网路": "网络",
    "数位化": "数字化",
    "中国小": "中小学",
    "套用": "应用",
}


@lru_cache(maxsize=1)
def _converter():
    import opencc  # lazy: only needed for traditional text

    return opencc.OpenCC("tw2s")


def to_mainland_simplified(text: str) -> str:
    """Convert ``text`` to simplified characters and mainland wording."""
    converted = _converter().convert(text)
    for taiwan in sorted(MAINLAND_WORDING, key=len, reverse=True):
        converted = converted.replace(taiwan, MAINLAND_WORDING[taiwan])
    return converted
