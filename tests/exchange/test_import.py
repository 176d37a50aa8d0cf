"""Import of client lists from messy spreadsheets the tests build themselves."""

from __future__ import annotations

import codecs
import csv
import json
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import func
from sqlmodel import select

from klinik.db.models import Client, ImportBatch, Licence, SizeRecord
from klinik.errors import InvalidValue, KnownError
from klinik.exchange import importer as im
from klinik.exchange.importer import values as im_values
from klinik.services import cases, clients
from klinik.services.audit import list_events

NIK_SARI = "6271014505900001"
NIK_BUDI = "6203011203850002"
NIK_RINA = "6271015506920003"

HEADERS = [
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "No. HP/WA",
    "Kab/Kota",
    "Kecamatan",
    "Omzet per tahun",
    "Modal",
    "Jumlah pekerja",
    "Tanggal daftar",
    "P-IRT",
    "Sertifikat halal",
]


def xlsx(tmp_path, rows, headers=HEADERS, name="klien.xlsx", title_gap=True):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title_gap:
        ws.append([])  # the header row is the first non-empty row
    ws.append(headers)
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def write_csv(tmp_path, rows, *, headers=HEADERS, delimiter=",", encoding="utf-8", bom=False):
    path = tmp_path / "klien.csv"
    with open(path, "w", encoding=encoding, newline="") as handle:
        if bom:
            handle.write(codecs.BOM_UTF8.decode("utf-8"))
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def rows_of(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def count(store) -> int:
    return im.count_clients(store)


def good_rows():
    """Every value format people use, one valid row each (sheet rows 3, 4, 5, 6)."""
    return [
        [
            "Amplang Bu Sari",
            "Sari Wulandari",
            NIK_SARI,
            "0812-3456-7890",
            "Palangkaraya",
            "Jekan Raya",
            "Rp 150.000.000",
            "50jt",
            3,
            "20/05/2021",
            "P-IRT No. 2086271010123-26",
            "ID62110000123450123",
        ],
        [
            "Kerupuk Ikan Pak Budi",
            "Budi Santoso",
            int(NIK_BUDI),  # a whole number keeps all 16 digits
            "+62 812 3456 7891",
            "Kab. Kapuas",
            "Selat",
            "150.000.000",
            25000000,
            2.0,
            datetime(2021, 5, 20),
            None,
            "belum",
        ],
        [
            "Madu Kelulut Rina",
            "Rina",
            NIK_RINA,
            81234567892.0,  # Excel dropped the leading 0
            "KOTA PALANGKA RAYA",
            "Pahandut",
            "150jt",
            None,
            None,
            "2021-05-20",
            None,
            None,
        ],
        [
            "Rotan Katingan Jaya",
            "Hasan",
            None,
            "6281234567893",
            "katingan",
            "",
            120000000.0,
            None,
            None,
            44336,  # Excel serial number of 20 May 2021
            None,
            None,
        ],
    ]


# --- mapping ---------------------------------------------------------------------------------


def test_guess_mapping_indonesian_and_english_headers():
    guessed = im.guess_mapping(
        [
            "NAMA USAHA",
            "Nama Pemilik",
            "No KTP",
            "No. HP/WA",
            "Kab/Kota",
            "Kecamatan",
            "Desa/Kelurahan",
            "Alamat",
            "Produk",
            "Sektor",
            "NIB",
            "NPWP",
            "Omzet per tahun (Rp)",
            "Modal",
            "Tenaga kerja",
            "Tanggal daftar",
            "No SPP-IRT",
            "Sertifikat halal",
            "Jenis kelamin",
            "Kolom aneh",
        ]
    )
    assert guessed == {
        "NAMA USAHA": "business_name",
        "Nama Pemilik": "owner_name",
        "No KTP": "nik",
        "No. HP/WA": "phone",
        "Kab/Kota": "kabupaten_code",
        "Kecamatan": "kecamatan",
        "Desa/Kelurahan": "kelurahan",
        "Alamat": "address",
        "Produk": "products",
        "Sektor": "sector",
        "NIB": "nib",
        "NPWP": "npwp",
        "Omzet per tahun (Rp)": "omzet",
        "Modal": "modal",
        "Tenaga kerja": "workers",
        "Tanggal daftar": "registered_on",
        "No SPP-IRT": "licence_spp_irt",
        "Sertifikat halal": "licence_halal",
        "Jenis kelamin": "gender",
        "Kolom aneh": None,
    }
    english = im.guess_mapping(["Business name", "Owner", "WhatsApp", "Telepon", "Omzet"])
    assert english == {
        "Business name": "business_name",
        "Owner": "owner_name",
        "WhatsApp": "whatsapp",
        "Telepon": "phone",
        "Omzet": "omzet",
    }
    # A lone WhatsApp column is the phone; a field is guessed for one column only.
    assert im.guess_mapping(["WhatsApp", "HP"])["HP"] == "phone"
    assert im.guess_mapping(["Nama Usaha", "Business name"])["Business name"] is None
    assert im.guess_mapping(["WhatsApp"]) == {"WhatsApp": "phone"}


def test_mapping_is_remembered_for_the_same_sheet(store, tmp_path):
    headers = ["Merk dagang", "Pengelola", "Lain-lain"]
    path = xlsx(tmp_path, [["Amplang Bu Sari", "Sari", "x"]], headers=headers)
    assert im.guess_mapping(headers)["Merk dagang"] is None
    mapping = {"Merk dagang": "business_name", "Pengelola": "owner_name", "Lain-lain": None}
    im.save_mapping("Dekranasda", mapping)
    assert im.load_mapping(headers=headers) == mapping
    assert im.load_mapping("Dekranasda") == mapping
    plan = im.plan_import(store=store, path=path)
    assert plan.mapping == mapping
    assert plan.rows[0].client["business_name"] == "Amplang Bu Sari"
    # A mapping file for the command line.
    im.save_mapping(tmp_path / "peta.json", mapping)
    assert im.load_mapping(tmp_path / "peta.json") == mapping
    assert im.plan_import(store=store, path=path, mapping=tmp_path / "peta.json").rows


def test_run_import_remembers_the_mapping_it_used(store, tmp_path):
    headers = ["Usaha kami", "HP"]
    path = xlsx(tmp_path, [["Amplang Bu Sari", "081234567890"]], headers=headers)
    plan = im.plan_import(store=store, path=path, mapping={"Usaha kami": "business_name"})
    assert plan.mapping == {"Usaha kami": "business_name", "HP": "phone"}
    im.run_import(store=store, plan=plan)
    assert im.load_mapping(headers=headers) == plan.mapping


def test_bad_mapping_is_refused(store, tmp_path):
    path = xlsx(tmp_path, [["A", "B"]], headers=["Nama Usaha", "Pemilik"])
    with pytest.raises(Exception, match="tidak dikenal"):
        im.plan_import(store=store, path=path, mapping={"Pemilik": "shoe_size"})
    with pytest.raises(KnownError, match="Nama usaha"):
        im.plan_import(store=store, path=path, mapping={"Nama Usaha": None})


# --- values as people type them ------------------------------------------------------------


def test_every_value_format_is_read(store, tmp_path):
    rows = good_rows()
    rows.insert(2, [None] * len(HEADERS))  # an empty row, sheet row 5
    path = xlsx(tmp_path, rows)
    plan = im.plan_import(store=store, path=path, today=date(2024, 1, 10))
    assert plan.rejected == []
    assert plan.empty_rows == 1
    assert [r.row for r in plan.rows] == [3, 4, 6, 7]
    sari, budi, rina, hasan = (r.client for r in plan.rows)
    assert sari["phone"] == "+6281234567890"
    assert budi["phone"] == "+6281234567891"
    assert rina["phone"] == "+6281234567892"
    assert hasan["phone"] == "+6281234567893"
    assert budi["nik"] == NIK_BUDI
    assert sari["gender"] == "P" and sari["birth_date"] == date(1990, 5, 5)
    assert [c["kabupaten_code"] for c in (sari, budi, rina, hasan)] == [
        "6271",
        "6203",
        "6271",
        "6209",
    ]
    assert all(c["registered_on"] == date(2021, 5, 20) for c in (sari, budi, rina, hasan))
    sizes = [r.size for r in plan.rows]
    assert [s["omzet"] for s in sizes] == [150_000_000, 150_000_000, 150_000_000, 120_000_000]
    assert sizes[0]["modal"] == 50_000_000 and sizes[1]["modal"] == 25_000_000
    assert sizes[0]["workers_permanent_male"] == 3 and sizes[1]["workers_permanent_male"] == 2
    assert all(s["recorded_on"] == date(2021, 5, 20) for s in sizes)
    assert plan.rows[0].licences == [
        {"kind": "spp_irt", "status": "obtained", "number": "208627101012326"},
        {"kind": "halal", "status": "obtained", "number": "ID62110000123450123"},
    ]
    assert plan.rows[1].licences == []  # "belum": no licence

    result = im.run_import(store=store, plan=plan, actor="Siti")
    assert (result.imported, result.rejected, result.empty_rows) == (4, [], 1)
    with store.session() as db:
        stored = db.get(Client, result.client_ids[0])
        assert stored.business_name == "Amplang Bu Sari" and stored.nik == NIK_SARI
        history = clients.size_history(db=db, client_id=stored.id)
        assert [(h.omzet, h.modal, h.workers) for h in history] == [(150_000_000, 50_000_000, 3)]
        kinds = {lic.kind for lic in clients.list_licences(db=db, client_id=stored.id)}
        assert kinds == {"spp_irt", "halal"}
    assert im.summary_text(result).startswith(
        "4 diimpor, 0 ditolak, 0 kemungkinan duplikat dilewati, 1 baris kosong dilewati"
    )


def test_size_date_defaults_to_today_without_a_date_column(store, tmp_path):
    path = xlsx(tmp_path, [["Amplang", "150jt"]], headers=["Nama Usaha", "Omzet"])
    plan = im.plan_import(store=store, path=path, today=date(2024, 1, 10))
    assert plan.rows[0].size["recorded_on"] == date(2024, 1, 10)
    assert plan.rows[0].client["registered_on"] == date(2024, 1, 10)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [(",", "utf-8", False), (";", "utf-8", True), ("\t", "cp1252", False)],
)
def test_csv_encodings_and_delimiters(store, tmp_path, delimiter, encoding, bom):
    rows = [
        [
            "Kue Café Sari",
            "Sari",
            NIK_SARI,
            "812-3456-7890",
            "Kota Palangka Raya",
            "",
            "Rp 150.000.000",
        ]
        + [""] * 5,
        ["Kerupuk Budi", "Budi", NIK_BUDI, "0812 3456 7891", "kapuas", "", "150.000.000"]
        + ["", "", "20 Mei 2021", "", ""],
    ]
    path = write_csv(tmp_path, rows, delimiter=delimiter, encoding=encoding, bom=bom)
    plan = im.plan_import(store=store, path=path)
    assert plan.rejected == []
    first, second = (r.client for r in plan.rows)
    assert first["business_name"] == "Kue Café Sari"
    assert first["phone"] == "+6281234567890"
    assert second["registered_on"] == date(2021, 5, 20)
    assert plan.rows[1].size["omzet"] == 150_000_000


