"""Commands about the store and the application: ``gui``, ``info``, ``demo``, ``backup``,
``restore``, ``check``, ``screenshots`` and ``settings``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from klinik import __version__, paths
from klinik.cli.common import open_store, save
from klinik.cli.output import EXIT_KNOWN, EXIT_OK, CliInputError, print_json
from klinik.domain.formatting import shown


def cmd_gui(args: argparse.Namespace) -> int:
    from klinik.ui.app import run_app

    return run_app(lang=args.lang)


def cmd_info(args: argparse.Namespace) -> int:
    from klinik.db.engine import head_revision
    from klinik.services.stats import store_counts

    store = open_store()
    with store.session() as db:
        counts = store_counts(db=db)
    info = {
        "version": __version__,
        "data_dir": str(paths.data_dir()),
        "database": store.url,
        "schema": head_revision(),
        "counts": counts,
        "storage_warning": paths.storage_warning(),
    }
    if args.json:
        print_json(info)
    else:
        print(f"Klinik {__version__}")
        print(f"Folder data : {info['data_dir']}")
        print(f"Basis data  : {info['database']}")
        print(f"Skema       : {info['schema']}")
        for key, value in counts.items():
            print(f"  {key:<12} {value}")
        warning = paths.storage_warning()
        if warning:
            print(f"Peringatan: {warning}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from klinik.demo import generate_demo

    store = open_store()
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r  {done}/{total} klien", end="", file=sys.stderr, flush=True)

    counts = generate_demo(store, clients=args.clients, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    seconds = time.perf_counter() - start
    from klinik.domain.formatting import format_decimal, format_number
    from klinik.domain.labels import TABLE_LABELS

    print(f"Data contoh dibuat dalam {format_decimal(seconds)} detik:")
    labels = {key: TABLE_LABELS.get(key, key) for key in counts}
    width = max(len(label) for label in labels.values())
    for key, value in counts.items():
        print(f"  {labels[key]:<{width}}  {format_number(value):>7}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from klinik.db.backup import make_backup, shrink_note

    open_store().close()  # opening creates or upgrades the store first
    made = make_backup(target=args.to, accept_smaller=args.accept_smaller)
    print(made)
    note = shrink_note(made)
    if note:
        print(note, file=sys.stderr)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from klinik.db.backup import list_backups, restore_backup
    from klinik.db.engine import known_revisions

    if not args.file:
        backups = list_backups()
        if not backups:
            print("Belum ada cadangan.")
        for b in backups:
            print(f"{b.taken_at:%Y-%m-%d %H:%M}  {b.clients} klien, {b.cases} kasus, "
                  f"{b.sessions} sesi  {b.path}")  # fmt: skip
        return EXIT_OK
    aside = restore_backup(args.file, known_revisions=known_revisions())
    print(f"Dipulihkan dari {args.file}. Basis data sebelumnya disimpan di {aside}.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from klinik.db.backup import check_file

    report = check_file(paths.database_path())
    print(f"Basis data : {paths.database_path()}")
    print(f"Integritas : {report.integrity}")
    print(f"Foreign key: {report.foreign_key_problems} masalah")
    print(f"Skema      : {report.schema or '-'}")
    for message in report.messages:
        print(message)
    if report.ok:
        print("Semua baik.")
        return EXIT_OK
    from klinik.db.backup import newest_good_backup
    from klinik.db.engine import known_revisions

    good = newest_good_backup(known_revisions())
    if good is None:
        print("Ada masalah, dan tidak ada cadangan yang baik. Jangan menulis ke basis data ini; "
              "salin folder data untuk diperiksa ahli.")  # fmt: skip
    else:
        print(f"Ada masalah. Cadangan baik terbaru: {good.taken_at:%d/%m/%Y %H:%M} "
              f"({good.clients} klien, {good.cases} kasus, {good.sessions} sesi).")  # fmt: skip
        print(f'Pulihkan dengan: klinik restore "{good.path}"')
    return EXIT_KNOWN


def cmd_screenshots(args: argparse.Namespace) -> int:

    from klinik.ui.screenshots import take_screenshots

    for path in take_screenshots(Path(args.out), lang=args.lang or "id", clients=args.clients):
        print(path)
    return EXIT_OK


def _setting_text(value: Any) -> str:
    """A setting's value as it is typed back: lists joined with ";", yes/no as ya/tidak."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def cmd_settings(args: argparse.Namespace) -> int:
    from klinik.services.settings import get_settings, set_settings

    def show(current: dict[str, Any]) -> None:
        if args.json:
            print_json(current)
            return None
        for key, value in current.items():
            print(f"{key:<22} {_setting_text(value)}".rstrip())
        return None

    if not args.assignments:
        with open_store().session() as db:
            current = get_settings(db=db)
        show(current)
        return EXIT_OK
    values = {}
    for item in args.assignments:
        key, sep, value = item.partition("=")
        if not sep:
            raise CliInputError(f"Tulis pengaturan sebagai KUNCI=NILAI, bukan {shown(item)}.")
        values[key.strip()] = value
    return save(lambda db: set_settings(db=db, **values), show)
