"""Business size class (mikro, kecil, menengah, besar) and "naik kelas".

Current rule: PP 7/2021 Pasal 35. For an existing business the annual sales (omzet) decide;
modal usaha (without land and buildings) is the criterion for founding or registering a
business, so here it is used only when omzet is unknown. UU 20/2008 is kept for records
made before 2021.
"""

from __future__ import annotations

from enum import StrEnum

from klinik.errors import InvalidValue


class SizeClass(StrEnum):
    """Size class of a business, stored as its lower-case Indonesian value.

    A str enum (StrEnum rather than str + Enum, so that f-strings give "mikro", not
    "SizeClass.MIKRO", on Python 3.11).
    """

    MIKRO = "mikro"
    KECIL = "kecil"
    MENENGAH = "menengah"
    BESAR = "besar"

    @property
    def rank(self) -> int:
        """0 for mikro up to 3 for besar; a higher rank is a bigger business."""
        return list(SizeClass).index(self)

    @property
    def label(self) -> str:
        """Indonesian label: "Mikro", "Kecil", "Menengah", "Besar"."""
        return self.value.capitalize()


PP_7_2021 = "PP 7/2021"
UU_20_2008 = "UU 20/2008"

# Upper limits, inclusive, in rupiah: (class, asset criterion, omzet criterion). Above the
# last row a business is besar. The asset criterion is modal usaha in PP 7/2021 and
# kekayaan bersih in UU 20/2008.
SIZE_LIMITS: dict[str, tuple[tuple[SizeClass, int, int], ...]] = {
    PP_7_2021: (
        (SizeClass.MIKRO, 1_000_000_000, 2_000_000_000),
        (SizeClass.KECIL, 5_000_000_000, 15_000_000_000),
        (SizeClass.MENENGAH, 10_000_000_000, 50_000_000_000),
    ),
    UU_20_2008: (
        (SizeClass.MIKRO, 50_000_000, 300_000_000),
        (SizeClass.KECIL, 500_000_000, 2_500_000_000),
        (SizeClass.MENENGAH, 10_000_000_000, 50_000_000_000),
    ),
}


def _classify(
    rule: str, *, omzet: int | None, asset: int | None, asset_name: str
) -> SizeClass | None:
    for amount, name in ((omzet, "Omzet"), (asset, asset_name)):
        if amount is not None and amount < 0:
            raise InvalidValue(f"{name} tidak boleh negatif.")
    if omzet is not None:
        column, amount = 2, omzet
    elif asset is not None:
        column, amount = 1, asset
    else:
        return None
    for row in SIZE_LIMITS[rule]:
        if amount <= row[column]:
            return row[0]
    return SizeClass.BESAR


def size_class(*, omzet: int | None, modal: int | None) -> SizeClass | None:
    """Size class per PP 7/2021: by annual omzet, by modal usaha only if omzet is unknown."""
    return _classify(PP_7_2021, omzet=omzet, asset=modal, asset_name="Modal usaha")


def size_class_uu20(*, omzet: int | None, kekayaan_bersih: int | None) -> SizeClass | None:
    """Size class per UU 20/2008, for historical records only.

    The law joins its two criteria with "atau"; like `size_class`, omzet decides when it is
    known, so old and new classes of the same record are comparable.
    """
    return _classify(UU_20_2008, omzet=omzet, asset=kekayaan_bersih, asset_name="Kekayaan bersih")


def naik_kelas(before: SizeClass | None, after: SizeClass | None) -> bool:
    """True only when both classes are known and `after` is a bigger class than `before`."""
    if before is None or after is None:
        return False
    return SizeClass(after).rank > SizeClass(before).rank
