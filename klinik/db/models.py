"""SQLModel tables of Klinik.

Every record has an integer key for joins and a UUID ``uid`` that stays the same when records
from two laptops are merged. Clients and cases are archived (``archived_at``), never deleted.
Closed vocabularies (status, mode, kind ...) are stored as plain strings: see domain/vocab.py.
Money is whole Rupiah in BIGINT columns.

No ``from __future__ import annotations`` here: SQLModel reads the annotations at runtime.
"""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, Column, Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# A naming convention makes Alembic's batch migrations on SQLite able to find constraints.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    """Timestamps are aware UTC datetimes (SQLModel stores them as UTC on every database)."""
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


def _money(nullable: bool = True) -> Column:
    return Column(BigInteger, nullable=nullable)


class Record(SQLModel):
    """Columns every table has."""

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, max_length=36, unique=True, nullable=False)
    created_at: datetime = Field(default_factory=utcnow, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow, nullable=False, sa_column_kwargs={"onupdate": utcnow}
    )


class Setting(SQLModel, table=True):
    """Clinic-wide settings (letterhead, letter-number pattern ...) as JSON text by key."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)


class Kabupaten(SQLModel, table=True):
    """A kabupaten/kota by its Kemendagri code (itself the stable public id)."""

    __tablename__ = "kabupaten"
    code: str = Field(primary_key=True, max_length=8)
    name: str = Field(max_length=80, nullable=False)
    capital: str = Field(default="", max_length=80)
    province_code: str = Field(default="62", max_length=2)


class Consultant(Record, table=True):
    __tablename__ = "consultant"
    name: str = Field(max_length=120, nullable=False)
    initials: str = Field(max_length=8, nullable=False)
    title: str = Field(default="Konsultan Pendamping", max_length=160)
    phone: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=120)
    active: bool = Field(default=True, nullable=False)


class Client(Record, table=True):
    """A UMKM and its owner."""

    __tablename__ = "client"
    __table_args__ = (
        Index("ix_client_kabupaten_name", "kabupaten_code", "business_name"),
        # Covers the client list and its free-text search: the search reads this index in
        # name order and never the table (bench/bench_queries.py).
        Index("ix_client_archived_name_search", "archived_at", "business_name", "search_text"),
        # Klien sorted by owner or registration date (migration 0007).
        Index("ix_client_archived_owner", "archived_at", "owner_name"),
        Index("ix_client_archived_registered", "archived_at", "registered_on"),
    )
    business_name: str = Field(max_length=200, nullable=False, index=True)
    owner_name: str = Field(default="", max_length=160)
    nik: str | None = Field(default=None, max_length=16, index=True)
    gender: str | None = Field(default=None, max_length=1)
    birth_date: date | None = None
    education: str | None = Field(default=None, max_length=20)
    disability: str | None = Field(default=None, max_length=120)
    phone: str | None = Field(default=None, max_length=20, index=True)
    whatsapp: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=120)
    address: str = Field(default="", max_length=300)
    kabupaten_code: str | None = Field(default=None, foreign_key="kabupaten.code")
    kecamatan: str = Field(default="", max_length=80)
    kelurahan: str = Field(default="", max_length=80)
    latitude: float | None = None
    longitude: float | None = None
    sector: str = Field(default="", max_length=80)
    kbli: str | None = Field(default=None, max_length=5)
    products: str = Field(default="", max_length=300)
    legal_form: str = Field(default="perorangan", max_length=20)
    year_started: int | None = None
    registered_on: date = Field(default_factory=date.today, nullable=False)
    nib: str | None = Field(default=None, max_length=13, index=True)
    npwp: str | None = Field(default=None, max_length=16)
    association: str = Field(default="", max_length=160)
    sells_local_market: bool = Field(default=False, nullable=False)
    sells_social_media: bool = Field(default=False, nullable=False)
    sells_marketplace: bool = Field(default=False, nullable=False)
    sells_modern_retail: bool = Field(default=False, nullable=False)
    sells_other_provinces: bool = Field(default=False, nullable=False)
    sells_export: bool = Field(default=False, nullable=False)
    has_qris: bool = Field(default=False, nullable=False)
    has_business_account: bool = Field(default=False, nullable=False)
    has_bookkeeping: bool = Field(default=False, nullable=False)
    has_social_media: bool = Field(default=False, nullable=False)
    has_ecommerce: bool = Field(default=False, nullable=False)
    has_sop: bool = Field(default=False, nullable=False)
    has_offtaker: bool = Field(default=False, nullable=False)
    notes: str = Field(default="")
    # Lower-case text of the searchable fields, kept by the service layer, so a free-text
    # search is one indexed-or-scanned column on any database.
    search_text: str = Field(default="", nullable=False)
    archived_at: datetime | None = None
    # Set when the owner's personal data was erased (UU PDP): the row stays, anonymous, so
    # the counts of reports stay right.
    erased_at: datetime | None = None


class SizeRecord(Record, table=True):
    """Dated economic figures of a client. A correction adds a record and supersedes the old."""

    __tablename__ = "size_record"
    __table_args__ = (Index("ix_size_record_client_date", "client_id", "recorded_on"),)
    client_id: int = Field(foreign_key="client.id", nullable=False)
    recorded_on: date = Field(nullable=False)
    omzet: int | None = Field(default=None, sa_column=_money())
    modal: int | None = Field(default=None, sa_column=_money())
    total_assets: int | None = Field(default=None, sa_column=_money())
    production_capacity: str = Field(default="", max_length=160)
    workers_permanent_male: int | None = None
    workers_permanent_female: int | None = None
    workers_nonpermanent_male: int | None = None
    workers_nonpermanent_female: int | None = None
    source: str = Field(default="", max_length=160)
    # Set on the old record when a correction replaces it; it stays for history.
    superseded_by_id: int | None = Field(default=None, foreign_key="size_record.id")
    corrects_id: int | None = Field(default=None, foreign_key="size_record.id")
    correction_reason: str | None = Field(default=None, max_length=300)


class Licence(Record, table=True):
    __tablename__ = "licence"
    client_id: int = Field(foreign_key="client.id", nullable=False, index=True)
    kind: str = Field(max_length=20, nullable=False)
    number: str | None = Field(default=None, max_length=64)
    status: str = Field(default="needed", max_length=20, nullable=False)
    issued_on: date | None = None
    expires_on: date | None = None
    note: str = Field(default="")


class Case(Record, table=True):
    """One mentoring engagement with a client."""

    __tablename__ = "client_case"
    __table_args__ = (
        Index("ix_client_case_activity", "archived_at", "last_activity_on"),
        Index("ix_client_case_status_activity", "status", "last_activity_on"),
        # The Kasus count from the index alone, and Kasus sorted by these columns (0007).
        Index("ix_client_case_archived_client", "archived_at", "client_id"),
        Index("ix_client_case_archived_title", "archived_at", "title"),
        Index("ix_client_case_archived_opened", "archived_at", "opened_on"),
        Index("ix_client_case_archived_status", "archived_at", "status"),
    )
    client_id: int = Field(foreign_key="client.id", nullable=False, index=True)
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id", index=True)
    title: str = Field(max_length=200, nullable=False)
    goal: str = Field(default="")
    status: str = Field(default="baru", max_length=20, nullable=False)
    closed_reason: str | None = Field(default=None, max_length=300)
    opened_on: date = Field(default_factory=date.today, nullable=False)
    closed_on: date | None = None
    # Date of the latest session (or opening); kept by the service layer for fast sorting.
    last_activity_on: date = Field(default_factory=date.today, nullable=False)
    archived_at: datetime | None = None


class CaseArea(SQLModel, table=True):
    __tablename__ = "case_area"
    case_id: int = Field(foreign_key="client_case.id", primary_key=True)
    area: str = Field(max_length=20, primary_key=True, index=True)


class CaseStatusChange(Record, table=True):
    """Audit of a case's status: who moved it, from what, to what, why."""

    __tablename__ = "case_status_change"
    case_id: int = Field(foreign_key="client_case.id", nullable=False, index=True)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20, nullable=False)
    reason: str | None = Field(default=None, max_length=300)
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id")
    changed_on: date = Field(default_factory=date.today, nullable=False)