def test_nik_as_floating_point_number_is_refused():
    with pytest.raises(InvalidValue, match="Teks"):
        im_values._prepare("nik", 6.271054508900001e15)
    with pytest.raises(InvalidValue, match="Teks"):
        im_values._prepare("nik", "6.27105E+15")
    assert im_values._prepare("nik", 6271014505900001) == "6271014505900001"
    assert im_values._prepare("phone", 81234567890.0) == "081234567890"
    assert im_values._prepare("registered_on", 44336) == date(2021, 5, 20)


def test_tolerant_kabupaten_resolver(db):
    kabs = clients.KabupatenResolver(db)
    for text, code in [
        ("Palangkaraya", "6271"),
        ("KOTA PALANGKA RAYA", "6271"),
        ("Kab. Kapuas", "6203"),
        ("kabupaten  kotawaringin-timur", "6202"),
        ("Sampit", "6202"),
        ("Kotim", "6202"),
        (6209, "6209"),
        ("Jakarta", None),
    ]:
        assert kabs.resolve(text) == code, text


# --- bad rows ------------------------------------------------------------------------------


def test_bad_rows_are_rejected_with_row_column_and_reason(store, tmp_path):
    base = good_rows()[0]

    def row(**changes):
        values = dict(zip(HEADERS, base, strict=True))
        values.update({"NIK": None, "No. HP/WA": None, "P-IRT": None, "Sertifikat halal": None})
        values.update(changes)
        return [values[h] for h in HEADERS]

    rows = [
        row(**{"Nama Usaha": "Baik"}),  # 3
        row(**{"Nama Usaha": "NIK pendek", "NIK": "627101450590000"}),  # 4
        row(**{"Nama Usaha": "HP salah", "No. HP/WA": "123"}),  # 5
        row(**{"Nama Usaha": "Kab salah", "Kab/Kota": "Gotham"}),  # 6
        row(**{"Nama Usaha": None, "Nama Pemilik": "Tanpa nama usaha"}),  # 7
        row(**{"Nama Usaha": "Masa depan", "Tanggal daftar": "20/05/2099"}),  # 8
        row(**{"Nama Usaha": "Omzet aneh", "Omzet per tahun": "banyak"}),  # 9
        row(**{"Nama Usaha": "Halal ya", "Sertifikat halal": "Ya"}),  # 10
    ]
    path = xlsx(tmp_path, rows)
    before = count(store)
    plan = im.plan_import(store=store, path=path)
    assert [r.row for r in plan.rows] == [3]
    got = {(r.row, r.column) for r in plan.rejected}
    assert got == {
        (4, "NIK"),
        (5, "No. HP/WA"),
        (6, "Kab/Kota"),
        (7, "Nama Usaha"),
        (8, "Tanggal daftar"),
        (9, "Omzet per tahun"),
        (10, "Sertifikat halal"),
    }
    reasons = {r.row: r.reason for r in plan.rejected}
    assert "16 angka" in reasons[4]
    assert "terlalu pendek" in reasons[5]
    assert "tidak dikenal" in reasons[6]
    assert "wajib diisi" in reasons[7]
    assert "masa depan" in reasons[8]
    text = im.summary_text(plan)
    assert text.splitlines()[0] == (
        "1 siap diimpor (uji coba, belum ada yang disimpan), 7 ditolak, "
        "0 kemungkinan duplikat akan dilewati, 0 baris kosong dilewati"
    )
    assert "Baris 5, kolom 'No. HP/WA': Nomor telepon '123' terlalu pendek" in text
    assert count(store) == before  # planning writes nothing
    result = im.run_import(store=store, plan=plan)
    assert result.imported == 1 and len({r.row for r in result.rejected}) == 7
    assert "1 diimpor, 7 ditolak" in im.summary_text(result)


