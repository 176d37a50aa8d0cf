"""The columns as written: personal data protected (left out, masked or replaced) unless
it is included and the client consents; and the note that says how."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from klinik.domain.formatting import format_number
from klinik.domain.identifiers import format_phone, mask_phone
from klinik.errors import (
    FieldError,
    ValidationError,
)
from klinik.exchange.export.columns import (
    CATALOGUE,
    Column,
    _check_kind,
    _client_id_of,
    _PageData,
    resolve_columns,
)


@dataclasses.dataclass
class _Plan:
    """The columns as written: each with the getter that applies the protection."""

    columns: list[Column]
    getters: list[Callable[[Any, _PageData], Any]]
    sources: set[str]
    omitted: list[str]
    masked: list[str]
    replaced: list[tuple[str, str]]
    consent_needed: bool


def _masked(value: Any) -> Any:
    return mask_phone(value) if value else None


def _displayed_phone(value: Any) -> Any:
    return format_phone(value) if value else None


def _plan(kind: str, columns: Iterable[str] | None, with_personal_data: bool) -> _Plan:
    catalogue = CATALOGUE[kind]
    requested = resolve_columns(kind, columns)
    cid = _client_id_of(kind)
    out: list[Column] = []
    getters: list[Callable[[Any, _PageData], Any]] = []
    omitted: list[str] = []
    masked: list[str] = []
    replaced: list[tuple[str, str]] = []
    consent_needed = False

    def add(column: Column, get: Callable[[Any, _PageData], Any]) -> None:
        if column not in out:
            out.append(column)
            getters.append(get)

    for column in requested:
        if not column.personal:
            add(column, column.get)
            continue
        raw = column.get
        if column.protect == "mask":
            protected = _masked
            shown = _displayed_phone

            def masked_get(r, p, raw=raw, protected=protected):
                return protected(raw(r, p))
        else:
            shown = None
            masked_get = None
        if with_personal_data:
            consent_needed = True

            def consent_get(r, p, raw=raw, masked_get=masked_get, shown=shown):
                if cid(r) in p.consent:
                    value = raw(r, p)
                    return shown(value) if shown else value
                return masked_get(r, p) if masked_get else None

            add(column, consent_get)
            if column.protect == "replace":
                stand_in = catalogue[column.replacement]
                add(stand_in, stand_in.get)
            continue
        if column.protect == "mask":
            add(column, masked_get)
            masked.append(column.key)
        elif column.protect == "replace":
            stand_in = catalogue[column.replacement]
            add(stand_in, stand_in.get)
            replaced.append((column.key, stand_in.key))
        else:
            omitted.append(column.key)
    if not out:
        raise ValidationError(
            FieldError(
                "columns",
                "Semua kolom yang dipilih adalah data pribadi yang tidak disertakan. Pilih "
                "kolom lain atau sertakan data pribadi.",
            )
        )
    sources: set[str] = set()
    for column in out:
        sources |= column.sources
    if consent_needed:
        sources.add("consent")
    return _Plan(out, getters, sources, omitted, masked, replaced, consent_needed)


def written_columns(
    kind: str, columns: Iterable[str] | None, with_personal_data: bool = False
) -> list[str]:
    """The keys of the columns an export with these choices writes: personal columns left
    out or replaced without personal data, stand-ins added. Raises ``ValidationError`` as
    ``export_rows`` would for unknown columns or only personal ones."""
    return [c.key for c in _plan(_check_kind(kind), columns, with_personal_data).columns]


def _protection_note(kind: str, plan: _Plan, with_personal_data: bool, personal_rows: int) -> str:
    """What the summary, the XLSX's Keterangan sheet and the PDF say about personal data."""
    catalogue = CATALOGUE[kind]

    def names(keys: Iterable[str]) -> str:
        return ", ".join(catalogue[k].header for k in keys)

    if with_personal_data and personal_rows:
        return (
            f"Data pribadi disertakan hanya untuk {format_number(personal_rows)} baris yang "
            "kliennya menyetujui berbagi data dengan asosiasi; baris lain dikosongkan atau "
            "disamarkan seperti ekspor tanpa data pribadi."
        )
    if with_personal_data and not plan.consent_needed:
        # Say what is true: nothing was held back, the chosen columns hold no personal data.
        personal = ", ".join(c.header for c in catalogue.values() if c.personal)
        return (
            "Data pribadi diminta, tetapi kolom yang dipilih tidak memuat data pribadi, jadi "
            f"tidak ada yang ditambahkan. Kolom data pribadi: {personal}."
        )
    if with_personal_data:
        return (
            "Data pribadi diminta, tetapi tidak ada klien di daftar ini yang persetujuannya "
            "mencakup berbagi data dengan asosiasi: kolom pribadi dikosongkan atau "
            "disamarkan, sama seperti ekspor tanpa data pribadi. Catat persetujuannya di "
            "Klien → Persetujuan (klinik consent give ID --purposes ...,asosiasi)."
        )
    parts = []
    if plan.omitted:
        parts.append(f"{names(plan.omitted)} tidak disertakan")
    if plan.masked:
        parts.append(f"{names(plan.masked)} disamarkan")
    for key, stand_in in plan.replaced:
        parts.append(f"{catalogue[key].header} diganti {catalogue[stand_in].header}")
    if not parts:
        return ""
    return "Data pribadi dilindungi (UU PDP): " + "; ".join(parts) + "."


def _note(meta: dict[str, Any]) -> str:
    return _protection_note(
        meta["kind"], meta["plan"], meta["with_personal_data"], meta["personal_rows"]
    )
