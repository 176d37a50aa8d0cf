"""How a place is written in a document: "Kab. Pulang Pisau" or "Kota Palangka Raya", and a
full address from its parts, the same in letters, summaries and forms."""

from __future__ import annotations

import re
import unicodedata

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


# Short names clinics write for the kabupaten/kota of Kalimantan Tengah.
KABUPATEN_ALIASES = {
    "kobar": "6201", "kotim": "6202", "barsel": "6204", "barut": "6205", "bartim": "6212",
    "mura": "6213", "gumas": "6211", "pulpis": "6210", "pky": "6271", "palangkaraya": "6271",
}  # fmt: skip
_KAB_WORDS = {"kab", "kabupaten", "kota", "kotamadya", "kodya", "kot"}


def comparable(text: object) -> str:
    """Text made comparable: lower case, accents and punctuation gone, single spaces."""
    raw = unicodedata.normalize("NFKD", str(text or "")).lower()
    raw = "".join(ch for ch in raw if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9]+", raw))


def kabupaten_key(text: object) -> str:
    """The key a kabupaten/kota name is known by, whatever its spelling: "Kab. Pulang
    Pisau", "PULANG PISAU" and "pulangpisau" all give "pulangpisau"."""
    return "".join(w for w in comparable(text).split() if w not in _KAB_WORDS)
