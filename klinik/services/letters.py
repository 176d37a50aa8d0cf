"""Referral letters: purposes with their templates, issuing a letter, printing it again.

Issuing takes the next letter number, freezes the letter's content (JSON in the issued
letter's row), renders the PDF and keeps it in the data folder's ``letters/``. Printing
again returns that file, or renders the frozen content again (same bytes) if it is gone.

A letter is personal data leaving the laptop (UU PDP), so ``letter_pdf`` and issuing record
it in the audit trail, by field names and record ids only:
- a draft preview: one ``print`` event of the referral (``detail.draft``) per PDF made. When
  the owner has not agreed to referral, the draft shows the NIK and the phone masked and says
  why on the page (``MASKED_NOTICE``); with consent it shows them as the issued letter will.
- issuing: one ``print`` event of the letter (``detail.issued``). The PDF that issuing made
  is handed out by the next ``letter_pdf`` of that letter in the same session (the window and
  ``klinik letter --issue`` show or write it at once): that is the same letter leaving, so it
  is not recorded twice. Every later print is recorded again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from klinik import paths
from klinik.db.audit import record_event
from klinik.db.models import (
    Agency,
    Case,
    Client,
    Consultant,
    IssuedLetter,
    Kabupaten,
    Referral,
    ReferralPurpose,
    utcnow,
)
from klinik.domain.formatting import format_list, split_list
from klinik.domain.identifiers import format_phone, mask_nik, mask_phone
from klinik.domain.letters import PLACEHOLDERS, check_template, fill  # noqa: F401 (re-exported)
from klinik.domain.places import full_address
from klinik.domain.vocab import ConsentPurpose, ReferralStatus
from klinik.errors import FieldError, Refusal, ValidationError
from klinik.lazy import lazy_function
from klinik.services.common import get_or_fail
from klinik.services.consent import consents_to, require_consent
from klinik.services.referrals import get_referral, issue_letter_number
from klinik.services.settings import get_settings, require_letterhead
from klinik.services.validation import Checker

# reportlab only when a PDF is made
safe_filename = lazy_function("klinik.reports.base", "safe_filename")
write_atomic = lazy_function("klinik.reports.base", "write_atomic")
build_letter_pdf = lazy_function("klinik.reports.letters", "build_letter_pdf")
render_letter = lazy_function("klinik.reports.letters", "render_letter")

logger = logging.getLogger(__name__)

# The client's fields a letter carries, as the audit trail names them (never their values).
LETTER_FIELDS = ("business_name", "owner_name", "nik", "nib", "products", "address", "phone")
# What a draft masks when the owner has not agreed to referral, and the line that says so.
MASKED_FIELDS = ("nik", "phone")
MASKED_NOTICE = (
    "Identitas disamarkan: NIK dan nomor HP tidak ditampilkan lengkap karena pemilik belum "
    f"menyetujui keperluan '{ConsentPurpose.REFERRAL.label_id}' (UU PDP). Catat persetujuannya "
    "(Klien, Persetujuan) sebelum surat diterbitkan."
)
# session.info key: letters issued in this session whose PDF has not been handed out yet.
_ISSUED_UNSHOWN = "letters_issued_unshown"


# --- purposes -------------------------------------------------------------------------------


def list_purposes(*, db: Session, active_only: bool = True) -> list[ReferralPurpose]:
    stmt = select(ReferralPurpose).order_by(ReferralPurpose.id)
    if active_only:
        stmt = stmt.where(ReferralPurpose.active.is_(True))
    return list(db.exec(stmt))


def purpose_labels(*, db: Session) -> dict[str, str]:
    return {p.code: p.label for p in list_purposes(db=db, active_only=False)}


def get_purpose(*, db: Session, code: str) -> ReferralPurpose | None:
    return db.exec(select(ReferralPurpose).where(ReferralPurpose.code == code)).first()


def get_purpose_by_id(*, db: Session, purpose_id: int | str) -> ReferralPurpose:
    return get_or_fail(db, ReferralPurpose, purpose_id, "Keperluan rujukan")


def _clean_purpose(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    c = Checker(data)
    out: dict[str, Any] = {}
    if creating:
        code = c.text("code", required=True, max_length=40)
        if code and not re.fullmatch(r"[a-z0-9_]+", code.lower()):
            c.fail("code", "Kode hanya huruf kecil, angka dan garis bawah, misalnya kurasi_2.")
        out["code"] = (code or "").lower()
    for field, limit in (("label", 120), ("subject", 300)):
        if creating or c.has(field):
            out[field] = c.text(field, required=True, max_length=limit)
    if creating or c.has("body"):
        out["body"] = c.text("body", required=True, max_length=20000)
        if out["body"]:
            try:
                check_template(out["body"])
                check_template(out.get("subject") or "")
            except ValidationError as exc:
                c.errors.extend(exc.errors)
    if c.has("default_agency_code"):
        out["default_agency_code"] = (
            c.text("default_agency_code", max_length=40) or ""
        ).upper() or None
    if c.has("active"):
        out["active"] = bool(c.flag("active"))
    c.raise_if_errors()
    return out


def create_purpose(*, db: Session, **fields: Any) -> ReferralPurpose:
    values = _clean_purpose(fields, creating=True)
    if get_purpose(db=db, code=values["code"]) is not None:
        raise ValidationError(FieldError("code", f"Kode {values['code']} sudah ada."))
    purpose = ReferralPurpose(**values)
    db.add(purpose)
    db.flush()
    return purpose


def update_purpose(*, db: Session, purpose_id: int | str, **fields: Any) -> ReferralPurpose:
    purpose = get_or_fail(db, ReferralPurpose, purpose_id, "Keperluan rujukan")
    for key, value in _clean_purpose(fields, creating=False).items():
        setattr(purpose, key, value)
    purpose.updated_at = utcnow()
    db.add(purpose)
    db.flush()
    return purpose


# --- the letter's content ------------------------------------------------------------------


def address_of(client: Client, kabupaten: Kabupaten | None) -> str:
    return full_address(
        client.address, client.kelurahan, client.kecamatan, kabupaten.name if kabupaten else ""
    )


_CLIENT_WORD = re.compile(r"\b([Kk])lien(nya)?\b")


def letter_note(note: str | None) -> str:
    """The consultant's note as the letter says it: "klien" is a word of the clinic's own
    files, so the letter says "pelaku usaha"; one sentence end; blank space folded."""
    text = " ".join((note or "").split())
    if not text:
        return ""

    def word(m: re.Match[str]) -> str:
        said = "pelaku usaha" + ("nya" if m.group(2) else "")
        return said.capitalize() if m.group(1) == "K" else said

    text = _CLIENT_WORD.sub(word, text)
    return text if text.endswith((".", "!", "?", ")")) else text + "."


def _join_note(body: list[Any], note: str) -> None:
    """The note continues the template's last paragraph (the request), as its next sentence;
    a note the paragraph already says word for word is not said twice."""
    for i in range(len(body) - 1, -1, -1):
        if isinstance(body[i], str) and body[i].strip():
            if " ".join(note.lower().split()).rstrip(".") in " ".join(body[i].lower().split()):
                return
            body[i] = f"{body[i].rstrip()} {note}"
            return
    body.append(note)


def letter_content(
    *, db: Session, referral: Referral, number: str, on: date, mask_identity: bool = False
) -> dict[str, Any]:
    """Everything the letter says, as plain data (what gets frozen when it is issued).

    ``mask_identity`` (drafts without consent to referral) masks the NIK and the phone
    wherever the letter shows them and adds ``notice``, the line that says why."""
    settings = get_settings(db=db)
    case = db.get(Case, referral.case_id)
    client = db.get(Client, case.client_id)
    agency = db.get(Agency, referral.agency_id)
    kabupaten = db.get(Kabupaten, client.kabupaten_code) if client.kabupaten_code else None
    consultant = db.get(Consultant, case.consultant_id) if case.consultant_id else None
    purpose = get_purpose(db=db, code=referral.purpose)
    if purpose is None:  # a purpose typed freely: the general template
        purpose = get_purpose(db=db, code="lainnya")
    show_phone = mask_phone if mask_identity else format_phone
    nik = (mask_nik(client.nik) if mask_identity else client.nik) or ""
    phone = show_phone(client.phone) if client.phone else ""
    identity = [
        ("Nama pemilik", client.owner_name),
        ("NIK", nik),
        ("Nama usaha", client.business_name),
        ("NIB", client.nib or "(belum ada)"),
        ("Produk", client.products),
        ("Alamat", address_of(client, kabupaten)),
        ("No. HP", phone),
    ]
    values = {
        "nama_klinik": settings["clinic_name"],
        "nama_pemilik": client.owner_name or client.business_name,
        "nik": nik or "-",
        "nib": client.nib or "(belum ada)",
        "nama_usaha": client.business_name,
        "produk": format_list(split_list(client.products)) or "-",
        "keterangan_nib": (
            "serta telah memiliki Nomor Induk Berusaha (NIB)"
            if client.nib
            else "namun belum memiliki Nomor Induk Berusaha (NIB)"
        ),
        "alamat": address_of(client, kabupaten) or "-",
        "kabupaten": kabupaten.name if kabupaten else "-",
        "no_hp": phone or "-",
        "judul_kasus": case.title,
        "tujuan_kasus": case.goal or "-",
        "instansi": agency.name,
        "catatan": letter_note(referral.note),
    }
    body: list[Any] = []
    template = purpose.body if purpose is not None else "{identitas}\n\n{catatan}"
    for paragraph in re.split(r"\n\s*\n", template):
        if paragraph.strip() == "{identitas}":
            body.append({"identity": identity})
        else:
            body.append(fill(paragraph.strip(), values))
    if values["catatan"] and "{catatan}" not in template:
        _join_note(body, values["catatan"])
    signer_name = settings.get("signer_name") or (consultant.name if consultant else "")
    signer_title = (
        settings.get("signer_title")
        if settings.get("signer_name")
        else (consultant.title if consultant else settings.get("signer_title"))
    )
    content = {
        "number": number,
        "date": on.isoformat(),
        "place": settings.get("clinic_town") or "",
        "sifat": "Biasa",
        "lampiran": "-",
        "subject": fill(purpose.subject if purpose else "Rujukan Pendampingan Usaha", values),
        "addressee_title": agency.addressee_title,
        "agency_name": agency.name,
        "town": agency.town or "",
        "body": body,
        "signer_title": signer_title or "",
        "signer_name": signer_name or "",
        "signer_rank": settings.get("signer_rank") or "" if settings.get("signer_name") else "",
        "signer_id": settings.get("signer_id") or "" if settings.get("signer_name") else "",
        "paper": settings.get("letter_paper") or "A4",
        "tembusan": list(settings.get("letter_tembusan") or ["Arsip"]),
        "letterhead": letterhead_of(settings),
        "client": client.business_name,
    }  # fmt: skip
    if mask_identity:
        content["notice"] = MASKED_NOTICE
    return content


def letterhead_of(settings: dict[str, Any]) -> dict[str, str]:
    """The kop surat's part of the settings, as a letter freezes it."""
    keys = ("clinic_name", "clinic_address", "clinic_town", "clinic_phone", "clinic_email",
            "clinic_website", "clinic_logo")  # fmt: skip
    return {key: settings.get(key) or "" for key in keys}


