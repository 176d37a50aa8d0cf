"""PDF documents (reportlab, no Qt): referral letters, mentoring summaries, period reports.

Pure builders: a read model (plain data) in, PDF bytes out. Nothing here queries the store,
imports the services or writes the audit trail; ``klinik.services.documents`` fetches, builds,
writes and records (tests/test_import_graph.py keeps it so).
"""
