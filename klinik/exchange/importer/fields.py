"""The fields an import fills, their Indonesian labels, and the guess of the field each
column of a sheet fills (Indonesian and English headers, a synonym table)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from klinik.domain.places import comparable
from klinik.services.validation import FIELD_LABELS

# --- target fields ----------------------------------------------------------------------------

CLIENT_FIELDS = (
    "business_name",
    "owner_name",
    "nik",
    "gender",
    "birth_date",
    "education",
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
)
# "workers" is a total without the split by status and gender that the model keeps: it is
# stored in workers_permanent_male (the sum is what reports read) and the record's source
# says that the split is unknown.
SIZE_FIELDS = (
    "recorded_on",
    "omzet",
    "omzet_monthly",
    "modal",
    "total_assets",
    "workers",
    "workers_permanent_male",
    "workers_permanent_female",
    "workers_nonpermanent_male",
    "workers_nonpermanent_female",
    "production_capacity",
)
LICENCE_FIELDS = {
    "licence_spp_irt": "spp_irt",
    "licence_halal": "halal",
    "licence_bpom_md": "bpom_md",
    "licence_bpom_ml": "bpom_ml",
    "licence_merek": "merek",
}
IMPORT_FIELDS: dict[str, str] = {
    **{f: FIELD_LABELS.get(f, f) for f in CLIENT_FIELDS},
    **{f: FIELD_LABELS.get(f, f) for f in SIZE_FIELDS},
    "omzet_monthly": "Omzet per bulan (disimpan × 12 sebagai omzet per tahun)",
    "workers": "Jumlah pekerja",
    "licence_spp_irt": "No. P-IRT (SPP-IRT)",
    "licence_halal": "No. sertifikat halal",
    "licence_bpom_md": "No. BPOM MD",
    "licence_bpom_ml": "No. BPOM ML",
    "licence_merek": "No. merek/HKI",
}

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "business_name": (
        "nama usaha", "usaha", "nama umkm", "umkm", "nama ukm", "nama toko", "nama perusahaan",
        "merek usaha", "business name", "business", "company", "company name", "nama bisnis",
    ),
    "owner_name": (
        "nama pemilik", "pemilik", "pemilik usaha", "nama pelaku usaha", "pelaku usaha",
        "nama", "owner", "owner name", "name",
    ),
    "nik": (
        "nik", "no ktp", "nomor ktp", "ktp", "nik ktp", "nik pemilik", "id number", "no nik",
        "nomor nik", "nomor induk kependudukan", "no ktp pemilik", "nik no ktp",
    ),
    "gender": ("jenis kelamin", "jk", "l p", "kelamin", "gender", "sex"),
    "birth_date": ("tanggal lahir", "tgl lahir", "date of birth", "birth date"),
    "education": ("pendidikan", "pendidikan terakhir", "education"),
    "phone": (
        "no hp", "nomor hp", "hp", "no hp wa", "hp wa", "no telp", "no telepon", "telepon",
        "telp", "nomor telepon", "no hp whatsapp", "kontak", "phone", "phone number", "mobile",
        "handphone", "no handphone",
    ),
    "whatsapp": (
        "whatsapp", "wa", "no wa", "nomor wa", "no whatsapp", "nomor whatsapp", "wa pemilik",
        "no wa pemilik", "kontak wa",
    ),
    "email": ("email", "e mail", "alamat email", "surel"),
    "address": (
        "alamat", "alamat usaha", "alamat lengkap", "address", "jalan", "alamat tempat usaha",
        "lokasi usaha", "alamat lokasi usaha",
    ),
    "kabupaten_code": (
        "kab kota", "kabupaten kota", "kabupaten", "kota", "kab", "kota kabupaten", "district",
        "regency", "kode kabupaten",
    ),
    "kecamatan": ("kecamatan", "kec", "subdistrict"),
    "kelurahan": ("kelurahan", "desa", "desa kelurahan", "kelurahan desa", "kel", "village"),
    "sector": (
        "sektor", "sektor usaha", "bidang usaha", "jenis usaha", "sector", "jenis bidang usaha",
        "bidang jenis usaha", "bidang", "kategori usaha", "jenis bidang",
    ),
    "kbli": ("kbli", "kode kbli"),
    "products": ("produk", "produk utama", "jenis produk", "nama produk", "products", "product"),
    "legal_form": ("bentuk usaha", "badan usaha", "bentuk badan usaha", "legal form"),
    "year_started": ("tahun mulai", "tahun berdiri", "tahun mulai usaha", "year started"),
    "registered_on": (
        "tanggal daftar", "tgl daftar", "tanggal terdaftar", "tanggal registrasi",
        "tanggal pendaftaran", "registered", "registration date", "date registered",
        "tanggal bergabung", "tgl bergabung", "tanggal gabung", "tgl gabung", "bergabung",
        "terdaftar", "tgl terdaftar", "daftar", "terdaftar sejak", "bergabung sejak",
        "tanggal masuk", "tgl masuk", "masuk", "join date", "date joined", "joined",
    ),
    "nib": ("nib", "no nib", "nomor induk berusaha"),
    "npwp": ("npwp", "no npwp", "tax id"),
    "association": ("asosiasi", "komunitas", "asosiasi komunitas", "association"),
    "notes": ("catatan", "keterangan", "ket", "notes", "remarks"),
    "recorded_on": ("tanggal data", "tgl data", "tanggal pendataan", "data date"),
    "omzet": (
        "omzet", "omset", "omzet per tahun", "omset per tahun", "omzet tahunan", "omset tahunan",
        "hasil penjualan tahunan", "penjualan per tahun", "revenue", "annual revenue", "turnover",
        "omzet tahun", "omset tahun", "omzet rp tahun", "omset rp tahun", "omzet thn",
    ),
    "omzet_monthly": (
        "omzet per bulan", "omset per bulan", "omzet bulanan", "omset bulanan", "omzet bulan",
        "omset bulan", "omzet rp bulan", "omset rp bulan", "omzet bln", "omset bln",
        "penjualan per bulan", "penjualan bulanan", "hasil penjualan bulanan", "monthly revenue",
        "revenue per month", "omzet sebulan", "omset sebulan",
    ),
    "modal": ("modal", "modal usaha", "capital"),
    "total_assets": ("aset", "total aset", "asset", "assets", "total assets"),
    "workers": (
        "jumlah pekerja", "pekerja", "tenaga kerja", "jumlah tenaga kerja", "jumlah karyawan",
        "karyawan", "workers", "employees",
    ),
    "production_capacity": ("kapasitas produksi", "production capacity"),
    "licence_spp_irt": (
        "p irt", "pirt", "no p irt", "no pirt", "spp irt", "no spp irt", "nomor p irt",
        "nomor spp irt",
    ),
    "licence_halal": ("sertifikat halal", "no sertifikat halal", "halal", "nomor halal"),
    "licence_bpom_md": ("bpom", "no bpom", "bpom md", "md", "izin edar bpom"),
    "licence_bpom_ml": ("bpom ml", "ml"),
    "licence_merek": ("merek", "hki", "no merek", "merek hki"),
}  # fmt: skip

_YES = {"ya", "y", "yes", "sudah", "ada", "punya", "v", "x", "true", "1"}
_NO = {"tidak", "tdk", "t", "no", "n", "belum", "blm", "tidak ada", "-", "0", "false"}
_IN_PROCESS = {"proses", "dalam proses", "sedang proses", "diproses", "in process"}
_GENDERS = {
    "l": "L", "lk": "L", "laki": "L", "laki laki": "L", "pria": "L", "male": "L", "m": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P",
}  # fmt: skip


def _norm_header(text: Any) -> str:
    """A header made comparable: lower case, accents and punctuation gone, single spaces."""
    return comparable(text)


_SYNONYM_INDEX: dict[str, str] = {}
for _field, _words in _SYNONYMS.items():
    for _word in _words:
        _SYNONYM_INDEX.setdefault(_norm_header(_word), _field)
for _field, _label in IMPORT_FIELDS.items():
    _SYNONYM_INDEX.setdefault(_norm_header(_label), _field)
    _SYNONYM_INDEX.setdefault(_norm_header(_field), _field)


def _guess_one(header: Any) -> str | None:
    key = _norm_header(header)
    if not key:
        return None
    if key in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[key]
    without_brackets = _norm_header(re.sub(r"\(.*?\)|\[.*?\]", " ", str(header)))
    if without_brackets in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[without_brackets]
    # The longest synonym found as whole words inside the header ("No HP pemilik" -> phone).
    padded = f" {key} "
    best: tuple[int, str] | None = None
    for word, field in _SYNONYM_INDEX.items():
        if len(word) >= 2 and f" {word} " in padded and (best is None or len(word) > best[0]):
            best = (len(word), field)
    return best[1] if best else None


_MONTH_WORDS = {"bulan", "bulanan", "bln", "sebulan", "month", "monthly"}


def _guess_field(header: Any) -> str | None:
    field = _guess_one(header)
    if field == "omzet" and _MONTH_WORDS & set(_norm_header(header).split()):
        return "omzet_monthly"
    return field


def guess_mapping(headers: Iterable[Any]) -> dict[str, str | None]:
    """The probable target field of each header (None: not imported). Each field once."""
    mapping: dict[str, str | None] = {}
    taken: set[str] = set()
    for header in headers:
        field = _guess_field(header)
        if field in taken:
            field = None
        if field:
            taken.add(field)
        mapping[str(header)] = field
    # A lone WhatsApp column is the client's phone number.
    if "phone" not in taken and "whatsapp" in taken:
        for header, field in mapping.items():
            if field == "whatsapp":
                mapping[header] = "phone"
    return mapping


def header_signature(headers: Iterable[Any]) -> str:
    """The headers, normalised, in order: the same sheet layout gives the same signature."""
    return "|".join(_norm_header(h) for h in headers)
