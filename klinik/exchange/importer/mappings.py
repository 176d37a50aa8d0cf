"""Column mappings: remembered by name, in a JSON file, or for a sheet's header signature;
the command line's ``--map KOLOM=field`` overrides; the mapping an import uses."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from klinik import paths
from klinik.errors import FieldError, KnownError, ValidationError
from klinik.exchange.importer.fields import (
    IMPORT_FIELDS,
    _norm_header,
    guess_mapping,
    header_signature,
)
from klinik.reports.base import write_atomic

logger = logging.getLogger(__name__)

MAPPINGS_FILE = "import_mappings.json"


def _mappings_path() -> Path:
    return paths.data_dir() / MAPPINGS_FILE


def _read_mappings() -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(_mappings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"named": {}, "signatures": {}}
    except (OSError, ValueError) as exc:
        logger.warning("import mappings unreadable: %s", exc)
        return {"named": {}, "signatures": {}}
    data.setdefault("named", {})
    data.setdefault("signatures", {})
    return data


def _check_mapping(mapping: dict[str, Any]) -> dict[str, str | None]:
    errors = [
        FieldError("mapping", f"Kolom {header!r}: bidang tujuan {field!r} tidak dikenal.")
        for header, field in mapping.items()
        if field is not None and field not in IMPORT_FIELDS
    ]
    seen: dict[str, str] = {}
    for header, field in mapping.items():
        if field and field in seen:
            errors.append(
                FieldError(
                    "mapping",
                    f"Kolom {seen[field]!r} dan {header!r} sama-sama diarahkan ke "
                    f"{IMPORT_FIELDS[field]}; pilih satu.",
                )
            )
        elif field:
            seen[field] = header
    if errors:
        raise ValidationError(errors)
    return {str(k): (v or None) for k, v in mapping.items()}


def _is_path(name_or_path: str | Path) -> bool:
    text = str(name_or_path)
    return isinstance(name_or_path, Path) or text.lower().endswith(".json") or "/" in text


def save_mapping(name_or_path: str | Path | None, mapping: dict[str, str | None]) -> None:
    """Remember a mapping: in a JSON file (a path), or under a name in the data folder.

    Either way it is also remembered for its header signature, so the same sheet maps itself.
    """
    clean = _check_mapping(mapping)
    if name_or_path is not None and _is_path(name_or_path):
        payload = json.dumps({"mapping": clean}, ensure_ascii=False, indent=2)
        write_atomic(Path(name_or_path), payload.encode("utf-8"))
    data = _read_mappings()
    if name_or_path is not None and not _is_path(name_or_path):
        data["named"][str(name_or_path).strip()] = clean
    data["signatures"][header_signature(clean)] = clean
    write_atomic(_mappings_path(), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def load_mapping(
    name_or_path: str | Path | None = None, *, headers: Iterable[Any] | None = None
) -> dict[str, str | None] | None:
    """A mapping from a JSON file, by name, or remembered for these headers; None if none."""
    if name_or_path is not None and _is_path(name_or_path):
        try:
            data = json.loads(Path(name_or_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KnownError(
                f"Berkas pemetaan kolom {name_or_path} tidak bisa dibaca: {exc}"
            ) from exc
        return _check_mapping(data.get("mapping", data))
    stored = _read_mappings()
    if name_or_path is not None:
        found = stored["named"].get(str(name_or_path).strip())
        return dict(found) if found is not None else None
    if headers is not None:
        found = stored["signatures"].get(header_signature(headers))
        return dict(found) if found is not None else None
    return None


class ImportInputError(KnownError):
    """What the user gave the import by hand (a column mapping, a decision for a row) names
    nothing it can use: bad input, said with what there is to choose from."""


def parse_mapping_overrides(items: Iterable[str]) -> dict[str, str | None]:
    """``KOLOM=field`` texts (the command line's ``--map``): the field as its key
    (``registered_on``) or its label ("Tanggal daftar"); empty or ``-``: not imported."""
    by_name = {_norm_header(label): field for field, label in IMPORT_FIELDS.items()}
    by_name.update({_norm_header(field): field for field in IMPORT_FIELDS})
    out: dict[str, str | None] = {}
    for item in items:
        header, sep, target = str(item).partition("=")
        header, target = header.strip(), target.strip()
        if not sep or not header:
            raise ImportInputError(
                f'--map {item!r}: tulis KOLOM=field, mis. "Tanggal Bergabung=registered_on".'
            )
        if target in ("", "-"):
            out[header] = None
            continue
        field = by_name.get(_norm_header(target))
        if field is None:
            known = ", ".join(IMPORT_FIELDS)
            raise ImportInputError(
                f"--map {item!r}: bidang {target!r} tidak dikenal. Pilihan: {known}."
            )
        out[header] = field
    return out


def _resolve_mapping(
    headers: list[str],
    mapping: dict[str, str | None] | str | Path | None,
    overrides: dict[str, str | None] | None = None,
) -> dict[str, str | None]:
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(mapping)
    if mapping is None:
        mapping = load_mapping(headers=headers) or {}
    if overrides:
        by_header = {_norm_header(h): h for h in headers}
        unknown = [h for h in overrides if _norm_header(h) not in by_header]
        if unknown:
            raise ImportInputError(
                f"Kolom {', '.join(map(repr, unknown))} tidak ada di berkas. "
                f"Kolomnya: {', '.join(map(repr, headers))}."
            )
        mapping = {**mapping, **{by_header[_norm_header(h)]: f for h, f in overrides.items()}}
        # A field given to a column here is taken from the column it was guessed for.
        chosen = {f for f in overrides.values() if f}
        guessed = guess_mapping(headers)
        for header in headers:
            if header not in mapping and guessed.get(header) in chosen:
                mapping[header] = None
    guessed = guess_mapping(headers)
    given = {h: mapping[h] for h in headers if h in mapping}
    taken = {f for f in given.values() if f}
    for header in headers:
        if header not in given:
            field = guessed.get(header)
            given[header] = field if field not in taken else None
    return _check_mapping(given)
