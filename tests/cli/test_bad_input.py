"""Bad input on the command line: a field error and exit 2, never a traceback, nothing written.

The table is ``tests/cli/bad_inputs.py`` (229 rows, also runnable as a script that counts the
outcomes for any checkout). Here every row runs through ``klinik.cli.main`` on a copy of one
small store, and the store is compared before and after.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klinik import paths
from klinik.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _load_table():
    """The table module beside this file (tests/ is no package; pytest imports by path)."""
    import importlib.util

    name = "klinik_tests_bad_inputs"
    if name not in sys.modules:
        path = Path(__file__).with_name("bad_inputs.py")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the class is built
        spec.loader.exec_module(module)
    return sys.modules[name]


_table = _load_table()
BAD, GOOD, Row = _table.BAD, _table.GOOD, _table.Row
argv_of, run_row, snapshot, verdict, world = (
    _table.argv_of, _table.run_row, _table.snapshot, _table.verdict, _table.world
)  # fmt: skip

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("KLINIK_TEST_DATABASE_URL")),
    reason="compares the SQLite file before and after; the store is on a server in this run",
)

# Rows that still fail, with the reason; strict, so a fix shows up as a failure to update.
KNOWN: dict[str, str] = {}  # rows still wrong, with why (none left)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The store each row starts from (built once): consultant, client, case, session, referral."""
    folder = tmp_path_factory.mktemp("template") / "data"
    paths.set_data_dir(folder)
    try:
        world(main)
    finally:
        paths.set_data_dir(None)
    return folder


@pytest.fixture
def fresh(template, data_dir) -> Path:
    shutil.copytree(template, data_dir)
    return data_dir


@pytest.mark.parametrize("row", BAD, ids=[r.id for r in BAD])
def test_bad_input_is_refused_with_its_reason_and_nothing_is_written(
    row: Row, fresh, tmp_path, request
):
    if row.id in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[row.id], strict=True))
    before = snapshot(fresh)
    outcome = run_row(main, row, tmp_path)
    assert "Traceback" not in outcome.err
    assert outcome.code == row.code, outcome.err
    assert row.says in outcome.err, outcome.err
    assert outcome.out == ""
    assert snapshot(fresh) == before
    assert verdict(row, outcome, changed=False) == "correct"


@pytest.mark.parametrize("row", GOOD, ids=[r.id for r in GOOD])
def test_good_input_is_taken(row: Row, fresh, tmp_path):
    outcome = run_row(main, row, tmp_path)
    assert outcome.code == 0, outcome.err
    assert row.says in outcome.out


def test_the_table_has_the_issues_229_inputs_and_covers_every_add_command():
    assert len(BAD) == 229
    assert len({r.id for r in BAD}) == len(BAD)
    added = {r.argv[1] for r in BAD if r.argv[0] == "add"}
    assert added == {
        "client", "case", "session", "referral", "consultant", "size", "licence", "outcome"
    }  # fmt: skip


# --- what the values became ------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def query(data_dir: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(data_dir / "klinik.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def test_values_beginning_with_a_dash_are_values(capsys, fresh):
    code, out, err = run(
        capsys, "add", "session", "--case", "1", "--recommendations", "-2+3", "--summary",
        "-x", "--next-steps", "- foto produk",
    )  # fmt: skip
    assert code == 0, err
    row = query(fresh, f"SELECT recommendations, summary, next_steps FROM mentoring_session "
                       f"WHERE id = {int(out)}")  # fmt: skip
    assert row == [("-2+3", "-x", "- foto produk")]
    code, out, _ = run(capsys, "list", "cases", "--sort", "-last_activity", "--json")
    assert code == 0 and "Fasilitasi SPP-IRT" in out
    # A mistyped long option is still an error, and --help still helps.
    code, _, err = run(capsys, "list", "cases", "--sortt", "title")
    assert code == 2 and "argumen tidak dikenal: --sortt" in err
    assert run(capsys, "list", "cases", "-h")[0] == 0


def test_minutes_keep_their_decimal_mark_and_money_its_rule(capsys, fresh):
    code, _, err = run(capsys, "add", "session", "--case", "1", "--minutes", "60.5")
    assert code == 2 and "'60.5' memuat pecahan" in err
    code, out, _ = run(capsys, "add", "session", "--case", "1", "--minutes", "60")
    assert query(fresh, f"SELECT minutes FROM mentoring_session WHERE id = {int(out)}") == [(60,)]
    for typed, amount in [("1.500.000", 1_500_000), ("1,5jt", 1_500_000), ("150jt", 150_000_000)]:
        code, out, err = run(
            capsys, "add", "size", "--client", "1", "--date", "2026-06-30", "--omzet", typed
        )
        assert code == 0, err
        assert query(fresh, f"SELECT omzet FROM size_record WHERE id = {int(out)}") == [(amount,)]


