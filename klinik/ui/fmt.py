"""Formatting for the window in the current language (dates, Rupiah, vocabulary labels)."""

from __future__ import annotations

from datetime import date
from typing import Any

from klinik.domain.formatting import format_date, format_number, format_rupiah
from klinik.domain.vocab import Vocab

_LANG = "id"


def set_language(lang: str) -> None:
    global _LANG
    _LANG = lang


def language() -> str:
    return _LANG


def fmt_date(value: date | None) -> str:
    return format_date(value, locale=_LANG) if value else ""


def fmt_number(value: int | None) -> str:
    return format_number(value, locale=_LANG) if value is not None else ""


def fmt_money(value: int | None) -> str:
    return format_rupiah(value, locale=_LANG) if value is not None else ""


def vocab_label(vocab: type[Vocab], value: Any) -> str:
    return vocab.label_of(value, _LANG)


def vocab_choices(vocab: type[Vocab]) -> list[tuple[str, str]]:
    return [(m.value, m.label(_LANG)) for m in vocab]
