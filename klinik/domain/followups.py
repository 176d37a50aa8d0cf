"""Follow-ups typed as text, one per line: "what @ due date" (the date is optional), the same
in the window's session form and in ``klinik add session --follow-up``."""

from __future__ import annotations

from datetime import date
from typing import Any

from klinik.domain.formatting import parse_date
from klinik.domain.vocab import FollowUpOwner
from klinik.errors import InvalidValue


def split_line(line: str) -> tuple[str, str] | None:
    """What to do and the due date as typed, split at the last "@"; None for a blank line.
    A bullet ("-", "•") before the text is dropped."""
    line = line.strip().lstrip("-•").strip()
    if not line:
        return None
    what, sep, when = line.rpartition("@")
    if not sep:
        what, when = line, ""
    return what.strip(), when.strip()


def parse_line(line: str, *, today: date | None = None) -> dict[str, Any] | None:
    """One follow-up, or None for a blank line. The due date is read as any date field
    reads it; a bad one, or a line with no task, raises InvalidValue."""
    parts = split_line(line)
    if parts is None:
        return None
    what, when = parts
    if not what:
        raise InvalidValue("tulis dulu apa yang harus dilakukan.")
    due = parse_date(when, today=today) if when else None
    return {"description": what, "due_on": due, "owner": FollowUpOwner.KLIEN.value}


def parse_lines(
    text: str, *, label: str = "Baris", today: date | None = None
) -> list[dict[str, Any]]:
    """Every line of ``text``; an error names its line ("Baris 2: …")."""
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            item = parse_line(line, today=today)
        except InvalidValue as exc:
            raise InvalidValue(f"{label} {number}: {exc}") from None
        if item is not None:
            items.append(item)
    return items
