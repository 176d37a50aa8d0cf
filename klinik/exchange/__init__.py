"""Exchange with the outside: lists for associations (export) and, later, importing the
spreadsheets clinics already keep. No Qt here: the window and the command line call in.
"""

from __future__ import annotations

from klinik.exchange.export import (
    DEFAULT_COLUMNS,
    FORMATS,
    KINDS,
    PDF_MAX_COLUMNS,
    PDF_MAX_ROWS,
    Column,
    ExportCancelled,
    ExportSummary,
    client_consents_to_sharing,
    columns_for,
    delete_preset,
    export_rows,
    filter_names,
    list_exports,
    list_presets,
    load_preset,
    resolve_columns,
    save_preset,
)

__all__ = [
    "DEFAULT_COLUMNS",
    "FORMATS",
    "KINDS",
    "PDF_MAX_COLUMNS",
    "PDF_MAX_ROWS",
    "Column",
    "ExportCancelled",
    "ExportSummary",
    "client_consents_to_sharing",
    "columns_for",
    "delete_preset",
    "export_rows",
    "filter_names",
    "list_exports",
    "list_presets",
    "load_preset",
    "resolve_columns",
    "save_preset",
]
