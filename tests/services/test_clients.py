"""Service tests for clients, size records, licences and the client record (fresh database)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from klinik.db.models import Client, Licence, SizeRecord
from klinik.domain.sizeclass import SizeClass
from klinik.errors import NotFound, Refusal, ValidationError
from klinik.services import cases, clients
from klinik.services.clients import ClientRow, LicenceCheck

# A woman born 5 May 1990 in Kota Palangka Raya (62 71), kecamatan 01, sequence 0001.
NIK_WOMAN = "6271014505900001"
# A man born 5 May 1990, same place.
NIK_MAN = "6271010505900001"
# A man born 29 February of a year "01": neither 1901 nor 2001 is a leap year.
NIK_29_FEB_01 = "6271012902010001"

TODAY = date.today()


def make_client(db, **fields):
    values = {"business_name": "Amplang Bu Sari"}
    values.update(fields)
    return clients.create_client(db=db, **values)


def field_errors(exc: ValidationError) -> dict[str, str]:
    """Field -> message; fails the test if a field is reported twice."""
    fields = [e.field for e in exc.errors]
    assert len(fields) == len(set(fields)), exc.errors
    return {e.field: e.message for e in exc.errors}


def n_rows(db, model) -> int:
    return db.execute(select(func.count()).select_from(model)).scalar_one()


def names(page) -> list[str]:
    return [r.business_name for r in page.rows]


# --- create, update, get ------------------------------------------------------------------


def test_create_client_cleans_and_derives_every_field(db):
    client = make_client(
        db,
        business_name="  Amplang Bu Sari ",
        owner_name="Sari Wulandari",
        nik="6271 0145 0590 0001",
        phone="0812-3456-7890",
        whatsapp="+62 812 3456 7890",
        email="Sari@Gmail.COM",
        kabupaten_code="palangka raya",
        kecamatan="Jekan Raya",
        products="Amplang ikan pipih",
        kbli="10792",
        year_started="2015",
        npwp="01.234.567.8-901.000",
        sells_marketplace="ya",
        has_qris=True,
        latitude="-2,21",
        longitude="113.92",
    )
    assert client.id is not None
    assert len(client.uid) == 36
    assert client.business_name == "Amplang Bu Sari"
    assert client.nik == NIK_WOMAN
    assert client.gender == "P"
    assert client.birth_date == date(1990, 5, 5)
    assert client.phone == "+6281234567890"
    assert client.whatsapp == "+6281234567890"
    assert client.email == "Sari@gmail.com"
    assert client.kabupaten_code == "6271"
    assert client.kbli == "10792"
    assert client.year_started == 2015
    assert client.npwp == "012345678901000"
    assert client.sells_marketplace is True
    assert client.sells_export is False
    assert client.has_qris is True
    assert client.latitude == pytest.approx(-2.21)
    assert client.longitude == pytest.approx(113.92)
    assert client.legal_form == "perorangan"
    assert client.registered_on == TODAY
    assert client.archived_at is None
    # The NIK is personal data: it is not part of the searchable text.
    assert NIK_WOMAN not in client.search_text
    assert client.search_text == (
        "amplang bu sari sari wulandari amplang ikan pipih jekan raya 6281234567890 081234567890"
    )


def test_gender_and_birth_date_come_from_the_nik(db):
    man = make_client(db, business_name="Rotan Pak Budi", nik=NIK_MAN)
    assert (man.gender, man.birth_date) == ("L", date(1990, 5, 5))


def test_gender_and_birth_date_given_are_kept(db):
    client = make_client(db, nik=NIK_WOMAN, gender="Laki-laki", birth_date="06/05/1990")
    assert (client.gender, client.birth_date) == ("L", date(1990, 5, 6))


def test_impossible_birth_date_in_nik_is_left_empty_not_guessed(db):
    client = make_client(db, nik=NIK_29_FEB_01)
    assert client.gender == "L"
    assert client.birth_date is None


KABUPATEN_TYPED = [
    ("Kapuas", "6203"),
    ("KAPUAS", "6203"),
    ("kota palangka raya", "6271"),
    ("Palangka Raya", "6271"),
    ("Kab. Kotawaringin Timur", "6202"),
    ("Kabupaten Gunung Mas", "6211"),
    ("  gunung   MAS ", "6211"),
    ("Sampit", "6202"),
    ("6209", "6209"),
]


def test_kabupaten_by_name_capital_or_code_in_any_case(db):
    for i, (typed, code) in enumerate(KABUPATEN_TYPED):
        client = make_client(db, business_name=f"Usaha {i}", kabupaten_code=typed)
        assert client.kabupaten_code == code, typed
        assert clients.resolve_kabupaten(db, typed) == code, typed


def test_unknown_kabupaten_name_and_code_are_refused(db):
    with pytest.raises(ValidationError) as info:
        make_client(db, kabupaten_code="Atlantis")
    message = field_errors(info.value)["kabupaten_code"]
    assert "'Atlantis' tidak dikenal" in message
    with pytest.raises(ValidationError) as info:
        make_client(db, kabupaten_code="6299")
    assert field_errors(info.value)["kabupaten_code"].startswith(
        "Kode kabupaten/kota 6299 tidak dikenal"
    )


def test_every_field_problem_is_reported_at_once_and_nothing_is_written(db):
    before = n_rows(db, Client)
    with pytest.raises(ValidationError) as info:
        clients.create_client(
            db=db,
            business_name="   ",
            nik="123",
            gender="X",
            birth_date=(TODAY + timedelta(days=1)).isoformat(),
            phone="0812-34ab",
            email="sari.gmail.com",
            kabupaten_code="Atlantis",
            latitude="20",
            kbli="1",
            legal_form="llc",
            year_started="1800",
            nib="12345",
            npwp="123",
            has_sop="mungkin",
        )
    errors = field_errors(info.value)
    assert set(errors) == {
        "business_name",
        "nik",
        "gender",
        "birth_date",
        "phone",
        "email",
        "kabupaten_code",
        "latitude",
        "kbli",
        "legal_form",
        "year_started",
        "nib",
        "npwp",
        "has_sop",
    }
    assert errors["business_name"] == "Nama usaha wajib diisi."
    assert errors["nik"] == "NIK harus 16 angka; yang diisi 3 angka."
    assert errors["gender"].startswith("Jenis kelamin tidak dikenal: 'X'.")
    assert "Laki-laki, Perempuan" in errors["gender"]
    assert errors["birth_date"] == "Tanggal lahir tidak boleh di masa depan."
    assert "hanya boleh berisi angka; ada karakter 'a'" in errors["phone"]
    assert "tepat satu tanda @" in errors["email"]
    assert "tidak dikenal" in errors["kabupaten_code"]
    assert errors["latitude"] == "Lintang harus antara -11.0 dan 6.5."
    assert errors["kbli"] == "KBLI harus 2 sampai 5 angka, misalnya 10792."
    assert errors["legal_form"].startswith("Bentuk usaha tidak dikenal: 'llc'.")
    assert errors["year_started"] == "Tahun mulai usaha paling kecil 1900."
    assert errors["nib"] == "NIB harus 13 angka; yang diisi 5 angka."
    assert errors["npwp"].startswith("NPWP harus 15 angka")
    assert errors["has_sop"].endswith(": isi 'ya' atau 'tidak'.")
    # The exception's own text names each field too (the CLI prints it as it is).
    assert "business_name: Nama usaha wajib diisi." in str(info.value)
    assert n_rows(db, Client) == before == 0


def test_year_started_in_the_future_is_refused(db):
    with pytest.raises(ValidationError) as info:
        make_client(db, year_started=TODAY.year + 1)
    assert field_errors(info.value) == {
        "year_started": f"Tahun mulai usaha paling besar {TODAY.year}."
    }


def test_business_name_too_long_is_refused(db):
    with pytest.raises(ValidationError) as info:
        make_client(db, business_name="a" * 201)
    assert field_errors(info.value) == {
        "business_name": "Nama usaha terlalu panjang (201 huruf); paling banyak 200."
    }
    assert make_client(db, business_name="a" * 200).business_name == "a" * 200


def test_unknown_column_is_refused(db):
    with pytest.raises(ValidationError) as info:
        make_client(db, omset="150 juta")
    assert field_errors(info.value) == {"omset": "Kolom 'omset' tidak dikenal."}
    assert n_rows(db, Client) == 0


def test_duplicate_nik_is_refused_on_create_and_update(db):
    first = make_client(db, nik=NIK_WOMAN)
    with pytest.raises(ValidationError) as info:
        make_client(db, business_name="Kerupuk Ikan Sari", nik="6271-0145-0590-0001")
    message = field_errors(info.value)["nik"]
    assert message.startswith(
        f"NIK ini sudah terdaftar untuk klien Amplang Bu Sari (id {first.id})."
    )
    assert n_rows(db, Client) == 1

    other = make_client(db, business_name="Kerupuk Ikan Sari", nik=NIK_MAN)
    with pytest.raises(ValidationError) as info:
        clients.update_client(db=db, client_id=other.id, nik=NIK_WOMAN)
    assert "sudah terdaftar" in field_errors(info.value)["nik"]
    assert clients.get_client(db=db, client_id=other.id).nik == NIK_MAN
    # Saving a client with its own NIK is not a duplicate.
    same = clients.update_client(db=db, client_id=first.id, nik=NIK_WOMAN)
    assert same.nik == NIK_WOMAN


def test_duplicate_nik_of_an_archived_client_is_refused_too(db):
    first = make_client(db, nik=NIK_WOMAN)
    clients.archive_client(db=db, client_id=first.id)
    with pytest.raises(ValidationError) as info:
        make_client(db, business_name="Lain", nik=NIK_WOMAN)
    assert "sudah terdaftar" in field_errors(info.value)["nik"]


def test_duplicate_nik_is_reported_together_with_other_field_errors(db):
    make_client(db, nik=NIK_WOMAN)
    with pytest.raises(ValidationError) as info:
        make_client(db, business_name="", nik=NIK_WOMAN)
    assert set(field_errors(info.value)) == {"business_name", "nik"}


def test_update_client_changes_fields_and_search_text(db):
    client = make_client(db, owner_name="Sari")
    updated = clients.update_client(
        db=db,
        client_id=client.id,
        owner_name="Siti Aminah",
        kabupaten_code="katingan",
        phone="0813 1234 5678",
    )
    assert updated.id == client.id
    assert updated.owner_name == "Siti Aminah"
    assert updated.kabupaten_code == "6209"
    assert updated.phone == "+6281312345678"
    assert updated.business_name == "Amplang Bu Sari"
    assert updated.search_text == "amplang bu sari siti aminah 6281312345678 081312345678"
    page = clients.list_clients(db=db, search="aminah")
    assert [r.id for r in page.rows] == [client.id]
    assert page.rows[0].kabupaten == "Katingan"


def test_update_client_with_nik_derives_gender_and_birth_date(db):
    client = make_client(db)
    assert (client.gender, client.birth_date) == (None, None)
    updated = clients.update_client(db=db, client_id=client.id, nik=NIK_WOMAN)
    assert (updated.gender, updated.birth_date) == ("P", date(1990, 5, 5))


def test_failed_update_changes_nothing(db):
    client = make_client(db, owner_name="Sari", email="sari@gmail.com")
    with pytest.raises(ValidationError) as info:
        clients.update_client(
            db=db, client_id=client.id, business_name="", owner_name="X", email="x@"
        )
    assert set(field_errors(info.value)) == {"business_name", "email"}
    fresh = clients.get_client(db=db, client_id=client.id)
    assert (fresh.business_name, fresh.owner_name, fresh.email) == (
        "Amplang Bu Sari",
        "Sari",
        "sari@gmail.com",
    )


def test_registered_on_blank_on_update_keeps_the_date(db):
    client = make_client(db, registered_on="2023-03-01")
    assert client.registered_on == date(2023, 3, 1)
    updated = clients.update_client(db=db, client_id=client.id, registered_on="")
    assert updated.registered_on == date(2023, 3, 1)


def test_get_client_by_id_text_id_and_uid_and_not_found(db):
    client = make_client(db)
    assert clients.get_client(db=db, client_id=client.id) is client
    assert clients.get_client(db=db, client_id=str(client.id)) is client
    assert clients.get_client(db=db, client_id=client.uid) is client
    with pytest.raises(NotFound) as info:
        clients.get_client(db=db, client_id=999)
    assert str(info.value) == "Klien dengan id 999 tidak ditemukan."
    with pytest.raises(NotFound):
        clients.update_client(db=db, client_id="no-such-uid", owner_name="x")


# --- archive, list, count -----------------------------------------------------------------


def test_archive_hides_and_restore_shows_again(db):
    kept = make_client(db, business_name="Abon Ikan Gabus")
    gone = make_client(db, business_name="Batik Benang Bintik")
    archived = clients.archive_client(db=db, client_id=gone.id)
    stamp = archived.archived_at
    assert stamp is not None
    # Archiving twice keeps the first moment.
    assert clients.archive_client(db=db, client_id=gone.id).archived_at == stamp

    assert names(clients.list_clients(db=db)) == ["Abon Ikan Gabus"]
    assert clients.count_clients(db=db) == 1
    every = clients.list_clients(db=db, archived=None)
    assert [(r.business_name, r.archived) for r in every.rows] == [
        ("Abon Ikan Gabus", False),
        ("Batik Benang Bintik", True),
    ]
    assert clients.count_clients(db=db, archived=None) == 2
    assert names(clients.list_clients(db=db, archived=True)) == ["Batik Benang Bintik"]
    assert clients.count_clients(db=db, archived=True) == 1
    from klinik.services.stats import store_counts

    assert store_counts(db=db)["clients"] == 1

    restored = clients.restore_client(db=db, client_id=gone.id)
    assert restored.archived_at is None
    assert names(clients.list_clients(db=db)) == ["Abon Ikan Gabus", "Batik Benang Bintik"]
    assert kept.archived_at is None


def test_list_row_shows_what_the_list_needs(db):
    client = make_client(
        db,
        owner_name="Sari",
        kabupaten_code="Kapuas",
        kecamatan="Selat",
        products="Amplang",
        phone="081234567890",
        nib="1234567890123",
        registered_on="2024-02-03",
    )
    page = clients.list_clients(db=db)
    assert (page.offset, page.limit) == (0, 100)
    assert page.rows == [
        ClientRow(
            id=client.id,
            uid=client.uid,
            business_name="Amplang Bu Sari",
            owner_name="Sari",
            kabupaten_code="6203",
            kabupaten="Kapuas",
            kecamatan="Selat",
            products="Amplang",
            phone="+6281234567890",
            nib="1234567890123",
            registered_on=date(2024, 2, 3),
            archived=False,
        )
    ]


@pytest.fixture
def five(db):
    """Five clients with distinct names, owners, kabupaten and registration dates."""
    data = [
        ("Madu Kelulut Kumai", "Yanti", "6201", "2024-01-05"),
        ("Amplang Bu Sari", "Sari", "6271", "2024-03-10"),
        ("Rotan Pak Budi", "Budi", "6203", "2024-03-10"),
        ("Keripik Kelakai", "Ani", None, "2023-12-31"),
        ("Tikar Purun Lamandau", "Rina", "6207", "2024-06-01"),
    ]
    made = []
    for name, owner, kab, registered in data:
        fields = {"business_name": name, "owner_name": owner, "registered_on": registered}
        if kab:
            fields["kabupaten_code"] = kab
        made.append(clients.create_client(db=db, **fields))
    return made


# Clients of the fixture ``five`` by their first letter.
FIVE = {
    "A": "Amplang Bu Sari",
    "K": "Keripik Kelakai",
    "M": "Madu Kelulut Kumai",
    "R": "Rotan Pak Budi",
    "T": "Tikar Purun Lamandau",
}
CLIENT_SORT_CASES = [
    (None, "AKMRT"),
    ("-business_name", "TRMKA"),
    ("owner_name", "KRTAM"),  # Ani, Budi, Rina, Sari, Yanti
    # Equal dates (Amplang and Rotan) fall back to the id, in the same direction.
    ("registered_on", "KMART"),
    ("-registered_on", "TRAMK"),
    # A client without kabupaten (NULL) comes first in ascending order.
    ("kabupaten", "KRAMT"),
    ("-id", "TKRAM"),
]


def test_sort_keys(db, five):
    for sort, expected in CLIENT_SORT_CASES:
        got = names(clients.list_clients(db=db, sort=sort))
        assert got == [FIVE[k] for k in expected], sort


def test_unknown_sort_key_is_refused(db, five):
    with pytest.raises(ValidationError) as info:
        clients.list_clients(db=db, sort="-omzet")
    assert field_errors(info.value) == {
        "sort": "Urutan 'omzet' tidak dikenal. Pilihan: business_name, id, kabupaten, "
        "owner_name, registered_on."
    }


def test_paging_with_offset_and_limit(db, five):
    page = clients.list_clients(db=db, offset=1, limit=2)
    assert (page.offset, page.limit) == (1, 2)
    assert names(page) == ["Keripik Kelakai", "Madu Kelulut Kumai"]
    assert names(clients.list_clients(db=db, offset=4, limit=2)) == ["Tikar Purun Lamandau"]
    assert clients.list_clients(db=db, offset=5, limit=2).rows == []
    assert len(clients.list_clients(db=db, limit=None).rows) == 5
    assert names(clients.list_clients(db=db, sort="-business_name", offset=3, limit=None)) == [
        "Keripik Kelakai",
        "Amplang Bu Sari",
    ]
    # Paging does not change the count.
    assert clients.count_clients(db=db) == 5


def test_filters_by_kabupaten_and_registration_dates(db, five):
    assert names(clients.list_clients(db=db, kabupaten="6203")) == ["Rotan Pak Budi"]
    assert clients.count_clients(db=db, kabupaten="6203") == 1
    assert clients.list_clients(db=db, kabupaten="6213").rows == []
    in_2024_q1 = clients.list_clients(
        db=db, registered_from=date(2024, 1, 1), registered_to=date(2024, 3, 10)
    )
    assert names(in_2024_q1) == ["Amplang Bu Sari", "Madu Kelulut Kumai", "Rotan Pak Budi"]
    assert (
        clients.count_clients(
            db=db, registered_from=date(2024, 1, 1), registered_to=date(2024, 3, 10)
        )
        == 3
    )
    assert names(clients.list_clients(db=db, registered_to=date(2023, 12, 31))) == [
        "Keripik Kelakai"
    ]
    assert names(clients.list_clients(db=db, registered_from=date(2024, 3, 11))) == [
        "Tikar Purun Lamandau"
    ]


def test_search_needs_every_word_in_any_field_and_ignores_case(db, five):
    make_client(db, business_name="Kerupuk Ikan Saluang", products="kerupuk", kecamatan="Sebangau")
    assert names(clients.list_clients(db=db, search="AMPLANG sari")) == ["Amplang Bu Sari"]
    # Words may come from different fields (name and kecamatan) and in any order.
    assert names(clients.list_clients(db=db, search="sebangau saluang")) == ["Kerupuk Ikan Saluang"]
    assert names(clients.list_clients(db=db, search="amplang budi")) == []
    assert names(clients.list_clients(db=db, search="  ")) == names(clients.list_clients(db=db))
    # Parts of words match.
    assert names(clients.list_clients(db=db, search="kel")) == [
        "Keripik Kelakai",
        "Madu Kelulut Kumai",
    ]
    assert clients.count_clients(db=db, search="kel") == 2


def test_search_by_nib_and_phone_digits(db):
    make_client(db, phone="0812-3456-7890", nib="9120001234567")
    make_client(db, business_name="Lain", phone="0813 9999 0000")
    assert names(clients.list_clients(db=db, search="9120001234567")) == ["Amplang Bu Sari"]
    assert names(clients.list_clients(db=db, search="81234567")) == ["Amplang Bu Sari"]


WILDCARD_CASES = [
    ("50%", ["Diskon 50% Kopi"]),
    ("%", ["Diskon 50% Kopi"]),
    ("o_i", ["Toko_Ikan"]),
    ("_", ["Toko_Ikan"]),
    ("a\\b", ["Jalan a\\b"]),
    ("\\", ["Jalan a\\b"]),
]


def test_like_wildcards_in_search_are_literal(db):
    for name in ("Diskon 50% Kopi", "Kopi 500 Gram", "Toko_Ikan", "TokoXIkan", "Jalan a\\b"):
        make_client(db, business_name=name)
    for search, expected in WILDCARD_CASES:
        assert names(clients.list_clients(db=db, search=search)) == expected, search
        assert clients.count_clients(db=db, search=search) == len(expected), search


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    search=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=30,
    )
)
def test_any_search_text_never_raises_and_count_agrees(db, search):
    if not clients.list_clients(db=db, limit=None, archived=None).rows:
        make_client(db, business_name="Diskon 50% Kopi_Ikan", products="a\\b")
        make_client(db, business_name="Madu Kelulut", kecamatan="Kumai")
    page = clients.list_clients(db=db, search=search, limit=None)
    assert clients.count_clients(db=db, search=search) == len(page.rows)
    for row in page.rows:
        text = clients.get_client(db=db, client_id=row.id).search_text
        assert all(word in text for word in search.lower().split())


def test_search_with_a_nul_character_matches_nothing_extra(db):
    make_client(db, business_name="Amplang")
    make_client(db, business_name="Madu Kelulut")
    assert names(clients.list_clients(db=db, search="amplang\x00xyz")) == []
    assert names(clients.list_clients(db=db, search="\x00")) == []


NAME_WORD = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"),
        blacklist_characters="\x1c\x1d\x1e\x1f\x85",
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(words=st.lists(NAME_WORD, min_size=1, max_size=4), pick=st.integers(min_value=0))
def test_client_is_found_by_any_word_of_its_name(db, words, pick):
    name = " ".join(words)
    client = make_client(db, business_name=name)
    word = words[pick % len(words)]
    queries = [word, word.lower()]
    if word.isascii():
        # Case folding round-trips only for ASCII (e.g. 'µ'.upper() is Greek 'Μ').
        queries += [word.upper(), word.swapcase()]
    for query in queries:
        found = [r.id for r in clients.list_clients(db=db, search=query, limit=None).rows]
        assert client.id in found, (name, query)
    every = [r.id for r in clients.list_clients(db=db, search=name, limit=None).rows]
    assert client.id in every


# --- kabupaten ----------------------------------------------------------------------------


def test_seeded_kabupaten_are_listed_by_code(db):
    kabupaten = clients.list_kabupaten(db=db)
    assert len(kabupaten) == 14
    assert [k.code for k in kabupaten][:3] == ["6201", "6202", "6203"]
    assert (kabupaten[-1].code, kabupaten[-1].name, kabupaten[-1].capital) == (
        "6271",
        "Kota Palangka Raya",
        "Palangka Raya",
    )
    assert {k.province_code for k in kabupaten} == {"62"}


def test_add_kabupaten_outside_kalteng_and_use_it_by_name(db):
    kab = clients.add_kabupaten(
        db=db, code=" 6371 ", name="Kota Banjarmasin", capital="Banjarmasin"
    )
    assert (kab.code, kab.name, kab.province_code) == ("6371", "Kota Banjarmasin", "63")
    assert len(clients.list_kabupaten(db=db)) == 15
    assert make_client(db, kabupaten_code="banjarmasin").kabupaten_code == "6371"


def test_add_kabupaten_refuses_bad_and_existing_codes(db):
    with pytest.raises(ValidationError) as info:
        clients.add_kabupaten(db=db, code="63", name="")
    assert field_errors(info.value) == {
        "code": "Kode kabupaten/kota harus 4 angka kode Kemendagri, misalnya 6371.",
        "name": "Nama wajib diisi.",
    }
    with pytest.raises(ValidationError) as info:
        clients.add_kabupaten(db=db, code="6201", name="Kobar")
    assert field_errors(info.value) == {"code": "Kode 6201 sudah ada."}
    assert len(clients.list_kabupaten(db=db)) == 14


# --- size records -------------------------------------------------------------------------


def test_add_size_record_parses_money_and_workers(db):
    client = make_client(db)
    record = clients.add_size_record(
        db=db,
        client_id=client.id,
        recorded_on="20/05/2024",
        omzet="Rp150.000.000",
        modal="1,5 M",
        total_assets=2_000_000_000,
        workers_permanent_male="2",
        workers_permanent_female=3,
        production_capacity=" 200 bungkus/hari ",
        source="wawancara",
    )
    assert record.client_id == client.id
    assert record.recorded_on == date(2024, 5, 20)
    assert (record.omzet, record.modal, record.total_assets) == (
        150_000_000,
        1_500_000_000,
        2_000_000_000,
    )
    assert (record.workers_permanent_male, record.workers_permanent_female) == (2, 3)
    assert record.workers_nonpermanent_male is None
    assert record.production_capacity == "200 bungkus/hari"
    assert record.superseded_by_id is None and record.corrects_id is None


def test_size_record_problems_are_reported_at_once(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_size_record(
            db=db,
            client_id=client.id,
            recorded_on=TODAY + timedelta(days=1),
            modal=-5,
            workers_permanent_male="-1",
            workers_nonpermanent_female="banyak",
        )
    errors = field_errors(info.value)
    assert errors == {
        "recorded_on": "Tanggal data tidak boleh di masa depan.",
        "modal": "Modal usaha tidak boleh negatif.",
        "workers_permanent_male": "Pekerja tetap laki-laki paling kecil 0.",
        "workers_nonpermanent_female": "Pekerja tidak tetap perempuan harus berupa angka "
        "bulat, misalnya 60.",
    }
    assert n_rows(db, SizeRecord) == 0


def test_size_record_needs_a_date_and_a_figure(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_size_record(db=db, client_id=client.id, source="x")
    assert field_errors(info.value) == {
        "recorded_on": "Tanggal data wajib diisi.",
        "omzet": "Isi paling sedikit omzet, modal, aset, atau jumlah pekerja.",
    }
    # A head count alone is a figure.
    record = clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2024-01-01", workers_nonpermanent_male=0
    )
    assert record.workers_nonpermanent_male == 0


def test_size_record_for_unknown_client(db):
    with pytest.raises(NotFound):
        clients.add_size_record(db=db, client_id=42, recorded_on="2024-01-01", omzet=1)


def test_correction_keeps_the_old_row_and_the_reason(db):
    client = make_client(db)
    old = clients.add_size_record(
        db=db,
        client_id=client.id,
        recorded_on="2024-01-31",
        omzet="300 juta",
        modal="50 juta",
        workers_permanent_male=2,
        source="form",
    )
    new = clients.correct_size_record(
        db=db, record_id=old.id, reason="  salah ketik omzet ", omzet="3 M"
    )
    assert new.id != old.id
    assert new.corrects_id == old.id
    assert new.correction_reason == "salah ketik omzet"
    assert new.omzet == 3_000_000_000
    # Fields not corrected are copied.
    assert (new.recorded_on, new.modal, new.workers_permanent_male, new.source) == (
        date(2024, 1, 31),
        50_000_000,
        2,
        "form",
    )
    stored_old = clients.get_size_record(db=db, record_id=old.uid)
    assert stored_old.superseded_by_id == new.id
    assert stored_old.omzet == 300_000_000
    assert n_rows(db, SizeRecord) == 2

    history = clients.size_history(db=db, client_id=client.id)
    assert [(r.id, r.omzet, r.corrected, r.correction_reason) for r in history] == [
        (new.id, 3_000_000_000, True, "salah ketik omzet")
    ]
    assert history[0].size_class is SizeClass.KECIL


def test_correction_needs_a_reason_and_valid_values_reported_together(db):
    client = make_client(db)
    old = clients.add_size_record(db=db, client_id=client.id, recorded_on="2024-01-31", omzet=1)
    with pytest.raises(ValidationError) as info:
        clients.correct_size_record(db=db, record_id=old.id, reason="  ", omzet="abc")
    errors = field_errors(info.value)
    assert set(errors) == {"correction_reason", "omzet"}
    assert errors["correction_reason"] == "Alasan koreksi wajib diisi."
    assert "'abc' bukan jumlah uang yang dikenali" in errors["omzet"]
    assert n_rows(db, SizeRecord) == 1
    assert db.get(SizeRecord, old.id).superseded_by_id is None


def test_a_superseded_record_cannot_be_corrected_again(db):
    client = make_client(db)
    old = clients.add_size_record(db=db, client_id=client.id, recorded_on="2024-01-31", omzet=1)
    new = clients.correct_size_record(db=db, record_id=old.id, reason="r", omzet=2)
    with pytest.raises(Refusal) as info:
        clients.correct_size_record(db=db, record_id=old.id, reason="r", omzet=3)
    assert str(info.value) == "Data usaha ini sudah dikoreksi; koreksi versi terbarunya."
    with pytest.raises(NotFound) as info:
        clients.get_size_record(db=db, record_id=999)
    assert str(info.value) == "Data usaha dengan id 999 tidak ditemukan."
    newer = clients.correct_size_record(db=db, record_id=new.id, reason="lagi", omzet=3)
    assert [r.id for r in clients.size_history(db=db, client_id=client.id)] == [newer.id]


def test_size_history_classes_and_naik_kelas(db):
    client = make_client(db)
    add = clients.add_size_record
    # Inserted out of order: the history is oldest first.
    add(db=db, client_id=client.id, recorded_on="2024-06-30", omzet="2,5 M")
    add(db=db, client_id=client.id, recorded_on="2022-06-30", omzet="500 juta")
    add(db=db, client_id=client.id, recorded_on="2023-01-31", workers_permanent_male=3)
    add(
        db=db,
        client_id=client.id,
        recorded_on="2023-06-30",
        omzet="3 M",
        workers_permanent_male=3,
        workers_permanent_female=4,
    )
    add(db=db, client_id=client.id, recorded_on="2025-01-31", modal="6 M")
    history = clients.size_history(db=db, client_id=client.id)
    assert [
        (r.recorded_on.isoformat(), r.size_class, r.naik_kelas, r.workers) for r in history
    ] == [
        ("2022-06-30", SizeClass.MIKRO, False, None),
        # Only workers: no class, so it is neither up nor down.
        ("2023-01-31", None, False, 3),
        # Compared with the last known class (mikro), not with the unknown one.
        ("2023-06-30", SizeClass.KECIL, True, 7),
        ("2024-06-30", SizeClass.KECIL, False, None),
        # Modal decides when omzet is unknown: 6 M modal is menengah.
        ("2025-01-31", SizeClass.MENENGAH, True, None),
    ]
    assert all(not r.corrected and r.correction_reason is None for r in history)
    assert clients.client_naik_kelas(db=db, client_id=client.id) is True


def test_correction_can_undo_naik_kelas(db):
    client = make_client(db)
    clients.add_size_record(db=db, client_id=client.id, recorded_on="2022-12-31", omzet="1 M")
    rise = clients.add_size_record(
        db=db, client_id=client.id, recorded_on="2023-12-31", omzet="3 M"
    )
    assert clients.client_naik_kelas(db=db, client_id=client.id) is True
    clients.correct_size_record(
        db=db, record_id=rise.id, reason="omzet salah satu nol", omzet="300 juta"
    )
    history = clients.size_history(db=db, client_id=client.id)
    assert [(r.size_class, r.naik_kelas) for r in history] == [
        (SizeClass.MIKRO, False),
        (SizeClass.MIKRO, False),
    ]
    assert clients.client_naik_kelas(db=db, client_id=client.id) is False


def test_single_record_is_never_naik_kelas(db):
    client = make_client(db)
    assert clients.size_history(db=db, client_id=client.id) == []
    assert clients.client_naik_kelas(db=db, client_id=client.id) is False
    clients.add_size_record(db=db, client_id=client.id, recorded_on="2023-12-31", omzet="60 M")
    assert clients.size_history(db=db, client_id=client.id)[0].size_class is SizeClass.BESAR
    assert clients.client_naik_kelas(db=db, client_id=client.id) is False


# --- licences -----------------------------------------------------------------------------


LICENCE_NUMBERS_OK = [
    ("nib", "1234 5678 90123", "1234567890123"),
    ("spp_irt", "P-IRT No. 1234567890123-45", "123456789012345"),
    ("halal", "id 6211 0000 1234 50123", "ID62110000123450123"),
    ("bpom_md", "BPOM RI MD 123456789012", "MD123456789012"),
    ("bpom_ml", "ML 123456789012345", "ML123456789012345"),
    ("merek", " IDM000123456 ", "IDM000123456"),
    ("other", "503/123/DPMPTSP/2024", "503/123/DPMPTSP/2024"),
]

LICENCE_NUMBERS_BAD = [
    ("nib", "123", "NIB harus 13 angka; yang diisi 3 angka."),
    ("spp_irt", "P-IRT 12345", "Nomor P-IRT minimal 15 angka"),
    ("halal", "XX6211000012345", "Nomor sertifikat halal harus diawali ID"),
    ("bpom_md", "ML123456789012", "Izin BPOM MD harus bernomor MD"),
    ("bpom_ml", "MD123456789012", "Izin BPOM ML harus bernomor ML"),
    ("bpom_md", "MD1234", "yang diisi 4 angka"),
    ("sni", "x" * 65, "Nomor izin paling panjang 64 karakter"),
]


def test_licence_numbers_are_normalized_per_kind(db):
    client = make_client(db)
    for kind, typed, stored in LICENCE_NUMBERS_OK:
        licence = clients.add_licence(
            db=db, client_id=client.id, kind=kind, number=typed, status="in_process"
        )
        assert (licence.kind, licence.number, licence.status) == (kind, stored, "in_process")


def test_licence_numbers_are_checked_per_kind(db):
    client = make_client(db)
    for kind, typed, words in LICENCE_NUMBERS_BAD:
        with pytest.raises(ValidationError) as info:
            clients.add_licence(db=db, client_id=client.id, kind=kind, number=typed)
        errors = field_errors(info.value)
        assert list(errors) == ["number"], kind
        assert words in errors["number"], kind
    assert n_rows(db, Licence) == 0


def test_licence_field_problems_reported_at_once(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_licence(
            db=db,
            client_id=client.id,
            kind="halal",
            status="terbang",
            number="XX",
            issued_on=TODAY + timedelta(days=2),
            expires_on="2020-01-01",
        )
    errors = field_errors(info.value)
    assert set(errors) == {"status", "number", "issued_on", "expires_on"}
    assert errors["status"].startswith("Status tidak dikenal: 'terbang'.")
    assert errors["issued_on"] == "Tanggal terbit tidak boleh di masa depan."
    assert errors["expires_on"] == "Tanggal berlaku sampai harus sesudah tanggal terbit."


def test_licence_kind_is_required_and_known(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_licence(db=db, client_id=client.id, number="123")
    assert field_errors(info.value) == {"kind": "Jenis wajib diisi."}
    with pytest.raises(ValidationError) as info:
        clients.add_licence(db=db, client_id=client.id, kind="sim")
    assert field_errors(info.value)["kind"].startswith("Jenis tidak dikenal: 'sim'.")


def test_kind_and_status_by_label(db):
    client = make_client(db)
    licence = clients.add_licence(
        db=db, client_id=client.id, kind="Sertifikat halal", status="Dalam proses"
    )
    assert (licence.kind, licence.status, licence.number) == ("halal", "in_process", None)
    default = clients.add_licence(db=db, client_id=client.id, kind="merek")
    assert default.status == "needed"


def test_obtained_licence_without_number_is_refused(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_licence(db=db, client_id=client.id, kind="spp_irt", status="obtained")
    assert field_errors(info.value) == {"number": "Izin yang sudah terbit harus punya nomor."}
    assert n_rows(db, Licence) == 0
    licence = clients.add_licence(db=db, client_id=client.id, kind="spp_irt")
    with pytest.raises(ValidationError) as info:
        clients.update_licence(db=db, licence_id=licence.id, status="Terbit")
    assert field_errors(info.value) == {"number": "Izin yang sudah terbit harus punya nomor."}


def test_refused_licence_update_leaves_the_licence_unchanged(db):
    client = make_client(db)
    licence = clients.add_licence(db=db, client_id=client.id, kind="spp_irt")
    with pytest.raises(ValidationError):
        clients.update_licence(db=db, licence_id=licence.id, status="obtained")
    assert clients.list_licences(db=db, client_id=client.id)[0].status == "needed"


def test_obtained_without_number_reported_with_other_errors(db):
    client = make_client(db)
    with pytest.raises(ValidationError) as info:
        clients.add_licence(
            db=db,
            client_id=client.id,
            kind="nib",
            status="obtained",
            issued_on=TODAY + timedelta(days=3),
        )
    assert set(field_errors(info.value)) == {"number", "issued_on"}


def test_obtained_nib_licence_sets_the_client_nib(db):
    client = make_client(db)
    clients.add_licence(
        db=db, client_id=client.id, kind="nib", number="9120001234567", status="in_process"
    )
    assert clients.get_client(db=db, client_id=client.id).nib is None
    obtained = clients.add_licence(
        db=db,
        client_id=client.id,
        kind="nib",
        number="9120 0012 34567",
        status="obtained",
        issued_on="2024-02-01",
    )
    assert obtained.issued_on == date(2024, 2, 1)
    assert clients.get_client(db=db, client_id=client.id).nib == "9120001234567"
    assert names(clients.list_clients(db=db, search="9120001234567")) == ["Amplang Bu Sari"]


def test_update_licence_checks_number_by_its_kind_and_syncs_nib(db):
    client = make_client(db, nib="1111111111111")
    licence = clients.add_licence(db=db, client_id=client.id, kind="nib")
    with pytest.raises(ValidationError) as info:
        clients.update_licence(db=db, licence_id=licence.id, number="12")
    assert field_errors(info.value) == {"number": "NIB harus 13 angka; yang diisi 2 angka."}
    updated = clients.update_licence(
        db=db, licence_id=licence.id, number="2222222222222", status="obtained", note=" ok "
    )
    assert (updated.number, updated.status, updated.note) == ("2222222222222", "obtained", "ok")
    assert clients.get_licence(db=db, licence_id=licence.uid) is updated
    assert clients.get_client(db=db, client_id=client.id).nib == "2222222222222"
    with pytest.raises(NotFound) as info:
        clients.update_licence(db=db, licence_id=999, note="x")
    assert str(info.value) == "Izin dengan id 999 tidak ditemukan."
    with pytest.raises(NotFound):
        clients.get_licence(db=db, licence_id=999)


def test_licence_list_and_checklist(db):
    client = make_client(db, nib="1234567890123")
    add = clients.add_licence
    add(db=db, client_id=client.id, kind="spp_irt", status="in_process")
    add(db=db, client_id=client.id, kind="halal", status="expired", number="ID1234567890")
    add(db=db, client_id=client.id, kind="halal", status="obtained", number="ID9876543210")
    add(db=db, client_id=client.id, kind="merek", status="obtained", number="IDM1")
    assert [lic.kind for lic in clients.list_licences(db=db, client_id=client.id)] == [
        "spp_irt",
        "halal",
        "halal",
        "merek",
    ]
    checklist = clients.licence_checklist(db=db, client_id=client.id)
    assert checklist == [
        # The client's NIB field counts as an obtained NIB.
        LicenceCheck("nib", "NIB", "obtained", "1234567890123", None, False),
        LicenceCheck("spp_irt", "SPP-IRT (P-IRT)", "in_process", None, None, True),
        # The obtained certificate wins over the expired one.
        LicenceCheck("halal", "Sertifikat halal", "obtained", "ID9876543210", None, False),
        LicenceCheck("bpom_md", "BPOM MD", None, None, None, True),
    ]


def test_checklist_of_a_new_client_marks_everything_missing(db):
    client = make_client(db)
    checklist = clients.licence_checklist(db=db, client_id=client.id)
    assert [(c.kind, c.status, c.missing) for c in checklist] == [
        ("nib", None, True),
        ("spp_irt", None, True),
        ("halal", None, True),
        ("bpom_md", None, True),
    ]


# --- the whole record ---------------------------------------------------------------------


def test_client_record_gathers_everything(db):
    client = make_client(db, kabupaten_code="Seruyan")
    clients.add_size_record(db=db, client_id=client.id, recorded_on="2022-12-31", omzet="1 M")
    clients.add_size_record(db=db, client_id=client.id, recorded_on="2023-12-31", omzet="3 M")
    licence = clients.add_licence(db=db, client_id=client.id, kind="halal")
    older = cases.open_case(db=db, client_id=client.id, title="Halal", opened_on="2023-01-02")
    newer = cases.open_case(db=db, client_id=client.id, title="KUR", opened_on="2024-01-02")
    record = clients.client_record(db=db, client_id=client.uid)
    assert record.client.id == client.id
    assert record.kabupaten == "Seruyan"
    assert [r.size_class for r in record.size_history] == [SizeClass.MIKRO, SizeClass.KECIL]
    assert [lic.id for lic in record.licences] == [licence.id]
    assert [c.id for c in record.cases] == [newer.id, older.id]
    assert record.naik_kelas is True


def test_client_record_of_a_bare_client(db):
    client = make_client(db)
    record = clients.client_record(db=db, client_id=client.id)
    assert (record.kabupaten, record.size_history, record.licences, record.cases) == (
        None,
        [],
        [],
        [],
    )
    assert record.naik_kelas is False
    with pytest.raises(NotFound):
        clients.client_record(db=db, client_id=12345)


def test_a_client_is_found_by_the_phone_as_people_type_it(db):
    make_client(db, business_name="Abon Ikan Haruan", phone="+62 813 1234 5678")
    for typed in ("0813123", "62813123", "5678"):
        assert names(clients.list_clients(db=db, search=typed)) == ["Abon Ikan Haruan"]
