"""Money, numbers and dates as Indonesians write them, both ways: display and parsing.

Display goes through babel so that the English locale works too; parsing accepts what
consultants type in forms ("150 juta", "1,5 M", "20 Mei 21") and rejects, with an Indonesian
message, anything that could be read two ways.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal as _babel_decimal

from klinik.errors import InvalidValue

MONTHS_ID: tuple[str, ...] = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Indonesian "M" is miliar (10^9), never million; "k" is the informal thousand of chat.
MONEY_UNITS: dict[str, int] = {
    "k": 10**3,
    "rb": 10**3,
    "ribu": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
}

_CENT = Decimal("0.01")


# --- display --------------------------------------------------------------------------------


def format_rupiah(amount: int | Decimal | None, *, locale: str = "id") -> str:
    """Rupiah: "Rp1.500.000" (id), "Rp1,500,000" (en); cents only if any; None -> ""."""
    if amount is None:
        return ""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    value = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    # babel's own IDR format has no decimals and would silently round Rp1.500,50 away.
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{_babel_decimal(abs(value), format=pattern, locale=locale)}"


def format_number(n: int | float | Decimal | None, *, locale: str = "id") -> str:
    """A number with the locale's grouping: 1.234.567,5 (id); None -> ""."""
    if n is None:
        return ""
    return _babel_decimal(n, locale=locale)


def format_date(d: date | None, *, locale: str = "id") -> str:
    """A date as in letters: "20 Mei 2021" (id) or "20 May 2021" (en); None -> ""."""
    if d is None:
        return ""
    return _babel_date(d, "d MMMM y", locale=locale)


def format_datetime(dt: datetime | None, *, locale: str = "id") -> str:
    """Date and time: "20 Mei 2021 14.05" (id) or "20 May 2021 2:05 PM" (en); None -> "".

    The wall-clock time of `dt` is shown as it is: the caller chooses the time zone.
    """
    if dt is None:
        return ""
    # A naive time keeps babel from converting to the machine's zone.
    clock = _babel_time(dt.time(), "short", locale=locale)
    return f"{format_date(dt.date(), locale=locale)} {clock}"


# --- parsing money --------------------------------------------------------------------------

_MONEY_EXAMPLE = "Contoh: Rp150.000.000, 150 juta, 1,5 M atau 300 ribu."
_MONEY_SHAPE = re.compile(r"(?P<number>[0-9][0-9.,]*)(?P<unit>[a-z]*)")


def _ungroup(text: str, sep: str, original: str) -> str:
    """Digits of "1.500.000" grouped by `sep`; the groups after the first have 3 digits."""
    groups = text.split(sep)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise InvalidValue(
            f"Pemisah ribuan pada '{original}' tidak tepat; tiap kelompok setelah titik "
            f"harus 3 angka. {_MONEY_EXAMPLE}"
        )
    return "".join(groups)


def _money_number(text: str, *, scaled: bool, original: str) -> Decimal:
    """The number in `text`; `scaled` when a unit (juta, M ...) follows, so "1,5" is natural."""
    if text[-1] in ".,":
        raise InvalidValue(f"'{original}' bukan jumlah uang yang dikenali. {_MONEY_EXAMPLE}")
    dots, commas = text.count("."), text.count(",")
    frac = ""
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        if text.count(decimal_sep) != 1:
            raise InvalidValue(
                f"'{original}' memakai titik dan koma secara membingungkan. {_MONEY_EXAMPLE}"
            )
        whole, frac = text.split(decimal_sep)
        whole = _ungroup(whole, group_sep, original)
    elif dots or commas:
        sep = "." if dots else ","
        parts = text.split(sep)
        if len(parts) > 2:
            whole = _ungroup(text, sep, original)
        elif len(parts[1]) == 3 and parts[0] != "0" and sep == ".":
            whole = _ungroup(text, sep, original)  # Indonesian thousands: 1.500
        elif len(parts[1]) == 3 and sep == "," and not scaled:
            # Indonesian reads 150,000 as 150 and English as 150000: ask instead of guessing.
            raise InvalidValue(
                f"'{original}' bisa dibaca dua cara: koma adalah tanda desimal. "
                f"Tulis {parts[0]}.{parts[1]} untuk ribuan. {_MONEY_EXAMPLE}"
            )
        else:
            whole, frac = parts
    else:
        whole = text
    if frac and not scaled and len(frac) > 2:
        raise InvalidValue(
            f"'{original}' tidak jelas: di belakang koma hanya ada sen (2 angka). {_MONEY_EXAMPLE}"
        )
    return Decimal(f"{whole}.{frac}" if frac else whole)


