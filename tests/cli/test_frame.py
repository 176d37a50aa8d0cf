"""The klinik command's frame (usage, headings, argparse's errors) speaks the command's
language: Indonesian unless --lang en."""

from __future__ import annotations

import argparse
import inspect

from babel.messages.pofile import read_po

from klinik.cli import main
from klinik.paths import resources_dir

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "error:", "expected")


def test_help_is_indonesian_throughout(capsys):
    assert main(["list", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: klinik list")
    assert "\nopsi:\n" in out and "\nargumen:\n" in out
    assert "tampilkan bantuan ini lalu keluar" in out
    assert not [word for word in ENGLISH if word in out]


def test_version_help_is_indonesian(capsys):
    assert main(["--help"]) == 0
    assert "tampilkan versi Klinik lalu keluar" in capsys.readouterr().out


def test_usage_errors_are_indonesian_and_exit_2(capsys):
    assert main(["list", "clients", "--sort"]) == 2
    err = capsys.readouterr().err
    assert "klinik list: kesalahan: argumen --sort: perlu satu nilai" in err
    assert err.startswith("penggunaan: ")
    assert main(["add", "case"]) == 2
    assert "argumen berikut wajib diisi: --client, --title" in capsys.readouterr().err
    assert main(["list", "pelanggan"]) == 2
    assert "pilihan tidak sah: 'pelanggan'" in capsys.readouterr().err
    assert main(["list", "clients", "--tidak-ada"]) == 2
    assert "argumen tidak dikenal: --tidak-ada" in capsys.readouterr().err


def test_lang_en_keeps_argparse_english(capsys):
    try:
        assert main(["--lang", "en", "list", "clients", "--sort"]) == 2
        err = capsys.readouterr().err
        assert "klinik list: error: argument --sort: expected one argument" in err
    finally:
        main(["--lang", "id", "--version"])  # back to the default for later tests
        capsys.readouterr()


def test_every_translated_string_is_one_argparse_uses():
    source = inspect.getsource(argparse)
    with open(resources_dir() / "i18n" / "argparse_id.po", "rb") as po:
        catalog = read_po(po)
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id]
    assert len(ids) >= 20
    missing = [i for i in ids if repr(i)[1:-1].replace("\\\\", "\\") not in source]
    assert not missing, f"not in this Python's argparse: {missing}"
