"""``--format json``: one JSON object on stdout, for scripts and dashboards."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TextIO

from ..evaluation import headlines
from ..result import Result
from .base import (
    Reporter,
    alignment_dict,
    change_dict,
    finding_dict,
    headline_dict,
    plan_dict,
    progress_dict,
    writes_unicode,
)

FORMAT_VERSION = 1
COMPACT_FROM = 20  # plans


class JsonReporter(Reporter):
    def write(self, result: Result, out: TextIO) -> None:
        heads = headlines(result.plans, result.progress)
        document = {
            "version": FORMAT_VERSION,
            "language": self.messages.lang,
            "plans": [
                {**plan_dict(self, plan), "headline": headline_dict(head)}
                for plan, head in zip(result.plans, heads, strict=True)
            ],
            "findings": [finding_dict(self, f) for f in result.sorted_findings()],
            "progress": [progress_dict(p) for p in result.progress],
            "coverage": [asdict(c) for c in result.coverage],
            "changes": [change_dict(c) for c in result.changes],
            "alignment": [alignment_dict(a) for a in result.alignment],
            "summary": result.summary(),
            "exit_code": result.exit_code(self.fail_on),
        }
        # Indented for a person reading a few plans; compact for a batch, where the indented form
        # would be twice the size and take four times as long to write.
        indent = 2 if len(result.plans) <= COMPACT_FROM else None
        # dumps, not dump: only a one-shot encoding without indent uses the C encoder.
        out.write(json.dumps(document, ensure_ascii=not writes_unicode(out), indent=indent))
        out.write("\n")
