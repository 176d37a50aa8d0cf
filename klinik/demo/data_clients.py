"""Vocabulary of the demo's clients: places of Kalimantan Tengah, owners' names, products and
brands, and the size classes their records fall in."""

from __future__ import annotations

from klinik.domain.sizeclass import SizeClass
from klinik.domain.vocab import Education, LegalForm

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

# Omzet per year by class at registration, and the limits used to keep a class.
_MIKRO_MAX = 2_000_000_000
_KECIL_MAX = 15_000_000_000
_MENENGAH_MAX = 50_000_000_000
MODAL_MAX = {
    SizeClass.MIKRO: 1_000_000_000,
    SizeClass.KECIL: 5_000_000_000,
    SizeClass.MENENGAH: 10_000_000_000,
}
CLASS_RANGE = {
    SizeClass.MIKRO: (6_000_000, _MIKRO_MAX),
    SizeClass.KECIL: (_MIKRO_MAX + 1, _KECIL_MAX),
    SizeClass.MENENGAH: (_KECIL_MAX + 1, _MENENGAH_MAX),
}
NEXT_CLASS = {SizeClass.MIKRO: SizeClass.KECIL, SizeClass.KECIL: SizeClass.MENENGAH}
