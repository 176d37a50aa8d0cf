"""Checking input for a record: collects every field's problem, in Indonesian.

Each service builds a ``Checker`` over the raw values it was given (strings from a form or
the command line, or already typed values), reads cleaned values out of it, and calls
``raise_if_errors()`` before writing anything.

Whatever a field's own rules, every text is refused when it holds a NUL byte, other invisible
control characters, or lone surrogates (bytes that were not UTF-8, as the command line hands
them over), and when it is longer than its limit. The list services check their filter values
here too (``check_search``, ``filter_choices``, ``check_id_filter``), so the window and the
command line refuse the same things with the same words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from klinik.domain.formatting import (
    INT64_MAX,
    MONEY_MAX,
    format_rupiah,
    parse_date,
    parse_money,
    parse_whole_number,
    shown,
)
from klinik.domain.labels import FIELD_LABELS  # noqa: F401 (re-exported)
from klinik.domain.vocab import Vocab
from klinik.errors import FieldError, InvalidValue, ValidationError

T = TypeVar("T")

# A text field without a limit of its own gets this one (the longest, session notes, has 50,000).
TEXT_MAX_LENGTH = 50_000
# One typed value that a parser reads (number, date, NIK, phone, code, e-mail): RFC 5321 allows
# an e-mail address of 254 characters, the longest of them.
VALUE_MAX_LENGTH = 254
# A list of choices typed as text, "produksi,pemasaran,...".
CHOICES_MAX_LENGTH = 1_000
# Free-text search: SQLite refuses LIKE patterns over 50,000 bytes and deep expressions; a
# search box never needs more than this.
SEARCH_MAX_LENGTH = 500

# NUL ends strings in C (SQLite, PDF, the OS); other C0 controls are invisible and break
# spreadsheets and terminals; lone surrogates are undecodable bytes (surrogateescape).
_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a sentence to follow a field's name), or None."""
    bad = _UNFIT.search(text)
    if bad is None:
        return None
    ch = bad.group()
    if ch == "\x00":
        return "memuat karakter NUL (\\0) yang tidak boleh disimpan; hapus karakter itu."
    if "\ud800" <= ch <= "\udfff":
        return (
            "memuat byte yang bukan teks UTF-8 (pengodean huruf yang salah); "
            "ketik ulang teksnya atau simpan sumbernya sebagai UTF-8."
        )
    return f"memuat karakter kendali tak terlihat (kode {ord(ch):#04x}); hapus karakter itu."


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_DECIMAL = re.compile(r"[-+]?[0-9]{1,12}(?:\.[0-9]{1,12})?")


