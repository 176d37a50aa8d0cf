"""The consent text a client reads and signs (UU PDP No. 27/2022), with its version.

The text is versioned: a consent record keeps the version the client agreed to, so a later
change of wording never changes what an earlier signature meant. Change ``TEXT_VERSION``
whenever ``CONSENT_TEXT`` or the purposes change.
"""

from __future__ import annotations

from klinik.domain.vocab import ConsentPurpose

TEXT_VERSION = "2026.1"

DATA_LISTED = (
    "nama pemilik dan nama usaha, NIK, tanggal lahir, jenis kelamin, nomor telepon/WhatsApp, "
    "surel, alamat, data usaha (omzet, modal, aset, jumlah pekerja), izin usaha, serta "
    "catatan pendampingan"
)

CONSENT_TEXT = (
    "Saya memberikan persetujuan kepada {clinic} untuk mengumpulkan, menyimpan, dan "
    "mengolah data pribadi saya, yaitu {data}, hanya untuk keperluan yang saya centang di "
    "bawah ini, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi."
)

PURPOSE_TEXT = {
    ConsentPurpose.MENTORING: (
        "Pendampingan usaha: mencatat sesi, tindak lanjut, dan perkembangan usaha saya, "
        "serta menyusun laporan tanpa nama kepada penyandang dana."
    ),
    ConsentPurpose.REFERRAL: (
        "Rujukan ke instansi: mengirim identitas saya (termasuk NIK dan nomor telepon) dalam "
        "surat rujukan kepada instansi atau lembaga yang saya tuju (mis. Dinas Kesehatan, "
        "Dinas Koperasi dan UMKM, BPOM, BPJPH, bank penyalur KUR)."
    ),
    ConsentPurpose.SHARING: (
        "Berbagi dengan asosiasi: membagikan nama, nomor telepon, dan alamat saya kepada "
        "asosiasi usaha (mis. Akumandiri, APINDO, Dekranasda) untuk pembinaan dan pameran."
    ),
}

RIGHTS_TEXT = (
    "Saya tahu bahwa saya berhak melihat dan meminta salinan data saya, memperbaikinya, "
    "menarik persetujuan ini kapan saja, dan meminta data pribadi saya dihapus. Penarikan "
    "persetujuan tidak membatalkan pengolahan yang sudah dilakukan sebelumnya."
)


def consent_text(clinic: str) -> str:
    return CONSENT_TEXT.format(clinic=clinic or "Klinik Bisnis", data=DATA_LISTED)


# How long a backup is kept unless the clinic sets otherwise (settings: backup_retention_days);
# the consent form names it, since erased data leaves the backups only then.
BACKUP_RETENTION_DAYS = 365
