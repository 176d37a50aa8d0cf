"""Commands that move lists in and out: ``export`` and ``import``."""

from __future__ import annotations

import argparse
import sys

from klinik.cli.common import check_period, open_store
from klinik.cli.output import EXIT_OK, CliInputError


def cmd_export(args: argparse.Namespace) -> int:
    from klinik.exchange import export

    check_period(args)
    dates = {
        "clients": ("registered_from", "registered_to"),
        "cases": ("opened_from", "opened_to"),
        "sessions": ("held_from", "held_to"),
    }[args.what]
    given = {
        "search": args.search,
        "status": args.status,
        "consultant_id": args.consultant,
        "kabupaten": args.kabupaten,
        "area": args.area,
        dates[0]: args.date_from,
        dates[1]: args.date_to,
    }
    allowed = set(export.filter_names(args.what))
    unusable = [k for k, v in given.items() if v is not None and k not in allowed]
    if unusable:
        raise CliInputError(f"Filter {', '.join(unusable)} tidak berlaku untuk {args.what}.")
    filters = {k: v for k, v in given.items() if v is not None}
    columns = [c.strip() for c in args.columns.split(",") if c.strip()] if args.columns else None
    if args.delimiter is not None and args.format != "csv" and not args.save_preset:
        raise CliInputError("--delimiter hanya berlaku untuk --format csv.")
    delimiter = args.delimiter
    if args.preset:
        if columns:
            raise CliInputError("Pakai --columns atau --preset, tidak keduanya.")
        columns = export.load_preset(args.what, args.preset)
        if delimiter is None:
            delimiter = export.preset_delimiter(args.what, args.preset)
    if args.save_preset:
        if not columns:
            raise CliInputError("--save-preset perlu --columns.")
        export.save_preset(args.what, args.save_preset, columns, delimiter=args.delimiter)
    if delimiter is None:  # neither given nor kept with the preset: the language's
        delimiter = export.default_delimiter(args.lang)
    summary = export.export_rows(
        store=open_store(),
        kind=args.what,
        format=args.format,
        out=args.out,
        filters=filters,
        sort=args.sort,
        columns=columns,
        with_personal_data=args.with_personal_data,
        actor="baris perintah",
        delimiter=delimiter,
    )
    print(f"{summary.rows} baris ditulis ke {summary.path}")
    if summary.note:
        print(summary.note)
    if summary.warning:  # the file is written as asked; the warning is for the reader
        print(f"Peringatan: {summary.warning}", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from klinik.exchange import importer

    store = open_store()
    if args.undo:
        result = importer.undo_last_import(store=store)
        print(importer.summary_text(result) if result else "Tidak ada impor yang bisa dibatalkan.")
        return EXIT_OK
    if not args.file:
        raise CliInputError("Sebutkan berkas yang diimpor (FILE), atau --undo.")
    try:
        overrides = importer.parse_mapping_overrides(args.map)
        plan = importer.plan_import(
            store=store, path=args.file, mapping=args.mapping, overrides=overrides
        )
        if args.dry_run:
            print(importer.summary_text(plan))
            print(importer.columns_text(plan))
            return EXIT_OK
        # Possible duplicates are skipped unless the user says otherwise, row by row.
        decisions = {row: "merge" for row in args.merge}
        decisions.update({row: "create" for row in args.create})
        result = importer.run_import(
            store=store, plan=plan, decisions=decisions, actor="baris perintah"
        )
    except importer.ImportInputError as exc:  # the user's own words: bad input
        raise CliInputError(str(exc)) from exc
    print(importer.summary_text(result))
    return EXIT_OK
