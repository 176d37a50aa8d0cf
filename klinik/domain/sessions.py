"""When a mentoring session counts: the one rule, for Python dates and SQL columns alike.

A session dated after the reference day (today, or a document's print date) is planned, not
held: it is not mentoring yet, counts for no figure and is no activity of its case. Both
functions work on a ``date`` and on a SQLAlchemy column (``MentoringSession.held_on``),
since they use only comparison operators."""

from __future__ import annotations

from datetime import date
from typing import Any


def is_planned(held_on: Any, on: date | None = None) -> Any:
    """Planned: dated after ``on`` (today by default)."""
    return held_on > (on or date.today())


def is_held(held_on: Any, on: date | None = None) -> Any:
    """Held: dated on or before ``on`` (today by default)."""
    return held_on <= (on or date.today())
