"""services/reporting.py on its own: the figures a period report prints, from a small store
whose every number is worked out beside it (the full counting rules: tests/reports/test_period).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import literal, select

from klinik.domain.sizeclass import SizeClass, size_class
from klinik.errors import InvalidValue, NotFound
from klinik.services import cases, clients, consultants, outcomes, sessions
from klinik.services.period_scope import class_rank_sql
from klinik.services.reporting import (
    NO_AREA,
    PeriodReport,
    period_figures,
    period_report_data,
)

START, END = date(2025, 4, 1), date(2025, 6, 30)
TODAY = date(2025, 6, 15)  # the session on 20 June is planned


@pytest.fixture
def store_q2(db):
    """Two consultants, three clients; Q2 2025: 4 sessions held (60 + 90 + 30 + 45 = 225
    minutes), one planned, one before the period."""
    rina = consultants.create_consultant(db=db, name="Rina Marlina")
    agus = consultants.create_consultant(db=db, name="Agus Salim")
    amplang = clients.create_client(
        db=db, business_name="Amplang Rahmat", kabupaten_code="6202",
        registered_on=date(2025, 1, 5),
    )  # fmt: skip
    madu = clients.create_client(
        db=db, business_name="Madu Kelulut", kabupaten_code="6271",
        registered_on=date(2025, 4, 10),
    )  # fmt: skip
    clients.create_client(
        db=db,
        business_name="Rotan Katingan",
        kabupaten_code="6206",
        registered_on=date(2025, 5, 2),
    )  # fmt: skip  (new in the period, never mentored)
    c1 = cases.open_case(
        db=db, client_id=amplang.id, title="Pemasaran", consultant_id=rina.id,
        opened_on=date(2025, 1, 5),
    )  # fmt: skip
    c2 = cases.open_case(
        db=db, client_id=madu.id, title="KUR", consultant_id=agus.id,
        opened_on=date(2025, 4, 10),
    )  # fmt: skip

    def log(case, on, minutes, areas, **extra):
        sessions.log_session(
            db=db, case_id=case.id, held_on=on, minutes=minutes, areas=areas, **extra
        )

    log(c1, date(2025, 3, 20), 120, ["pemasaran"])  # before the period
    log(c1, date(2025, 4, 15), 60, ["pemasaran", "produksi"])
    log(c1, date(2025, 5, 15), 90, ["pemasaran"], mode="telepon")
    log(c2, date(2025, 4, 20), 30, [])
    log(c2, date(2025, 6, 1), 45, ["pembiayaan"])
    log(c2, date(2025, 6, 20), 60, ["pembiayaan"])  # planned
    outcomes.record_outcome(
        db=db, case_id=c2.id, kind="financing", occurred_on=date(2025, 6, 2),
        scheme="kur", institution="Bank Kalteng", amount=40_000_000,
        amount_requested=50_000_000,
    )  # fmt: skip
    clients.add_size_record(
        db=db, client_id=amplang.id, recorded_on=date(2025, 1, 5), omzet=250_000_000
    )
    clients.add_size_record(
        db=db, client_id=amplang.id, recorded_on=date(2025, 6, 10), omzet=2_500_000_000
    )
    return {"rina": rina, "agus": agus}


def figures(db, **kwargs):
    return period_figures(db=db, date_from=START, date_to=END, today=TODAY, **kwargs)


def test_the_headline_counts_what_was_held_and_keeps_the_planned_apart(db, store_q2):
    f = figures(db)
    assert (f.sessions, f.minutes, f.hours) == (4, 225, 3.75)
    assert f.planned_sessions == 1
    assert f.held_to == TODAY
    assert f.clients_assisted == 2
    assert f.new_clients == 2  # Madu Kelulut and Rotan Katingan registered in Q2


def test_a_session_counts_in_each_of_its_areas_and_one_without_has_its_own_row(db, store_q2):
    f = figures(db)
    assert f.hours_by_area() == {"pemasaran": 2.5, "produksi": 1.0, "pembiayaan": 0.75, None: 0.5}
    assert [r.label for r in f.by_area if r.key is None] == [NO_AREA]
    by_mode = {r.key: (r.sessions, r.minutes) for r in f.by_mode if r.sessions}
    assert by_mode == {"di_klinik": (3, 135), "telepon": (1, 90)}  # di_klinik: the default
    by_kab = {r.label: (r.clients, r.sessions) for r in f.by_kabupaten}
    assert by_kab == {"Kotawaringin Timur": (1, 2), "Kota Palangka Raya": (1, 2)}


def test_financing_and_naik_kelas_are_read_back(db, store_q2):
    f = figures(db)
    assert (f.financing_count, f.financing_approved, f.financing_requested) == (
        1, 40_000_000, 50_000_000,
    )  # fmt: skip
    assert [(r.label, r.approved) for r in f.financing_by_institution] == [
        ("Bank Kalteng", 40_000_000)
    ]
    assert f.naik_kelas_count == 1
    (row,) = f.naik_kelas
    assert (row.business_name, row.before, row.after) == (
        "Amplang Rahmat", SizeClass.MIKRO, SizeClass.KECIL,
    )  # fmt: skip
    assert f.licences() == {} and f.licences_total == 0


def test_filters_by_consultant_and_by_kabupaten_name(db, store_q2):
    rina = figures(db, consultant_id=store_q2["rina"].id)
    assert (rina.sessions, rina.minutes, rina.financing_count) == (2, 150, 0)
    palangka = figures(db, kabupaten="Palangka Raya")
    assert palangka.kabupaten == "6271"
    assert (palangka.sessions, palangka.minutes, palangka.planned_sessions) == (2, 75, 1)


def test_an_unknown_filter_or_a_reversed_period_is_an_error_not_zeros(db, store_q2):
    with pytest.raises(InvalidValue, match="tidak dikenal"):
        figures(db, kabupaten="Gotham")
    with pytest.raises(NotFound):
        figures(db, consultant_id=999)
    with pytest.raises(InvalidValue, match="sesudah tanggal awal"):
        period_figures(db=db, date_from=END, date_to=START)


def test_a_period_wholly_ahead_holds_nothing_and_plans_everything(db, store_q2):
    f = period_figures(db=db, date_from=START, date_to=END, today=date(2025, 3, 31))
    assert (f.sessions, f.minutes, f.clients_assisted) == (0, 0, 0)
    assert f.planned_sessions == 5


def test_the_report_data_names_its_filters(db, store_q2):
    every = period_report_data(db=db, date_from=START, date_to=END, today=TODAY)
    assert isinstance(every, PeriodReport)
    assert (every.consultant_name, every.kabupaten_name) == (None, None)
    assert (every.date_from, every.date_to, every.figures.sessions) == (START, END, 4)
    one = period_report_data(
        db=db, date_from=START, date_to=END, today=TODAY,
        consultant_id=store_q2["agus"].id, kabupaten="6271",
    )  # fmt: skip
    assert (one.consultant_name, one.kabupaten_name) == ("Agus Salim", "Kota Palangka Raya")
    assert one.figures.sessions == 2


@pytest.mark.parametrize(
    ("omzet", "modal"),
    [
        (250_000_000, None),
        (2_000_000_000, 1),
        (2_000_000_001, None),
        (None, 5_000_000_000),
        (60_000_000_000, None),
        (None, 1_000_000),
        (None, None),
    ],
)
def test_the_sql_class_rank_agrees_with_the_domain_rule(db, omzet, modal):
    rank = db.execute(select(class_rank_sql(literal(omzet), literal(modal)))).scalar_one()
    expected = size_class(omzet=omzet, modal=modal)
    assert rank == (None if expected is None else list(SizeClass).index(expected))
