"""Export of client, case and session lists: round trips, protection, safety, files."""

from __future__ import annotations

import codecs
import csv
import json
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pypdf
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klinik.errors import KnownError, NotFound, ValidationError
from klinik.exchange import (
    DEFAULT_COLUMNS,
    ExportCancelled,
    cells,
    client_consents_to_sharing,
    columns_for,
    delete_preset,
    export_rows,
    list_exports,
    list_presets,
    load_preset,
    save_preset,
)
from klinik.exchange import export as ex
from klinik.exchange.export import filters as ex_filters
from klinik.exchange.export import pdf_file as ex_pdf
from klinik.exchange.export import rows as ex_rows
from klinik.exchange.export import run as ex_run
from klinik.services import cases, clients, consultants, privacy, sessions
from klinik.services.audit import list_events

NIK = "6271014505900001"
PHONE = "081234567890"
MASKED = "0812-****-7890"
SIXTEEN_DIGITS = re.compile(rb"\d{16}")


# --- data -----------------------------------------------------------------------------------


@pytest.fixture
def seeded(store):
    """A few clients, cases and sessions, committed (exports read in their own sessions)."""
    with store.session() as db:
        siti = consultants.create_consultant(db=db, name="Siti Rahmah")
        budi = consultants.create_consultant(db=db, name="Budi Santoso")
        sari = clients.create_client(
            db=db,
            business_name="Amplang Bu Sari",
            owner_name="Sari Wulandari",
            nik=NIK,
            phone=PHONE,
            whatsapp=PHONE,
            email="sari@example.com",
            address="Jl. Tjilik Riwut Km 5 No. 12",
            kabupaten_code="6271",
            kecamatan="Jekan Raya",
            kelurahan="Bukit Tunggal",
            npwp=NIK,
            sector="Makanan olahan",
            products="amplang ikan pipih",
            registered_on="2024-01-05",
            nib="1234567890123",
        )
        clients.add_size_record(
            db=db, client_id=sari.id, recorded_on="2024-01-10", omzet=150_000_000
        )
        clients.add_size_record(
            db=db, client_id=sari.id, recorded_on="2024-06-01", omzet=3_000_000_000
        )
        budi_rotan = clients.create_client(
            db=db,
            business_name="Rotan Pak Budi",
            kabupaten_code="Kapuas",
            kecamatan="Selat",
            sector="Kerajinan",
            products="lampit rotan",
            registered_on="2023-03-01",
        )
        madu = clients.create_client(
            db=db,
            business_name="Madu Kelulut Lestari",
            kabupaten_code="Katingan",
            kecamatan="Katingan Hilir",
            registered_on="2024-08-17",
        )
        gone = clients.create_client(db=db, business_name="Usaha Tutup", registered_on="2022-01-01")
        clients.archive_client(db=db, client_id=gone.id)
        spp = cases.open_case(
            db=db,
            client_id=sari.id,
            title="Fasilitasi SPP-IRT",
            opened_on="2024-02-01",
            consultant_id=siti.id,
            areas=["produksi", "pemasaran"],
            goal="P-IRT terbit",
        )
        kur = cases.open_case(
            db=db,
            client_id=budi_rotan.id,
            title="Akses KUR",
            opened_on="2024-03-01",
            consultant_id=budi.id,
            areas=["pembiayaan"],
        )
        halal = cases.open_case(
            db=db,
            client_id=madu.id,
            title="Sertifikat halal",
            opened_on="2024-04-01",
            consultant_id=siti.id,
            areas=["kelembagaan"],
        )
        for case, held_on, minutes, mode in [
            (spp, "2024-02-10", 60, "di_klinik"),
            (spp, "2024-03-05", 90, "kunjungan_lapangan"),
            (kur, "2024-03-15", 45, "telepon"),
            (halal, "2024-04-20", 120, "daring"),
            (halal, "2024-05-02", 30, "telepon"),
        ]:
            sessions.log_session(
                db=db,
                case_id=case.id,
                held_on=held_on,
                minutes=minutes,
                mode=mode,
                summary=f"Sesi {held_on}",
            )
    return {"sari": sari.id, "budi": budi_rotan.id, "madu": madu.id, "spp": spp.id}


def read_csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    """A CSV export read back: UTF-8 with a BOM, ';' by default (the Indonesian default)."""
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def read_xlsx(path: Path):
    return openpyxl.load_workbook(path).worksheets[0]


def xlsx_rows(path: Path) -> list[list]:
    return [[c.value for c in row] for row in read_xlsx(path).iter_rows()]


def headers(kind: str, keys: list[str]) -> list[str]:
    catalogue = {c.key: c.header for c in columns_for(kind)}
    return [catalogue[k] for k in keys]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- catalogue ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["clients", "cases", "sessions"])
def test_catalogue_headers_are_unique_and_defaults_are_not_personal(kind):
    columns = columns_for(kind)
    assert len({c.header for c in columns}) == len(columns)
    assert all(c.type in {"text", "number", "money", "date"} for c in columns)
    by_key = {c.key: c for c in columns}
    assert not [k for k in DEFAULT_COLUMNS[kind] if by_key[k].personal]
    personal = {c.key for c in columns if c.personal}
    assert {"owner_name", "nik", "phone", "whatsapp", "email", "address", "kelurahan"} <= personal
    assert {"birth_date", "omzet", "modal", "npwp"} <= personal
    for c in columns:
        if c.protect == "replace":
            assert c.replacement in by_key and not by_key[c.replacement].personal


