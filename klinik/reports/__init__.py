"""PDF documents (reportlab, no Qt): referral letters, mentoring summaries, period reports."""
