"""A second start of Klinik on the same data brings the first window forward."""

from __future__ import annotations

import os
import subprocess
import sys

from klinik.ui.single_instance import InstanceServer, ask_running_instance, server_name


def test_a_second_start_knocks_and_the_first_comes_forward(qtbot, tmp_path):
    name = server_name(f"sqlite:///{tmp_path}/klinik.sqlite3")
    assert not ask_running_instance(name)
    first = InstanceServer(name)
    with qtbot.waitSignal(first.show_requested, timeout=3000):
        assert ask_running_instance(name)
    first.server.close()


def test_the_klinik_command_exits_when_another_window_has_the_store(qtbot, tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KLINIK_DATA_DIR": str(data)}
    from klinik import paths

    paths.set_data_dir(data)
    try:
        first = InstanceServer(server_name())
    finally:
        paths.set_data_dir(None)
    knocks = []
    first.show_requested.connect(lambda: knocks.append(1))
    second = subprocess.Popen(
        [sys.executable, "-m", "klinik"], env=env, stdout=subprocess.PIPE, text=True
    )
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60000)
    assert second.returncode == 0
    assert "sudah terbuka" in second.stdout.read()
    qtbot.waitUntil(lambda: bool(knocks), timeout=3000)
    assert not (data / "klinik.sqlite3").exists()  # the second start never opened the store
    first.server.close()