class Checker:
    """Reads and cleans values from ``data``, remembering each field's problem."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.errors: list[FieldError] = []

    def has(self, field: str) -> bool:
        return field in self.data

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def _fit(self, field: str, value: Any, *, max_length: int | None) -> bool:
        """False (with the field's error) for text that no field may hold."""
        if not isinstance(value, str):
            return True
        problem = text_problem(value)
        if problem is not None:
            self.fail(field, f"{label(field)} {problem}")
            return False
        length = len(value.strip())
        if max_length is not None and length > max_length:
            self.fail(
                field,
                f"{label(field)} terlalu panjang ({length} huruf); paling banyak {max_length}.",
            )
            return False
        return True

    def text(
        self, field: str, *, required: bool = False, max_length: int | None = None
    ) -> str | None:
        value = self.data.get(field)
        if _blank(value):
            if required:
                self.fail(field, f"{label(field)} wajib diisi.")
            return None if value is None else ""
        text = str(value)
        if not self._fit(field, text, max_length=max_length or TEXT_MAX_LENGTH):
            return None
        return text.strip()

    def parsed(self, field: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        """Apply a domain parser (which raises InvalidValue) to a non-blank value."""
        value = self.data.get(field)
        if _blank(value):
            if required:
                self.fail(field, f"{label(field)} wajib diisi.")
            return None
        if not self._fit(field, value, max_length=VALUE_MAX_LENGTH):
            return None
        try:
            return parse(value)
        except InvalidValue as exc:
            self.fail(field, str(exc))
            return None

    def date(
        self,
        field: str,
        *,
        required: bool = False,
        not_future: bool = False,
        today: date | None = None,
    ) -> date | None:
        def parse(value: Any) -> date:
            if isinstance(value, date):
                return value
            return parse_date(str(value))

        result = self.parsed(field, parse, required=required)
        if result is not None and not_future and result > (today or date.today()):
            self.fail(field, f"{label(field)} tidak boleh di masa depan.")
        return result

    def integer(
        self,
        field: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """A whole number; "60.5" is refused, never read as 605. At most 64 bits."""

        def parse(value: Any) -> int:
            if isinstance(value, bool):
                raise InvalidValue(f"{label(field)} harus berupa angka.")
            if isinstance(value, int):
                number = value
            else:
                number = parse_whole_number(str(value), what=label(field))
            if abs(number) > INT64_MAX:
                raise InvalidValue(f"{label(field)} terlalu besar.")
            return number

        result = self.parsed(field, parse, required=required)
        if result is not None:
            if minimum is not None and result < minimum:
                self.fail(field, f"{label(field)} paling kecil {minimum}.")
            elif maximum is not None and result > maximum:
                self.fail(field, f"{label(field)} paling besar {maximum}.")
        return result

    def money(self, field: str, *, required: bool = False) -> int | None:
        """Whole rupiah, by ``parse_money``'s rule (see there); at most MONEY_MAX."""

        def parse(value: Any) -> int:
            if isinstance(value, bool):
                raise InvalidValue(f"{label(field)} harus berupa jumlah Rupiah.")
            if isinstance(value, int):
                if value < 0:
                    raise InvalidValue(f"{label(field)} tidak boleh negatif.")
                if value > MONEY_MAX:
                    raise InvalidValue(
                        f"{label(field)} terlalu besar; paling besar {format_rupiah(MONEY_MAX)}."
                    )
                return value
            return parse_money(str(value))

        return self.parsed(field, parse, required=required)

    def number(
        self, field: str, *, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        def parse(value: Any) -> float:
            if isinstance(value, bool):
                raise InvalidValue(f"{label(field)} harus berupa angka, misalnya -2,2.")
            if isinstance(value, (int, float)):
                number = float(value)
            else:
                text = str(value).strip().replace(",", ".")
                if not _DECIMAL.fullmatch(text):
                    raise InvalidValue(f"{label(field)} harus berupa angka, misalnya -2,2.")
                number = float(text)
            if not math.isfinite(number):
                raise InvalidValue(f"{label(field)} harus berupa angka, misalnya -2,2.")
            return number

        result = self.parsed(field, parse)
        if result is not None and (
            (minimum is not None and result < minimum) or (maximum is not None and result > maximum)
        ):
            self.fail(field, f"{label(field)} harus antara {minimum} dan {maximum}.")
        return result

    def choice(self, field: str, vocab: type[Vocab], *, required: bool = False) -> str | None:
        def parse(value: Any) -> str:
            member = value if isinstance(value, vocab) else vocab.parse(str(value))
            if member is None:
                allowed = ", ".join(m.label_id for m in vocab)  # type: ignore[attr-defined]
                raise InvalidValue(
                    f"{label(field)} tidak dikenal: {shown(value)}. Pilih salah satu: {allowed}."
                )
            return member.value

        return self.parsed(field, parse, required=required)

    def choices(self, field: str, vocab: type[Vocab], *, required: bool = False) -> list[str]:
        """A set of vocabulary values, from a list or a comma-separated string."""
        value = self.data.get(field)
        if _blank(value) or value == []:
            if required:
                self.fail(field, f"Pilih paling sedikit satu {label(field).lower()}.")
            return []
        if not self._fit(field, value, max_length=CHOICES_MAX_LENGTH):
            return []
        items = value if isinstance(value, (list, tuple, set, frozenset)) else str(value).split(",")
        if len(items) > len(vocab) * 2:
            self.fail(field, f"{label(field)}: terlalu banyak pilihan ({len(items)}).")
            return []
        result: list[str] = []
        unknown: list[str] = []
        for item in items:
            if _blank(item):
                continue
            if isinstance(item, str) and text_problem(item):
                self.fail(field, f"{label(field)} {text_problem(item)}")
                return []
            member = item if isinstance(item, vocab) else vocab.parse(str(item))
            if member is None:
                unknown.append(shown(item))
            elif member.value not in result:
                result.append(member.value)
        if unknown:
            allowed = ", ".join(m.value for m in vocab)
            self.fail(
                field, f"{label(field)} tidak dikenal: {', '.join(unknown)}. Pilihan: {allowed}."
            )
        return result

    def flag(self, field: str) -> bool | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "ya", "y", "yes", "true", "benar"}:
            return True
        if text in {"0", "tidak", "t", "no", "n", "false", "salah", ""}:
            return False
        self.fail(field, f"{label(field)}: isi 'ya' atau 'tidak'.")
        return None


# --- filters of the lists ---------------------------------------------------------------------


def check_search(search: str | None, field: str = "search") -> None:
    """A free-text search the database can run, or ValidationError."""
    if search and len(search) > SEARCH_MAX_LENGTH:
        raise ValidationError(
            FieldError(
                field,
                f"Teks pencarian terlalu panjang ({len(search)} huruf); paling banyak "
                f"{SEARCH_MAX_LENGTH}.",
            )
        )


def filter_choices(field: str, value: str | list[str] | None, vocab: type[Vocab]) -> list[str]:
    """Filter values (one, a list, or "baru,aktif") as vocabulary values.

    An unknown value is refused with the allowed ones listed, rather than giving an empty
    list that looks like "nothing matches".
    """
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str) and len(value) > CHOICES_MAX_LENGTH:
        raise ValidationError(FieldError(field, f"{label(field)} terlalu panjang."))
    items = [value] if isinstance(value, Vocab) else value
    if isinstance(items, str):
        items = items.split(",")
    result: list[str] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        member = vocab.parse(text) if not text_problem(text) else None
        if member is None:
            allowed = ", ".join(m.value for m in vocab)
            raise ValidationError(
                FieldError(
                    field, f"{label(field)} {shown(text)} tidak dikenal. Pilihan: {allowed}."
                )
            )
        if member.value not in result:
            result.append(member.value)
    return result


def check_id_filter(field: str, value: Any) -> None:
    """An id to filter by: a whole number the database can hold (it need not exist)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= INT64_MAX:
        raise ValidationError(
            FieldError(field, f"{label(field)}: id {shown(value)} bukan id yang sah.")
        )
