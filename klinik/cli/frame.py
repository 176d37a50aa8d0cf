"""The frame argparse draws around the klinik command (``usage:``, the headings, ``-h``'s
help, its error messages) in the command's language.

argparse passes these strings through gettext; here its two lookups are pointed at the
Indonesian catalogue shipped in ``resources/i18n/argparse_id.po`` (read with babel), or
back at gettext's own for ``--lang en``.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Sequence
from functools import cache


@cache
def _catalog():
    from babel.messages.pofile import read_po

    from klinik.paths import resources_dir

    with open(resources_dir() / "i18n" / "argparse_id.po", "rb") as po:
        return read_po(po, locale="id")


def _translated(message: str):
    entry = _catalog().get(message)
    return entry.string if entry is not None and entry.string else None


def gettext_id(message: str) -> str:
    """argparse's ``message`` in Indonesian (itself when the catalogue lacks it)."""
    return _translated(message) or message


def ngettext_id(singular: str, plural: str, n: int) -> str:
    """Indonesian has one form for every number."""
    forms = _translated(singular)
    if forms:
        return forms[0] if isinstance(forms, tuple) else forms
    return singular if n == 1 else plural


def speak(lang: str) -> None:
    """Make argparse speak ``lang`` ("id" or "en") from now on."""
    if lang == "en":
        argparse._ = gettext.gettext
        argparse.ngettext = gettext.ngettext
    else:
        argparse._ = gettext_id
        argparse.ngettext = ngettext_id


def lang_in(argv: Sequence[str]) -> str:
    """The language asked for with ``--lang`` among the arguments, else Indonesian."""
    argv = list(argv)
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "id"
    return "id"
