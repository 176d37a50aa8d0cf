"""Indonesian by default, English on request; every window text can be translated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from klinik import paths
from klinik.ui.app import install_language

UI = Path(__file__).resolve().parents[2] / "klinik" / "ui"
TS = paths.resources_dir() / "i18n" / "klinik_en.ts"


def _ts_sources() -> dict[str, str]:
    tree = ET.parse(TS)
    return {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}


def test_every_tr_text_in_the_code_has_a_finished_english_translation():
    sources = _ts_sources()
    found = set()
    pattern = re.compile(r"""\b(?:tr|QT_TR_NOOP)\((["'])((?:(?!\1)[^\\]|\\.)*)\1\)""")
    for path in UI.rglob("*.py"):
        if path.name == "i18n.py":
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(2).encode().decode("unicode_escape").encode("latin-1").decode())
    assert len(found) > 150
    missing = sorted(text for text in found if not sources.get(text))
    assert missing == []


def test_the_compiled_translation_ships_beside_its_source():
    assert TS.with_suffix(".qm").exists()
    assert TS.with_suffix(".qm").stat().st_mtime >= TS.stat().st_mtime - 1


def test_switching_to_english_changes_the_labels(qtbot, ctx, qapp):
    from klinik.ui.main_window import MainWindow

    install_language(qapp, "en")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Home", "Clients", "Cases", "Sessions", "Referrals", "Reports"]
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.clients.search.placeholderText().startswith("Search")
    install_language(qapp, "id")
    window_id = MainWindow(ctx)
    qtbot.addWidget(window_id)
    assert window_id.nav.item(0).text() == "Beranda"


def test_dates_and_money_follow_the_language(qapp):
    from datetime import date

    from klinik.ui.fmt import fmt_date, fmt_money

    install_language(qapp, "en")
    assert fmt_date(date(2021, 5, 20)) == "20 May 2021"
    assert fmt_money(1500000) == "Rp1,500,000"
    install_language(qapp, "id")
    assert fmt_date(date(2021, 5, 20)) == "20 Mei 2021"
    assert fmt_money(1500000) == "Rp1.500.000"
