"""Reading country sheets from disk: text files (any common encoding) and PDFs' text layers.

``find_documents`` is the one place that turns the paths a user gives into sheet files: it
walks folders (recursively unless told not to), follows symbolic links that lead somewhere,
and accounts for every path it does not return (:class:`Skipped`, with the reason).
``read_sheet`` either returns the :class:`SourceDocument` with what was noticed while reading it
(the encoding, control characters removed) or raises :class:`DocumentError` with a message that
names the file and says how to fix the problem.

>>> decode_text("Gestión".encode("cp1252"))
('Gestión', 'cp1252', 'Windows-1252 (not valid UTF-8)')
>>> clean_text("a\\x00b\\tc\\fd")
('ab\\tc\\x0cd', {'NUL': 1}, 1)
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from build_graph.model import Finding, Severity, SourceDocument
from build_graph.read.errors import DocumentError

SUFFIXES = (".txt", ".pdf")
# C0 controls but tab, line feed, form feed (a page break) and carriage return; DEL; C1
# controls; the non-characters U+FFFE/U+FFFF and lone surrogates: nothing a sheet means
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
BINARY_RATIO = 0.05  # controls per character, in the first 8 KiB, above which a file is binary
_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0B: "VT"}
_MAGIC = (  # (leading bytes, what the file is)
    (b"PK\x03\x04", "a zip archive (a .docx, .xlsx or .odt document?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 document (.doc or .xls)"),
    (b"\x89PNG", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF8", "an image (GIF)"),
)
_UTF16 = {"utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}
_REMEDY = "save the sheet as a .txt text file or a .pdf"


@dataclass(frozen=True)
class ReadSheet:
    """A sheet as read, with what reading it noticed (findings about the file itself)."""

    document: SourceDocument
    notes: tuple[Finding, ...]


def read_document(path: str | Path, name: str | None = None) -> SourceDocument:
    """Read one country sheet (``.txt`` or ``.pdf``) into its lines (see :func:`read_sheet`)."""
    return read_sheet(path, name).document


def read_sheet(path: str | Path, name: str | None = None) -> ReadSheet:
    """Read one country sheet, its text decoded and cleaned; ``name`` is the document's name
    (default: the file name), unique among the documents of a build.

    Text is decoded as UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order
    mark, or recognised by its zero bytes), Windows-1252, or Latin-1, in that order of
    preference; the encoding used is recorded on the document and, when it is not UTF-8, said
    in a note. Control characters (NUL and the like; tab, line ends and form feeds are text)
    are removed, with one warning naming how many and the first line holding one.
    """
    p = Path(path)
    shown = str(path)
    data = _read_bytes(p, shown)
    notes: list[Finding] = []
    label = name or p.name
    if data.startswith(b"%PDF"):
        text, encoding, how = _pdf_text(shown, data), "pdf", ""
    else:
        text, encoding, how = decode_text(data)
        if how:
            notes.append(Finding(Severity.INFO, label, None, f"read as {how}", "encoding"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if encoding != "pdf" and _binary(text):
        raise DocumentError(shown, f"looks like a binary file, not text; {_REMEDY}",
                            reason="binary")
    text, removed, first = clean_text(text)
    if removed:
        notes.append(_controls_note(label, removed, first))
    document = SourceDocument(
        path=shown,
        name=label,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=tuple(text.split("\n")),
        encoding=encoding,
    )
    return ReadSheet(document, tuple(notes))


def _read_bytes(p: Path, shown: str) -> bytes:
    if p.is_symlink() and not p.exists():
        raise DocumentError(shown, f"is a dangling symbolic link (to {os.readlink(p)}); "
                            "fix or remove the link", reason="dangling")
    if not p.exists():
        raise DocumentError(shown, "no such file; check the path", reason="missing")
    if p.is_dir():
        raise DocumentError(shown, "is a folder; pass the sheet files or use `oaskg build DIR`",
                            reason="folder")
    if not p.is_file():
        raise DocumentError(shown, "is not a regular file (a pipe or a device); pass the sheet "
                            "file itself", reason="special")
    try:
        data = p.read_bytes()
    except OSError as exc:
        message = f"cannot be read ({exc.strerror}); check its permissions"
        raise DocumentError(shown, message) from None
    if not data.strip():
        raise DocumentError(shown, "is empty; expected the text of an OAS country sheet",
                            reason="empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(shown, f"is {what}, not text; {_REMEDY}", reason="binary")
    return data


def decode_text(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, how it was recognised — empty for plain UTF-8) of a text file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", ""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            how = f"{_UTF16[codec]} (byte-order mark)"
            return data[2:].decode(codec, errors="replace"), codec, how
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        try:
            how = f"{_UTF16[guessed]} (no byte-order mark; recognised by its zero bytes)"
            return data.decode(guessed), guessed, how
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252", "Windows-1252 (not valid UTF-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", "Latin-1 (neither UTF-8 nor Windows-1252)"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a zero in every other byte: LE at odd offsets."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _binary(text: str) -> bool:
    sample = text[:8192]
    return len(CONTROL.findall(sample)) > BINARY_RATIO * max(len(sample), 1)


def clean_text(text: str) -> tuple[str, dict[str, int], int | None]:
    """The text without control characters, how many of each were removed, and the 1-based
    line of the first (``\\n`` ends lines)."""
    found = CONTROL.search(text)
    if found is None:
        return text, {}, None
    first = text.count("\n", 0, found.start()) + 1
    removed = Counter(_char_name(c) for c in CONTROL.findall(text))
    return CONTROL.sub("", text), dict(removed), first


def _char_name(char: str) -> str:
    return _NAMES.get(ord(char), f"U+{ord(char):04X}")


def _controls_note(label: str, removed: dict[str, int], first: int | None) -> Finding:
    total = sum(removed.values())
    kinds = ", ".join(f"{name} ×{n}" for name, n in sorted(removed.items(), key=lambda kv:
                                                            (-kv[1], kv[0])))
    return Finding(Severity.WARNING, label, first,
                   f"removed {total} control character{'s' if total != 1 else ''} that "
                   f"{'are' if total != 1 else 'is'} not text ({kinds}); the first was on line "
                   f"{first}. Check the file if it came from a damaged copy",
                   "control-characters")


def _pdf_text(shown: str, data: bytes) -> str:
    """The PDF's canonical text, read by word geometry (see :mod:`build_graph.read.pdf_layout`)."""
    from build_graph.read.pdf_layout import pdf_to_text

    return pdf_to_text(data, shown)


