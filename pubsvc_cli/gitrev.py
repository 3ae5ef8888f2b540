"""The few questions ``pubsvc diff --base REF`` asks git, answered by git itself."""

from __future__ import annotations

import subprocess
from pathlib import Path

YAML_PATTERNS = ("*.yaml", "*.yml", "*.YAML", "*.YML")


class GitError(Exception):
    """git is missing, this is not a repository, or the revision does not exist."""


def _git(*args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {' '.join(args)} failed")
    return done.stdout


def _paths(output: bytes) -> list[str]:
    # -z output: NUL-separated, never quoted, so names like 桂林.yaml arrive as they are.
    return [p.decode("utf-8", "surrogateescape") for p in output.split(b"\0") if p]


def check_revision(revision: str) -> None:
    _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")


def _specs(under: list[Path]) -> list[str]:
    scope = [str(p) for p in under] or ["."]
    return [f"{folder}/**/{pattern}" if folder != "." else pattern for folder in scope for pattern in YAML_PATTERNS]


def changed_files(revision: str, under: list[Path] = ()) -> list[Path]:
    """Tracked YAML files that differ between ``revision`` and the working tree, relative to the
    current folder, optionally only below the folders ``under``."""
    return [
        Path(p)
        for p in sorted(set(_paths(_git("diff", "-z", "--name-only", "--relative", revision, "--", *_specs(under)))))
    ]


def untracked_files(under: list[Path] = ()) -> list[Path]:
    """YAML files git does not track (and does not ignore): a diff against a revision cannot know
    whether they are new plans or stray copies."""
    return [
        Path(p) for p in sorted(_paths(_git("ls-files", "-z", "--others", "--exclude-standard", "--", *_specs(under))))
    ]


def file_at(revision: str, path: Path) -> bytes | None:
    """The bytes of ``path`` (relative to the current folder) at ``revision``; None when it did not exist."""
    try:
        return _git("show", f"{revision}:./{path.as_posix()}")
    except GitError as error:
        if "does not exist" in str(error) or "exists on disk, but not in" in str(error):
            return None
        raise
