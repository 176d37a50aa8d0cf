"""Sample data for demonstrations, tests and benchmarks: consultants, UMKM clients and their
owners, size records, licences, cases, sessions, follow-ups, referrals, letters and outcomes.

Everything comes from one ``random.Random(seed)``, so the same seed and ``today`` give the
same data (uids too, on a store with the same starting ids). Rows are generated in batches of
clients and written with SQLAlchemy Core ``executemany`` on ids assigned here (after the
current maximum of each table), so memory stays flat and 250 000 clients take minutes.

Every value is shaped like the real thing and passes the domain rules: NIKs of Kalimantan
Tengah whose kab/kota digits match the client's kabupaten and whose birth date and gender
match the owner, E.164 mobile numbers, 13-digit NIBs, P-IRT/halal/BPOM numbers that
``normalize_licence_number`` accepts, letter numbers from the clinic's own pattern and
sequence. Names of kecamatan and kelurahan are free text for realism (some are left blank,
as real registrations have gaps); no regional code beyond the kabupaten is made up.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from klinik.db.engine import Store
from klinik.db.models import (
    Agency,
    Case,
    CaseArea,
    CaseStatusChange,
    Client,
    Consent,
    Consultant,
    FollowUp,
    IssuedLetter,
    Kabupaten,
    LetterSequence,
    Licence,
    MentoringSession,
    Outcome,
    Referral,
    SessionArea,
    SizeRecord,
)
from klinik.domain.consent import TEXT_VERSION as CONSENT_TEXT_VERSION
from klinik.domain.letters import format_letter_number
from klinik.domain.sizeclass import SizeClass
from klinik.domain.vocab import (
    Area,
    Education,
    FinancingScheme,
    FollowUpOwner,
    LegalForm,
    LicenceKind,
    OutcomeKind,
    SessionMode,
)
from klinik.services.clients import build_search_text
from klinik.services.settings import get_settings

ProgressFn = Callable[[int, int], None]

DEFAULT_BATCH = 2000
_DAY = timedelta(days=1)
_LOW_62 = (1 << 62) - 1

# --- places ---------------------------------------------------------------------------------

# Share of clients per kabupaten/kota: most come to the clinic in Palangka Raya.
KABUPATEN_WEIGHTS: dict[str, int] = {
    "6271": 40, "6202": 9, "6201": 8, "6203": 8, "6210": 7, "6209": 6, "6211": 4,
    "6204": 3, "6205": 3, "6212": 3, "6208": 3, "6207": 2, "6206": 2, "6213": 2,
}  # fmt: skip

# Kecamatan and a few kelurahan/desa per kabupaten, as free text.
PLACES: dict[str, dict[str, list[str]]] = {
    "6271": {
        "Pahandut": ["Pahandut", "Panarung", "Langkai", "Tanjung Pinang", "Pahandut Seberang"],
        "Jekan Raya": ["Menteng", "Palangka", "Bukit Tunggal", "Petuk Katimpun"],
        "Sabangau": ["Kereng Bangkirai", "Sabaru", "Kalampangan", "Kameloh Baru"],
        "Bukit Batu": ["Tangkiling", "Banturung", "Habaring Hurung", "Marang"],
        "Rakumpit": ["Mungku Baru", "Petuk Barunai", "Bukit Sua"],
    },
    "6201": {
        "Arut Selatan": ["Sidorejo", "Madurejo", "Raja", "Mendawai", "Baru"],
        "Kumai": ["Kumai Hilir", "Kumai Hulu", "Candi"],
        "Kotawaringin Lama": ["Kotawaringin Hilir", "Kotawaringin Hulu"],
        "Pangkalan Lada": ["Pangkalan Lada"],
        "Pangkalan Banteng": ["Pangkalan Banteng"],
    },
    "6202": {
        "Mentawa Baru Ketapang": ["Mentawa Baru Hulu", "Mentawa Baru Hilir", "Ketapang"],
        "Baamang": ["Baamang Hulu", "Baamang Tengah", "Baamang Barat"],
        "Kota Besi": ["Kota Besi Hulu", "Kota Besi Hilir"],
        "Cempaga": [],
        "Parenggean": ["Parenggean"],
    },
    "6203": {
        "Selat": ["Selat Hilir", "Selat Hulu", "Selat Tengah", "Selat Dalam"],
        "Kapuas Hilir": ["Mambulau", "Barimba"],
        "Kapuas Barat": ["Mandomai"],
        "Basarang": ["Basarang"],
    },
    "6204": {"Dusun Selatan": ["Buntok Kota", "Jelapat"], "Dusun Hilir": ["Mengkatip"]},
    "6205": {"Teweh Tengah": ["Melayu", "Lanjas"], "Lahei": [], "Montallat": []},
    "6206": {"Sukamara": ["Mendawai", "Padang"], "Balai Riam": ["Balai Riam"], "Jelai": []},
    "6207": {"Bulik": ["Nanga Bulik"], "Lamandau": [], "Menthobi Raya": []},
    "6208": {"Seruyan Hilir": ["Kuala Pembuang I", "Kuala Pembuang II"], "Danau Sembuluh": []},
    "6209": {
        "Katingan Hilir": ["Kasongan Lama", "Kasongan Baru"],
        "Tasik Payawan": [],
        "Katingan Tengah": ["Tumbang Samba"],
    },
    "6210": {
        "Kahayan Hilir": ["Pulang Pisau", "Bereng", "Kalawa"],
        "Jabiren Raya": ["Jabiren", "Tumbang Nusa"],
        "Maliku": ["Maliku Baru"],
        "Kahayan Tengah": ["Bukit Rawi"],
    },
    "6211": {"Kurun": ["Kuala Kurun"], "Tewah": ["Tewah"], "Sepang": []},
    "6212": {"Dusun Timur": ["Tamiang Layang"], "Pematang Karau": [], "Dusun Tengah": []},
    "6213": {"Murung": ["Puruk Cahu", "Beriwit"], "Tanah Siang": [], "Laung Tuhup": []},
}

# Approximate position of each kabupaten's capital, for clients whose location was taken.
CAPITAL_POSITION: dict[str, tuple[float, float]] = {
    "6271": (-2.21, 113.92), "6201": (-2.68, 111.63), "6202": (-2.54, 112.95),
    "6203": (-3.00, 114.39), "6204": (-1.71, 114.85), "6205": (-0.95, 114.89),
    "6206": (-2.63, 111.24), "6207": (-2.20, 111.20), "6208": (-3.38, 112.55),
    "6209": (-1.89, 113.40), "6210": (-2.74, 114.26), "6211": (-1.12, 113.87),
    "6212": (-1.87, 115.18), "6213": (-0.58, 114.57),
}  # fmt: skip

STREETS_PKY = [
    "Jl. Tjilik Riwut", "Jl. G. Obos", "Jl. RTA Milono", "Jl. Yos Sudarso", "Jl. Diponegoro",
    "Jl. Ahmad Yani", "Jl. Imam Bonjol", "Jl. Rajawali", "Jl. Beliang", "Jl. Mahir Mahar",
    "Jl. Temanggung Tilung", "Jl. Seth Adji", "Jl. Kinibalu", "Jl. Sisingamangaraja",
    "Jl. Hiu Putih", "Jl. Garuda", "Jl. Badak", "Jl. Antang", "Jl. Krakatau", "Jl. Sapan",
]  # fmt: skip
STREETS = [
    "Jl. Ahmad Yani", "Jl. Pangeran Antasari", "Jl. Diponegoro", "Jl. Sudirman", "Jl. Pelita",
    "Jl. Merdeka", "Jl. Pramuka", "Jl. Kartini", "Jl. Tingang", "Jl. Tambun Bungai",
    "Jl. Pahlawan", "Jl. Cilik Riwut", "Jl. Mawar", "Jl. Melati", "Jl. Pembangunan",
]  # fmt: skip

# --- people -------------------------------------------------------------------------------

# Per origin: male first names, female first names, then second names for men and for women
# (Dayak family names serve both; Banjar and Javanese second names follow the gender).
_DAYAK_FAMILY = [
    "Nahan", "Bungai", "Tingang", "Lambung", "Dohong", "Usop", "Garang", "Mihing", "Ilas",
    "Sahay", "Anyau", "Ngabut", "Rangka", "Djaban", "Sandan", "Ahat", "Nyahu", "Pahu", "Itah",
    "Dingkir", "Kaban", "Lamiri",
]  # fmt: skip
NAMES: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "dayak": (
        ["Yohanes", "Markus", "Yulius", "Agustinus", "Darius", "Elias", "Yosef", "Natalis",
         "Hendra", "Kristian", "Sabran", "Teras", "Rinto", "Fransiskus", "Dedy", "Heri"],
        ["Maria", "Yuliana", "Natalia", "Debora", "Elisabeth", "Nelly", "Herlina", "Rosalina",
         "Kristina", "Veronika", "Yunita", "Martha", "Ester", "Lusia", "Meiliana", "Yanti"],
        _DAYAK_FAMILY,
        _DAYAK_FAMILY,
    ),
    "banjar": (
        ["Muhammad", "Ahmad", "Syahrani", "Masrani", "Aliansyah", "Fahriansyah", "Rusdiansyah",
         "Bahrudin", "Abdul", "Maslan", "Rahmadi", "Jumberi", "Saberan", "Hairul", "Rizki"],
        ["Siti", "Norhayati", "Rabiatul", "Mariana", "Rusmini", "Jumiati", "Salasiah", "Masrah",
         "Noorhasanah", "Halimah", "Fatimah", "Rahimah", "Nurul", "Mahmudah", "Aisyah"],
        ["Ramli", "Fauzi", "Noor", "Hadi", "Rahman", "Hidayat", "Arsyad", "Syarifuddin",
         "Rasyid", "Mahfud", "Ansyari", "Yusran"],
        ["Hasanah", "Rahmah", "Adawiyah", "Zainab", "Hidayah", "Jannah", "Aminah", "Khadijah",
         "Mardiah", "Wardah"],
    ),
    "jawa": (
        ["Slamet", "Sutrisno", "Budi", "Joko", "Agus", "Eko", "Bambang", "Heru", "Dwi", "Tri",
         "Wahyu", "Sugeng", "Hadi", "Yanto", "Purwanto"],
        ["Sri", "Endang", "Tri", "Suwarni", "Rahayu", "Dewi", "Wulan", "Yuli", "Ani", "Sumiati",
         "Lestari", "Ratna", "Puji", "Sulastri", "Ningsih"],
        ["Santoso", "Purnomo", "Setiawan", "Prasetyo", "Wibowo", "Susanto", "Riyadi", "Cahyono",
         "Hartono", "Nugroho"],
        ["Wahyuni", "Handayani", "Astuti", "Susilowati", "Lestari", "Purwanti", "Rahayu",
         "Wulandari", "Kusumawati", "Susanti"],
    ),
}  # fmt: skip
ORIGIN_WEIGHTS = {"dayak": 40, "banjar": 35, "jawa": 25}

DEGREES = [
    "S.E.",
    "S.E., M.M.",
    "S.T.",
    "S.P.",
    "S.Pi.",
    "S.Kom.",
    "S.Sos.",
    "M.Si.",
    "S.E., M.Si.",
]
CONSULTANT_TITLES = [
    "Konsultan Pendamping",
    "Konsultan Pemasaran",
    "Konsultan Keuangan dan Pembiayaan",
    "Konsultan Produksi dan Perizinan",
    "Konsultan Kelembagaan dan SDM",
    "Konsultan IT dan Pemasaran Digital",
    "Konsultan Jaringan Kerja Sama",
]
EDUCATION_WEIGHTS = {
    Education.TIDAK_SEKOLAH: 2, Education.SD: 15, Education.SMP: 20, Education.SMA: 42,
    Education.DIPLOMA: 8, Education.S1: 12, Education.S2: 1,
}  # fmt: skip
DISABILITIES = ["Tunadaksa", "Tunarungu", "Low vision", "Tunawicara"]
LEGAL_WEIGHTS = {
    LegalForm.PERORANGAN: 86, LegalForm.CV: 6, LegalForm.KOPERASI: 3, LegalForm.PT: 3,
    LegalForm.FIRMA: 2,
}  # fmt: skip
LEGAL_PREFIX = {"cv": "CV ", "pt": "PT ", "koperasi": "Koperasi ", "firma": "Firma "}
ASSOCIATIONS = [
    "Akumandiri", "APINDO", "Jaringan Pengusaha Nasional", "Dekranasda", "IWAPI", "HIPMI",
    "Forum UMKM Kalteng", "Kelompok Pengolah dan Pemasar Ikan",
]  # fmt: skip
MOBILE_PREFIXES = [
    "811", "812", "813", "821", "822", "823", "852", "853", "851", "814", "815", "816", "855",
    "856", "857", "858", "817", "818", "819", "859", "877", "878", "831", "832", "833", "838",
    "895", "896", "897", "898", "899", "881", "882", "883", "887", "888",
]  # fmt: skip

# --- products -----------------------------------------------------------------------------

# (name word, products text, short name in notes, sector, licence path, capacity unit, weight)
# Licence path: "pirt" home food (NIB -> SPP-IRT -> halal), "md" needs BPOM MD (frozen fish),
# "halal" food without SPP-IRT (fresh honey, wet cakes, meals), "" not food.
PRODUCTS: list[tuple[str, str, str, str, str, str, int]] = [
    ("Amplang", "amplang ikan pipih", "amplang", "Olahan ikan", "pirt", "kg/bulan", 10),
    ("Kerupuk Ikan", "kerupuk ikan haruan, kerupuk ikan pipih", "kerupuk ikan", "Olahan ikan",
     "pirt", "kg/bulan", 10),
    ("Abon Ikan", "abon ikan patin, abon ikan gabus", "abon ikan", "Olahan ikan", "pirt",
     "kg/bulan", 6),
    ("Saluang Crispy", "ikan saluang goreng crispy", "saluang crispy", "Olahan ikan", "pirt",
     "bungkus/minggu", 5),
    ("Jelawat", "ikan jelawat asap, ikan jelawat beku vakum", "olahan jelawat", "Olahan ikan",
     "md", "kg/bulan", 3),
    ("Madu Kelulut", "madu kelulut murni", "madu kelulut", "Hasil hutan bukan kayu", "halal",
     "liter/bulan", 6),
    ("Keripik Kelakai", "keripik kelakai, teh kelakai", "keripik kelakai", "Makanan ringan",
     "pirt", "bungkus/minggu", 5),
    ("Dodol", "dodol nanas, lempok durian", "dodol", "Makanan ringan", "pirt", "kg/bulan", 4),
    ("Kopi", "kopi bubuk robusta", "kopi bubuk", "Minuman", "pirt", "kg/bulan", 4),
    ("Sambal", "sambal bawang, sambal terasi botol", "sambal botol", "Makanan olahan", "pirt",
     "botol/minggu", 3),
    ("Wadai", "wadai bingka, amparan tatak, kue lapis", "wadai", "Kuliner", "halal",
     "loyang/hari", 4),
    ("Warung", "soto banjar, nasi kuning, ikan bakar", "masakan", "Kuliner", "halal",
     "porsi/hari", 4),
    ("Gula Aren", "gula aren cetak", "gula aren", "Makanan olahan", "pirt", "kg/bulan", 2),
    ("Anyaman Rotan", "tas rotan, keranjang rotan", "anyaman rotan", "Kerajinan", "",
     "buah/bulan", 6),
    ("Anyaman Purun", "tikar purun, tas purun, topi purun", "anyaman purun", "Kerajinan", "",
     "lembar/bulan", 5),
    ("Lampit", "lampit rotan, tikar lampit", "lampit", "Kerajinan", "", "lembar/bulan", 3),
    ("Benang Bintik", "kain benang bintik, kemeja benang bintik", "kain benang bintik",
     "Fesyen", "", "lembar/bulan", 5),
    ("Manik-manik", "kalung manik, gelang manik, tas manik-manik", "kerajinan manik",
     "Kerajinan", "", "buah/bulan", 4),
    ("Kecubung", "batu kecubung, cincin dan liontin kecubung", "batu kecubung", "Kerajinan", "",
     "buah/bulan", 3),
    ("Ukiran", "ukiran kayu, miniatur mandau", "ukiran", "Kerajinan", "", "buah/bulan", 2),
    ("Budidaya Ikan", "ikan nila, ikan patin segar", "ikan segar", "Perikanan", "",
     "kg/bulan", 3),
    ("Sayur Hidroponik", "sayur hidroponik, selada, pakcoy", "sayur hidroponik", "Pertanian", "",
     "kg/minggu", 2),
]  # fmt: skip
BRANDS = [
    "Isen Mulang", "Tambun Bungai", "Huma Betang", "Bumi Tambun", "Tingang", "Enggang",
    "Danum", "Kahayan", "Mentaya", "Barito", "Kalteng Jaya", "Borneo", "Berkah", "Barokah",
    "Lestari", "Mandiri", "Sejahtera", "Maju Jaya", "Sumber Rezeki", "Cahaya", "Mekar Sari",
    "Rahmat", "Sinar Harapan", "Amanah", "Betang", "Mantikei", "Sahabat", "Tiga Putri",
    "Dua Saudara", "Harapan Ibu", "Bintang", "Sekata", "Handep", "Pambelum",
]  # fmt: skip
CLIENT_NOTES = [
    "Produksi mengikuti musim ikan; bahan baku sulit saat air pasang.",
    "Pemilik aktif di kelompok PKK kelurahan.",
    "Ingin mengikuti pameran di luar provinsi.",
    "Bahan baku dari hutan sekitar desa; pasokan tidak menentu.",
    "Dibantu anak untuk pemasaran daring.",
    "Usaha dijalankan bersama suami/istri.",
]
SIZE_SOURCES = [
    "Wawancara pemilik", "Catatan penjualan", "Pembukuan usaha", "Formulir pendaftaran",
    "Laporan keuangan sederhana",
]  # fmt: skip
CORRECTION_REASONS = [
    "Salah ketik omzet (kelebihan satu nol).",
    "Omzet bulanan tercatat sebagai omzet tahunan.",
    "Modal usaha semula termasuk tanah dan bangunan; dikoreksi sesuai PP 7/2021.",
    "Jumlah pekerja tertukar antara tetap dan tidak tetap.",
]

# --- cases --------------------------------------------------------------------------------

# Kinds of engagement: title, goal, areas, referral purpose, outcome, licence, eligibility.
CASE_TYPES: list[dict[str, Any]] = [
    {"title": "Pendampingan pengurusan NIB", "areas": ["kelembagaan"], "purpose": "nib",
     "goal": "Klien memiliki NIB melalui OSS sebagai dasar perizinan berikutnya.",
     "outcome": "licence", "licence": "nib", "when": "no_nib", "weight": 8},
    {"title": "Pengurusan SPP-IRT {produk}", "areas": ["kelembagaan", "produksi"],
     "purpose": "spp_irt", "goal": "Produk {produk} memiliki nomor P-IRT dan pemilik lulus PKP.",
     "outcome": "licence", "licence": "spp_irt", "when": "pirt", "weight": 10},
    {"title": "Sertifikasi halal self-declare {produk}", "areas": ["kelembagaan", "produksi"],
     "purpose": "halal", "goal": "Memperoleh sertifikat halal lewat jalur self-declare.",
     "outcome": "licence", "licence": "halal", "when": "food", "weight": 8},
    {"title": "Pendaftaran BPOM MD {produk}", "areas": ["kelembagaan", "produksi"],
     "purpose": "bpom", "goal": "Produk {produk} terdaftar di BPOM dengan nomor MD.",
     "outcome": "licence", "licence": "bpom_md", "when": "md", "weight": 2},
    {"title": "Akses KUR untuk modal kerja", "areas": ["pembiayaan"], "purpose": "kur",
     "goal": "Klien memperoleh KUR sesuai kebutuhan modal kerja dan sanggup membayar angsuran.",
     "outcome": "financing", "when": "", "weight": 10},
    {"title": "Akses pembiayaan murah (TPAKD/UMi)", "areas": ["pembiayaan"],
     "purpose": "pembiayaan", "goal": "Klien memperoleh pembiayaan murah tanpa rentenir.",
     "outcome": "financing", "when": "", "weight": 4},
    {"title": "Penyusunan pembukuan sederhana", "areas": ["pembiayaan", "sdm"], "purpose": None,
     "goal": "Klien mencatat arus kas harian dan memisahkan keuangan usaha dan rumah tangga.",
     "outcome": "omzet", "when": "", "weight": 8},
    {"title": "Pemasaran digital {produk} lewat marketplace", "areas": ["pemasaran", "it"],
     "purpose": None, "goal": "Produk {produk} dijual di marketplace dan media sosial.",
     "outcome": "market", "channels": ["marketplace", "social_media"], "when": "",
     "weight": 10},
    {"title": "Perluasan pasar {produk} ke ritel modern", "areas": ["pemasaran", "jaringan"],
     "purpose": "kurasi", "goal": "Produk masuk ke paling sedikit satu ritel modern.",
     "outcome": "market", "channels": ["modern_retail"], "when": "", "weight": 6},
    {"title": "Perbaikan kemasan dan label {produk}", "areas": ["pemasaran", "produksi"],
     "purpose": None, "goal": "Kemasan dan label {produk} memenuhi ketentuan dan menarik.",
     "outcome": "omzet", "when": "", "weight": 7},
    {"title": "Peningkatan kapasitas produksi {produk}", "areas": ["produksi", "sdm"],
     "purpose": "pelatihan", "goal": "Kapasitas produksi naik tanpa menurunkan mutu.",
     "outcome": "jobs", "when": "", "weight": 6},
    {"title": "Kurasi {produk} untuk pameran", "areas": ["jaringan", "pemasaran"],
     "purpose": "kurasi", "goal": "Produk lolos kurasi dan tampil di pameran daerah.",
     "outcome": "market", "channels": ["other_provinces"], "when": "", "weight": 5},
    {"title": "Penguatan kelembagaan kelompok usaha", "areas": ["kelembagaan", "sdm"],
     "purpose": "pelatihan", "goal": "Kelompok usaha punya pengurus, aturan dan catatan.",
     "outcome": None, "when": "", "weight": 3},
    {"title": "Pendaftaran merek {produk}", "areas": ["kelembagaan"], "purpose": None,
     "goal": "Merek {produk} terdaftar di DJKI.", "outcome": "licence", "licence": "merek",
     "when": "", "weight": 3},
    {"title": "Persiapan pengiriman {produk} ke luar provinsi", "areas": ["jaringan", "pemasaran"],
     "purpose": None, "goal": "Pengiriman rutin ke pembeli di luar Kalimantan Tengah.",
     "outcome": "market", "channels": ["other_provinces", "export"], "when": "", "weight": 3},
]  # fmt: skip

# Agencies (by seeded code) that take each referral purpose.
PURPOSE_AGENCIES: dict[str, list[str]] = {
    "spp_irt": ["DINKES-PKY"],
    "kur": ["BANK-KALTENG", "BRI-PKY"],
    "halal": ["BPJPH"],
    "kurasi": ["DEKRANASDA-KT", "DISPERINDAG-KT"],
    "pembiayaan": ["OJK-KT"],
    "nib": ["DPMPTSP-PKY"],
    "bpom": ["BPOM-PKY"],
    "pelatihan": ["PLUT-KT", "DISKOPUKM-KT"],
}
_PURPOSE_ROLES = {"spp_irt": "kesehatan", "nib": "perizinan"}
# How a follow-up names a referral's purpose (never its code).
_PURPOSE_WORDS = {
    "spp_irt": "SPP-IRT ke Dinas Kesehatan", "nib": "pengurusan NIB",
    "halal": "sertifikasi halal", "kur": "pengajuan KUR ke bank",
    "kurasi": "kurasi produk", "pembiayaan": "akses pembiayaan", "bpom": "izin edar BPOM",
    "pelatihan": "pelatihan", "lainnya": "ke instansi",
}  # fmt: skip

# What a consultant adds for the agency: facts the template does not say, not its request again.
REFERRAL_NOTES = {
    "spp_irt": "Ruang produksi {produk} sudah terpisah dari dapur rumah tangga dan pelaku usaha "
    "siap mengikuti PKP pada jadwal terdekat.",
    "kur": "Tambahan modal diperlukan untuk membeli bahan baku {produk} menjelang musim pesanan.",
    "halal": "Seluruh bahan {produk} dibeli dari pemasok yang bahannya telah bersertifikat halal.",
    "kurasi": "Kemasan dan label {produk} telah diperbarui selama pendampingan.",
    "pembiayaan": "Pembukuan usaha tercatat rapi sejak enam bulan terakhir.",
    "nib": "Pelaku usaha belum memiliki akun OSS dan memerlukan bantuan membuatnya.",
    "bpom": "Produk {produk} mulai dipasarkan ke toko modern di luar provinsi.",
    "pelatihan": "Klien ingin memperdalam pemasaran digital dan pencatatan keuangan.",
}
REFERRAL_OUTCOMES = {
    "spp_irt": "PKP diikuti; nomor P-IRT terbit.",
    "kur": "KUR disetujui.",
    "halal": "Sertifikat halal terbit.",
    "kurasi": "Produk lolos kurasi.",
    "pembiayaan": "Klien mendapat akses pembiayaan.",
    "nib": "NIB terbit.",
    "bpom": "Nomor BPOM MD terbit.",
    "pelatihan": "Klien mengikuti pelatihan.",
}
CLOSE_REASONS = [
    "Klien tidak dapat dihubungi lagi.",
    "Klien pindah domisili ke luar daerah.",
    "Usaha berhenti sementara karena bahan baku tidak ada.",
    "Klien memilih tidak melanjutkan pendampingan.",
    "Klien sakit dan usaha diserahkan kepada keluarga.",
]
PAUSE_REASONS = [
    "Klien sedang musim panen.",
    "Musim hujan; bahan baku sulit didapat.",
    "Klien sedang sakit.",
    "Menunggu dana dari keluarga.",
    "Klien sedang merawat keluarga.",
]

# Session texts by area: summaries, recommendations, next steps, follow-ups.
SESSION_TEXT: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {
    "kelembagaan": (
        ["Membahas legalitas usaha {produk}; {pemilik} belum memahami alur OSS.",
         "Memeriksa kelengkapan dokumen usaha (KTP, NPWP, foto lokasi) untuk pengajuan izin.",
         "Mengecek status pengajuan izin di OSS bersama {pemilik}.",
         "Membahas pembentukan kelompok usaha bersama dengan pelaku usaha di sekitar lokasi."],
        ["Mendaftarkan NIB melalui OSS dengan KBLI yang sesuai produk.",
         "Menyimpan salinan dokumen legalitas dalam satu map dan versi digital.",
         "Menyusun pembagian tugas sederhana dalam kelompok."],
        ["Pendampingan pengisian data OSS pada sesi berikutnya.",
         "Klien membawa KTP asli, NPWP dan foto tempat usaha.",
         "Konsultan menyiapkan draf surat rujukan."],
        ["Mendaftar akun OSS dan mengajukan NIB", "Melengkapi salinan KTP dan NPWP",
         "Mengurus surat keterangan usaha di kelurahan", "Mengisi data produk di OSS"],
    ),
    "sdm": (
        ["Membahas kebutuhan tenaga kerja saat pesanan {produk} meningkat.",
         "Pelatihan singkat higiene dan sanitasi bagi pekerja.",
         "Membahas pembagian kerja antara pemilik, keluarga dan pekerja."],
        ["Membuat jadwal kerja tertulis.", "Mengikutkan pekerja dalam pelatihan keterampilan.",
         "Memberi upah sesuai kesepakatan tertulis."],
        ["Klien mendaftar pelatihan di PLUT.", "Konsultan mengirim jadwal pelatihan."],
        ["Membuat jadwal kerja pekerja", "Mendaftar penyuluhan keamanan pangan (PKP)",
         "Mencatat jam kerja pekerja harian"],
    ),
    "produksi": (
        ["Meninjau alur produksi {produk} dan titik rawan kebersihan di tempat produksi.",
         "Menghitung harga pokok produksi {produk} per kemasan.",
         "Membahas pasokan bahan baku yang musiman dan cara penyimpanannya.",
         "Kunjungan ke tempat produksi; tata letak dan peralatan dicatat."],
        ["Memisahkan area bahan baku dan produk jadi.",
         "Mencatat pemakaian bahan baku harian untuk menghitung HPP.",
         "Memakai kemasan tertutup rapat dan mencantumkan tanggal produksi.",
         "Menjajaki alat produksi sederhana untuk menambah kapasitas."],
        ["Konsultan memeriksa catatan HPP pada sesi berikutnya.",
         "Kunjungan ulang ke tempat produksi setelah penataan."],
        ["Membeli wadah bahan baku tertutup", "Mencatat HPP per kemasan",
         "Menata ulang dapur produksi", "Membuat catatan suhu dan kebersihan harian"],
    ),
    "pembiayaan": (
        ["Membahas kebutuhan modal kerja untuk menambah produksi {produk}.",
         "Menyusun proyeksi arus kas 12 bulan sebagai syarat pengajuan KUR.",
         "Meninjau catatan keuangan; uang usaha dan rumah tangga masih tercampur.",
         "Simulasi angsuran KUR mikro dan kemampuan bayar usaha."],
        ["Membuka rekening usaha terpisah.",
         "Mengajukan KUR sesuai kebutuhan modal, bukan plafon maksimum.",
         "Mencatat setiap pemasukan dan pengeluaran harian.",
         "Menghindari pinjaman online ilegal dan rentenir."],
        ["Klien membawa catatan penjualan tiga bulan terakhir.",
         "Konsultan menghubungi bank untuk jadwal wawancara."],
        ["Menyusun catatan arus kas tiga bulan terakhir", "Membuka rekening usaha",
         "Menyiapkan dokumen pengajuan KUR", "Memfotokopi surat keterangan usaha"],
    ),
    "pemasaran": (
        ["Membahas harga jual dan margin {produk} di pasar lokal dan toko oleh-oleh.",
         "Evaluasi desain kemasan dan label {produk}.",
         "Menyusun rencana promosi lewat media sosial dan WhatsApp Business.",
         "Membahas peluang memasok {produk} ke swalayan dan toko oleh-oleh."],
        ["Melengkapi label: nama produk, komposisi, berat bersih, tanggal kedaluwarsa, alamat.",
         "Mengunggah foto produk yang jelas secara rutin.",
         "Menyiapkan daftar harga untuk reseller.",
         "Mengikuti pameran produk UMKM daerah."],
        ["Klien membawa contoh kemasan baru.", "Konsultan mengenalkan pembeli toko oleh-oleh."],
        ["Memperbaiki desain label kemasan", "Memotret produk untuk katalog",
         "Menawarkan produk ke tiga toko oleh-oleh", "Menghitung harga untuk reseller"],
    ),
    "it": (
        ["Membantu membuat akun WhatsApp Business dan katalog produk.",
         "Pendampingan membuka toko {produk} di marketplace.",
         "Mengenalkan aplikasi pencatatan keuangan di ponsel.",
         "Membantu pendaftaran QRIS untuk pembayaran nontunai."],
        ["Membalas pesan pelanggan paling lambat satu hari.",
         "Mencatat transaksi harian di aplikasi.",
         "Memakai QRIS untuk pembayaran di tempat usaha."],
        ["Konsultan memeriksa toko daring klien.", "Klien mencoba fitur katalog sendiri."],
        ["Membuat akun WhatsApp Business", "Mengunggah sepuluh produk ke marketplace",
         "Mendaftar QRIS di bank", "Memasang aplikasi pencatatan keuangan"],
    ),
    "jaringan": (
        ["Membahas peluang kemitraan dengan pemasok bahan baku dan offtaker.",
         "Diskusi keikutsertaan {produk} dalam kurasi Dekranasda.",
         "Menghubungkan klien dengan asosiasi pelaku usaha setempat.",
         "Membahas peluang pengiriman {produk} ke luar provinsi."],
        ["Menyiapkan profil usaha satu halaman.",
         "Menghubungi calon mitra yang dikenalkan konsultan.",
         "Menyiapkan sampel produk untuk kurasi."],
        ["Konsultan mengatur pertemuan dengan calon mitra.",
         "Klien mengirim sampel produk."],
        ["Menghubungi pengurus asosiasi", "Menyiapkan sampel untuk kurasi",
         "Mengirim profil usaha ke calon mitra"],
    ),
}  # fmt: skip
CONSULTANT_TASKS = [
    "Menyiapkan contoh format pembukuan",
    "Menghubungi dinas terkait untuk jadwal PKP",
    "Menyiapkan surat rujukan",
    "Mengirim materi pelatihan kepada klien",
]

MARKET_NOTES = {
    "marketplace": "Toko daring dibuka dan pesanan pertama diterima.",
    "social_media": "Penjualan lewat media sosial berjalan rutin.",
    "modern_retail": "Produk masuk ke swalayan lokal.",
    "other_provinces": "Pengiriman pertama ke pembeli di Banjarmasin.",
    "export": "Pengiriman contoh ke pembeli di Malaysia.",
    "local_market": "Produk dititipkan di pasar dan toko oleh-oleh.",
}
BANKS = [("Bank Kalteng", 35), ("BRI", 35), ("BNI", 10), ("Bank Mandiri", 8), ("BSI", 12)]

# Statuses of a case by its age (days since opening): weights of each CaseStatus value.
STATUS_WEIGHTS = {
    "new": {"baru": 50, "aktif": 50},
    "young": {"baru": 5, "aktif": 55, "ditunda": 10, "dirujuk": 15, "selesai": 10, "ditutup": 5},
    "old": {"baru": 2, "aktif": 24, "ditunda": 8, "dirujuk": 8, "selesai": 42, "ditutup": 16},
}
MODE_WEIGHTS = {
    SessionMode.DI_KLINIK.value: 40,
    SessionMode.TELEPON.value: 25,
    SessionMode.KUNJUNGAN.value: 20,
    SessionMode.DARING.value: 15,
}
MINUTES = [30, 45, 60, 60, 60, 90, 90, 120, 150, 180]
PREP_MINUTES = [0, 0, 10, 15, 15, 20, 30, 30, 45, 60]

# Omzet per year by class at registration, and the limits used to keep a class.
_MIKRO_MAX = 2_000_000_000
_KECIL_MAX = 15_000_000_000
_MENENGAH_MAX = 50_000_000_000
_MODAL_MAX = {
    SizeClass.MIKRO: 1_000_000_000,
    SizeClass.KECIL: 5_000_000_000,
    SizeClass.MENENGAH: 10_000_000_000,
}
_CLASS_RANGE = {
    SizeClass.MIKRO: (6_000_000, _MIKRO_MAX),
    SizeClass.KECIL: (_MIKRO_MAX + 1, _KECIL_MAX),
    SizeClass.MENENGAH: (_KECIL_MAX + 1, _MENENGAH_MAX),
}
_NEXT_CLASS = {SizeClass.MIKRO: SizeClass.KECIL, SizeClass.KECIL: SizeClass.MENENGAH}

# Tables in the order rows are inserted (foreign keys first).
_ID_TABLES = [
    Consultant,
    Client,
    Consent,
    SizeRecord,
    Licence,
    Case,
    CaseStatusChange,
    MentoringSession,
    FollowUp,
    Referral,
    IssuedLetter,
    Outcome,
]
_INSERT_ORDER = [
    "consultant",
    "client",
    "consent",
    "size_record",
    "licence",
    "client_case",
    "case_area",
    "case_status_change",
    "mentoring_session",
    "session_area",
    "follow_up",
    "referral",
    "outcome",
]
_TABLES = {
    m.__tablename__: m.__table__  # type: ignore[attr-defined]
    for m in [*_ID_TABLES, CaseArea, SessionArea]
}


def _class_rank(record: dict[str, Any]) -> int:
    return min(
        rank for rank, (_, high) in enumerate(_CLASS_RANGE.values()) if record["omzet"] <= high
    )


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Callable[[], Any]:
    """A picker of keys by weight, with the cumulative table built once."""
    keys = list(weights)
    cum: list[int] = []
    total = 0
    for key in keys:
        total += weights[key]
        cum.append(total)
    choices = rng.choices

    def pick() -> Any:
        return choices(keys, cum_weights=cum)[0]

    return pick


class _Generator:
    """Holds the random source, id counters and the rows of the batch being built."""

    def __init__(
        self,
        rng: random.Random,
        uid_rng: random.Random,
        today: date,
        next_ids: dict[str, int],
        kabupaten: list[str],
        agencies: dict[str, int],
        cases_per_client: float,
        sessions_per_case: float,
    ):
        self.rng = rng
        self.uid_rng = uid_rng
        midnight = datetime(today.year, today.month, today.day, tzinfo=UTC)
        self.uid_clock = int(midnight.timestamp() * 1000) + uid_rng.randrange(3_600_000)
        self.today = today
        self.next_ids = next_ids
        self.agencies = agencies
        self.local_offices: dict[tuple[str, str], int] = {}  # (role, kabupaten) -> agency id
        self.cases_per_client = cases_per_client
        self.sessions_per_case = sessions_per_case
        self.sessions_made = 0
        self.cases_made = 0
        weights = {k: KABUPATEN_WEIGHTS.get(k, 1) for k in kabupaten}
        self.pick_kab = _weighted(rng, weights) if weights else (lambda: None)
        self.pick_origin = _weighted(rng, ORIGIN_WEIGHTS)
        self.pick_education = _weighted(rng, {e.value: w for e, w in EDUCATION_WEIGHTS.items()})
        self.pick_legal = _weighted(rng, {k.value: w for k, w in LEGAL_WEIGHTS.items()})
        self.pick_product = _weighted(rng, {i: p[6] for i, p in enumerate(PRODUCTS)})
        self.pick_mode = _weighted(rng, MODE_WEIGHTS)
        self.pick_bank = _weighted(rng, dict(BANKS))
        self.pick_status = {age: _weighted(rng, w) for age, w in STATUS_WEIGHTS.items()}
        self.case_types = CASE_TYPES
        self.consultants: list[int] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.supersede: list[dict[str, int]] = []
        self.batch_niks: set[str] = set()
        self.reset()

    # --- plumbing ---------------------------------------------------------------------------

    def reset(self) -> None:
        self.rows = {name: [] for name in _INSERT_ORDER}
        self.supersede = []
        self.batch_niks = set()

    def new_id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def uid(self) -> str:
        """A version 7 UUID: a rising millisecond count, then 74 random bits.

        Rising uids are appended at the end of each uid index instead of landing at random
        pages, which halves the writes of a large build; the random bits keep them unique
        across stores.
        """
        self.uid_clock += 1
        rand = self.uid_rng.getrandbits(74)
        value = (self.uid_clock << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62)
        return str(uuid.UUID(int=value | (rand & _LOW_62)))

    def stamp(self, day: date) -> datetime:
        """A working-hours moment of `day` in UTC (08:00-16:59 WIB is 01:00-09:59 UTC)."""
        hour, minute = self.rng.randint(1, 9), self.rng.randint(0, 59)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)

    def record(self, table: str, day: date, **values: Any) -> dict[str, Any]:
        """A row with id, uid and timestamps; appended to the batch."""
        at = self.stamp(min(day, self.today))
        row = {"id": self.new_id(table), "uid": self.uid(), "created_at": at, "updated_at": at}
        row.update(values)
        self.rows[table].append(row)
        return row

    def day(self, start: date, end: date) -> date:
        """A random day from start to end inclusive (start if the range is empty)."""
        span = (end - start).days
        return start if span <= 0 else start + timedelta(days=self.rng.randint(0, span))

    # --- consultants -------------------------------------------------------------------------

    def consultants_for(self, count: int) -> None:
        rng = self.rng
        for i in range(count):
            male, female, male_last, female_last = NAMES[self.pick_origin()]
            if rng.random() < 0.45:
                first, last = rng.choice(male), rng.choice(male_last)
            else:
                first, last = rng.choice(female), rng.choice(female_last)
            name = f"{first} {last}, {rng.choice(DEGREES)}"
            initials = (first[0] + last[0]).upper()
            local = f"{first}.{last}".lower().replace("-", "")
            row = self.record(
                "consultant",
                self.today - timedelta(days=800),
                name=name,
                initials=initials,
                title=CONSULTANT_TITLES[i % len(CONSULTANT_TITLES)],
                phone=self.phone(),
                email=f"{local}@gmail.com",
                active=True,
            )
            self.consultants.append(row["id"])

    # --- clients ----------------------------------------------------------------------------

    def phone(self) -> str:
        rng = self.rng
        digits = rng.choice((7, 8, 8, 9))
        return f"+62{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10 ** (digits - 1), 10**digits)}"

    def owner(self, registered: date) -> dict[str, Any]:
        rng = self.rng
        origin = self.pick_origin()
        male, female, male_last, female_last = NAMES[origin]
        gender = "P" if rng.random() < 0.58 else "L"
        first = rng.choice(female if gender == "P" else male)
        family = female_last if gender == "P" else male_last
        # These first names are hardly ever used alone.
        if first in ("Muhammad", "Ahmad", "Abdul", "Siti", "Nurul", "Sri", "Tri", "Dwi") or (
            rng.random() < 0.75
        ):
            name = f"{first} {rng.choice(family)}"
        else:
            name = first
        if origin == "banjar" and rng.random() < 0.12:
            name = ("Hj. " if gender == "P" else "H. ") + name
        age_days = rng.randint(19 * 365, 66 * 365)
        born = registered - timedelta(days=age_days)
        return {"origin": origin, "gender": gender, "first": first, "name": name, "born": born}

    def nik(self, kab: str | None, gender: str, born: date) -> str:
        """A NIK of the kabupaten, with the owner's birth date (women: day + 40)."""
        kab = kab or "6271"
        day = born.day + (40 if gender == "P" else 0)
        kec = self.rng.randint(1, 20)
        head = f"{kab}{kec:02d}{day:02d}{born.month:02d}{born.year % 100:02d}"
        return self.unique_nik(head)

    def unique_nik(self, head: str) -> str:
        """`head` (12 digits) and a sequence number not yet used in this batch."""
        while True:
            nik = f"{head}{self.rng.randint(1, 9999):04d}"
            if nik not in self.batch_niks:
                self.batch_niks.add(nik)
                return nik

    def business_name(self, product: tuple, owner: dict[str, Any], legal: str, place: str) -> str:
        rng = self.rng
        word = product[0]
        honorific = "Bu" if owner["gender"] == "P" else "Pak"
        style = rng.random()
        # A CV, PT, firm or cooperative is not named after "Bu Yanti" or her kitchen.
        if style < 0.35 or (legal != "perorangan" and style < 0.65):
            name = f"{word} {rng.choice(BRANDS)}"
        elif style < 0.55:
            name = f"{word} {honorific} {owner['first']}"
        elif style < 0.65 and product[4]:
            name = f"Dapur {owner['first']}"
        elif style < 0.75 and place:
            name = f"{word} {place}"
        elif style < 0.85:
            name = (
                f"{rng.choice(('Rumah', 'Griya', 'Sentra', 'Pondok'))} {word} {rng.choice(BRANDS)}"
            )
        elif style < 0.92:
            name = f"KUB {word} {rng.choice(BRANDS)}"
        else:
            name = f"{rng.choice(BRANDS)} {word}"
        if legal in LEGAL_PREFIX:
            name = LEGAL_PREFIX[legal] + name.removeprefix("KUB ")
        elif rng.random() < 0.12:
            name = "UD " + name
        return name

    def client(self) -> None:
        """One client with everything that hangs on it."""
        rng = self.rng
        today = self.today
        registered = today - timedelta(days=rng.randint(0, 729))
        kab = self.pick_kab()
        owner = self.owner(registered)
        product_index = self.pick_product()
        product = PRODUCTS[product_index]
        legal = self.pick_legal()
        places = PLACES.get(kab or "", {})
        kecamatan = kelurahan = ""
        if places and rng.random() < 0.9:
            kecamatan = rng.choice(list(places))
            villages = places[kecamatan]
            if villages and rng.random() < 0.85:
                kelurahan = rng.choice(villages)
        street = rng.choice(STREETS_PKY if kab == "6271" else STREETS)
        address = f"{street} No. {rng.randint(1, 150)}"
        if rng.random() < 0.25:
            address += f" RT {rng.randint(1, 12):03d}/RW {rng.randint(1, 6):03d}"
        phone = self.phone() if rng.random() < 0.97 else None
        nik = self.nik(kab, owner["gender"], owner["born"]) if rng.random() < 0.95 else None
        year_started = max(1990, registered.year - int(rng.expovariate(1 / 5)))
        latitude = longitude = None
        if kab in CAPITAL_POSITION and rng.random() < 0.4:
            lat, lon = CAPITAL_POSITION[kab]
            latitude = round(lat + rng.uniform(-0.05, 0.05), 5)
            longitude = round(lon + rng.uniform(-0.05, 0.05), 5)
        email = None
        if rng.random() < 0.3:
            local = owner["first"].lower().replace("-", "")
            email = f"{local}{rng.randint(1, 999)}@{rng.choice(('gmail.com', 'yahoo.co.id'))}"
        social = rng.random() < 0.6
        marketplace = social and rng.random() < 0.4
        row: dict[str, Any] = {
            "business_name": self.business_name(product, owner, legal, kelurahan or kecamatan),
            "owner_name": owner["name"],
            "nik": nik,
            "gender": owner["gender"],
            "birth_date": owner["born"],
            "education": self.pick_education(),
            "disability": rng.choice(DISABILITIES) if rng.random() < 0.02 else None,
            "phone": phone,
            "whatsapp": (phone if rng.random() < 0.85 else self.phone()) if phone else None,
            "email": email,
            "address": address,
            "kabupaten_code": kab,
            "kecamatan": kecamatan,
            "kelurahan": kelurahan,
            "latitude": latitude,
            "longitude": longitude,
            "sector": product[3],
            "kbli": None,
            "products": product[1],
            "legal_form": legal,
            "year_started": year_started,
            "registered_on": registered,
            "nib": None,
            "npwp": None,
            "association": rng.choice(ASSOCIATIONS) if rng.random() < 0.25 else "",
            "sells_local_market": rng.random() < 0.85,
            "sells_social_media": social,
            "sells_marketplace": marketplace,
            "sells_modern_retail": rng.random() < 0.08,
            "sells_other_provinces": rng.random() < 0.1,
            "sells_export": rng.random() < 0.01,
            "has_qris": rng.random() < 0.45,
            "has_business_account": rng.random() < 0.35,
            "has_bookkeeping": rng.random() < 0.3,
            "has_social_media": social or rng.random() < 0.2,
            "has_ecommerce": marketplace,
            "has_sop": rng.random() < 0.12,
            "has_offtaker": rng.random() < 0.06,
            "notes": rng.choice(CLIENT_NOTES) if rng.random() < 0.1 else "",
            "search_text": "",
            "archived_at": None,
        }
        if rng.random() < 0.65:
            row["nib"] = f"{rng.randint(1, 9)}{rng.randrange(10**12):012d}"
        if rng.random() < 0.3:
            # A person's NPWP is the NIK since July 2024; a company's is 0 + its old 15 digits.
            if nik and legal == "perorangan":
                row["npwp"] = nik
            elif legal == "perorangan":
                row["npwp"] = f"{rng.randrange(10**14, 10**15)}"
            else:
                row["npwp"] = f"0{rng.randrange(10**14, 10**15)}"
        client = self.record("client", registered, **row)
        client_id = client["id"]
        ctx = {
            "client": client,
            "product": product,
            "produk": product[2],
            "pemilik": f"{'Bu' if owner['gender'] == 'P' else 'Pak'} {owner['first']}",
            "licences": {},  # kind -> (status, date) reached through a case
            "last_day": registered,
        }
        consent = self.consent(client_id, registered)
        sizes = self.size_records(client_id, registered, product[5])
        cases = self.cases(ctx)
        if self.rows["referral"] and self.rows["referral"][-1]["case_id"] in {
            c["id"] for c in cases
        }:
            consent["for_referral"] = True  # referred clients agreed to it
        self.licences(ctx)
        self.outcomes_of_client(ctx, sizes, cases)
        # A few clients whose mentoring has ended are archived, with their cases.
        if rng.random() < 0.015 and all(c["closed_on"] for c in cases):
            archived = self.stamp(self.day(ctx["last_day"], today))
            client["archived_at"] = archived
            for case in cases:
                case["archived_at"] = archived
        client["search_text"] = build_search_text(SimpleNamespace(**client))  # type: ignore[arg-type]

    def consent(self, client_id: int, registered: date) -> dict[str, Any]:
        """The owner's consent at registration (own random stream: the rest of the data
        stays as it was before consent existed)."""
        rng = random.Random(client_id)
        at = datetime(registered.year, registered.month, registered.day, 2, 0, tzinfo=UTC)
        row = {
            "id": self.new_id("consent"),
            "uid": self.uid(),
            "created_at": at,
            "updated_at": at,
            "client_id": client_id,
            "given_on": registered,
            "method": "tertulis" if rng.random() < 0.7 else "lisan",
            "for_mentoring": True,
            "for_referral": rng.random() < 0.8,
            "for_sharing": rng.random() < 0.45,
            "text_version": CONSENT_TEXT_VERSION,
            "recorded_by_id": rng.choice(self.consultants) if self.consultants else None,
            "note": "",
            "withdrawn_on": None,
            "withdrawn_by_id": None,
            "withdrawal_note": "",
        }
        self.rows["consent"].append(row)
        return row

    # --- size records ----------------------------------------------------------------------

    def size_records(self, client_id: int, registered: date, unit: str) -> list[dict[str, Any]]:
        """1-3 dated records; about 15% of clients with two or more rise a class."""
        rng = self.rng
        roll = rng.random()
        klass = (
            SizeClass.MIKRO
            if roll < 0.88
            else SizeClass.KECIL
            if roll < 0.98
            else (SizeClass.MENENGAH)
        )
        days_left = (self.today - registered).days
        count = 1 if days_left < 120 else rng.choices((1, 2, 3), (40, 38, 22))[0]
        dates = [registered]
        for _ in range(count - 1):
            start = dates[-1] + timedelta(days=90)
            if start > self.today:
                break
            dates.append(self.day(start, min(self.today, start + timedelta(days=300))))
        rises = len(dates) >= 2 and klass in _NEXT_CLASS and rng.random() < 0.15
        low, high = _CLASS_RANGE[klass]
        if rises:
            omzet = int(rng.uniform(high * 0.6, high * 0.95))
        elif klass is SizeClass.MIKRO:
            omzet = int(min(high * 0.97, max(low, rng.lognormvariate(18.2, 1.0))))
        else:
            omzet = int(rng.uniform(low * 1.05, high * 0.8))
        corrected = rng.randrange(len(dates)) if rng.random() < 0.04 else -1
        made = []
        for i, day in enumerate(dates):
            if i:
                if rises and i == len(dates) - 1:
                    klass = _NEXT_CLASS[klass]
                    low, high = _CLASS_RANGE[klass]
                    omzet = int(rng.uniform(low * 1.02, min(high, low * 1.8)))
                else:
                    omzet = int(min(high * 0.98, max(low, omzet * rng.uniform(0.9, 1.35))))
            omzet = max(100_000, omzet // 100_000 * 100_000)
            modal = min(_MODAL_MAX[klass], omzet * rng.randint(15, 60) // 100)
            modal = modal // 100_000 * 100_000
            values = self.size_values(day, klass, omzet, modal, unit)
            if i == corrected:
                made.append(self.corrected_size(client_id, values))
            else:
                made.append(self.record("size_record", day, client_id=client_id, **values))
        return made

    def size_values(
        self, day: date, klass: SizeClass, omzet: int, modal: int, unit: str
    ) -> dict[str, Any]:
        rng = self.rng
        low, high = {
            SizeClass.MIKRO: (1, 4),
            SizeClass.KECIL: (5, 19),
            SizeClass.MENENGAH: (20, 99),
        }[klass]
        total = rng.randint(low, high)
        permanent = rng.randint(0, total)
        perm_f = rng.randint(0, permanent)
        temp_f = rng.randint(0, total - permanent)
        return {
            "recorded_on": day,
            "omzet": omzet,
            "modal": modal,
            "total_assets": modal * rng.randint(110, 250) // 100,
            "production_capacity": f"{rng.choice((20, 50, 100, 150, 200, 300, 500))} {unit}",
            "workers_permanent_male": permanent - perm_f,
            "workers_permanent_female": perm_f,
            "workers_nonpermanent_male": total - permanent - temp_f,
            "workers_nonpermanent_female": temp_f,
            "source": rng.choice(SIZE_SOURCES),
            "superseded_by_id": None,
            "corrects_id": None,
            "correction_reason": None,
        }

    def corrected_size(self, client_id: int, good: dict[str, Any]) -> dict[str, Any]:
        """A wrongly entered record and its correction, which supersedes it; returns the latter."""
        rng = self.rng
        reason = rng.randrange(len(CORRECTION_REASONS))
        wrong = dict(good)
        if reason == 0:
            wrong["omzet"] = good["omzet"] * 10
        elif reason == 1:
            wrong["omzet"] = max(100_000, good["omzet"] // 12 // 100_000 * 100_000)
        elif reason == 2:
            wrong["modal"] = good["modal"] + rng.randint(2, 8) * 100_000_000
        else:
            wrong["workers_permanent_male"] = good["workers_nonpermanent_male"]
            wrong["workers_nonpermanent_male"] = good["workers_permanent_male"]
        day = good["recorded_on"]
        old = self.record("size_record", day, client_id=client_id, **wrong)
        new = self.record(
            "size_record",
            day,
            client_id=client_id,
            **{**good, "corrects_id": old["id"], "correction_reason": CORRECTION_REASONS[reason]},
        )
        # The link from the old row is set after both rows are written.
        self.supersede.append({"b_id": old["id"], "b_new": new["id"]})
        return new

    # --- cases ------------------------------------------------------------------------------

    def eligible_types(self, ctx: dict[str, Any]) -> list[dict[str, Any]]:
        path = ctx["product"][4]
        has_nib = ctx["client"]["nib"] is not None
        out = []
        for kind in self.case_types:
            when = kind["when"]
            # SPP-IRT, halal and BPOM come after the NIB (the food licensing path).
            if (
                (when == "no_nib" and has_nib)
                or (when == "pirt" and (path != "pirt" or not has_nib))
                or (when == "food" and (not path or not has_nib))
                or (when == "md" and (path != "md" or not has_nib))
            ):
                continue
            out.append(kind)
        return out

    def cases(self, ctx: dict[str, Any]) -> list[dict[str, Any]]:
        rng = self.rng
        whole = int(self.cases_per_client)
        count = whole + (1 if rng.random() < self.cases_per_client - whole else 0)
        types = self.eligible_types(ctx)
        weights = [t["weight"] for t in types]
        start = ctx["client"]["registered_on"]
        made = []
        for i in range(count):
            if i == 0:
                opened = self.day(start, min(self.today, start + timedelta(days=21)))
            else:
                opened = self.day(start, self.today)
            kind = rng.choices(types, weights)[0]
            made.append(self.case(ctx, kind, opened))
        return made

    def session_count(self, status: str) -> int:
        if status == "baru":
            return 0
        if status == "ditutup" and self.rng.random() < 0.3:
            return 0
        # Steer towards the requested sessions per case (held and planned).
        deficit = self.sessions_per_case * self.cases_made - self.sessions_made
        mean = min(
            3 * self.sessions_per_case, max(1.0, 1.15 * self.sessions_per_case + deficit / 20)
        )
        return 1 + int(self.rng.random() * (2 * (mean - 1) + 1))

    def case(self, ctx: dict[str, Any], kind: dict[str, Any], opened: date) -> dict[str, Any]:
        rng = self.rng
        today = self.today
        age = (today - opened).days
        status = self.pick_status["new" if age < 14 else "young" if age < 90 else "old"]()
        consultant = rng.choice(self.consultants)
        areas = list(kind["areas"])
        if rng.random() < 0.3:
            extra = rng.choice(list(Area)).value
            if extra not in areas:
                areas.append(extra)
        fill = {"produk": ctx["produk"], "pemilik": ctx["pemilik"]}
        case = self.record(
            "client_case",
            opened,
            client_id=ctx["client"]["id"],
            consultant_id=consultant,
            title=kind["title"].format(**fill),
            goal=kind["goal"].format(**fill),
            status=status,
            closed_reason=None,
            opened_on=opened,
            closed_on=None,
            last_activity_on=opened,
            archived_at=None,
        )
        case_id = case["id"]
        self.cases_made += 1
        for area in areas:
            self.rows["case_area"].append({"case_id": case_id, "area": area})

        # When sessions happen and when the case ended, by its status.
        n_held = self.session_count(status)
        end = today
        if status in ("selesai", "ditutup"):
            end = min(today, opened + timedelta(days=rng.randint(20, 240)))
        elif status == "ditunda":
            end = max(opened, today - timedelta(days=rng.randint(7, 60)))
        span = (end - opened).days
        n_held = min(n_held, span + 1)
        held = sorted(opened + timedelta(days=rng.randint(0, span)) for _ in range(n_held))
        if held and rng.random() < 0.4:
            held[0] = opened
        planned: date | None = None
        if status in ("aktif", "dirujuk", "baru") and rng.random() < 0.35:
            planned = today + timedelta(days=rng.randint(1, 14))

        changes: list[tuple[str | None, str, date, str | None]] = [(None, "baru", opened, None)]
        if held:
            changes.append(("baru", "aktif", held[0], "Sesi pertama dicatat"))
        closed_on = None
        referral_sent: date | None = None
        if status == "ditunda":
            pause = self.day((held[-1] if held else opened) + _DAY, today)
            changes.append(
                ("aktif" if held else "baru", "ditunda", pause, rng.choice(PAUSE_REASONS))
            )
        elif status in ("selesai", "ditutup"):
            last = held[-1] if held else opened
            closed_on = self.day(last, min(today, last + timedelta(days=14)))
            reason = (
                rng.choice(CLOSE_REASONS)
                if status == "ditutup"
                else ("Tujuan pendampingan tercapai." if rng.random() < 0.6 else None)
            )
            changes.append(("aktif" if held else "baru", status, closed_on, reason))
            case["closed_on"] = closed_on
            case["closed_reason"] = reason
        elif status == "dirujuk":
            referral_sent = self.day(held[0], today)
        elif status == "aktif" and len(held) >= 3 and rng.random() < 0.15:
            # A pause in the middle: aktif -> ditunda -> aktif between two sessions.
            i = rng.randrange(1, len(held) - 1)
            if (held[i + 1] - held[i]).days > 30:
                pause = held[i] + timedelta(days=rng.randint(3, 10))
                changes.append(("aktif", "ditunda", pause, rng.choice(PAUSE_REASONS)))
                changes.append(("ditunda", "aktif", held[i + 1], "Klien siap melanjutkan"))

        last_activity = held[-1] if held else opened
        case["last_activity_on"] = last_activity
        case["updated_at"] = self.stamp(closed_on or last_activity)
        ctx["last_day"] = max(ctx["last_day"], closed_on or last_activity)

        referral = None
        if kind["purpose"] and (referral_sent or (held and rng.random() < 0.3)):
            referral = self.referral(ctx, case, kind, held, end, closed_on, referral_sent)
        if referral_sent and referral is not None:
            changes.append(("aktif", "dirujuk", referral_sent, None))
        elif status == "dirujuk":
            # Nothing to refer to (no purpose or no agency): the case simply stays active.
            case["status"] = status = "aktif"
        for from_status, to_status, on, reason in sorted(changes, key=lambda c: c[2]):
            self.record(
                "case_status_change",
                on,
                case_id=case_id,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
                consultant_id=consultant,
                changed_on=on,
            )
        self.sessions(ctx, case, areas, held, planned, closed_on)
        self.case_result(ctx, case, kind, held, closed_on, referral)
        return case

    def sessions(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        areas: list[str],
        held: list[date],
        planned: date | None,
        closed_on: date | None,
    ) -> None:
        rng = self.rng
        fill = {"produk": ctx["produk"], "pemilik": ctx["pemilik"]}
        days = [*held, planned] if planned else held
        self.sessions_made += len(days)
        for i, day in enumerate(days):
            is_planned = planned is not None and i == len(days) - 1
            area_set = areas if len(areas) == 1 or rng.random() < 0.4 else rng.sample(areas, 1)
            texts = SESSION_TEXT[area_set[0]]
            following = days[i + 1] if i + 1 < len(days) else None
            next_on = following if following and following > day and rng.random() < 0.7 else None
            consultant = case["consultant_id"]
            if rng.random() < 0.08:
                consultant = rng.choice(self.consultants)
            row = self.record(
                "mentoring_session",
                held[-1] if is_planned and held else day,
                case_id=case["id"],
                consultant_id=consultant,
                held_on=day,
                minutes=rng.choice(MINUTES),
                prep_minutes=rng.choice(PREP_MINUTES),
                mode=self.pick_mode(),
                summary="" if is_planned else rng.choice(texts[0]).format(**fill),
                recommendations="" if is_planned else rng.choice(texts[1]),
                next_steps="" if is_planned else rng.choice(texts[2]),
                next_session_on=next_on,
            )
            for area in area_set:
                self.rows["session_area"].append({"session_id": row["id"], "area": area})
            if is_planned:
                continue
            latest = i == len(held) - 1
            for _ in range(rng.choices((0, 1, 2), (45, 35, 20))[0]):
                self.follow_up(case, row, day, texts[3], latest, closed_on)

    def follow_up(
        self,
        case: dict[str, Any],
        session: dict[str, Any] | None,
        day: date,
        tasks: list[str],
        latest: bool,
        closed_on: date | None,
    ) -> None:
        rng = self.rng
        consultant_task = rng.random() < 0.2
        due = day + timedelta(days=rng.choice((3, 7, 7, 14, 14, 21, 30)))
        if closed_on is not None:
            done = rng.random() < 0.95
        else:
            done = rng.random() < (0.3 if latest else 0.85)
        done_on = None
        if done:
            done_on = min(self.today, day + timedelta(days=rng.randint(1, (due - day).days + 5)))
            if closed_on is not None:
                done_on = max(day, min(done_on, closed_on))
        self.record(
            "follow_up",
            day,
            case_id=case["id"],
            session_id=session["id"] if session else None,
            description=rng.choice(CONSULTANT_TASKS if consultant_task else tasks),
            owner=FollowUpOwner.KONSULTAN.value if consultant_task else FollowUpOwner.KLIEN.value,
            due_on=due,
            done_on=done_on,
        )

    # --- referrals --------------------------------------------------------------------------

    def referral(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        kind: dict[str, Any],
        held: list[date],
        end: date,
        closed_on: date | None,
        sent_for_dirujuk: date | None,
    ) -> dict[str, Any] | None:
        rng = self.rng
        today = self.today
        purpose = kind["purpose"]
        codes = [c for c in PURPOSE_AGENCIES.get(purpose, []) if c in self.agencies]
        if not codes:
            return None
        agency_id = self.agencies[rng.choice(codes)]
        # SPP-IRT and NIB go to the office of the client's own kabupaten/kota.
        role = _PURPOSE_ROLES.get(purpose)
        local = self.local_offices.get((role, ctx["client"]["kabupaten_code"])) if role else None
        if local is not None:
            agency_id = local
        status = case["status"]
        if sent_for_dirujuk is not None:
            sent = sent_for_dirujuk
            created = self.day(held[0], sent)
            target = "accepted" if rng.random() < 0.4 else "sent"
        else:
            created = self.day(held[0], closed_on or end)
            sent = created + timedelta(days=rng.randint(0, 7))
            if closed_on is not None:
                sent = min(sent, closed_on)
            target = rng.choices(
                ("draft", "sent", "accepted", "declined", "completed"),
                {
                    "selesai": (0, 0, 15, 15, 70),
                    "ditutup": (30, 30, 0, 40, 0),
                    "aktif": (25, 30, 30, 15, 0),
                    "ditunda": (40, 40, 0, 20, 0),
                }[status],
            )[0]
        order = ["draft", "sent", "accepted", "completed"]
        answered = sent + timedelta(days=rng.randint(3, 30))
        completed = answered + timedelta(days=rng.randint(7, 45))
        if closed_on is not None:
            answered = min(answered, closed_on) if answered > sent else answered
            completed = max(answered, min(completed, closed_on))
        # A step that would lie after today has not happened yet.
        if sent > today:
            target = "draft"
        elif target in ("accepted", "declined", "completed") and answered > today:
            target = "sent"
        elif target == "completed" and completed > today:
            target = "accepted"
        reached = order.index(target) if target in order else 2
        row = self.record(
            "referral",
            created,
            case_id=case["id"],
            agency_id=agency_id,
            purpose=purpose,
            note=REFERRAL_NOTES[purpose].format(produk=ctx["produk"]),
            status=target,
            created_on=created,
            sent_on=sent if target != "draft" else None,
            answered_on=answered if target in ("accepted", "declined", "completed") else None,
            completed_on=completed if target == "completed" else None,
            outcome=REFERRAL_OUTCOMES[purpose] if target == "completed" else "",
            letter_number=None,
        )
        if target == "declined":
            row["outcome"] = "Persyaratan belum lengkap."
        if reached >= 1:
            self.follow_up(
                case, None, sent, [f"Menyerahkan surat rujukan {_PURPOSE_WORDS[purpose]}"],
                False, closed_on,
            )  # fmt: skip
        return row

    # --- licences and outcomes --------------------------------------------------------------

    def case_result(
        self,
        ctx: dict[str, Any],
        case: dict[str, Any],
        kind: dict[str, Any],
        held: list[date],
        closed_on: date | None,
        referral: dict[str, Any] | None,
    ) -> None:
        """The licence, financing or market the case reached, with its outcome rows."""
        rng = self.rng
        status = case["status"]
        outcome = kind["outcome"]
        if outcome is None or not held:
            return
        if status == "selesai":
            day = closed_on or held[-1]
        elif status in ("aktif", "dirujuk") and rng.random() < 0.25 and outcome != "licence":
            day = self.day(held[0], held[-1])
        elif status in ("aktif", "dirujuk", "ditunda") and outcome == "licence":
            ctx["licences"].setdefault(kind["licence"], ("in_process", held[0]))
            return
        else:
            return
        day = min(day, self.today)
        client = ctx["client"]
        base = {
            "client_id": client["id"],
            "case_id": case["id"],
            "kind": outcome,
            "occurred_on": day,
            "amount": None,
            "amount_requested": None,
            "institution": "",
            "scheme": None,
            "channel": None,
            "licence_kind": None,
            "jobs": None,
            "note": "",
        }
        if outcome == "licence":
            licence = kind["licence"]
            ctx["licences"][licence] = ("obtained", day)
            if licence == "nib" and client["nib"] is None:
                client["nib"] = f"{rng.randint(1, 9)}{rng.randrange(10**12):012d}"
            base.update(licence_kind=licence, note=f"{LicenceKind(licence).label_id} terbit.")
        elif outcome == "financing":
            if kind["purpose"] == "kur":
                amount = rng.choice((5, 10, 10, 15, 20, 25, 30, 50, 50, 75, 100)) * 1_000_000
                if rng.random() < 0.05:
                    amount = rng.choice((150, 200, 250)) * 1_000_000
                institution, scheme = self.pick_bank(), FinancingScheme.KUR.value
            else:
                scheme = rng.choice(("tpakd", "umi", "hibah"))
                amount = rng.choice((2, 3, 5, 5, 10, 15, 20)) * 1_000_000
                institution = {
                    "tpakd": "Bank Kalteng",
                    "umi": rng.choice(("Pegadaian", "PNM Mekaar")),
                    "hibah": "Dinas Koperasi dan UKM Provinsi Kalimantan Tengah",
                }[scheme]
            requested = amount if rng.random() < 0.6 else amount + rng.choice((5, 10, 25)) * 10**6
            base.update(
                amount=amount,
                amount_requested=requested,
                institution=institution,
                scheme=scheme,
                note=f"{FinancingScheme(scheme).label_id} dari {institution}.",
            )
        elif outcome == "market":
            channel = rng.choice(kind["channels"])
            client[f"sells_{channel}"] = True
            if channel == "marketplace":
                client["has_ecommerce"] = True
            if channel == "social_media":
                client["has_social_media"] = True
            base.update(channel=channel, note=MARKET_NOTES[channel])
        elif outcome == "jobs":
            jobs = rng.randint(1, 4)
            base.update(jobs=jobs, note=f"Menambah {jobs} pekerja produksi.")
        elif outcome == "omzet":
            ctx.setdefault("omzet_cases", []).append((case["id"], day))
            return
        self.record("outcome", day, **base)

    def licences(self, ctx: dict[str, Any]) -> None:
        """Licences along the food path (NIB -> SPP-IRT -> halal -> BPOM MD), and trademarks.

        Those held before registration were issued in path order; those reached through a case
        carry the case's date and status.
        """
        rng = self.rng
        today = self.today
        client = ctx["client"]
        registered = client["registered_on"]
        path = ctx["product"][4]
        reached: dict[str, tuple[str, date]] = ctx["licences"]
        kab = client["kabupaten_code"] or "6271"
        earliest = max(date(client["year_started"], 1, 1), date(2018, 7, 9))

        cursor = min(earliest, registered)

        def before_registration() -> date:
            nonlocal cursor
            cursor = self.day(cursor, registered)
            return cursor

        def add(
            kind: str, status: str, issued: date | None, number: str | None, years: int
        ) -> None:
            expires = None
            if issued is not None and years:
                try:
                    expires = issued.replace(year=issued.year + years)
                except ValueError:  # 29 February
                    expires = issued.replace(year=issued.year + years, day=28)
            if status == "obtained" and expires is not None and expires < today:
                status = "expired"
            self.record(
                "licence",
                issued or registered,
                client_id=client["id"],
                kind=kind,
                number=number,
                status=status,
                issued_on=issued,
                expires_on=expires,
                note="",
            )

        # NIB: the client's NIB field and an obtained NIB licence are the same fact.
        nib_status, nib_day = reached.get("nib", (None, None))
        if client["nib"] and (nib_status == "obtained" or rng.random() < 0.8):
            add("nib", "obtained", nib_day or before_registration(), client["nib"], 0)
        elif not client["nib"] and nib_status == "in_process":
            add("nib", "in_process", None, None, 0)
        elif not client["nib"] and path and rng.random() < 0.3:
            add("nib", "needed", None, None, 0)
        has_nib = client["nib"] is not None
        nib_before = has_nib and nib_status != "obtained"

        def status_of(kind: str, share: float) -> tuple[str | None, date | None]:
            if kind in reached:
                return reached[kind]
            if nib_before and rng.random() < share:
                return "obtained", before_registration()
            return None, None

        if path == "pirt":
            status, day = status_of("spp_irt", 0.4)
            if status == "obtained":
                expiry_year = day.year + 5
                number = (
                    f"{rng.randint(1, 9)}{rng.randint(1, 16):02d}{kab}{rng.randint(1, 20):02d}"
                    f"{rng.randint(1, 9999):04d}{expiry_year % 100:02d}"
                )
                add("spp_irt", "obtained", day, number, 5)
            elif status == "in_process":
                add("spp_irt", "in_process", None, None, 0)
            elif has_nib and rng.random() < 0.3:
                add("spp_irt", "needed", None, None, 0)
        if path:
            status, day = status_of("halal", 0.25)
            if status == "obtained":
                add("halal", "obtained", day, f"ID{kab}{rng.randrange(10**13):013d}", 0)
            elif status == "in_process":
                add("halal", "in_process", None, None, 0)
        if path == "md":
            status, day = status_of("bpom_md", 0.3)
            if status == "obtained":
                digits = 15 if day.year >= 2021 else 12
                add("bpom_md", "obtained", day, f"MD{rng.randrange(10**digits):0{digits}d}", 5)
            elif status == "in_process":
                add("bpom_md", "in_process", None, None, 0)
        status, day = status_of("merek", 0.04)
        if status == "obtained":
            add("merek", "obtained", day, f"IDM000{rng.randint(100000, 999999)}", 10)
        elif status == "in_process":
            add("merek", "in_process", None, f"DID{today.year}0{rng.randint(10000, 99999)}", 0)

    def outcomes_of_client(
        self, ctx: dict[str, Any], sizes: list[dict[str, Any]], cases: list[dict[str, Any]]
    ) -> None:
        """Omzet outcomes from the size records; a business started at the clinic."""
        client = ctx["client"]
        current = [s for s in sizes if s["superseded_by_id"] is None]
        omzet_cases = ctx.get("omzet_cases", [])
        grew = len(current) >= 2 and current[-1]["omzet"] > current[0]["omzet"]
        rose = grew and _class_rank(current[-1]) > _class_rank(current[0])
        if grew and (omzet_cases or rose or self.rng.random() < 0.2):
            last = current[-1]
            case_id = omzet_cases[0][0] if omzet_cases else None
            self.record(
                "outcome",
                last["recorded_on"],
                client_id=client["id"],
                case_id=case_id,
                kind=OutcomeKind.OMZET.value,
                occurred_on=last["recorded_on"],
                amount=last["omzet"],
                amount_requested=None,
                institution="",
                scheme=None,
                channel=None,
                licence_kind=None,
                jobs=None,
                note=f"Omzet per tahun naik dari Rp{current[0]['omzet']:,}".replace(",", ".")
                + f" menjadi Rp{last['omzet']:,}.".replace(",", "."),
            )
        if client["year_started"] == client["registered_on"].year and self.rng.random() < 0.3:
            self.record(
                "outcome",
                client["registered_on"],
                client_id=client["id"],
                case_id=cases[0]["id"] if cases else None,
                kind=OutcomeKind.BUSINESS_STARTED.value,
                occurred_on=client["registered_on"],
                amount=None,
                amount_requested=None,
                institution="",
                scheme=None,
                channel=None,
                licence_kind=None,
                jobs=None,
                note="Usaha baru mulai berjalan dengan pendampingan klinik.",
            )


# --- writing --------------------------------------------------------------------------------


def _next_ids(conn: Connection) -> dict[str, int]:
    out = {}
    for model in _ID_TABLES:
        table = model.__table__  # type: ignore[attr-defined]
        top = conn.execute(select(func.max(table.c.id))).scalar()
        out[table.name] = (top or 0) + 1
    return out


def _write_batch(conn: Connection, gen: _Generator, counts: dict[str, int]) -> None:
    with conn.begin():
        _avoid_known_niks(conn, gen)
        for name in _INSERT_ORDER:
            rows = gen.rows[name]
            if rows:
                conn.execute(insert(_TABLES[name]), rows)
                counts[name] = counts.get(name, 0) + len(rows)
        if gen.supersede:
            # The links between a record and its correction point both ways, so the old
            # row's link is set once both rows exist.
            table = _TABLES["size_record"]
            conn.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(superseded_by_id=bindparam("b_new")),
                gen.supersede,
            )
    gen.reset()


def _avoid_known_niks(conn: Connection, gen: _Generator) -> None:
    """Give a new sequence number to any NIK of the batch already in the store."""
    client = _TABLES["client"]
    pending = [row for row in gen.rows["client"] if row["nik"]]
    while pending:
        known: set[str] = set()
        for i in range(0, len(pending), 500):
            chunk = [row["nik"] for row in pending[i : i + 500]]
            known.update(
                conn.execute(select(client.c.nik).where(client.c.nik.in_(chunk))).scalars()
            )
        pending = [row for row in pending if row["nik"] in known]
        for row in pending:
            row["nik"] = gen.unique_nik(row["nik"][:12])


def _issue_letters(
    conn: Connection, gen: _Generator, first_referral: int, settings: dict[str, Any]
) -> int:
    """Number the letters of the sent referrals in date order, continuing each year's sequence.

    About one in a hundred letters is spoiled and issued again under the next number; the
    spoiled number stays in the register, cancelled, and is never reused.
    """
    rng = gen.rng
    referral = _TABLES["referral"]
    letter = IssuedLetter.__table__  # type: ignore[attr-defined]
    sequence = LetterSequence.__table__  # type: ignore[attr-defined]
    pattern, unit = settings["letter_pattern"], settings["clinic_unit"]
    letters: list[dict[str, Any]] = []
    numbers: list[dict[str, Any]] = []
    with conn.begin():
        sent = conn.execute(
            select(referral.c.id, referral.c.sent_on)
            .where(referral.c.id >= first_referral, referral.c.sent_on.is_not(None))
            .order_by(referral.c.sent_on, referral.c.id)
        ).all()
        years = sorted({on.year for _, on in sent})
        last: dict[int, int] = dict(
            conn.execute(
                select(sequence.c.year, sequence.c.last_seq).where(sequence.c.year.in_(years))
            ).all()
        )
        existing = set(last)

        def issue(on: date, referral_id: int) -> dict[str, Any]:
            seq = last.get(on.year, 0) + 1
            last[on.year] = seq
            at = gen.stamp(on)
            row = {
                "id": gen.new_id("issued_letter"),
                "uid": gen.uid(),
                "created_at": at,
                "updated_at": at,
                "year": on.year,
                "seq": seq,
                "number": format_letter_number(pattern, seq=seq, on=on, unit=unit),
                "issued_on": on,
                "referral_id": referral_id,
                "cancelled_on": None,
                "cancel_reason": None,
            }
            letters.append(row)
            return row

        for referral_id, on in sent:
            if rng.random() < 0.01:
                spoiled = issue(on, referral_id)
                spoiled["cancelled_on"] = on
                spoiled["cancel_reason"] = "Salah penulisan alamat tujuan; surat diterbitkan ulang."
            numbers.append({"b_id": referral_id, "b_number": issue(on, referral_id)["number"]})
        if letters:
            conn.execute(insert(letter), letters)
            conn.execute(
                update(referral)
                .where(referral.c.id == bindparam("b_id"))
                .values(letter_number=bindparam("b_number")),
                numbers,
            )
        for year in years:
            if year in existing:
                conn.execute(
                    update(sequence).where(sequence.c.year == year).values(last_seq=last[year])
                )
            else:
                conn.execute(insert(sequence).values(year=year, last_seq=last[year]))
    return len(letters)


# A plausible clinic for the demo's letters (fictional: the address, phone and people are
# made up). Only what the user left empty or at its default is filled.
DEMO_LETTERHEAD = {
    "clinic_name": "Klinik Bisnis KUMKM Provinsi Kalimantan Tengah",
    "clinic_address": "Jl. Tjilik Riwut Km 6 No. 12, Palangka Raya 73112",
    "clinic_phone": "(0536) 322-1407",
    "clinic_email": "klinikbisnis@contoh.go.id",
    "signer_title": "Kepala UPT Klinik Bisnis KUMKM",
    "signer_name": "Dra. Hj. Rusdiana, M.Si.",
}


def _complete_letterhead(session: Any) -> None:
    from klinik.services.settings import SPECS, set_settings

    current = get_settings(session=session)
    missing = {
        key: value
        for key, value in DEMO_LETTERHEAD.items()
        if not str(current.get(key) or "").strip() or current.get(key) == SPECS[key].default
    }
    if missing:
        set_settings(session=session, **missing)


def generate_demo(
    store: Store,
    *,
    clients: int = 200,
    seed: int = 1,
    today: date | None = None,
    progress: ProgressFn | None = None,
    cases_per_client: float = 1.2,
    sessions_per_case: float = 4.0,
    batch_size: int = DEFAULT_BATCH,
    freeze_letters: bool = True,
) -> dict[str, int]:
    """Add `clients` sample clients, with consultants, cases and the rest, to `store`.

    Existing rows are kept: new ids continue after each table's largest. Returns how many
    rows were added per table. `progress(done, total)` is called after each batch.
    `freeze_letters`: the issued letters keep their content, as a real letter does when it
    is issued (the bench store leaves it to the first print).
    """
    today = today or date.today()
    rng = random.Random(seed)
    with store.session() as session:
        _complete_letterhead(session)
        settings = get_settings(session=session)
        kabupaten = list(session.execute(select(Kabupaten.code).order_by(Kabupaten.code)).scalars())
        agencies = dict(session.execute(select(Agency.code, Agency.id)).all())
        local_offices = {
            (role, kab): agency_id
            for agency_id, role, kab in session.execute(
                select(Agency.id, Agency.role, Agency.kabupaten_code)
                .where(Agency.role.is_not(None), Agency.kabupaten_code.is_not(None))
                .order_by(Agency.id.desc())  # the first of a kabupaten's offices wins
            ).all()
        }
    counts: dict[str, int] = {}
    with store.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        old_cache = None
        if sqlite:
            # A bigger page cache for the bulk insert only (random uids spread over the index).
            old_cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            conn.exec_driver_sql("PRAGMA cache_size=-131072")
        next_ids = _next_ids(conn)
        conn.commit()
        # Uids differ when the same seed is added twice to one store; ids tell the runs apart.
        uid_rng = random.Random(f"klinik-demo:{seed}:{sorted(next_ids.items())}")
        gen = _Generator(
            rng,
            uid_rng,
            today,
            next_ids,
            kabupaten,
            agencies,
            cases_per_client,
            sessions_per_case,
        )
        gen.local_offices = local_offices
        first_referral = next_ids["referral"]
        gen.consultants_for(min(40, max(3, round(clients / 40))))
        done = 0
        try:
            while done < clients:
                size = min(batch_size, clients - done)
                for _ in range(size):
                    gen.client()
                _write_batch(conn, gen, counts)
                done += size
                if progress is not None:
                    progress(done, clients)
            if not clients:
                _write_batch(conn, gen, counts)
            counts["issued_letter"] = _issue_letters(conn, gen, first_referral, settings)
        finally:
            if sqlite and old_cache is not None:
                conn.exec_driver_sql(f"PRAGMA cache_size={int(old_cache)}")
                conn.commit()
    if freeze_letters and counts["issued_letter"]:
        from klinik.services.letters import freeze_unfrozen_letters

        with store.session() as session:
            freeze_unfrozen_letters(session=session, first_referral=first_referral)
    return {name: counts.get(name, 0) for name in [*_INSERT_ORDER, "issued_letter"]}


def generate_bench_store(
    store: Store,
    *,
    clients: int = 250_000,
    cases: int = 300_000,
    sessions: int = 1_200_000,
    seed: int = 1,
    today: date | None = None,
    progress: ProgressFn | None = None,
) -> dict[str, int]:
    """Fill `store` to benchmark size; the case and session totals are met approximately."""
    return generate_demo(
        store,
        clients=clients,
        seed=seed,
        today=today,
        progress=progress,
        cases_per_client=cases / clients if clients else 0.0,
        sessions_per_case=sessions / cases if cases else 0.0,
        freeze_letters=False,
    )
