"""Tests for klinik.domain.letters: Roman months, letter number patterns and numbers."""

from __future__ import annotations

from datetime import date

import pytest

from klinik.domain.letters import (
    DEFAULT_LETTER_PATTERN,
    format_letter_number,
    roman_month,
    validate_letter_pattern,
)
from klinik.errors import InvalidValue


def test_roman_months() -> None:
    assert [roman_month(m) for m in range(1, 13)] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ]  # fmt: skip
    for bad in (0, 13):
        with pytest.raises(InvalidValue, match=f"Bulan harus 1-12; yang diisi {bad}"):
            roman_month(bad)


def test_default_pattern() -> None:
    assert DEFAULT_LETTER_PATTERN == "{seq:03d}/{unit}/{roman_month}/{year}"
    assert validate_letter_pattern(DEFAULT_LETTER_PATTERN) == DEFAULT_LETTER_PATTERN
    on = date(2021, 5, 20)
    number = format_letter_number(DEFAULT_LETTER_PATTERN, seq=12, on=on, unit="KB-KT")
    assert number == "012/KB-KT/V/2021"


def test_other_patterns() -> None:
    on = date(2021, 12, 1)
    assert format_letter_number("{seq}/{unit}/{year}", seq=1234, on=on, unit="KB") == "1234/KB/2021"
    assert (
        format_letter_number("B-{seq:04d}/KB.{month:02d}/{year}", seq=7, on=on, unit="")
        == "B-0007/KB.12/2021"
    )
    assert format_letter_number("{{{seq}}}-{year}", seq=3, on=on, unit="X") == "{3}-2021"
    assert (
        format_letter_number(DEFAULT_LETTER_PATTERN, seq=1000, on=on, unit=" KB-KT ")
        == "1000/KB-KT/XII/2021"
    )
    assert validate_letter_pattern("  {seq}/{year}  ") == "{seq}/{year}"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("", "Pola nomor surat belum diisi"),
        ("{seq}/{unit}", "harus memuat {year} supaya setiap nomor unik dalam setahun"),
        ("{unit}/{year}", "harus memuat {seq} supaya setiap nomor unik"),
        ("{unit}/{roman_month}", "harus memuat {seq} dan {year}"),
        ("{seq}/{tahun}", "memuat {tahun} yang tidak dikenal; yang boleh dipakai: {seq}, {unit}"),
        ("{}/{year}", "memuat {} yang tidak dikenal"),
        ("{seq.real}/{year}", "memuat {seq.real} yang tidak dikenal"),
        ("{seq/{year}", "kurung kurawal { } tidak berpasangan"),
        ("{seq}/{year}}", "kurung kurawal { } tidak berpasangan"),
        ("{seq!r}/{year}", "bagian {seq} ditulis dengan cara yang tidak didukung"),
        ("{seq:{year}}/{year}", "bagian {seq} ditulis dengan cara yang tidak didukung"),
        ("{seq}/{unit:03d}/{year}", "format yang tidak cocok"),
    ],
)
def test_pattern_errors(pattern: str, expected: str) -> None:
    with pytest.raises(InvalidValue) as info:
        validate_letter_pattern(pattern)
    assert expected in str(info.value)


def test_format_letter_number_errors() -> None:
    on = date(2021, 5, 20)
    with pytest.raises(InvalidValue, match="Nomor urut surat harus 1 atau lebih; yang diberikan 0"):
        format_letter_number(DEFAULT_LETTER_PATTERN, seq=0, on=on, unit="KB-KT")
    with pytest.raises(InvalidValue, match="Kode unit untuk nomor surat belum diisi"):
        format_letter_number(DEFAULT_LETTER_PATTERN, seq=1, on=on, unit="  ")
    with pytest.raises(InvalidValue, match="harus memuat"):
        format_letter_number("{unit}", seq=1, on=on, unit="KB")
