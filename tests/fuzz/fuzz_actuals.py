"""Fuzz the actuals table interpreter: CSV text → ``records`` → ``table_rows`` with the shipped
catalog.

Contract: never raises. Also checked: the results are lists of ActualRow and Finding, every row's
value states only finite Decimals, and every finding's message renders in both languages.

    .venv/bin/python tests/fuzz/fuzz_actuals.py -max_total_time=300 [--keep-going]
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402
from _harness import ContractBroken, check_numbers  # noqa: E402

from pubsvc_cli.actuals.csv_reader import records  # noqa: E402
from pubsvc_cli.actuals.rows import ActualRow, table_rows  # noqa: E402
from pubsvc_cli.catalog import CatalogIndex  # noqa: E402
from pubsvc_cli.repository import Repository  # noqa: E402
from pubsvc_cli.result import Finding  # noqa: E402

FILE = "fuzz.csv"


@cache
def catalog() -> CatalogIndex:
    return Repository().catalog[0]


def one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    table, findings = records(text, FILE)
    if table is None:
        if not findings:
            raise ContractBroken("no table and no finding")
    else:
        rows, problems = table_rows(table, catalog())
        if not all(isinstance(row, ActualRow) for row in rows):
            raise ContractBroken("a row that is not an ActualRow", repr(rows))
        for row in rows:
            check_numbers(row.value)
        findings = findings + problems
    if not all(isinstance(f, Finding) for f in findings):
        raise ContractBroken("findings are not a list of Finding", repr(findings))
    _harness.check_rendered(findings)


if __name__ == "__main__":
    _harness.run("actuals", one_input, max_len=4096)