def test_only_a_consent_in_force_for_associations_allows_sharing(db, seeded):
    sari = seeded["sari"]
    assert client_consents_to_sharing(db, [sari]) == set()
    privacy.record_consent(
        db=db, client_id=sari, given_on="2026-01-05", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    assert client_consents_to_sharing(db, [sari]) == set()
    privacy.record_consent(
        db=db, client_id=sari, given_on="2026-02-01", method="lisan",
        purposes=["pendampingan", "asosiasi"],
    )  # fmt: skip
    assert client_consents_to_sharing(db, [sari, seeded["budi"]]) == {sari}
    privacy.withdraw_consent(db=db, client_id=sari, withdrawn_on="2026-03-01")
    assert client_consents_to_sharing(db, [sari]) == set()


# --- round trips ----------------------------------------------------------------------------


def test_csv_round_trip_of_clients(store, seeded, tmp_path):
    out = tmp_path / "klien.csv"
    summary = export_rows(store=store, kind="clients", format="csv", out=out)
    rows = read_csv(out)
    assert rows[0] == headers("clients", DEFAULT_COLUMNS["clients"])
    assert rows[0][:3] == ["Nama usaha", "Kabupaten/kota", "Kecamatan"]
    with store.session() as db:
        listed = clients.list_clients(db=db, limit=None).rows
        assert summary.rows == len(rows) - 1 == clients.count_clients(db=db) == 3
    assert [r[0] for r in rows[1:]] == [c.business_name for c in listed]
    sari = next(r for r in rows if r[0] == "Amplang Bu Sari")
    record = dict(zip(rows[0], sari, strict=True))
    assert record == {
        "Nama usaha": "Amplang Bu Sari",
        "Kabupaten/kota": "Kota Palangka Raya",
        "Kecamatan": "Jekan Raya",
        "Sektor": "Makanan olahan",
        "Produk": "amplang ikan pipih",
        "Bentuk usaha": "Perorangan",
        "Kelas usaha": "Kecil",  # the latest size record: omzet Rp3 M
        "NIB": "1234567890123",
        "Tanggal terdaftar": "2024-01-05",
    }
    assert "Usaha Tutup" not in {r[0] for r in rows}  # archived: not in the list


def test_xlsx_round_trip_of_cases(store, seeded, tmp_path):
    out = tmp_path / "kasus.xlsx"
    columns = ["id", "title", "business_name", "kabupaten", "status", "areas", "opened_on"]
    columns += ["sessions_count", "session_minutes", "goal"]
    summary = export_rows(store=store, kind="cases", format="xlsx", out=out, columns=columns)
    sheet = read_xlsx(out)
    rows = xlsx_rows(out)
    assert rows[0] == headers("cases", columns)
    assert rows[0][:3] == ["ID kasus", "Judul kasus", "Nama usaha"]
    with store.session() as db:
        listed = cases.list_cases(db=db, limit=None).rows
    assert summary.rows == len(rows) - 1 == len(listed) == 3
    assert [r[0] for r in rows[1:]] == [c.id for c in listed]
    spp = next(r for r in rows if r[1] == "Fasilitasi SPP-IRT")
    assert spp[2:] == [
        "Amplang Bu Sari",
        "Kota Palangka Raya",
        "Aktif",
        "Produksi, Pemasaran",
        datetime(2024, 2, 1),
        2,
        150,
        "P-IRT terbit",
    ]
    date_cell = sheet.cell(row=2, column=7)
    assert date_cell.is_date and date_cell.number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"
    info = openpyxl.load_workbook(out)["Keterangan"]
    assert [r[0] for r in info.iter_rows(values_only=True)][:4] == [
        "Daftar",
        "Dibuat",
        "Oleh",
        "Jumlah baris",
    ]


def test_xlsx_round_trip_of_sessions(store, seeded, tmp_path):
    out = tmp_path / "sesi.xlsx"
    summary = export_rows(store=store, kind="sessions", format="xlsx", out=out)
    rows = xlsx_rows(out)
    assert rows[0] == headers("sessions", DEFAULT_COLUMNS["sessions"])
    with store.session() as db:
        listed = sessions.list_sessions(db=db, limit=None).rows
    assert summary.rows == len(listed) == 5
    assert [r[0].date() for r in rows[1:]] == [s.held_on for s in listed]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Nama usaha"] == "Madu Kelulut Lestari"
    assert first["Kabupaten/kota"] == "Katingan"
    assert first["Cara pendampingan"] == "Telepon/WhatsApp"
    assert first["Durasi (menit)"] == 30
    assert first["Bidang"] == "Kelembagaan"


@pytest.mark.parametrize(
    ("kind", "filters", "sort"),
    [
        ("clients", {}, None),
        ("clients", {"kabupaten": "Kapuas"}, None),
        ("clients", {"registered_from": "2024-01-01"}, "-registered_on"),
        ("clients", {"archived": None}, "kabupaten"),
        ("clients", {"search": "amplang"}, "id"),
        ("cases", {}, None),
        ("cases", {"status": "aktif"}, "title"),
        ("cases", {"status": "baru,aktif"}, "status"),
        ("cases", {"area": "pembiayaan"}, "-opened_on"),
        ("cases", {"opened_from": date(2024, 3, 1)}, "consultant"),
        ("sessions", {}, None),
        ("sessions", {"mode": "telepon"}, "minutes"),
        ("sessions", {"held_from": "2024-03-01", "held_to": "2024-04-30"}, "-minutes"),
        ("sessions", {"kabupaten": "6271"}, "client"),
    ],
)
def test_filters_and_sort_are_honoured(store, seeded, tmp_path, kind, filters, sort):
    out = tmp_path / "daftar.csv"
    key = "id"
    summary = export_rows(
        store=store, kind=kind, format="csv", out=out, filters=filters, sort=sort, columns=[key]
    )
    exported = [int(r[0]) for r in read_csv(out)[1:]]
    list_fn = {"clients": clients.list_clients, "cases": cases.list_cases}.get(
        kind, sessions.list_sessions
    )
    with store.session() as db:
        typed = ex_filters._coerce_filters(db, kind, filters)
        expected = [r.id for r in list_fn(db=db, **typed, sort=sort, limit=None).rows]
    assert exported == expected
    assert summary.rows == len(expected)


@pytest.mark.parametrize(
    ("kind", "sort"),
    [
        ("clients", None),
        ("clients", "-kabupaten"),
        ("cases", None),
        ("cases", "client"),
        ("sessions", None),
        ("sessions", "consultant"),
    ],
)
def test_streamed_rows_are_the_list_functions_rows(store, seeded, kind, sort):
    """The export reads the list's own query as one stream: same rows, same order."""
    list_fn = {"clients": clients.list_clients, "cases": cases.list_cases}.get(
        kind, sessions.list_sessions
    )
    with store.session() as db:
        filters = ex_filters._coerce_filters(db, kind, {})
        streamed = [
            row
            for page in ex_rows._row_pages(db, kind, filters, sort, None, page_size=2)
            for row in page
        ]
        assert streamed == list_fn(db=db, sort=sort, limit=None).rows
        limited = [row for page in ex_rows._row_pages(db, kind, filters, sort, 2) for row in page]
        assert limited == streamed[:2]


def test_limit_exports_the_first_rows(store, seeded, tmp_path):
    out = tmp_path / "kasus.csv"
    summary = export_rows(
        store=store, kind="cases", format="csv", out=out, sort="title", limit=2, columns=["title"]
    )
    assert summary.rows == 2
    assert [r[0] for r in read_csv(out)[1:]] == ["Akses KUR", "Fasilitasi SPP-IRT"]


def test_progress_ends_with_the_row_count(store, seeded, tmp_path):
    calls: list[tuple[int, int]] = []
    summary = export_rows(
        store=store,
        kind="sessions",
        format="csv",
        out=tmp_path / "sesi.csv",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0][0] == 0 and calls[-1] == (summary.rows, summary.rows)
    assert all(total in (0, summary.rows) for _, total in calls)


# --- personal data --------------------------------------------------------------------------

PERSONAL_ASK = ["business_name", "owner_name", "nik", "phone", "address", "omzet", "email"]


@pytest.mark.parametrize("kind", ["clients", "cases", "sessions"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_sixteen_digit_run_in_an_export_without_personal_data(
    store, seeded, tmp_path, kind, fmt
):
    out = tmp_path / f"daftar.{fmt}"
    for columns in (None, [c.key for c in columns_for(kind)]):
        export_rows(store=store, kind=kind, format=fmt, out=out, columns=columns)
        if fmt == "csv":
            blobs = [out.read_bytes()]
        else:
            with zipfile.ZipFile(out) as archive:
                blobs = [archive.read(name) for name in archive.namelist()]
            cells = [str(v) for row in xlsx_rows(out) for v in row if v is not None]
            assert not [c for c in cells if re.search(r"\d{16}", c)]
        assert not [b for b in blobs if SIXTEEN_DIGITS.search(b)]
        assert not [b for b in blobs if b"sari@example.com" in b or b"Tjilik" in b]


def test_personal_columns_are_left_out_masked_or_replaced(store, seeded, tmp_path):
    out = tmp_path / "klien.xlsx"
    summary = export_rows(
        store=store, kind="clients", format="xlsx", out=out, columns=PERSONAL_ASK, sort="id"
    )
    assert summary.columns == ["business_name", "phone", "kecamatan", "size_class"]
    assert summary.omitted == ["owner_name", "nik", "email"]
    assert summary.masked == ["phone"]
    assert summary.personal_data_included is False
    assert "NIK" in summary.note and "disamarkan" in summary.note
    assert "Alamat diganti Kecamatan" in summary.note
    rows = xlsx_rows(out)
    assert rows[0] == ["Nama usaha", "No. HP", "Kecamatan", "Kelas usaha"]
    assert rows[1] == ["Amplang Bu Sari", MASKED, "Jekan Raya", "Kecil"]
    assert rows[2] == ["Rotan Pak Budi", None, "Selat", None]


def test_phone_masked_in_csv_too(store, seeded, tmp_path):
    out = tmp_path / "kasus.csv"
    export_rows(store=store, kind="cases", format="csv", out=out, columns=["title", "phone"])
    rows = read_csv(out)
    spp = next(r for r in rows if r[0] == "Fasilitasi SPP-IRT")
    # The national form starts with 0: nothing for a spreadsheet to take as a formula, so
    # no apostrophe shows in the cell.
    assert spp[1] == MASKED and MASKED.startswith("0")


def test_only_personal_columns_without_personal_data_is_refused(store, seeded, tmp_path):
    with pytest.raises(ValidationError) as caught:
        export_rows(
            store=store, kind="clients", format="csv", out=tmp_path / "x.csv", columns=["nik"]
        )
    assert "data pribadi" in caught.value.for_field("columns")


def test_with_personal_data_nobody_consents_yet(store, seeded, tmp_path):
    out = tmp_path / "klien.xlsx"
    summary = export_rows(
        store=store,
        kind="clients",
        format="xlsx",
        out=out,
        columns=PERSONAL_ASK,
        sort="id",
        with_personal_data=True,
    )
    assert summary.columns == [
        "business_name", "owner_name", "nik", "phone", "address", "kecamatan", "omzet",
        "size_class", "email",
    ]  # fmt: skip
    assert summary.personal_data_included is False
    assert "tidak ada klien di daftar ini yang persetujuannya mencakup berbagi data" in (
        summary.note
    )
    sari = dict(zip(xlsx_rows(out)[0], xlsx_rows(out)[1], strict=True))
    assert sari == {
        "Nama usaha": "Amplang Bu Sari",
        "Nama pemilik": None,
        "NIK": None,
        "No. HP": MASKED,
        "Alamat": None,
        "Kecamatan": "Jekan Raya",
        "Omzet per tahun": None,
        "Kelas usaha": "Kecil",
        "E-mail": None,
    }
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if SIXTEEN_DIGITS.search(archive.read(n))]
    entry = list_exports(store)[0]
    assert entry["with_personal_data"] is True and entry["personal_data_included"] is False


def test_a_consenting_client_gets_personal_fields_nik_as_text(store, seeded, tmp_path, monkeypatch):
    """A client whose consent includes sharing with associations gets its fields written."""
    sari = seeded["sari"]
    with store.session() as db:
        privacy.record_consent(
            db=db, client_id=sari, given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "asosiasi"],
        )  # fmt: skip
    out = tmp_path / "klien.xlsx"
    summary = export_rows(
        store=store,
        kind="clients",
        format="xlsx",
        out=out,
        columns=PERSONAL_ASK,
        sort="id",
        with_personal_data=True,
    )
    assert summary.personal_data_included is True
    assert "1 baris" in summary.note
    sheet = read_xlsx(out)
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["NIK"].value == NIK and row["NIK"].data_type == "s"
    assert row["No. HP"].value == "0812-3456-7890"
    assert row["Alamat"].value == "Jl. Tjilik Riwut Km 5 No. 12"
    assert row["Omzet per tahun"].value == 3_000_000_000
    assert row["Omzet per tahun"].data_type == "n"
    assert row["Omzet per tahun"].number_format == '"Rp"#,##0'
    other = {h: c.value for h, c in zip(header, sheet[3], strict=True)}
    assert other["Nama usaha"] == "Rotan Pak Budi" and other["NIK"] is None


# --- cell safety ----------------------------------------------------------------------------


def write_cells(path: Path, cells: list[tuple[str, object]]) -> None:
    """Values through XlsxCells, one per row, each with its column type."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    writer = ex.XlsxCells(workbook, sheet)
    for row, (type_, value) in enumerate(cells):
        getattr(writer, type_)(row, 0, value)
    workbook.close()


def test_cell_writer_keeps_sixteen_digits_as_text(tmp_path):
    path = tmp_path / "nik.xlsx"
    write_cells(
        path,
        [("identifier", NIK), ("identifier", "0012345678901234"), ("text", "3201234567890123")],
    )
    sheet = openpyxl.load_workbook(path).active
    values = [(c.value, c.data_type) for c in sheet["A"]]
    assert values == [(NIK, "s"), ("0012345678901234", "s"), ("3201234567890123", "s")]
    assert sheet["A1"].number_format == "@"


def test_cell_writer_money_and_dates(tmp_path):
    path = tmp_path / "nilai.xlsx"
    write_cells(
        path,
        [
            ("money", 150_000_000),
            ("date", date(2021, 5, 20)),
            ("date", date(1899, 12, 31)),
            ("number", 7),
            ("number", float("nan")),
        ],
    )
    sheet = openpyxl.load_workbook(path).active
    money, day, old, number, nan = sheet["A"]
    assert (money.value, money.data_type, money.number_format) == (150_000_000, "n", '"Rp"#,##0')
    assert day.is_date and day.value == datetime(2021, 5, 20) and day.number_format == "dd/mm/yyyy"
    assert (old.value, old.data_type) == ("31/12/1899", "s")  # before Excel's first day
    assert (number.value, number.data_type) == (7, "n")
    assert (nan.value, nan.data_type) == ("nan", "s")


FORMULA_STARTS = "=+-@\t\r"
formula_like = st.tuples(st.sampled_from(FORMULA_STARTS), st.text(max_size=30)).map("".join)


@given(st.lists(formula_like, min_size=1, max_size=15))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_formula_like_text_is_never_a_formula(tmp_path, texts):
    for text in texts:
        cell = ex.csv_text(text)
        assert cell.startswith("'"), (text, cell)
        assert not cells._CONTROL.search(cell)
    path = tmp_path / "rumus.xlsx"
    write_cells(path, [("text", t) for t in texts])
    sheet = openpyxl.load_workbook(path).active
    written = {c.row - 1: c for c in sheet["A"]}
    for i, text in enumerate(texts):
        expected = ex.clean_text(text)
        if expected:
            assert written[i].data_type == "s" and written[i].value == expected
        else:
            assert i not in written or written[i].value is None


@given(st.text(max_size=40))
def test_csv_text_quotes_exactly_the_dangerous_starts(text):
    cell = ex.csv_text(text)
    clean = ex.clean_text(text)
    dangerous = text[:1] in set(FORMULA_STARTS) or clean.lstrip()[:1] in set("=+-@")
    assert cell == ("'" + clean if clean and dangerous else clean)


@given(name=st.tuples(st.sampled_from("=+-@"), st.text(max_size=40)).map("".join))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_injection_through_a_stored_client_name(store, tmp_path, name):
    with store.session() as db:
        client = clients.create_client(db=db, business_name="Nama sementara")
        # Stored as an older Klinik or another tool may have stored it (the forms now refuse
        # control characters): the export must still neutralise it.
        client.business_name = stored = name
        db.add(client)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"klien.{fmt}"
        export_rows(
            store=store, kind="clients", format=fmt, out=out, sort="-id", limit=1,
            columns=["business_name"],
        )  # fmt: skip
        if fmt == "csv":
            assert read_csv(out)[1][0] == "'" + ex.clean_text(stored)
        else:
            cell = read_xlsx(out)["A2"]
            assert cell.data_type == "s" and cell.value == ex.clean_text(stored)


def test_control_characters_are_dropped(store, tmp_path):
    with store.session() as db:
        client = clients.create_client(db=db, business_name="Usaha", products="a")
        # As an older Klinik or an import stored it: the forms now refuse control characters.
        client.business_name, client.products = "Usaha\x00Maju\x07 Jaya\nBaru\x1b", "a\tb\r\nc\x85d"
        db.add(client)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"klien.{fmt}"
        export_rows(
            store=store, kind="clients", format=fmt, out=out, columns=["business_name", "products"]
        )
        rows = read_csv(out) if fmt == "csv" else xlsx_rows(out)
        assert rows[1] == ["UsahaMaju Jaya Baru", "a b c d"]
    assert ex.clean_text("a\x00\x01b\u2028c\ud800d\ufffe") == "ab\u2028cd"


def test_long_text_is_cut_with_a_mark(store, tmp_path):
    note = "catatan panjang " * 2500  # 40,000 characters
    assert len(note) == 40_000
    with store.session() as db:
        client = clients.create_client(db=db, business_name="Abon Ikan Barito")
        case = cases.open_case(
            db=db, client_id=client.id, title="Pembukuan", opened_on="2024-01-01"
        )
        sessions.log_session(db=db, case_id=case.id, held_on="2024-01-02", summary=note)
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"sesi.{fmt}"
        export_rows(store=store, kind="sessions", format=fmt, out=out, columns=["summary"])
        rows = read_csv(out) if fmt == "csv" else xlsx_rows(out)
        cell = rows[1][0]
        assert len(cell) == ex.TEXT_LIMIT and cell.endswith("…[dipotong]")
        assert cell.startswith("catatan panjang catatan")
    wide = "😀" * 20_000  # 40,000 UTF-16 units: Excel counts those
    cut = ex.clean_text(wide)
    assert cut.endswith("…[dipotong]") and len(cut.encode("utf-16-le")) // 2 <= ex.TEXT_LIMIT


# --- files: atomic, cancelled, failed -------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_cancelling_midway_leaves_no_file(store, seeded, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(ex_rows, "PAGE_SIZE", 2)
    out = tmp_path / f"sesi.{fmt}"
    out.write_bytes(b"versi lama")
    seen: list[int] = []
    with pytest.raises(ExportCancelled) as caught:
        export_rows(
            store=store,
            kind="sessions",
            format=fmt,
            out=out,
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: bool(seen) and seen[-1] >= 2,
        )
    assert "dibatalkan" in str(caught.value)
    assert seen[-1] == 2  # one page was written before the cancel
    assert out.read_bytes() == b"versi lama"
    assert no_temp_files(tmp_path)
    assert list_exports(store) == []


def test_an_error_midway_leaves_no_file(store, seeded, tmp_path, monkeypatch):
    monkeypatch.setattr(ex_rows, "PAGE_SIZE", 2)
    real = ex_rows._page_data
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk hilang")
        return real(*args, **kwargs)

    monkeypatch.setattr(ex_rows, "_page_data", failing)
    out = tmp_path / "sesi.xlsx"
    with pytest.raises(RuntimeError):
        export_rows(store=store, kind="sessions", format="xlsx", out=out)
    assert not out.exists() and no_temp_files(tmp_path)


def test_an_export_that_cannot_be_logged_is_not_kept(store, seeded, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KnownError("Basis data sedang dipakai oleh program lain.")

    monkeypatch.setattr(ex_run, "record_event", broken)
    out = tmp_path / "klien.csv"
    with pytest.raises(KnownError) as caught:
        export_rows(store=store, kind="clients", format="csv", out=out)
    assert "dicatat" in str(caught.value)
    assert not out.exists() and no_temp_files(tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_the_file_is_private_to_the_user(store, seeded, tmp_path, fmt):
    out = tmp_path / f"klien.{fmt}"
    export_rows(store=store, kind="clients", format=fmt, out=out)
    assert out.exists() and no_temp_files(out.parent)
    assert out.stat().st_mode & 0o777 == 0o600  # it may hold NIK and phone numbers


def test_a_missing_folder_is_named_not_created(store, seeded, tmp_path):
    out = tmp_path / "baru" / "klien.csv"
    with pytest.raises(KnownError, match="baru tidak ada"):
        export_rows(store=store, kind="clients", format="csv", out=out)
    assert not (tmp_path / "baru").exists()


def test_a_folder_as_target_is_refused(store, seeded, tmp_path):
    with pytest.raises(KnownError):
        export_rows(store=store, kind="clients", format="csv", out=tmp_path)


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_export_is_readable_and_has_the_headers(store, seeded, tmp_path):
    out = tmp_path / "klien.pdf"
    summary = export_rows(store=store, kind="clients", format="pdf", out=out, actor="Siti")
    assert summary.rows == 3
    reader = pypdf.PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Daftar klien" in text
    for header in ("Nama usaha", "Kecamatan", "Sektor", "Produk", "NIB"):
        assert header in text
    assert "Amplang Bu Sari" in text and "Jekan Raya" in text
    assert reader.metadata.title == "Daftar klien"


def test_pdf_is_capped_with_a_clear_message(store, seeded, tmp_path, monkeypatch):
    monkeypatch.setattr(ex_pdf, "PDF_MAX_ROWS", 2)
    out = tmp_path / "sesi.pdf"
    with pytest.raises(KnownError) as caught:
        export_rows(store=store, kind="sessions", format="pdf", out=out)
    assert "CSV atau XLSX" in str(caught.value)
    assert not out.exists() and no_temp_files(tmp_path)
    with pytest.raises(ValidationError) as too_wide:
        export_rows(
            store=store,
            kind="cases",
            format="pdf",
            out=out,
            columns=[c.key for c in columns_for("cases")],
        )
    assert "XLSX/CSV" in too_wide.value.for_field("columns")


# --- input checks ---------------------------------------------------------------------------


def test_unknown_kind_format_filter_sort_and_column_are_refused(store, seeded, tmp_path):
    out = tmp_path / "x.csv"
    cases_to_try = [
        ({"kind": "agencies", "format": "csv"}, "kind"),
        ({"kind": "clients", "format": "docx"}, "format"),
        ({"kind": "clients", "format": "csv", "filters": {"colour": "red"}}, "colour"),
        ({"kind": "clients", "format": "csv", "sort": "omzet"}, "sort"),
        ({"kind": "clients", "format": "csv", "columns": ["nama", "omzet_kotor"]}, "columns"),
        ({"kind": "cases", "format": "csv", "filters": {"opened_from": "kemarin"}}, "opened_from"),
        ({"kind": "clients", "format": "csv", "filters": {"kabupaten": "Atlantis"}}, "kabupaten"),
    ]
    for arguments, field in cases_to_try:
        with pytest.raises(ValidationError) as caught:
            export_rows(store=store, out=out, **arguments)
        assert caught.value.for_field(field), (arguments, caught.value.errors)
    assert not out.exists()


def test_columns_by_indonesian_header(store, seeded, tmp_path):
    out = tmp_path / "klien.csv"
    summary = export_rows(
        store=store, kind="clients", format="csv", out=out, columns=["nama usaha", "KECAMATAN"]
    )
    assert summary.columns == ["business_name", "kecamatan"]


# --- export log -----------------------------------------------------------------------------


def test_every_export_is_logged(store, seeded, tmp_path, data_dir):
    export_rows(
        store=store,
        kind="clients",
        format="csv",
        out=tmp_path / "klien.csv",
        filters={"kabupaten": "Kapuas"},
        actor="Siti Rahmah",
    )
    export_rows(
        store=store,
        kind="cases",
        format="xlsx",
        out=tmp_path / "kasus.xlsx",
        sort="title",
        columns=["title", "phone"],
        with_personal_data=True,
    )
    newest, oldest = list_exports(store)
    assert oldest["actor"] == "Siti Rahmah" and oldest["kind"] == "clients"
    assert oldest["filters"] == {"kabupaten": "6203"} and oldest["rows"] == 1
    assert oldest["format"] == "csv" and oldest["file"] == "klien.csv"
    assert oldest["with_personal_data"] is False
    assert newest["sort"] == "title" and newest["columns"] == ["title", "phone"]
    assert newest["with_personal_data"] is True and newest["rows"] == 3
    assert datetime.fromisoformat(newest["at"]).utcoffset().total_seconds() == 0
    assert list_exports(store, limit=1) == [newest]
    with store.session() as db:
        events = list_events(db=db, leaves_machine_only=True)
    assert [(e.action, e.entity, e.detail["rows"]) for e in events] == [
        ("export", "export", 1),
        ("export", "export", 3),
    ]
    assert events[0].what() == "Ekspor daftar (csv, 1 baris)"
    assert not events[0].personal


def test_a_search_text_is_logged_as_used_never_its_words(store, seeded, tmp_path):
    """UU PDP: what a consultant types in the search box is often a client's name or NIK."""
    for words in ("Sari Wulandari", NIK):
        filters = {"search": words, "kabupaten": "Palangka Raya", "registered_from": "2024-01-01"}
        export_rows(
            store=store, kind="clients", format="csv", out=tmp_path / "klien.csv", filters=filters
        )
    by_name, by_nik = reversed(list_exports(store))
    assert by_name["rows"] == 1 and by_nik["rows"] == 0
    for entry in (by_name, by_nik):
        assert entry["filters"] == {"kabupaten": "6271", "registered_from": "2024-01-01"}
        assert entry["filters_used"] == ["kabupaten", "registered_from", "search"]
    with store.session() as db:
        events = list_events(db=db, action="export")
    assert events[0].what() == "Ekspor daftar (csv, 1 baris, pencarian teks)"
    trail = json.dumps([(e.detail, e.fields, e.what()) for e in events], ensure_ascii=False)
    for words in ("Sari", "Wulandari", NIK):
        assert words not in trail


def test_every_filter_value_the_log_drops_is_a_free_text(store):
    """A filter added later is logged by name only until someone decides its values are
    not personal and lists it in AUDITED_FILTER_VALUES."""
    for kind in ("clients", "cases", "sessions"):
        names = set(ex.filter_names(kind))
        assert names - ex.AUDITED_FILTER_VALUES == {"search"}, kind


# --- presets --------------------------------------------------------------------------------


def test_presets_are_saved_and_loaded(data_dir):
    assert list_presets("clients") == {}
    saved = save_preset("clients", "Akumandiri", ["business_name", "Kecamatan", "size_class"])
    assert saved == ["business_name", "kecamatan", "size_class"]
    save_preset("clients", "APINDO", ["business_name", "nib"])
    save_preset("cases", "Dekranasda", ["title", "business_name"])
    assert list_presets("clients") == {
        "Akumandiri": ["business_name", "kecamatan", "size_class"],
        "APINDO": ["business_name", "nib"],
    }
    assert load_preset("clients", "akumandiri") == ["business_name", "kecamatan", "size_class"]
    save_preset("clients", "AKUMANDIRI", ["products"])  # the same name replaces it
    assert list_presets("clients")["AKUMANDIRI"] == ["products"]
    assert "Akumandiri" not in list_presets("clients")
    assert json.loads((data_dir / "export_presets.json").read_text())["version"] == 1
    with pytest.raises(ValidationError):
        save_preset("clients", "Rusak", ["tidak_ada"])
    with pytest.raises(ValidationError):
        save_preset("clients", "  ", ["business_name"])
    with pytest.raises(NotFound):
        load_preset("clients", "JPN")
    assert load_preset("cases", "Dekranasda") == ["title", "business_name"]
    delete_preset("clients", "apindo")
    assert list(list_presets("clients")) == ["AKUMANDIRI"]


def test_a_preset_drives_an_export(store, seeded, tmp_path):
    save_preset("clients", "Akumandiri", ["business_name", "kabupaten", "phone"])
    out = tmp_path / "akumandiri.csv"
    summary = export_rows(
        store=store,
        kind="clients",
        format="csv",
        out=out,
        columns=load_preset("clients", "Akumandiri"),
        sort="id",
    )
    assert read_csv(out)[0] == ["Nama usaha", "Kabupaten/kota", "No. HP"]
    assert summary.masked == ["phone"]


def test_personal_data_asked_with_columns_that_hold_none_says_so(store, seeded, tmp_path):
    """The default columns hold no personal data: the note says that, not that consent is
    missing (clients who agreed exist)."""
    summary = export_rows(
        store=store, kind="clients", format="csv", out=tmp_path / "klien.csv",
        columns=["business_name", "kecamatan"], with_personal_data=True,
    )  # fmt: skip
    assert "kolom yang dipilih tidak memuat data pribadi" in summary.note
    assert "NIK" in summary.note and "persetujuan" not in summary.note.lower()


# --- CSV for Indonesian spreadsheets --------------------------------------------------------


def test_csv_default_is_the_semicolon_indonesian_excel_splits_on(store, seeded, tmp_path):
    """Indonesian Excel's list separator is ';': with commas the whole row lands in column A."""
    out = tmp_path / "klien.csv"
    export_rows(store=store, kind="clients", format="csv", out=out, columns=["business_name",
                "kecamatan", "products"], sort="id")  # fmt: skip
    first = out.read_bytes().decode("utf-8-sig").splitlines()[0]
    assert first == "Nama usaha;Kecamatan;Produk"
    rows = read_csv(out, ";")
    assert rows[1] == ["Amplang Bu Sari", "Jekan Raya", "amplang ikan pipih"]


@pytest.mark.parametrize(
    ("given", "separator"),
    [(";", ";"), ("titik-koma", ";"), ("Semicolon", ";"), (",", ","), ("koma", ","),
     ("comma", ","), ("tab", "\t"), ("\t", "\t")],
)  # fmt: skip
def test_the_separator_is_chosen_by_sign_or_word(store, seeded, tmp_path, given, separator):
    with store.session() as db:
        client = clients.create_client(
            db=db, business_name="Kerupuk; Amplang, dan Rempeyek", registered_on="2025-01-01"
        )
        client.products = '=HYPERLINK("http://x")'  # as another tool might have stored it
        db.add(client)
    out = tmp_path / "klien.csv"
    summary = export_rows(
        store=store, kind="clients", format="csv", out=out, delimiter=given, sort="-id",
        limit=1, columns=["business_name", "products", "registered_on"],
    )  # fmt: skip
    assert summary.delimiter == separator
    rows = read_csv(out, separator)
    assert rows[0] == ["Nama usaha", "Produk", "Tanggal terdaftar"]
    # The separator inside a value is quoted; a formula stays neutralised under any separator.
    assert rows[1] == ["Kerupuk; Amplang, dan Rempeyek", '\'=HYPERLINK("http://x")', "2025-01-01"]


def test_an_unknown_separator_is_refused_in_indonesian(store, seeded, tmp_path):
    out = tmp_path / "klien.csv"
    with pytest.raises(ValidationError) as caught:
        export_rows(store=store, kind="clients", format="csv", out=out, delimiter="pipa")
    assert "Pemisah kolom 'pipa' tidak dikenal" in caught.value.for_field("delimiter")
    assert not out.exists()
    assert ex.default_delimiter("id") == ex.default_delimiter(None) == ";"
    assert ex.default_delimiter("en") == ","


def test_a_decimal_number_has_a_decimal_comma_under_the_semicolon(store, seeded, tmp_path):
    """'-2.2096' is not a number to an Indonesian spreadsheet (the point groups thousands)."""
    with store.session() as db:
        client = clients.get_client(db=db, client_id=seeded["sari"])
        client.latitude, client.longitude = -2.2096, 113.9213
        db.add(client)
        privacy.record_consent(
            db=db, client_id=seeded["sari"], given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "asosiasi"],
        )  # fmt: skip
    out = tmp_path / "klien.csv"
    for separator, expected in ((";", ["-2,2096", "113,9213"]), (",", ["-2.2096", "113.9213"])):
        export_rows(
            store=store, kind="clients", format="csv", out=out, delimiter=separator, sort="id",
            columns=["latitude", "longitude"], with_personal_data=True,
        )  # fmt: skip
        header, sari = read_csv(out, separator)[:2]
        row = dict(zip(header, sari, strict=True))
        assert [row["Lintang"], row["Bujur"]] == expected