def test_nik_float_in_csv_is_rejected(store, tmp_path):
    rows = [["Amplang", "Sari", "6.27101E+15"] + [""] * 9]
    plan = im.plan_import(store=store, path=write_csv(tmp_path, rows))
    assert plan.rows == []
    assert plan.rejected[0].column == "NIK" and "Teks" in plan.rejected[0].reason


# --- duplicates ----------------------------------------------------------------------------


@pytest.fixture
def existing(store):
    with store.session() as db:
        sari = clients.create_client(
            db=db,
            business_name="Amplang Bu Sari",
            nik=NIK_SARI,
            kabupaten_code="6271",
        )
        toko = clients.create_client(
            db=db, business_name="Toko Rotan Jaya", phone="081299990000", kabupaten_code="6209"
        )
    return {"sari": sari.id, "toko": toko.id}


def test_duplicates_against_the_store_and_within_the_file(store, tmp_path, existing):
    headers = ["Nama Usaha", "NIK", "HP", "Kab/Kota", "Alamat", "Omzet"]
    rows = [
        ["Sari Amplang (NIK sama)", NIK_SARI, None, "Palangka Raya", "Jl. Baru", None],  # 2
        ["Rotan lain", None, "0812-9999-0000", "Katingan", None, None],  # 3
        ["Amplang Bu Sari.", None, None, "palangkaraya", None, None],  # 4 name
        ["Amplang Bu Sari", None, None, "Kapuas", None, None],  # 5 other kabupaten
        ["Kerupuk Budi", NIK_BUDI, None, "Kapuas", None, None],  # 6
        ["Kerupuk Budi", None, None, "Kapuas", None, None],  # 7 same name as row 6
        ["Abon Lain", None, "081277778888", "Kapuas", None, None],  # 8
        ["Abon Lain Lagi", None, "+6281277778888", "Sampit", None, None],  # 9 phone as row 8
    ]
    path = xlsx(tmp_path, rows, headers=headers, title_gap=False)
    plan = im.plan_import(store=store, path=path)
    dups = {d.row: d for d in plan.duplicates}
    assert set(dups) == {2, 3, 4, 7, 9}
    assert (dups[2].client_id, dups[2].reason, dups[2].same_nik) == (
        existing["sari"],
        "NIK sama",
        True,
    )
    assert dups[3].client_id == existing["toko"] and dups[3].reason == "nomor HP sama"
    assert dups[4].client_id == existing["sari"] and "mirip" in dups[4].reason
    assert dups[4].client_name == "Amplang Bu Sari"
    assert dups[7].earlier_row == 6 and dups[7].client_id is None
    assert dups[9].earlier_row == 8
    before = count(store)
    result = im.run_import(store=store, plan=plan)
    assert (result.imported, result.skipped) == (3, 5)
    assert count(store) == before + 3
    text = im.summary_text(result)
    assert text.startswith("3 diimpor, 0 ditolak, 5 kemungkinan duplikat dilewati")
    assert f"Baris 2: kemungkinan duplikat dari klien #{existing['sari']} Amplang Bu Sari" in text
    assert "Baris 7: kemungkinan duplikat dari baris 6" in text


