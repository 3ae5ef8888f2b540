"""What the three fuzz harnesses share: the command line, the seed corpus, where crashes go, the
contract checks, and the keep-going mode.

A harness's ``one_input(data)`` returns quietly when the contract holds and raises when it does
not: the package's own exception, or :class:`ContractBroken` for a result that breaks the contract
without an exception (a finding located outside the text, a NaN among the numbers). atheris is
imported only when a harness runs as a program, so that the unit tests can run ``one_input`` on
the seed corpus without it.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
#: Where crash artifacts (libFuzzer's) and keep-going reproducers (ours) are written.
CRASHES = Path(os.environ.get("PUBSVC_FUZZ_CRASHES", "/tmp/fuzz-crashes"))
#: Our own flag, taken out of the arguments before libFuzzer sees them.
KEEP_GOING = "--keep-going"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class ContractBroken(AssertionError):
    """A result that breaks the contract. ``kind`` names the breach, the same for every input that
    breaks it in the same way (the keep-going mode keeps one reproducer per kind)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


def seeds(target: str) -> list[Path]:
    """The seed corpus of one target."""
    return sorted(path for path in (CORPUS / target).iterdir() if path.is_file())


def editor_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor shows them (CR LF, CR and LF end a line)."""
    return _LINE_BREAK.split(text)


def inside(lines: list[str] | list[bytes], line: int | None, column: int | None) -> bool:
    """Whether line/column name a place in the text: an existing line, and a column on it or just
    after its last character."""
    if line is None or column is None or not 1 <= line <= len(lines):
        return False
    return 1 <= column <= len(lines[line - 1]) + 1


def check_numbers(value: Any) -> None:
    """Every number a parsed value states is a finite Decimal (all parts of a compound)."""
    from pubsvc_cli.values import Value

    if not isinstance(value, Value):
        raise ContractBroken("parse_value returned no Value", repr(value))
    number = value.number
    if number is not None and not (isinstance(number, Decimal) and number.is_finite()):
        raise ContractBroken("parsed number not a finite Decimal", f"{value!r}")
    for part in value.parts:
        check_numbers(part)


def check_finite(thing: Any, where: str = "components") -> None:
    """No float NaN or infinity (and no Decimal one) anywhere in ``thing``."""
    if isinstance(thing, float) and not math.isfinite(thing):
        raise ContractBroken("non-finite float", f"{where} = {thing!r}")
    if isinstance(thing, Decimal) and not thing.is_finite():
        raise ContractBroken("non-finite Decimal", f"{where} = {thing!r}")
    if isinstance(thing, dict):
        for key, item in thing.items():
            check_finite(item, f"{where}[{key!r}]")
    elif isinstance(thing, (list, tuple)):
        for index, item in enumerate(thing):
            check_finite(item, f"{where}[{index}]")


def check_rendered(findings: list[Any]) -> None:
    """Every finding's message can be said in both languages (a reporter would crash otherwise)."""
    from pubsvc_cli.messages import Messages

    for lang in ("en", "zh"):
        messages = Messages(lang)
        for finding in findings:
            try:
                messages.finding(finding.rule, finding.args)
            except Exception as exc:
                raise ContractBroken(f"{finding.rule} message does not render", f"{type(exc).__name__}: {exc}") from exc


def signature(exc: BaseException) -> str:
    """The same for every input that fails the same way: the breach, or the exception's type and
    the innermost line of the package that raised it."""
    if isinstance(exc, ContractBroken):
        return f"ContractBroken[{exc.kind}]"
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "pubsvc_cli" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__}@{where}"


def _recording(target: str, one_input: Callable[[bytes], None]) -> Callable[[bytes], None]:
    """``one_input`` that writes the first input of each kind of failure to :data:`CRASHES` (with
    its traceback) and goes on fuzzing, so that one known bug does not end the run."""
    seen: set[str] = set()

    def test(data: bytes) -> None:
        try:
            one_input(data)
        except Exception as exc:
            said = signature(exc)
            if said in seen:
                return
            seen.add(said)
            name = f"{target}-{hashlib.sha1(said.encode()).hexdigest()[:10]}"
            (CRASHES / f"{name}.bin").write_bytes(data)
            report = f"{said}\n\ninput: {data!r}\n\n" + "".join(traceback.format_exception(exc))
            (CRASHES / f"{name}.txt").write_text(report, encoding="utf-8")
            print(f"#keep-going new failure {said} -> {CRASHES / name}.bin", file=sys.stderr, flush=True)

    return test


def run(target: str, one_input: Callable[[bytes], None], *, max_len: int) -> None:
    """Fuzz ``one_input`` with atheris. Without a corpus folder on the command line, new inputs go
    to a fresh temporary folder and the seed corpus is read (never written); crashes go to
    :data:`CRASHES`; the target's dictionary (``<target>.dict``) is used. ``--keep-going`` records
    each kind of failure once and does not stop."""
    import atheris  # only here: the unit tests import the harnesses without it

    argv = list(sys.argv)
    keep_going = KEEP_GOING in argv
    argv = [arg for arg in argv if arg != KEEP_GOING]
    CRASHES.mkdir(parents=True, exist_ok=True)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        work = tempfile.mkdtemp(prefix=f"pubsvc-fuzz-{target}-")
        argv += [work, str(CORPUS / target)]
    defaults = {
        "-max_len=": max_len,
        "-artifact_prefix=": f"{CRASHES}/{target}-",
        "-timeout=": 20,
        "-dict=": HERE / f"{target}.dict",  # the grammar's tokens, which random mutation would seldom hit
    }
    for flag, value in defaults.items():
        if not any(arg.startswith(flag) for arg in argv):
            argv.append(f"{flag}{value}")
    test = _recording(target, one_input) if keep_going else one_input
    atheris.instrument_all()
    atheris.Setup(argv, test)
    atheris.Fuzz()
