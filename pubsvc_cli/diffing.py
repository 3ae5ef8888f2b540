"""What changed between two versions of a plan, indicator by indicator, and whether it weakens
the plan: the review a pull request to plan data needs.

Indicators are paired by catalog id (by name when one is not in the catalog). For each pair the
target, baseline, nature and unit are compared:

* **target** — strengthened or weakened by the same direction-aware comparison the rules use
  (``compare_ambition``); weakened when it is erased (``—``), strengthened when one is set where
  there was none; re-worded when the commitment is the same in other words (``98`` and ``98%``,
  ``97.5`` and ``不低于97.5%``); changed when the two cannot be compared;
* **nature** — 预期性 → 约束性 strengthens, 约束性 → 预期性 weakens;
* **unit** — a different unit makes the values incomparable;
* **baseline** — revised (a correction of statistics, reported for the reviewer).

The versions come from two files (``pubsvc diff OLD NEW``) or from the working tree and a git
revision (``pubsvc diff --base REF``); waivers of PS6xx rules in the new version apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .loading import Document, decode, parse_document, read_document
from .locations import display_path
from .model.enums import Nature
from .normalise import normalise_name
from .plans import LoadedPlan, Resolved, is_plan_document, load_plan, plan_from_document
from .repository import Repository
from .result import Finding, Location, Result
from .rules import REGISTRY
from .values import Ambition, compare_ambition
from .waivers import apply_waivers


@dataclass
class Change:
    plan: str
    indicator: str | None  # catalog id
    indicator_name: str
    field: str  # indicator, target, baseline, nature, unit
    kind: str  # strengthened, weakened, added, removed, reworded, changed, revised
    old: str | None
    new: str | None
    location: Location  # in the new version (for a removed indicator: where the indicators are)
    nature: Nature | None = None  # the old nature, which decides how serious a weakening is
    old_location: Location | None = None  # the same place in the old version, when it has one


#: change kind (and field) → the rule code that reports it
CHANGE_RULES = {
    ("target", "weakened"): "PS601",
    ("indicator", "removed"): "PS602",
    ("nature", "weakened"): "PS603",
    ("target", "strengthened"): "PS604",
    ("nature", "strengthened"): "PS604",
    ("indicator", "added"): "PS605",
    ("target", "reworded"): "PS606",
    ("target", "changed"): "PS607",
    ("unit", "changed"): "PS607",
    ("baseline", "revised"): "PS608",
}


def _key(row: Resolved) -> str:
    return row.entry.id if row.entry is not None else "name:" + normalise_name(row.indicator.name)


def diff_plans(old: LoadedPlan | None, new: LoadedPlan | None) -> list[Change]:
    """Every change from ``old`` to ``new`` (either may be None: a plan added or removed)."""
    plan_id = (new or old).id
    old_rows = {_key(r): r for r in (old.rows if old else [])}
    new_rows = {_key(r): r for r in (new.rows if new else [])}
    changes: list[Change] = []
    for key, row in old_rows.items():
        if key not in new_rows:
            location = new.location(("indicators",), key=True) if new else old.location(row.path)
            changes.append(
                _row_change(plan_id, row, "removed", str(row.indicator.target), None, location, old.location(row.path))
            )
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            changes.append(_row_change(plan_id, row, "added", None, str(row.indicator.target), new.location(row.path)))
            continue
        changes += _compare(plan_id, before, row, old, new)
    return changes


def _row_change(
    plan_id: str,
    row: Resolved,
    kind: str,
    old: str | None,
    new: str | None,
    location: Location,
    old_location: Location | None = None,
) -> Change:
    """A whole indicator added or removed, with the nature it has (or had)."""
    return Change(
        plan_id,
        row.entry.id if row.entry else None,
        row.indicator.name,
        "indicator",
        kind,
        old,
        new,
        location,
        row.indicator.nature,
        old_location,
    )


def _compare(plan_id: str, before: Resolved, after: Resolved, old: LoadedPlan, new: LoadedPlan) -> list[Change]:
    old_ind, new_ind = before.indicator, after.indicator
    entry = after.entry or before.entry
    out: list[Change] = []

    def change(field: str, kind: str, old_value: str | None, new_value: str | None) -> None:
        out.append(
            Change(
                plan_id,
                entry.id if entry else None,
                new_ind.name,
                field,
                kind,
                old_value,
                new_value,
                new.location(after.path + (field,)),
                old_ind.nature,
                old.location(before.path + (field,)),
            )
        )

    same_unit = normalise_name(old_ind.unit) == normalise_name(new_ind.unit)
    if not same_unit:
        change("unit", "changed", old_ind.unit, new_ind.unit)
    if old_ind.target.text != new_ind.target.text:
        erased, set_anew = new_ind.target.is_missing, old_ind.target.is_missing
        if erased or set_anew:
            # A target erased commits the plan to nothing (as a removed indicator would); a target
            # set where there was none commits it to something, whatever the unit.
            kind = "reworded" if erased and set_anew else "weakened" if erased else "strengthened"
            change("target", kind, str(old_ind.target), str(new_ind.target))
        elif not same_unit or entry is None:
            change("target", "changed", str(old_ind.target), str(new_ind.target))
        else:
            weaker = compare_ambition(new_ind.target, old_ind.target, entry.direction)
            stronger = compare_ambition(old_ind.target, new_ind.target, entry.direction)
            if Ambition.INCOMPARABLE in (weaker, stronger):
                kind = "changed"
            elif weaker is Ambition.WEAKER:
                kind = "weakened"
            elif stronger is Ambition.WEAKER:
                kind = "strengthened"
            else:
                kind = "reworded"
            change("target", kind, str(old_ind.target), str(new_ind.target))
    if old_ind.nature != new_ind.nature:
        if old_ind.nature is Nature.BINDING:
            kind = "weakened"
        elif new_ind.nature is Nature.BINDING:
            kind = "strengthened"
        else:
            kind = "revised"
        if kind != "revised":
            change("nature", kind, _nature(old_ind.nature), _nature(new_ind.nature))
    if old_ind.baseline.text != new_ind.baseline.text and old_ind.baseline.canonical() != new_ind.baseline.canonical():
        change("baseline", "revised", str(old_ind.baseline), str(new_ind.baseline))
    return out


def _nature(nature: Nature | None) -> str:
    return nature.value if nature else "—"


def change_findings(changes: list[Change]) -> list[Finding]:
    """The findings a reviewer sees, with the severities their rules declare: weakening or
    removing a binding commitment is an error."""
    findings = []
    for c in changes:
        code = CHANGE_RULES.get((c.field, c.kind))
        if code is None:
            continue
        findings.append(
            Finding(
                code,
                REGISTRY[code].severity_for(c.nature),
                c.location,
                plan=c.plan,
                indicator=c.indicator,
                indicator_name=c.indicator_name,
                related=[c.old_location] if c.old_location else [],
                args={
                    "field": c.field,
                    "kind": c.kind,
                    "old": c.old or "—",
                    "new": c.new or "—",
                    "nature": _nature(c.nature),
                    "variant": "unit" if (code, c.field) == ("PS607", "unit") else None,
                },
            )
        )
    return findings


# --- the diff job: versions from files or from git ---------------------------------------------


def diff_files(old_path: Path, new_path: Path, repository: Repository) -> Result:
    """Compare two plan files."""
    catalog = repository.catalog[0]
    old, old_findings = load_plan(old_path, catalog, display_path(old_path))
    new, new_findings = load_plan(new_path, catalog, display_path(new_path))
    return _diff_result([(old, new, old_findings + new_findings)])


def diff_revision(revision: str, paths: list[Path], repository: Repository) -> Result:
    """Compare plan files in the working tree with their version at a git revision. Files that are
    plans in neither version (a catalog, actual values) are left to ``validate``. A folder among
    ``paths`` stands for the changed YAML files below it."""
    from .gitrev import changed_files, check_revision, file_at, untracked_files

    check_revision(revision)
    catalog = repository.catalog[0]
    folders = [p for p in paths if p.is_dir()]
    files = [p for p in paths if not p.is_dir()]
    untracked: list[Finding] = []
    if folders or not paths:
        files += changed_files(revision, folders)
        untracked = [finding for path in untracked_files(folders) if (finding := _untracked(path)) is not None]
    pairs = []
    for path in files:
        old_document, findings = _document_at(revision, path, file_at(revision, path))
        new_document, problems = read_document(path, display_path(path)) if path.is_file() else (None, [])
        findings += problems
        if not (is_plan_document(old_document) or is_plan_document(new_document) or findings):
            continue
        versions = []
        for document in (old_document, new_document):
            loaded, problems = plan_from_document(document, catalog) if is_plan_document(document) else (None, [])
            findings += problems
            versions.append(loaded)
        pairs.append((*versions, findings))
    result = _diff_result(pairs)
    result.findings += untracked
    return result


def _untracked(path: Path) -> Finding | None:
    """PS609 for a plan file git does not track: it is not compared (``git add`` it, and it is
    compared as a new plan)."""
    document, _problems = read_document(path, display_path(path))
    if not is_plan_document(document):
        return None
    return Finding("PS609", REGISTRY["PS609"].severity, document.location(()), args={"file": document.file})


def _document_at(revision: str, path: Path, raw: bytes | None) -> tuple[Document | None, list[Finding]]:
    """The document of ``path`` at ``revision`` (None when it did not exist), named ``REV:path``."""
    if raw is None:
        return None, []
    label = f"{revision}:{path.as_posix()}"
    text, findings = decode(raw, label)
    return parse_document(text, label) if text is not None else (None, findings)


def missing_paths(revision: str, paths: list[Path]) -> list[Path]:
    """Paths that exist neither in the working tree nor at ``revision``."""
    from .gitrev import file_at

    return [p for p in paths if not p.exists() and file_at(revision, p) is None]


def _diff_result(pairs: list[tuple[LoadedPlan | None, LoadedPlan | None, list[Finding]]]) -> Result:
    result = Result()
    for old, new, findings in pairs:
        result.record_data_problems(findings)
        if old is None and new is None:
            continue
        changes = diff_plans(old, new)
        found = change_findings(changes)
        if new is not None:
            found += apply_waivers(new, found, for_diff=True)
        result.findings += found
        result.changes += changes
        result.plans.append((new or old).summary())
    return result