# --- issuing and printing ------------------------------------------------------------------


def keep_content(
    letter: IssuedLetter, content: dict[str, Any], pdf: bytes | None = None, *, kind: str = ""
) -> None:
    """Freeze what an issued letter says, its file name ("031-KB-KT-XI-2026 [kind] client")
    and, when its PDF is made, the PDF's hash: every letter kind is kept this one way."""
    letter.content = json.dumps(content, ensure_ascii=False, sort_keys=True)
    label = f"{kind} " if kind else ""
    letter.file_name = safe_filename(
        f"{letter.number.replace('/', '-')} {label}{content['client']}"
    )
    if pdf is not None:
        letter.sha256 = hashlib.sha256(pdf).hexdigest()


def letter_path(letter: IssuedLetter) -> Path:
    return paths.letter_file(letter.year, letter.file_name)


def issue_referral_letter(
    *, db: Session, referral_id: int | str, on: date | None = None
) -> IssuedLetter:
    """Give a draft referral its letter: the next number, the frozen content, the PDF in the
    data folder; the referral becomes 'sent'. All in the caller's transaction."""
    referral = get_referral(db=db, referral_id=referral_id)
    if referral.status != ReferralStatus.DRAFT.value:
        raise ValidationError(
            FieldError("status", f"Surat rujukan ini sudah terbit ({referral.letter_number}).")
        )
    on = on or date.today()
    if on > date.today():
        raise ValidationError(FieldError("on", "Tanggal surat tidak boleh di masa depan."))
    case = db.get(Case, referral.case_id)
    require_letterhead(db=db)
    # The letter sends the owner's identity (NIK, phone) to an agency: UU PDP asks consent.
    require_consent(db=db, client_id=case.client_id, purpose=ConsentPurpose.REFERRAL)
    letter = issue_letter_number(db=db, on=on, referral_id=referral.id)
    content = letter_content(db=db, referral=referral, number=letter.number, on=on)
    pdf = build_letter_pdf(content)
    keep_content(letter, content, pdf)
    db.add(letter)
    referral.letter_number = letter.number
    referral.status = ReferralStatus.SENT.value
    referral.sent_on = on
    referral.updated_at = utcnow()
    db.add(referral)
    db.flush()
    record_letter_print(db, letter, case.client_id, issued=True)
    write_atomic(letter_path(letter), pdf, create_folder=True)
    remember_unshown(db, letter)
    return letter


