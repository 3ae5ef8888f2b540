"""A draft as YAML text: block style in the file format's key order, every string double-quoted
(a value such as ``{35.13}``, ``>95`` or ``100；100`` must never be read as YAML syntax), with
comments that say where the draft came from and how well each row matched the catalog."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .draft import Draft

_HEADER = (
    "# DRAFT written by `pubsvc extract` from {document}. Every value carries its source quote;\n"
    "# entries with `review: needed` hold a guess (their note says which): check each against the\n"
    "# document, correct it, and remove the key. `pubsvc extract --check {document} THIS_FILE` compares\n"
    "# the file with the document again. For completion in an editor: `pubsvc schema --output\n"
    "# plan.schema.json`, then a first line `# yaml-language-server: $schema=plan.schema.json`.\n"
)


def _scalar(value) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


#: Characters YAML reads as line breaks or does not allow in a file (U+2028, NEL, DEL, C1
#: controls, U+FEFF, U+FFFE): written as \u escapes, which a double-quoted YAML string reads back.
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]")


@lru_cache(maxsize=1 << 14)
def _quoted(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def _emit(node, indent: int, out: list[str], comments: dict[int, str] | None = None) -> None:
    """``node`` in block style at ``indent``; ``comments`` by position, for the items of a list."""
    pad = " " * indent
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)) and value:
                out.append(f"{pad}{key}:")
                _emit(value, indent + 2, out)
            elif isinstance(value, list):
                out.append(f"{pad}{key}: []")
            elif isinstance(value, dict):
                out.append(f"{pad}{key}: {{}}")
            else:
                out.append(f"{pad}{key}: {_scalar(value)}")
        return
    for position, item in enumerate(node):
        if comments and position in comments:
            out.append(f"{pad}# {comments[position]}")
        if isinstance(item, dict) and item:
            inner: list[str] = []
            _emit(item, indent + 2, inner)
            first = inner[0][indent + 2 :]
            out.append(f"{pad}- {first}")
            out.extend(inner[1:])
        elif isinstance(item, list) and item:
            out.append(f"{pad}-")
            _emit(item, indent + 2, out)
        else:
            out.append(f"{pad}- {_scalar(item)}")


def _match_comment(match) -> str:
    if match.method == "exact":
        return f"catalog: {match.id} (name or alias, confidence 100%)"
    if match.method == "fuzzy":
        return f"catalog: {match.id} (similar name, confidence {match.confidence:g}%)"
    if match.method == "duplicate":
        return "catalog: the same indicator as an earlier row; no id"
    closest = ", ".join(match.suggestions) or "none"
    return f"catalog: no match (closest: {closest})"


def render(draft: Draft) -> str:
    document = draft.data["plan"]["source"]["document"]
    out = [_HEADER.format(document=document).rstrip("\n")]
    out += [f"# {comment}" for comment in draft.comments]
    comments = {index: _match_comment(match) for index, match in draft.matches.items()}
    body: list[str] = []
    for key, value in draft.data.items():
        if not value and key != "plan":
            continue
        if key == "indicators":  # each row with a comment line: its catalog match and confidence
            body.append("indicators:")
            _emit(value, 2, body, comments)
        else:
            _emit({key: value}, 0, body)
        body.append("")
    return "\n".join(out + [""] + body).rstrip("\n") + "\n"
