"""Commands of personal data protection (UU PDP): ``consent``, ``access``, ``erase`` and
``audit``."""

from __future__ import annotations

import argparse
from datetime import date

from klinik.cli.common import check_period, current_consultant, open_store, save
from klinik.cli.output import EXIT_OK, CliInputError, print_json, print_table, write_pdf
from klinik.services import documents


def cmd_consent_show(args: argparse.Namespace) -> int:
    from klinik.services import privacy
    from klinik.services.clients import get_client
    from klinik.services.consultants import list_consultants

    with open_store().session() as db:
        client = get_client(db=db, client_id=args.client_id)
        current = privacy.current_consent(db=db, client_id=client.id)
        history = privacy.consent_history(db=db, client_id=client.id)
        names = {c.id: c.name for c in list_consultants(db=db)}
    rows = [
        {
            "id": c.id,
            "given_on": c.given_on,
            "method": c.method,
            "purposes": [p.value for p, f in privacy.PURPOSE_FIELDS.items() if getattr(c, f)],
            "text_version": c.text_version,
            "recorded_by": names.get(c.recorded_by_id),
            "withdrawn_on": c.withdrawn_on,
        }
        for c in history
    ]
    if args.json:
        print_json({"client_id": client.id, "in_force": current.id if current else None,
                     "records": rows})  # fmt: skip
        return EXIT_OK
    print(f"{client.business_name}: {privacy.describe_consent(current)}")
    if rows:
        print()
        print_table(
            rows,
            [("given_on", "Tanggal"), ("method", "Cara"), ("purposes", "Keperluan"),
             ("text_version", "Versi"), ("recorded_by", "Dicatat oleh"),
             ("withdrawn_on", "Ditarik")],
        )  # fmt: skip
    return EXIT_OK


def cmd_consent_give(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    return save(
        lambda db: privacy.record_consent(
            db=db,
            client_id=args.client_id,
            given_on=args.given_on or date.today(),
            method=args.method,
            purposes=[p.strip() for p in args.purposes.split(",") if p.strip()],
            note=args.note,
            recorded_by_id=current_consultant(db),
        ),
        lambda consent: f"Persetujuan dicatat: {privacy.describe_consent(consent)}.",
    )


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from klinik.services import privacy

    return save(
        lambda db: privacy.withdraw_consent(
            db=db,
            client_id=args.client_id,
            withdrawn_on=args.withdrawn_on,
            withdrawn_by_id=current_consultant(db),
            note=args.note,
        ),
        lambda consent: (
            f"Persetujuan ditarik per {consent.withdrawn_on:%d-%m-%Y}: tidak ada lagi surat "
            "rujukan atau ekspor data pribadi untuk klien ini."
        ),
    )


def cmd_consent_form(args: argparse.Namespace) -> int:

    with open_store().session() as db:
        data = documents.consent_form(db=db, client_id=args.client_id)
    write_pdf(args.out, data)
    return EXIT_OK


def cmd_access(args: argparse.Namespace) -> int:

    with open_store().session() as db:
        json_path, pdf_path = documents.access_copy(
            db=db, client_id=args.client_id, folder=args.out
        )
    print(json_path)
    print(pdf_path)
    return EXIT_OK


def cmd_erase(args: argparse.Namespace) -> int:
    from klinik.services import privacy
    from klinik.services.clients import get_client

    store = open_store()
    with store.session() as db:
        client = get_client(db=db, client_id=args.client_id)
        name = client.business_name
        if not args.yes:
            raise CliInputError(
                f"Ini menghapus data pribadi {name} (nama, NIK, telepon, alamat, catatan, isi "
                "surat) untuk selamanya; jumlah sesi dan data usaha tetap untuk laporan. "
                "Ulangi dengan --yes bila pemiliknya memang meminta."
            )
    result = privacy.erase_and_purge(store=store, client_id=client.id)
    store.close()
    if result.finished_earlier:
        print(
            f"Penghapusan data pribadi klien #{result.client_id} diselesaikan: berkas basis "
            "data sudah ditulis ulang, sisa datanya tidak ada lagi di dalamnya."
        )
        return EXIT_OK
    print(
        f"Data pribadi {name} dihapus dari {result.records} catatan; klien kini "
        f"'Klien terhapus #{result.client_id}'. Cadangan yang lebih lama dari masa simpan "
        "akan terhapus dengan sendirinya."
    )
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from klinik.services import audit

    check_period(args)
    with open_store().session() as db:
        events = audit.list_events(
            db=db,
            date_from=args.date_from,
            date_to=args.date_to,
            leaves_machine_only=not args.all,
            client_id=args.client_id,
        )
    rows = [
        {
            "at": e.at.astimezone().strftime("%Y-%m-%d %H:%M"),
            "by": e.consultant or "",
            "action": e.action,
            "action_label": e.action_label,
            "what": e.what(),
            "client_id": e.client_id,
            "fields": e.fields_text(),
            "personal": e.personal,
            "left": e.leaves_machine,
            "detail": e.detail,
        }
        for e in events
    ]
    if args.json:
        print_json(rows)
        return EXIT_OK
    scope = "semua kejadian" if args.all else "data yang keluar dari laptop"
    period = f"{args.date_from or 'awal'} s.d. {args.date_to or 'hari ini'}"
    print(f"Jejak audit, {scope}, {period}: {len(rows)} kejadian")
    print_table(
        rows,
        [("at", "Waktu"), ("by", "Oleh"), ("action_label", "Tindakan"), ("what", "Data"),
         ("client_id", "Klien"), ("fields", "Kolom")],
    )  # fmt: skip
    return EXIT_OK