def remember_unshown(db: Session, letter: IssuedLetter) -> None:
    """The PDF issuing made is handed out by the next print in this session, unrecorded."""
    db.info.setdefault(_ISSUED_UNSHOWN, set()).add(letter.id)


def record_letter_print(
    db: Session,
    letter: IssuedLetter,
    client_id: int | None,
    *,
    issued: bool = False,
    fields: tuple[str, ...] = LETTER_FIELDS,
) -> None:
    detail: dict[str, Any] = {"number": letter.number}
    if issued:
        detail["issued"] = True
    record_event(
        db,
        action="print",
        entity="letter",
        record_id=letter.id,
        client_id=client_id,
        fields=fields,
        leaves_machine=True,
        detail=detail,
    )


def _draft_pdf(db: Session, referral: Referral) -> bytes:
    """The draft preview, masked without consent to referral, recorded as leaving."""
    case = db.get(Case, referral.case_id)
    masked = not consents_to(db=db, client_id=case.client_id, purpose=ConsentPurpose.REFERRAL)
    content = letter_content(
        db=db, referral=referral, number="…/DRAF", on=date.today(),
        mask_identity=masked,
    )  # fmt: skip
    pdf = build_letter_pdf(content, draft=True)
    detail: dict[str, Any] = {"draft": True}
    if masked:
        detail["masked"] = list(MASKED_FIELDS)
    record_event(
        db,
        action="print",
        entity="referral",
        record_id=referral.id,
        client_id=case.client_id,
        fields=[f for f in LETTER_FIELDS if not (masked and f in MASKED_FIELDS)],
        leaves_machine=True,
        detail=detail,
    )
    return pdf