# --- finding the sheets -----------------------------------------------------------------------

class SkipReason(StrEnum):
    """Why a path under the inputs was not read."""

    DANGLING = "dangling-link"
    LOOP = "link-loop"
    UNREADABLE = "unreadable"
    SPECIAL = "not-a-file"
    NOT_A_SHEET = "not-a-sheet"
    HIDDEN = "hidden"
    SAME_FILE = "same-file"
    NOT_RECURSED = "sub-folder"

    @property
    def quiet(self) -> bool:
        """Listed only when asked (``-v``): files that are plainly not sheets."""
        return self in (SkipReason.NOT_A_SHEET, SkipReason.HIDDEN)


@dataclass(frozen=True)
class Skipped:
    """A path under the inputs that was not read, and why (a sentence with the remedy)."""

    path: str
    reason: SkipReason
    detail: str

    def finding(self) -> Finding:
        severity = Severity.INFO if self.reason.quiet else Severity.WARNING
        return Finding(severity, self.path, None, f"not read: {self.detail}",
                       f"skipped-{self.reason.value}")


@dataclass(frozen=True)
class Input:
    """A sheet file to read: its path as found and the document name it gets (its path
    relative to the folder given, so editions kept in year folders stay apart)."""

    path: Path
    name: str


@dataclass(frozen=True)
class Inputs:
    """What the paths given hold: the sheet files, in order, and every path not read."""

    files: tuple[Input, ...]
    skipped: tuple[Skipped, ...]
    roots: tuple[Path, ...]  # the folders given (absolute), where the sheets were looked for

    @property
    def paths(self) -> list[Path]:
        return [i.path for i in self.files]


def find_documents(paths: list[Path], recurse: bool = True) -> Inputs:
    """The sheet files under ``paths``: files are kept as given, folders walked in name order
    (into sub-folders unless ``recurse`` is false). Symbolic links are followed when they lead
    to a file or to a folder not already on the way; every other path is a :class:`Skipped`.
    """
    walk = _Walk(recurse)
    roots = []
    for path in paths:
        if path.is_symlink() and not path.exists():
            walk.skip_broken_link(path)
        elif path.is_dir():
            roots.append(Path(os.path.abspath(path)))
            walk.folder(path, path, frozenset())
        else:
            walk.given(path)
    return Inputs(_unique_names(walk.found), tuple(walk.skipped), tuple(roots))