def test_a_csv_with_nik_or_nib_warns_and_recommends_xlsx(store, seeded, tmp_path):
    out = tmp_path / "klien.csv"
    summary = export_rows(store=store, kind="clients", format="csv", out=out)  # NIB is a default
    assert summary.warning == ex.csv_number_warning(["NIB"])
    assert "NIB" in summary.warning and "XLSX" in summary.warning
    asked = ["business_name", "nik", "nib"]
    hidden = export_rows(store=store, kind="clients", format="csv", out=out, columns=asked)
    assert hidden.warning == summary.warning  # NIK left out without personal data: not named
    shown = export_rows(
        store=store, kind="clients", format="csv", out=out, columns=asked,
        with_personal_data=True,
    )  # fmt: skip
    assert shown.warning.startswith("Kolom NIK, NIB berisi nomor panjang")
    plain = export_rows(
        store=store, kind="clients", format="csv", out=out, columns=["business_name"]
    )
    assert plain.warning == ""
    book = export_rows(store=store, kind="clients", format="xlsx", out=tmp_path / "k.xlsx")
    assert book.warning == ""


def test_xlsx_keeps_nik_nib_and_npwp_as_text_cells(store, seeded, tmp_path):
    """The NIK that a spreadsheet opening a CSV turns from …268 into …270 stays whole."""
    nik = "6271014505900268"
    with store.session() as db:
        client = clients.get_client(db=db, client_id=seeded["sari"])
        client.nik = client.npwp = nik
        db.add(client)
        privacy.record_consent(
            db=db, client_id=seeded["sari"], given_on="2026-01-05", method="tertulis",
            purposes=["pendampingan", "asosiasi"],
        )  # fmt: skip
    out = tmp_path / "klien.xlsx"
    export_rows(
        store=store, kind="clients", format="xlsx", out=out, sort="id",
        columns=["business_name", "nik", "nib", "npwp"], with_personal_data=True,
    )  # fmt: skip
    sheet = read_xlsx(out)
    assert [c.value for c in sheet[1]] == ["Nama usaha", "NIK", "NIB", "NPWP"]
    _, nik_cell, nib_cell, npwp_cell = sheet[2]
    assert (nik_cell.value, nik_cell.data_type) == (nik, "s")
    assert (nib_cell.value, nib_cell.data_type) == ("1234567890123", "s")
    assert (npwp_cell.value, npwp_cell.data_type) == (nik, "s")
    assert nik_cell.number_format == "@"


