"""Tests for klinik.domain.formatting: rupiah, numbers, dates, and parsing what users type."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klinik.domain.formatting import (
    MONTHS_ID,
    format_date,
    format_datetime,
    format_decimal,
    format_hours,
    format_number,
    format_rupiah,
    parse_date,
    parse_money,
    parse_whole_number,
)
from klinik.errors import InvalidValue

TODAY = date(2025, 6, 30)


def _raises(func, *args, **kwargs) -> str:
    with pytest.raises(InvalidValue) as info:
        func(*args, **kwargs)
    return str(info.value)


# --- display --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "id_text", "en_text"),
    [
        (1_500_000, "Rp1.500.000", "Rp1,500,000"),
        (0, "Rp0", "Rp0"),
        (999, "Rp999", "Rp999"),
        (Decimal("1500.50"), "Rp1.500,50", "Rp1,500.50"),
        (Decimal("1500.00"), "Rp1.500", "Rp1,500"),
        (Decimal("1500.005"), "Rp1.500,01", "Rp1,500.01"),
        (-1_500_000, "-Rp1.500.000", "-Rp1,500,000"),
        (Decimal("-0.001"), "Rp0", "Rp0"),
        (12_345_678_901_234, "Rp12.345.678.901.234", "Rp12,345,678,901,234"),
    ],
)
def test_format_rupiah(amount: int | Decimal, id_text: str, en_text: str) -> None:
    assert format_rupiah(amount) == id_text
    assert format_rupiah(amount, locale="en") == en_text


def test_format_rupiah_none() -> None:
    assert format_rupiah(None) == ""


def test_format_number() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234567, locale="en") == "1,234,567"
    assert format_number(Decimal("1234.5")) == "1.234,5"
    assert format_number(None) == ""


def test_format_date() -> None:
    assert format_date(date(2021, 5, 20)) == "20 Mei 2021"
    assert format_date(date(2021, 5, 20), locale="en") == "20 May 2021"
    assert format_date(date(2021, 1, 1)) == "1 Januari 2021"
    assert format_date(None) == ""
    assert [format_date(date(2021, m, 1)).split()[1] for m in range(1, 13)] == list(MONTHS_ID)


def test_months_are_those_of_the_domain_notes() -> None:
    assert MONTHS_ID == (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    )  # fmt: skip


def test_format_datetime() -> None:
    assert format_datetime(datetime(2021, 5, 20, 14, 5)) == "20 Mei 2021 14.05"
    english = format_datetime(datetime(2021, 5, 20, 14, 5), locale="en")
    assert english.startswith("20 May 2021 2:05") and english.endswith("PM")
    wib = timezone(timedelta(hours=7))
    assert format_datetime(datetime(2021, 5, 20, 9, 30, tzinfo=wib)) == "20 Mei 2021 09.30"
    assert format_datetime(None) == ""


# --- parse_money ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 150.000.000", 150_000_000),
        ("Rp150.000.000,00", 150_000_000),
        ("Rp. 150.000", 150_000),
        ("Rp150.000,-", 150_000),
        ("IDR 150.000", 150_000),
        ("150.000.000", 150_000_000),
        ("150000000", 150_000_000),
        ("150 000 000", 150_000_000),
        ("150jt", 150_000_000),
        ("150 juta", 150_000_000),
        ("150 juta rupiah", 150_000_000),
        ("1,5 M", 1_500_000_000),
        ("1,5 miliar", 1_500_000_000),
        ("1,5 milyar", 1_500_000_000),
        ("2.5M", 2_500_000_000),
        ("1,25 M", 1_250_000_000),
        ("1,5jt", 1_500_000),
        ("1.5jt", 1_500_000),
        ("1.500.000", 1_500_000),
        ("1.500.000 jt", 1_500_000_000_000),
        ("300rb", 300_000),
        ("300 ribu", 300_000),
        ("300k", 300_000),
        ("2 T", 2_000_000_000_000),
        ("1.500", 1_500),
        ("1,500,000", 1_500_000),
        ("1,500,000.00", 1_500_000),
        ("0", 0),
        ("Rp0", 0),
        ("1000 T", 10**15),
        ("Rp1.000.000.000.000.000", 10**15),
        ("\uff11\uff15\uff10\uff4a\uff54", 150_000_000),  # full-width "150jt"
    ],
)
def test_parse_money(text: str, expected: int) -> None:
    assert parse_money(text) == expected


@given(st.integers(0, 10**15))
def test_parse_money_reads_back_format_rupiah(amount: int) -> None:
    assert parse_money(format_rupiah(amount)) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Jumlah uang belum diisi"),
        ("   ", "Jumlah uang belum diisi"),
        ("Rp", "Angka jumlah uang belum diisi"),
        ("-150.000", "Jumlah uang tidak boleh negatif"),
        ("Rp -150.000", "Jumlah uang tidak boleh negatif"),
        ("-Rp150.000", "Jumlah uang tidak boleh negatif"),
        ("abc", "'abc' bukan jumlah uang yang dikenali"),
        ("150.000-200.000", "bukan jumlah uang yang dikenali"),
        ("150.", "bukan jumlah uang yang dikenali"),
        ("150 dolar", "Satuan 'dolar' tidak dikenal; pakai rb/ribu, jt/juta, M/miliar"),
        ("1.50.000", "Pemisah ribuan pada '1.50.000' tidak tepat"),
        ("1.5000", "tidak jelas: di belakang koma hanya ada sen"),
        ("150,000", "bisa dibaca dua cara: koma adalah tanda desimal. Tulis 150.000 untuk ribuan"),
        ("1.500,00,0", "memakai titik dan koma secara membingungkan"),
        ("1.500,5", "menghasilkan pecahan rupiah (1500.5)"),
        ("1,2345 rb", "menghasilkan pecahan rupiah (1234.5)"),
        # Ambiguous: a thousand apart depending on the reader.
        ("1.500 jt", "bisa dibaca dua cara: Rp1.500.000.000 atau Rp1.500.000"),
        ("1,500 M", "bisa dibaca dua cara: Rp1.500.000.000.000 atau Rp1.500.000.000"),
        ("1,500", "bisa dibaca dua cara"),
        ("1.5", "tidak jelas: titik memisahkan ribuan"),
        ("1.50", "tidak jelas: titik memisahkan ribuan"),
        # Not digits, even if they look like some.
        ("\u00b2", "bukan jumlah uang yang dikenali"),
        ("\u0661\u0665\u0660", "bukan jumlah uang yang dikenali"),
        ("1e6", "bukan jumlah uang yang dikenali"),
        # Beyond any real amount, and beyond 64 bits.
        ("1001 T", "terlalu besar. Paling besar Rp1.000 triliun"),
        ("99999999999999999999999", "terlalu besar"),
        ("9" * 5000, "terlalu besar"),
        ("1" + ".000" * 2000, "terlalu besar"),
    ],
)
def test_parse_money_errors(text: str, expected: str) -> None:
    assert expected in _raises(parse_money, text)


@given(st.text(max_size=60))
def test_parse_money_either_reads_an_amount_or_says_why(text: str) -> None:
    try:
        value = parse_money(text)
    except InvalidValue as exc:
        assert str(exc)
    else:
        assert 0 <= value <= 10**15


# --- parse_whole_number -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("60", 60), (" 90 ", 90), ("0", 0), ("-3", -3), ("1.500", 1500), ("\uff16\uff10", 60)],
)
def test_parse_whole_number(text: str, expected: int) -> None:
    assert parse_whole_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("60.5", "Durasi harus bilangan bulat; '60.5' memuat pecahan"),
        ("60,5", "memuat pecahan"),
        (".5", "memuat pecahan"),
        ("1.50", "memuat pecahan"),
        ("\u00b2", "Durasi harus berupa angka bulat"),
        ("\u0663", "Durasi harus berupa angka bulat"),
        ("6O", "Durasi harus berupa angka bulat"),
        ("", "Durasi harus berupa angka bulat"),
        ("1e3", "Durasi harus berupa angka bulat"),
        ("9223372036854775808", "Durasi terlalu besar"),
        ("99999999999999999999", "Durasi terlalu besar"),
        ("9" * 5000, "Durasi terlalu besar: '99999"),
    ],
)
def test_parse_whole_number_refuses_fractions_look_alikes_and_overflow(text, expected) -> None:
    assert expected in _raises(parse_whole_number, text, what="Durasi")


def test_parse_whole_number_takes_the_64_bit_limit() -> None:
    assert parse_whole_number("9223372036854775807") == 2**63 - 1
    assert parse_whole_number("-9223372036854775807") == -(2**63 - 1)


# --- parse_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "20/05/2021",
        "20/5/2021",
        "20-05-2021",
        "20.05.2021",
        "2021-05-20",
        "2021/05/20",
        "20 Mei 2021",
        "20 mei 21",
        "20 MEI 2021",
        "20-Mei-2021",
        "20 May 2021",
        "20 may 21",
        "May 20, 2021",
        "Kamis, 20 Mei 2021",
        "  20   Mei   2021 ",
        "20/05/21",
    ],
)
def test_parse_date_accepted_forms(text: str) -> None:
    assert parse_date(text, today=TODAY) == date(2021, 5, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17 Agustus 1945", date(1945, 8, 17)),
        ("17 Agt 1945", date(1945, 8, 17)),
        ("17 Aug 1945", date(1945, 8, 17)),
        ("1 Okt 2020", date(2020, 10, 1)),
        ("1 Oct 2020", date(2020, 10, 1)),
        ("25 Des 2020", date(2020, 12, 25)),
        ("25 December 2020", date(2020, 12, 25)),
        ("10 Nopember 1945", date(1945, 11, 10)),
        ("2 Pebruari 1990", date(1990, 2, 2)),
        ("5 Sept 2022", date(2022, 9, 5)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_month_names(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_two_digit_year_century() -> None:
    assert parse_date("01/01/35", today=TODAY) == date(2035, 1, 1)
    assert parse_date("01/01/36", today=TODAY) == date(1936, 1, 1)
    assert parse_date("01/01/99", today=TODAY) == date(1999, 1, 1)
    assert parse_date("01/01/00", today=TODAY) == date(2000, 1, 1)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_date_reads_back_format_date(d: date) -> None:
    assert parse_date(format_date(d), today=TODAY) == d
    assert parse_date(format_date(d, locale="en"), today=TODAY) == d
    assert parse_date(d.strftime("%d/%m/%Y"), today=TODAY) == d
    assert parse_date(d.isoformat(), today=TODAY) == d


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Tanggal belum diisi. Tulis seperti 20/05/2021"),
        ("kemarin", "Tanggal 'kemarin' tidak dikenali. Tulis seperti 20/05/2021, 2021-05-20"),
        ("20052021", "tidak dikenali"),
        ("20/05", "tidak dikenali"),
        ("05/20/2021", "Bulan harus 1-12; yang diisi 20. Urutannya tanggal/bulan/tahun"),
        ("2021-13-01", "Bulan harus 1-12; yang diisi 13"),
        ("31/04/2021", "Tanggal 31 April 2021 tidak ada"),
        ("29 Feb 2023", "Tanggal 29 Februari 2023 tidak ada"),
        ("0/05/2021", "Tanggal 0 Mei 2021 tidak ada"),
        ("20 Mey 2021", "Nama bulan 'mey' tidak dikenal"),
        ("20 Ju 2021", "Nama bulan 'ju' tidak dikenal"),
        ("20/05/0221", "Tahun harus antara 1900 dan 2100; yang diisi 0221"),
        ("\u00b2\u2070/05/2021", "tidak dikenali"),  # superscript digits are no digits
        ("x" * 5000, "Tanggal 'xxxxxxxx"),
    ],
)
def test_parse_date_errors(text: str, expected: str) -> None:
    assert expected in _raises(parse_date, text, today=TODAY)


@pytest.mark.parametrize(
    ("value", "places", "locale", "expected"),
    [
        (Decimal("123.85"), 1, "id", "123,9"),  # half up, not to even
        (123.85, 1, "id", "123,9"),  # a float by its repr, not its binary value 123.8499…
        (123.85, 1, "en", "123.9"),
        (6.0, 1, "id", "6"),
        (1234567.255, 2, "id", "1.234.567,26"),
        (41.5, 0, "id", "42"),
        (-0.04, 1, "id", "0"),
        (None, 1, "id", ""),
    ],
)
def test_format_decimal_rounds_once_half_up(value, places, locale, expected):
    assert format_decimal(value, places, locale=locale) == expected


def test_format_hours_from_minutes():
    assert format_hours(7431) == "123,9"
    assert format_hours(90) == "1,5"
    assert format_hours(195, 2) == "3,25"
    assert format_hours(7431, locale="en") == "123.9"
