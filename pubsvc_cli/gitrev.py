"""The few questions ``pubsvc diff --base REF`` asks git, answered by git itself."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git is missing, this is not a repository, or the revision does not exist."""


def _git(*args: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout


def check_revision(revision: str) -> None:
    _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")


def changed_files(revision: str) -> list[Path]:
    """YAML files that differ between ``revision`` and the working tree (new untracked ones too),
    relative to the current folder."""
    tracked = _git("diff", "--name-only", "--relative", revision, "--", "*.yaml", "*.yml").splitlines()
    untracked = _git("ls-files", "--others", "--exclude-standard", "--", "*.yaml", "*.yml").splitlines()
    return [Path(p) for p in sorted(set(tracked) | set(untracked)) if p]


def file_at(revision: str, path: Path) -> str | None:
    """The text of ``path`` (relative to the current folder) at ``revision``; None when it did not exist."""
    try:
        return _git("show", f"{revision}:./{path.as_posix()}")
    except GitError as error:
        if "does not exist" in str(error) or "exists on disk, but not in" in str(error):
            return None
        raise
