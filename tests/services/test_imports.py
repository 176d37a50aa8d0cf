"""Import batches (services.imports): recorded with what an import wrote, undone by
deleting what it created and clearing what it filled in; and the cleaning functions the
import checks its rows with before anything is written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from klinik.db.models import Client, ImportBatch, Licence, SizeRecord
from klinik.errors import KnownError, ValidationError
from klinik.services import cases, clients, imports


def rows(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def created_entry(db, name: str) -> dict:
    client = clients.create_client(db=db, business_name=name, kabupaten_code="6271")
    size = clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2024-01-10", omzet=150_000_000
    )
    licence = clients.add_licence(db=db, client_id=client.id, kind="halal", status="in_process")
    return {"client_id": client.id, "size_records": [size.id], "licences": [licence.id]}


def test_nothing_to_undo(db):
    assert imports.undo_last_import(db=db) is None


def test_a_batch_is_kept_with_its_content(db):
    entry = created_entry(db, "Amplang Bu Sari")
    content = {"batch_id": "b1", "file": "daftar.xlsx", "created": [entry], "merged": []}
    batch = imports.record_batch(
        db=db, batch_id="b1", file_name="x" * 300 + ".xlsx", content=content
    )
    db.flush()
    stored = db.get(ImportBatch, batch.id)
    assert stored.batch_id == "b1" and len(stored.file_name) == 260
    assert json.loads(stored.content) == content and stored.undone_at is None


def test_undo_deletes_what_the_batch_created_once(db):
    before = rows(db, Client)
    first = created_entry(db, "Amplang Bu Sari")
    second = created_entry(db, "Rotan Pak Budi")
    content = {"created": [first, second], "merged": []}
    imports.record_batch(db=db, batch_id="b2", file_name="daftar.xlsx", content=content)
    db.flush()
    undone = imports.undo_last_import(db=db)
    assert undone == imports.UndoneImport(
        batch_id="b2", deleted=2, reverted=0, client_ids=[first["client_id"], second["client_id"]]
    )
    db.flush()
    assert rows(db, Client) == before
    assert rows(db, SizeRecord) == 0 and rows(db, Licence) == 0
    assert db.exec(select(ImportBatch)).one()[0].undone_at is not None
    assert imports.undo_last_import(db=db) is None


def test_undo_reverts_a_merge_but_keeps_a_field_changed_since(db):
    client = clients.create_client(db=db, business_name="Madu Kelulut", sector="Pangan")
    clients.update_client(db=db, client_id=client.id, kecamatan="Jekan Raya", products="madu")
    size = clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2024-02-01", omzet=90_000_000
    )
    merged = {
        "client_id": client.id,
        "fields": {"kecamatan": "Jekan Raya", "products": "madu"},
        "size_records": [size.id],
        "licences": [],
    }
    imports.record_batch(
        db=db, batch_id="b3", file_name="f.csv", content={"created": [], "merged": [merged]}
    )
    clients.update_client(db=db, client_id=client.id, products="madu kelulut")
    db.flush()
    undone = imports.undo_last_import(db=db)
    assert (undone.deleted, undone.reverted, undone.client_ids) == (0, 1, [])
    db.flush()
    db.refresh(client)
    assert client.kecamatan == ""  # the imported value, cleared
    assert client.products == "madu kelulut"  # changed by hand since: kept
    assert "jekan" not in client.search_text
    assert rows(db, SizeRecord) == 0


def test_undo_refuses_when_a_created_client_got_a_case(db):
    entry = created_entry(db, "Amplang Bu Sari")
    imports.record_batch(
        db=db, batch_id="b4", file_name="f.xlsx", content={"created": [entry], "merged": []}
    )
    cases.open_case(db=db, client_id=entry["client_id"], title="SPP-IRT", opened_on="2024-03-01")
    db.flush()
    with pytest.raises(KnownError, match=r"tidak bisa dibatalkan: .*#\d+ Amplang Bu Sari"):
        imports.undo_last_import(db=db)
    assert db.get(Client, entry["client_id"]) is not None
    assert db.exec(select(ImportBatch)).one()[0].undone_at is None


def test_undo_refuses_when_a_merged_size_record_was_corrected(db):
    client = clients.create_client(db=db, business_name="Rotan Pak Budi")
    size = clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2024-02-01", omzet=90_000_000
    )
    merged = {"client_id": client.id, "fields": {}, "size_records": [size.id], "licences": []}
    imports.record_batch(
        db=db, batch_id="b5", file_name="f.xlsx", content={"created": [], "merged": [merged]}
    )
    clients.correct_size_record(db=db, record_id=size.id, reason="salah ketik", omzet=95_000_000)
    db.flush()
    with pytest.raises(KnownError, match="sudah dikoreksi"):
        imports.undo_last_import(db=db)


def test_jsonable_keeps_dates_as_iso_text():
    from datetime import date

    assert imports.jsonable(date(2024, 5, 20)) == "2024-05-20"
    assert imports.jsonable("Jekan Raya") == "Jekan Raya"


# --- the cleaning functions, public for the import's check --------------------------------


def test_clean_client_checks_without_writing(db):
    before = rows(db, Client)
    cleaned = clients.clean_client(
        db=db,
        data={
            "business_name": " Amplang Bu Sari ",
            "nik": "6271014505900001",
            "kabupaten_code": "Palangkaraya",
        },
        creating=True,
    )
    assert cleaned["business_name"] == "Amplang Bu Sari"
    assert cleaned["kabupaten_code"] == "6271" and cleaned["gender"] == "P"
    assert cleaned["legal_form"] == "perorangan"
    assert rows(db, Client) == before
    with pytest.raises(ValidationError) as caught:
        clients.clean_client(db=db, data={"email": "bukan email"}, creating=True)
    assert {e.field for e in caught.value.errors} == {"business_name", "email"}
    with pytest.raises(TypeError):
        clients.clean_client(db, {"business_name": "X"}, creating=True)  # type: ignore[misc]


def test_clean_client_knows_the_nik_of_another_client(db):
    other = clients.create_client(db=db, business_name="A", nik="6271014505900001")
    data = {"business_name": "B", "nik": "6271014505900001"}
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        clients.clean_client(db=db, data=data, creating=True)
    same = clients.clean_client(db=db, data=data, creating=False, client_id=other.id)
    assert same["nik"] == "6271014505900001"


def test_clean_size_and_clean_licence(db):
    size = clients.clean_size(
        data={"recorded_on": "2024-01-10", "omzet": "Rp 150.000.000"}, creating=True
    )
    assert size["omzet"] == 150_000_000
    with pytest.raises(ValidationError, match="paling sedikit omzet"):
        clients.clean_size(data={"recorded_on": "2024-01-10"}, creating=True)
    licence = clients.clean_licence(data={"kind": "halal", "status": "in_process"})
    assert licence == {"kind": "halal", "status": "in_process"}
    with pytest.raises(ValidationError, match="harus punya nomor"):
        clients.clean_licence(data={"kind": "halal", "status": "obtained"})
    assert rows(db, SizeRecord) == 0 and rows(db, Licence) == 0
