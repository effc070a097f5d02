"""The folder ``oaskg site`` writes into, and what it may do there.

It writes only into an empty folder or one it wrote before, and never replaces a file it did
not write: the files it writes are listed, with their SHA-256, in a manifest
(:data:`MANIFEST`) kept in the folder. A file it wrote and someone changed since is replaced
only with ``force``; files of an earlier site that the new one no longer has are removed
(unless changed). It refuses ``/``, the home folder and a folder holding ``pyproject.toml`` or
``.git`` (a project, not a site), and a folder whose tree leads outside it through a symlink.
Everything is checked before the first file is written.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

MANIFEST = ".oaskg-site.json"
PROJECT_MARKERS = ("pyproject.toml", ".git")


class SiteRefused(RuntimeError):
    """The folder cannot take the site; nothing was written (exit 3)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SiteFolder:
    """Writes a planned set of files into ``folder`` under the rules above."""

    def __init__(self, folder: Path, force: bool = False):
        self.given = folder
        self.folder = folder.resolve()
        self.force = force
        self.previous: dict[str, str | None] = {}
        self.written: dict[str, str | None] = {}

    # --- checks ----------------------------------------------------------------------------
    def check(self, planned: list[str]) -> None:
        """Raise :class:`SiteRefused` unless every planned file may be written."""
        folder = self.folder
        if folder == Path(folder.anchor):
            raise SiteRefused(f"{self.given}: refusing to write a site into the root folder")
        if folder == Path.home().resolve():
            raise SiteRefused(f"{self.given}: refusing to write a site into the home folder; "
                              "give a folder of its own, e.g. ~/oas-site")
        if folder.exists() and not folder.is_dir():
            raise SiteRefused(f"{self.given}: exists and is not a folder")
        for marker in PROJECT_MARKERS:
            if (folder / marker).exists():
                raise SiteRefused(f"{self.given}: holds {marker}, so it looks like a project, "
                                  "not a site; give an empty folder")
        if folder.is_dir():
            self._check_links()
            self.previous = self._manifest()
        for relative in planned:
            self._check_target(relative)

    def _check_links(self) -> None:
        for root, dirs, files in os.walk(self.folder):
            for name in dirs + files:
                path = Path(root) / name
                if path.is_symlink():
                    target = path.resolve()
                    if target != self.folder and self.folder not in target.parents:
                        raise SiteRefused(
                            f"{path}: a symbolic link to {target}, outside {self.given}; "
                            "writing through it would leave the folder. Remove the link or "
                            "choose another folder")

    def _manifest(self) -> dict[str, str | None]:
        path = self.folder / MANIFEST
        if not path.is_file():
            others = sorted(p.name for p in self.folder.iterdir())
            if others:
                shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
                raise SiteRefused(
                    f"{self.given}: not empty ({shown}) and not written by `oaskg site` (no "
                    f"{MANIFEST}); give an empty or new folder")
            return {}
        try:
            files = json.loads(path.read_text(encoding="utf-8"))["files"]
            return {str(k): v for k, v in files.items()}
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            raise SiteRefused(f"{path}: unreadable manifest; remove the folder's site by hand "
                              "or choose another folder") from None

    def _check_target(self, relative: str) -> None:
        path = self.folder / relative
        resolved = path.resolve()
        if self.folder not in resolved.parents:
            raise SiteRefused(f"{relative}: would be written outside {self.given}")
        if not path.exists() and not path.is_symlink():
            return
        if relative not in self.previous:
            raise SiteRefused(f"{path}: exists and was not written by `oaskg site`; refusing "
                              "to replace it (move it away or choose another folder)")
        recorded = self.previous[relative]
        if recorded is not None and path.is_file() and _sha256(path) != recorded \
                and not self.force:
            raise SiteRefused(f"{path}: changed since `oaskg site` wrote it; pass --force to "
                              "replace the files it wrote")

    # --- writing ---------------------------------------------------------------------------
    def begin(self, planned: list[str]) -> None:
        """Record the planned files (as ours, not yet hashed) before writing any."""
        self.folder.mkdir(parents=True, exist_ok=True)
        pending = dict(self.previous)
        pending.update({relative: None for relative in planned})
        self._save(pending)

    def write(self, relative: str, data: bytes | str) -> None:
        path = (self.folder / relative).resolve()
        if self.folder not in path.parents:
            raise ValueError(f"{relative}: refusing to write outside {self.folder}")
        content = data.encode() if isinstance(data, str) else data
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.written[relative] = hashlib.sha256(content).hexdigest()

    def finish(self) -> list[str]:
        """Remove the earlier site's files the new one does not have (unless changed since),
        save the manifest; the paths removed."""
        removed = []
        for relative, recorded in self.previous.items():
            if relative in self.written:
                continue
            path = self.folder / relative
            if path.is_file() and not path.is_symlink() and (
                    recorded is None or _sha256(path) == recorded or self.force):
                path.unlink()
                removed.append(relative)
        self._save(self.written)
        return removed

    def _save(self, files: dict[str, str | None]) -> None:
        data = {"generator": "oaskg site", "files": dict(sorted(files.items()))}
        temporary = self.folder / (MANIFEST + ".tmp")
        temporary.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        temporary.replace(self.folder / MANIFEST)
