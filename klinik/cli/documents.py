"""Commands that write a document: ``letter`` (a referral letter or a mentoring
certificate), ``summary`` and ``report``."""

from __future__ import annotations

import argparse
import sys

from klinik.cli.common import check_period, kabupaten_arg, open_store
from klinik.cli.output import EXIT_OK, CliInputError, write_pdf


def cmd_letter(args: argparse.Namespace) -> int:
    from klinik.services import letters, referrals

    if (args.referral_id is None) == (args.certificate is None):
        raise CliInputError(
            "Sebutkan satu: REFERRAL_ID (surat rujukan) atau --certificate CLIENT_ID (surat "
            "keterangan pendampingan)."
        )
    if args.certificate is not None:
        return _certificate(args)
    if args.to:
        raise CliInputError("--to hanya untuk surat keterangan (--certificate CLIENT_ID).")
    issued = None
    with open_store().session() as db:
        referral = referrals.get_referral(db=db, referral_id=args.referral_id)
        if args.issue and referral.status == "draft":
            issued = letters.issue_referral_letter(db=db, referral_id=referral.id, on=args.on)
        data, draft = letters.letter_pdf(db=db, referral_id=referral.id)
    if issued is not None:  # only now: the number is committed
        print(f"Surat {issued.number} diterbitkan.", file=sys.stderr)
    if draft:
        print(
            "Surat ini belum diterbitkan: PDF ini pratinjau DRAF tanpa nomor. "
            "Tambahkan --issue untuk memberi nomor surat.",
            file=sys.stderr,
        )
    write_pdf(args.out, data)
    return EXIT_OK


def _certificate(args: argparse.Namespace) -> int:
    from klinik.services import certificates

    with open_store().session() as db:
        letter = certificates.issue_certificate(
            db=db, client_id=args.certificate, on=args.on, agency_id=args.to
        )
        data = certificates.certificate_pdf(db=db, letter_id=letter.id)
        number = letter.number
    print(f"Surat keterangan {number} diterbitkan.", file=sys.stderr)  # after the commit
    write_pdf(args.out, data)
    return EXIT_OK


def cmd_summary(args: argparse.Namespace) -> int:
    from klinik.services.cases import get_case
    from klinik.services.clients import get_client
    from klinik.services.documents import case_summary, client_summary

    if (args.case_id is None) == (args.client_id is None):
        raise CliInputError("Sebutkan satu: CASE_ID atau --client CLIENT_ID.")
    with open_store().session() as db:
        if args.client_id is not None:
            client = get_client(db=db, client_id=args.client_id)
            data = client_summary(db=db, client_id=client.id)
        else:
            case = get_case(db=db, case_id=args.case_id)
            data = case_summary(db=db, case_id=case.id)
    write_pdf(args.out, data)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from klinik.services.documents import period_report

    check_period(args)
    with open_store().session() as db:
        kabupaten = kabupaten_arg(db, args.kabupaten) if args.kabupaten else None
        if args.consultant is not None:
            from klinik.services.consultants import get_consultant

            get_consultant(db=db, consultant_id=args.consultant)
        data = period_report(
            db=db,
            date_from=args.date_from,
            date_to=args.date_to,
            consultant_id=args.consultant,
            kabupaten=kabupaten,
        )
    write_pdf(args.out, data)
    return EXIT_OK
