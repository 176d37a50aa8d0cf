"""Where Klinik writes: regular files atomically and privately, devices and FIFOs directly,
symbolic links followed, folders refused, missing folders named; a full or read-only disk
gives one clear message naming the folder. Full and read-only disks are real: a small tmpfs
and a read-only bind mount (root only; skipped where mounting is not allowed)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from klinik.errors import KnownError, StoreFull, StoreReadOnly
from klinik.files import atomic_output, write_atomic


@pytest.fixture
def small_disk(small_fs):
    return small_fs("256k")


@pytest.fixture
def read_only_folder(tmp_path, make_read_only):
    """A folder with a file in it, bind-mounted read-only over itself."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "lama.csv").write_bytes(b"lama")
    return make_read_only(folder)


def test_a_written_file_is_private_to_the_user(tmp_path):
    out = write_atomic(tmp_path / "surat.pdf", b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["surat.pdf"]


def test_dev_null_stays_a_device():
    write_atomic("/dev/null", b"isi ekspor")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipa"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"baris 1\nbaris 2\n")
    reader.join(5)
    assert got == [b"baris 1\nbaris 2\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "arsip" / "daftar.csv"
    real.parent.mkdir()
    real.write_bytes(b"lama")
    link = tmp_path / "daftar.csv"
    link.symlink_to(real)
    write_atomic(link, b"baru")
    assert link.is_symlink() and real.read_bytes() == b"baru"


def test_a_symlink_loop_is_a_message(tmp_path):
    loop = tmp_path / "putar.csv"
    loop.symlink_to(loop)
    with pytest.raises(KnownError, match="berputar"):
        write_atomic(loop, b"x")


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(KnownError, match="adalah folder"):
        write_atomic(tmp_path, b"x")


def test_a_missing_folder_is_created_only_when_asked(tmp_path):
    with pytest.raises(KnownError, match="tidak ada"):
        write_atomic(tmp_path / "baru" / "surat.pdf", b"x")
    assert not (tmp_path / "baru").exists()
    out = write_atomic(tmp_path / "baru" / "surat.pdf", b"x", create_folder=True)
    assert out.read_bytes() == b"x"
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "daftar.csv"
    target.write_bytes(b"lama")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_bytes(b"setengah")
        raise RuntimeError("writer failed")
    assert target.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir()] == ["daftar.csv"]


def test_a_full_disk_is_named_and_keeps_the_old_file(small_disk):
    target = small_disk / "daftar.csv"
    target.write_bytes(b"lama")
    with pytest.raises(StoreFull) as caught:
        write_atomic(target, b"x" * 400_000)
    assert "Disk penuh" in str(caught.value) and str(small_disk) in str(caught.value)
    assert "rusak" not in str(caught.value)
    assert target.read_bytes() == b"lama"
    assert [p.name for p in small_disk.iterdir()] == ["daftar.csv"]


def test_a_read_only_folder_is_named(read_only_folder):
    with pytest.raises(StoreReadOnly) as caught:
        write_atomic(read_only_folder / "baru.csv", b"x")
    assert "read-only" in str(caught.value) and str(read_only_folder) in str(caught.value)
    assert (read_only_folder / "lama.csv").read_bytes() == b"lama"
