"""`klinik screenshots` renders every view offscreen and finishes on its own."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def test_screenshots_command_renders_every_area_at_1366x768(tmp_path):
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KLINIK_DATA_DIR": str(tmp_path / "d")}
    result = subprocess.run(
        [sys.executable, "-m", "klinik", "screenshots", "--out", str(out), "--clients", "30"],
        capture_output=True, text=True, timeout=240, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-1000:]
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == sorted(
        f"{n}.png"
        for n in ("beranda", "klien", "kasus", "sesi", "rujukan", "laporan", "form-sesi",
                  "form-klien-galat", "form-persetujuan", "riwayat")
    )  # fmt: skip
    image = QImage(str(out / "kasus.png"))
    assert (image.width(), image.height()) == (1366, 768)
