"""Bytes → YAML nodes with line/column → plain data, with every problem as a located Finding.

Numbers become :class:`~decimal.Decimal` built from the text as written (``3.0`` stays ``3.0``,
``0.1`` stays exact), so nothing downstream ever compares floats. Duplicate keys, which PyYAML
silently lets the last one win, are findings here: in plan data the first value would be lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .result import Finding, Location, Severity

try:  # libyaml is several times faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 16 * 1024 * 1024
MAX_NODES = 500_000  # guards against alias bombs ("billion laughs")
MAX_DEPTH = 64

_DECIMAL_TEXT = re.compile(r"[+-]?(\d[\d_]*)?(\.[\d_]*)?([eE][+-]?\d+)?")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded YAML file: its data and where each value (and each key) stands in the file."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def location(self, path: Path_, *, key: bool = False, plan: str | None = None) -> Location:
        """The location of ``path``; for a path that is not in the file (a missing key), the
        nearest enclosing value that is."""
        path = tuple(path)
        if key and path in self.key_marks:
            line, col = self.key_marks[path]
            return Location(self.file, line, col, path, plan)
        probe = path
        while probe not in self.value_marks and probe:
            probe = probe[:-1]
        line, col = self.value_marks.get(probe, (1, 1))
        return Location(self.file, line, col, path, plan)


def _finding(rule: str, file: str, line: int | None, col: int | None, path: Path_ = (), **args: Any) -> Finding:
    return Finding(rule=rule, severity=Severity.ERROR, location=Location(file, line, col, tuple(path)), args=args)


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is allowed) or BOM-marked UTF-16; anything else is a located error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [_finding("PS101", file, line, col, problem="encoding",
                               detail=f"byte 0x{raw[exc.start]:02x}")]


def read_document(path: Path, file: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read and parse ``path``. Returns the document (None when it cannot be parsed) and findings."""
    file = file or str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, [_finding("PS101", file, None, None, problem="too_large", detail=f"{MAX_BYTES // (1024 * 1024)} MiB")]
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [_finding("PS101", file, None, None, problem="directory", detail="")]
    except OSError as exc:
        return None, [_finding("PS101", file, None, None, problem="unreadable", detail=exc.strerror or str(exc))]
    text, findings = decode(raw, file)
    if text is None:
        return None, findings
    return parse_document(text, file)


def parse_document(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(file, None), []
        builder = _Builder(loader, file)
        data = builder.build(node, ())
        doc = Document(file, data, builder.value_marks, builder.key_marks)
        return doc, builder.findings
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        return None, [_finding("PS102", file, line, col, problem=problem)]
    except _TooBig as exc:
        return None, [_finding("PS101", file, exc.line, exc.col, problem="too_complex", detail=str(exc))]
    except yaml.YAMLError as exc:
        return None, [_finding("PS102", file, None, None, problem=str(exc))]
    finally:
        loader.dispose()


class _TooBig(Exception):
    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.line, self.col = line, col


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, loader: Any, file: str):
        self.loader = loader
        self.file = file
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            line, col = _mark(node)
            raise _TooBig(f"more than {MAX_NODES} values or {MAX_DEPTH} levels", line, col)
        self.value_marks.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _mark(key_node)
                raise yaml.MarkedYAMLError(problem="a mapping key must be a plain value", problem_mark=key_node.start_mark)
            key = self._scalar(key_node)
            if isinstance(key, Decimal):
                key = key_node.value
            child = path + (key,)
            if key in out:
                line, col = _mark(key_node)
                first = self.key_marks.get(child, (None, None))
                finding = _finding("PS103", self.file, line, col, child, key=str(key), first_line=first[0])
                finding.related.append(Location(self.file, first[0], first[1], child))
                self.findings.append(finding)
                continue  # keep the first value: a later duplicate must not silently overwrite it
            self.key_marks[child] = _mark(key_node)
            out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            text = node.value
            if _DECIMAL_TEXT.fullmatch(text) and any(ch.isdigit() for ch in text):
                try:
                    return Decimal(text.replace("_", ""))
                except InvalidOperation:
                    pass
            value = self.loader.construct_object(node)
            return Decimal(value) if isinstance(value, int) else value
        return self.loader.construct_object(node)
