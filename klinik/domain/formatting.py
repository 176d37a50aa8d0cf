"""Money, numbers and dates as Indonesians write them, both ways: display and parsing.

Display goes through babel so that the English locale works too; parsing accepts what
consultants type in forms ("150 juta", "1,5 M", "20 Mei 21") and rejects, with an Indonesian
message, anything that could be read two ways.

Digits are 0-9, also in their full-width form (some keyboards and PDFs); other characters
that merely look like digits (superscripts such as "²", other scripts' digits) are refused
rather than guessed. A decimal mark is never dropped: a whole number ("60.5" minutes) with a
fraction is refused, not read as 605.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.lists import format_list as _babel_list
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

# SQLite stores integers in 64 bits; no count, id or amount may go beyond.
INT64_MAX = 2**63 - 1
# Rp1.000 triliun: more than the yearly turnover of the largest Indonesian company, far below
# the 64-bit limit; a larger amount is a typing mistake (extra zeros).
MONEY_MAX = 10**15
# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space as their ASCII selves.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width letters, digits and signs as ASCII; every other character is left as it is."""
    return text.translate(_WIDTH)


def shown(text: str, limit: int = 40) -> str:
    """A value quoted in a message, cut short so a pasted page does not fill the screen."""
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")


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


def format_list(items: list[str], *, locale: str = "id") -> str:
    """Items as a sentence lists them: "a dan b", "a, b, dan c" (id); "a, b, and c" (en)."""
    items = [str(i).strip() for i in items if str(i).strip()]
    return _babel_list(items, locale=locale) if items else ""


def split_list(text: str | None) -> list[str]:
    """A list typed in one field ("keripik kelakai, teh kelakai; sirup") as its items, also
    when the last is joined by "dan"/"and"/"&"."""
    if not text:
        return []
    parts = re.split(r"\s*[,;/\n]\s*|\s+(?:dan|serta|and|&)\s+", text.strip())
    return [p.strip(" .") for p in parts if p.strip(" .")]


def format_decimal(n: int | float | Decimal | None, places: int = 1, *, locale: str = "id") -> str:
    """A measured quantity (hours, a share) rounded once, half up, to at most ``places``
    decimals, with the locale's marks: 123,85 -> "123,9" (id) or "123.9" (en); 6,0 -> "6";
    None -> "". A float is read by its shortest repr (0.1 + 0.2 is 0,3), so the same value
    prints the same in a table and on a chart."""
    if n is None:
        return ""
    value = n if isinstance(n, Decimal) else Decimal(str(n))
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # -0,04 rounds to 0, not "-0"
    pattern = "#,##0" + ("." + "#" * places if places > 0 else "")
    return _babel_decimal(rounded, format=pattern, locale=locale)


def hours(minutes: int, places: int = 1) -> Decimal:
    """Minutes as hours, rounded once (half up) as ``format_decimal`` prints them."""
    exact = Decimal(int(minutes)) / 60
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_hours(minutes: int | None, places: int = 1, *, locale: str = "id") -> str:
    """Minutes as hours: 7431 -> "123,9" (id), "123.9" (en); None -> ""."""
    if minutes is None:
        return ""
    return format_decimal(hours(minutes, places), places, locale=locale)


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


# --- parsing whole numbers ------------------------------------------------------------------

_WHOLE = re.compile(r"[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+")
_FRACTION = re.compile(r"[0-9]*[.,][0-9]+")
_MAX_DIGITS = len(str(INT64_MAX))


def parse_whole_number(text: str, *, what: str = "Angka", example: str = "60") -> int:
    """A whole number as typed: "60", "1.500" (Indonesian thousands), "-3".

    Refused with a message naming `what`: a fraction ("60.5", "60,5"), anything but the
    digits 0-9, and numbers beyond 64 bits (SQLite's integers).
    """
    original = str(text).strip()
    s = fold_width(original).replace("\u2212", "-")  # the typographic minus of word processors
    negative = s.startswith("-")
    digits = s[1:] if s[:1] in "+-" else s
    if _WHOLE.fullmatch(digits):
        digits = digits.replace(".", "").lstrip("0") or "0"
        # Checked before int(): Python refuses to convert strings of 4,300 digits and more.
        if len(digits) > _MAX_DIGITS or int(digits) > INT64_MAX:
            raise InvalidValue(f"{what} terlalu besar: {shown(original)}.")
        return -int(digits) if negative else int(digits)
    if _FRACTION.fullmatch(digits):
        raise InvalidValue(
            f"{what} harus bilangan bulat; {shown(original)} memuat pecahan. Contoh: {example}."
        )
    raise InvalidValue(f"{what} harus berupa angka bulat, misalnya {example}.")


