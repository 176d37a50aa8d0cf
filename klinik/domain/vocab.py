"""Closed vocabularies of the data model, with their Indonesian and English labels.

Values are stored as the enum's string value (stable, lower-case, Indonesian terms of art);
labels are what people read. The database keeps plain strings so that PostgreSQL or a later
vocabulary change needs no enum type migration.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Vocab(StrEnum):
    """A str enum whose members carry an Indonesian and an English label."""

    def __new__(cls, value: str, label_id: str, label_en: str):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label_id = label_id  # type: ignore[attr-defined]
        obj.label_en = label_en  # type: ignore[attr-defined]
        return obj

    def label(self, locale: str = "id") -> str:
        return self.label_en if locale.startswith("en") else self.label_id  # type: ignore[attr-defined]

    @classmethod
    def parse(cls, text: str):
        """Find a member by value or by either label, ignoring case and spaces."""
        key = text.strip().lower().replace(" ", "_").replace("-", "_")
        for member in cls:
            candidates = {
                member.value.lower(),
                member.label_id.lower().replace(" ", "_").replace("-", "_"),  # type: ignore[attr-defined]
                member.label_en.lower().replace(" ", "_").replace("-", "_"),  # type: ignore[attr-defined]
            }
            if key in candidates:
                return member
        return None

    @classmethod
    def labels_in_order(cls, members) -> str:
        """Labels of some members, in the vocabulary's order (stable in messages)."""
        return ", ".join(m.label_id for m in cls if m in members)  # type: ignore[attr-defined]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def label_of(cls, value: Any, locale: str = "id", *, blank: str = "") -> str:
        """The label of a stored value, as every screen and document shows it: ``blank``
        for no value, the label in ``locale``, an unknown value as it is stored."""
        if value is None or value == "":
            return blank
        try:
            member = cls(value)
        except ValueError:
            member = cls.parse(str(value))
        return member.label(locale) if member is not None else str(value)


class Gender(Vocab):
    LAKI_LAKI = ("L", "Laki-laki", "Male")
    PEREMPUAN = ("P", "Perempuan", "Female")


class Education(Vocab):
    TIDAK_SEKOLAH = ("tidak_sekolah", "Tidak sekolah", "No schooling")
    SD = ("sd", "SD", "Primary school")
    SMP = ("smp", "SMP", "Junior high school")
    SMA = ("sma", "SMA/SMK", "Senior high school")
    DIPLOMA = ("diploma", "Diploma", "Diploma")
    S1 = ("s1", "S1", "Bachelor")
    S2 = ("s2", "S2/S3", "Postgraduate")


class LegalForm(Vocab):
    PERORANGAN = ("perorangan", "Perorangan", "Sole proprietor")
    CV = ("cv", "CV", "CV (limited partnership)")
    PT = ("pt", "PT", "PT (company)")
    FIRMA = ("firma", "Firma", "Firm (partnership)")
    KOPERASI = ("koperasi", "Koperasi", "Cooperative")


class Channel(Vocab):
    """Marketing channels; each is a boolean column ``sells_<value>`` on the client."""

    LOCAL_MARKET = ("local_market", "Pasar lokal", "Local market")
    SOCIAL_MEDIA = ("social_media", "Media sosial", "Social media")
    MARKETPLACE = ("marketplace", "Marketplace", "Marketplace")
    MODERN_RETAIL = ("modern_retail", "Ritel modern", "Modern retail")
    OTHER_PROVINCES = ("other_provinces", "Luar provinsi", "Other provinces")
    EXPORT = ("export", "Ekspor", "Export")


class Readiness(Vocab):
    """Readiness checklist items; each is a boolean column ``has_<value>`` on the client."""

    QRIS = ("qris", "QRIS", "QRIS payments")
    BUSINESS_ACCOUNT = ("business_account", "Rekening usaha terpisah", "Separate business account")
    BOOKKEEPING = ("bookkeeping", "Pembukuan", "Bookkeeping")
    SOCIAL_MEDIA = ("social_media", "Media sosial", "Social media")
    ECOMMERCE = ("ecommerce", "E-commerce", "E-commerce")
    SOP = ("sop", "SOP", "SOP")
    OFFTAKER = ("offtaker", "Kontrak offtaker", "Offtaker contract")


class Area(Vocab):
    """Mentoring areas of the PLUT-KUMKM consultants."""

    KELEMBAGAAN = ("kelembagaan", "Kelembagaan", "Institutional")
    SDM = ("sdm", "SDM", "Human resources")
    PRODUKSI = ("produksi", "Produksi", "Production")
    PEMBIAYAAN = ("pembiayaan", "Pembiayaan", "Financing")
    PEMASARAN = ("pemasaran", "Pemasaran", "Marketing")
    IT = ("it", "IT", "IT")
    JARINGAN = ("jaringan", "Jaringan kerja sama", "Partnerships")


class CaseStatus(Vocab):
    BARU = ("baru", "Baru", "New")
    AKTIF = ("aktif", "Aktif", "Active")
    DITUNDA = ("ditunda", "Ditunda", "On hold")
    DIRUJUK = ("dirujuk", "Dirujuk", "Referred")
    SELESAI = ("selesai", "Selesai", "Completed")
    DITUTUP = ("ditutup", "Ditutup", "Closed")


