"""An output folder replaced as a whole: ``out`` is a symbolic link to one complete output set.

A build writes its files into a staging folder beside ``out`` (in ``.out.sets/``), and only
when every file and the store are written and synced does it switch ``out`` to the new set,
by renaming a new link over the old one: one atomic step. Anything that opens ``out/…`` —
``query``, ``export``, ``serve``, ``validate``, ``review``, a second build — sees the whole old
set or the whole new one, never a mix; a reader that opens several files resolves the link
once (:func:`pin`). A build killed at any point leaves ``out`` as it was, plus a staging folder
that the next build removes; a failed build leaves the previous outputs intact.

Layout, for ``--out out``::

    out -> .out.sets/set-k2j4x9      the current set (a relative link)
    .out.sets/set-k2j4x9/            graph.trig, …, summary.json, store/
    .out.sets/set-p0a1b2/            the set before, kept until the next build starts
    .out.sets/.lock                  held while a build writes, so builds take turns

An ``out`` that is a plain folder of an earlier build (the layout before sets) becomes a set
the first time: a folder holding anything a build does not write is refused, so ``--out .``
can never replace a project. Builds into the same ``out`` take turns (``.lock``); ``serve``
holds a shared lock on its set so a later build does not remove it while it is served.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX: builds do not take turns, readers hold nothing
    fcntl = None  # type: ignore[assignment]

PAUSE_ENV = "OASKG_PAUSE_AT"  # tests: a stage name at which a build stops until killed
RESUME_ENV = "OASKG_RESUME_FILE"  # tests: the paused build goes on once this file exists
# what a build (and `oaskg export` with its default names) writes into out/; a plain folder
# holding only these (and the temporary files of an interrupted build) may become a set
BUILD_FILES = frozenset({
    "graph.trig", "graph.ttl", "graph.nt", "graph.nq", "graph.jsonld", "validation.ttl",
    "summary.json", "locations.json", "review.csv", "review.json", "store",
    "oaskg.gexf", "oaskg.graphml", "oaskg.png", "nodes.csv", "edges.csv",
})
_UMASK = os.umask(0)
os.umask(_UMASK)


class OutputSetError(Exception):
    """``out`` cannot hold an output set (a file, or a folder with files a build did not
    write); the message says what to do."""


def sets_folder(out: Path) -> Path:
    """Where the output sets of ``out`` live: ``.{name}.sets`` beside it."""
    return out.parent / f".{out.name}.sets"


def _ours(out: Path) -> bool:
    """Whether ``out`` is a link to one of its own sets."""
    if not out.is_symlink():
        return False
    target = Path(os.readlink(out))
    return not target.is_absolute() and target.parent == Path(sets_folder(out).name)


def _follow(out: Path) -> Path:
    """``out`` itself, or, when it is the user's own link elsewhere, where that leads."""
    out = Path(os.path.abspath(out))
    if out.is_symlink() and not _ours(out):
        return Path(os.path.realpath(out))
    return out


def current(out: Path) -> Path | None:
    """The folder of the complete output set ``out`` shows now, or None when there is none."""
    out = _follow(out)
    if _ours(out):
        target = Path(os.path.realpath(out))
        return target if target.is_dir() else None
    return out if out.is_dir() and any(out.iterdir()) else None


def pin(out: Path | str) -> Path:
    """The set folder to read ``out`` from: the link resolved once, so that every file a reader
    opens comes from the same set even while a build switches ``out`` to a new one."""
    out = Path(out)
    return Path(os.path.realpath(out)) if out.is_symlink() else out


def _lock(folder: Path, mode: int) -> int | None:
    """A non-blocking ``flock`` of ``mode`` on the folder: its file descriptor, or None when it
    cannot be had (taken by another process, no such folder, no locks on this system)."""
    if fcntl is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def hold(folder: Path) -> int | None:
    """Keep a later build from removing the set ``folder`` (until this process ends): a
    shared lock on the folder. The file descriptor, or None where locks are not available."""
    return _lock(folder, fcntl.LOCK_SH) if fcntl is not None else None


def check(out: Path) -> None:
    """Raise :class:`OutputSetError` when ``out`` cannot take an output set."""
    out = _follow(out)
    if out.is_symlink() or not out.exists():
        return
    if not out.is_dir():
        raise OutputSetError(f"{out}: is a file, not a folder; cannot write the outputs there. "
                             "Choose another folder with --out")
    if os.path.ismount(out):
        raise OutputSetError(
            f"{out}: is a mount point, which cannot be replaced as a whole; cannot write the "
            f"outputs there. Choose a folder inside it with --out (e.g. --out {out / 'out'})")
    foreign = sorted(p.name for p in out.iterdir() if not _build_file(p.name))
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5
                                          else "")
        raise OutputSetError(
            f"{out}: holds files a build did not write ({shown}); a build replaces its --out "
            "folder as a whole, so choose an empty or new folder with --out (or move them)")