def letter_of(*, db: Session, referral_id: int | str) -> IssuedLetter | None:
    referral = get_referral(db=db, referral_id=referral_id)
    if referral.letter_number is None:
        return None
    return db.exec(
        select(IssuedLetter).where(IssuedLetter.number == referral.letter_number)
    ).first()


def letter_pdf(*, db: Session, referral_id: int | str) -> tuple[bytes, bool]:
    """The referral's letter as PDF bytes, and whether it is only a draft preview; every
    call is the letter leaving the laptop and is recorded (see the module doc).

    A draft without the owner's consent to referral shows the NIK and phone masked. An
    issued letter comes from its file; if the file is lost it is rendered again from the
    frozen content, which gives the same bytes, and put back."""
    referral = get_referral(db=db, referral_id=referral_id)
    letter = letter_of(db=db, referral_id=referral.id)
    if letter is None:
        if referral.status != ReferralStatus.DRAFT.value:
            raise Refusal("Rujukan ini tidak punya surat yang tersimpan.")
        return _draft_pdf(db, referral), True
    case = db.get(Case, referral.case_id)
    client = db.get(Client, case.client_id) if case else None
    if client is not None and client.erased_at is not None:
        raise Refusal(
            f"Surat {letter.number} berisi data pribadi yang sudah dihapus atas permintaan "
            "pemiliknya; surat itu tidak bisa dicetak lagi."
        )
    # A number issued without its content (sample data, or a letter typed elsewhere): the
    # first print freezes it from today's data, and every later print repeats it.
    freeze = lambda: _freeze(db, letter, referral)  # noqa: E731
    return print_issued(db, letter, client.id if client else None, unfrozen=freeze), False


