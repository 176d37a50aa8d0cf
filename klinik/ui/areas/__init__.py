"""The areas of the main window: one module per area (Beranda, Klien, Kasus, Sesi, Rujukan)."""
