"""Import of the sheets clinics and associations really send: Excel's UTF-16 "Unicode text",
long lists checked with progress and a Cancel that writes nothing, duplicates still found by
NIK, phone and a similar name in the same kabupaten among many rows."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from klinik.errors import KnownError
from klinik.exchange import importer as im
from klinik.exchange.importer import check as im_check
from klinik.services import clients

HEADERS = ["Nama usaha", "Nama pemilik", "NIK", "No. HP", "Kabupaten/Kota"]


def _name(i: int) -> str:
    """A business name unlike every other one (no two rows are near-duplicates by chance)."""
    letters = (
        hashlib.sha1(str(i).encode())
        .hexdigest()
        .translate(str.maketrans("0123456789", "ghijklmnop"))
    )
    return f"Rotan {letters[:7]} {letters[7:14]}"


def _rows(n: int) -> list[list[str]]:
    kab = ["Palangka Raya", "Kapuas", "Katingan", "Kotawaringin Timur"]
    return [
        [_name(i), f"Pemilik {i}", f"6271014505{i + 1:06d}", f"0813{i + 1:08d}", kab[i % 4]]
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_excel_unicode_text_utf16_with_tabs(store, tmp_path, codec, bom):
    """Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab separated."""
    rows = [["Amplang Café Sari", "Sari", "6271014505900001", "0812-3456-7890", "Palangkaraya"],
            ["Kerupuk Haruan", "Budi", "", "0812 3456 7891", "Kab. Kapuas"]]  # fmt: skip
    text = "\r\n".join("\t".join(r) for r in [HEADERS, *rows]) + "\r\n"
    path = tmp_path / "klien.txt.csv"
    path.write_bytes(bom + text.encode(codec))
    plan = im.plan_import(store=store, path=path)
    assert plan.rejected == [], plan.rejected
    assert [r.client["business_name"] for r in plan.rows] == ["Amplang Café Sari", "Kerupuk Haruan"]
    assert plan.rows[0].client["phone"] == "+6281234567890"
    assert "ÿþ" not in im.summary_text(plan) and "þÿ" not in im.summary_text(plan)


def test_the_check_reports_progress_and_can_be_cancelled(store, tmp_path):
    path = tmp_path / "asosiasi.csv"
    path.write_text(
        "\n".join(",".join(r) for r in [HEADERS, *_rows(3000)]) + "\n", encoding="utf-8"
    )
    seen: list[tuple[int, int]] = []
    plan = im.plan_import(store=store, path=path, progress=lambda d, t: seen.append((d, t)))
    assert len(plan.rows) == 3000 and plan.rejected == []
    done = [d for d, _ in seen]
    assert len(seen) >= 3 and done == sorted(done) and done[-1] == 3000

    asked = {"n": 0}

    def cancel_after_some() -> bool:
        asked["n"] += 1
        return asked["n"] > 2

    before = im.count_clients(store)
    with pytest.raises(KnownError, match="dibatalkan"):
        im.plan_import(store=store, path=path, cancelled=cancel_after_some)
    assert im.count_clients(store) == before


def test_duplicates_are_found_among_many_rows(store, tmp_path):
    with store.session() as db:
        kept = clients.create_client(
            db=db, business_name="Amplang Bu Sari", kabupaten_code="6271",
            nik="6271014505900001", phone="081299990000",
        )  # fmt: skip
    rows = _rows(2000)
    rows[500] = ["Amplang Bu Sari.", "Sari", "", "", "Palangkaraya"]  # similar name, same kab
    rows[900] = ["Toko lain", "X", "6271014505900001", "", "Kapuas"]  # same NIK
    rows[1300] = ["Toko lain lagi", "Y", "", "0812-9999-0000", "Katingan"]  # same phone
    rows[1700] = ["Amplang Bu Sari", "Z", "", "", "Kapuas"]  # same name, other kabupaten
    rows[1800] = list(rows[10])  # the same row twice in the file
    path = tmp_path / "asosiasi.csv"
    path.write_text("\n".join(",".join(r) for r in [HEADERS, *rows]) + "\n", encoding="utf-8")
    plan = im.plan_import(store=store, path=path)
    dups = {d.row: d for d in plan.duplicates}
    # sheet rows: header is row 1, so list index i is row i + 2
    assert dups[502].client_id == kept.id and "mirip" in dups[502].reason
    assert dups[902].client_id == kept.id and dups[902].same_nik
    assert dups[1302].client_id == kept.id and "HP" in dups[1302].reason
    assert 1702 not in dups
    assert dups[1802].earlier_row == 12
    assert len(dups) == 4


@pytest.mark.parametrize("rows_per_batch", [1000, 7, 1])
def test_same_nik_or_phone_names_the_first_earlier_row(
    store, tmp_path, monkeypatch, rows_per_batch
):
    """Across batches and within one, a repeated NIK names the first row that had it, and a
    repeated phone (a NIK first) the first row with that phone."""
    import random

    monkeypatch.setattr(im_check, "_ROWS_PER_BATCH", rows_per_batch)
    rng = random.Random(3)
    niks = [f"6271014505{i:06d}" for i in range(1, 40)]
    phones = [f"0813{i:08d}" for i in range(1, 40)]
    rows = []
    for i in range(300):
        nik = rng.choice(niks) if rng.random() < 0.5 else ""
        phone = rng.choice(phones) if rng.random() < 0.7 else ""
        rows.append([_name(i), f"Pemilik {i}", nik, phone, "Kapuas"])
    path = tmp_path / "asosiasi.csv"
    path.write_text("\n".join(",".join(r) for r in [HEADERS, *rows]) + "\n", encoding="utf-8")
    plan = im.plan_import(store=store, path=path)
    expected = {}
    first_nik: dict[str, int] = {}
    first_phone: dict[str, int] = {}
    for i, (_, _, nik, phone, _) in enumerate(rows):
        number = i + 2
        if nik and nik in first_nik:
            expected[number] = ("NIK", first_nik[nik])
        elif phone and phone in first_phone:
            expected[number] = ("HP", first_phone[phone])
        if nik:
            first_nik.setdefault(nik, number)
        if phone:
            first_phone.setdefault(phone, number)
    got = {
        d.row: ("NIK" if d.same_nik else "HP", d.earlier_row)
        for d in plan.duplicates
        if d.client_id is None
    }
    assert len(expected) > 200
    assert got == expected
