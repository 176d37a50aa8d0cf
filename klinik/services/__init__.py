"""The service layer: the one way the CLI, the window and reports reach the data.

Documents go one way: ``documents.py`` fetches a read model (``readmodels.py``,
``reporting.PeriodReport``), builds the PDF with ``klinik.reports``, writes it and records it.

Every function takes keyword-only arguments, the first being ``db`` (one SQLModel
Session per unit of work), checks its input and raises ``ValidationError`` (every field's
problem, in Indonesian) before writing anything. Lists are paged, sorted and filtered in SQL.
"""
