"""An export's filters: the keyword arguments of the list functions, typed from what a
person writes, described for the file and kept in the audit trail (values only of the
filters that say nothing about a person)."""

from __future__ import annotations

import inspect
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from klinik.domain.formatting import parse_date
from klinik.errors import (
    FieldError,
    InvalidValue,
    ValidationError,
)
from klinik.exchange.export.columns import _check_kind
from klinik.services import clients as client_service
from klinik.services import lists

FILTER_LABELS = {
    "search": "Cari",
    "kabupaten": "Kabupaten/kota",
    "archived": "Diarsipkan",
    "registered_from": "Terdaftar dari",
    "registered_to": "Terdaftar sampai",
    "status": "Status",
    "consultant_id": "Konsultan (id)",
    "client_id": "Klien (id)",
    "case_id": "Kasus (id)",
    "area": "Bidang",
    "mode": "Cara pendampingan",
    "opened_from": "Dibuka dari",
    "opened_to": "Dibuka sampai",
    "held_from": "Sesi dari",
    "held_to": "Sesi sampai",
}


def _filter_params(kind: str) -> dict[str, inspect.Parameter]:
    return lists.filter_params(kind)


def filter_names(kind: str) -> list[str]:
    """The filters a list of ``kind`` takes: the keyword arguments of its list function."""
    return list(_filter_params(_check_kind(kind)))


_TRUE = {"1", "true", "ya", "yes", "y"}
_FALSE = {"0", "false", "tidak", "no", "n"}
_ANY = {"", "semua", "all", "none"}


def _coerce(db: Session, name: str, annotation: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "kabupaten":
        text = str(value).strip()
        return client_service.resolve_kabupaten(db, text) if text else None
    if "date" in annotation and not isinstance(value, date):
        text = str(value).strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            return parse_date(text)
    if "list" in annotation and isinstance(value, str) and "," in value:
        return [v.strip() for v in value.split(",") if v.strip()]
    if "bool" in annotation and not isinstance(value, bool):
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _ANY:
            return None
        raise InvalidValue(f"Tulis ya, tidak, atau semua; bukan {value!r}.")
    if annotation.startswith("int") and not isinstance(value, int):
        try:
            return int(str(value).strip())
        except ValueError:
            raise InvalidValue(f"Harus angka; bukan {value!r}.") from None
    return value


def _coerce_filters(db: Session, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """The list function's keyword arguments: given filters over its defaults, typed."""
    params = _filter_params(kind)
    unknown = set(filters) - set(params)
    if unknown:
        allowed = ", ".join(params)
        raise ValidationError(
            [FieldError(n, f"Filter {n!r} tidak dikenal. Pilihan: {allowed}.") for n in unknown]
        )
    out = {n: p.default for n, p in params.items()}
    errors: list[FieldError] = []
    for name, value in filters.items():
        try:
            out[name] = _coerce(db, name, str(params[name].annotation), value)
        except InvalidValue as exc:
            errors.append(FieldError(name, str(exc)))
    if errors:
        raise ValidationError(errors)
    return out


def _check_sort(kind: str, sort: str | None) -> None:
    if sort and sort.lstrip("-") not in lists.SORTS[kind]:
        allowed = ", ".join(sorted(lists.SORTS[kind]))
        raise ValidationError(
            FieldError("sort", f"Urutan {sort!r} tidak dikenal. Pilihan: {allowed}.")
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return value


def _given_filters(kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """The filters that differ from the list's defaults, JSON-ready (for log and notes)."""
    params = _filter_params(kind)
    return {n: _jsonable(v) for n, v in filters.items() if v != params[n].default}


# Filters whose values the audit trail keeps: Kemendagri codes, record ids, dates, yes/no and
# vocabulary values, none of them about a person. Any other filter (the free-text search, and
# a filter added later until it is listed here) is recorded by its name only.
AUDITED_FILTER_VALUES = frozenset(
    {
        "kabupaten",
        "archived",
        "registered_from",
        "registered_to",
        "status",
        "consultant_id",
        "client_id",
        "case_id",
        "area",
        "mode",
        "opened_from",
        "opened_to",
        "held_from",
        "held_to",
    }
)


def audited_filters(kind: str, filters: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What the audit trail keeps of an export's filters: the values of the filters in
    ``AUDITED_FILTER_VALUES``, and the names of every filter used (sorted)."""
    given = _given_filters(kind, filters)
    kept = {n: v for n, v in given.items() if n in AUDITED_FILTER_VALUES}
    return kept, sorted(given)


def describe_filters(kind: str, filters: dict[str, Any]) -> str:
    given = _given_filters(kind, filters)
    if not given:
        return "semua (tanpa filter)"
    parts = []
    for name, value in given.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is None:
            value = "semua"
        elif value is True:
            value = "ya"
        elif value is False:
            value = "tidak"
        parts.append(f"{FILTER_LABELS.get(name, name)}: {value}")
    return "; ".join(parts)