def test_the_active_consultant_stays_usable(capsys, fresh):
    code, _, err = run(capsys, "settings", "current_consultant_id=99999")
    assert code == 2 and "Konsultan dengan id 99999 tidak ditemukan" in err
    code, out, err = run(capsys, "add", "case", "--client", "1", "--title", "Setelah pengaturan")
    assert code == 0, err


def test_refusals_say_data_not_saved_only_when_something_was_to_be_saved(capsys, fresh):
    _, _, err = run(capsys, "add", "session", "--case", "1", "--minutes", "60.5")
    assert err.startswith("Data tidak disimpan. Perbaiki isian berikut:")
    _, _, err = run(capsys, "list", "cases", "--status", "junk")
    assert err.startswith("Perbaiki isian berikut:") and "tidak disimpan" not in err
    _, _, err = run(capsys, "show", "case", "404")
    assert err == "Kasus dengan id 404 tidak ditemukan.\n"
    _, _, err = run(capsys, "add", "session", "--case", "404")
    assert err == "Data tidak disimpan: Kasus dengan id 404 tidak ditemukan.\n"


# --- real processes: bytes that are not UTF-8 -----------------------------------------------------


def klinik_process(data_dir: Path, *args: str | bytes) -> subprocess.CompletedProcess:
    env = {**os.environ, "KLINIK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "klinik", *args], capture_output=True, env=env, timeout=120
    )


def test_invalid_utf8_arguments_are_field_errors_in_a_real_process(fresh):
    result = klinik_process(fresh, "add", "client", "--business-name", b"Toko \xff\xfe Ani")
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    assert "Nama usaha memuat byte yang bukan teks UTF-8" in err
    assert query(fresh, "SELECT count(*) FROM client") == [(1,)]
    result = klinik_process(fresh, "show", "client", b"\xff")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    result = klinik_process(fresh, "settings", b"clinic_name=Klinik \xff")
    assert result.returncode == 2 and b"Nama klinik memuat byte" in result.stderr
    # Also where nothing is saved: the option is named, and no list pretends "no match".
    result = klinik_process(fresh, "list", "clients", "--search", b"\xff")
    assert result.returncode == 2 and result.stdout == b""
    assert b"Perbaiki isian berikut:\n  - Pencarian memuat byte" in result.stderr


# --- an id is printed only after the commit ----------------------------------------------------


def _full_disk(monkeypatch) -> None:
    """Every commit fails as SQLite fails on a full disk."""
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    def commit(self):
        orig = sqlite3.OperationalError("database or disk is full")
        orig.sqlite_errorcode = 13  # SQLITE_FULL
        raise OperationalError("COMMIT", {}, orig)

    monkeypatch.setattr(Session, "commit", commit)


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "client", "--business-name", "Keripik Kelakai"],
        ["add", "consultant", "--name", "Dewi"],
        ["add", "case", "--client", "1", "--title", "KUR"],
        ["add", "session", "--case", "1", "--minutes", "45"],
        ["add", "referral", "--case", "1", "--agency", "DINKES-PKY", "--purpose", "halal"],
        ["add", "size", "--client", "1", "--date", "2026-06-30", "--omzet", "90jt"],
        ["add", "licence", "--client", "1", "--kind", "nib"],
        ["add", "outcome", "--case", "1", "--date", "2026-06-30", "--kind", "omzet",
         "--amount", "200jt"],
        ["status", "case", "1", "ditunda"],
        ["archive", "client", "1"],
        ["consent", "give", "1", "--purposes", "rujukan", "--method", "lisan"],
        ["settings", "clinic_name=Klinik Bisnis Kalteng"],
    ],
    ids=lambda argv: " ".join(argv[:2]),
)  # fmt: skip
def test_a_failed_commit_prints_no_id_and_keeps_nothing(capsys, fresh, monkeypatch, argv):
    before = snapshot(fresh)
    _full_disk(monkeypatch)
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""  # no id, no "saved": nothing was
    assert "Disk penuh" in err and "Traceback" not in err
    assert snapshot(fresh) == before