class _Walk:
    def __init__(self, recurse: bool) -> None:
        self.recurse = recurse
        self.found: list[tuple[Path, str]] = []
        self.skipped: list[Skipped] = []
        self.files: dict[tuple[int, int], Path] = {}  # (device, inode) of each file found
        self.folders: dict[tuple[int, int], Path] = {}

    def skip(self, path: Path, reason: SkipReason, detail: str) -> None:
        self.skipped.append(Skipped(str(path), reason, detail))

    def skip_broken_link(self, path: Path) -> None:
        target = os.readlink(path)
        try:
            os.stat(path)
        except FileNotFoundError:
            self.skip(path, SkipReason.DANGLING,
                      f"a dangling symbolic link (to {target}, which does not exist); fix or "
                      "remove the link")
            return
        except OSError:
            pass
        self.skip(path, SkipReason.LOOP, f"a symbolic link loop (to {target}); remove the link")

    def given(self, path: Path) -> None:
        """A file named on the command line: read whatever its extension (once)."""
        try:
            info = path.stat()
        except OSError:
            info = None  # reading it says what is wrong
        key = (info.st_dev, info.st_ino) if info is not None and stat.S_ISREG(info.st_mode) \
            else None
        if key is not None and key in self.files:
            self.skip(path, SkipReason.SAME_FILE, f"the same file as {self.files[key]}, "
                      "already read")
            return
        if key is not None:
            self.files[key] = path
        self.found.append((path, path.name))

    def folder(self, folder: Path, root: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            self.skip(folder, SkipReason.LOOP, "a link back to a folder it is in (a loop); "
                      "remove the link")
            return
        if key in self.folders:
            self.skip(folder, SkipReason.SAME_FILE,
                      f"the same folder as {self.folders[key]}, already read")
            return
        self.folders[key] = folder
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.skip(folder, SkipReason.UNREADABLE, f"a folder that cannot be listed "
                      f"({exc.strerror}); check its permissions")
            return
        for entry in entries:
            self.entry(Path(entry.path), root, ancestors | {key})

    def entry(self, path: Path, root: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        if path.name.startswith("."):
            self.skip(path, SkipReason.HIDDEN, "hidden (its name starts with a dot)")
            return
        try:
            info = path.stat()
        except FileNotFoundError:
            self.skip_broken_link(path)
            return
        except OSError as exc:
            if path.is_symlink():
                self.skip_broken_link(path)
            else:
                self.skip(path, SkipReason.UNREADABLE, f"cannot be examined ({exc.strerror})")
            return
        if stat.S_ISDIR(info.st_mode):
            if self.recurse:
                self.folder(path, root, ancestors)
            else:
                self.skip(path, SkipReason.NOT_RECURSED,
                          "a sub-folder, not read with --no-recurse")
        elif not stat.S_ISREG(info.st_mode):
            self.skip(path, SkipReason.SPECIAL, "not a regular file (a pipe, socket or device)")
        elif path.suffix.lower() not in SUFFIXES:
            self.skip(path, SkipReason.NOT_A_SHEET,
                      f"not a sheet (a {path.suffix or 'file without extension'}; sheets are "
                      ".txt or .pdf)")
        elif (info.st_dev, info.st_ino) in self.files:
            self.skip(path, SkipReason.SAME_FILE,
                      f"the same file as {self.files[(info.st_dev, info.st_ino)]}, already read")
        elif not os.access(path, os.R_OK):
            self.skip(path, SkipReason.UNREADABLE,
                      "cannot be read (permission denied); check its permissions")
        else:
            self.files[(info.st_dev, info.st_ino)] = path
            self.found.append((path, path.relative_to(root).as_posix()))


def _unique_names(found: list[tuple[Path, str]]) -> tuple[Input, ...]:
    """Each file with a document name no other has: its name as found, or, where two share
    one (the same file name given from two folders), the path as given."""
    counts = Counter(name for _path, name in found)
    return tuple(Input(path, name if counts[name] == 1 else path.as_posix())
                 for path, name in found)
