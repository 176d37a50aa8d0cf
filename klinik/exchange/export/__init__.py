"""Client, case and session lists to CSV, XLSX and PDF, for associations and funders.

Associations (Akumandiri, APINDO, Dekranasda, Jaringan Pengusaha Nasional) ask the clinic for
lists of the businesses it mentors. ``export_rows`` writes such a list with the same filters
and sort as the window's list (the keyword arguments of ``list_clients``, ``list_cases`` and
``list_sessions``), in the columns chosen from a catalogue with Indonesian headers.

Rows. The rows come from the services' own list queries (their filter builders and sort
tables), read as one stream in pages of 1,000 inside one read transaction, so the file is a
consistent snapshot and memory does not grow with the row count. The list functions' own
OFFSET paging is not used: each page re-reads all rows before it (100,000 cases took 14 s,
sorted by id 141 s, on the bench store), where one stream takes about half a second. The
columns a list row lacks (owner, size class, session counts ...) are read per page, for the
chosen columns only. The total for the progress bar is counted (``count_*``) in a helper
thread meanwhile, SQLite counting without holding Python's lock; ``progress(done, 0)`` until
it is known.

Personal data (UU PDP 27/2022) is protected by default: owner name, NIK, birth date, gender,
education, disability, e-mail, NPWP (a person's NPWP is the NIK) and notes are left out, phone
and WhatsApp are masked ("0812-****-7890"), address, kelurahan and coordinates give way to
the kecamatan, omzet, modal and assets to the size class. ``with_personal_data=True`` keeps
the personal columns, but a row gets its personal values only when its client consents to
sharing with associations (``client_consents_to_sharing``); every other row shows them as in
an export without personal data (blank or masked).

CSV is written as Indonesian spreadsheets read it: UTF-8 with a BOM, and the list separator
Excel uses under the interface's language, ``;`` in Indonesian (``default_delimiter``; with a
comma the whole row lands in column A), ``,`` in English, or a tab (``parse_delimiter`` reads
";", "titik-koma", "koma", "tab" ...). With ``;`` a decimal number has a decimal comma, as an
Indonesian spreadsheet writes it. A spreadsheet that opens a CSV reads long numbers such as
the NIK as numbers and changes them; ``csv_number_warning`` says so for the columns at risk
(``LONG_NUMBER_COLUMNS``) and recommends XLSX.

Cells are safe: control characters are dropped (line breaks and tabs become one space), text
longer than Excel's 32,767 characters is cut and ends in "…[dipotong]"; in CSV a text that
could start a formula (= + - @, tab, CR) gets a leading apostrophe (OWASP, CSV injection); in
XLSX text is always a text cell (never a formula), money a number in the Rupiah format, dates
real dates (dd/mm/yyyy) and identifiers such as the NIK text, so all 16 digits survive.

A PDF list (at most ``PDF_MAX_ROWS`` rows and ``PDF_MAX_COLUMNS`` columns) is A4 portrait
when its columns' natural widths, measured on the rows, fit, and landscape otherwise; each
column is at least as wide as its widest word, so no word is broken inside a cell, and the
footer names the clinic (setting ``clinic_name``).

Files are written to a temporary file in the target folder and renamed over the target at
the end: a failed or cancelled export leaves no partial file. Every finished export is
an event of the audit trail in the store (``list_exports``, ``klinik audit``). The event names
every filter used (``filters_used``) but keeps the values only of filters that say nothing
about a person (``AUDITED_FILTER_VALUES``: codes, ids, dates, statuses): a search text is often
a client's name, phone or NIK, so the trail keeps that a search was made, never its words.
Column sets are kept by name in ``export_presets.json`` (``save_preset``, ``list_presets``,
``load_preset``), each with the CSV separator chosen when it was saved (``preset_delimiter``;
a preset saved without one gets the language's default).

The package: ``columns`` (the catalogue), ``plan`` (protection of personal data),
``filters``, ``rows`` (reading the rows through ``klinik.services.lists``), ``csv_file``,
``xlsx_file``, ``pdf_file`` (the writers), ``run`` (``export_rows`` and the export log) and
``presets``; the cell-safety rules shared with the import are in ``klinik.exchange.cells``.
"""

from __future__ import annotations

from klinik.exchange.cells import (
    CUT_MARK,
    DATE_FORMAT,
    LONG_NUMBER_COLUMNS,
    RUPIAH_FORMAT,
    TEXT_LIMIT,
    XlsxCells,
    clean_text,
    csv_cell,
    csv_text,
    shorten,
)
from klinik.exchange.export.columns import (
    CATALOGUE,
    DEFAULT_COLUMNS,
    FORMATS,
    KIND_LABELS,
    KINDS,
    Column,
    columns_for,
    long_number_headers,
    resolve_columns,
)
from klinik.exchange.export.csv_file import (
    DELIMITERS,
    csv_number_warning,
    default_delimiter,
    parse_delimiter,
)
from klinik.exchange.export.filters import (
    AUDITED_FILTER_VALUES,
    FILTER_LABELS,
    audited_filters,
    describe_filters,
    filter_names,
)
from klinik.exchange.export.pdf_file import PDF_MAX_COLUMNS, PDF_MAX_ROWS
from klinik.exchange.export.plan import written_columns
from klinik.exchange.export.presets import (
    PRESETS_FILE,
    delete_preset,
    list_presets,
    load_preset,
    preset_delimiter,
    save_preset,
)
from klinik.exchange.export.rows import PAGE_SIZE, client_consents_to_sharing
from klinik.exchange.export.run import ExportCancelled, ExportSummary, export_rows, list_exports
from klinik.exchange.export.xlsx_file import XLSX_MAX_ROWS

__all__ = [
    "AUDITED_FILTER_VALUES",
    "CATALOGUE",
    "CUT_MARK",
    "DATE_FORMAT",
    "DEFAULT_COLUMNS",
    "DELIMITERS",
    "FILTER_LABELS",
    "FORMATS",
    "KINDS",
    "KIND_LABELS",
    "LONG_NUMBER_COLUMNS",
    "PAGE_SIZE",
    "PDF_MAX_COLUMNS",
    "PDF_MAX_ROWS",
    "PRESETS_FILE",
    "RUPIAH_FORMAT",
    "TEXT_LIMIT",
    "XLSX_MAX_ROWS",
    "Column",
    "ExportCancelled",
    "ExportSummary",
    "XlsxCells",
    "audited_filters",
    "clean_text",
    "client_consents_to_sharing",
    "columns_for",
    "csv_cell",
    "csv_number_warning",
    "csv_text",
    "default_delimiter",
    "delete_preset",
    "describe_filters",
    "export_rows",
    "filter_names",
    "list_exports",
    "list_presets",
    "load_preset",
    "long_number_headers",
    "parse_delimiter",
    "preset_delimiter",
    "resolve_columns",
    "save_preset",
    "shorten",
    "written_columns",
]