class MentoringSession(Record, table=True):
    __tablename__ = "mentoring_session"
    __table_args__ = (
        Index("ix_mentoring_session_case_date", "case_id", "held_on"),
        # Beranda's agreed next sessions and Sesi sorted by minutes or mode (0007).
        Index("ix_mentoring_session_next_session_on", "next_session_on"),
        Index("ix_mentoring_session_minutes", "minutes"),
        Index("ix_mentoring_session_mode", "mode"),
        # The period report's session figures from the index alone (0007).
        Index(
            "ix_mentoring_session_held_cover",
            "held_on",
            "case_id",
            "consultant_id",
            "mode",
            "minutes",
        ),
    )
    case_id: int = Field(foreign_key="client_case.id", nullable=False)
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id", index=True)
    held_on: date = Field(nullable=False, index=True)
    minutes: int = Field(default=60, nullable=False)
    prep_minutes: int = Field(default=0, nullable=False)
    mode: str = Field(default="di_klinik", max_length=24, nullable=False)
    summary: str = Field(default="")
    recommendations: str = Field(default="")
    next_steps: str = Field(default="")
    next_session_on: date | None = None


class SessionArea(SQLModel, table=True):
    __tablename__ = "session_area"
    session_id: int = Field(foreign_key="mentoring_session.id", primary_key=True)
    area: str = Field(max_length=20, primary_key=True)


