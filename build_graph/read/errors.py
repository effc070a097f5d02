"""What reading a sheet can fail with."""

from __future__ import annotations


class DocumentError(Exception):
    """A file that cannot be read as a country sheet; ``reason`` is a short code (``missing``,
    ``folder``, ``unreadable``, ``empty``, ``binary``, ``pdf``)."""

    def __init__(self, path: str, message: str, line: int | None = None,
                 reason: str = "unreadable") -> None:
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")
        self.path = path
        self.line = line
        self.message = message
        self.reason = reason
