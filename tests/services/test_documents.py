"""The read models (services/readmodels.py) and the one path every document takes
(services/documents.py): fetch → build → write → audit."""

from __future__ import annotations

import io
import json
from datetime import date

from pypdf import PdfReader

from klinik.reports.summary import case_summary_pdf
from klinik.services import (
    cases,
    clients,
    consultants,
    documents,
    outcomes,
    privacy,
    readmodels,
    referrals,
    sessions,
)
from klinik.services.audit import list_events
from klinik.services.settings import get_settings

PRINTED = date(2025, 3, 10)


def flat(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def world(db):
    rina = consultants.create_consultant(db=db, name="Rina Marlina", title="Konsultan")
    agus = consultants.create_consultant(db=db, name="Agus Salim")
    client = clients.create_client(
        db=db, business_name="Amplang Bu Sari", owner_name="Sari", kabupaten_code="6271"
    )
    privacy.record_consent(
        db=db, client_id=client.id, given_on="2024-01-02", method="tertulis",
        purposes=["pendampingan", "rujukan"],
    )  # fmt: skip
    first = cases.open_case(
        db=db, client_id=client.id, title="Perizinan", consultant_id=rina.id,
        opened_on="2024-01-10",
    )  # fmt: skip
    second = cases.open_case(
        db=db, client_id=client.id, title="Pemasaran", consultant_id=agus.id,
        opened_on="2024-06-01",
    )  # fmt: skip
    sessions.log_session(
        db=db, case_id=first.id, held_on="2024-02-03", minutes=60, areas=["kelembagaan"],
        consultant_id=agus.id,
    )  # fmt: skip
    sessions.log_session(db=db, case_id=first.id, held_on="2025-02-01", minutes=30)
    sessions.log_session(db=db, case_id=first.id, held_on="2025-04-01", minutes=45)
    referrals.create_referral(db=db, case_id=first.id, agency_id="DINKES-PKY", purpose="spp_irt")
    outcomes.record_outcome(
        db=db, client_id=client.id, kind="market", channel="marketplace",
        occurred_on="2024-09-01",
    )  # fmt: skip
    return client, first, second, rina, agus


def printed(db):
    return [(e.action, e.entity, e.record_id) for e in list_events(db=db, action="print")]


def test_a_case_timeline_splits_held_and_planned_and_names_what_it_refers_to(db):
    client, first, _, _, agus = world(db)
    timeline = readmodels.case_timeline(db=db, case_id=first.id, today=PRINTED)
    assert [s.minutes for s in timeline.held] == [60, 30]
    assert [s.minutes for s in timeline.planned] == [45]
    assert timeline.held_minutes == 90
    assert timeline.consultants[agus.id].name == "Agus Salim"
    assert list(timeline.purposes) == ["spp_irt"]
    assert [a.code for a in timeline.agencies.values()] == ["DINKES-PKY"]
    assert ["kelembagaan"] in timeline.areas.values()


def test_a_client_summary_orders_cases_keeps_loose_outcomes_and_signs_by_the_newest(db):
    client, first, second, _, agus = world(db)
    summary = readmodels.client_summary(db=db, client_id=client.id, today=PRINTED)
    assert [c.detail.case.id for c in summary.cases] == [first.id, second.id]
    assert [o.kind for o in summary.loose_outcomes] == ["market"]
    assert summary.signer.id == agus.id
    profile = summary.profile
    assert profile.client.business_name == "Amplang Bu Sari"
    assert [c.kind for c in profile.checks][:2] == ["nib", "spp_irt"]


def test_the_builder_needs_no_database_and_documents_record_the_print_once(db):
    client, first, _, _, _ = world(db)
    profile = readmodels.client_profile(db=db, client_id=client.id)
    timeline = readmodels.case_timeline(db=db, case_id=first.id, today=PRINTED)
    settings = get_settings(db=db)
    pure = case_summary_pdf(profile, timeline, settings=settings, printed_on=PRINTED)
    assert printed(db) == []  # building alone records nothing
    via_service = documents.case_summary(db=db, case_id=first.id, printed_on=PRINTED)
    assert via_service == pure
    assert printed(db) == [("print", "summary", first.id)]
    assert documents.case_summary(db=db, case_id=first.id, printed_on=PRINTED) == pure
    text = flat(pure)
    assert "Sesi terlaksana 2 sesi" in text and "oleh Agus Salim" in text


def test_the_client_summary_and_the_period_report_are_recorded_as_they_were(db):
    client, *_ = world(db)
    pdf = documents.client_summary(db=db, client_id=client.id, printed_on=PRINTED)
    assert "Seluruh pendampingan: 2 kasus" in flat(pdf)
    documents.period_report(
        db=db, date_from=date(2024, 1, 1), date_to=date(2024, 12, 31), printed_on=PRINTED
    )
    assert printed(db) == [("print", "summary", None), ("print", "report", None)]
    (report,) = [e for e in list_events(db=db, action="print") if e.entity == "report"]
    assert report.detail == {"from": "2024-01-01", "to": "2024-12-31", "kabupaten": None}


def test_a_blank_consent_form_is_not_recorded_a_filled_one_is(db):
    client, *_ = world(db)
    assert "FORMULIR PERSETUJUAN" in flat(documents.consent_form(db=db))
    assert printed(db) == []
    filled = documents.consent_form(db=db, client_id=client.id)
    assert "Amplang Bu Sari" in flat(filled)
    assert printed(db) == [("print", "consent_form", client.id)]
    assert documents.consent_form(db=db, client_id=client.id) == filled


def test_the_access_copy_writes_both_files_and_records_that_data_left(db, tmp_path):
    client, *_ = world(db)
    json_path, pdf_path = documents.access_copy(db=db, client_id=client.id, folder=tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["client"]["business_name"] == "Amplang Bu Sari"
    # the same read model as the PDF (the history since holds this copy's own row too)
    again = json.loads(json.dumps(readmodels.client_data(db=db, client_id=client.id), default=str))
    assert {k: v for k, v in data.items() if k not in ("created", "processing_history")} == {
        k: v for k, v in again.items() if k not in ("created", "processing_history")
    }
    assert (
        again["processing_history"][: len(data["processing_history"])] == data["processing_history"]
    )
    assert "SALINAN DATA PRIBADI" in flat(pdf_path.read_bytes())
    (event,) = list_events(db=db, action="access")
    assert (event.entity, event.record_id, event.leaves_machine) == ("client", client.id, True)
