"""Bytes → YAML nodes with line/column → plain data, with every problem as a located Finding.

Numbers become :class:`~decimal.Decimal` built from the text as written (``3.0`` stays ``3.0``,
``0.1`` stays exact), so nothing downstream ever compares floats. Duplicate keys, which PyYAML
silently lets the last one win, are findings here: in plan data the first value would be lost.

Only PyYAML's reader and parser are used; nodes are composed and values built here. PyYAML's own
composer recurses once per nesting level and crashes the process (a C stack overflow, not an
exception) on a few kilobytes of ``[[[[`` or ``- - - -``; its constructors turn YAML 1.1 surprises
(``1:30`` is 90, ``2021-02-30`` raises) into wrong values or stray exceptions. Plan data needs
none of that: keys and dates stay the text written, odd number forms stay text for the value
grammar to judge, and every problem is a located finding: nothing here raises.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .messages import Phrase, phrase
from .result import Finding, Location, Severity

try:  # libyaml is several times faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The suffixes of YAML files: plan files, catalogs, standards and YAML actuals.
YAML_SUFFIXES = (".yaml", ".yml")

MAX_BYTES = 16 * 1024 * 1024
MAX_NODES = 500_000  # guards against alias bombs ("billion laughs")
MAX_DEPTH = 64
MAX_CHARACTER_FINDINGS = 20  # a pasted PDF paragraph can hold hundreds of separators

# Plain decimal notation only: YAML 1.1 also reads 1:30 (base 60), 0x1F, 0b101 and 1_000 as
# numbers, which in plan data are typing slips for the value grammar to report, not numbers.
_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_TAG = "tag:yaml.org,2002:"
_MERGE = _TAG + "merge"
_BOOLS = yaml.constructor.SafeConstructor.bool_values
# What an explicitly tagged scalar must look like, for the message when it does not.
_KINDS = ("null", "bool", "int", "float", "timestamp")  # each said as yaml.kind.<kind>
# Characters YAML refuses outright, plus the three it reads as line breaks where editors do not.
_UNWANTED = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SEPARATORS = {
    "\u2028": "yaml.char.u2028",
    "\u2029": "yaml.char.u2029",
    "\x85": "yaml.char.u0085",
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded YAML file: its data and where each value (and each key) stands in the file."""

    file: str
    data: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: The marks were recorded as the file reads, so that the last of each is the furthest in.
    in_order: bool = False

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


