"""Tests for klinik.domain.sizeclass: PP 7/2021 and UU 20/2008 thresholds and naik kelas."""

from __future__ import annotations

import pytest

from klinik.domain.sizeclass import SizeClass, naik_kelas, size_class, size_class_uu20
from klinik.errors import InvalidValue

M = 1_000_000_000  # one miliar
JT = 1_000_000  # one juta


def test_enum_values_rank_and_label() -> None:
    assert [c.value for c in SizeClass] == ["mikro", "kecil", "menengah", "besar"]
    assert [c.rank for c in SizeClass] == [0, 1, 2, 3]
    assert [c.label for c in SizeClass] == ["Mikro", "Kecil", "Menengah", "Besar"]
    assert SizeClass("kecil") is SizeClass.KECIL
    assert SizeClass.KECIL == "kecil"


@pytest.mark.parametrize(
    ("omzet", "expected"),
    [
        (0, SizeClass.MIKRO),
        (2 * M, SizeClass.MIKRO),
        (2 * M + 1, SizeClass.KECIL),
        (15 * M, SizeClass.KECIL),
        (15 * M + 1, SizeClass.MENENGAH),
        (50 * M, SizeClass.MENENGAH),
        (50 * M + 1, SizeClass.BESAR),
    ],
)
def test_omzet_thresholds_are_inclusive(omzet: int, expected: SizeClass) -> None:
    assert size_class(omzet=omzet, modal=None) is expected


@pytest.mark.parametrize(
    ("modal", "expected"),
    [
        (0, SizeClass.MIKRO),
        (1 * M, SizeClass.MIKRO),
        (1 * M + 1, SizeClass.KECIL),
        (5 * M, SizeClass.KECIL),
        (5 * M + 1, SizeClass.MENENGAH),
        (10 * M, SizeClass.MENENGAH),
        (10 * M + 1, SizeClass.BESAR),
    ],
)
def test_modal_thresholds_when_omzet_unknown(modal: int, expected: SizeClass) -> None:
    assert size_class(omzet=None, modal=modal) is expected


def test_omzet_decides_over_modal() -> None:
    # Big capital but small sales: an existing business is classed by its sales.
    assert size_class(omzet=500 * JT, modal=8 * M) is SizeClass.MIKRO
    assert size_class(omzet=20 * M, modal=100 * JT) is SizeClass.MENENGAH


def test_both_unknown() -> None:
    assert size_class(omzet=None, modal=None) is None
    assert size_class_uu20(omzet=None, kekayaan_bersih=None) is None


def test_negative_amounts_are_rejected() -> None:
    with pytest.raises(InvalidValue, match="Omzet tidak boleh negatif"):
        size_class(omzet=-1, modal=None)
    with pytest.raises(InvalidValue, match="Modal usaha tidak boleh negatif"):
        size_class(omzet=None, modal=-1)
    with pytest.raises(InvalidValue, match="Kekayaan bersih tidak boleh negatif"):
        size_class_uu20(omzet=None, kekayaan_bersih=-5)


@pytest.mark.parametrize(
    ("omzet", "kekayaan", "expected"),
    [
        (300 * JT, None, SizeClass.MIKRO),
        (300 * JT + 1, None, SizeClass.KECIL),
        (2_500 * JT, None, SizeClass.KECIL),
        (2_500 * JT + 1, None, SizeClass.MENENGAH),
        (50 * M, None, SizeClass.MENENGAH),
        (50 * M + 1, None, SizeClass.BESAR),
        (None, 50 * JT, SizeClass.MIKRO),
        (None, 50 * JT + 1, SizeClass.KECIL),
        (None, 500 * JT, SizeClass.KECIL),
        (None, 500 * JT + 1, SizeClass.MENENGAH),
        (None, 10 * M, SizeClass.MENENGAH),
        (None, 10 * M + 1, SizeClass.BESAR),
        (100 * JT, 400 * JT, SizeClass.MIKRO),
    ],
)
def test_uu20_thresholds(omzet: int | None, kekayaan: int | None, expected: SizeClass) -> None:
    assert size_class_uu20(omzet=omzet, kekayaan_bersih=kekayaan) is expected


def test_same_business_differs_between_the_two_laws() -> None:
    # Rp1 M omzet was kecil under UU 20/2008 and is mikro under PP 7/2021.
    assert size_class_uu20(omzet=1 * M, kekayaan_bersih=None) is SizeClass.KECIL
    assert size_class(omzet=1 * M, modal=None) is SizeClass.MIKRO


def test_naik_kelas() -> None:
    assert naik_kelas(SizeClass.MIKRO, SizeClass.KECIL) is True
    assert naik_kelas(SizeClass.MIKRO, SizeClass.BESAR) is True
    assert naik_kelas(SizeClass.KECIL, SizeClass.KECIL) is False
    assert naik_kelas(SizeClass.MENENGAH, SizeClass.KECIL) is False
    assert naik_kelas(None, SizeClass.KECIL) is False
    assert naik_kelas(SizeClass.MIKRO, None) is False
    assert naik_kelas(None, None) is False
    before = size_class(omzet=1_800 * JT, modal=None)
    after = size_class(omzet=2_100 * JT, modal=None)
    assert naik_kelas(before, after) is True
