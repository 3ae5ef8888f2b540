"""The loader's one-pass builder gives exactly what the two-step builder (events → nodes → data)
gives: the same data, positions and findings, on every YAML file of the repository and on
documents made to exercise what only the two-step builder handles."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubsvc_cli import loading

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted(
    path
    for folder in ("data", "tests/cases", "tests/fuzz/corpus/loader", "schema")
    for path in (ROOT / folder).rglob("*")
    if path.is_file() and path.suffix in (".yaml", ".yml", "") and path.stat().st_size < 2_000_000
)
MADE = {
    "duplicate keys, nested": "a: {x: 1, x: [2, 3]}\na: 3\nb:\n  - c: 1\n    c: {d: [1, 2]}\n    e: 2\n",
    "anchors and merges": "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",
    "tags": "a: !!str 12\nb: !!int x\nc: !custom 1\n",
    "scalars of every kind": "a: ~\nb: yes\nc: 1_000\nd: 1.5e3\ne: 2021-02-30\nf: '012'\ng:\nh: =\ni: .inf\n",
    "a key that is a list": "[a, b]: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "a scalar root": "just text\n",
    "empty": "",
    "deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "duplicate with a deep value": "a: 1\na: " + "[" * 66 + "]" * 66 + "\n",
}


def _both(text: str, monkeypatch) -> tuple:
    fast = loading.parse_document(text, "f.yaml")
    with monkeypatch.context() as patch:

        def refuse(builder):
            raise loading._NeedsNodes

        patch.setattr(loading, "_direct_build", refuse)
        slow = loading.parse_document(text, "f.yaml")
    return fast, slow


def _same(fast, slow) -> None:
    (fast_doc, fast_findings), (slow_doc, slow_findings) = fast, slow
    assert sorted(map(repr, fast_findings)) == sorted(map(repr, slow_findings))
    assert (fast_doc is None) == (slow_doc is None)
    if fast_doc is not None:
        assert repr(fast_doc.data) == repr(slow_doc.data)  # repr: Decimal('3.0') is not Decimal('3')
        assert fast_doc.value_marks == slow_doc.value_marks
        assert fast_doc.key_marks == slow_doc.key_marks


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_of_the_repository_reads_the_same_both_ways(path, monkeypatch):
    text, _findings = loading.decode(path.read_bytes(), "f.yaml")
    if text is not None:
        _same(*_both(text, monkeypatch))


@pytest.mark.parametrize("name", MADE)
def test_documents_only_the_two_step_builder_handles_read_the_same(name, monkeypatch):
    _same(*_both(MADE[name], monkeypatch))


def test_plan_files_take_the_one_pass_builder(monkeypatch):
    """The comparison above means something only if plan files do not fall back."""
    fell_back = []
    real = loading._Builder.compose

    def compose(builder):
        fell_back.append(builder.file)
        return real(builder)

    monkeypatch.setattr(loading._Builder, "compose", compose)
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        document, _ = loading.read_document(path)
        assert document is not None
    assert fell_back == []
    loading.parse_document("a: &x 1\nb: *x\n", "alias.yaml")
    assert fell_back == ["alias.yaml"]


def test_an_error_inside_a_duplicate_keys_value_is_placed_where_the_reading_stopped():
    # The value of a duplicate key is read past, not built; an error inside it (here the parser's,
    # which carries its own mark; a MemoryError would not) is placed at the last event read, as
    # the two-step builder places it, not at the duplicate key.
    import yaml

    builder = loading._Builder("f.yaml")
    builder.loader = loading._Loader("a: 1\na: [x\n")
    with pytest.raises(yaml.YAMLError):
        loading._direct_build(builder)
    assert builder.at == (2, 5)
