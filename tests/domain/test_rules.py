"""Rules written once in the domain: planned sessions, follow-up lines, vocabulary labels."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from klinik.db.models import MentoringSession
from klinik.domain.followups import parse_lines, split_line
from klinik.domain.sessions import is_held, is_planned
from klinik.domain.vocab import ReferralStatus, SessionMode
from klinik.errors import InvalidValue

DAY = date(2026, 12, 1)


def test_a_session_after_the_day_is_planned_and_on_the_day_held():
    assert is_planned(date(2026, 12, 2), DAY) and not is_held(date(2026, 12, 2), DAY)
    assert is_held(DAY, DAY) and not is_planned(DAY, DAY)


def test_the_same_rule_is_a_sql_condition():
    sql = str(select(MentoringSession.id).where(is_held(MentoringSession.held_on, DAY)))
    assert "held_on <=" in sql
    sql = str(select(MentoringSession.id).where(is_planned(MentoringSession.held_on, DAY)))
    assert "held_on >" in sql


def test_follow_up_lines_split_at_the_last_at_sign_and_read_the_date():
    text = "- Foto produk @ 5/12/2026\n\n• Kirim email ke kontak@toko.id@2026-12-10\nDaftar OSS"
    items = parse_lines(text, today=DAY)
    assert [(i["description"], i["due_on"]) for i in items] == [
        ("Foto produk", date(2026, 12, 5)),
        ("Kirim email ke kontak@toko.id", date(2026, 12, 10)),
        ("Daftar OSS", None),
    ]
    assert split_line("Daftar OSS@") == ("Daftar OSS", "") and split_line("  ") is None


def test_a_bad_follow_up_line_names_its_line():
    with pytest.raises(InvalidValue, match="^Baris 2: "):
        parse_lines("Foto produk\n@2026-12-05")
    with pytest.raises(InvalidValue, match="^Baris 1: "):
        parse_lines("Foto produk @ 31/02/2026")


def test_a_vocabulary_value_shows_its_label_in_the_language():
    assert SessionMode.label_of("di_klinik") == "Di klinik"
    assert ReferralStatus.label_of("sent", "en") == "Sent"
    assert ReferralStatus.label_of(None, blank="-") == "-"
    assert ReferralStatus.label_of("typed by hand") == "typed by hand"
