"""A letter is only issued under a complete letterhead: the clinic's name and address and the
signer's name and title. Until then issuing is refused with what to fill and where; a draft
can still be previewed. Demo data sets a complete, plausible letterhead."""

from __future__ import annotations

from datetime import date

import pypdf
import pytest
from sqlalchemy import func, select

from klinik.cli import main
from klinik.db.models import IssuedLetter
from klinik.demo import generate_demo
from klinik.errors import Refusal
from klinik.services import cases, clients, letters, privacy, referrals
from klinik.services.settings import letterhead_missing, set_settings


def _referral(db):
    client = clients.create_client(
        db=db, business_name="Amplang Bu Ani", owner_name="Ani", kabupaten_code="6271"
    )
    privacy.record_consent(
        db=db, client_id=client.id, purposes=["pendampingan", "rujukan"],
        method="tertulis", given_on=date.today(),
    )  # fmt: skip
    case = cases.open_case(db=db, client_id=client.id, title="SPP-IRT")
    return referrals.create_referral(
        db=db, case_id=case.id, agency_id="DINKES-PKY", purpose="spp_irt"
    )


def test_issuing_under_an_incomplete_letterhead_is_refused_with_where_to_fill_it(store):
    with store.session() as db:
        set_settings(db=db, clinic_address="", signer_name="")
        referral_id = _referral(db).id
    with store.session() as db:
        assert letterhead_missing(db=db) == ["clinic_address", "signer_name"]
        with pytest.raises(Refusal) as refused:
            letters.issue_referral_letter(db=db, referral_id=referral_id)
        message = str(refused.value)
        assert "kop surat belum lengkap (Alamat klinik, Nama penanda tangan)" in message
        assert "Berkas → Pengaturan klinik" in message
        assert 'klinik settings clinic_address="…" signer_name="…"' in message
        with pytest.raises(Refusal):
            referrals.send_referral(db=db, referral_id=referral_id)
        # The draft can still be looked at.
        data, draft = letters.letter_pdf(db=db, referral_id=referral_id)
        assert draft and data.startswith(b"%PDF")
    with store.session() as db:
        assert db.execute(select(func.count()).select_from(IssuedLetter)).scalar_one() == 0
        assert referrals.get_referral(db=db, referral_id=referral_id).status == "draft"
        set_settings(db=db, clinic_address="Jl. Tjilik Riwut Km 6", signer_name="Rusdiana")
    with store.session() as db:
        issued = letters.issue_referral_letter(db=db, referral_id=referral_id)
        assert issued.number.startswith("001/")


def test_the_command_line_refuses_with_the_settings_keys(store, capsys, tmp_path):
    with store.session() as db:
        set_settings(db=db, signer_name="")
        referral_id = _referral(db).id
    out = tmp_path / "surat.pdf"
    code = main(["letter", str(referral_id), "--issue", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert "kop surat belum lengkap (Nama penanda tangan)" in err
    assert 'klinik settings signer_name="…"' in err
    assert not out.exists()


def test_demo_data_has_a_complete_plausible_letterhead(store, tmp_path):
    with store.session() as db:
        set_settings(db=db, clinic_address="", signer_name="")
    generate_demo(store, clients=12, seed=2)
    with store.session() as db:
        assert letterhead_missing(db=db) == []
        referral_id = _referral(db).id
        letters.issue_referral_letter(db=db, referral_id=referral_id)
    with store.session() as db:
        data, draft = letters.letter_pdf(db=db, referral_id=referral_id)
    path = tmp_path / "surat.pdf"
    path.write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)
    assert not draft
    assert "Klinik Bisnis KUMKM Provinsi Kalimantan Tengah" in text
    assert "Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya 73112" in text
    assert "Dra. Hj. Rusdiana, M.Si." in text


@pytest.mark.parametrize("town", ["Palangka Raya", "Tamiang Layang", "Kuala Pembuang"])
def test_place_and_date_stay_on_one_line(store, tmp_path, town):
    with store.session() as db:
        set_settings(db=db, clinic_town=town)
        referral_id = _referral(db).id
        letters.issue_referral_letter(db=db, referral_id=referral_id, on=date(2026, 11, 22))
    with store.session() as db:
        data, _draft = letters.letter_pdf(db=db, referral_id=referral_id)
    path = tmp_path / "surat.pdf"
    path.write_bytes(data)
    lines = pypdf.PdfReader(path).pages[0].extract_text().splitlines()
    [line] = [ln for ln in lines if f"{town}," in ln]
    assert line.rstrip().endswith(f"{town}, 22 November 2026")
