"""Tests for klinik.domain.identifiers: accepted inputs and every error message."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klinik.domain.identifiers import (
    PROVINCE_CODES,
    format_bpom,
    format_npwp,
    format_phone,
    format_pirt,
    mask_phone,
    nik_birth_date,
    nik_gender,
    normalize_bpom,
    normalize_email,
    normalize_halal,
    normalize_licence_number,
    normalize_nib,
    normalize_nik,
    normalize_npwp,
    normalize_phone,
    normalize_pirt,
)
from klinik.errors import InvalidValue

# A woman born 5 May 1990 in Kota Palangka Raya (62 71), kecamatan 01, sequence 0001.
NIK_WOMAN = "6271014505900001"
NIK_MAN = "6271010505900001"


def _raises(func, *args, **kwargs) -> str:
    with pytest.raises(InvalidValue) as info:
        func(*args, **kwargs)
    return str(info.value)


# --- NIK -------------------------------------------------------------------------------------


@st.composite
def niks(draw) -> str:
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    regency = draw(st.integers(1, 99))
    district = draw(st.integers(1, 99))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(2000, month)[1]))
    woman = draw(st.booleans())
    year = draw(st.integers(0, 99))
    seq = draw(st.integers(1, 9999))
    return (
        f"{province}{regency:02d}{district:02d}{day + 40 * woman:02d}{month:02d}{year:02d}{seq:04d}"
    )


@st.composite
def with_separators(draw, digits: str) -> str:
    """`digits` with spaces, dots or dashes drawn between some of them."""
    out = []
    for ch in digits:
        out.append(draw(st.sampled_from(["", "", "", " ", ".", "-"])))
        out.append(ch)
    return draw(st.sampled_from(["", " "])) + "".join(out) + draw(st.sampled_from(["", " "]))


@given(niks().flatmap(lambda nik: st.tuples(st.just(nik), with_separators(nik))))
def test_any_valid_nik_round_trips_with_separators(pair: tuple[str, str]) -> None:
    nik, typed = pair
    assert normalize_nik(typed) == nik


@given(niks())
def test_nik_gender_and_birth_date_agree_with_the_digits(nik: str) -> None:
    today = date(2025, 6, 30)
    raw_day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    assert nik_gender(nik) == ("P" if raw_day > 40 else "L")
    day = raw_day - 40 if raw_day > 40 else raw_day
    try:
        born = nik_birth_date(nik, today=today)
    except InvalidValue as error:
        # Only 29 February of a year that is not a leap year in either century.
        assert (day, month) == (29, 2) and yy % 4 != 0
        assert "kabisat" in str(error)
        return
    assert (born.day, born.month, born.year % 100) == (day, month, yy)
    assert born <= today
    assert born > today.replace(year=today.year - 100)


def test_nik_concrete() -> None:
    assert normalize_nik("6271 0145 0590 0001") == NIK_WOMAN
    assert normalize_nik("62.71.01.450590.0001") == NIK_WOMAN
    assert normalize_nik(6271014505900001) == NIK_WOMAN
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in NIK_WOMAN)
    assert normalize_nik(full_width) == NIK_WOMAN
    assert nik_gender(NIK_WOMAN) == "P"
    assert nik_gender(NIK_MAN) == "L"
    assert nik_birth_date(NIK_WOMAN) == date(1990, 5, 5)
    assert nik_birth_date(NIK_MAN) == date(1990, 5, 5)


def test_nik_birth_date_century_is_never_in_the_future() -> None:
    nik = "6271012012230001"  # 20 Dec 23
    assert nik_birth_date(nik, today=date(2024, 1, 1)) == date(2023, 12, 20)
    assert nik_birth_date(nik, today=date(2023, 12, 19)) == date(1923, 12, 20)
    assert nik_birth_date(nik, today=date(2023, 12, 20)) == date(2023, 12, 20)


def test_nik_29_february() -> None:
    assert normalize_nik("6271012902040001") == "6271012902040001"
    assert nik_birth_date("6271012902040001", today=date(2025, 1, 1)) == date(2004, 2, 29)
    assert nik_birth_date("6271016902000001", today=date(2025, 1, 1)) == date(2000, 2, 29)
    # Allowed by normalize_nik, but 1901 and 2001 have no 29 February.
    assert normalize_nik("6271012902010001") == "6271012902010001"
    message = _raises(nik_birth_date, "6271012902010001", today=date(2025, 1, 1))
    assert "29 Februari" in message and "kabisat" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", "NIK belum diisi"),
        ("   ", "NIK belum diisi"),
        ("627101450590000", "NIK harus 16 angka; yang diisi 15 angka."),
        ("62710145059000011", "NIK harus 16 angka; yang diisi 17 angka."),
        ("6271O14505900001", "NIK hanya boleh berisi angka; ada karakter 'O'"),
        ("1071014505900001", "Kode provinsi di NIK (2 angka pertama: 10) tidak dikenal"),
        ("6200014505900001", "Kode kabupaten/kota di NIK (angka ke-3 dan ke-4) tidak boleh 00"),
        ("6271004505900001", "Kode kecamatan di NIK (angka ke-5 dan ke-6) tidak boleh 00"),
        ("6271010005900001", "harus 01-31 untuk laki-laki atau 41-71 untuk perempuan"),
        ("6271013205900001", "yang tertulis 32"),
        ("6271014005900001", "yang tertulis 40"),
        ("6271017205900001", "yang tertulis 72"),
        ("6271010100900001", "Bulan lahir di NIK (angka ke-9 dan ke-10) harus 01-12"),
        ("6271010113900001", "yang tertulis 13"),
        ("6271013104900001", "Tanggal lahir di NIK tidak ada: 31 April"),
        ("6271017102900001", "Tanggal lahir di NIK tidak ada: 31 Februari"),
        ("6271013002900001", "tidak ada: 30 Februari"),
        ("6271014505900000", "Nomor urut di NIK (4 angka terakhir) tidak boleh 0000"),
    ],
)
def test_nik_errors(value: str, expected: str) -> None:
    assert expected in _raises(normalize_nik, value)


def test_nik_negative_int_is_rejected() -> None:
    assert "tanpa tanda minus" in _raises(normalize_nik, -6271014505900001)


def test_nik_province_codes_include_kalteng_and_new_papua() -> None:
    assert "62" in PROVINCE_CODES
    assert {"93", "94", "95", "96", "97"} <= PROVINCE_CODES
    assert "20" not in PROVINCE_CODES and "98" not in PROVINCE_CODES
    assert len(PROVINCE_CODES) == 39


# --- NIB, NPWP -------------------------------------------------------------------------------


@given(
    st.text("0123456789", min_size=13, max_size=13).flatmap(
        lambda nib: st.tuples(st.just(nib), with_separators(nib))
    )
)
def test_nib_round_trips(pair: tuple[str, str]) -> None:
    nib, typed = pair
    assert normalize_nib(typed) == nib


def test_nib() -> None:
    assert normalize_nib("1234 5678 90123") == "1234567890123"
    assert normalize_nib("1234.5678.90123") == "1234567890123"
    assert _raises(normalize_nib, "123456789012") == "NIB harus 13 angka; yang diisi 12 angka."
    message = _raises(normalize_nib, "A234567890123")
    assert "NIB hanya boleh berisi angka; ada karakter 'A'" in message
    assert "NIB belum diisi" in _raises(normalize_nib, "")


def test_npwp() -> None:
    assert normalize_npwp("01.234.567.8-901.000") == "012345678901000"
    assert normalize_npwp("0012345678901000") == "0012345678901000"
    assert normalize_npwp(NIK_WOMAN) == NIK_WOMAN
    assert format_npwp("012345678901000") == "01.234.567.8-901.000"
    assert format_npwp("01.234.567.8-901.000") == "01.234.567.8-901.000"
    assert format_npwp("0012345678901000") == "0012345678901000"
    message = _raises(normalize_npwp, "01.234.567.8-901.00")
    assert "NPWP harus 15 angka" in message and "atau 16 angka; yang diisi 14 angka" in message
    assert "NPWP hanya boleh berisi angka; ada karakter '/'" in _raises(
        normalize_npwp, "01/234.567.8-901.000"
    )


@given(st.text("0123456789", min_size=15, max_size=15))
def test_npwp_15_digits_format_and_parse_back(digits: str) -> None:
    printed = format_npwp(digits)
    assert re.fullmatch(r"\d\d\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}", printed)
    assert normalize_npwp(printed) == digits


# --- P-IRT, BPOM, halal ------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "P-IRT No. 1234567890123-45",
        "PIRT 123456789012345",
        "p-irt no 1234567890123-45",
        "P-IRT Nomor: 1234567890123 45",
        "SPP-IRT No. 1234567890123-45",
        "123456789012345",
        " 1234567890123-45 ",
    ],
)
def test_pirt_accepted_forms(typed: str) -> None:
    assert normalize_pirt(typed) == "123456789012345"


def test_pirt_format_and_errors() -> None:
    assert format_pirt("123456789012345") == "P-IRT No. 1234567890123-45"
    assert format_pirt("2110162010012-26") == "P-IRT No. 2110162010012-26"
    assert format_pirt("12345678901234567") == "P-IRT No. 123456789012345-67"
    message = _raises(normalize_pirt, "P-IRT No. 1234567890123")
    assert "Nomor P-IRT minimal 15 angka; yang diisi 13 angka." in message
    assert "Nomor P-IRT belum diisi" in _raises(normalize_pirt, "P-IRT No.")
    assert "Nomor P-IRT hanya boleh berisi angka; ada karakter 'X'" in _raises(
        normalize_pirt, "P-IRT No. 1234567890123-4X"
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("MD123456789012", "MD123456789012"),
        ("md 123456789012", "MD123456789012"),
        ("BPOM RI MD 123456789012", "MD123456789012"),
        ("bpom ri ml 123.456.789.012", "ML123456789012"),
        ("BPOM MD 123456789012345", "MD123456789012345"),
        ("ML123456789012345", "ML123456789012345"),
    ],
)
def test_bpom_accepted_forms(typed: str, expected: str) -> None:
    assert normalize_bpom(typed) == expected


def test_bpom_format_and_errors() -> None:
    assert format_bpom("md123456789012") == "BPOM RI MD 123456789012"
    assert format_bpom("ML123456789012345") == "BPOM RI ML 123456789012345"
    assert "Nomor BPOM harus diawali MD" in _raises(normalize_bpom, "MK123456789012")
    assert "Nomor BPOM harus diawali MD" in _raises(normalize_bpom, "123456789012")
    assert "Nomor BPOM belum diisi" in _raises(normalize_bpom, " ")
    message = _raises(normalize_bpom, "MD1234567890123")
    assert "MD diikuti 12 angka (format lama) atau 15 angka" in message
    assert "yang diisi 13 angka" in message
    assert "Setelah MD, nomor BPOM hanya boleh berisi angka; ada karakter 'A'" in _raises(
        normalize_bpom, "MD12345678901A"
    )


def test_halal() -> None:
    assert normalize_halal("ID62110000123450123") == "ID62110000123450123"
    assert normalize_halal("id 6211-0000-1234") == "ID621100001234"
    assert normalize_halal("IDABC12345") == "IDABC12345"
    assert "harus diawali ID" in _raises(normalize_halal, "00150012345678")
    message = _raises(normalize_halal, "ID1234567")
    assert "Setelah ID, nomor sertifikat halal minimal 8 huruf/angka; yang diisi 7" in message
    assert "hanya boleh berisi huruf dan angka; ada karakter '/'" in _raises(
        normalize_halal, "ID1234/5678"
    )
    assert "sertifikat halal belum diisi" in _raises(normalize_halal, "")


def test_licence_number_dispatch() -> None:
    assert normalize_licence_number("nib", "1234 5678 90123") == "1234567890123"
    assert normalize_licence_number("spp_irt", "PIRT 123456789012345") == "123456789012345"
    assert normalize_licence_number("halal", "id123456789") == "ID123456789"
    assert normalize_licence_number("bpom_md", "MD 123456789012") == "MD123456789012"
    assert normalize_licence_number("bpom_ml", "ML 123456789012") == "ML123456789012"
    for kind in ("merek", "sni", "pb_umku", "other"):
        assert normalize_licence_number(kind, "  IDM000123456 ") == "IDM000123456"
    assert normalize_licence_number("merek", "x" * 64) == "x" * 64


def test_licence_number_errors() -> None:
    assert "diawali ML" in _raises(normalize_licence_number, "bpom_md", "ML123456789012")
    assert "Pilih jenis izin BPOM ML" in _raises(
        normalize_licence_number, "bpom_md", "ML123456789012"
    )
    assert "diawali MD" in _raises(normalize_licence_number, "bpom_ml", "MD123456789012")
    assert "NIB harus 13 angka" in _raises(normalize_licence_number, "nib", "123")
    assert "Nomor izin belum diisi" in _raises(normalize_licence_number, "sni", "   ")
    assert "paling panjang 64 karakter; yang diisi 65 karakter" in _raises(
        normalize_licence_number, "other", "x" * 65
    )
    with pytest.raises(ValueError) as info:
        normalize_licence_number("sim", "123")
    assert not isinstance(info.value, InvalidValue)


# --- phone -------------------------------------------------------------------------------------

# Operator prefixes in use (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
MOBILE_PREFIXES = [
    "0811", "0812", "0813", "0814", "0815", "0816", "0817", "0818", "0819",
    "0821", "0822", "0823", "0831", "0832", "0833", "0838",
    "0851", "0852", "0853", "0855", "0856", "0857", "0858", "0859", "0877", "0878",
    "0881", "0882", "0883", "0884", "0885", "0886", "0887", "0888", "0889",
    "0895", "0896", "0897", "0898", "0899",
]  # fmt: skip


@st.composite
def mobiles(draw) -> str:
    """A national mobile number "08…" of 10 to 12 digits."""
    prefix = draw(st.sampled_from(MOBILE_PREFIXES))
    rest = draw(st.text("0123456789", min_size=6, max_size=8))
    return prefix + rest


@st.composite
def written(draw, national: str) -> str:
    """The number as people write it: 08…, +62 8…, 62 8…, with dashes or spaces."""
    subscriber = national[1:]
    start = draw(st.sampled_from(["0", "+62", "+62 ", "62", "62 ", "+62-", "0062"]))
    sep = draw(st.sampled_from(["", " ", "-"]))
    cuts = sorted(draw(st.sets(st.integers(1, len(subscriber) - 1), max_size=3)))
    pieces = [subscriber[a:b] for a, b in zip([0, *cuts], [*cuts, len(subscriber)], strict=True)]
    return start + sep.join(pieces)


@given(mobiles().flatmap(lambda n: st.tuples(st.just(n), written(n))))
def test_any_mobile_normalises_to_the_same_e164(pair: tuple[str, str]) -> None:
    national, typed = pair
    expected = "+62" + national[1:]
    assert normalize_phone(typed) == expected
    assert normalize_phone(national) == expected
    assert normalize_phone(format_phone(expected)) == expected


@given(mobiles())
def test_mask_is_one_pattern_whatever_the_length(national: str) -> None:
    """0812-****-7890: the first four and last four digits of the national number, and
    always four stars (the length of what is hidden is hidden too)."""
    e164 = "+62" + national[1:]
    masked = mask_phone(e164)
    assert masked == f"{national[:4]}-****-{national[-4:]}"
    assert format_phone(e164).startswith(national[:4])


@pytest.mark.parametrize(
    "typed",
    ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "62 812-3456-7890", "0812.3456.7890"],
)
def test_phone_accepted_forms(typed: str) -> None:
    assert normalize_phone(typed) == "+6281234567890"


def test_phone_concrete() -> None:
    assert normalize_phone("(0536) 322 1234") == "+625363221234"
    assert normalize_phone("\u202a0812-3456-7890\u202c") == "+6281234567890"  # from WhatsApp
    assert normalize_phone("62 811 234 567") == "+62811234567"
    assert normalize_phone("+60 12-345 6789") == "+60123456789"
    assert format_phone("+6281234567890") == "0812-3456-7890"
    assert mask_phone("+6281234567890") == "0812-****-7890"
    assert mask_phone("+625363221234") == "0536-****-1234"
    assert format_phone("+625363221234") == "(0536) 3221234"
    assert format_phone("not a number") == "not a number"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Nomor telepon belum diisi"),
        ("0812-FLOWERS", "Nomor telepon hanya boleh berisi angka; ada karakter 'F'"),
        ("0812", "terlalu pendek"),
        ("08123456789012345", "terlalu panjang"),
        ("3221234", "belum lengkap: tulis dengan kode area"),
        ("+999 1234 5678", "Nomor telepon '+999 1234 5678' kode negaranya tidak dikenal"),
    ],
)
def test_phone_errors(typed: str, expected: str) -> None:
    assert expected in _raises(normalize_phone, typed)


def test_phone_invalid_but_possible_number() -> None:
    message = _raises(normalize_phone, "0800 1234 5678")
    assert "tidak sah" in message and "08…" in message


# --- e-mail ------------------------------------------------------------------------------------


def test_email() -> None:
    assert normalize_email(" Budi.Santoso@Gmail.COM ") == "Budi.Santoso@gmail.com"
    assert normalize_email("klinik@kalteng.go.id") == "klinik@kalteng.go.id"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "Alamat e-mail belum diisi"),
        ("budi @gmail.com", "tidak boleh berisi spasi"),
        ("budi.gmail.com", "tepat satu tanda @"),
        ("budi@@gmail.com", "tepat satu tanda @"),
        ("@gmail.com", "Bagian sebelum @ pada alamat e-mail belum diisi"),
        ("budi@gmail", "Nama domain setelah @ harus berisi titik"),
        ("budi@gmail.", "Nama domain setelah @ harus berisi titik"),
        ("budi@.com", "Nama domain setelah @ harus berisi titik"),
        ("budi@gmail..com", "Nama domain setelah @ harus berisi titik"),
    ],
)
def test_email_errors(typed: str, expected: str) -> None:
    assert expected in _raises(normalize_email, typed)