def _line_col(text: str, index: int) -> tuple[int, int]:
    """Line and column of ``text[index]`` as an editor shows them: CR LF, CR and LF end a line,
    U+2028/U+2029/U+0085 do not (PyYAML counts those as well, which shifts every later line)."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    return len(breaks) + 1, index - (breaks[-1].end() if breaks else 0) + 1


def _utf16_byte_order(raw: bytes) -> str | None:
    """ "LE" or "BE" when NUL bytes fill one parity of positions and not the other: the mark of
    mostly-ASCII text (keys, indentation) saved as UTF-16 without a byte-order mark."""
    sample = raw[:65536]
    if b"\0" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) >= 0.3 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "LE"
    if even and even.count(0) >= 0.3 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "BE"
    return None


def decode(raw: bytes, file: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 (a BOM is allowed) or BOM-marked UTF-16; anything else is a located error.

    UTF-16 without a BOM is recognised and named: decoded as UTF-8 it either fails at a
    meaningless byte or "succeeds" with a NUL after every letter."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    order = _utf16_byte_order(raw)
    if order:
        return None, [
            _finding(
                "PS101",
                file,
                1,
                1,
                variant="utf16",
                detail=order,
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [_finding("PS101", file, line, col, variant="encoding", detail=f"0x{raw[exc.start]:02x}")]


def read_document(path: Path, file: str | None = None) -> tuple[Document | None, list[Finding]]:
    """Read and parse ``path``. Returns the document (None when it cannot be parsed) and findings."""
    file = file or str(path)
    raw, findings = read_bytes(path, file)
    return document_from_bytes(raw, file) if raw is not None else (None, findings)


def document_from_bytes(raw: bytes, file: str) -> tuple[Document | None, list[Finding]]:
    """Decode and parse the bytes of a file named ``file``."""
    text, findings = decode(raw, file)
    if text is None:
        return None, findings
    return parse_document(text, file)


def read_bytes(path: Path, file: str, limit: int | None = MAX_BYTES) -> tuple[bytes | None, list[Finding]]:
    """The bytes of a regular file of at most ``limit`` bytes (:data:`MAX_BYTES` for YAML, whose
    nesting and aliases a hostile file can abuse); else None and why."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return None, [_finding("PS101", file, None, None, variant="directory", detail="")]
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device: reading it could block forever
            return None, [_finding("PS101", file, None, None, variant="unreadable", detail=phrase("file.not_regular"))]
        if limit is not None and info.st_size > limit:
            return None, [
                _finding(
                    "PS101",
                    file,
                    None,
                    None,
                    variant="too_large",
                    detail=phrase("file.size", size=limit // (1024 * 1024)),
                )
            ]
        return path.read_bytes(), []
    except IsADirectoryError:
        return None, [_finding("PS101", file, None, None, variant="directory", detail="")]
    except OSError as exc:
        return None, [_finding("PS101", file, None, None, variant="unreadable", detail=os_problem(exc))]


def _check_characters(text: str, file: str) -> list[Finding]:
    """Characters to refuse before YAML sees them, located as an editor counts lines.

    A NUL means the file is not text at all (binary, or UTF-16/32 read as UTF-8). The Unicode
    line and paragraph separators and NEL are invisible, usually pasted from a PDF; YAML reads
    them as line breaks, so a value would be cut in two and every later line number would be off
    by one. They are reported rather than replaced: no replacement is right in every context (a
    space can change indentation, deleting one joins two words), and the author must see them."""
    findings = []
    for match in _UNWANTED.finditer(text):
        char = match.group()
        line, col = _line_col(text, match.start())
        if char == "\0":
            return [
                _finding(
                    "PS101",
                    file,
                    line,
                    col,
                    variant="nul",
                    detail="",
                )
            ]
        if char in _SEPARATORS:
            problem = phrase("yaml.separator", char=phrase(_SEPARATORS[char]))
        else:
            problem = phrase("yaml.invisible", code=f"{ord(char):04X}")
        findings.append(_finding("PS102", file, line, col, problem=problem))
        if len(findings) == MAX_CHARACTER_FINDINGS:
            break
    return findings


def parse_document(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    """Parse YAML text. Never raises: whatever goes wrong is a finding, located where possible.

    The document is None when the text is not usable YAML (any PS101/PS102); duplicate keys
    (PS103) leave a usable document with the first value kept. Every location lies inside the
    text: the parser places the end of the file on a line after the last one."""
    document, findings = _parse(text, file)
    return _inside(text, document, findings)


def _inside(text: str, document: Document | None, findings: list[Finding]) -> tuple[Document | None, list[Finding]]:
    """Locations past the end of the text (the parser's end-of-file mark) moved to its last character."""
    # As many lines, and as long a last one, as _LINE_BREAK.split(text) gives, without the split.
    last_line = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    end = len(text) - max(text.rfind("\n"), text.rfind("\r"))

    def fit(line: int | None, col: int | None) -> tuple[int | None, int | None]:
        if line is None or line < last_line:
            return line, col
        if line > last_line:
            return last_line, end
        return line, min(col, end) if col is not None else col

    def moved(location: Location) -> Location:
        line, col = fit(location.line, location.column)
        return location if (line, col) == (location.line, location.column) else replace(location, line=line, column=col)

    for finding in findings:
        finding.location = moved(finding.location)
        finding.related = [moved(r) for r in finding.related]
    if document is not None:
        for marks in (document.value_marks, document.key_marks):
            # Most files have no mark on their last line; for marks in file order the last one
            # says so, without a loop over thousands of them.
            furthest = (next(reversed(marks.values())) if document.in_order else max(marks.values())) if marks else None
            if furthest is not None and furthest[0] >= last_line:
                for path, (line, col) in marks.items():
                    if line >= last_line:
                        marks[path] = fit(line, col)
    return document, findings


def _parse(text: str, file: str) -> tuple[Document | None, list[Finding]]:
    findings = _check_characters(text, file)
    if findings:
        return None, findings
    builder = _Builder(file)
    in_order = True
    try:
        try:
            builder.loader = _Loader(text)
            data = _direct_build(builder)
        except _NeedsNodes:  # anchors, merges or tags: the two-step path below handles them
            in_order = False  # a merged key's mark is where the key is written, before the merge
            builder.loader.dispose()
            builder = _Builder(file)
            builder.loader = _Loader(text)
            node = builder.compose()
            if node is None:
                return Document(file, None), []
            data = builder.build(node, ())
        if data is _EMPTY:
            return Document(file, None), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else builder.at
        if "nesting depth" in (exc.problem or "") and mark is not None:
            return None, _too_deep(text[: mark.index], file, line, col)
        problem = _parser_problem(exc, text)
        return None, [
            _finding(
                "PS102", file, line, col, problem=problem, variant="quote" if _quoting_may_help(exc, text) else None
            )
        ]
    except _TooBig as exc:
        return None, [_finding("PS101", file, exc.line, exc.col, variant="too_complex", detail=exc.phrase)]
    except (RecursionError, MemoryError) as exc:
        detail = phrase("file.too_deep_to_read" if isinstance(exc, RecursionError) else "file.no_memory")
        return None, [_finding("PS101", file, *builder.at, variant="too_complex", detail=detail)]
    except yaml.YAMLError as exc:  # the reader's errors carry a character position, not a mark
        position = getattr(exc, "position", None)
        line, col = _line_col(text, position) if isinstance(position, int) else builder.at
        detail = str(getattr(exc, "reason", None) or exc)
        return None, [_finding("PS102", file, line, col, problem=phrase("yaml.character", detail=detail))]
    except Exception as exc:  # a bug here must still be a finding for the user, not a traceback
        detail = f"{type(exc).__name__}: {exc}"
        return None, [_finding("PS102", file, *builder.at, problem=phrase("yaml.unforeseen", detail=detail))]
    finally:
        if builder.loader is not None:
            builder.loader.dispose()
    if any(f.rule == "PS102" for f in builder.findings):
        return None, builder.findings
    return Document(file, data, builder.value_marks, builder.key_marks, in_order), builder.findings


def os_problem(exc: OSError) -> Phrase:
    """Why the system would not give a file, in the run's language where the reason is a common one."""
    if isinstance(exc, FileNotFoundError):
        return phrase("file.not_found")
    if isinstance(exc, PermissionError):
        return phrase("file.permission")
    return phrase("file.os_error", detail=exc.strerror or str(exc))


#: PyYAML's complaints (libyaml's and the pure-Python parser's wording) → what the person who edits
#: the file needs to hear. Checked in order; the first whose words all appear wins.
_PARSER_PROBLEMS = [
    (("quoted scalar", "end of stream"), "yaml.unclosed_quote"),
    (("unknown escape",), "yaml.escape"),
    (("tab character",), "yaml.tab"),
    (("block scalar",), "yaml.block_scalar"),
    (("flow",), "yaml.unclosed_flow"),
    (("alias",), "yaml.alias_syntax"),
    (("anchor",), "yaml.alias_syntax"),
    (("tag",), "yaml.tag_syntax"),
    (("directive",), "yaml.directive"),
    (("mapping values are not allowed",), "yaml.colon_in_value"),
    (("could not find expected ':'",), "yaml.missing_colon"),
    (("simple key",), "yaml.missing_colon"),
    (("did not find expected key",), "yaml.indentation"),
    (("expected <block end>",), "yaml.indentation"),
    (("block collection",), "yaml.indentation"),
    (("block mapping",), "yaml.indentation"),
    (("block sequence",), "yaml.indentation"),
    (("'-' indicator",), "yaml.indentation"),
    (("end of stream",), "yaml.end_of_file"),
]


def _parser_problem(exc: yaml.MarkedYAMLError, text: str) -> Phrase:
    """The parser's complaint as a phrase of the catalogs; its own English only where none fits."""
    if isinstance(exc, _Composed):
        return exc.phrase
    said = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
    if "cannot start any token" in said:
        mark = exc.problem_mark
        char = text[mark.index : mark.index + 1] if mark is not None else ""
        return phrase("yaml.tab") if char == "\t" else phrase("yaml.reserved", char=char)
    for words, key in _PARSER_PROBLEMS:
        if all(word in said for word in words):
            return phrase(key)
    return phrase("yaml.other", detail=said)


class _Composed(yaml.composer.ComposerError):
    """A problem the composer here finds (an undefined alias, an anchor defined twice, a second
    document), said as a phrase."""

    def __init__(self, said: Phrase, mark: Any):
        super().__init__(None, None, str(said), mark)
        self.phrase = said


def _too_deep(head: str, file: str, line: int, col: int) -> list[Finding]:
    """The finding for a file nested deeper than :data:`MAX_DEPTH`, located where that limit is
    crossed, whichever part of PyYAML refuses the file first.

    libyaml (PyYAML 6.0.2 and newer) stops at 1,000 levels of flow nesting itself, scanning ahead
    before it hands out a single event, so the composer's own limit never sees the file. ``head``,
    the text up to where libyaml stopped, holds fewer levels than libyaml's limit and more than
    ours, so reading it again is refused by the composer at the place where the limit is crossed.
    """
    _document, findings = parse_document(head, file)
    if findings and findings[0].args.get("variant") == "too_complex":
        return findings[:1]
    return [_finding("PS101", file, line, col, variant="too_complex", detail=phrase("file.nested", depth=MAX_DEPTH))]


#: Parser complaints about a value that YAML read as syntax: a flow collection ({…} […]), a block
#: scalar (> |), an alias, anchor or tag (* & !), a reserved character (@ `). Quoting the value helps.
_QUOTABLE = ("flow", "block scalar", "alias", "anchor", "tag", "directive")


def _quoting_may_help(exc: yaml.MarkedYAMLError, text: str) -> bool:
    if isinstance(exc, _Composed):  # an alias that names no anchor may be a value meant as text
        return exc.phrase.key == "yaml.undefined_alias"
    said = " ".join(p for p in (exc.context, exc.problem) if p)
    if "cannot start any token" in said:  # a reserved character, or a tab where indentation is
        mark = exc.problem_mark
        return mark is not None and text[mark.index : mark.index + 1] in ("@", "`")
    return any(words in said for words in _QUOTABLE)


class _TooBig(Exception):
    def __init__(self, said: Phrase, line: int, col: int):
        super().__init__(str(said))
        self.phrase = said
        self.line, self.col = line, col


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _NeedsNodes(Exception):
    """The document uses what only the two-step builder handles (anchors and aliases, ``<<``
    merges, explicit tags, keys that are not plain text) or meets a limit, whose report the
    two-step builder makes in its own order."""


_EMPTY = object()  # an empty stream
_IMPLICIT = _Loader.yaml_implicit_resolvers  # first character → [(tag, pattern)], as PyYAML resolves


def _direct_build(builder: _Builder) -> Any:
    """Events straight to data and positions, in one pass and without nodes: the same data,
    marks and findings as :meth:`_Builder.compose` then :meth:`_Builder.build` give for the
    documents plan data consists of (no anchors, merges or tags); anything else raises
    :class:`_NeedsNodes`. Plan files are read here about three times as fast. Findings come in
    document order (the two-step builder reports a mapping's duplicate keys before those inside
    its values); every report sorts them by location."""
    loader = builder.loader
    get_event = loader.get_event
    value_marks, key_marks = builder.value_marks, builder.key_marks
    # The event classes and limits as locals: this loop runs for every key and value of every file.
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, mapping_end, sequence_end = yaml.MappingStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
    plain_tags = (None, "!")
    max_depth, max_nodes = MAX_DEPTH, MAX_NODES
    plain, max_plain, max_length = _PLAIN, MAX_PLAIN_TEXTS, MAX_PLAIN_LENGTH
    get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return _EMPTY
    get_event()  # document start
    # The collection being filled: its container, path, whether it is a mapping, and (for a
    # mapping) the marks of the keys seen so far; the enclosing ones wait on the stack. At the
    # root there is no container yet.
    container: Any = None
    base: Path_ = ()
    in_mapping = False
    seen: dict[str, tuple[int, int]] | None = None
    stack: list[tuple[Any, Path_, bool, Any]] = []
    depth = 0  # collections open, the one being filled included
    root: Any = None
    key: Any = None
    nodes = 0
    at = builder.at
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is mapping_end or kind is sequence_end:
                depth -= 1
                if not depth:
                    break
                container, base, in_mapping, seen = stack.pop()
                continue
            if in_mapping:  # a key, then its value
                if kind is not scalar_event or event.anchor is not None or event.tag not in plain_tags:
                    raise _NeedsNodes
                key = event.value
                if key == "<<" and event.implicit[0]:  # a merge key (PyYAML's merge pattern is exactly <<)
                    raise _NeedsNodes
                mark = event.start_mark
                at = (mark.line + 1, mark.column + 1)
                first = seen.get(key)
                if first is not None:  # a duplicate: reported, its value not built (the first is kept)
                    path = base + (key,)
                    finding = _finding("PS103", builder.file, *at, path, key=key, first_line=first[0])
                    finding.related.append(Location(builder.file, first[0], first[1], path))
                    builder.findings.append(finding)
                    reached = [at]
                    try:
                        _skip_value(get_event, depth, reached)
                    finally:
                        at = reached[0]  # also where an error inside the value stopped the reading
                    continue
                seen[key] = at
                path = base + (key,)
                key_marks[path] = at
                event = get_event()  # a key is always followed by its value (an empty one at least)
                kind = type(event)
            elif depth:
                path = base + (len(container),)
            else:
                path = ()
            if kind is alias_event or event.anchor is not None or event.tag not in plain_tags:
                raise _NeedsNodes
            mark = event.start_mark
            at = (mark.line + 1, mark.column + 1)
            nodes += 1
            if nodes > max_nodes:
                raise _NeedsNodes
            value_marks[path] = at  # each path once: without aliases no value is reached twice
            if kind is scalar_event:
                value = text = event.value
                if event.implicit[0]:  # plain: resolved as PyYAML does, a short text once
                    if len(text) > max_length:
                        value = _plain_value(text)
                    else:
                        value = plain.get(text, text)
                        if value is text and text not in plain:
                            value = _plain_value(text)
                            if len(plain) < max_plain:
                                plain[text] = value
            else:
                # A collection starts. Depth grows only here; refusing one that could hold a value
                # past the limit leaves every deeper file to the two-step builder, which reports it.
                if depth >= max_depth:
                    raise _NeedsNodes
                value = {} if kind is mapping_start else []
            if in_mapping:
                container[key] = value
            elif depth:
                container.append(value)
            else:
                root = value
            if kind is scalar_event:
                if not depth:
                    break  # a document that is one scalar
                continue
            if depth:
                stack.append((container, base, in_mapping, seen))
            depth += 1
            container, base = value, path
            if kind is mapping_start:
                in_mapping, seen = True, {}
            else:
                in_mapping, seen = False, None
        get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Composed(phrase("yaml.documents"), get_event().start_mark)
    finally:
        builder.at = at  # the last place read: where an error that stops the reading is reported
    return root


def _skip_value(get_event: Any, depth: int, reached: list[tuple[int, int]]) -> None:
    """Read past the value of a duplicate key (not built; the first value is kept), under the
    same limits as a built value; ``reached[0]`` is kept at the position of the last event read."""
    skipping = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            skipping -= 1
            if not skipping:
                return
            continue
        if kind is yaml.AliasEvent or event.anchor is not None:
            raise _NeedsNodes
        scalar = kind is yaml.ScalarEvent
        if not scalar and depth + skipping >= MAX_DEPTH:
            raise _NeedsNodes
        mark = event.start_mark
        reached[0] = (mark.line + 1, mark.column + 1)
        if not scalar:
            skipping += 1
        elif not skipping:
            return


#: A plain scalar's value by its text, as PyYAML's implicit resolvers give it: plan files repeat
#: their numbers, years, natures and ids, and matching each against the resolvers' patterns again
#: was a sixth of the reading. The values are immutable (text, exact decimals, booleans, None).
#: At most MAX_PLAIN_TEXTS texts of at most MAX_PLAIN_LENGTH characters are kept (a few MB).
_PLAIN: dict[str, Any] = {}
MAX_PLAIN_TEXTS, MAX_PLAIN_LENGTH = 1 << 16, 32


def _plain_value(text: str) -> Any:
    for tag, pattern in _IMPLICIT.get(text[:1], ()):
        if pattern.match(text):
            if tag == _MERGE:
                raise _NeedsNodes
            if tag in _SCALARS:
                return _SCALARS[tag](text)
            break
    return text


_SCALARS = {  # a plain scalar's value by its resolved tag, as _Builder._scalar gives it
    _TAG + "null": lambda text: None,
    _TAG + "bool": lambda text: _BOOLS[text.lower()],
    _TAG + "int": lambda text: _decimal(text),
    _TAG + "float": lambda text: _decimal(text),
}


class _Builder:
    """Composes the parser's events into nodes, then nodes into plain data with positions."""

    def __init__(self, file: str):
        self.loader: Any = None
        self.file = file
        self.value_marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0
        self.at: tuple[int | None, int | None] = (None, None)  # the last place read, for unexpected errors
        self.merge_sources: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    # --- events → nodes -------------------------------------------------------------------

    def compose(self) -> yaml.Node | None:
        """The single document's root node; None for an empty stream. Same rules as PyYAML's
        ``get_single_node``, without its recursion."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        root = self._compose_root()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Composed(phrase("yaml.documents"), loader.get_event().start_mark)
        return root

    def _compose_root(self) -> yaml.Node:
        """A loop over events with an explicit stack of open collections, so nesting depth costs
        no recursion and is refused (at MAX_DEPTH, the builder's limit) where it is crossed."""
        anchors: dict[str, yaml.Node] = {}
        open_: list[yaml.CollectionNode] = []
        keys: list[yaml.Node | None] = []  # for each open mapping, the key waiting for its value
        while True:
            event = self.loader.get_event()
            self.at = _mark(event)
            if isinstance(event, yaml.CollectionEndEvent):
                node = open_.pop()
                keys.pop()
                node.end_mark = event.end_mark
                if not open_:
                    return node
                continue
            if len(open_) > MAX_DEPTH:
                raise _TooBig(phrase("file.nested", depth=MAX_DEPTH), *self.at)
            node = self._node(event, anchors)
            if not open_ and not isinstance(event, yaml.CollectionStartEvent):
                return node
            if open_:
                _attach(open_[-1], keys, node)
            if isinstance(event, yaml.CollectionStartEvent):
                open_.append(node)
                keys.append(None)

    def _node(self, event: yaml.Event, anchors: dict[str, yaml.Node]) -> yaml.Node:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _Composed(phrase("yaml.undefined_alias", name=event.anchor), event.start_mark)
            return anchors[event.anchor]
        if isinstance(event, yaml.ScalarEvent):
            node: yaml.Node = yaml.ScalarNode(
                self._tag(yaml.ScalarNode, event, event.value),
                event.value,
                event.start_mark,
                event.end_mark,
                style=event.style,
            )
        elif isinstance(event, yaml.SequenceStartEvent):
            node = yaml.SequenceNode(
                self._tag(yaml.SequenceNode, event), [], event.start_mark, None, flow_style=event.flow_style
            )
        else:
            node = yaml.MappingNode(
                self._tag(yaml.MappingNode, event), [], event.start_mark, None, flow_style=event.flow_style
            )
        if event.anchor is not None:
            if event.anchor in anchors:
                first = anchors[event.anchor].start_mark.line + 1
                raise _Composed(phrase("yaml.anchor_again", name=event.anchor, line=first), event.start_mark)
            anchors[event.anchor] = node
        return node

    def _tag(self, kind: type, event: yaml.Event, value: str | None = None) -> str:
        if event.tag is None or event.tag == "!":
            return self.loader.resolve(kind, value, event.implicit)
        return event.tag

    # --- nodes → data ---------------------------------------------------------------------

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes += 1
        self.at = _mark(node)
        if self.nodes > MAX_NODES:
            raise _TooBig(phrase("file.too_many_values", count=MAX_NODES), *self.at)
        if len(path) > MAX_DEPTH:  # reachable through aliases, which nest a value again
            raise _TooBig(phrase("file.nested", depth=MAX_DEPTH), *self.at)
        self.value_marks.setdefault(path, self.at)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        out: dict = {}
        for key, (key_node, value_node) in self._entries(node, path).items():
            child = path + (key,)
            self.key_marks[child] = _mark(key_node)  # a merged key points to where it is written
            out[key] = self.build(value_node, child)
        return out

    def _entries(self, node: yaml.MappingNode, path: Path_ | None) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The mapping's entries by key text, "<<" merges applied as YAML defines them: a key
        written in the mapping overrides a merged one, and of several merged mappings the first
        wins. Only a key written twice is a duplicate; the first one is kept.

        Keys are the text as written: ``null``, ``true``, ``1.5`` and ``2021-01-01`` are names
        here, not None, True, a number or a date. ``path`` is None for a mapping read only as a
        merge source: its own problems are reported where it is written, not at every merge."""
        written: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                if path is not None:
                    self._problem(key_node, path, phrase("yaml.key_not_plain"))
                continue
            key = key_node.value
            if key in seen:
                if path is not None:
                    self._duplicate(key_node, path + (key,), seen[key])
                continue
            seen[key] = key_node
            if key_node.tag != _MERGE:
                written[key] = (key_node, value_node)
                continue
            for source in self._merge_sources(value_node, path):
                for name, entry in self._merged(source).items():
                    merged.setdefault(name, entry)
        return {**{k: e for k, e in merged.items() if k not in written}, **written}

    def _merge_sources(self, value: yaml.Node, path: Path_ | None) -> list[yaml.MappingNode]:
        if isinstance(value, yaml.MappingNode):
            return [value]
        if isinstance(value, yaml.SequenceNode) and all(isinstance(v, yaml.MappingNode) for v in value.value):
            return list(value.value)
        if path is not None:
            self._problem(value, path, phrase("yaml.merge"))
        return []

    def _merged(self, source: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A merge source's entries, computed once: chains of merges through aliases would
        otherwise be expanded again at every use, an alias bomb of their own."""
        if id(source) not in self.merge_sources:
            self.merge_sources[id(source)] = {}  # a mapping that merges itself adds nothing more
            self.merge_sources[id(source)] = self._entries(source, None)
        return self.merge_sources[id(source)]

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        """None, a bool, a Decimal or the text as written; never a date, float or other object.

        An explicit tag (``!!int abc``) whose text does not fit it is a finding, not an exception
        from PyYAML's constructors."""
        text = node.value
        kind = node.tag[len(_TAG) :] if node.tag.startswith(_TAG) else node.tag
        if kind in _KINDS and not self._fits(kind, text):
            self._problem(node, path, phrase("yaml.tagged", text=text, kind=phrase(f"yaml.kind.{kind}")))
            return text
        if kind == "null":
            return None
        if kind == "bool":
            return _BOOLS[text.lower()]
        if kind in ("int", "float"):
            return _decimal(text)  # 1:30, 0x1F, .inf stay text
        if kind not in ("str", "timestamp", "value", "merge"):  # dates stay text: 2021-02-30 is no error here
            self._problem(node, path, phrase("yaml.tag", tag=node.tag.replace(_TAG, "!!")))
        return text

    def _fits(self, kind: str, text: str) -> bool:
        implied = self.loader.resolve(yaml.ScalarNode, text, (True, False))[len(_TAG) :]
        return implied in ("int", "float") if kind in ("int", "float") else implied == kind

    def _problem(self, node: yaml.Node, path: Path_, problem: Phrase) -> None:
        self.findings.append(_finding("PS102", self.file, *_mark(node), path, problem=problem))

    def _duplicate(self, key_node: yaml.Node, path: Path_, first: yaml.Node) -> None:
        (line, col), (first_line, first_col) = _mark(key_node), _mark(first)
        finding = _finding("PS103", self.file, line, col, path, key=key_node.value, first_line=first_line)
        finding.related.append(Location(self.file, first_line, first_col, path))
        self.findings.append(finding)


def _decimal(text: str) -> Decimal | str:
    """A number in plain decimal notation as an exact Decimal; anything else (1:30, 0x1F, .inf, an
    exponent beyond Decimal's range) stays text, for the value grammar to judge."""
    if not _DECIMAL_TEXT.fullmatch(text):
        return text
    try:
        return Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation: 1e+99999999999999999999
        return text


def _attach(parent: yaml.CollectionNode, keys: list[yaml.Node | None], node: yaml.Node) -> None:
    """Put ``node`` into the innermost open collection: a sequence item, or a mapping's key or,
    when a key is waiting, its value."""
    if isinstance(parent, yaml.SequenceNode):
        parent.value.append(node)
    elif keys[-1] is None:
        keys[-1] = node
    else:
        parent.value.append((keys[-1], node))
        keys[-1] = None


def peek_plan_id(path: Path) -> str | None:
    """A file's ``plan.id`` from the first events of its YAML, without building the document: how
    a folder is indexed by plan id (a file is parsed in full only when it is checked or is an
    upper plan). None when the file has no ``plan.id`` near its top, or does not read: while
    searching, such a file is not the plan; checking it says why. The same limits apply.

    Peeked once per file per process (a folder's expansion, the run's index and the upper-plan
    lookups all ask): the answer is kept for as long as the name, the file it names (device and
    inode), its size and its time stamps stay."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if key not in _PEEKED:
        if len(_PEEKED) >= 1 << 16:
            _PEEKED.clear()
        _PEEKED[key] = _peek(path)
    return _PEEKED[key]


_PEEKED: dict[tuple, str | None] = {}


def _peek(path: Path) -> str | None:
    raw, _findings = read_bytes(path, str(path))
    if raw is None:
        return None
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\0" in raw:  # binary, or UTF-16 without its mark (a scan of bytes: fast)
        return None
    text, _findings = decode(raw, str(path))
    if text is None or (utf16 and "\0" in text):
        return None
    # UTF-8 goes to the parser as the bytes it is: handed the text, it would encode it again.
    loader = _Loader(text if utf16 else raw)
    try:
        return _first_plan_id(loader)
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError):
        return None
    finally:
        loader.dispose()


def _first_plan_id(loader: Any) -> str | None:
    """Walk the root mapping's events to ``plan:`` → ``id:``; skip every other value unbuilt."""

    def skip(event: yaml.Event) -> None:
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ValueError("too deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1

    def pairs() -> Any:
        """(key text, the value's first event) of the mapping just opened, until its end."""
        while True:
            key = loader.get_event()
            if isinstance(key, yaml.MappingEndEvent):
                return
            if not isinstance(key, yaml.ScalarEvent):  # a complex key: past it, then past its value
                skip(key)
                skip(loader.get_event())
                continue
            yield key.value, loader.get_event()

    while True:
        event = loader.get_event()
        if isinstance(event, yaml.MappingStartEvent):
            break
        if isinstance(event, (yaml.StreamEndEvent, yaml.CollectionStartEvent, yaml.ScalarEvent, yaml.AliasEvent)):
            return None
    for key, value in pairs():
        if key != "plan":
            skip(value)
            continue
        if not isinstance(value, yaml.MappingStartEvent):
            return None
        for inner_key, inner in pairs():
            if inner_key == "id":
                return inner.value if isinstance(inner, yaml.ScalarEvent) and inner.value else None
            skip(inner)
        return None
    return None
