"""Indonesian identifiers: NIK, NIB, NPWP, P-IRT, BPOM, halal, other licence numbers, phone, e-mail.

Each `normalize_*` takes what a consultant types (spaces, dots, the printed format) and returns
the canonical form to store, or raises `InvalidValue` whose Indonesian message says what is
wrong and how to fix it. Each `format_*` turns a stored value back into its printed form.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from klinik.domain.formatting import MONTHS_ID
from klinik.errors import InvalidValue

# Kemendagri province codes, including the Papua provinces created in 2022 (93-97).
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96", "97",
    }
)  # fmt: skip

LICENCE_KINDS: tuple[str, ...] = (
    "nib",
    "spp_irt",
    "halal",
    "bpom_md",
    "bpom_ml",
    "merek",
    "sni",
    "pb_umku",
    "other",
)
FREE_LICENCE_MAX_LEN = 64

_SEPARATORS = re.compile(r"[\s.\-]+")
_NIK_LEN = 16
_NIB_LEN = 13
_PIRT_MIN_LEN = 15
_BPOM_DIGITS = (12, 15)
_HALAL_MIN_REST = 8
# Longest Indonesian number without the leading 0: mobiles 08xx-xxxx-xxxxx.
_ID_MAX_NATIONAL_DIGITS = 12


def _clean(value: object) -> str:
    """Text as typed, made comparable.

    NFKC turns full-width digits into ASCII ones; format characters (zero-width spaces,
    direction marks) arrive invisibly when numbers are copied from WhatsApp or PDFs.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def _digits(value: object, *, what: str, example: str) -> str:
    """Digits of `value` with spaces, dots and dashes removed; anything else is an error."""
    text = _SEPARATORS.sub("", _clean(value))
    if not text:
        raise InvalidValue(f"{what} belum diisi. Contoh: {example}.")
    bad = next((ch for ch in text if not "0" <= ch <= "9"), None)
    if bad is not None:
        raise InvalidValue(
            f"{what} hanya boleh berisi angka; ada karakter '{bad}'. Contoh: {example}."
        )
    return text


# --- NIK ---------------------------------------------------------------------------------


def normalize_nik(value: str | int) -> str:
    """The 16 digits of a NIK, checked part by part (province, region, birth date, sequence)."""
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise InvalidValue("NIK harus 16 angka tanpa tanda minus.")
    nik = _digits(value, what="NIK", example="6271 0123 4567 0001")
    if len(nik) != _NIK_LEN:
        raise InvalidValue(f"NIK harus {_NIK_LEN} angka; yang diisi {len(nik)} angka.")
    if nik[0:2] not in PROVINCE_CODES:
        raise InvalidValue(
            f"Kode provinsi di NIK (2 angka pertama: {nik[0:2]}) tidak dikenal. "
            "Periksa kembali; contoh: Kalimantan Tengah = 62."
        )
    if nik[2:4] == "00":
        raise InvalidValue("Kode kabupaten/kota di NIK (angka ke-3 dan ke-4) tidak boleh 00.")
    if nik[4:6] == "00":
        raise InvalidValue("Kode kecamatan di NIK (angka ke-5 dan ke-6) tidak boleh 00.")
    raw_day, month = int(nik[6:8]), int(nik[8:10])
    if not (1 <= raw_day <= 31 or 41 <= raw_day <= 71):
        raise InvalidValue(
            "Tanggal lahir di NIK (angka ke-7 dan ke-8) harus 01-31 untuk laki-laki atau "
            f"41-71 untuk perempuan (tanggal + 40); yang tertulis {nik[6:8]}."
        )
    if not 1 <= month <= 12:
        raise InvalidValue(
            f"Bulan lahir di NIK (angka ke-9 dan ke-10) harus 01-12; yang tertulis {nik[8:10]}."
        )
    day = raw_day - 40 if raw_day > 40 else raw_day
    # 2000 is a leap year, so 29 February passes: the century of YY is unknown here.
    if day > calendar.monthrange(2000, month)[1]:
        raise InvalidValue(
            f"Tanggal lahir di NIK tidak ada: {day} {MONTHS_ID[month - 1]}. "
            "Periksa angka ke-7 sampai ke-10."
        )
    if nik[12:16] == "0000":
        raise InvalidValue("Nomor urut di NIK (4 angka terakhir) tidak boleh 0000.")
    return nik


