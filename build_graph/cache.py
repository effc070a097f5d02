"""A small cache of derived data on this machine, keyed by the SHA-256 of what it was derived
from, so a change of the source always misses. ``$OASKG_CACHE`` names the folder (default: the
user's cache folder, ``~/.cache/oaskg``). A cache that cannot be read or written is no cache:
nothing fails. Tested in ``tests/test_cache.py``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

VERSION = 1  # bump when a cached shape changes


def folder() -> Path:
    if os.environ.get("OASKG_CACHE"):
        return Path(os.environ["OASKG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "oaskg"


def _path(kind: str, digest: str) -> Path:
    return folder() / f"{kind}-v{VERSION}-{digest}.json"


def read(kind: str, digest: str) -> dict | None:
    try:
        return json.loads(_path(kind, digest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(kind: str, digest: str, data: dict) -> None:
    target = _path(kind, digest)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         delete=False, suffix=".tmp") as f:
            json.dump(data, f, ensure_ascii=False, sort_keys=True)
        os.replace(f.name, target)
    except OSError:
        pass
