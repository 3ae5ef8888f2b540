"""Where plans and standards come from: a path as given, the user's ``--data-dir`` folders, the
folder of the plan being checked (for its upper plan), and the data shipped with pubsvc."""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .catalog import CatalogIndex
from .loading import YAML_SUFFIXES, document_from_bytes, read_bytes
from .locations import data_roots, display_path, plan_folders
from .model import Catalog, ServiceStandardList
from .model.validate import validate
from .result import Finding

CATALOG_FILE = Path("standards") / "indicators.yaml"
SERVICES_FILE = Path("standards") / "basic-services.yaml"


@dataclass
class Repository:
    data_dirs: list[Path] = field(default_factory=list)

    @property
    def roots(self) -> list[Path]:
        return data_roots(self.data_dirs)

    @property
    def plan_dirs(self) -> list[Path]:
        return plan_folders(self.roots)

    def find_plan(self, name: str) -> Path | None:
        """A path that exists is used as given; otherwise a file name or plan id in the data folders."""
        given = Path(name)
        if given.exists():
            return given
        if os.sep in name or "/" in name:
            return None
        from .hierarchy import Hierarchy  # the hierarchy looks plans up through this repository

        hierarchy = Hierarchy(self, None)
        plan_id = name.removesuffix(".yaml").removesuffix(".yml")
        for folder in self.plan_dirs:  # folder by folder, so that your plan shadows a shipped one
            for candidate in (name, *(name + suffix for suffix in YAML_SUFFIXES)):
                if (folder / candidate).is_file():
                    return folder / candidate
            found = hierarchy.in_folder(folder, plan_id)
            if found is not None:
                return found
        return None

    def find_by_id(self, plan_id: str) -> Path | None:
        """The file whose ``plan.id`` is ``plan_id``, folder by folder (``<id>.yaml`` first)."""
        from .hierarchy import Hierarchy  # the hierarchy looks plans up through this repository

        return Hierarchy(self, None).resolve(plan_id)

    def standard_files(self) -> list[Path]:
        """The catalogs and service standards of every data folder, the shipped ones last."""
        return [
            root / relative
            for root in self.roots
            for relative in (CATALOG_FILE, SERVICES_FILE)
            if (root / relative).is_file()
        ]

    @cached_property
    def service_standard(self) -> tuple[ServiceStandardList | None, list[Finding]]:
        """The basic public service standard: the first ``standards/basic-services.yaml`` found
        (``--data-dir`` folders first, then the shipped one)."""
        path = _first_existing(self.roots, SERVICES_FILE)
        return reference_file(path, ServiceStandardList) if path is not None else (None, [])

    @cached_property
    def catalog(self) -> tuple[CatalogIndex, list[Finding]]:
        """The merged indicator catalog: entries in ``--data-dir`` override shipped ones by id."""
        merged = {}
        findings: list[Finding] = []
        for root in reversed(self.roots):
            path = root / CATALOG_FILE
            if not path.is_file():
                continue
            catalog, problems = reference_file(path, Catalog)
            findings += problems
            if catalog is not None:
                merged.update({entry.id: entry for entry in catalog.indicators})
        return CatalogIndex(merged), findings


#: Validated reference files (catalogs, the standard) by content: read again and again in one
#: process (a batch, the test suite), each is parsed once. The models are frozen, so sharing them
#: is safe; findings are copied out.
_REFERENCE_CACHE: dict[tuple, Any] = {}
_CACHE_LIMIT = 64


def reference_file(path: Path, model: type) -> tuple[Any, list[Finding]]:
    """``path`` read, parsed and validated as ``model``, cached by its content."""
    file = display_path(path)
    raw, findings = read_bytes(path, file)
    if raw is None:
        return None, findings
    key = (model.__name__, file, hashlib.sha256(raw).digest())
    if key not in _REFERENCE_CACHE:
        if len(_REFERENCE_CACHE) >= _CACHE_LIMIT:
            _REFERENCE_CACHE.clear()
        document, findings = document_from_bytes(raw, file)
        result = None
        if document is not None:
            result, problems = validate(document, model)
            findings += problems
        _REFERENCE_CACHE[key] = (result, findings)
    result, findings = _REFERENCE_CACHE[key]
    return result, copy.deepcopy(findings)


def _first_existing(roots: list[Path], relative: Path) -> Path | None:
    return next((root / relative for root in roots if (root / relative).is_file()), None)