class FollowUp(Record, table=True):
    """An action item agreed in a case, optionally in a session."""

    __tablename__ = "follow_up"
    __table_args__ = (
        Index("ix_follow_up_open_due", "done_on", "due_on"),
        # The follow-ups of one session (a click in Sesi; 0007).
        Index("ix_follow_up_session_id", "session_id"),
    )
    case_id: int = Field(foreign_key="client_case.id", nullable=False, index=True)
    session_id: int | None = Field(default=None, foreign_key="mentoring_session.id")
    description: str = Field(max_length=500, nullable=False)
    owner: str = Field(default="klien", max_length=20, nullable=False)
    due_on: date | None = None
    done_on: date | None = None


class Agency(Record, table=True):
    """An agency a client can be referred to; the letter's addressee."""

    __tablename__ = "agency"
    code: str = Field(max_length=40, unique=True, nullable=False)
    name: str = Field(max_length=200, nullable=False)
    kind: str = Field(default="dinas", max_length=20)
    addressee_title: str = Field(max_length=200, nullable=False)
    address: str = Field(default="", max_length=300)
    town: str = Field(default="Palangka Raya", max_length=80)
    phone: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=120)
    active: bool = Field(default=True, nullable=False)
    # Where it serves (None: the whole province or beyond) and what it does there (the
    # role a purpose asks for: kesehatan, perizinan, koperasi_umkm, perindag): the referral
    # for a client is suggested from these two.
    kabupaten_code: str | None = Field(
        default=None, foreign_key="kabupaten.code", max_length=8, index=True
    )
    role: str | None = Field(default=None, max_length=30, index=True)
    # Seeded from general knowledge, not from the office's own letterhead: check before use.
    to_verify: bool = Field(default=False, nullable=False)


class Referral(Record, table=True):
    __tablename__ = "referral"
    __table_args__ = (
        # Rujukan by date made or sent, and Beranda's referrals waiting for an answer (0007).
        Index("ix_referral_created_on", "created_on"),
        Index("ix_referral_sent_on", "sent_on"),
        Index("ix_referral_status_sent", "status", "sent_on"),
    )
    case_id: int = Field(foreign_key="client_case.id", nullable=False, index=True)
    agency_id: int = Field(foreign_key="agency.id", nullable=False, index=True)
    purpose: str = Field(max_length=60, nullable=False)
    note: str = Field(default="")
    status: str = Field(default="draft", max_length=20, nullable=False, index=True)
    created_on: date = Field(default_factory=date.today, nullable=False)
    sent_on: date | None = None
    answered_on: date | None = None
    completed_on: date | None = None
    outcome: str = Field(default="")
    letter_number: str | None = Field(default=None, max_length=60, unique=True)


class LetterSequence(SQLModel, table=True):
    """Last letter sequence issued per year: only ever counts up, so no number is reused."""

    __tablename__ = "letter_sequence"
    year: int = Field(primary_key=True)
    last_seq: int = Field(default=0, nullable=False)


class IssuedLetter(Record, table=True):
    """Every letter number ever issued, kept even when the letter is cancelled.

    ``content`` is the letter as issued (JSON: addressee, subject, body, identity, signer):
    printing again renders the same document even after the client's data changed.
    """

    __tablename__ = "issued_letter"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_issued_letter_year_seq"),)
    year: int = Field(nullable=False)
    seq: int = Field(nullable=False)
    number: str = Field(max_length=60, nullable=False, unique=True)
    issued_on: date = Field(nullable=False)
    referral_id: int | None = Field(default=None, foreign_key="referral.id")
    # "rujukan" (a referral letter) or "keterangan" (Surat Keterangan Pendampingan, about
    # ``client_id``): every kind is numbered from the one register.
    kind: str = Field(
        default="rujukan",
        max_length=20,
        nullable=False,
        sa_column_kwargs={"server_default": "rujukan"},
    )
    client_id: int | None = Field(default=None, foreign_key="client.id", index=True)
    cancelled_on: date | None = None
    cancel_reason: str | None = Field(default=None, max_length=300)
    content: str | None = Field(default=None, sa_type=Text)
    file_name: str | None = Field(default=None, max_length=260)
    sha256: str | None = Field(default=None, max_length=64)


