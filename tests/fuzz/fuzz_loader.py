"""Fuzz the YAML loader: ``document_from_bytes`` (decoding included) and ``parse_document``.

Contract: never raises; every problem is a Finding located on a line and column inside the text
(the bytes, for a file that cannot be decoded). Also checked: no finding comes from the loader's
catch-all for its own bugs (``yaml.unforeseen``), a document's data holds only plain values (dict,
list, str, Decimal, bool, None), its value and key marks lie inside the text, and every finding's
message renders in both languages.

    .venv/bin/python tests/fuzz/fuzz_loader.py -max_total_time=300 [--keep-going]
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402
from _harness import ContractBroken, editor_lines, inside  # noqa: E402

from pubsvc_cli.loading import Document, decode, document_from_bytes, parse_document  # noqa: E402
from pubsvc_cli.result import Finding  # noqa: E402

FILE = "fuzz.yaml"
_PLAIN = (str, Decimal, bool, type(None))


def _check_findings(findings: object, lines: list) -> None:
    if not isinstance(findings, list) or not all(isinstance(f, Finding) for f in findings):
        raise ContractBroken("findings are not a list of Finding", repr(findings))
    for finding in findings:
        problem = finding.args.get("problem")
        if getattr(problem, "key", None) == "yaml.unforeseen":
            detail = str(problem.args.get("detail", ""))
            raise ContractBroken(f"loader catch-all reached: {detail.split(':')[0]}", detail)
        for location in (finding.location, *finding.related):
            if location.file != FILE:
                raise ContractBroken("finding names another file", repr(location))
            if not inside(lines, location.line, location.column):
                problem = finding.args.get("problem") or finding.args.get("detail")
                kind = f"{finding.rule} {getattr(problem, 'key', finding.args.get('variant'))} located outside the text"
                raise ContractBroken(kind, f"{location.line}:{location.column} in {len(lines)} line(s)")
    _harness.check_rendered(findings)


def _check_data(data: object, depth: int = 0) -> None:
    if isinstance(data, dict):
        for key, item in data.items():
            if not isinstance(key, str):
                raise ContractBroken("a key that is not text", repr(key))
            _check_data(item, depth + 1)
    elif isinstance(data, list):
        for item in data:
            _check_data(item, depth + 1)
    elif not isinstance(data, _PLAIN):
        raise ContractBroken("a value of another type", type(data).__name__)


def _check_parsed(document: object, findings: object, text: str) -> None:
    lines = editor_lines(text)
    _check_findings(findings, lines)
    if document is None:
        return
    if not isinstance(document, Document):
        raise ContractBroken("document is not a Document", repr(document))
    _check_data(document.data)
    for marks in (document.value_marks, document.key_marks):
        for path, (line, column) in marks.items():
            if not inside(lines, line, column):
                raise ContractBroken("document mark outside the text", f"{path}: {line}:{column}")


def one_input(data: bytes) -> None:
    """Load ``data`` as a file's bytes; when they do not decode, parse them as text as well."""
    document, findings = document_from_bytes(data, FILE)
    text, _ = decode(data, FILE)
    if text is not None:
        _check_parsed(document, findings, text)
        return
    if document is not None or not findings:
        raise ContractBroken("undecodable bytes gave a document or no finding")
    _check_findings(findings, data.split(b"\n"))
    lenient = data.decode("utf-8", "replace")
    _check_parsed(*parse_document(lenient, FILE), lenient)


if __name__ == "__main__":
    _harness.run("loader", one_input, max_len=8192)