def test_a_preset_keeps_its_separator_and_an_old_one_gets_the_default(data_dir):
    save_preset("clients", "APINDO", ["business_name", "nib"], delimiter="koma")
    save_preset("clients", "Dekranasda", ["business_name"])
    assert ex.preset_delimiter("clients", "apindo") == ","
    assert ex.preset_delimiter("clients", "Dekranasda") is None  # the caller's language default
    saved = json.loads((data_dir / "export_presets.json").read_text())
    # An older Klinik reads "presets" as lists of columns: they stay that way.
    assert saved["presets"]["clients"]["APINDO"] == ["business_name", "nib"]
    assert saved["delimiters"] == {"clients": {"APINDO": ","}}
    save_preset("clients", "apindo", ["business_name"])  # saved again without: back to default
    assert ex.preset_delimiter("clients", "APINDO") is None
    save_preset("clients", "Tab", ["business_name"], delimiter="\t")
    delete_preset("clients", "tab")
    assert ex.preset_delimiter("clients", "Tab") is None
    with pytest.raises(ValidationError):
        save_preset("clients", "Rusak", ["business_name"], delimiter="|")


def test_a_preset_file_from_before_separators_still_loads(data_dir):
    old = {"version": 1, "presets": {"cases": {"Akumandiri": ["title", "business_name"]}}}
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "export_presets.json").write_text(json.dumps(old), encoding="utf-8")
    assert load_preset("cases", "akumandiri") == ["title", "business_name"]
    assert ex.preset_delimiter("cases", "Akumandiri") is None


