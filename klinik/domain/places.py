"""How a place is written in a document: "Kab. Pulang Pisau" or "Kota Palangka Raya", and a
full address from its parts, the same in letters, summaries and forms."""

from __future__ import annotations

import re

_KOTA = re.compile(r"^(kota|kab\.?|kabupaten)\s", re.IGNORECASE)


def kabupaten_title(name: str | None) -> str:
    """A kabupaten/kota as an address names it: "Kab. Seruyan", "Kota Palangka Raya"."""
    name = (name or "").strip()
    if not name or _KOTA.match(name):
        return name
    return f"Kab. {name}"


def _with(prefix: str, value: str | None, already: tuple[str, ...]) -> str:
    value = (value or "").strip()
    if not value or value.lower().startswith(already):
        return value
    return f"{prefix} {value}"


def full_address(
    address: str | None,
    kelurahan: str | None = None,
    kecamatan: str | None = None,
    kabupaten: str | None = None,
) -> str:
    """Street, Kel./Desa, Kec., Kab./Kota as one line; a part already prefixed is kept."""
    parts = [
        (address or "").strip(),
        _with("Kel./Desa", kelurahan, ("kel", "desa")),
        _with("Kec.", kecamatan, ("kec",)),
        kabupaten_title(kabupaten),
    ]
    return ", ".join(p for p in parts if p)
