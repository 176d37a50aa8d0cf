"""Surat Keterangan Pendampingan: a numbered statement that a business has been mentored by
the clinic (since when, how many sessions and hours, which areas, the licences and outcomes
reached). Banks accept it in place of six months of trading for KUR Super Mikro, and
agencies ask for it.

It is a letter of its own kind (``IssuedLetter.kind == "keterangan"``), numbered from the
same register as referral letters, frozen when issued and printed again identically, and it
carries the owner's identity: the same consent rule as a referral letter applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from klinik.db.models import (
    Agency,
    Case,
    Client,
    IssuedLetter,
    Kabupaten,
    Licence,
    MentoringSession,
    Outcome,
    SessionArea,
)
from klinik.domain.formatting import (
    format_date,
    format_hours,
    format_list,
    format_rupiah,
    split_list,
)
from klinik.domain.identifiers import format_phone
from klinik.domain.sessions import is_held
from klinik.domain.vocab import (
    Area,
    Channel,
    ConsentPurpose,
    FinancingScheme,
    LicenceKind,
    LicenceStatus,
    OutcomeKind,
)
from klinik.errors import FieldError, Refusal, ValidationError
from klinik.lazy import lazy_function
from klinik.services.consent import require_consent
from klinik.services.letters import (
    LETTER_FIELDS,
    address_of,
    keep_content,
    letter_path,
    letterhead_of,
    print_issued,
    record_letter_print,
    remember_unshown,
)
from klinik.services.referrals import get_agency, issue_letter_number
from klinik.services.settings import get_settings, require_letterhead

# reportlab only when a PDF is made
write_atomic = lazy_function("klinik.reports.base", "write_atomic")
build_certificate_pdf = lazy_function("klinik.reports.letters", "build_certificate_pdf")

KIND = "keterangan"
TITLE = "Surat Keterangan Pendampingan"


@dataclass(frozen=True)
class MentoringFacts:
    """What the statement says about the mentoring, counted up to its date."""

    since: date
    sessions: int
    minutes: int
    areas: list[str]  # Area values, in the vocabulary's order
    achievements: list[tuple[date, str]]  # (date, what was reached), oldest first

    @property
    def hours_text(self) -> str:
        return format_hours(self.minutes)


def _area_word(area: Area) -> str:
    """'produksi', 'SDM', 'IT': a label is lower case inside a sentence unless an acronym."""
    label = area.label_id
    return label if label.isupper() else label[0].lower() + label[1:]


def mentoring_facts(*, db: Session, client_id: int, on: date) -> MentoringFacts:
    """The client's held sessions (dated on or before ``on``) across all cases, their areas,
    and what was reached from the first session on: outcomes, and licences issued then."""
    held = db.exec(
        select(MentoringSession.id, MentoringSession.held_on, MentoringSession.minutes)
        .join(Case, Case.id == MentoringSession.case_id)
        .where(Case.client_id == client_id, is_held(MentoringSession.held_on, on))
    ).all()
    if not held:
        raise Refusal(
            "Belum ada sesi pendampingan yang tercatat untuk klien ini sampai tanggal surat; "
            "surat keterangan pendampingan baru bisa diterbitkan setelah sesi pertama dicatat."
        )
    since = min(row.held_on for row in held)
    ids = [row.id for row in held]
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        found.update(
            db.exec(
                select(SessionArea.area).where(SessionArea.session_id.in_(ids[i : i + 500]))
            ).all()
        )
    areas = [a.value for a in Area if a.value in found]
    return MentoringFacts(
        since=since,
        sessions=len(held),
        minutes=sum(row.minutes for row in held),
        areas=areas,
        achievements=_achievements(db, client_id, since, on),
    )


def _achievements(db: Session, client_id: int, since: date, on: date) -> list[tuple[date, str]]:
    outcomes = db.exec(
        select(Outcome)
        .where(Outcome.client_id == client_id, Outcome.occurred_on >= since)
        .where(Outcome.occurred_on <= on)
        .order_by(Outcome.occurred_on, Outcome.id)
    ).all()
    licences = db.exec(
        select(Licence).where(
            Licence.client_id == client_id,
            Licence.status == LicenceStatus.OBTAINED.value,
            Licence.issued_on.is_not(None),
            Licence.issued_on >= since,
            Licence.issued_on <= on,
        )
    ).all()
    numbers = {lic.kind: lic.number for lic in licences if lic.number}
    out: list[tuple[date, str]] = []
    said_licences: set[str] = set()
    for o in outcomes:
        if o.kind == OutcomeKind.LICENCE.value:
            kind = o.licence_kind or LicenceKind.OTHER.value
            said_licences.add(kind)
            text = f"Memperoleh {LicenceKind.label_of(kind)}"
            if numbers.get(kind):
                text += f" nomor {numbers[kind]}"
        elif o.kind == OutcomeKind.FINANCING.value:
            text = "Memperoleh pembiayaan"
            if o.scheme:
                text += f" {FinancingScheme.label_of(o.scheme)}"
            if o.amount:
                text += f" sebesar {format_rupiah(o.amount)}"
            if o.institution:
                text += f" dari {o.institution}"
        elif o.kind == OutcomeKind.MARKET.value:
            where = [w for w in (o.institution, o.channel and Channel.label_of(o.channel)) if w]
            text = "Memperoleh akses pasar" + (f" ({', '.join(where)})" if where else "")
        elif o.kind == OutcomeKind.OMZET.value:
            text = "Omzet usaha tercatat"
            if o.amount:
                text += f" sebesar {format_rupiah(o.amount)} per tahun"
        elif o.kind == OutcomeKind.JOBS.value:
            text = f"Menambah {o.jobs} tenaga kerja" if o.jobs else "Menambah tenaga kerja"
        else:
            text = OutcomeKind.label_of(o.kind)
        out.append((o.occurred_on, text))
    for lic in licences:
        if lic.kind not in said_licences:
            text = f"Memperoleh {LicenceKind.label_of(lic.kind)}"
            if lic.number:
                text += f" nomor {lic.number}"
            out.append((lic.issued_on, text))
            said_licences.add(lic.kind)
    return sorted(out, key=lambda item: item[0])


def certificate_content(
    *, db: Session, client_id: int, number: str, on: date, agency_id: int | None = None
) -> dict[str, Any]:
    """Everything the statement says, as plain data (what is frozen when it is issued)."""
    settings = get_settings(db=db)
    client = db.get(Client, client_id)
    kabupaten = db.get(Kabupaten, client.kabupaten_code) if client.kabupaten_code else None
    agency = db.get(Agency, agency_id) if agency_id is not None else None
    facts = mentoring_facts(db=db, client_id=client_id, on=on)
    clinic = settings["clinic_name"]
    identity = [
        ("Nama pemilik", client.owner_name),
        ("NIK", client.nik or ""),
        ("Nama usaha", client.business_name),
        ("NIB", client.nib or "(belum ada)"),
        ("Produk", format_list(split_list(client.products))),
        ("Alamat usaha", address_of(client, kabupaten)),
        ("No. HP", format_phone(client.phone) if client.phone else ""),
    ]
    areas = format_list([_area_word(Area(a)) for a in facts.areas])
    mentored = (
        f"adalah pelaku usaha yang didampingi oleh {clinic} sejak {format_date(facts.since)} "
        f"sampai dengan tanggal surat ini, dalam {facts.sessions} sesi pendampingan "
        f"dengan jumlah waktu {facts.hours_text} jam"
        + (f", pada bidang {areas}." if areas else ".")
    )
    if facts.achievements:
        reached = "Selama pendampingan, pelaku usaha tersebut telah mencapai:"
    else:
        reached = "Selama pendampingan belum tercatat izin usaha atau capaian lain."
    use = (
        f"Surat keterangan ini dibuat untuk melengkapi permohonan kepada {agency.name}."
        if agency is not None
        else ""
    )
    return {
        "kind": KIND,
        "number": number,
        "date": on.isoformat(),
        "place": settings.get("clinic_town") or "",
        "subject": TITLE,
        "title": TITLE.upper(),
        "opening": "Yang bertanda tangan di bawah ini:",
        "signer_table": [
            ("Nama", settings.get("signer_name") or ""),
            ("Jabatan", settings.get("signer_title") or ""),
            ("Instansi", clinic),
        ],
        "statement": "dengan ini menerangkan bahwa:",
        "identity": identity,
        "mentored": mentored,
        "reached": reached,
        "achievements": [[d.isoformat(), text] for d, text in facts.achievements],
        "use": use,
        "closing": "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat "
        "dipergunakan sebagaimana mestinya.",
        "addressee": agency.name if agency is not None else "",
        "signer_title": settings.get("signer_title") or "",
        "signer_name": settings.get("signer_name") or "",
        "signer_rank": settings.get("signer_rank") or "",
        "signer_id": settings.get("signer_id") or "",
        "paper": settings.get("letter_paper") or "A4",
        "letterhead": letterhead_of(settings),
        "client": client.business_name,
        "facts": {
            "since": facts.since.isoformat(),
            "sessions": facts.sessions,
            "minutes": facts.minutes,
            "areas": facts.areas,
        },
    }


def _client(db: Session, client_id: int | str) -> Client:
    from klinik.services.clients import get_client

    client = get_client(db=db, client_id=client_id)
    if client.erased_at is not None:
        raise Refusal(
            "Data pribadi klien ini sudah dihapus atas permintaan pemiliknya; surat keterangan "
            "tidak bisa dibuat."
        )
    return client


def issue_certificate(
    *,
    db: Session,
    client_id: int | str,
    on: date | None = None,
    agency_id: int | str | None = None,
) -> IssuedLetter:
    """Number, freeze, render and keep the client's Surat Keterangan Pendampingan, in the
    caller's transaction. Refused without a complete letterhead, without the owner's consent
    to referral (the statement carries the NIK), and without a held session."""
    client = _client(db, client_id)
    on = on or date.today()
    if on > date.today():
        raise ValidationError(FieldError("on", "Tanggal surat tidak boleh di masa depan."))
    agency = None
    if agency_id not in (None, ""):
        agency = get_agency(db=db, agency_id=agency_id)
    require_letterhead(db=db)
    require_consent(db=db, client_id=client.id, purpose=ConsentPurpose.REFERRAL)
    mentoring_facts(db=db, client_id=client.id, on=on)  # refuses before a number
    letter = issue_letter_number(db=db, on=on)
    content = certificate_content(
        db=db, client_id=client.id, number=letter.number, on=on,
        agency_id=agency.id if agency is not None else None,
    )  # fmt: skip
    pdf = build_certificate_pdf(content)
    letter.kind = KIND
    letter.client_id = client.id
    keep_content(letter, content, pdf, kind="Keterangan")
    db.add(letter)
    db.flush()
    record_letter_print(db, letter, client.id, issued=True, fields=CERTIFICATE_FIELDS)
    write_atomic(letter_path(letter), pdf, create_folder=True)
    remember_unshown(db, letter)
    return letter


# The client's fields a statement carries (audit names only): a letter's, no case data.
CERTIFICATE_FIELDS = LETTER_FIELDS


def list_certificates(*, db: Session, client_id: int | str) -> list[IssuedLetter]:
    return list(
        db.exec(
            select(IssuedLetter)
            .where(IssuedLetter.kind == KIND, IssuedLetter.client_id == int(client_id))
            .order_by(IssuedLetter.issued_on.desc(), IssuedLetter.id.desc())
        )
    )


def certificate_pdf(*, db: Session, letter_id: int | str) -> bytes:
    """An issued statement as PDF bytes, from its file or its frozen content; recorded."""
    from klinik.services.common import get_or_fail

    letter = get_or_fail(db, IssuedLetter, letter_id, "Surat")
    if letter.kind != KIND:
        raise Refusal(f"Surat {letter.number} bukan surat keterangan pendampingan.")
    _client(db, letter.client_id)
    return print_issued(db, letter, letter.client_id, fields=CERTIFICATE_FIELDS)