def _build_file(name: str) -> bool:
    """A file a build (or an interrupted one) writes: ``graph.nq``, ``.graph.nq.x1y2.tmp``,
    ``.store-new-x1y2``."""
    if name in BUILD_FILES:
        return True
    if name.startswith(".") and name.endswith(".tmp"):
        return name[1:].split(".tmp")[0].rsplit(".", 1)[0] in BUILD_FILES
    return name.startswith((".store-new-", ".store-old-"))


@contextlib.contextmanager
def staged(out: Path) -> Iterator[Path]:
    """A new, empty set folder for ``out``; when the block ends normally ``out`` is switched to
    it in one step, and when it raises (or the process dies) ``out`` stays as it was and the
    folder is removed (by the next build, if the process died).

    Builds into one ``out`` take turns. Before staging, what killed builds left is removed,
    and so is the set before the current one (readers had a whole build's time to finish).
    """
    check(out)
    out = _follow(out)
    sets = sets_folder(out)
    sets.mkdir(parents=True, exist_ok=True)
    with _turn(sets):
        check(out)  # again, now that no other build can change it
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=sets))
        try:
            os.chmod(staging, 0o777 & ~_UMASK)
            checkpoint("staging")
            yield staging
            checkpoint("switch")
            _switch(out, staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    checkpoint("switched")


@contextlib.contextmanager
def _turn(sets: Path) -> Iterator[None]:
    fd = os.open(sets / ".lock", os.O_RDWR | os.O_CREAT, 0o666 & ~_UMASK)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_leftovers(out: Path) -> list[Path]:
    """Remove from ``out``'s sets folder everything but the current set, the lock and sets a
    reader holds (:func:`hold`): staging folders of killed builds, older sets, stray links.
    The paths removed."""
    out = _follow(out)
    sets = sets_folder(out)
    keep = current(out) if _ours(out) else None
    removed = []
    for entry in sorted(sets.iterdir()) if sets.is_dir() else []:
        if entry.name == ".lock":
            continue
        if entry.is_symlink() or not entry.is_dir():
            entry.unlink(missing_ok=True)
        elif (keep is not None and Path(os.path.realpath(entry)) == keep) or _held(entry):
            continue
        else:
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _held(folder: Path) -> bool:
    """Whether another process holds the set (an exclusive lock cannot be had)."""
    if fcntl is None or not folder.exists():
        return False
    fd = _lock(folder, fcntl.LOCK_EX)
    if fd is None:
        return True
    os.close(fd)
    return False


def _switch(out: Path, staging: Path) -> None:
    """Make ``staging`` the current set of ``out`` in one step (see the module's text)."""
    sets = staging.parent
    final = sets / ("set-" + staging.name.removeprefix("staging-"))
    _fsync(staging)
    staging.rename(final)
    link = sets / f".link-{final.name}"
    link.unlink(missing_ok=True)
    os.symlink(os.path.join(sets.name, final.name), link)
    _fsync(sets)
    if out.is_dir() and not out.is_symlink():
        _replace_folder(link, out, sets / f"legacy-{final.name.removeprefix('set-')}")
    else:
        os.replace(link, out)
    _fsync(out.parent)


def _replace_folder(link: Path, out: Path, aside: Path) -> None:
    """Put ``link`` where the plain folder ``out`` is: swapped in one step where the system can
    (Linux's renameat2 RENAME_EXCHANGE), else moved aside and replaced (a moment without
    ``out``, once, when an output folder of the layout before sets becomes a set)."""
    if _exchange(link, out):
        link.rename(aside)
        return
    out.rename(aside)
    os.replace(link, out)


def _exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(fd)


def checkpoint(stage: str) -> None:
    """For tests that kill a build at a known point: when ``OASKG_PAUSE_AT`` names ``stage``,
    say so on standard error and wait (until ``OASKG_RESUME_FILE`` exists, if set, else until
    killed). Stages: ``extracted``, ``staging``, ``files``, ``store``, ``switch``, ``switched``.
    """
    if os.environ.get(PAUSE_ENV) != stage:
        return
    print(f"oaskg: paused at {stage}", file=sys.stderr, flush=True)
    resume = os.environ.get(RESUME_ENV)
    while not (resume and Path(resume).exists()):
        time.sleep(0.02)
