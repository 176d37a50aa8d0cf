"""What the klinik command prints for a person shows labels, never internal codes: record
kinds, field names, status codes, Python lists or booleans (``--json`` keeps the codes for
scripts)."""

from __future__ import annotations

import json
import re

import pytest
from sqlmodel import SQLModel

import klinik.db.models  # noqa: F401 (the tables)
from klinik.cli import main
from klinik.domain.labels import FIELD_LABELS

pytestmark = pytest.mark.usefixtures("data_dir")

# snake_case words such as search_text, sent_on, mentoring_session, kabupaten_code
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# Tables whose columns a person edits, so whose names reach the audit's "Kolom" and `show`.
PEOPLES_TABLES = {
    "client", "size_record", "licence", "consent", "client_case", "case_status_change",
    "mentoring_session", "follow_up", "referral", "outcome", "consultant", "agency",
    "issued_letter", "referral_purpose",
}  # fmt: skip
INTERNAL = {"id", "uid", "created_at", "updated_at", "search_text", "superseded_by_id"}


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def demo(capsys):
    code, out = run(capsys, "demo")
    assert code == 0
    return out


def test_demo_counts_records_by_their_names(demo):
    assert "Sesi pendampingan" in demo and "Perubahan status kasus" in demo
    assert not CODE.findall(demo), demo


def test_show_client_is_labelled_in_field_order_without_internal_text(capsys, demo):
    code, out = run(capsys, "show", "client", "1")
    assert code == 0
    assert not CODE.findall(out), CODE.findall(out)
    assert "search" not in out and "uid" not in out
    lines = [line.strip() for line in out.splitlines()]
    names = [line.split(":")[0] for line in lines[1:6]]
    assert names == ["ID", "Nama usaha", "Nama pemilik", "NIK", "Jenis kelamin"]
    assert re.search(r"Tanggal terdaftar: \d{1,2} [A-Z][a-z]+ \d{4}", out)
    assert re.search(r"Omzet per tahun: Rp[\d.]+", out)
    assert "True" not in out and "False" not in out
    code, raw = run(capsys, "show", "client", "1", "--json")
    assert json.loads(raw)["client"]["business_name"]  # scripts keep the field names


def test_show_case_shows_labels_of_statuses_and_fields(capsys, demo):
    code, out = run(capsys, "list", "referrals", "--json")
    case_id = json.loads(out)[0]["case_id"]
    code, out = run(capsys, "show", "case", str(case_id))
    assert code == 0
    assert not CODE.findall(out), CODE.findall(out)
    assert "Rujukan (" in out and "Riwayat status (" in out


def test_lists_and_status_show_labels_not_codes(capsys, demo):
    _, out = run(capsys, "list", "referrals")
    statuses = {line.split("  ")[-1] for line in out.splitlines()}
    assert not re.search(r"\b(sent|draft|answered|done)\b", out), out
    assert "Terkirim" in out or "Draf" in out, statuses
    _, out = run(capsys, "list", "sessions")
    assert "di_klinik" not in out and "kunjungan_lapangan" not in out
    _, out = run(capsys, "list", "referrals", "--json")
    draft = next(r for r in json.loads(out) if r["status"] == "draft")
    _, out = run(capsys, "status", "referral", str(draft["id"]), "sent")
    assert re.match(rf"Rujukan {draft['id']}: Terkirim \(\d{{3}}/", out), out


def test_settings_print_values_as_typed(capsys, demo):
    _, out = run(capsys, "settings")
    assert "['" not in out and "False" not in out and "True" not in out
    assert re.search(r"letter_tembusan +Arsip$", out, re.M)
    assert re.search(r"first_run_done +(ya|tidak)$", out, re.M)


def test_every_column_a_person_edits_has_an_indonesian_name():
    unnamed = [
        f"{table.name}.{column.name}"
        for table in SQLModel.metadata.sorted_tables
        if table.name in PEOPLES_TABLES
        for column in table.columns
        if column.name not in FIELD_LABELS and column.name not in INTERNAL
    ]
    assert not unnamed