# --- parsing money --------------------------------------------------------------------------

_MONEY_EXAMPLE = "Contoh: Rp150.000.000, 150 juta, 1,5 M atau 300 ribu."
_MONEY_SHAPE = re.compile(r"(?P<number>[0-9][0-9.,]*)(?P<unit>[a-z]*)")


def _ungroup(text: str, sep: str, original: str) -> str:
    """Digits of "1.500.000" grouped by `sep`; the groups after the first have 3 digits."""
    groups = text.split(sep)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise InvalidValue(
            f"Pemisah ribuan pada {shown(original)} tidak tepat; tiap kelompok setelah titik "
            f"harus 3 angka. {_MONEY_EXAMPLE}"
        )
    return "".join(groups)


def _money_number(text: str, *, unit: int, original: str) -> Decimal:
    """The number in `text`, before its `unit` (1 without one: then "1,5" is no whole rupiah)."""
    scaled = unit != 1
    if text[-1] in ".,":
        raise InvalidValue(f"{shown(original)} bukan jumlah uang yang dikenali. {_MONEY_EXAMPLE}")
    if len(text) > 40:  # beyond any amount (MONEY_MAX has 16 digits): do no arithmetic on it
        raise InvalidValue(f"Jumlah uang {shown(original)} terlalu besar. {_MONEY_MAX_TEXT}")
    dots, commas = text.count("."), text.count(",")
    frac = ""
    if dots and commas:
        decimal_sep = "." if text.rfind(".") > text.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        if text.count(decimal_sep) != 1:
            raise InvalidValue(
                f"{shown(original)} memakai titik dan koma secara membingungkan. {_MONEY_EXAMPLE}"
            )
        whole, frac = text.split(decimal_sep)
        whole = _ungroup(whole, group_sep, original)
    elif dots or commas:
        sep = "." if dots else ","
        parts = text.split(sep)
        if len(parts) > 2:
            whole = _ungroup(text, sep, original)
        elif len(parts[1]) == 3 and scaled and parts[0] != "0":
            # "1.500 jt" is 1.500 juta to one reader and 1,5 juta to another: a thousand apart.
            grouped = Decimal(parts[0] + parts[1]) * unit
            decimal = Decimal(f"{parts[0]}.{parts[1]}") * unit
            raise InvalidValue(
                f"{shown(original)} bisa dibaca dua cara: {format_rupiah(grouped)} atau "
                f"{format_rupiah(decimal)}. Tulis jumlahnya tanpa satuan (mis. "
                f"{format_rupiah(grouped)}) atau dengan koma desimal (mis. 1,5 jt)."
            )
        elif len(parts[1]) == 3 and parts[0] != "0" and sep == ".":
            whole = _ungroup(text, sep, original)  # Indonesian thousands: 1.500
        elif len(parts[1]) == 3 and sep == ",":
            # Indonesian reads 150,000 as 150 and English as 150000: ask instead of guessing.
            raise InvalidValue(
                f"{shown(original)} bisa dibaca dua cara: koma adalah tanda desimal. "
                f"Tulis {parts[0]}.{parts[1]} untuk ribuan. {_MONEY_EXAMPLE}"
            )
        elif sep == "." and not scaled and len(parts[1]) <= 2:
            # "1.5" is an English decimal of one rupiah or a thousands group missing a digit.
            raise InvalidValue(
                f"{shown(original)} tidak jelas: titik memisahkan ribuan dan diikuti 3 angka "
                f"(1.500); tanda desimal adalah koma (1,5 jt). {_MONEY_EXAMPLE}"
            )
        else:
            whole, frac = parts
    else:
        whole = text
    if frac and not scaled and len(frac) > 2:
        raise InvalidValue(
            f"{shown(original)} tidak jelas: di belakang koma hanya ada sen (2 angka). "
            f"{_MONEY_EXAMPLE}"
        )
    return Decimal(f"{whole}.{frac}" if frac else whole)