def test_written_columns_follow_the_protection():
    asked = ["business_name", "nik", "address", "nib"]
    assert ex.written_columns("clients", asked) == ["business_name", "kecamatan", "nib"]
    assert ex.written_columns("clients", asked, True) == [
        "business_name",
        "nik",
        "address",
        "kecamatan",
        "nib",
    ]


# --- PDF lists: orientation, whole words, footer, the column limit ---------------------------


def pdf_words(path: Path) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(path)
    return reader, " ".join(page.extract_text() for page in reader.pages).split()


def is_landscape(page) -> bool:
    return float(page.mediabox.width) > float(page.mediabox.height)


WIDE_CLIENTS = [
    "business_name", "kabupaten", "kecamatan", "sector", "products", "legal_form",
    "size_class", "nib", "registered_on", "association", "kbli", "year_started",
]  # fmt: skip


def test_a_pdf_list_turns_landscape_when_its_columns_need_it(store, seeded, tmp_path):
    narrow = tmp_path / "sempit.pdf"
    export_rows(
        store=store, kind="clients", format="pdf", out=narrow,
        columns=["business_name", "kecamatan", "registered_on"],
    )  # fmt: skip
    page = pypdf.PdfReader(narrow).pages[0]
    assert not is_landscape(page)
    assert round(float(page.mediabox.width)) == 595  # A4 portrait
    wide = tmp_path / "lebar.pdf"
    export_rows(store=store, kind="clients", format="pdf", out=wide, columns=WIDE_CLIENTS)
    reader, words = pdf_words(wide)
    assert all(is_landscape(p) for p in reader.pages)
    assert round(float(reader.pages[0].mediabox.width)) == 842  # A4 landscape
    # The decision is the columns' measured natural widths, not their count: the same four
    # columns fit portrait with short texts and turn landscape with long ones.
    four = ex.resolve_columns("clients", ["business_name", "sector", "products", "association"])
    short = [["Amplang Bu Sari", "Makanan", "amplang", "APINDO"]]
    long = [
        [
            "Koperasi Produsen Rotan Kasongan Jaya Abadi",
            "Kerajinan tangan dan anyaman",
            "lampit rotan, tas purun, tikar, topi, keranjang",
            "Dekranasda Kabupaten Katingan",
        ]
    ]
    assert ex_pdf._pdf_layout(four, short)[0] == "portrait"
    assert ex_pdf._pdf_layout(four, long)[0] == "landscape"
    least, natural = ex_pdf._pdf_measure(four, long)
    assert sum(least) <= ex_pdf._pdf_content_width("portrait") < sum(natural)