def _note_print(
    db: Session, letter: IssuedLetter, client_id: int | None, fields=LETTER_FIELDS
) -> None:
    unshown = db.info.get(_ISSUED_UNSHOWN, set())
    if letter.id in unshown:
        unshown.discard(letter.id)  # the PDF issuing just made: recorded when it was issued
    else:
        record_letter_print(db, letter, client_id, fields=fields)


def print_issued(
    db: Session,
    letter: IssuedLetter,
    client_id: int | None,
    *,
    fields: tuple[str, ...] = LETTER_FIELDS,
    unfrozen: Any = None,
) -> bytes:
    """An issued letter of any kind, recorded as leaving: its kept file, or (the file gone
    or changed) rendered again from the frozen content, which gives the same bytes, and put
    back. ``unfrozen()`` makes a letter that has no frozen content yet."""
    _note_print(db, letter, client_id, fields)
    path = letter_path(letter)
    if path.is_file():
        data = path.read_bytes()
        if letter.sha256 is None or hashlib.sha256(data).hexdigest() == letter.sha256:
            return data
    if not letter.content:
        if unfrozen is not None:
            return unfrozen()
        raise Refusal(f"Surat {letter.number} tidak punya isi yang tersimpan.")
    data = render_letter(json.loads(letter.content))
    if letter.sha256 and hashlib.sha256(data).hexdigest() != letter.sha256:
        # The same frozen words, laid out by a newer Klinik: still this letter. The hash of
        # the PDF first issued stays on record; the log says the file was made again.
        logger.warning(
            "letter %s: file %s, made again from its frozen content with this version's "
            "layout (the first PDF's SHA-256 stays on record)",
            letter.number, "changed" if path.is_file() else "missing",
        )  # fmt: skip
    write_atomic(path, data, create_folder=True)
    return data


def freeze_unfrozen_letters(*, db: Session, first_referral: int = 0) -> int:
    """Give every issued letter without content (sample data) the content it says, as
    issuing does: later prints show that letter whatever changes in the client's record.
    The PDF is made at the first print. Returns how many were frozen."""
    rows = db.exec(
        select(IssuedLetter, Referral)
        .join(Referral, Referral.id == IssuedLetter.referral_id)
        .where(IssuedLetter.content.is_(None), Referral.id >= first_referral)
        .order_by(IssuedLetter.id)
    ).all()
    for letter, referral in rows:
        content = letter_content(
            db=db, referral=referral, number=letter.number, on=letter.issued_on
        )
        keep_content(letter, content)  # the PDF is made at the first print
        db.add(letter)
    db.flush()
    return len(rows)


def _freeze(db: Session, letter: IssuedLetter, referral: Referral) -> bytes:
    content = letter_content(db=db, referral=referral, number=letter.number, on=letter.issued_on)
    pdf = build_letter_pdf(content)
    keep_content(letter, content, pdf)
    db.add(letter)
    db.flush()
    write_atomic(letter_path(letter), pdf, create_folder=True)
    return pdf
