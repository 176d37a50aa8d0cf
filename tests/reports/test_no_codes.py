"""No internal code in a document: every vocabulary value (a mode, a status, a purpose, a
licence kind ...) prints as its Indonesian label in the summaries and the period report of a
realistic clinic, and the follow-ups demo data writes name a purpose in words."""

from __future__ import annotations

import enum
import io
import re
from datetime import date

import pypdf
from sqlalchemy import select

from klinik.db.models import Case, IssuedLetter
from klinik.demo import generate_demo
from klinik.domain import vocab
from klinik.services import certificates, letters, privacy
from klinik.services.documents import case_summary, client_summary, period_report


def _codes() -> set[str]:
    """Every vocabulary value that is a code rather than a word: with an underscore, or an
    English status word."""
    codes = set()
    for obj in vars(vocab).values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            for member in obj:
                value = str(member.value)
                if "_" in value or value.isascii() and value in {
                    "sent", "draft", "accepted", "declined", "completed", "obtained", "expired",
                    "financing", "market", "licence", "kur",
                }:  # fmt: skip
                    codes.add(value)
    return codes


def _text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_no_vocabulary_code_in_summaries_the_period_report_and_letters(store):
    generate_demo(store, clients=40, seed=5, today=date(2026, 11, 30))
    codes = _codes()
    pattern = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, codes)) + r")(?![\w/-])")
    found: list[str] = []
    with store.session() as db:
        case_ids = list(db.execute(select(Case.id).order_by(Case.id).limit(25)).scalars())
        documents = [case_summary(db=db, case_id=i) for i in case_ids]
        documents.append(client_summary(db=db, client_id=1))
        documents.append(
            period_report(db=db, date_from=date(2024, 1, 1), date_to=date(2026, 11, 30))
        )
        # every demo letter (their frozen content), and a mentoring statement
        for letter in db.exec(select(IssuedLetter)).scalars():
            documents.append(letters.letter_pdf(db=db, referral_id=letter.referral_id)[0])
        held = db.execute(select(Case.client_id).where(Case.last_activity_on.is_not(None))).first()
        privacy.record_consent(
            db=db, client_id=held[0], given_on=date(2026, 11, 1), method="tertulis",
            purposes=["pendampingan", "rujukan"],
        )  # fmt: skip
        statement = certificates.issue_certificate(db=db, client_id=held[0])
        documents.append(certificates.certificate_pdf(db=db, letter_id=statement.id))
    assert len(documents) > 30
    for data in documents:
        text = _text(data)
        found += [text[max(0, m.start() - 40) : m.end() + 10] for m in pattern.finditer(text)]
    assert len(codes) > 20
    assert found == []