def parse_money(text: str) -> int:
    """Whole rupiah from what a consultant types: "Rp150.000.000,00", "150 jt", "1,5 M"."""
    original = (text or "").strip()
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", original).lower())
    if not s:
        raise InvalidValue(f"Jumlah uang belum diisi. {_MONEY_EXAMPLE}")
    negative = s.startswith("-")
    s = s.removeprefix("-")
    for prefix in ("idr", "rp"):
        if s.startswith(prefix):
            s = s[len(prefix) :].lstrip(".")
            break
    if negative or s.startswith("-"):
        raise InvalidValue("Jumlah uang tidak boleh negatif.")
    s = s.removesuffix("rupiah")
    # "Rp150.000,-" is the customary way to close an amount on paper.
    for tail in (",-", ".-"):
        s = s.removesuffix(tail)
    if not s:
        raise InvalidValue(f"Angka jumlah uang belum diisi. {_MONEY_EXAMPLE}")
    match = _MONEY_SHAPE.fullmatch(s)
    if match is None:
        raise InvalidValue(f"'{original}' bukan jumlah uang yang dikenali. {_MONEY_EXAMPLE}")
    unit = match["unit"]
    if unit and unit not in MONEY_UNITS:
        raise InvalidValue(
            f"Satuan '{unit}' tidak dikenal; pakai rb/ribu, jt/juta, M/miliar atau T/triliun."
        )
    value = _money_number(match["number"], scaled=bool(unit), original=original)
    value *= MONEY_UNITS.get(unit, 1)
    if value != value.to_integral_value():
        raise InvalidValue(
            f"'{original}' menghasilkan pecahan rupiah ({value.normalize():f}); "
            "isi jumlah dalam rupiah penuh."
        )
    return int(value)


# --- parsing dates --------------------------------------------------------------------------

_DATE_EXAMPLE = "Tulis seperti 20/05/2021, 2021-05-20 atau 20 Mei 2021."


def _month_words() -> dict[str, int]:
    """Month names and unambiguous prefixes (3+ letters) in Indonesian and English."""
    candidates: dict[str, set[int]] = {}
    for names in (MONTHS_ID, MONTHS_EN):
        for number, name in enumerate(names, start=1):
            word = name.lower()
            for end in range(3, len(word) + 1):
                candidates.setdefault(word[:end], set()).add(number)
    words = {w: next(iter(ns)) for w, ns in candidates.items() if len(ns) == 1}
    # Older spellings still common in letters, and the usual "Agt" abbreviation.
    words.update({"pebruari": 2, "peb": 2, "nopember": 11, "nop": 11, "agt": 8})
    return words


_MONTH_WORDS = _month_words()
_WEEKDAYS = frozenset(
    {
        "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_DAY_WORD = re.compile(r"(\d{1,2})[\s\-/.]*([a-z']+)\.?[\s\-/.,]*(\d{4}|\d{2})")
_WORD_DAY = re.compile(r"([a-z']+)\.?\s*(\d{1,2}),?\s*(\d{4}|\d{2})")
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# A two-digit year is taken as 20YY unless that is more than this many years ahead.
TWO_DIGIT_YEAR_AHEAD = 10


def _year(text: str, today: date) -> int:
    if len(text) == 2:
        year = 2000 + int(text)
        return year - 100 if year > today.year + TWO_DIGIT_YEAR_AHEAD else year
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise InvalidValue(
            f"Tahun harus antara {_MIN_YEAR} dan {_MAX_YEAR}; yang diisi {text}. {_DATE_EXAMPLE}"
        )
    return year


def _month_word(word: str) -> int:
    number = _MONTH_WORDS.get(word.rstrip("."))
    if number is None:
        raise InvalidValue(f"Nama bulan '{word}' tidak dikenal. {_DATE_EXAMPLE}")
    return number


def parse_date(text: str, *, today: date | None = None) -> date:
    """A date typed day first ("20/05/2021", "20 Mei 21", "20 May 2021") or ISO "2021-05-20".

    `today` decides the century of a two-digit year (20YY unless more than 10 years ahead).
    """
    today = today or date.today()
    original = (text or "").strip()
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", original).lower())
    if not s:
        raise InvalidValue(f"Tanggal belum diisi. {_DATE_EXAMPLE}")
    # Letters open with the weekday: "Kamis, 20 Mei 2021".
    first, _, rest = s.partition(" ")
    if first.rstrip(",") in _WEEKDAYS and rest:
        s = rest
    if m := _ISO.fullmatch(s):
        year, month, day = _year(m[1], today), int(m[2]), int(m[3])
    elif m := _NUMERIC.fullmatch(s):
        day, month, year = int(m[1]), int(m[2]), _year(m[3], today)
    elif m := _DAY_WORD.fullmatch(s):
        day, month, year = int(m[1]), _month_word(m[2]), _year(m[3], today)
    elif m := _WORD_DAY.fullmatch(s):
        month, day, year = _month_word(m[1]), int(m[2]), _year(m[3], today)
    else:
        raise InvalidValue(f"Tanggal '{original}' tidak dikenali. {_DATE_EXAMPLE}")
    if not 1 <= month <= 12:
        raise InvalidValue(
            f"Bulan harus 1-12; yang diisi {month}. Urutannya tanggal/bulan/tahun, "
            "contoh 20/05/2021."
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(
            f"Tanggal {day} {MONTHS_ID[month - 1]} {year} tidak ada. {_DATE_EXAMPLE}"
        ) from None
