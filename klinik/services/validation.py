"""Checking input for a record: collects every field's problem, in Indonesian.

Each service builds a ``Checker`` over the raw values it was given (strings from a form or
the command line, or already typed values), reads cleaned values out of it, and calls
``raise_if_errors()`` before writing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from klinik.domain.formatting import parse_date, parse_money
from klinik.domain.vocab import Vocab
from klinik.errors import FieldError, InvalidValue, ValidationError

T = TypeVar("T")

# Indonesian names of fields, used when a message is shown away from its field (CLI, lists).
FIELD_LABELS: dict[str, str] = {
    "business_name": "Nama usaha",
    "owner_name": "Nama pemilik",
    "nik": "NIK",
    "gender": "Jenis kelamin",
    "birth_date": "Tanggal lahir",
    "education": "Pendidikan",
    "disability": "Disabilitas",
    "phone": "No. HP",
    "whatsapp": "No. WhatsApp",
    "email": "E-mail",
    "address": "Alamat",
    "kabupaten_code": "Kabupaten/kota",
    "kecamatan": "Kecamatan",
    "kelurahan": "Kelurahan/desa",
    "latitude": "Lintang",
    "longitude": "Bujur",
    "sector": "Sektor",
    "kbli": "KBLI",
    "products": "Produk",
    "legal_form": "Bentuk usaha",
    "year_started": "Tahun mulai usaha",
    "registered_on": "Tanggal terdaftar",
    "nib": "NIB",
    "npwp": "NPWP",
    "association": "Asosiasi/komunitas",
    "notes": "Catatan",
    "recorded_on": "Tanggal data",
    "omzet": "Omzet per tahun",
    "modal": "Modal usaha",
    "total_assets": "Total aset",
    "production_capacity": "Kapasitas produksi",
    "workers_permanent_male": "Pekerja tetap laki-laki",
    "workers_permanent_female": "Pekerja tetap perempuan",
    "workers_nonpermanent_male": "Pekerja tidak tetap laki-laki",
    "workers_nonpermanent_female": "Pekerja tidak tetap perempuan",
    "correction_reason": "Alasan koreksi",
    "kind": "Jenis",
    "number": "Nomor",
    "status": "Status",
    "issued_on": "Tanggal terbit",
    "expires_on": "Berlaku sampai",
    "client_id": "Klien",
    "case_id": "Kasus",
    "consultant_id": "Konsultan",
    "title": "Judul",
    "goal": "Tujuan",
    "areas": "Bidang",
    "reason": "Alasan",
    "opened_on": "Tanggal dibuka",
    "held_on": "Tanggal sesi",
    "minutes": "Durasi (menit)",
    "prep_minutes": "Persiapan (menit)",
    "mode": "Cara pendampingan",
    "summary": "Catatan sesi",
    "recommendations": "Rekomendasi",
    "next_steps": "Langkah berikutnya",
    "next_session_on": "Sesi berikutnya",
    "description": "Tindak lanjut",
    "owner": "Penanggung jawab",
    "due_on": "Tenggat",
    "agency_id": "Instansi",
    "purpose": "Keperluan",
    "outcome": "Hasil",
    "occurred_on": "Tanggal",
    "amount": "Jumlah",
    "amount_requested": "Jumlah diajukan",
    "institution": "Lembaga",
    "scheme": "Skema",
    "channel": "Saluran pasar",
    "licence_kind": "Jenis izin",
    "jobs": "Tenaga kerja baru",
    "name": "Nama",
    "initials": "Inisial",
    "code": "Kode",
    "addressee_title": "Jabatan penerima surat",
    "town": "Kota",
    "on": "Tanggal",
    "created_on": "Tanggal dibuat",
    "note": "Catatan",
    "session_id": "Sesi",
    "active": "Aktif",
    "source": "Sumber data",
    "sort": "Urutan",
    "sells_local_market": "Pasar lokal",
    "sells_social_media": "Media sosial",
    "sells_marketplace": "Marketplace",
    "sells_modern_retail": "Ritel modern",
    "sells_other_provinces": "Luar provinsi",
    "sells_export": "Ekspor",
    "has_qris": "QRIS",
    "has_business_account": "Rekening usaha terpisah",
    "has_bookkeeping": "Pembukuan",
    "has_social_media": "Media sosial",
    "has_ecommerce": "E-commerce",
    "has_sop": "SOP",
    "has_offtaker": "Kontrak offtaker",
    "given_on": "Tanggal persetujuan",
    "method": "Cara persetujuan",
    "purposes": "Keperluan yang disetujui",
    "for_mentoring": "Setuju pendampingan",
    "for_referral": "Setuju rujukan",
    "for_sharing": "Setuju berbagi dengan asosiasi",
    "text_version": "Versi teks persetujuan",
    "recorded_by_id": "Dicatat oleh",
    "withdrawn_on": "Tanggal penarikan",
    "withdrawal_note": "Catatan penarikan",
    "archived_at": "Arsip",
    "erased_at": "Data pribadi dihapus",
    "content": "Isi surat",
    "closed_reason": "Alasan penutupan",
    "cancel_reason": "Alasan pembatalan",
}


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Checker:
    """Reads and cleans values from ``data``, remembering each field's problem."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.errors: list[FieldError] = []

    def has(self, field: str) -> bool:
        return field in self.data

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self, field: str, *, required: bool = False, max_length: int | None = None
    ) -> str | None:
        value = self.data.get(field)
        if _blank(value):
            if required:
                self.fail(field, f"{label(field)} wajib diisi.")
            return None if value is None else ""
        text = str(value).strip()
        if max_length is not None and len(text) > max_length:
            self.fail(
                field,
                f"{label(field)} terlalu panjang ({len(text)} huruf); paling banyak {max_length}.",
            )
        return text

    def parsed(self, field: str, parse: Callable[[Any], T], *, required: bool = False) -> T | None:
        """Apply a domain parser (which raises InvalidValue) to a non-blank value."""
        value = self.data.get(field)
        if _blank(value):
            if required:
                self.fail(field, f"{label(field)} wajib diisi.")
            return None
        try:
            return parse(value)
        except InvalidValue as exc:
            self.fail(field, str(exc))
            return None

    def date(
        self,
        field: str,
        *,
        required: bool = False,
        not_future: bool = False,
        today: date | None = None,
    ) -> date | None:
        def parse(value: Any) -> date:
            if isinstance(value, date):
                return value
            return parse_date(str(value))

        result = self.parsed(field, parse, required=required)
        if result is not None and not_future and result > (today or date.today()):
            self.fail(field, f"{label(field)} tidak boleh di masa depan.")
        return result

    def integer(
        self,
        field: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        def parse(value: Any) -> int:
            if isinstance(value, bool):
                raise InvalidValue(f"{label(field)} harus berupa angka.")
            if isinstance(value, int):
                return value
            text = str(value).strip().replace(".", "")
            if not text.lstrip("-").isdigit():
                raise InvalidValue(f"{label(field)} harus berupa angka bulat, misalnya 60.")
            return int(text)

        result = self.parsed(field, parse, required=required)
        if result is not None:
            if minimum is not None and result < minimum:
                self.fail(field, f"{label(field)} paling kecil {minimum}.")
            elif maximum is not None and result > maximum:
                self.fail(field, f"{label(field)} paling besar {maximum}.")
        return result

    def money(self, field: str, *, required: bool = False) -> int | None:
        def parse(value: Any) -> int:
            if isinstance(value, bool):
                raise InvalidValue(f"{label(field)} harus berupa jumlah Rupiah.")
            if isinstance(value, int):
                if value < 0:
                    raise InvalidValue(f"{label(field)} tidak boleh negatif.")
                return value
            return parse_money(str(value))

        return self.parsed(field, parse, required=required)

    def number(
        self, field: str, *, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        def parse(value: Any) -> float:
            try:
                return float(str(value).strip().replace(",", "."))
            except ValueError:
                raise InvalidValue(f"{label(field)} harus berupa angka, misalnya -2,2.") from None

        result = self.parsed(field, parse)
        if result is not None and (
            (minimum is not None and result < minimum) or (maximum is not None and result > maximum)
        ):
            self.fail(field, f"{label(field)} harus antara {minimum} dan {maximum}.")
        return result

    def choice(self, field: str, vocab: type[Vocab], *, required: bool = False) -> str | None:
        def parse(value: Any) -> str:
            member = value if isinstance(value, vocab) else vocab.parse(str(value))
            if member is None:
                allowed = ", ".join(m.label_id for m in vocab)  # type: ignore[attr-defined]
                raise InvalidValue(
                    f"{label(field)} tidak dikenal: {value!r}. Pilih salah satu: {allowed}."
                )
            return member.value

        return self.parsed(field, parse, required=required)

    def choices(self, field: str, vocab: type[Vocab], *, required: bool = False) -> list[str]:
        """A set of vocabulary values, from a list or a comma-separated string."""
        value = self.data.get(field)
        if _blank(value) or value == []:
            if required:
                self.fail(field, f"Pilih paling sedikit satu {label(field).lower()}.")
            return []
        items = value if isinstance(value, (list, tuple, set, frozenset)) else str(value).split(",")
        result: list[str] = []
        for item in items:
            if _blank(item):
                continue
            member = item if isinstance(item, vocab) else vocab.parse(str(item))
            if member is None:
                allowed = ", ".join(m.value for m in vocab)
                self.fail(field, f"{label(field)} tidak dikenal: {item!r}. Pilihan: {allowed}.")
                continue
            if member.value not in result:
                result.append(member.value)
        return result

    def flag(self, field: str) -> bool | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "ya", "y", "yes", "true", "benar"}:
            return True
        if text in {"0", "tidak", "t", "no", "n", "false", "salah", ""}:
            return False
        self.fail(field, f"{label(field)}: isi 'ya' atau 'tidak'.")
        return None
