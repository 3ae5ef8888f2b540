"""Did you mean …? The one way pubsvc finds the known words closest to a mistyped one: a key of
the file format (``traget`` → ``target``), a catalog id or an indicator's name."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

#: Lowest similarity (0–100) at which a word is offered as a suggestion.
CUTOFF = 60


def scored(query: str, choices: Mapping[Hashable, str], *, limit: int, partial: bool = False) -> dict:
    """The ``limit`` keys of ``choices`` whose words are most similar to ``query``, best first,
    with their similarity (0–100); none below :data:`CUTOFF`.

    The similarity is rapidfuzz's ``fuzz.ratio`` (normalised edit distance: right for a mistyped
    key); with ``partial`` it is ``fuzz.WRatio``, which also rewards a name that contains the other
    (a shortened indicator name)."""
    from rapidfuzz import fuzz, process  # lazy: only needed when something is unknown

    if not query:
        return {}
    scorer = fuzz.WRatio if partial else fuzz.ratio
    found = process.extract(query, choices, scorer=scorer, limit=limit, score_cutoff=CUTOFF)
    return {key: score for _word, score, key in found}


def closest(query: str, words: Iterable[str], *, limit: int = 1) -> list[str]:
    """The words most similar to ``query`` (a mistyped key), best first."""
    return list(scored(query, {word: word for word in words}, limit=limit))