def test_a_pdf_list_never_breaks_a_word_inside_a_cell(store, tmp_path):
    long_words = ["Kotawaringin", "Penyelenggaraan", "Pemberdayaan", "Kelompok-Perajin"]
    with store.session() as db:
        clients.create_client(
            db=db, business_name="Koperasi Pemberdayaan Perempuan Kotawaringin",
            kabupaten_code="6202", kecamatan="Mentawa Baru Ketapang", sector="Kerajinan",
            products="anyaman purun Kelompok-Perajin Penyelenggaraan pameran",
            association="Dekranasda Kotawaringin Timur", registered_on="2025-02-03",
            nib="9120301234567", year_started=2019,
        )  # fmt: skip
    out = tmp_path / "klien.pdf"
    export_rows(store=store, kind="clients", format="pdf", out=out, columns=["id", *WIDE_CLIENTS])
    _, words = pdf_words(out)
    for word in long_words + ["9120301234567", "03/02/2025", "Kabupaten/kota", "2019"]:
        assert word in words, (word, [w for w in words if w[:4] == word[:4]])
    assert "2.019" not in words  # a year is not grouped like an amount
    # A header word with a slash is one word to reportlab: its column is as wide as it.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    chosen = ex.resolve_columns("clients", WIDE_CLIENTS)
    least, _ = ex_pdf._pdf_measure(chosen)
    kabupaten = stringWidth("Kabupaten/kota", "KlinikSans-Bold", ex_pdf._PDF_FONT_SIZE)
    assert least[WIDE_CLIENTS.index("kabupaten")] > kabupaten
    assert [style.splitLongWords for style in ex_pdf._pdf_cell_styles()] == [0, 0, 0]


