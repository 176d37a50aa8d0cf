"""The import's similar-name search finds exactly what comparing every pair would find.

A sheet row whose business name is very like a store client's, or an earlier row's, in the
same kabupaten/kota is reported as a possible duplicate of the most similar one (a store
client first; among equally similar names the earliest). The search compares names in bulk
and in slices; these tests hold it to the plain answer of comparing every pair, with the
slices and batches made tiny so that every boundary is crossed."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from klinik.exchange import importer as im
from klinik.exchange.importer import check as im_check
from klinik.exchange.importer import duplicates as im_duplicates
from klinik.services import clients

HEADERS = ["Nama usaha", "Nama pemilik", "Kabupaten/Kota"]
KABS = {"6271": "Palangka Raya", "6203": "Kapuas", None: ""}
BASES = [
    "Amplang Sari Jaya", "Kerupuk Haruan Bu Yanti", "Madu Kelulut Murni", "Rotan Kasongan",
    "Batik Benang Bintik", "Dodol Nanas Pak Udin", "Kopi Liberika Kahayan", "Amplang Sarijaya",
]  # fmt: skip


def _variant(rng: random.Random, name: str) -> str:
    """The name as someone else typed it: a letter dropped, doubled or changed, or as is."""
    roll = rng.random()
    if roll < 0.25:
        return name
    i = rng.randrange(1, len(name) - 1)
    if roll < 0.5:
        return name[:i] + name[i + 1 :]
    if roll < 0.75:
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice("aiueo") + name[i + 1 :]


def _expected(store_rows, sheet_rows):
    """Every pair compared: {sheet row: ("client", id) or ("row", earlier row)}."""
    norm = im_duplicates._normal_name
    first_row: dict[tuple, int] = {}  # (kab, name) -> the first sheet row with it
    order: list[tuple] = []  # distinct (kab, name) of the sheet, in order of first appearance
    found = {}
    for number, (name, kab) in sheet_rows:
        key = norm(name)
        best, best_id = 0.0, None
        for cid, other, other_kab in store_rows:
            score = fuzz.ratio(key, norm(other))
            if other_kab == kab and score >= 90 and score > best:
                best, best_id = score, cid
        if best_id is not None:
            found[number] = ("client", best_id)
        elif (kab, key) in first_row:
            found[number] = ("row", first_row[(kab, key)])
        else:
            best, best_row = 0.0, None
            for other_kab, other in order:
                score = fuzz.ratio(key, other)
                if other_kab == kab and score >= 90 and score > best:
                    best, best_row = score, first_row[(other_kab, other)]
            if best_row is not None:
                found[number] = ("row", best_row)
        if (kab, key) not in first_row:
            first_row[(kab, key)] = number
            order.append((kab, key))
    return found


@pytest.mark.parametrize(
    ("rows_per_batch", "cells"),
    [(1000, 2_000_000), (7, 5), (13, 1)],
    ids=["default", "small", "one"],
)
def test_similar_names_match_comparing_every_pair(
    store, tmp_path, monkeypatch, rows_per_batch, cells
):
    monkeypatch.setattr(im_check, "_ROWS_PER_BATCH", rows_per_batch)
    monkeypatch.setattr(im_duplicates, "_NAME_CELLS", cells)
    rng = random.Random(7)
    store_rows = []
    with store.session() as db:
        for i in range(30):
            kab = rng.choice(list(KABS))
            name = _variant(rng, rng.choice(BASES)) + rng.choice(["", "", " Baru"])
            client = clients.create_client(
                db=db, business_name=f"{name}", kabupaten_code=kab, owner_name=f"P {i}"
            )
            store_rows.append((client.id, client.business_name, kab))
    sheet_rows = []
    for number in range(2, 202):
        kab = rng.choice(list(KABS))
        base = rng.choice(BASES) + rng.choice(["", " Mandiri", " Baru", " Sejahtera Abadi"])
        sheet_rows.append((number, (_variant(rng, base), kab)))
    lines = [",".join(HEADERS)] + [f"{n},Pemilik {n},{KABS[k]}" for _, (n, k) in sheet_rows]
    path = tmp_path / "asosiasi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    plan = im.plan_import(store=store, path=path)

    assert plan.rejected == []
    got = {
        d.row: ("client", d.client_id) if d.client_id is not None else ("row", d.earlier_row)
        for d in plan.duplicates
    }
    expected = _expected(store_rows, sheet_rows)
    assert len(expected) > 100  # the test data does hold many near-duplicates
    assert {"client", "row"} == {kind for kind, _ in expected.values()}
    assert got == expected
    assert all("mirip" in d.reason for d in plan.duplicates)


def test_among_equally_similar_names_the_earliest_is_named(store, tmp_path):
    with store.session() as db:
        first = clients.create_client(db=db, business_name="Amplang Sari Jaya A")
        clients.create_client(db=db, business_name="Amplang Sari Jaya B")
    lines = [",".join(HEADERS), "Amplang Sari Jaya C,Sari,", "Kerupuk Haruan Bu Yanti X,Y,",
             "Kerupuk Haruan Bu Yanti Z,Z,", "Kerupuk Haruan Bu Yanti Q,Q,"]  # fmt: skip
    path = tmp_path / "asosiasi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = im.plan_import(store=store, path=path)
    dups = {d.row: d for d in plan.duplicates}
    assert dups[2].client_id == first.id
    assert dups[2].describe().startswith(f"Baris 2: kemungkinan duplikat dari klien #{first.id}")
    assert 3 not in dups
    assert dups[4].earlier_row == 3 and dups[5].earlier_row == 3


def test_a_name_is_similar_only_above_the_threshold():
    assert im_duplicates._similar("amplang sari jaya", "amplang sari jaya.")
    assert im_duplicates._similar("abcdefghij", "abcdefghix")  # 2 * 9 / 20: just at 0.9
    assert not im_duplicates._similar("abcdefghi", "abcdefghx")  # 2 * 8 / 18: below
    assert not im_duplicates._similar("", "")