def test_create_anyway_and_same_nik_cannot_be_created(store, tmp_path, existing):
    headers = ["Nama Usaha", "NIK", "Kab/Kota"]
    rows = [["Amplang Bu Sari", None, "Palangka Raya"], ["Lain", NIK_SARI, "Kapuas"]]
    plan = im.plan_import(store=store, path=xlsx(tmp_path, rows, headers=headers))
    before = count(store)
    with pytest.raises(KnownError, match="NIK"):
        im.run_import(store=store, plan=plan, decisions={3: "create", 4: "create"})
    assert count(store) == before
    result = im.run_import(store=store, plan=plan, decisions={3: "create"})
    assert (result.imported, result.skipped) == (1, 1)
    assert count(store) == before + 1


def test_merge_fills_only_empty_fields(store, tmp_path, existing):
    headers = ["Nama Usaha", "NIK", "Nama Pemilik", "HP", "Kab/Kota", "Alamat", "Omzet", "P-IRT"]
    rows = [
        [
            "Amplang Bu Sari",
            NIK_SARI,
            "Sari Wulandari",
            "081234567890",
            "Kab. Kapuas",  # the stored kabupaten stays
            "Jl. Tjilik Riwut",
            "Rp 200.000.000",
            "2086271010123-26",
        ]
    ]
    path = xlsx(tmp_path, rows, headers=headers)
    plan = im.plan_import(store=store, path=path)
    assert plan.duplicates[0].client_id == existing["sari"]
    result = im.run_import(store=store, plan=plan, decisions={3: "merge"})
    assert (result.imported, result.merged) == (0, 1)
    with store.session() as db:
        sari = db.get(Client, existing["sari"])
        assert sari.kabupaten_code == "6271"
        assert sari.business_name == "Amplang Bu Sari"
        assert sari.owner_name == "Sari Wulandari"
        assert sari.phone == "+6281234567890"
        assert sari.address == "Jl. Tjilik Riwut"
        assert [h.omzet for h in clients.size_history(db=db, client_id=sari.id)] == [200_000_000]
        assert len(clients.list_licences(db=db, client_id=sari.id)) == 1
    assert "1 digabungkan" in im.summary_text(result)

    undone = im.undo_last_import(store=store)
    assert undone is not None and undone.merged == 1
    with store.session() as db:
        sari = db.get(Client, existing["sari"])
        assert (sari.owner_name, sari.phone, sari.address) == ("", None, "")
        assert sari.kabupaten_code == "6271" and sari.nik == NIK_SARI
        assert clients.size_history(db=db, client_id=sari.id) == []
        assert clients.list_licences(db=db, client_id=sari.id) == []


