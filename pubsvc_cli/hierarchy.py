"""The plans of a run as one graph: which file each plan id means, each file parsed once, and the
chain of upper plans of every plan (its upper plan, that plan's upper plan, … up to the nation).

An id is looked up, in this order: the plans the run checks; the folder of the plan whose upper
plan is sought; the ``--data-dir`` folders; the shipped data. So a user's own plan shadows a
shipped plan with the same id, and the report says which file each id resolved to. A folder is
indexed by id once (the id is peeked from the top of each file, which costs a small share of a
full parse), so files need not be named ``<id>.yaml``.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from .catalog import CatalogIndex
from .loading import YAML_SUFFIXES, peek_plan_id
from .locations import display_path
from .plans import LoadedPlan, load_plan
from .repository import Repository
from .result import Finding

#: Loaded plans kept for reuse as upper plans, the most recently used. A county is never an
#: upper plan and is not kept; a batch in folder order needs only the current province and city
#: (and the nation) at any moment, so a few dozen suffice, and memory stays flat.
KEEP_LOADED = 64


@dataclass
class Chain:
    """The upper plans of one plan, nearest first, as far as they load; and why the chain stops
    short of the nation when it does."""

    ancestors: list[tuple[LoadedPlan, str]] = field(default_factory=list)  # (plan, the file its id resolved to)
    problem: str | None = None  # not_found, invalid, self or cycle: about the direct upper plan
    cycle: list[str] = field(default_factory=list)
    missing_id: str | None = None  # the id that was not found


class Hierarchy:
    """Plan ids → files → loaded plans for one run; a plan that may be an upper plan is read once
    while it is kept (see :data:`KEEP_LOADED`)."""

    def __init__(self, repository: Repository, catalog: CatalogIndex, run_paths: list[Path] = ()):
        self.repository = repository
        self.catalog = catalog
        by_id: dict[str, list[Path]] = {}
        for path in run_paths:
            plan_id = peek_plan_id(path)
            if plan_id is not None:
                by_id.setdefault(plan_id, []).append(path)
        self._run_ids = {plan_id: _preferred(plan_id, paths) for plan_id, paths in by_id.items()}
        self._folders: dict[Path, dict[str, Path]] = {}
        self._loaded: OrderedDict[Path, tuple[LoadedPlan | None, list[Finding]]] = OrderedDict()
        self._resolved: dict[Path, Path] = {}
        self._shown: dict[Path, str] = {}  # an upper plan's file as reports name it, once per file

    def load(self, path: Path) -> tuple[LoadedPlan | None, list[Finding]]:
        """``path`` read, validated and resolved against the catalog; from memory when read before."""
        key = self._resolved.get(path)
        if key is None:  # resolved once per name: a county's chain asks for the same upper files
            key = self._resolved[path] = path.resolve()
        if key in self._loaded:
            self._loaded.move_to_end(key)
            return self._loaded[key]
        loaded = load_plan(path, self.catalog, display_path(path))
        plan = loaded[0]
        if plan is None or plan.plan.plan.level.value != "county":
            self._loaded[key] = loaded
            if len(self._loaded) > KEEP_LOADED:
                self._loaded.popitem(last=False)
        return loaded

    def resolve(self, plan_id: str, beside: Path | None = None) -> Path | None:
        """The file ``plan_id`` means, for a plan in the folder ``beside``. An id is a name, never
        a path: ``../other/plan`` means no file (PS301 says so, with the ids that exist)."""
        if not plan_id or any(sep in plan_id for sep in ("/", "\\")) or plan_id.startswith("."):
            return None
        if plan_id in self._run_ids:
            return self._run_ids[plan_id]
        folders = [beside] if beside is not None else []
        folders += [folder for folder in self.repository.plan_dirs if folder not in folders]
        for folder in folders:
            found = self.in_folder(folder, plan_id)
            if found is not None:
                return found
        return None

    def in_folder(self, folder: Path, plan_id: str) -> Path | None:
        """The file of ``plan_id`` in ``folder``: ``<id>.yaml`` when it has that id (or none that
        reads), else the one the folder's index names."""
        for suffix in YAML_SUFFIXES:  # the usual case, without indexing the folder
            candidate = folder / f"{plan_id}{suffix}"
            if candidate.is_file() and peek_plan_id(candidate) in (plan_id, None):
                return candidate
        return self._index(folder).get(plan_id)

    def _index(self, folder: Path) -> dict[str, Path]:
        """Plan id → file for every plan file of ``folder``; of two files with one id the same one
        wins as among the run's plans (:func:`_preferred`), and PS117 reports the other when both
        are checked."""
        key = folder.resolve()
        if key not in self._folders:
            by_id: dict[str, list[Path]] = {}
            for path in sorted(folder.glob("*")):
                if path.suffix.lower() in YAML_SUFFIXES and path.is_file():
                    plan_id = peek_plan_id(path)
                    if plan_id is not None:
                        by_id.setdefault(plan_id, []).append(path)
            self._folders[key] = {plan_id: _preferred(plan_id, paths) for plan_id, paths in by_id.items()}
        return self._folders[key]

    def chain(self, subject: LoadedPlan, path: Path) -> Chain:
        """The upper plans of ``subject`` (read from ``path``) up to the nation or as far as they go."""
        chain = Chain()
        seen, current, current_path = [subject.id], subject, path
        while current.plan.plan.upper:
            upper_id = current.plan.plan.upper
            if upper_id in seen:  # a cycle; the plans of this one's chain report their own
                if upper_id == subject.id:
                    chain.problem = "self" if current is subject else "cycle"
                    chain.cycle = [*seen, upper_id]
                break
            upper_path = self.resolve(upper_id, current_path.parent)
            upper, _problems = self.load(upper_path) if upper_path else (None, [])
            if upper is None:
                if current is subject:
                    # The upper file's own errors belong to it; `pubsvc check` on that file shows them.
                    chain.problem = "invalid" if upper_path else "not_found"
                    chain.missing_id = None if upper_path else upper_id
                break
            shown = self._shown.get(upper_path)
            if shown is None:  # display_path resolves the path: a national batch asks 10,000 times
                shown = self._shown[upper_path] = display_path(upper_path)
            chain.ancestors.append((upper, shown))
            seen.append(upper_id)
            current, current_path = upper, upper_path
        return chain

    def ids_like(self, plan_id: str, beside: Path | None = None, limit: int = 3) -> list[str]:
        """The plan ids closest to ``plan_id`` among those a plan in the folder ``beside`` can
        see (for a did-you-mean)."""
        from .suggest import closest

        ids = set(self._run_ids)
        for folder in [*([beside] if beside is not None else []), *self.repository.plan_dirs]:
            ids |= set(self._index(folder))
        return closest(plan_id, sorted(ids), limit=limit)


