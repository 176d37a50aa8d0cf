"""Vocabulary of the demo's casework: kinds of case, referral purposes and their texts,
session notes by area, and the weights of statuses and modes."""

from __future__ import annotations

from typing import Any

from klinik.domain.vocab import SessionMode

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
PURPOSE_ROLES = {"spp_irt": "kesehatan", "nib": "perizinan"}
# How a follow-up names a referral's purpose (never its code).
PURPOSE_WORDS = {
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