def test_letter_number_is_announced_only_after_the_commit(capsys, fresh, monkeypatch, tmp_path):
    run(capsys, "consent", "give", "1", "--purposes", "rujukan", "--method", "lisan")
    _full_disk(monkeypatch)
    code, out, err = run(capsys, "letter", "1", "--issue", "--out", str(tmp_path / "s.pdf"))
    assert code == 1 and "diterbitkan" not in err
    assert query(fresh, "SELECT count(*) FROM issued_letter") == [(0,)]


# --- a bug is logged, not spilled -------------------------------------------------------------


def test_a_bug_is_one_line_for_the_user_and_a_traceback_in_the_log(capsys, fresh, monkeypatch):
    from klinik.services import clients

    def broken(**_fields):
        raise RuntimeError("kaboom in create_client")

    monkeypatch.setattr(clients, "create_client", broken)
    code, out, err = run(capsys, "add", "client", "--business-name", "Toko Baru")
    assert code == 70
    assert out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "kesalahan internal (RuntimeError)" in err
    log = Path(re.search(r"tercatat di (.+klinik\.log)", err)[1])
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "kaboom in create_client" in text


# --- arbitrary input to every add command ------------------------------------------------------

# Required options with good values; the generated ones are added after (later wins).
ADD_COMMANDS: dict[str, tuple[list[str], list[str]]] = {
    "client": (["--business-name", "Toko Uji"], [
        "--business-name", "--owner-name", "--nik", "--gender", "--phone", "--whatsapp",
        "--email", "--address", "--kabupaten", "--kecamatan", "--kelurahan", "--sector",
        "--kbli", "--products", "--legal-form", "--year-started", "--registered-on", "--nib",
        "--npwp", "--association", "--notes"]),
    "case": (["--client", "1", "--title", "Kasus uji"], [
        "--client", "--title", "--goal", "--areas", "--consultant", "--opened-on"]),
    "session": (["--case", "1"], [
        "--case", "--date", "--minutes", "--prep-minutes", "--mode", "--areas", "--consultant",
        "--summary", "--recommendations", "--next-steps", "--next-session", "--follow-up"]),
    "referral": (["--case", "1", "--agency", "DINKES-PKY", "--purpose", "spp_irt"], [
        "--case", "--agency", "--purpose", "--note"]),
    "consultant": (["--name", "Konsultan uji"], [
        "--name", "--initials", "--title", "--phone", "--email"]),
    "size": (["--client", "1", "--date", "2026-06-30"], [
        "--client", "--date", "--omzet", "--modal", "--assets", "--workers-male",
        "--workers-female"]),
    "licence": (["--client", "1", "--kind", "spp_irt"], [
        "--client", "--kind", "--number", "--status", "--issued-on", "--expires-on"]),
    "outcome": (["--case", "1", "--kind", "omzet", "--date", "2026-06-30"], [
        "--case", "--kind", "--date", "--amount", "--amount-requested", "--institution",
        "--scheme", "--channel", "--licence-kind", "--jobs", "--note"]),
}  # fmt: skip

# Every code point, lone surrogates (undecodable bytes) and NUL included.
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
VALUES = st.one_of(
    st.text(ANY_CHAR, max_size=30),
    st.text(ANY_CHAR, max_size=5).map(lambda s: "-" + s),
    st.integers(-(2**70), 2**70).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(["1.5", "1,500", "1.500 jt", "²", "٣", "9" * 5000, "x" * 100_000, "\x00",
                     "", " ", "-", "--", "@", "1,5jt", "2026-02-30", "31/12/2099", "aktif"]),
)  # fmt: skip


def _options(command: str):
    _, names = ADD_COMMANDS[command]
    return st.lists(st.tuples(st.sampled_from(names), VALUES), max_size=6)


@pytest.mark.parametrize("command", list(ADD_COMMANDS))
def test_any_input_to_an_add_command_is_taken_or_refused_never_a_traceback(capsys, fresh, command):
    base, _ = ADD_COMMANDS[command]

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(options=_options(command))
    def check(options):
        argv = ["add", command, *base]
        for name, value in options:
            argv += [name, value]
        before = snapshot(fresh)
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 2), (argv, err)
        assert "Traceback" not in err
        if code == 2:
            assert out == ""
            assert snapshot(fresh) == before, argv
        else:
            assert out.strip().isdigit()

    check()


def test_argv_of_decodes_bytes_like_python_does(tmp_path):
    row = Row(("add", "client", "--business-name", b"A\xff"), "x")
    assert argv_of(row, tmp_path)[-1] == "A\udcff"