class ReferralPurpose(Record, table=True):
    """What a referral asks for, with the letter's subject and body as an editable template."""

    __tablename__ = "referral_purpose"
    code: str = Field(max_length=40, unique=True, nullable=False)
    label: str = Field(max_length=120, nullable=False)
    default_agency_code: str | None = Field(default=None, max_length=40)
    # The role of the agency that handles it where the client is (Agency.role); None: the
    # default agency, wherever the client is.
    agency_role: str | None = Field(default=None, max_length=30)
    subject: str = Field(max_length=300, nullable=False)
    body: str = Field(nullable=False, sa_type=Text)
    active: bool = Field(default=True, nullable=False)


class Outcome(Record, table=True):
    """A milestone reached by a client: licence, financing, market, omzet, jobs, start-up."""

    __tablename__ = "outcome"
    client_id: int = Field(foreign_key="client.id", nullable=False, index=True)
    case_id: int | None = Field(default=None, foreign_key="client_case.id", index=True)
    kind: str = Field(max_length=20, nullable=False, index=True)
    occurred_on: date = Field(nullable=False, index=True)
    amount: int | None = Field(default=None, sa_column=_money())
    amount_requested: int | None = Field(default=None, sa_column=_money())
    institution: str = Field(default="", max_length=160)
    scheme: str | None = Field(default=None, max_length=20)
    channel: str | None = Field(default=None, max_length=20)
    licence_kind: str | None = Field(default=None, max_length=20)
    jobs: int | None = None
    note: str = Field(default="")


class Consent(Record, table=True):
    """A client's consent to the processing of personal data (UU PDP 27/2022).

    A change of purposes is a new record; the client's consent is its newest record, and a
    withdrawn newest record means no consent at all."""

    __tablename__ = "consent"
    __table_args__ = (Index("ix_consent_client_given", "client_id", "given_on"),)
    client_id: int = Field(foreign_key="client.id", nullable=False)
    given_on: date = Field(nullable=False)
    method: str = Field(max_length=20, nullable=False)  # vocab.ConsentMethod
    for_mentoring: bool = Field(default=True, nullable=False)
    for_referral: bool = Field(default=False, nullable=False)
    for_sharing: bool = Field(default=False, nullable=False)
    text_version: str = Field(max_length=20, nullable=False)
    recorded_by_id: int | None = Field(default=None, foreign_key="consultant.id")
    note: str = Field(default="", max_length=300)
    withdrawn_on: date | None = None
    withdrawn_by_id: int | None = Field(default=None, foreign_key="consultant.id")
    withdrawal_note: str = Field(default="", max_length=300)


class AuditEvent(SQLModel, table=True):
    """One act on personal data: created, changed, archived, erased, exported or printed.

    Field names only, never values (so never a NIK). ``leaves_machine`` marks exports and
    printed documents: what a breach report has to list. No foreign keys: an event outlives
    the record it names (an undone import deletes its clients)."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity_record", "entity", "record_id"),
        Index("ix_audit_event_client", "client_id", "at"),
        Index("ix_audit_event_leaves_at", "leaves_machine", "at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, nullable=False, index=True)
    consultant_id: int | None = None
    action: str = Field(max_length=20, nullable=False)
    entity: str = Field(max_length=30, nullable=False)
    record_id: int | None = None
    client_id: int | None = None
    fields: str = Field(default="", sa_type=Text)
    personal: bool = Field(default=False, nullable=False)
    leaves_machine: bool = Field(default=False, nullable=False)
    detail: str = Field(default="", sa_type=Text)


class ImportBatch(SQLModel, table=True):
    """What one import wrote (created clients, merged fields), so it can be undone."""

    __tablename__ = "import_batch"
    id: int | None = Field(default=None, primary_key=True)
    batch_id: str = Field(max_length=40, nullable=False, unique=True)
    at: datetime = Field(default_factory=utcnow, nullable=False)
    consultant_id: int | None = None
    file_name: str = Field(default="", max_length=260)
    content: str = Field(nullable=False, sa_type=Text)
    undone_at: datetime | None = None


ALL_TABLES = [t for t in metadata.sorted_tables]
