"""A referral goes to the office where the client is: an SPP-IRT referral for a business in
Pulang Pisau is addressed to Pulang Pisau's Dinas Kesehatan, an NIB referral for
Kotawaringin Barat to that kabupaten's DPMPTSP; purposes without a local office keep their
usual agency. The window's form and ``klinik add referral`` without --agency suggest it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypdf
import pytest

from klinik.cli import main
from klinik.services import cases, clients, letters, privacy, referrals

KABUPATEN = json.loads(
    (Path(__file__).resolve().parents[2] / "resources/seed/kabupaten.json").read_text("utf-8")
)


def _case(db, kabupaten_code):
    client = clients.create_client(
        db=db, business_name="Kerupuk Ikan Haruan", kabupaten_code=kabupaten_code,
        owner_name="Siti Aminah",
    )  # fmt: skip
    return cases.open_case(db=db, client_id=client.id, title="Izin edar")


@pytest.mark.parametrize("kab", KABUPATEN, ids=[k["code"] for k in KABUPATEN])
def test_spp_irt_and_nib_go_to_the_offices_of_the_clients_kabupaten(db, kab):
    region = ("Kota " if kab["code"] == "6271" else "Kabupaten ") + kab["name"].removeprefix(
        "Kota "
    )
    health = referrals.suggest_agency(db=db, purpose="spp_irt", kabupaten_code=kab["code"])
    assert health.name == f"Dinas Kesehatan {region}"
    assert health.kabupaten_code == kab["code"] and health.town == kab["capital"]
    permits = referrals.suggest_agency(db=db, purpose="nib", kabupaten_code=kab["code"])
    assert permits.name.startswith("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    assert permits.name.endswith(region)


def test_purposes_without_a_local_office_keep_their_usual_agency(db):
    assert referrals.suggest_agency(db=db, purpose="kur", kabupaten_code="6210").code == (
        "BANK-KALTENG"
    )
    assert referrals.suggest_agency(db=db, purpose="halal", kabupaten_code="6210").code == ("BPJPH")
    assert referrals.suggest_agency(db=db, purpose="lainnya", kabupaten_code="6210") is None
    # A client without a kabupaten: the role's provincial office, else the usual agency.
    assert referrals.suggest_agency(db=db, purpose="spp_irt", kabupaten_code=None).code == (
        "DINKES-PKY"
    )


def test_a_referral_without_agency_takes_the_suggested_one_and_the_letter_says_so(db, tmp_path):
    case = _case(db, "6210")  # Pulang Pisau
    privacy.record_consent(
        db=db, client_id=case.client_id, purposes=["pendampingan", "rujukan"],
        method="tertulis", given_on=date.today(),
    )  # fmt: skip
    referral = referrals.create_referral(db=db, case_id=case.id, agency_id=None, purpose="spp_irt")
    agency = db.get(referrals.Agency, referral.agency_id)
    assert agency.code == "DINKES-PULPIS"
    data, draft = letters.letter_pdf(db=db, referral_id=referral.id)
    path = tmp_path / "surat-pulpis.pdf"
    path.write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)
    assert "Kepala Dinas Kesehatan Kabupaten Pulang Pisau" in text
    assert "Kota Palangka Raya" not in text.split("Dengan hormat")[0]
    assert "di Pulang Pisau" in text


def test_agency_offices_are_editable_data_with_a_region_and_a_role(db):
    office = referrals.get_agency(db=db, agency_id="DISKOPUKM-KTG")
    assert office.to_verify and office.role == "koperasi_umkm" and office.kabupaten_code == "6209"
    referrals.update_agency(
        db=db, agency_id=office.id, name="Dinas Koperasi, UKM dan Perdagangan Kab. Katingan",
        to_verify=False,
    )  # fmt: skip
    assert not referrals.get_agency(db=db, agency_id="DISKOPUKM-KTG").to_verify
    with pytest.raises(referrals.ValidationError) as err:
        referrals.update_agency(db=db, agency_id=office.id, kabupaten_code="9999")
    assert "9999" in str(err.value.errors[0].message)
    with pytest.raises(referrals.ValidationError):
        referrals.update_agency(db=db, agency_id=office.id, role="pajak")


def test_add_referral_without_agency_prints_the_suggestion(capsys):
    assert main(["add", "client", "--business-name", "Madu Kelulut Kobar",
                 "--kabupaten", "Kotawaringin Barat"]) == 0  # fmt: skip
    client_id = capsys.readouterr().out.strip()
    assert main(["add", "case", "--client", client_id, "--title", "NIB"]) == 0
    case_id = capsys.readouterr().out.strip()
    assert main(["add", "referral", "--case", case_id, "--purpose", "nib"]) == 0
    out, err = capsys.readouterr()
    assert out.strip().isdigit()
    assert "Instansi yang dituju (saran): Dinas Penanaman Modal dan Pelayanan Terpadu Satu " in err
    assert "Kabupaten Kotawaringin Barat (DPMPTSP-KOBAR)" in err
    assert main(["add", "referral", "--case", case_id, "--purpose", "lainnya"]) == 2
    assert "pilih instansinya" in capsys.readouterr().err


def test_the_letter_names_the_kabupaten_in_the_address_and_the_phone_nationally(db, tmp_path):
    case = _case(db, "6210")
    clients.update_client(
        db=db, client_id=case.client_id, address="Jl. Trans Kalimantan Km 3",
        phone="+62 812 3456 7890",
    )  # fmt: skip
    privacy.record_consent(
        db=db, client_id=case.client_id, purposes=["pendampingan", "rujukan"],
        method="tertulis", given_on=date.today(),
    )  # fmt: skip
    referral = referrals.create_referral(db=db, case_id=case.id, agency_id=None, purpose="spp_irt")
    data, _draft = letters.letter_pdf(db=db, referral_id=referral.id)
    path = tmp_path / "surat.pdf"
    path.write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)
    assert "Jl. Trans Kalimantan Km 3, Kab. Pulang Pisau" in text
    assert "0812-3456-7890" in text and "+62" not in text