def _preferred(plan_id: str, paths: list[Path]) -> Path:
    """Of several files with one plan id, the one an id means wherever it is looked up: the file
    named ``<id>.yaml`` (or ``.yml``), else the first by path. Which file wins must not depend on
    which other files a run happens to check."""
    named = [p for p in paths if p.stem == plan_id and p.suffix.lower() in YAML_SUFFIXES]
    return min(named or paths, key=lambda p: str(p))


def all_plan_files(repository: Repository) -> list[Path]:
    """``--all``: every plan file pubsvc can see, a plan id in an earlier folder (``--data-dir``
    before the shipped data) hiding the same id in a later one."""
    seen_ids: set[str] = set()
    files: list[Path] = []
    for folder in repository.plan_dirs:
        ids_here: set[str] = set()
        for path, plan_id in _plans_in(sorted(folder.glob("*"))):
            if plan_id is not None and plan_id in seen_ids:
                continue  # shadowed by a plan of an earlier folder
            if plan_id is not None:
                ids_here.add(plan_id)
            files.append(path)
        seen_ids |= ids_here
    return files


def plan_files_in(folder: Path) -> list[Path]:
    """The plan files under ``folder`` and its subfolders, by path: a data folder's catalogs,
    standards and tables of actual values are not plans and are left out."""
    return [path for path, _id in _plans_in(sorted(folder.rglob("*")))]


def _plans_in(paths: list[Path]) -> list[tuple[Path, str | None]]:
    """(file, its plan id) for the YAML files among ``paths`` that are plans. A file without a
    ``plan.id`` near its top is kept when it does not load or is a plan all the same (the check
    says what is wrong with it), and left out when it is another kind of file."""
    from .loading import read_document
    from .plans import is_plan_document

    found = []
    for path in paths:
        if path.suffix.lower() not in YAML_SUFFIXES or not path.is_file():
            continue
        plan_id = peek_plan_id(path)
        if plan_id is None:
            document, _findings = read_document(path)
            if document is not None and not is_plan_document(document):
                continue
        found.append((path, plan_id))
    return found