def nik_gender(nik: str) -> str:
    """Gender in the NIK: "P" (perempuan) when the birth day has 40 added, else "L"."""
    return "P" if int(normalize_nik(nik)[6:8]) > 40 else "L"


def nik_birth_date(nik: str, *, today: date | None = None) -> date:
    """Birth date in the NIK; of 20YY and 19YY, the later one that is not after `today`."""
    digits = normalize_nik(nik)
    today = today or date.today()
    raw_day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    day = raw_day - 40 if raw_day > 40 else raw_day
    for century in (2000, 1900):
        try:
            born = date(century + yy, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    if month == 2 and day == 29:
        raise InvalidValue(
            f"Tanggal lahir di NIK adalah 29 Februari, tetapi tahun 19{yy:02d} dan 20{yy:02d} "
            "bukan tahun kabisat. Periksa angka ke-7 sampai ke-12."
        )
    raise InvalidValue(
        f"Tanggal lahir di NIK ({day} {MONTHS_ID[month - 1]} {yy:02d}) belum terjadi. "
        "Periksa angka ke-7 sampai ke-12."
    )


# --- NIB, NPWP -----------------------------------------------------------------------------


def normalize_nib(value: str) -> str:
    """The 13 digits of an NIB (Nomor Induk Berusaha from OSS)."""
    nib = _digits(value, what="NIB", example="1234567890123")
    if len(nib) != _NIB_LEN:
        raise InvalidValue(f"NIB harus {_NIB_LEN} angka; yang diisi {len(nib)} angka.")
    return nib


def normalize_npwp(value: str) -> str:
    """NPWP digits: 15 (old format) or 16 (NIK for persons, 0 + old 15 for companies)."""
    npwp = _digits(value, what="NPWP", example="01.234.567.8-901.000")
    if len(npwp) not in (15, 16):
        raise InvalidValue(
            "NPWP harus 15 angka (format lama 99.999.999.9-999.999) atau 16 angka; "
            f"yang diisi {len(npwp)} angka."
        )
    return npwp


def format_npwp(digits: str) -> str:
    """15 digits as printed, 99.999.999.9-999.999; 16 digits have no printed grouping."""
    d = normalize_npwp(digits)
    if len(d) == 16:
        return d
    return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"


# --- P-IRT, BPOM, halal ------------------------------------------------------------------

_PIRT_PREFIX = re.compile(r"^(?:SPP|P)\s*-?\s*IRT\s*(?:No(?:mor)?\b\s*\.?)?\s*:?\s*", re.IGNORECASE)


def normalize_pirt(value: str) -> str:
    """Digits of a P-IRT number (at least 15), with or without the "P-IRT No." prefix."""
    text = _PIRT_PREFIX.sub("", _clean(value))
    pirt = _digits(text, what="Nomor P-IRT", example="P-IRT No. 1234567890123-45")
    if len(pirt) < _PIRT_MIN_LEN:
        raise InvalidValue(
            f"Nomor P-IRT minimal {_PIRT_MIN_LEN} angka; yang diisi {len(pirt)} angka. "
            "Contoh: P-IRT No. 1234567890123-45."
        )
    return pirt


def format_pirt(digits: str) -> str:
    """As printed on labels: "P-IRT No. 1234567890123-45" (the last two digits: expiry year)."""
    d = normalize_pirt(digits)
    return f"P-IRT No. {d[:-2]}-{d[-2:]}"


def normalize_bpom(value: str) -> str:
    """A BPOM number: MD or ML plus 12 (old) or 15 (risk-based) digits, e.g. "MD123456789012"."""
    text = re.sub(r"[\s.\-]+", "", _clean(value)).upper()
    if not text:
        raise InvalidValue("Nomor BPOM belum diisi. Contoh: BPOM RI MD 123456789012.")
    for prefix in ("BPOMRI", "BPOM"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    kind, rest = text[:2], text[2:]
    if kind not in ("MD", "ML"):
        raise InvalidValue(
            "Nomor BPOM harus diawali MD (pangan olahan dalam negeri) atau ML (impor). "
            "Contoh: BPOM RI MD 123456789012."
        )
    bad = next((ch for ch in rest if not "0" <= ch <= "9"), None)
    if bad is not None:
        raise InvalidValue(
            f"Setelah {kind}, nomor BPOM hanya boleh berisi angka; ada karakter '{bad}'."
        )
    if len(rest) not in _BPOM_DIGITS:
        raise InvalidValue(
            f"Nomor BPOM harus {kind} diikuti 12 angka (format lama) atau 15 angka "
            f"(format baru); yang diisi {len(rest)} angka."
        )
    return kind + rest


def format_bpom(value: str) -> str:
    """As printed on labels: "BPOM RI MD 123456789012"."""
    v = normalize_bpom(value)
    return f"BPOM RI {v[:2]} {v[2:]}"


def normalize_halal(value: str) -> str:
    """A halal certificate number: "ID" and at least 8 letters/digits, upper-case."""
    text = re.sub(r"[\s\-]+", "", _clean(value)).upper()
    if not text:
        raise InvalidValue("Nomor sertifikat halal belum diisi. Contoh: ID62110000123450123.")
    if not text.startswith("ID"):
        raise InvalidValue("Nomor sertifikat halal harus diawali ID. Contoh: ID62110000123450123.")
    rest = text[2:]
    bad = next((ch for ch in rest if not (ch.isascii() and ch.isalnum())), None)
    if bad is not None:
        raise InvalidValue(
            f"Nomor sertifikat halal hanya boleh berisi huruf dan angka; ada karakter '{bad}'."
        )
    if len(rest) < _HALAL_MIN_REST:
        raise InvalidValue(
            f"Setelah ID, nomor sertifikat halal minimal {_HALAL_MIN_REST} huruf/angka; "
            f"yang diisi {len(rest)}."
        )
    return text


def _bpom_of(kind: str) -> Callable[[str], str]:
    other = "ML" if kind == "MD" else "MD"

    def check(value: str) -> str:
        number = normalize_bpom(value)
        if not number.startswith(kind):
            raise InvalidValue(
                f"Izin BPOM {kind} harus bernomor {kind}…; nomor ini diawali {other}. "
                f"Pilih jenis izin BPOM {other} atau periksa nomornya."
            )
        return number

    return check


def _free_licence_number(value: str) -> str:
    text = _clean(value)
    if not text:
        raise InvalidValue("Nomor izin belum diisi.")
    if len(text) > FREE_LICENCE_MAX_LEN:
        raise InvalidValue(
            f"Nomor izin paling panjang {FREE_LICENCE_MAX_LEN} karakter; "
            f"yang diisi {len(text)} karakter."
        )
    return text


_LICENCE_NORMALIZERS: dict[str, Callable[[str], str]] = {
    "nib": normalize_nib,
    "spp_irt": normalize_pirt,
    "halal": normalize_halal,
    "bpom_md": _bpom_of("MD"),
    "bpom_ml": _bpom_of("ML"),
    "merek": _free_licence_number,
    "sni": _free_licence_number,
    "pb_umku": _free_licence_number,
    "other": _free_licence_number,
}


def normalize_licence_number(kind: str, value: str) -> str:
    """The stored form of a licence number of the given kind (a LicenceKind value).

    An unknown kind is a programming error, so it raises a plain ValueError, not InvalidValue.
    """
    try:
        normalizer = _LICENCE_NORMALIZERS[kind]
    except KeyError:
        raise ValueError(f"unknown licence kind: {kind!r}") from None
    return normalizer(value)


# --- phone, e-mail -------------------------------------------------------------------------

_PHONE_EXAMPLE = "Contoh: 0812-3456-7890 atau +62 812-3456-7890."


def normalize_phone(value: str) -> str:
    """A phone number in E.164 ("+6281234567890"); numbers without "+" are Indonesian."""
    text = _clean(value)
    if not text:
        raise InvalidValue(f"Nomor telepon belum diisi. {_PHONE_EXAMPLE}")
    compact = re.sub(r"[\s().\-/]+", "", text)
    bad = next((ch for ch in compact.removeprefix("+") if not "0" <= ch <= "9"), None)
    if bad is not None:
        # phonenumbers would read letters as a vanity number; a typo is far more likely here.
        raise InvalidValue(
            f"Nomor telepon hanya boleh berisi angka; ada karakter '{bad}'. {_PHONE_EXAMPLE}"
        )
    # Indonesians write national numbers with a leading 0, so a leading 62 is the country
    # code; phonenumbers alone would keep "62 811 234 567" as a national number.
    if compact.startswith("0062"):
        compact = "+" + compact[2:]
    elif compact.startswith("62"):
        compact = "+" + compact
    try:
        number = phonenumbers.parse(compact, "ID")
    except NumberParseException as error:
        problem = {
            NumberParseException.INVALID_COUNTRY_CODE: "kode negaranya tidak dikenal",
            NumberParseException.TOO_SHORT_NSN: "terlalu pendek",
            NumberParseException.TOO_SHORT_AFTER_IDD: "terlalu pendek",
            NumberParseException.TOO_LONG: "terlalu panjang",
        }.get(error.error_type, "tidak dikenali sebagai nomor telepon")
        raise InvalidValue(f"Nomor telepon '{text}' {problem}. {_PHONE_EXAMPLE}") from None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    reason = phonenumbers.is_possible_number_with_reason(number)
    national = str(number.national_number)
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        problem = "kode negaranya tidak dikenal"
    elif reason == ValidationResult.TOO_SHORT:
        problem = "terlalu pendek"
    elif reason == ValidationResult.INVALID_LENGTH:
        problem = "jumlah angkanya tidak sesuai"
    elif reason == ValidationResult.TOO_LONG or (
        number.country_code == 62 and len(national) > _ID_MAX_NATIONAL_DIGITS
    ):
        # phonenumbers calls some over-long Indonesian numbers "possible"; say what is wrong.
        problem = "terlalu panjang"
    elif not compact.startswith(("+", "0")):
        problem = "belum lengkap: tulis dengan kode area, mis. (0536) 322 1234, atau nomor HP 08…"
    else:
        problem = "tidak sah; periksa awalan atau kode areanya (nomor HP diawali 08…)"
    raise InvalidValue(f"Nomor telepon '{text}' {problem}. {_PHONE_EXAMPLE}")


def format_phone(e164: str) -> str:
    """Display form: an Indonesian number as Indonesians write it, "0812-3456-7890"; a
    foreign one internationally, "+60 12-345 6789".

    Never raises: a stored number must stay displayable even if it no longer parses.
    """
    try:
        number = phonenumbers.parse(e164, "ID")
    except NumberParseException:
        return e164
    if number.country_code == 62:
        shown = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
        return shown if shown.startswith(("0", "(")) else f"0{number.national_number}"
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def mask_nik(nik: str | None) -> str:
    """The first 6 digits (province, kab/kota, kecamatan) and ten stars (UU PDP 27/2022)."""
    if not nik:
        return ""
    return nik[:6] + "*" * 10


def mask_phone(e164: str) -> str:
    """Masked display, one pattern whatever the length: "0812-****-7890" (the first four
    and the last four digits of the national number; the hidden part is always "****", so
    it does not tell how many digits it hides either). A foreign number keeps its country
    code in front ("+60 123-****-6789"); a very short number shows fewer digits.

    Owner phones are personal data (UU PDP 27/2022), so lists and exports show this form.
    """
    try:
        number = phonenumbers.parse(e164, "ID")
    except NumberParseException:
        number = None
    if number is not None and number.country_code == 62:
        prefix, digits = "", "0" + str(number.national_number)
    elif number is not None:
        prefix, digits = f"+{number.country_code} ", str(number.national_number)
    else:
        prefix, digits = "", "".join(ch for ch in e164 if ch.isdigit())
    shown = 4 if len(digits) >= 10 else max(1, (len(digits) - 2) // 2)
    if len(digits) < 4:
        return prefix + "****"
    return f"{prefix}{digits[:shown]}-****-{digits[-shown:]}"


def normalize_email(value: str) -> str:
    """An e-mail address, lightly checked; the domain is lower-cased (it is case-insensitive)."""
    text = _clean(value)
    example = "Contoh: nama@gmail.com."
    if not text:
        raise InvalidValue(f"Alamat e-mail belum diisi. {example}")
    if any(ch.isspace() for ch in text):
        raise InvalidValue(f"Alamat e-mail tidak boleh berisi spasi. {example}")
    if text.count("@") != 1:
        raise InvalidValue(f"Alamat e-mail harus berisi tepat satu tanda @. {example}")
    local, domain = text.split("@")
    if not local:
        raise InvalidValue(f"Bagian sebelum @ pada alamat e-mail belum diisi. {example}")
    if "." not in domain or domain.startswith(".") or domain.endswith(".") or ".." in domain:
        raise InvalidValue(
            f"Nama domain setelah @ harus berisi titik di antara dua nama, mis. gmail.com. "
            f"{example}"
        )
    return f"{local}@{domain.lower()}"