# --- all or nothing, dry run, undo ---------------------------------------------------------


def test_dry_run_writes_nothing(store, tmp_path):
    path = xlsx(tmp_path, good_rows())
    before = count(store)
    plan = im.plan_import(store=store, path=path)
    assert len(plan.rows) == 4
    assert count(store) == before
    with store.session() as db:
        assert rows_of(db, ImportBatch) == 0
    assert im.summary_text(plan).startswith("4 siap diimpor")


def test_failure_in_the_middle_writes_nothing(store, tmp_path, monkeypatch):
    path = xlsx(tmp_path, good_rows())
    plan = im.plan_import(store=store, path=path)
    before = count(store)
    real = clients.create_client
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs["business_name"])
        if len(calls) == 3:
            raise RuntimeError("disk penuh")
        return real(**kwargs)

    monkeypatch.setattr(clients, "create_client", flaky)
    with pytest.raises(RuntimeError):
        im.run_import(store=store, plan=plan)
    assert len(calls) == 3
    assert count(store) == before
    with store.session() as db:
        assert rows_of(db, SizeRecord) == 0
        assert rows_of(db, Licence) == 0
        assert rows_of(db, ImportBatch) == 0


def test_undo_removes_the_batch(store, tmp_path):
    assert im.undo_last_import(store=store) is None
    before = count(store)
    plan = im.plan_import(store=store, path=xlsx(tmp_path, good_rows()))
    result = im.run_import(store=store, plan=plan)
    assert count(store) == before + 4
    with store.session() as db:
        batch = db.exec(select(ImportBatch)).one()
        record = json.loads(batch.content)
        created_events = list_events(db=db, action="create")
    assert batch.batch_id == result.batch_id and batch.file_name.endswith(".xlsx")
    assert {e.record_id for e in created_events if e.entity == "client"} == set(result.client_ids)
    assert [e["client_id"] for e in record["created"]] == result.client_ids
    undone = im.undo_last_import(store=store)
    assert undone.imported == 4 and undone.batch_id == result.batch_id
    assert count(store) == before
    with store.session() as db:
        assert rows_of(db, SizeRecord) == 0
        assert rows_of(db, Licence) == 0
    assert "4 klien dihapus" in im.summary_text(undone)
    assert im.undo_last_import(store=store) is None  # once only