_MONEY_MAX_TEXT = "Paling besar Rp1.000 triliun."


def parse_money(text: str) -> int:
    """Whole rupiah from what a consultant types: "Rp150.000.000,00", "150 jt", "1,5 M".

    The rule, Indonesian first: a dot groups thousands and is followed by three digits
    ("1.500.000"); a comma is the decimal mark ("1,5 jt", "Rp150.000,00"). English grouping is
    read where it cannot be mistaken ("1,500,000" and "1,500,000.00"). Refused as ambiguous:
    one comma before three digits ("1,500": 1,5 or 1500?), one dot or comma before three
    digits and a unit ("1.500 jt", "1,500 M": a thousand apart), one dot before one or two
    digits without a unit ("1.5"). Without a unit only whole rupiah are accepted; amounts
    above Rp1.000 triliun (MONEY_MAX) are refused as typing mistakes.
    """
    original = (text or "").strip()
    s = re.sub(r"\s+", "", fold_width(original).lower())
    if not s:
        raise InvalidValue(f"Jumlah uang belum diisi. {_MONEY_EXAMPLE}")
    negative = s.startswith(("-", "\u2212"))
    s = s.lstrip("-\u2212")
    for prefix in ("idr", "rp"):
        if s.startswith(prefix):
            s = s[len(prefix) :].lstrip(".")
            break
    if negative or s.startswith(("-", "\u2212")):
        raise InvalidValue("Jumlah uang tidak boleh negatif.")
    s = s.removesuffix("rupiah")
    # "Rp150.000,-" is the customary way to close an amount on paper.
    for tail in (",-", ".-"):
        s = s.removesuffix(tail)
    if not s:
        raise InvalidValue(f"Angka jumlah uang belum diisi. {_MONEY_EXAMPLE}")
    match = _MONEY_SHAPE.fullmatch(s)
    if match is None:
        raise InvalidValue(f"{shown(original)} bukan jumlah uang yang dikenali. {_MONEY_EXAMPLE}")
    unit = match["unit"]
    if unit and unit not in MONEY_UNITS:
        raise InvalidValue(
            f"Satuan {shown(unit, 12)} tidak dikenal; pakai rb/ribu, jt/juta, M/miliar atau "
            "T/triliun."
        )
    multiplier = MONEY_UNITS.get(unit, 1)
    value = _money_number(match["number"], unit=multiplier, original=original)
    value *= multiplier
    if value > MONEY_MAX:
        raise InvalidValue(f"Jumlah uang {shown(original)} terlalu besar. {_MONEY_MAX_TEXT}")
    if value != value.to_integral_value():
        raise InvalidValue(
            f"{shown(original)} menghasilkan pecahan rupiah ({value.normalize():f}); "
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
_ISO = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})")
_DAY_WORD = re.compile(r"([0-9]{1,2})[\s\-/.]*([a-z']+)\.?[\s\-/.,]*([0-9]{4}|[0-9]{2})")
_WORD_DAY = re.compile(r"([a-z']+)\.?\s*([0-9]{1,2}),?\s*([0-9]{4}|[0-9]{2})")
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
        raise InvalidValue(f"Nama bulan {shown(word, 20)} tidak dikenal. {_DATE_EXAMPLE}")
    return number


def parse_date(text: str, *, today: date | None = None) -> date:
    """A date typed day first ("20/05/2021", "20 Mei 21", "20 May 2021") or ISO "2021-05-20".

    `today` decides the century of a two-digit year (20YY unless more than 10 years ahead).
    """
    today = today or date.today()
    original = (text or "").strip()
    s = re.sub(r"\s+", " ", fold_width(original).lower())
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
        raise InvalidValue(f"Tanggal {shown(original)} tidak dikenali. {_DATE_EXAMPLE}")
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
