"""Fuzz the value grammar and the progress engine built on it.

The input is UTF-8 text (undecodable bytes replaced), one cell a line. Every line, and the whole
text, goes through ``parse_value``; every two values that parse through ``compare_ambition`` in
both directions. The first two values that parse are a baseline and a target, the others actual
values of the years from the year before the base year on, and that Series goes through
``assess`` (both methods, and as of each year), ``position``, ``meets`` and ``far_beyond``.

Contracts: ``parse_value`` raises only ValueSyntaxError, and a parsed value's numbers are finite
Decimals; ``compare_ambition`` returns an Ambition; the engine never raises and its components
hold no NaN or infinity.

    .venv/bin/python tests/fuzz/fuzz_values.py -max_total_time=300 [--keep-going]
"""

from __future__ import annotations

import itertools
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402
from _harness import ContractBroken, check_finite, check_numbers  # noqa: E402

from pubsvc_cli.progress import Assessment, Method, Series, assess, far_beyond, meets, position  # noqa: E402
from pubsvc_cli.values import Ambition, Direction, Value, ValueSyntaxError, compare_ambition, parse_value  # noqa: E402

MAX_CELLS = 8
BASE_YEAR = 2020


def _parsed(cell: str) -> Value | None:
    try:
        value = parse_value(cell)
    except ValueSyntaxError:
        return None
    check_numbers(value)
    return value


def _check_assessment(result: object) -> None:
    if not isinstance(result, Assessment):
        raise ContractBroken("assess returned no Assessment", repr(result))
    check_finite(result.components)


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    cells = text.split("\n")[:MAX_CELLS]
    _parsed(text)
    values = [v for v in map(_parsed, cells) if v is not None]
    for a, b in itertools.product(values[:4], repeat=2):
        for direction in Direction:
            if not isinstance(compare_ambition(a, b, direction), Ambition):
                raise ContractBroken("compare_ambition returned no Ambition")
    if len(values) < 2:
        return
    direction = Direction.INCREASE if len(data) % 2 == 0 else Direction.DECREASE
    target_year = BASE_YEAR + 1 + len(cells) % 6
    actuals = {BASE_YEAR - 1 + i: v for i, v in enumerate(values[2:])}
    natural_max = Decimal(100) if len(data) % 3 == 0 else None
    series = Series(values[0], values[1], direction, BASE_YEAR, target_year, BASE_YEAR + 1, actuals, natural_max)
    for method in Method:
        for year in (None, *actuals):
            result = assess(series, method, year)
            _check_assessment(result)
            check_finite(position(series, result.actual, result.year), "position")
    for actual in actuals.values():
        meets(actual, series.target, direction, natural_max)
        far_beyond(actual, series.target, direction)


if __name__ == "__main__":
    _harness.run("values", one_input, max_len=256)
