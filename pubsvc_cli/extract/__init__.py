"""``pubsvc extract``: draft a plan file from a plan document's plain text, for a person to review,
and compare a hand-made plan file with its document (``--check``).

document (decode, normalise) → tables / prose / tasks / services (find) → draft (match with the
catalog and the standard, flag guesses) → writing (YAML). Each step is its own module; nothing
here knows a particular plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..result import Finding
from .draft import Draft, Options, build_drafts
from .writing import render

__all__ = ["Draft", "Options", "Extraction", "extract_document", "default_plan_id", "draft_paths"]


@dataclass
class Extraction:
    drafts: list[Draft]
    texts: list[str]  # each draft as YAML
    problems: list[Finding]  # the draft does not validate: a bug of the extractor, never written
    converted: bool = False  # the document was in traditional characters, read as simplified


def default_plan_id(document: Path) -> str:
    """The file name as a plan id (``my-city-plan.txt`` → ``my-city-plan``); ``draft`` when
    the name has no Latin letters or digits."""
    slug = re.sub(r"[^a-z0-9]+", "-", document.stem.lower()).strip("-")
    return slug if slug and slug[0].isalnum() else "draft"


def draft_paths(out: Path, drafts: list[Draft]) -> list[Path]:
    """Where each draft goes: the first to ``out``, an earlier period's beside it, named by its id."""
    suffix = "".join(out.suffixes) or ".yaml"
    return [out] + [out.with_name(f"{draft.plan_id}{suffix}") for draft in drafts[1:]]


def extract_document(
    path: Path, file: str, repository, options: Options, step: Callable[[str], None] | None = None
) -> tuple[Extraction | None, list[Finding]]:
    """Read the document and draft its plan files; (None, findings) when it cannot be read."""
    from ..coverage import standard_index
    from ..loading import parse_document
    from ..plans import plan_from_document
    from .document import read_source

    source, findings = read_source(path, file)
    if source is None:
        return None, findings
    catalog = repository.catalog[0]
    standard, _ = repository.service_standard
    drafts = build_drafts(source, catalog, standard_index(standard) if standard else None, options, step=step)
    texts = [render(draft) for draft in drafts]
    problems: list[Finding] = []
    for draft, text in zip(drafts, texts, strict=False):
        document, found = parse_document(text, f"{draft.plan_id}.yaml")
        if document is not None:
            _plan, more = plan_from_document(document, catalog)
            found += more
        problems += found
    return Extraction(drafts, texts, problems, source.converted), []