def test_a_pdf_list_footer_names_the_clinic(store, seeded, tmp_path):
    from klinik.services.settings import set_settings

    with store.session() as db:
        set_settings(db=db, clinic_name="Klinik Bisnis KUMKM Kalteng")
    out = tmp_path / "kasus.pdf"
    export_rows(store=store, kind="cases", format="pdf", out=out)
    reader = pypdf.PdfReader(out)
    for page in reader.pages:
        lines = page.extract_text().splitlines()
        footer = [line for line in lines if "Daftar kasus" in line and "·" in line]
        assert footer and footer[-1].startswith("Klinik Bisnis KUMKM Kalteng · Daftar kasus")
        assert "Halaman" in page.extract_text()
    assert not any(
        line.startswith("Klinik · ") for line in reader.pages[0].extract_text().splitlines()
    )


def test_too_many_pdf_columns_names_the_limit_that_is_enforced(store, seeded, tmp_path):
    keys = [c.key for c in columns_for("cases") if not c.personal]
    out = tmp_path / "kasus.pdf"
    with pytest.raises(ValidationError) as caught:
        export_rows(
            store=store, kind="cases", format="pdf", out=out,
            columns=keys[: ex.PDF_MAX_COLUMNS + 1],
        )  # fmt: skip
    message = caught.value.for_field("columns")
    assert f"paling banyak {ex.PDF_MAX_COLUMNS} kolom" in message
    assert f"menulis {ex.PDF_MAX_COLUMNS + 1} kolom" in message
    assert not out.exists()
    # Exactly the limit of columns is accepted (on a landscape page).
    fitting = ["title", "status", "opened_on", "sessions_count", "business_name", "kabupaten",
               "kecamatan", "sector", "size_class", "nib", "registered_on", "consultant",
               "last_activity_on", "closed_on"]  # fmt: skip
    assert len(fitting) == ex.PDF_MAX_COLUMNS
    export_rows(store=store, kind="cases", format="pdf", out=out, columns=fitting)
    assert is_landscape(pypdf.PdfReader(out).pages[0])


