<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name></name>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="159"/>
        <source>Ekspor daftar ini …</source>
        <translation>Export this list …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="211"/>
        <source>{n} baris</source>
        <translation>Rows: {n}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="254"/>
        <source>Lainnya</source>
        <translation>More</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="271"/>
        <source>Baru (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="289"/>
        <location filename="../../klinik/ui/areas/base.py" line="384"/>
        <location filename="../../klinik/ui/areas/base.py" line="435"/>
        <location filename="../../klinik/ui/areas/home.py" line="47"/>
        <source>Memuat …</source>
        <translation>Loading …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="320"/>
        <location filename="../../klinik/ui/areas/reports.py" line="127"/>
        <source>Menghitung …</source>
        <translation>Counting …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/base.py" line="445"/>
        <source>Pilih satu baris untuk melihat rinciannya.</source>
        <translation>Select a row to see its details.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="51"/>
        <source>Pilih klien</source>
        <translation>Choose client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="54"/>
        <source>Ketik nama usaha, pemilik, atau produk</source>
        <translation>Type a business name, owner or product</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="114"/>
        <source>Judul kasus</source>
        <translation>Case title</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="114"/>
        <source>mis. Fasilitasi SPP-IRT</source>
        <translation>e.g. SPP-IRT facilitation</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="115"/>
        <source>Tujuan pendampingan</source>
        <translation>Mentoring goal</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="68"/>
        <location filename="../../klinik/ui/case_forms.py" line="116"/>
        <location filename="../../klinik/ui/case_forms.py" line="177"/>
        <location filename="../../klinik/ui/detail/cases.py" line="137"/>
        <source>Bidang</source>
        <translation>Areas</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="67"/>
        <location filename="../../klinik/ui/areas/sessions.py" line="40"/>
        <location filename="../../klinik/ui/case_forms.py" line="117"/>
        <location filename="../../klinik/ui/case_forms.py" line="179"/>
        <location filename="../../klinik/ui/directory.py" line="179"/>
        <location filename="../../klinik/ui/directory.py" line="183"/>
        <location filename="../../klinik/ui/first_run.py" line="21"/>
        <source>Konsultan</source>
        <translation>Consultant</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="118"/>
        <source>Tanggal dibuka</source>
        <translation>Date opened</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="92"/>
        <location filename="../../klinik/ui/case_forms.py" line="126"/>
        <source>Kasus baru</source>
        <translation>New case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="126"/>
        <source>Ubah kasus</source>
        <translation>Edit case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="165"/>
        <source>Tanggal sesi</source>
        <translation>Session date</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="166"/>
        <source>Durasi (menit)</source>
        <translation>Duration (minutes)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="38"/>
        <location filename="../../klinik/ui/case_forms.py" line="167"/>
        <location filename="../../klinik/ui/privacy.py" line="91"/>
        <source>Cara</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="168"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="47"/>
        <source>Catatan sesi</source>
        <translation>Session notes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="169"/>
        <location filename="../../klinik/ui/detail/cases.py" line="41"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="48"/>
        <source>Rekomendasi</source>
        <translation>Recommendations</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="171"/>
        <location filename="../../klinik/ui/detail/cases.py" line="42"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="49"/>
        <source>Langkah berikutnya</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="173"/>
        <source>Satu per baris: apa @ tanggal, mis. Urus NIB @ 05/12/2026</source>
        <translation>One per line: what @ date, e.g. Apply for NIB @ 05/12/2026</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="174"/>
        <source>Setiap baris menjadi tindak lanjut dengan tenggatnya.</source>
        <translation>Each line becomes a follow-up with its due date.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="176"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="51"/>
        <source>Sesi berikutnya</source>
        <translation>Next session</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="178"/>
        <source>Persiapan (menit)</source>
        <translation>Preparation (minutes)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="194"/>
        <source>Catat sesi — {client}</source>
        <translation>Log session — {client}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="196"/>
        <source>Ubah sesi — {client}</source>
        <translation>Edit session — {client}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="40"/>
        <location filename="../../klinik/ui/case_forms.py" line="233"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="24"/>
        <location filename="../../klinik/ui/directory.py" line="143"/>
        <source>Instansi</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="41"/>
        <location filename="../../klinik/ui/case_forms.py" line="232"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="26"/>
        <location filename="../../klinik/ui/privacy.py" line="92"/>
        <source>Keperluan</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="228"/>
        <source> (nama perlu diperiksa)</source>
        <translation> (name to be checked)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="228"/>
        <location filename="../../klinik/ui/areas/clients.py" line="366"/>
        <location filename="../../klinik/ui/case_forms.py" line="234"/>
        <location filename="../../klinik/ui/case_forms.py" line="273"/>
        <location filename="../../klinik/ui/detail/cases.py" line="40"/>
        <location filename="../../klinik/ui/detail/clients.py" line="170"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="34"/>
        <location filename="../../klinik/ui/privacy.py" line="99"/>
        <location filename="../../klinik/ui/privacy.py" line="131"/>
        <source>Catatan</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="111"/>
        <location filename="../../klinik/ui/case_forms.py" line="240"/>
        <source>Rujukan baru</source>
        <translation>New referral</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="264"/>
        <source>Jenis hasil</source>
        <translation>Outcome type</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="35"/>
        <location filename="../../klinik/ui/case_forms.py" line="265"/>
        <location filename="../../klinik/ui/detail/clients.py" line="154"/>
        <source>Tanggal</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="361"/>
        <location filename="../../klinik/ui/case_forms.py" line="266"/>
        <source>Jenis izin</source>
        <translation>Licence type</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="267"/>
        <source>Lembaga pembiayaan</source>
        <translation>Financing institution</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="268"/>
        <source>Skema</source>
        <translation>Scheme</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="269"/>
        <source>Jumlah diajukan</source>
        <translation>Amount applied for</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="270"/>
        <source>Jumlah (disetujui / omzet baru)</source>
        <translation>Amount (approved / new turnover)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="226"/>
        <location filename="../../klinik/ui/case_forms.py" line="271"/>
        <location filename="../../klinik/ui/detail/clients.py" line="164"/>
        <source>Saluran pasar</source>
        <translation>Market channels</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="272"/>
        <location filename="../../klinik/ui/detail/reports.py" line="40"/>
        <source>Tenaga kerja baru</source>
        <translation>New jobs</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/case_forms.py" line="283"/>
        <source>Catat hasil</source>
        <translation>Record outcome</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="50"/>
        <source>Aktifkan</source>
        <translation>Activate</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="51"/>
        <source>Tunda</source>
        <translation>Put on hold</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="52"/>
        <source>Rujuk</source>
        <translation>Refer</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="53"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="29"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="32"/>
        <source>Selesai</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="54"/>
        <source>Tutup (dengan alasan)</source>
        <translation>Close (with reason)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="64"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="65"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="39"/>
        <location filename="../../klinik/ui/areas/sessions.py" line="36"/>
        <location filename="../../klinik/ui/main_window.py" line="84"/>
        <source>Klien</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="66"/>
        <location filename="../../klinik/ui/areas/cases.py" line="104"/>
        <location filename="../../klinik/ui/areas/clients.py" line="362"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="42"/>
        <location filename="../../klinik/ui/detail/cases.py" line="92"/>
        <location filename="../../klinik/ui/detail/clients.py" line="145"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="27"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="69"/>
        <source>Aktivitas terakhir</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="76"/>
        <source>Cari judul kasus atau klien … (Ctrl+F)</source>
        <translation>Search case title or client … (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="78"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="52"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="81"/>
        <location filename="../../klinik/ui/areas/reports.py" line="60"/>
        <location filename="../../klinik/ui/areas/sessions.py" line="49"/>
        <source>Semua konsultan</source>
        <translation>All consultants</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="84"/>
        <location filename="../../klinik/ui/areas/clients.py" line="59"/>
        <location filename="../../klinik/ui/areas/reports.py" line="65"/>
        <source>Semua kabupaten/kota</source>
        <translation>All regencies/cities</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="85"/>
        <location filename="../../klinik/ui/areas/sessions.py" line="52"/>
        <source>Semua bidang</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="86"/>
        <location filename="../../klinik/ui/areas/clients.py" line="60"/>
        <source>Arsip</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="93"/>
        <source>Catat sesi</source>
        <translation>Log session</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="94"/>
        <source>Catat sesi (Ctrl+Shift+S)</source>
        <translation>Log session (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="95"/>
        <location filename="../../klinik/ui/areas/clients.py" line="67"/>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="109"/>
        <source>Ringkasan PDF</source>
        <translation>Summary PDF</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="112"/>
        <location filename="../../klinik/ui/detail/cases.py" line="83"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="33"/>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="113"/>
        <location filename="../../klinik/ui/areas/cases.py" line="142"/>
        <location filename="../../klinik/ui/areas/clients.py" line="73"/>
        <location filename="../../klinik/ui/areas/clients.py" line="188"/>
        <source>Arsipkan</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="114"/>
        <location filename="../../klinik/ui/areas/clients.py" line="75"/>
        <source>Riwayat …</source>
        <translation>History …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="133"/>
        <source>{n} kasus</source>
        <translation>Cases: {n}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="142"/>
        <location filename="../../klinik/ui/areas/clients.py" line="188"/>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="36"/>
        <source>Sesi direncanakan</source>
        <translation>Planned session</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="36"/>
        <source>Sesi pendampingan</source>
        <translation>Mentoring session</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="35"/>
        <location filename="../../klinik/ui/main_window.py" line="86"/>
        <source>Sesi</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="200"/>
        <source>Tutup kasus</source>
        <translation>Close case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="200"/>
        <source>Alasan menutup kasus (wajib):</source>
        <translation>Reason for closing the case (required):</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="239"/>
        <location filename="../../klinik/ui/areas/clients.py" line="93"/>
        <location filename="../../klinik/ui/areas/clients.py" line="396"/>
        <source>Ringkasan pendampingan</source>
        <translation>Mentoring summary</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="254"/>
        <source>Apa yang harus dilakukan</source>
        <translation>What has to be done</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="255"/>
        <location filename="../../klinik/ui/privacy.py" line="371"/>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="256"/>
        <source>Tenggat</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="263"/>
        <source>Tindak lanjut baru</source>
        <translation>New follow-up</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="290"/>
        <source>Arsipkan kasus</source>
        <translation>Archive case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="291"/>
        <source>Arsipkan kasus {title}? Kasus tidak dihapus dan bisa dipulihkan.</source>
        <translation>Archive the case {title}? It will not be deleted and can be restored.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="308"/>
        <source>Kasus {title} diarsipkan.</source>
        <translation>Case {title} archived.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="127"/>
        <source>tanpa konsultan</source>
        <translation>no consultant</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="138"/>
        <source>Dibuka</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="129"/>
        <source>{n} sesi, {h} jam, {f} tindak lanjut terbuka</source>
        <translation>{n} sessions, {h} hours, {f} open follow-ups</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="140"/>
        <source>Tujuan</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="141"/>
        <source>Linimasa</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="46"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="33"/>
        <source>menit</source>
        <translation>minutes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="53"/>
        <source>selesai</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="53"/>
        <source>buka lagi</source>
        <translation>reopen</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="58"/>
        <source>terbuka</source>
        <translation>open</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="58"/>
        <source>tandai selesai</source>
        <translation>mark as done</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/cases.py" line="110"/>
        <location filename="../../klinik/ui/detail/cases.py" line="61"/>
        <location filename="../../klinik/ui/detail/sessions.py" line="50"/>
        <source>Tindak lanjut</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="66"/>
        <source>ke</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="121"/>
        <source>Ditutup</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="44"/>
        <location filename="../../klinik/ui/areas/clients.py" line="204"/>
        <source>Nama usaha</source>
        <translation>Business name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="45"/>
        <location filename="../../klinik/ui/areas/clients.py" line="199"/>
        <location filename="../../klinik/ui/detail/clients.py" line="112"/>
        <source>Pemilik</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="46"/>
        <location filename="../../klinik/ui/areas/clients.py" line="223"/>
        <location filename="../../klinik/ui/detail/clients.py" line="122"/>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="47"/>
        <location filename="../../klinik/ui/areas/clients.py" line="205"/>
        <location filename="../../klinik/ui/detail/clients.py" line="123"/>
        <source>Produk</source>
        <translation>Products</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="48"/>
        <location filename="../../klinik/ui/detail/clients.py" line="129"/>
        <source>Terdaftar</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="56"/>
        <source>Cari nama usaha, pemilik, produk, NIB, no. HP … (Ctrl+F)</source>
        <translation>Search business name, owner, product, NIB, mobile no. … (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="66"/>
        <location filename="../../klinik/ui/areas/clients.py" line="258"/>
        <location filename="../../klinik/ui/detail/reports.py" line="34"/>
        <source>Klien baru</source>
        <translation>New client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="68"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="71"/>
        <location filename="../../klinik/ui/areas/sessions.py" line="59"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="41"/>
        <source>Buka kasus</source>
        <translation>Open case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="69"/>
        <location filename="../../klinik/ui/areas/clients.py" line="319"/>
        <source>Data usaha</source>
        <translation>Business data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="70"/>
        <location filename="../../klinik/ui/detail/clients.py" line="145"/>
        <source>Izin</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="77"/>
        <source>Ekspor semua data klien ini …</source>
        <translation>Export all data of this client …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="80"/>
        <source>Hapus data pribadi …</source>
        <translation>Erase personal data …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="89"/>
        <source>Cetak</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="94"/>
        <source>Surat keterangan pendampingan …</source>
        <translation>Mentoring statement (Surat keterangan) …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="116"/>
        <source>Persetujuan</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="117"/>
        <source>Persetujuan data pribadi (UU PDP)</source>
        <translation>Consent to personal data processing (PDP Law)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="130"/>
        <source>Catat persetujuan …</source>
        <translation>Record consent …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="131"/>
        <source>Tarik persetujuan …</source>
        <translation>Withdraw consent …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="133"/>
        <source>Cetak formulir persetujuan</source>
        <translation>Print consent form</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="135"/>
        <source>Formulir kosong (untuk klien baru)</source>
        <translation>Blank form (for a new client)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="167"/>
        <source>{n} klien</source>
        <translation>Clients: {n}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="215"/>
        <location filename="../../klinik/ui/detail/clients.py" line="113"/>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="216"/>
        <location filename="../../klinik/ui/detail/clients.py" line="114"/>
        <source>Jenis kelamin</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="217"/>
        <location filename="../../klinik/ui/detail/clients.py" line="115"/>
        <source>Pendidikan</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="219"/>
        <location filename="../../klinik/ui/detail/clients.py" line="116"/>
        <location filename="../../klinik/ui/directory.py" line="168"/>
        <source>No. HP</source>
        <translation>Mobile no.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="117"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="221"/>
        <location filename="../../klinik/ui/detail/clients.py" line="118"/>
        <location filename="../../klinik/ui/directory.py" line="169"/>
        <location filename="../../klinik/ui/first_run.py" line="126"/>
        <source>E-mail</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="222"/>
        <location filename="../../klinik/ui/detail/clients.py" line="119"/>
        <location filename="../../klinik/ui/directory.py" line="129"/>
        <location filename="../../klinik/ui/first_run.py" line="123"/>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="224"/>
        <location filename="../../klinik/ui/detail/clients.py" line="120"/>
        <source>Kecamatan</source>
        <translation>District (kecamatan)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="225"/>
        <location filename="../../klinik/ui/detail/clients.py" line="121"/>
        <source>Kelurahan/desa</source>
        <translation>Village (kelurahan/desa)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="206"/>
        <location filename="../../klinik/ui/detail/clients.py" line="124"/>
        <source>Sektor</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="207"/>
        <location filename="../../klinik/ui/detail/clients.py" line="125"/>
        <source>Bentuk usaha</source>
        <translation>Legal form</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="208"/>
        <location filename="../../klinik/ui/detail/clients.py" line="126"/>
        <source>NIB</source>
        <translation>NIB</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="209"/>
        <location filename="../../klinik/ui/detail/clients.py" line="127"/>
        <source>NPWP</source>
        <translation>NPWP</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="128"/>
        <source>Mulai usaha</source>
        <translation>In business since</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="130"/>
        <source>Asosiasi</source>
        <translation>Association</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="52"/>
        <source>belum ada</source>
        <translation>not yet</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="69"/>
        <source>koreksi</source>
        <translation>correct</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="198"/>
        <source>Usaha</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="200"/>
        <source>Lokasi</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="201"/>
        <location filename="../../klinik/ui/detail/clients.py" line="162"/>
        <source>Pasar dan kesiapan</source>
        <translation>Market and readiness</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="205"/>
        <source>mis. amplang, kerupuk ikan</source>
        <translation>e.g. amplang, fish crackers</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="206"/>
        <source>mis. makanan olahan</source>
        <translation>e.g. processed food</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="208"/>
        <source>13 angka</source>
        <translation>13 digits</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="210"/>
        <source>KBLI</source>
        <translation>KBLI</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="211"/>
        <source>Tahun mulai usaha</source>
        <translation>Year business started</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="212"/>
        <source>Terdaftar di klinik</source>
        <translation>Registered at the clinic</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="213"/>
        <source>Asosiasi/komunitas</source>
        <translation>Association/community</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="214"/>
        <source>Nama pemilik</source>
        <translation>Owner&apos;s name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="215"/>
        <source>16 angka</source>
        <translation>16 digits</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="218"/>
        <source>Disabilitas</source>
        <translation>Disability</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="220"/>
        <source>WhatsApp (bila beda)</source>
        <translation>WhatsApp (if different)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="227"/>
        <location filename="../../klinik/ui/detail/clients.py" line="165"/>
        <source>Kesiapan</source>
        <translation>Readiness</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="258"/>
        <source>Ubah klien</source>
        <translation>Edit client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="294"/>
        <source>Tanggal data</source>
        <translation>Date recorded</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="295"/>
        <source>Omzet per tahun</source>
        <translation>Annual turnover</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="296"/>
        <source>Modal usaha (tanpa tanah dan bangunan)</source>
        <translation>Business capital (excluding land and buildings)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="297"/>
        <source>Total aset</source>
        <translation>Total assets</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="298"/>
        <source>Pekerja tetap laki-laki</source>
        <translation>Permanent workers, male</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="299"/>
        <source>Pekerja tetap perempuan</source>
        <translation>Permanent workers, female</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="300"/>
        <source>Pekerja tidak tetap laki-laki</source>
        <translation>Non-permanent workers, male</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="301"/>
        <source>Pekerja tidak tetap perempuan</source>
        <translation>Non-permanent workers, female</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="302"/>
        <source>Kapasitas produksi</source>
        <translation>Production capacity</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="303"/>
        <source>Sumber data</source>
        <translation>Data source</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="306"/>
        <source>Alasan koreksi</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="335"/>
        <source>Koreksi data usaha</source>
        <translation>Correct business data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="337"/>
        <source>Angka lama tetap tersimpan di riwayat bersama alasan koreksi.</source>
        <translation>The old figures stay in the history, with the reason for the correction.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="363"/>
        <location filename="../../klinik/ui/detail/clients.py" line="145"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="364"/>
        <source>Tanggal terbit</source>
        <translation>Date issued</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="365"/>
        <location filename="../../klinik/ui/detail/clients.py" line="145"/>
        <source>Berlaku sampai</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="376"/>
        <source>Izin usaha</source>
        <translation>Business licence</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="466"/>
        <source>Arsipkan klien</source>
        <translation>Archive client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="468"/>
        <source>Arsipkan {name}? Klien tidak dihapus dan bisa dipulihkan dari daftar Arsip.</source>
        <translation>Archive {name}? The client will not be deleted and can be restored from the Archived list.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/clients.py" line="492"/>
        <source>Klien {name} diarsipkan.</source>
        <translation>Client {name} archived.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/cases.py" line="81"/>
        <location filename="../../klinik/ui/detail/clients.py" line="89"/>
        <source>ubah</source>
        <translation>edit</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="151"/>
        <source>Semua izin yang tercatat:</source>
        <translation>All recorded licences:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="142"/>
        <source>Izin usaha (NIB → SPP-IRT → halal → BPOM)</source>
        <translation>Business licences (NIB → SPP-IRT → halal → BPOM)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="153"/>
        <source>Riwayat skala usaha</source>
        <translation>Business size history</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="154"/>
        <source>Omzet/tahun</source>
        <translation>Turnover/year</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="154"/>
        <source>Modal</source>
        <translation>Capital</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="154"/>
        <location filename="../../klinik/ui/detail/clients.py" line="157"/>
        <source>Pekerja</source>
        <translation>Workers</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="154"/>
        <source>Kelas</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="140"/>
        <source>Kecamatan belum diisi.</source>
        <translation>District (kecamatan) not filled in yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="69"/>
        <source>naik kelas</source>
        <translation>moved up a class</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="85"/>
        <source>Belum ada data usaha.</source>
        <translation>No business data yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="106"/>
        <source>Belum ada kasus.</source>
        <translation>No cases yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="134"/>
        <source>Naik kelas</source>
        <translation>Moved up a class</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/clients.py" line="137"/>
        <source>Diarsipkan</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="46"/>
        <location filename="../../klinik/ui/areas/home.py" line="55"/>
        <source>Hari ini, {date}</source>
        <translation>Today, {date}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="77"/>
        <source>Tindak lanjut jatuh tempo dan terlambat</source>
        <translation>Follow-ups due and overdue</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="78"/>
        <source>Tidak ada tindak lanjut yang jatuh tempo.</source>
        <translation>No follow-ups are due.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="79"/>
        <source>Sesi minggu ini</source>
        <translation>Sessions this week</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="80"/>
        <source>Belum ada sesi yang direncanakan minggu ini.</source>
        <translation>No sessions planned for this week yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="81"/>
        <source>Rujukan menunggu jawaban</source>
        <translation>Referrals awaiting a reply</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="82"/>
        <source>Tidak ada rujukan yang menunggu.</source>
        <translation>No referrals awaiting a reply.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="83"/>
        <source>Kasus tanpa sesi selama {n} hari</source>
        <translation>Cases with no session for {n} days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/home.py" line="84"/>
        <source>Semua kasus aktif terdampingi.</source>
        <translation>All active cases are being mentored.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="21"/>
        <source>Menunggu &gt; 14 hari</source>
        <translation>Waiting &gt; 14 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="22"/>
        <source>Menunggu &gt; 30 hari</source>
        <translation>Waiting &gt; 30 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="23"/>
        <source>Menunggu &gt; 60 hari</source>
        <translation>Waiting &gt; 60 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="27"/>
        <source>Diterima</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="28"/>
        <source>Ditolak</source>
        <translation>Declined</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="38"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="29"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="43"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="28"/>
        <source>Nomor surat</source>
        <translation>Letter number</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="50"/>
        <source>Cari klien, instansi, nomor surat … (Ctrl+F)</source>
        <translation>Search client, agency, letter number … (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="58"/>
        <source>Semua instansi</source>
        <translation>All agencies</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="60"/>
        <source>Lama menunggu</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="64"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="117"/>
        <location filename="../../klinik/ui/certificate.py" line="186"/>
        <source>Terbitkan surat</source>
        <translation>Issue letter</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="65"/>
        <source>Lihat surat</source>
        <translation>View letter</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="90"/>
        <source>{n} rujukan</source>
        <translation>Referrals: {n}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/referrals.py" line="25"/>
        <source>Kepada</source>
        <translation>Addressed to</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/referrals.py" line="30"/>
        <source>Dikirim</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/referrals.py" line="31"/>
        <source>Dijawab</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="119"/>
        <source>Terbitkan surat rujukan ini? Nomor surat berikutnya dipakai dan tidak bisa dipakai lagi, walaupun surat dibatalkan.</source>
        <translation>Issue this referral letter? It takes the next letter number, which can never be used again, even if the letter is cancelled.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="134"/>
        <location filename="../../klinik/ui/certificate.py" line="214"/>
        <source>Surat {number} diterbitkan.</source>
        <translation>Letter {number} issued.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="158"/>
        <source>DRAF: surat ini belum bernomor. Terbitkan untuk memberi nomor.</source>
        <translation>DRAFT: this letter has no number yet. Issue it to give it one.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="137"/>
        <location filename="../../klinik/ui/areas/referrals.py" line="164"/>
        <source>Surat rujukan</source>
        <translation>Referral letter</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="171"/>
        <location filename="../../klinik/ui/detail/cases.py" line="68"/>
        <location filename="../../klinik/ui/detail/referrals.py" line="41"/>
        <location filename="../../klinik/ui/main_window.py" line="87"/>
        <source>Rujukan</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="171"/>
        <source>Hasil / jawaban instansi:</source>
        <translation>Outcome / agency&apos;s reply:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="38"/>
        <source>Tahun ini</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="39"/>
        <source>Triwulan ini</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="40"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="41"/>
        <source>Tahun lalu</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="45"/>
        <source>Periode khusus …</source>
        <translation>Custom period …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="70"/>
        <source>Buat laporan PDF …</source>
        <translation>Make PDF report …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="77"/>
        <source>Periode:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/reports.py" line="120"/>
        <source>Laporan periode</source>
        <translation>Period report</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="33"/>
        <source>UMKM didampingi</source>
        <translation>UMKM mentored</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="36"/>
        <source>Jam pendampingan</source>
        <translation>Mentoring hours</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="37"/>
        <location filename="../../klinik/ui/detail/reports.py" line="50"/>
        <source>Izin diperoleh</source>
        <translation>Licences obtained</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="38"/>
        <source>Pembiayaan disetujui</source>
        <translation>Financing approved</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="39"/>
        <location filename="../../klinik/ui/detail/reports.py" line="51"/>
        <source>Akses pasar baru</source>
        <translation>New market access</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="41"/>
        <source>UMKM naik kelas</source>
        <translation>Businesses that moved up a class</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="49"/>
        <source>Jam per kabupaten/kota</source>
        <translation>Hours by regency/city</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/reports.py" line="48"/>
        <source>Jam per bidang</source>
        <translation>Hours by area</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="21"/>
        <source>7 hari terakhir</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="22"/>
        <source>30 hari terakhir</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="23"/>
        <source>90 hari terakhir</source>
        <translation>Last 90 days</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="24"/>
        <source>Setahun terakhir</source>
        <translation>Last 12 months</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="25"/>
        <source>Direncanakan</source>
        <translation>Planned</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="37"/>
        <location filename="../../klinik/ui/detail/clients.py" line="168"/>
        <location filename="../../klinik/ui/main_window.py" line="85"/>
        <source>Kasus</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="39"/>
        <source>Menit</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="47"/>
        <source>Cari catatan sesi atau klien … (Ctrl+F)</source>
        <translation>Search session notes or client … (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="51"/>
        <source>Semua cara</source>
        <translation>All modes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="54"/>
        <source>Semua tanggal</source>
        <translation>All dates</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="58"/>
        <source>Ubah sesi</source>
        <translation>Edit session</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/sessions.py" line="87"/>
        <source>{n} sesi</source>
        <translation>Sessions: {n}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/sessions.py" line="32"/>
        <source>direncanakan</source>
        <translation>planned</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/sessions.py" line="33"/>
        <source>menit persiapan</source>
        <translation>minutes of preparation</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/sessions.py" line="26"/>
        <source>tanpa tenggat</source>
        <translation>no due date</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/errors.py" line="53"/>
        <source>Terjadi kesalahan di Klinik. Data yang sudah disimpan aman.
Rincian dicatat di {log}.</source>
        <translation>Something went wrong in Klinik. Data already saved is safe.
Details have been written to {log}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="21"/>
        <source>Klinik</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="23"/>
        <source>Nama Anda</source>
        <translation>Your name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="56"/>
        <source>Tambah …</source>
        <translation>Add …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="58"/>
        <source>Ubah …</source>
        <translation>Edit …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="71"/>
        <location filename="../../klinik/ui/certificate.py" line="218"/>
        <location filename="../../klinik/ui/certificate.py" line="243"/>
        <source>Surat keterangan pendampingan</source>
        <translation>Mentoring statement (Surat keterangan)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="141"/>
        <source>Surat bernomor (dari register surat yang sama dengan surat rujukan) yang menerangkan bahwa {name} didampingi klinik: sejak kapan, berapa sesi dan jam, bidang, serta izin dan capaian yang diperoleh.</source>
        <translation>A numbered letter (from the same register as referral letters) stating that {name} is mentored by the clinic: since when, how many sessions and hours, which areas, and the licences and outcomes reached. The letter itself is in Indonesian.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="88"/>
        <source>(tanpa instansi tujuan)</source>
        <translation>(no receiving agency)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="89"/>
        <source>Untuk instansi</source>
        <translation>For agency</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="95"/>
        <source>Tanggal surat</source>
        <translation>Letter date</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="105"/>
        <source>Surat keterangan yang sudah terbit:</source>
        <translation>Statements already issued:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="152"/>
        <source>dibatalkan</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="157"/>
        <source>(belum ada)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="114"/>
        <source>Terbitkan dan tampilkan</source>
        <translation>Issue and show</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="119"/>
        <source>Cetak ulang yang dipilih</source>
        <translation>Print the selected again</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="128"/>
        <location filename="../../klinik/ui/directory.py" line="61"/>
        <location filename="../../klinik/ui/documents.py" line="66"/>
        <location filename="../../klinik/ui/main_window.py" line="310"/>
        <location filename="../../klinik/ui/privacy.py" line="212"/>
        <location filename="../../klinik/ui/privacy.py" line="408"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="164"/>
        <source>Belum ada sesi pendampingan yang tercatat: surat belum bisa diterbitkan.</source>
        <translation>No mentoring session recorded yet: the statement cannot be issued.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="166"/>
        <source>Didampingi sejak {since}: {sessions} sesi, {hours} jam; {reached} capaian.</source>
        <translation>Mentored since {since}: sessions {sessions}, hours {hours}; outcomes {reached}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/certificate.py" line="188"/>
        <source>Terbitkan surat keterangan pendampingan untuk {name}? Nomor surat berikutnya dipakai dan tidak bisa dipakai lagi.</source>
        <translation>Issue the mentoring statement for {name}? The next letter number is used and can never be used again.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/areas/referrals.py" line="142"/>
        <location filename="../../klinik/ui/certificate.py" line="228"/>
        <source>Menerbitkan surat …</source>
        <translation>Issuing the letter …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="112"/>
        <source>nama perlu diperiksa</source>
        <translation>name to be checked</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="126"/>
        <location filename="../../klinik/ui/directory.py" line="207"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="126"/>
        <source>mis. DINKES-PKY</source>
        <translation>e.g. DINKES-PKY</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="127"/>
        <source>Nama instansi</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="128"/>
        <source>Jabatan penerima surat</source>
        <translation>Addressee&apos;s title</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="128"/>
        <source>mis. Kepala Dinas Kesehatan Kota Palangka Raya</source>
        <translation>e.g. Kepala Dinas Kesehatan Kota Palangka Raya</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="131"/>
        <source>Wilayah kerja</source>
        <translation>Serves</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="131"/>
        <source>Provinsi / seluruh wilayah</source>
        <translation>Province / everywhere</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="132"/>
        <source>Urusan (untuk saran rujukan)</source>
        <translation>Handles (for referral suggestions)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="133"/>
        <source>Nama perlu diperiksa dengan kop surat instansi</source>
        <translation>Name to be checked against the agency&apos;s letterhead</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="134"/>
        <location filename="../../klinik/ui/directory.py" line="213"/>
        <source>Aktif (muncul di pilihan rujukan)</source>
        <translation>Active (offered for referrals)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="147"/>
        <source>Instansi rujukan</source>
        <translation>Referral agencies</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="165"/>
        <source>Nama lengkap (dengan gelar)</source>
        <translation>Full name (with degrees)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="166"/>
        <source>Inisial</source>
        <translation>Initials</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="167"/>
        <location filename="../../klinik/ui/first_run.py" line="24"/>
        <source>Jabatan (untuk tanda tangan)</source>
        <translation>Job title (for signatures)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="170"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="112"/>
        <location filename="../../klinik/ui/directory.py" line="156"/>
        <location filename="../../klinik/ui/directory.py" line="197"/>
        <source>tidak aktif</source>
        <translation>inactive</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="207"/>
        <source>mis. merek</source>
        <translation>e.g. merek</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="208"/>
        <source>Nama keperluan</source>
        <translation>Purpose name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="209"/>
        <source>Instansi biasanya</source>
        <translation>Usual agency</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="210"/>
        <source>Hal (perihal surat)</source>
        <translation>Subject (Hal)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="211"/>
        <source>Isi surat</source>
        <translation>Letter body</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="212"/>
        <source>Paragraf dipisah baris kosong. Tanda yang bisa dipakai: {words}</source>
        <translation>Separate paragraphs with an empty line. Words you can use: {words}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="223"/>
        <source>Keperluan rujukan</source>
        <translation>Referral purpose</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="224"/>
        <source>Tanda yang bisa dipakai di Hal dan Isi surat: {words}. Tulis {identitas} sebagai paragraf tersendiri untuk tabel identitas pelaku usaha.</source>
        <translation>Words you can use in the subject and the body: {words}. Put {identitas} in a paragraph of its own for the table of the business&apos;s identity.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="232"/>
        <source>Keperluan rujukan dan templat surat</source>
        <translation>Referral purposes and letter templates</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="25"/>
        <location filename="../../klinik/ui/first_run.py" line="122"/>
        <source>Nama klinik</source>
        <translation>Clinic name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="26"/>
        <source>Alamat klinik</source>
        <translation>Clinic address</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/directory.py" line="130"/>
        <location filename="../../klinik/ui/first_run.py" line="27"/>
        <source>Kota</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="28"/>
        <source>Kode unit pada nomor surat</source>
        <translation>Unit code in letter numbers</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="30"/>
        <location filename="../../klinik/ui/first_run.py" line="128"/>
        <source>Pola nomor surat</source>
        <translation>Letter number pattern</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="32"/>
        <source>{seq:03d} nomor urut, {unit} kode unit, {roman_month} bulan Romawi, {year} tahun</source>
        <translation>{seq:03d} sequence number, {unit} unit code, {roman_month} month in Roman numerals, {year} year</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="34"/>
        <source>Penanda tangan surat</source>
        <translation>Letters signed by</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="35"/>
        <source>nama lengkap dengan gelar, misalnya Dra. Hj. Rusdiana, M.Si.</source>
        <translation>full name with titles, e.g. Dra. Hj. Rusdiana, M.Si.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="68"/>
        <source>Selamat datang di Klinik</source>
        <translation>Welcome to Klinik</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="70"/>
        <source>Isi nama Anda dan data klinik. Semuanya bisa diubah nanti di menu Berkas.</source>
        <translation>Enter your name and the clinic&apos;s details. You can change all of this later from the File menu.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="91"/>
        <source>+ Konsultan baru …</source>
        <translation>+ New consultant …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="94"/>
        <source>Ganti konsultan</source>
        <translation>Switch consultant</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="94"/>
        <source>Konsultan yang memakai Klinik:</source>
        <translation>Consultant using Klinik:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="100"/>
        <source>Konsultan baru</source>
        <translation>New consultant</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="100"/>
        <source>Nama:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="124"/>
        <source>Kota (tempat surat)</source>
        <translation>Town (shown on letters)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="125"/>
        <source>Telepon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="127"/>
        <source>Kode unit</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="36"/>
        <location filename="../../klinik/ui/first_run.py" line="129"/>
        <source>Jabatan penanda tangan</source>
        <translation>Signatory&apos;s job title</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="130"/>
        <source>Nama penanda tangan</source>
        <translation>Signatory&apos;s name</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="131"/>
        <source>Pangkat/golongan</source>
        <translation>Rank/grade</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="131"/>
        <source>boleh kosong, misalnya Pembina (IV/a)</source>
        <translation>optional, e.g. Pembina (IV/a)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="132"/>
        <source>NIP/NIK penanda tangan</source>
        <translation>Signer&apos;s NIP/NIK</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="132"/>
        <source>boleh kosong; 18 angka NIP atau 16 angka NIK</source>
        <translation>optional; an 18-digit NIP or a 16-digit NIK</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="133"/>
        <source>Kertas surat</source>
        <translation>Letter paper</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="134"/>
        <source>F4 (folio, 215 × 330 mm)</source>
        <translation>F4 (folio, 215 × 330 mm)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/first_run.py" line="144"/>
        <source>Pengaturan klinik</source>
        <translation>Clinic settings</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="328"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="45"/>
        <source>Ekspor daftar klien</source>
        <translation>Export client list</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="46"/>
        <source>Ekspor daftar kasus</source>
        <translation>Export case list</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="47"/>
        <source>Ekspor daftar sesi</source>
        <translation>Export session list</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="51"/>
        <source>Titik koma ( ; ) – Excel berbahasa Indonesia</source>
        <translation>Semicolon ( ; ) – Excel in Indonesian</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="52"/>
        <source>Koma ( , ) – Excel berbahasa Inggris</source>
        <translation>Comma ( , ) – Excel in English</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="53"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="93"/>
        <source>Simpan sebagai preset …</source>
        <translation>Save as preset …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="114"/>
        <source>Sertakan data pribadi (NIK, no. HP, alamat, omzet)</source>
        <translation>Include personal data (NIK, phone, address, turnover)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="118"/>
        <source>Data pribadi hanya disertakan untuk klien yang menyetujui berbagi data dengan asosiasi. Tanpa pilihan ini NIK tidak ikut, no. HP disamarkan, alamat hanya sampai kecamatan, dan omzet diganti kelas usaha.</source>
        <translation>Personal data is only included for clients who agreed to share it with associations. Without this choice the NIK is left out, phone numbers are masked, addresses stop at the district and turnover is replaced by the size class.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="124"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="126"/>
        <source>Pemisah kolom CSV</source>
        <translation>CSV column separator</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="127"/>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="134"/>
        <source>Kolom:</source>
        <translation>Columns:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="141"/>
        <source>Ekspor …</source>
        <translation>Export …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="142"/>
        <location filename="../../klinik/ui/forms.py" line="329"/>
        <location filename="../../klinik/ui/import_dialog.py" line="302"/>
        <location filename="../../klinik/ui/privacy.py" line="299"/>
        <location filename="../../klinik/ui/tasks.py" line="123"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="170"/>
        <source>(kolom bawaan)</source>
        <translation>(default columns)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="194"/>
        <source>Simpan preset</source>
        <translation>Save preset</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="194"/>
        <source>Nama preset (mis. Akumandiri, APINDO, Dekranasda):</source>
        <translation>Preset name (e.g. Akumandiri, APINDO, Dekranasda):</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="223"/>
        <source>Kolom {columns} berisi nomor panjang. Excel dan spreadsheet lain membaca nomor itu dari berkas CSV sebagai bilangan dan mengubahnya (mis. NIK 16 digit …268 menjadi …270; NIB tampil sebagai 1,23457E+12). Pakai XLSX: di sana nomor itu tersimpan utuh sebagai teks.</source>
        <translation>The {columns} column(s) hold long numbers. Excel and other spreadsheets read them from a CSV file as numbers and change them (e.g. a 16-digit NIK …268 becomes …270; an NIB shows as 1.23457E+12). Use XLSX: there they are kept whole, as text.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="232"/>
        <source>Pilih paling sedikit satu kolom.</source>
        <translation>Choose at least one column.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="237"/>
        <source>Simpan ekspor</source>
        <translation>Save export</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="258"/>
        <source>Mengekspor …</source>
        <translation>Exporting …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="263"/>
        <source>{n} baris diekspor ke {path}.</source>
        <translation>{n} rows exported to {path}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="266"/>
        <source>Ekspor selesai</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="276"/>
        <source>Ekspor dibatalkan; tidak ada berkas yang ditulis.</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/export_dialog.py" line="102"/>
        <source>data pribadi</source>
        <translation>personal data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="350"/>
        <source>Buang perubahan?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="351"/>
        <source>Isian di formulir ini belum disimpan. Tutup dan buang isian itu?</source>
        <translation>What you typed in this form is not saved yet. Close it and discard what you typed?</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="373"/>
        <source>Wajib diisi: {fields}.</source>
        <translation>Required: {fields}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="375"/>
        <source>Perbaiki: {fields}.</source>
        <translation>Please correct: {fields}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/forms.py" line="399"/>
        <source>Menyimpan …</source>
        <translation>Saving …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="71"/>
        <source>Klinik — Pendampingan UMKM</source>
        <translation>Klinik — UMKM Mentoring</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="83"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="88"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="109"/>
        <source>Urungkan</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="168"/>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="169"/>
        <source>&amp;Baru …</source>
        <translation>&amp;New …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="171"/>
        <source>Catat &amp;sesi untuk kasus terpilih</source>
        <translation>Log &amp;session for selected case</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="175"/>
        <source>&amp;Ekspor daftar ini …</source>
        <translation>&amp;Export this list …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="177"/>
        <source>&amp;Cadangkan sekarang</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="178"/>
        <source>&amp;Pulihkan dari cadangan …</source>
        <translation>&amp;Restore from backup …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="179"/>
        <source>&amp;Impor klien dari Excel/CSV …</source>
        <translation>&amp;Import clients from Excel/CSV …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="180"/>
        <source>Batalkan impor terakhir …</source>
        <translation>Undo the last import …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="182"/>
        <source>Ganti &amp;konsultan …</source>
        <translation>Switch &amp;consultant …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="183"/>
        <source>&amp;Pengaturan klinik …</source>
        <translation>Clinic se&amp;ttings …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="184"/>
        <source>&amp;Instansi rujukan …</source>
        <translation>Referral &amp;agencies …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="185"/>
        <source>Keperluan dan &amp;templat surat …</source>
        <translation>Purposes and letter &amp;templates …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="186"/>
        <source>Daftar k&amp;onsultan …</source>
        <translation>C&amp;onsultants …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="187"/>
        <source>Ba&amp;hasa …</source>
        <translation>&amp;Language …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="189"/>
        <source>&amp;Keluar</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="190"/>
        <source>&amp;Tampilan</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="191"/>
        <source>&amp;Cari</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="192"/>
        <source>&amp;Muat ulang</source>
        <translation>&amp;Reload</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="201"/>
        <source>Ban&amp;tuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="202"/>
        <source>&amp;Tentang Klinik</source>
        <translation>&amp;About Klinik</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="258"/>
        <source>Buka daftar Klien, Kasus atau Sesi untuk mengekspornya.</source>
        <translation>Open the Clients, Cases or Sessions list to export it.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="282"/>
        <source>Basis data ini bukan berkas lokal; cadangkan di servernya.</source>
        <translation>This database is not a local file; back it up on its server.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="290"/>
        <location filename="../../klinik/ui/main_window.py" line="319"/>
        <source>Cadangan tersimpan: {path}</source>
        <translation>Backup saved: {path}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="293"/>
        <location filename="../../klinik/ui/main_window.py" line="317"/>
        <source>Mencadangkan …</source>
        <translation>Backing up …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="304"/>
        <source>Data jauh berkurang</source>
        <translation>Much less data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="307"/>
        <source>Data memang berkurang: simpan sebagai cadangan biasa</source>
        <translation>The data really shrank: keep it as a regular backup</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="336"/>
        <source>Basis data ini bukan berkas lokal; pulihkan di servernya.</source>
        <translation>This database is not a local file; restore it on its server.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="342"/>
        <source>Belum ada cadangan.</source>
        <translation>There are no backups yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="345"/>
        <source>{when} — {clients} klien, {cases} kasus, {sessions} sesi</source>
        <translation>{when} — {clients} clients, {cases} cases, {sessions} sessions</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="353"/>
        <location filename="../../klinik/ui/main_window.py" line="363"/>
        <source>Pulihkan dari cadangan</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="354"/>
        <source>Cadangan (terbaru di atas):</source>
        <translation>Backups (newest first):</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="364"/>
        <source>Ganti semua data dengan isi cadangan ini? Data sekarang disimpan dulu di folder cadangan.</source>
        <translation>Replace all data with this backup? The current data is first kept in the backup folder.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="387"/>
        <source>Data dipulihkan dari {path}.</source>
        <translation>Data restored from {path}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="407"/>
        <source>Cadangan otomatis gagal: {error}</source>
        <translation>Automatic backup failed: {error}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="442"/>
        <source>{clients} klien · {cases} kasus · {sessions} sesi · {referrals} rujukan</source>
        <translation>Clients: {clients} · Cases: {cases} · Sessions: {sessions} · Referrals: {referrals}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="446"/>
        <source>Konsultan: {name}</source>
        <translation>Consultant: {name}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="446"/>
        <source>Belum memilih konsultan</source>
        <translation>No consultant selected</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="499"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="499"/>
        <source>Bahasa antarmuka (berlaku saat Klinik dibuka lagi):</source>
        <translation>Interface language (takes effect next time Klinik is opened):</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="508"/>
        <source>Tentang Klinik</source>
        <translation>About Klinik</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/main_window.py" line="510"/>
        <source>&lt;h3&gt;Klinik {version}&lt;/h3&gt;&lt;p&gt;Pendampingan UMKM untuk konsultan Klinik Bisnis.&lt;/p&gt;&lt;p&gt;Folder data:&lt;br&gt;&lt;code&gt;{folder}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Klinik {version}&lt;/h3&gt;&lt;p&gt;UMKM mentoring for Klinik Bisnis (business clinic) consultants.&lt;/p&gt;&lt;p&gt;Data folder:&lt;br&gt;&lt;code&gt;{folder}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="60"/>
        <source>Simpan sebagai …</source>
        <translation>Save as …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="63"/>
        <source>Cetak …</source>
        <translation>Print …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="68"/>
        <source>{n} halaman</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="85"/>
        <source>Simpan PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="85"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="93"/>
        <source>Berkas tidak dapat disimpan: {error}</source>
        <translation>The file could not be saved: {error}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="107"/>
        <source>Printer tidak dapat dipakai.</source>
        <translation>The printer cannot be used.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/documents.py" line="143"/>
        <source>Menyiapkan dokumen …</source>
        <translation>Preparing the document …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="44"/>
        <source>Lewati</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="45"/>
        <source>Gabungkan ke klien yang ada</source>
        <translation>Merge into the existing client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="46"/>
        <source>Buat klien baru</source>
        <translation>Create a new client</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="182"/>
        <source>Impor klien — {name}</source>
        <translation>Import clients — {name}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="191"/>
        <location filename="../../klinik/ui/import_dialog.py" line="274"/>
        <source>Kolom di berkas</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="191"/>
        <source>Contoh isi</source>
        <translation>Example</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="191"/>
        <location filename="../../klinik/ui/import_dialog.py" line="274"/>
        <source>Diisi ke</source>
        <translation>Goes to</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="203"/>
        <location filename="../../klinik/ui/import_dialog.py" line="385"/>
        <source>(tidak diimpor)</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="211"/>
        <source>{n} baris data. Periksa kolom mana mengisi apa; tebakan bisa diubah.</source>
        <translation>{n} rows of data. Check which column fills what; the guesses can be changed.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="215"/>
        <source>Pemetaan dari impor sebelumnya dipakai.</source>
        <translation>The mapping of the previous import is used.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="80"/>
        <location filename="../../klinik/ui/import_dialog.py" line="97"/>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="80"/>
        <location filename="../../klinik/ui/privacy.py" line="374"/>
        <source>Kolom</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="80"/>
        <source>Masalah</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="97"/>
        <source>Mirip dengan</source>
        <translation>Similar to</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="97"/>
        <location filename="../../klinik/ui/privacy.py" line="372"/>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="246"/>
        <source>Terapkan ke semua</source>
        <translation>Apply to all</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="256"/>
        <source>Untuk semua kemungkinan duplikat:</source>
        <translation>For every possible duplicate:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="274"/>
        <source>Baris berisi data</source>
        <translation>Rows with data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="282"/>
        <source>Baris yang ditolak (tidak diimpor):</source>
        <translation>Rejected rows (not imported):</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="288"/>
        <source>Kemungkinan duplikat:</source>
        <translation>Possible duplicates:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="297"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="299"/>
        <location filename="../../klinik/ui/import_dialog.py" line="321"/>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="321"/>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="341"/>
        <source>Memeriksa baris-baris berkas …</source>
        <translation>Checking the rows of the file …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="344"/>
        <source>Memeriksa {name} …</source>
        <translation>Checking {name} …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="353"/>
        <source>Pemeriksaan dibatalkan; tidak ada yang disimpan.</source>
        <translation>Check cancelled; nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="392"/>
        <source>Kolom ini berisi data, tetapi tidak diimpor.</source>
        <translation>This column has data, but it is not imported.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="400"/>
        <source>Perhatian: kolom {names} berisi data tetapi tidak diimpor; datanya tidak akan masuk ke Klinik. Tekan Kembali dan pilih bidangnya di “Diisi ke”, atau biarkan bila memang tidak perlu.</source>
        <translation>Attention: the column(s) {names} hold data but are not imported; that data will not reach Klinik. Press Back and choose its field under “Goes to”, or leave it if it is not needed.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="412"/>
        <source>Tindakan: {skip} dilewati, {merge} digabungkan, {create} dibuat baru.</source>
        <translation>Actions: {skip} skipped, {merge} merged, {create} created as new.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="423"/>
        <source>{n} dengan NIK yang sama tidak bisa dibuat sebagai klien baru; tindakannya tidak diubah.</source>
        <translation>{n} with the same NIK cannot be created as new clients; their action is unchanged.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="441"/>
        <source>Mengimpor …</source>
        <translation>Importing …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="447"/>
        <source>Impor selesai</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="459"/>
        <source>Impor klien dari berkas</source>
        <translation>Import clients from a file</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="459"/>
        <source>Lembar kerja (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="478"/>
        <source>Batalkan impor terakhir</source>
        <translation>Undo the last import</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="479"/>
        <source>Hapus klien yang dibuat oleh impor terakhir dan kembalikan data yang digabungkan?</source>
        <translation>Delete the clients the last import created and restore the merged data?</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="489"/>
        <source>Tidak ada impor yang bisa dibatalkan.</source>
        <translation>There is no import to undo.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/import_dialog.py" line="495"/>
        <source>Membatalkan impor …</source>
        <translation>Undoing the import …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="48"/>
        <source>sejak {date}, {method}, teks versi {version}</source>
        <translation>since {date}, {method}, text version {version}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="59"/>
        <source>Belum disetujui: {purposes}</source>
        <translation>Not agreed: {purposes}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="65"/>
        <source>{method} · teks versi {version} · dicatat oleh {who}</source>
        <translation>{method} · text version {version} · recorded by {who}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="72"/>
        <source>ditarik {date}</source>
        <translation>withdrawn {date}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="90"/>
        <source>Tanggal persetujuan</source>
        <translation>Date of consent</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="94"/>
        <source>Centang setiap keperluan yang disetujui pemilik; paling sedikit satu.</source>
        <translation>Tick each purpose the owner agreed to; at least one.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="95"/>
        <source>Versi teks persetujuan</source>
        <translation>Consent text version</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="96"/>
        <source>Versi teks yang dibaca dan ditandatangani pemilik (tercetak di formulir).</source>
        <translation>The version of the text the owner read and signed (printed on the form).</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="97"/>
        <source>Dicatat oleh</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="100"/>
        <source>mis. formulir disimpan di map klien</source>
        <translation>e.g. form kept in the client&apos;s folder</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="107"/>
        <source>Catat persetujuan data pribadi</source>
        <translation>Record consent to personal data processing</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="110"/>
        <source>Setiap keperluan disetujui sendiri-sendiri. Perubahan keperluan dicatat sebagai persetujuan baru; yang lama tetap di riwayat.</source>
        <translation>Each purpose is agreed to separately. A change of purposes is recorded as a new consent; the old one stays in the history.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="130"/>
        <source>Tanggal penarikan</source>
        <translation>Date of withdrawal</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="132"/>
        <source>mis. disampaikan lewat telepon</source>
        <translation>e.g. said over the phone</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="142"/>
        <location filename="../../klinik/ui/privacy.py" line="151"/>
        <source>Tarik persetujuan</source>
        <translation>Withdraw consent</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="145"/>
        <source>Pemilik data menarik persetujuannya. Sejak tanggal ini tidak ada surat rujukan baru atau data yang dibagikan ke asosiasi untuk klien ini. Pengolahan yang sudah dilakukan sebelumnya tetap sah. Catat persetujuan baru bila pemilik setuju lagi.</source>
        <translation>The data owner withdraws consent. From this date no new referral letters are issued and no data is shared with associations for this client. Processing done before stays lawful. Record a new consent if the owner agrees again.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="168"/>
        <source>Formulir persetujuan data pribadi</source>
        <translation>Personal data consent form</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="188"/>
        <source>Pilih folder untuk salinan data klien</source>
        <translation>Choose a folder for the copy of the client&apos;s data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="202"/>
        <source>Salinan data klien</source>
        <translation>Copy of the client&apos;s data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="205"/>
        <source>Salinan semua data klien ini tersimpan di {folder}:

• {json}
• {pdf}

Berkas JSON berisi semua data (bisa dibaca program lain); PDF berisi data yang sama untuk dibaca pemilik. Serahkan hanya kepada pemilik data.</source>
        <translation>A copy of all data of this client was saved in {folder}:

• {json}
• {pdf}

The JSON file holds all the data (readable by other programs); the PDF holds the same data for the owner to read. Hand them only to the data owner.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="210"/>
        <source>Buka folder</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="221"/>
        <source>Menyiapkan salinan data klien …</source>
        <translation>Preparing the copy of the client&apos;s data …</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="233"/>
        <location filename="../../klinik/ui/privacy.py" line="287"/>
        <source>Hapus data pribadi</source>
        <translation>Erase personal data</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="236"/>
        <source>Hapus data pribadi {name}?</source>
        <translation>Erase the personal data of {name}?</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="243"/>
        <source>Yang dihapus:</source>
        <translation>Removed:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="246"/>
        <source>nama usaha dan nama pemilik, NIK, nomor telepon/WhatsApp, e-mail, alamat, NIB/NPWP, catatan klien, catatan sesi, tindak lanjut dan rujukan, serta isi dan berkas surat rujukan.</source>
        <translation>business and owner name, NIK, phone/WhatsApp number, e-mail, address, NIB/NPWP, client notes, session notes, follow-ups and referrals, and the content and files of referral letters.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="251"/>
        <source>Yang tetap ada, tanpa nama, untuk laporan:</source>
        <translation>Kept, without a name, for reports:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="254"/>
        <source>jumlah sesi dan durasinya, tanggal, bidang pendampingan, kabupaten, sektor, data usaha (omzet, modal, pekerja), izin dan hasil. Di daftar klien tertulis &apos;Klien terhapus #nomor&apos;.</source>
        <translation>the number of sessions and their duration, dates, mentoring areas, regency, sector, business data (turnover, capital, workers), licences and outcomes. The client list shows &apos;Klien terhapus #number&apos;.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="259"/>
        <source>Penghapusan tidak bisa dibatalkan.</source>
        <translation>Erasure cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="262"/>
        <source>Cadangan yang dibuat sebelum hari ini masih memuat data ini sampai cadangan itu dihapus karena lebih tua dari masa simpan cadangan ({days} hari).</source>
        <translation>Backups made before today still hold this data until they are deleted for being older than the backup retention period ({days} days).</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="273"/>
        <source>Untuk melanjutkan, ketik nama usaha ({name}) atau {word}:</source>
        <translation>To continue, type the business name ({name}) or {word}:</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="281"/>
        <source>Konfirmasi penghapusan</source>
        <translation>Erasure confirmation</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="354"/>
        <source>Menghapus data pribadi dan membersihkan berkas data … (bisa beberapa menit)</source>
        <translation>Erasing personal data and cleaning the data file … (may take a few minutes)</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="370"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="373"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="375"/>
        <source>Keluar dari laptop</source>
        <translation>Left the laptop</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="387"/>
        <source>Semua yang dilakukan dengan data ini, terbaru di atas. Hanya nama kolom yang dicatat, bukan isinya. &apos;Keluar dari laptop&apos; menandai ekspor dan dokumen cetak.</source>
        <translation>Everything done with this data, newest first. Only field names are recorded, never their content. &apos;Left the laptop&apos; marks exports and printed documents.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="425"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="403"/>
        <source>Belum ada yang tercatat.</source>
        <translation>Nothing recorded yet.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="470"/>
        <source>Riwayat data</source>
        <translation>Data history</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/privacy.py" line="474"/>
        <source>Riwayat data — {name}</source>
        <translation>Data history — {name}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="84"/>
        <source>Persetujuan data pribadi</source>
        <translation>Consent to personal data processing</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="87"/>
        <source>Data pribadi klien ini telah dihapus pada {date}.</source>
        <translation>This client&apos;s personal data was erased on {date}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="37"/>
        <source>Persetujuan terakhir ditarik pada {date}.</source>
        <translation>The last consent was withdrawn on {date}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="44"/>
        <source>Belum ada persetujuan — surat rujukan dan berbagi dengan asosiasi tidak bisa dilakukan</source>
        <translation>No consent yet — referral letters and sharing with associations are not possible</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/detail/privacy.py" line="94"/>
        <source>Riwayat persetujuan</source>
        <translation>Consent history</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="36"/>
        <source>Basis data rusak</source>
        <translation>Damaged database</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="36"/>
        <source>Basis data kosong</source>
        <translation>Empty database</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="42"/>
        <source>Basis data Klinik kosong, padahal ada cadangan berisi data. Klinik tidak membuat basis data baru di atasnya.</source>
        <translation>Klinik&apos;s database is empty, although a backup holds data. Klinik does not create a new database over it.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="46"/>
        <source>Basis data Klinik rusak dan tidak dapat dibuka dengan aman.</source>
        <translation>The Klinik database is damaged and cannot be opened safely.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="47"/>
        <source>Berkas: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="49"/>
        <source>Masalah: {reason}</source>
        <translation>Problem: {reason}</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="55"/>
        <source>Cadangan baik terbaru: {when} — {clients} klien, {cases} kasus, {sessions} sesi.</source>
        <translation>Newest good backup: {when} — {clients} clients, {cases} cases, {sessions} sessions.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="57"/>
        <source>Data yang dimasukkan sesudah cadangan itu tidak ada di dalamnya. Berkas sekarang tidak dihapus: disimpan dengan tanggal dan jam.</source>
        <translation>Data entered after that backup is not in it. The current file is not deleted: it is kept with the date and time.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="109"/>
        <source>Dipulihkan dari cadangan {when}. Berkas sebelumnya disimpan sebagai {path}.</source>
        <translation>Restored from the backup of {when}. The previous file was kept as {path}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="61"/>
        <source>Pulihkan cadangan terbaru ({when})</source>
        <translation>Restore the newest backup ({when})</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="68"/>
        <source>Tidak ada cadangan yang baik di {folder}.</source>
        <translation>There is no good backup in {folder}.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="69"/>
        <source>Jangan hapus berkas itu. Salin seluruh folder data {folder} ke tempat aman dan minta bantuan teknisi; sebagian besar data sering masih bisa diselamatkan. Untuk mulai dengan basis data kosong, pindahkan berkas itu ke folder lain lalu buka Klinik lagi.</source>
        <translation>Do not delete the file. Copy the whole data folder {folder} to a safe place and ask a technician for help; most of the data can often still be rescued. To start with an empty database, move the file to another folder and open Klinik again.</translation>
    </message>
    <message>
        <location filename="../../klinik/ui/damaged.py" line="75"/>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
</context>
</TS>
