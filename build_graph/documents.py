"""Reading country sheets from disk: text files (any common encoding) and PDFs' text layers.

``read_document`` either returns a :class:`SourceDocument` or raises :class:`DocumentError`
with a message that names the file and says how to fix the problem.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from build_graph.model import SourceDocument

SUFFIXES = (".txt", ".pdf")


class DocumentError(Exception):
    """A file that cannot be read as a country sheet."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")
        self.path = path
        self.line = line
        self.message = message


def read_document(path: str | Path) -> SourceDocument:
    """Read one country sheet (``.txt`` or ``.pdf``) into its lines.

    Text is decoded as UTF-8 (with or without a byte-order mark) and, failing that, as
    Windows-1252/Latin-1; the encoding used is recorded on the document.
    """
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise DocumentError(shown, "no such file; check the path")
    if p.is_dir():
        raise DocumentError(shown, "is a folder; pass the sheet files or use `oaskg build DIR`")
    try:
        data = p.read_bytes()
    except OSError as exc:
        message = f"cannot be read ({exc.strerror}); check its permissions"
        raise DocumentError(shown, message) from None
    if not data.strip():
        raise DocumentError(shown, "is empty; expected the text of an OAS country sheet")
    if data.startswith(b"%PDF"):
        text, encoding = _pdf_text(shown, data), "pdf"
    else:
        text, encoding = _decode(shown, data)
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return SourceDocument(
        path=shown,
        name=p.name,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
        encoding=encoding,
    )


def _decode(shown: str, data: bytes) -> tuple[str, str]:
    sample = data[:8192]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise DocumentError(
            shown,
            "looks like a binary file, not text; pass the sheet as a .txt text export or a .pdf",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def _pdf_text(shown: str, data: bytes) -> str:
    """The PDF's canonical text, read by word geometry (see :mod:`build_graph.pdf_layout`)."""
    from build_graph.pdf_layout import pdf_to_text

    return pdf_to_text(data, shown)


def find_documents(paths: list[Path]) -> list[Path]:
    """Expand folders to the sheet files they hold (sorted); files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.suffix.lower() in SUFFIXES and p.is_file()))
        else:
            found.append(path)
    return found
