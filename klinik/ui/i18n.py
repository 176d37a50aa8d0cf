"""Translation of the window's text: one function, one context, found by lupdate.

Indonesian is the source language, so with no translator loaded the window is Indonesian.
``tr("...")`` must get a string literal so that ``pyside6-lupdate`` can extract it;
lists of labels defined at import time are marked with ``QT_TR_NOOP`` and passed through
``tr`` when shown. ``scripts/update_translations.py`` refreshes the .ts and .qm files.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QCoreApplication

__all__ = ["QT_TR_NOOP", "tr"]


def tr(text: str) -> str:
    """The text in the interface language (the empty context is lupdate's for bare tr())."""
    return QCoreApplication.translate("", text)
