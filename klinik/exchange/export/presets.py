"""Column sets kept by name in ``export_presets.json``, each with the CSV separator chosen
when it was saved."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from klinik import paths
from klinik.errors import (
    FieldError,
    InvalidValue,
    KnownError,
    NotFound,
    ValidationError,
)
from klinik.exchange.export.columns import (
    CATALOGUE,
    KIND_LABELS,
    KINDS,
    _check_kind,
    resolve_columns,
)
from klinik.exchange.export.csv_file import parse_delimiter
from klinik.reports import base as pdf

PRESETS_FILE = "export_presets.json"


def _presets_path() -> Path:
    return paths.data_dir() / PRESETS_FILE


def _read_file() -> dict[str, Any]:
    path = _presets_path()
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnownError(
            f"Berkas preset ekspor {path} rusak ({exc}). Pindahkan atau hapus berkas itu."
        ) from exc
    return data if isinstance(data, dict) else {}


def _by_kind(data: dict[str, Any], key: str, value: Callable[[Any], Any]) -> dict[str, Any]:
    section = data.get(key, {})
    section = section if isinstance(section, dict) else {}
    return {
        kind: {str(n): value(v) for n, v in section[kind].items()}
        for kind in KINDS
        if isinstance(section.get(kind), dict)
    }


def _read_presets() -> dict[str, dict[str, list[str]]]:
    return _by_kind(_read_file(), "presets", lambda cols: [str(c) for c in cols])


def _read_delimiters() -> dict[str, dict[str, str]]:
    return _by_kind(_read_file(), "delimiters", str)


def _write_presets(
    presets: dict[str, dict[str, list[str]]], delimiters: dict[str, dict[str, str]]
) -> None:
    # The separators sit beside the column lists, not inside them, so that an older Klinik
    # still reads every preset (and simply ignores the separators).
    data = {
        "version": 1,
        "presets": presets,
        "delimiters": {kind: names for kind, names in delimiters.items() if names},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    pdf.write_atomic(_presets_path(), text.encode("utf-8"))


def _find_name(names: Iterable[str], name: str) -> str | None:
    wanted = name.strip().casefold()
    return next((n for n in names if n.casefold() == wanted), None)


def save_preset(
    kind: str, name: str, columns: Sequence[str], delimiter: str | None = None
) -> list[str]:
    """Keep a column set by name (an association's, e.g. "APINDO"), with the CSV separator
    ``delimiter`` when given (without one, the preset gets the language's default); the
    same name in any case replaces it. Returns the column keys kept."""
    kind = _check_kind(kind)
    clean_name = " ".join(str(name or "").split())
    if not clean_name:
        raise ValidationError(FieldError("name", "Nama preset wajib diisi."))
    if len(clean_name) > 60:
        raise ValidationError(FieldError("name", "Nama preset paling panjang 60 huruf."))
    keys = [c.key for c in resolve_columns(kind, list(columns))]
    separator = None
    if delimiter is not None:
        try:
            separator = parse_delimiter(delimiter)
        except InvalidValue as exc:
            raise ValidationError(FieldError("delimiter", str(exc))) from None
    presets, delimiters = _read_presets(), _read_delimiters()
    mine, my_delimiters = presets.setdefault(kind, {}), delimiters.setdefault(kind, {})
    old = _find_name(mine, clean_name)
    if old is not None:
        del mine[old]
    old = _find_name(my_delimiters, clean_name)
    if old is not None:
        del my_delimiters[old]
    mine[clean_name] = keys
    if separator is not None:
        my_delimiters[clean_name] = separator
    _write_presets(presets, delimiters)
    return keys


def list_presets(kind: str) -> dict[str, list[str]]:
    """Saved column sets of ``kind``, by name in alphabetical order."""
    mine = _read_presets().get(_check_kind(kind), {})
    return {n: mine[n] for n in sorted(mine, key=str.casefold)}


def load_preset(kind: str, name: str) -> list[str]:
    """The column keys of a preset; columns no longer in the catalogue are skipped."""
    mine = _read_presets().get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        raise NotFound(f"Preset ekspor {name!r} untuk daftar {KIND_LABELS[kind]} tidak ada.")
    keys = [k for k in mine[found] if k in CATALOGUE[kind]]
    if not keys:
        raise NotFound(f"Kolom preset {found!r} tidak ada lagi di daftar {KIND_LABELS[kind]}.")
    return keys


def preset_delimiter(kind: str, name: str) -> str | None:
    """The CSV separator kept with a preset, or None when it was saved without one (an
    older preset): the caller then uses the language's ``default_delimiter``."""
    mine = _read_delimiters().get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        return None
    try:
        return parse_delimiter(mine[found])
    except InvalidValue:  # edited by hand: the default is the safe reading
        return None


def delete_preset(kind: str, name: str) -> None:
    presets, delimiters = _read_presets(), _read_delimiters()
    mine = presets.get(_check_kind(kind), {})
    found = _find_name(mine, name)
    if found is None:
        raise NotFound(f"Preset ekspor {name!r} untuk daftar {KIND_LABELS[kind]} tidak ada.")
    del mine[found]
    my_delimiters = delimiters.get(kind, {})
    old = _find_name(my_delimiters, found)
    if old is not None:
        del my_delimiters[old]
    _write_presets(presets, delimiters)