# Which status may follow which. "selesai" (goal reached) and "ditutup" (ended without
# reaching it) are final except that a consultant may reopen a case to "aktif".
CASE_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.BARU: frozenset({CaseStatus.AKTIF, CaseStatus.DITUNDA, CaseStatus.DITUTUP}),
    CaseStatus.AKTIF: frozenset(
        {CaseStatus.DITUNDA, CaseStatus.DIRUJUK, CaseStatus.SELESAI, CaseStatus.DITUTUP}
    ),
    CaseStatus.DITUNDA: frozenset({CaseStatus.AKTIF, CaseStatus.DITUTUP}),
    CaseStatus.DIRUJUK: frozenset({CaseStatus.AKTIF, CaseStatus.SELESAI, CaseStatus.DITUTUP}),
    CaseStatus.SELESAI: frozenset({CaseStatus.AKTIF}),
    CaseStatus.DITUTUP: frozenset({CaseStatus.AKTIF}),
}
CLOSED_STATUSES = frozenset({CaseStatus.SELESAI, CaseStatus.DITUTUP})


class SessionMode(Vocab):
    DI_KLINIK = ("di_klinik", "Di klinik", "At the clinic")
    KUNJUNGAN = ("kunjungan_lapangan", "Kunjungan lapangan", "Field visit")
    TELEPON = ("telepon", "Telepon/WhatsApp", "Phone/WhatsApp")
    DARING = ("daring", "Daring", "Online")


class FollowUpOwner(Vocab):
    KLIEN = ("klien", "Klien", "Client")
    KONSULTAN = ("konsultan", "Konsultan", "Consultant")


class LicenceKind(Vocab):
    NIB = ("nib", "NIB", "NIB (business number)")
    SPP_IRT = ("spp_irt", "SPP-IRT (P-IRT)", "SPP-IRT (home food licence)")
    HALAL = ("halal", "Sertifikat halal", "Halal certificate")
    BPOM_MD = ("bpom_md", "BPOM MD", "BPOM MD")
    BPOM_ML = ("bpom_ml", "BPOM ML", "BPOM ML")
    MEREK = ("merek", "Merek/HKI", "Trademark/IP")
    SNI = ("sni", "SNI", "SNI (national standard)")
    PB_UMKU = ("pb_umku", "PB-UMKU", "PB-UMKU")
    OTHER = ("other", "Lainnya", "Other")


class LicenceStatus(Vocab):
    NEEDED = ("needed", "Diperlukan", "Needed")
    IN_PROCESS = ("in_process", "Dalam proses", "In process")
    OBTAINED = ("obtained", "Terbit", "Obtained")
    EXPIRED = ("expired", "Kedaluwarsa", "Expired")
    REVOKED = ("revoked", "Dicabut", "Revoked")


class ReferralStatus(Vocab):
    DRAFT = ("draft", "Draf", "Draft")
    SENT = ("sent", "Terkirim", "Sent")
    ACCEPTED = ("accepted", "Diterima", "Accepted")
    DECLINED = ("declined", "Ditolak", "Declined")
    COMPLETED = ("completed", "Selesai", "Completed")


REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.DRAFT: frozenset({ReferralStatus.SENT}),
    ReferralStatus.SENT: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.DECLINED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
}


class OutcomeKind(Vocab):
    LICENCE = ("licence", "Izin diperoleh", "Licence obtained")
    FINANCING = ("financing", "Pembiayaan", "Financing")
    MARKET = ("market", "Akses pasar", "Market access")
    OMZET = ("omzet", "Perubahan omzet", "Revenue change")
    JOBS = ("jobs", "Tenaga kerja baru", "Jobs created")
    BUSINESS_STARTED = ("business_started", "Usaha baru berdiri", "Business started")


class FinancingScheme(Vocab):
    KUR = ("kur", "KUR", "KUR")
    UMI = ("umi", "UMi", "UMi")
    LPDB = ("lpdb", "LPDB-KUMKM", "LPDB-KUMKM")
    TPAKD = ("tpakd", "TPAKD/K-UMKM", "TPAKD")
    BANK = ("bank", "Kredit bank lain", "Other bank loan")
    HIBAH = ("hibah", "Hibah/bantuan", "Grant")
    OTHER = ("other", "Lainnya", "Other")


class ConsentMethod(Vocab):
    """How a client gave consent to the processing of personal data (UU PDP 27/2022)."""

    TERTULIS = ("tertulis", "Formulir tertulis", "Written form")
    LISAN = ("lisan", "Lisan, dicatat konsultan", "Verbal, recorded by the consultant")


class ConsentPurpose(Vocab):
    """What personal data may be used for; each is agreed to separately."""

    MENTORING = ("pendampingan", "Pendampingan usaha", "Business mentoring")
    REFERRAL = ("rujukan", "Rujukan ke instansi", "Referral to agencies")
    SHARING = ("asosiasi", "Berbagi dengan asosiasi", "Sharing with associations")


class AuditAction(Vocab):
    """What was done with a record that holds personal data."""

    CREATE = ("create", "Dibuat", "Created")
    UPDATE = ("update", "Diubah", "Changed")
    ARCHIVE = ("archive", "Diarsipkan", "Archived")
    UNARCHIVE = ("unarchive", "Dipulihkan dari arsip", "Restored from archive")
    DELETE = ("delete", "Dihapus (batal impor)", "Deleted (import undone)")
    ERASE = ("erase", "Data pribadi dihapus", "Personal data erased")
    EXPORT = ("export", "Diekspor", "Exported")
    PRINT = ("print", "Dicetak/PDF", "Printed/PDF")
    ACCESS = ("access", "Salinan untuk pemilik data", "Copy for the data subject")