def test_undo_refuses_when_a_client_got_a_case(store, tmp_path):
    plan = im.plan_import(store=store, path=xlsx(tmp_path, good_rows()))
    result = im.run_import(store=store, plan=plan)
    with store.session() as db:
        cases.open_case(db=db, client_id=result.client_ids[1], title="SPP-IRT")
    with pytest.raises(KnownError, match="Kerupuk Ikan Pak Budi"):
        im.undo_last_import(store=store)
    assert count(store) == 4


def test_merge_into_an_earlier_row_of_the_same_file(store, tmp_path):
    headers = ["Nama Usaha", "HP", "Alamat", "Sertifikat halal"]
    rows = [
        ["Keripik Kelakai", "081234567890", None, "proses"],
        ["Keripik Kelakai", None, "Jl. Rajawali", "ID62110000123450123"],
    ]
    plan = im.plan_import(store=store, path=xlsx(tmp_path, rows, headers=headers))
    assert plan.duplicates[0].earlier_row == 3
    assert plan.rows[0].licences == [{"kind": "halal", "status": "in_process"}]
    result = im.run_import(store=store, plan=plan, decisions={"4": "merge"})
    assert (result.imported, result.merged) == (1, 1)
    with store.session() as db:
        client = db.get(Client, result.client_ids[0])
        assert (client.phone, client.address) == ("+6281234567890", "Jl. Rajawali")
    with pytest.raises(KnownError, match="tidak dikenal"):
        im.run_import(store=store, plan=plan, decisions={4: "gabung"})
    undone = im.undo_last_import(store=store)
    assert (undone.imported, undone.merged) == (1, 1)
    assert count(store) == 0
