"""Commands on the records themselves: ``list``, ``show``, ``add``, ``status``, ``archive``
and ``unarchive``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from klinik.cli.common import (
    check_period,
    current_consultant,
    free_text,
    given_fields,
    kabupaten_arg,
    new_id,
    open_store,
    save,
)
from klinik.cli.output import (
    EXIT_OK,
    model_json,
    print_json,
    print_readable,
    print_table,
    readable,
)
from klinik.domain.followups import split_line
from klinik.domain.vocab import CaseStatus, ReferralStatus, SessionMode

# Each list's columns: field, heading, and for a stored code the vocabulary whose label is
# shown in its place.
_LIST_COLUMNS: dict[str, list[tuple[Any, ...]]] = {
    "clients": [
        ("id", "ID"),
        ("business_name", "Nama usaha"),
        ("owner_name", "Pemilik"),
        ("kabupaten", "Kabupaten/kota"),
        ("products", "Produk"),
        ("registered_on", "Terdaftar"),
    ],
    "cases": [
        ("id", "ID"),
        ("title", "Judul"),
        ("business_name", "Klien"),
        ("status", "Status", CaseStatus),
        ("consultant", "Konsultan"),
        ("last_activity_on", "Aktivitas"),
    ],
    "sessions": [
        ("id", "ID"),
        ("held_on", "Tanggal"),
        ("business_name", "Klien"),
        ("case_title", "Kasus"),
        ("mode", "Cara", SessionMode),
        ("minutes", "Menit"),
    ],
    "referrals": [
        ("id", "ID"),
        ("business_name", "Klien"),
        ("agency", "Instansi"),
        ("purpose_label", "Keperluan"),
        ("status", "Status", ReferralStatus),
        ("letter_number", "Nomor surat"),
    ],
    "consultants": [("id", "ID"), ("name", "Nama"), ("initials", "Inisial"), ("title", "Jabatan")],
    "agencies": [("id", "ID"), ("code", "Kode"), ("name", "Nama"), ("town", "Kota")],
    "follow-ups": [
        ("id", "ID"),
        ("due_on", "Tenggat"),
        ("business_name", "Klien"),
        ("description", "Tindak lanjut"),
        ("done_on", "Selesai"),
    ],
    "kabupaten": [("code", "Kode"), ("name", "Nama"), ("capital", "Ibu kota")],
}


def _archived_filter(args: argparse.Namespace) -> bool | None:
    if args.all:
        return None
    return bool(args.archived)


def cmd_list(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients, consultants, referrals, sessions
    from klinik.services.common import row_to_json

    check_period(args)
    store = open_store()
    limit = args.limit
    with store.session() as db:
        kabupaten = kabupaten_arg(db, args.kabupaten) if args.kabupaten else None
        common = {"sort": args.sort, "limit": limit}
        if args.what == "clients":
            page = clients.list_clients(
                db=db,
                search=args.search,
                kabupaten=kabupaten,
                archived=_archived_filter(args),
                registered_from=args.date_from,
                registered_to=args.date_to,
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "cases":
            page = cases.list_cases(
                db=db,
                search=args.search,
                status=args.status,
                consultant_id=args.consultant,
                client_id=args.client,
                kabupaten=kabupaten,
                area=args.area,
                opened_from=args.date_from,
                opened_to=args.date_to,
                archived=_archived_filter(args),
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "sessions":
            page = sessions.list_sessions(
                db=db,
                search=args.search,
                case_id=args.case,
                client_id=args.client,
                consultant_id=args.consultant,
                kabupaten=kabupaten,
                area=args.area,
                held_from=args.date_from,
                held_to=args.date_to,
                **common,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "referrals":
            page = referrals.list_referrals(
                db=db, search=args.search, status=args.status, case_id=args.case, **common
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "follow-ups":
            page = sessions.list_follow_ups(
                db=db,
                case_id=args.case,
                consultant_id=args.consultant,
                open_only=not args.all,
                due_by=args.date_to,
                limit=limit,
            )
            rows = [row_to_json(r) for r in page.rows]
        elif args.what == "consultants":
            rows = [model_json(c) for c in consultants.list_consultants(db=db)][:limit]
        elif args.what == "agencies":
            rows = [model_json(a) for a in referrals.list_agencies(db=db, active_only=False)]
            rows = rows[:limit]
        else:
            rows = [model_json(k) for k in clients.list_kabupaten(db=db)][:limit]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, _LIST_COLUMNS[args.what])
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients

    store = open_store()
    with store.session() as db:
        if args.what == "client":
            rec = clients.client_record(db=db, client_id=args.id)
            data = _client_json(rec) if args.json else _client_readable(rec)
        else:
            det = cases.case_detail(db=db, case_id=args.id)
            data = _case_json(det) if args.json else _case_readable(det)
    if args.json:
        print_json(data)
    else:
        print_readable(data)
    return EXIT_OK


def _client_json(rec: Any) -> dict[str, Any]:
    return {
        "client": model_json(rec.client),
        "kabupaten": rec.kabupaten,
        "naik_kelas": rec.naik_kelas,
        "size_history": [
            {**_plain(r), "size_class": r.size_class.value if r.size_class else None}
            for r in rec.size_history
        ],
        "licences": [model_json(lic) for lic in rec.licences],
        "cases": [model_json(c) for c in rec.cases],
    }


def _client_readable(rec: Any) -> dict[str, Any]:
    from klinik.domain.vocab import CaseStatus, LicenceKind, LicenceStatus

    profile = readable(rec.client, skip={"kabupaten_code"})
    if rec.kabupaten:
        profile["Kabupaten/kota"] = rec.kabupaten
    return {
        "Klien": profile,
        "Naik kelas": "ya" if rec.naik_kelas else "tidak",
        "Riwayat data usaha": [readable(r) for r in rec.size_history],
        "Izin": [
            readable(lic, vocabs={"kind": LicenceKind, "status": LicenceStatus}, skip={"client_id"})
            for lic in rec.licences
        ],
        "Kasus": [
            readable(c, vocabs={"status": CaseStatus}, skip={"client_id", "consultant_id"})
            for c in rec.cases
        ],
    }


def _case_json(det: Any) -> dict[str, Any]:
    return {
        "case": model_json(det.case),
        "client": {"id": det.client.id, "business_name": det.client.business_name},
        "consultant": det.consultant.name if det.consultant else None,
        "areas": det.areas,
        "total_minutes": det.total_minutes,
        "sessions": [model_json(s) for s in det.sessions],
        "follow_ups": [model_json(f) for f in det.follow_ups],
        "referrals": [model_json(r) for r in det.referrals],
        "outcomes": [model_json(o) for o in det.outcomes],
        "status_changes": [model_json(s) for s in det.status_changes],
    }


def _case_readable(det: Any) -> dict[str, Any]:
    from klinik.domain.formatting import format_hours, format_list
    from klinik.domain.vocab import Area, CaseStatus, LicenceKind, OutcomeKind, ReferralStatus

    case = readable(det.case, vocabs={"status": CaseStatus}, skip={"client_id", "consultant_id"})
    case["Klien"] = f"{det.client.business_name} (ID {det.client.id})"
    if det.consultant:
        case["Konsultan"] = det.consultant.name
    if det.areas:
        case["Bidang"] = format_list([Area.label_of(a) for a in det.areas])
    case["Lama pendampingan"] = f"{format_hours(det.total_minutes)} jam"
    ids = {"case_id", "session_id", "client_id", "consultant_id", "agency_id", "referral_id"}
    return {
        "Kasus": case,
        "Sesi": [readable(s, skip=ids) for s in det.sessions],
        "Tindak lanjut": [readable(f, skip=ids) for f in det.follow_ups],
        "Rujukan": [
            readable(r, vocabs={"status": ReferralStatus}, skip=ids) for r in det.referrals
        ],
        "Hasil": [
            readable(o, vocabs={"kind": OutcomeKind, "licence_kind": LicenceKind}, skip=ids)
            for o in det.outcomes
        ],
        "Riwayat status": [
            readable(s, vocabs={"from_status": CaseStatus, "to_status": CaseStatus}, skip=ids)
            for s in det.status_changes
        ],
    }


def _plain(row: Any) -> dict[str, Any]:
    from klinik.services.common import row_to_json

    return row_to_json(row)


def cmd_add_client(args: argparse.Namespace) -> int:
    from klinik.services.clients import create_client

    names = [
        "business_name",
        "owner_name",
        "nik",
        "gender",
        "phone",
        "whatsapp",
        "email",
        "address",
        "kabupaten_code",
        "kecamatan",
        "kelurahan",
        "sector",
        "kbli",
        "products",
        "legal_form",
        "year_started",
        "registered_on",
        "nib",
        "npwp",
        "association",
        "notes",
    ]
    fields = given_fields(args, names)
    return save(lambda db: create_client(db=db, **fields), new_id)


def cmd_add_case(args: argparse.Namespace) -> int:
    from klinik.services.cases import open_case

    names = ["client_id", "title", "goal", "areas", "consultant_id", "opened_on"]
    fields = given_fields(args, names)

    def work(db):
        if "consultant_id" not in fields:
            current = current_consultant(db)
            if current is not None:
                fields["consultant_id"] = current
        return open_case(db=db, **fields)

    return save(work, new_id)


def _parse_follow_up(text: str, index: int) -> dict[str, Any]:
    """'what@date' split as the window splits it; the service checks both parts."""
    description, due = split_line(text) or ("", "")
    return {"description": description, "due_on": due or None}


def cmd_add_session(args: argparse.Namespace) -> int:
    from klinik.services.sessions import log_session

    names = [
        "held_on",
        "minutes",
        "prep_minutes",
        "mode",
        "areas",
        "consultant_id",
        "summary",
        "recommendations",
        "next_steps",
        "next_session_on",
    ]
    follow_ups = [_parse_follow_up(t, i) for i, t in enumerate(args.follow_up)]
    fields = given_fields(args, names)

    def work(db):
        if "consultant_id" not in fields:
            current = current_consultant(db)
            if current is not None:
                fields["consultant_id"] = current
        return log_session(db=db, case_id=args.case_id, follow_ups=follow_ups, **fields)

    return save(work, new_id)


def cmd_add_referral(args: argparse.Namespace) -> int:
    from klinik.db.models import Agency
    from klinik.services.referrals import create_referral

    def work(db):
        referral = create_referral(
            db=db,
            case_id=args.case_id,
            agency_id=args.agency_id,
            purpose=args.purpose,
            note=args.note,
        )
        agency = db.get(Agency, referral.agency_id)
        return referral.id, f"{agency.name} ({agency.code})", agency.to_verify

    def say(result) -> str:
        referral_id, agency, to_verify = result
        if args.agency_id is None:  # the id stays the only line on stdout, for scripts
            print(f"Instansi yang dituju (saran): {agency}", file=sys.stderr)
            if to_verify:
                print(
                    "  Nama instansi ini belum diperiksa; cocokkan dengan kop suratnya "
                    "(klinik list agencies) sebelum surat diterbitkan.",
                    file=sys.stderr,
                )
        return str(referral_id)

    return save(work, say)


def cmd_add_consultant(args: argparse.Namespace) -> int:
    from klinik.services.consultants import create_consultant

    fields = given_fields(args, ["name", "initials", "title", "phone", "email"])
    return save(lambda db: create_consultant(db=db, **fields), new_id)


def cmd_add_size(args: argparse.Namespace) -> int:
    from klinik.services.clients import add_size_record

    names = [
        "recorded_on",
        "omzet",
        "modal",
        "total_assets",
        "workers_permanent_male",
        "workers_permanent_female",
    ]
    fields = given_fields(args, names)
    return save(lambda db: add_size_record(db=db, client_id=args.client_id, **fields), new_id)


def cmd_add_licence(args: argparse.Namespace) -> int:
    from klinik.services.clients import add_licence

    names = ["kind", "number", "status", "issued_on", "expires_on"]
    fields = given_fields(args, names)
    return save(lambda db: add_licence(db=db, client_id=args.client_id, **fields), new_id)


def cmd_add_outcome(args: argparse.Namespace) -> int:
    from klinik.services.outcomes import record_outcome

    names = [
        "kind",
        "occurred_on",
        "amount",
        "amount_requested",
        "institution",
        "scheme",
        "channel",
        "licence_kind",
        "jobs",
        "note",
    ]
    fields = given_fields(args, names)
    return save(lambda db: record_outcome(db=db, case_id=args.case_id, **fields), new_id)


def cmd_status(args: argparse.Namespace) -> int:
    from klinik.services.cases import change_case_status
    from klinik.services.referrals import change_referral_status

    given = free_text(reason=args.reason, outcome=args.outcome)
    if args.what == "case":
        return save(
            lambda db: change_case_status(
                db=db,
                case_id=args.id,
                status=args.status,
                reason=given["reason"],
                consultant_id=current_consultant(db),
            ),
            lambda case: f"Kasus {case.id}: {CaseStatus.label_of(case.status)}",
        )

    def said(ref) -> str:
        extra = f" ({ref.letter_number})" if ref.letter_number else ""
        return f"Rujukan {ref.id}: {ReferralStatus.label_of(ref.status)}{extra}"

    return save(
        lambda db: change_referral_status(
            db=db, referral_id=args.id, status=args.status, outcome=given["outcome"]
        ),
        said,
    )


def cmd_archive(args: argparse.Namespace) -> int:
    from klinik.services import cases, clients

    actions: dict[tuple[str, bool], Callable[..., Any]] = {
        ("client", False): lambda db: clients.archive_client(db=db, client_id=args.id),
        ("client", True): lambda db: clients.restore_client(db=db, client_id=args.id),
        ("case", False): lambda db: cases.archive_case(db=db, case_id=args.id),
        ("case", True): lambda db: cases.restore_case(db=db, case_id=args.id),
    }
    word = "dipulihkan" if args.restore else "diarsipkan"
    what = "Klien" if args.what == "client" else "Kasus"
    return save(actions[(args.what, args.restore)], lambda record: f"{what} {record.id} {word}.")