def test_columns_too_wide_for_a_landscape_page_say_so_not_a_count(store, seeded, tmp_path):
    wide = ["nik", "phone", "whatsapp", "kbli", "nib", "npwp", "omzet", "modal",
            "total_assets", "birth_date", "registered_on", "size_recorded_on"]  # fmt: skip
    assert len(wide) <= ex.PDF_MAX_COLUMNS
    with pytest.raises(ValidationError) as caught:
        export_rows(
            store=store, kind="clients", format="pdf", out=tmp_path / "x.pdf", columns=wide,
            with_personal_data=True,
        )  # fmt: skip
    message = caught.value.for_field("columns")
    assert "A4 mendatar memuat" in message and "paling banyak" not in message


def test_a_known_total_is_not_counted_again(store, seeded, tmp_path, monkeypatch):
    """The window knows its list's count: given as ``total``, nothing is counted, and the
    rows are never counted alongside the export."""
    from klinik.services import lists

    def no_count(*args, **kwargs):
        raise AssertionError("counted")

    monkeypatch.setattr(lists, "count_rows", no_count)
    calls: list[tuple[int, int]] = []
    summary = export_rows(
        store=store,
        kind="sessions",
        format="xlsx",
        out=tmp_path / "sesi.xlsx",
        total=10**6,
        limit=3,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls[0] == (0, 3) and calls[-1] == (summary.rows, summary.rows)
