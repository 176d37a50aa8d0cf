"""A table model that holds light rows and loads them a page at a time from the services.

The view asks for more rows as it scrolls (``canFetchMore``/``fetchMore``); sorting and
filtering re-run the query in SQL. Every page is read off the GUI thread. ``ID_ROLE`` gives a row's record id.
Anchors: Anki's browser table model (ids, rows on demand); Vorta's DB-free partial models.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

logger = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 200

_Index = QModelIndex | QPersistentModelIndex


@dataclasses.dataclass
class Column:
    """One column: the row attribute, its header, how to show it, its SQL sort key."""

    key: str
    title: str
    sort_key: str | None = None
    format: Callable[[Any], str] | None = None
    align_right: bool = False
    width: int = 140


Load = Callable[[int, int, str | None, Callable[[list[Any]], None]], None]


class PagedTableModel(QAbstractTableModel):
    """Rows come from ``load(offset, limit, sort, deliver)``, which reads them off the GUI
    thread and calls ``deliver(rows)`` on it (at once when ops run inline).

    While a page is on its way ``loading`` is true and the rows shown stay as they were; a
    page asked for before a newer reload (a sort, a filter) is dropped when it arrives.
    """

    loading_changed = Signal(bool)

    def __init__(
        self,
        columns: list[Column],
        load: Load,
        *,
        default_sort: str | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.columns = columns
        self._load = load
        self._rows: list[Any] = []
        self._sort = default_sort
        self._exhausted = True
        self._generation = 0
        self._loading = False

    # --- loading ---------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def reload(self, done: Callable[[], None] | None = None) -> None:
        """Start again from the first page (after a filter, sort or data change); ``done``
        runs once the page is shown.

        Only one page is read; how many rows match in all is counted elsewhere (off the GUI
        thread), because a count reads every match while a page stops at 200.
        """
        self._generation += 1
        generation = self._generation
        self._set_loading(True)

        def deliver(rows: list[Any]) -> None:
            if generation != self._generation:
                return  # a newer reload replaced this one
            self.beginResetModel()
            self._rows = list(rows)
            self._exhausted = len(self._rows) < PAGE_SIZE
            self.endResetModel()
            self._set_loading(False)
            if done is not None:
                done()

        self._load(0, PAGE_SIZE, self._sort, deliver)

    def load_failed(self) -> None:
        """The page could not be read: stop waiting for it (the error is shown elsewhere)."""
        self._generation += 1
        self._set_loading(False)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading:
            return
        generation = self._generation
        self._set_loading(True)

        def deliver(more: list[Any]) -> None:
            if generation != self._generation:
                return
            self._exhausted = len(more) < PAGE_SIZE
            if more:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
                self._rows.extend(more)
                self.endInsertRows()
            self._set_loading(False)

        self._load(len(self._rows), PAGE_SIZE, self._sort, deliver)

    @property
    def complete(self) -> bool:
        """True when every matching row is loaded (rowCount is then the total)."""
        return self._exhausted

    @property
    def sort_key(self) -> str | None:
        return self._sort

    # --- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, column.key, None)
            if column.format is not None:
                return column.format(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.id
        if role == ROW_ROLE:
            return row
        return None

    def sort(
        self, column: int, order=Qt.SortOrder.AscendingOrder, done: Callable[[], None] | None = None
    ) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        key = self.columns[column].sort_key
        self._sort = f"-{key}" if order == Qt.SortOrder.DescendingOrder else key
        self.reload(done)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, record_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == record_id:
                return i
        return None
