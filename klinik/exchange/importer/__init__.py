"""Importing the client lists clinics already keep in Excel or CSV.

Three steps, none of them with Qt: ``guess_mapping`` proposes a target field for each column
of the sheet (Indonesian and English headers, a synonym table); the user may correct it and
``save_mapping`` remembers it, keyed by the header signature, so the same sheet maps itself
next time. ``plan_import`` reads every row and checks it with the services' own cleaning
functions before anything is written: valid rows, rejected rows (row number as the sheet
shows it, column header, reason in Indonesian), empty rows, and possible duplicates (same
NIK, same phone, or a very similar business name in the same kabupaten/kota, against the
store and within the file). ``run_import`` writes the plan in ONE transaction through the
services (``create_client``, ``update_client``, ``add_size_record``, ``add_licence``): any
failure writes nothing. Duplicates are skipped unless a decision says "merge" (fill the empty
fields of the existing client, add the size record and licences) or "create".

Undo: each import keeps its batch in the store (table ``import_batch``, written in the
import's own transaction: created client ids with their size records and licences, and for
merges the fields filled and the rows added). ``undo_last_import`` deletes what the batch
created (those rows are brand new, so deleting them loses nothing older) and clears the
merged fields that still hold the imported value, in one transaction; it refuses when a
created client got a case or an outcome since, or its records were changed (such a client
must be archived by hand).

Values are read as people type them: phones in every local form or as Excel numbers, money
as "Rp 150.000.000", "150jt" or a number, dates as text or Excel dates, kabupaten names in
any spelling ("Palangkaraya", "KOTA PALANGKA RAYA", "Kab. Kapuas"), NIK as text or as a whole
number. A NIK that Excel kept as a floating-point number has lost its last digits: that row
is rejected with a request to format the column as text.

The package: ``fields`` (target fields and the guess), ``mappings``, ``sheets`` (reading the
file), ``values`` (cells as people type them, with ``klinik.exchange.cells``), ``model``
(plan, rows, result), ``duplicates``, ``check`` (``plan_import``) and ``run``
(``run_import``, the undo through ``klinik.services.imports``, the summaries).
"""

from __future__ import annotations

from klinik.exchange.importer.check import (
    ImportCancelled,
    plan_import,
)
from klinik.exchange.importer.duplicates import (
    NAME_SIMILARITY,
)
from klinik.exchange.importer.fields import (
    CLIENT_FIELDS,
    IMPORT_FIELDS,
    LICENCE_FIELDS,
    SIZE_FIELDS,
    guess_mapping,
    header_signature,
)
from klinik.exchange.importer.mappings import (
    MAPPINGS_FILE,
    ImportInputError,
    load_mapping,
    parse_mapping_overrides,
    save_mapping,
)
from klinik.exchange.importer.model import (
    ColumnUse,
    Duplicate,
    ImportPlan,
    ImportResult,
    PlannedRow,
    Rejected,
)
from klinik.exchange.importer.run import (
    DECISIONS,
    columns_text,
    count_clients,
    run_import,
    summary_text,
    undo_last_import,
    unused_columns_warning,
)
from klinik.exchange.importer.sheets import (
    PREVIEW_ROWS,
    Sheet,
    SheetReader,
    preview_sheet,
    read_sheet,
)

__all__ = [
    "CLIENT_FIELDS",
    "ColumnUse",
    "DECISIONS",
    "Duplicate",
    "IMPORT_FIELDS",
    "ImportCancelled",
    "ImportInputError",
    "ImportPlan",
    "ImportResult",
    "LICENCE_FIELDS",
    "MAPPINGS_FILE",
    "NAME_SIMILARITY",
    "PREVIEW_ROWS",
    "PlannedRow",
    "Rejected",
    "SIZE_FIELDS",
    "Sheet",
    "SheetReader",
    "columns_text",
    "count_clients",
    "guess_mapping",
    "header_signature",
    "load_mapping",
    "parse_mapping_overrides",
    "plan_import",
    "preview_sheet",
    "read_sheet",
    "run_import",
    "save_mapping",
    "summary_text",
    "undo_last_import",
    "unused_columns_warning",
]
