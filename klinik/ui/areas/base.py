"""What the list areas share: a filter bar, a lazy table, a detail pane beside it."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from klinik.services.validation import SEARCH_MAX_LENGTH
from klinik.ui import ops
from klinik.ui.context import AppContext
from klinik.ui.i18n import tr
from klinik.ui.table_model import ID_ROLE, Column, PagedTableModel

SEARCH_DEBOUNCE_MS = 60
LOADING_AFTER_MS = 150  # a detail that takes longer says "Memuat …" meanwhile

DETAIL_CSS = """
body { font-size: 13px; }
h2 { margin: 0 0 4px 0; font-size: 18px; }
h3 { margin: 14px 0 4px 0; font-size: 14px; color: #1a4d7a; }
table.kv td { padding: 2px 10px 2px 0; vertical-align: top; }
table.kv td.k { color: #5f6368; }
table.grid { border-collapse: collapse; }
table.grid th { background: #eef3f8; text-align: left; padding: 3px 5px; white-space: nowrap; }
table.grid td { padding: 3px 5px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
.muted { color: #5f6368; }
.ok { color: #1e7b34; font-weight: bold; }
.missing { color: #b3261e; }
.badge { background: #e6f4ea; color: #1e7b34; font-weight: bold; }
.nw { white-space: nowrap; }
"""


def esc(value: Any) -> str:
    """User text as HTML: nothing a client typed can become markup."""
    return html.escape("" if value is None else str(value))


class ListArea(QWidget):
    """A filterable, sortable, lazily loaded list with a detail pane for the selected row."""

    open_case = Signal(int)
    open_client = Signal(int)

    area_key = "area"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.current_id: int | None = None
        ctx.data_changed.connect(self._data_changed)

        self.search = QLineEdit()
        self.search.setMaxLength(SEARCH_MAX_LENGTH)  # what the list functions accept
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)

        self.filter_bar = QHBoxLayout()
        self.filter_bar.setContentsMargins(0, 0, 0, 0)
        self.filter_bar.addWidget(self.search, 2)

        # Every read of the area runs off the GUI thread, and a newer one of each kind
        # cancels the older (its SQL is interrupted, its result dropped).
        self._page = ops.Latest(self, ctx, f"{self.area_key} page")
        self._counter = ops.Latest(self, ctx, f"{self.area_key} count")
        self._details = ops.Latest(self, ctx, f"{self.area_key} detail")
        self._shown_filters: dict[str, Any] = {}
        self._keep_id: int | None = None
        self._wanted: tuple[int, bool] | None = None  # (id, show it alone if not listed)
        self.model = PagedTableModel(self.columns(), self._fetch, default_sort=self.default_sort())
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self._detail_wait = QTimer(self)
        self._detail_wait.setSingleShot(True)
        self._detail_wait.setInterval(LOADING_AFTER_MS)
        self._detail_wait.timeout.connect(self._show_detail_loading)
        self.table = QTableView()
        self.table.setObjectName(f"{self.area_key}_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionClicked.connect(self._header_clicked)
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        self._show_sort_indicator(self.model.sort_key)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())

        self.toolbar = QToolBar()
        self._actions: list[QAction] = []
        self._more_menu: QMenu | None = None
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.detail = QTextBrowser()
        self.detail.setObjectName(f"{self.area_key}_detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._link_clicked)
        self.detail.document().setDefaultStyleSheet(DETAIL_CSS)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.toolbar)
        detail_layout.addWidget(self.detail, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"{self.area_key}_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.count_label.setStyleSheet("color: #5f6368;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)
        self.build_filters()
        self.build_actions()
        if self.export_kind is not None:
            self.add_action(tr("Ekspor daftar ini …"), self.export_list, needs_row=False, more=True)
        self._show_empty_detail()

    # --- for subclasses -------------------------------------------------------------------

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def default_sort(self) -> str | None:
        return None

    def build_filters(self) -> None:
        """Add filter widgets to ``self.filter_bar``."""

    def build_actions(self) -> None:
        """Add actions to ``self.toolbar``."""

    def fetch(
        self, db, filters: dict[str, Any], *, offset: int, limit: int, sort: str | None
    ) -> list[Any]:
        """One page of rows; runs in a worker thread, so no widget access."""
        raise NotImplementedError

    def _filters(self) -> dict[str, Any]:
        """The filter values as the services take them (read on the GUI thread)."""
        return {}

    def count(self, db, filters: dict[str, Any]) -> int:
        """How many rows match ``filters``; runs in a worker thread, so no widget access."""
        raise NotImplementedError

    def new_record(self) -> None:
        """Ctrl+N in this area."""

    def edit_current(self) -> None:
        """Double click or Enter on a row."""

    export_kind: str | None = None  # "clients", "cases", "sessions": lists that can be exported

    def export_list(self) -> None:
        """Export what the list shows now: its filters and its sort."""
        if self.export_kind is None:
            return
        from klinik.ui.export_dialog import ExportDialog

        dialog = ExportDialog(
            self, self.ctx, kind=self.export_kind, filters=self._filters(),
            sort=self.model.sort_key, rows_hint=self.count_label.text(),
        )  # fmt: skip
        dialog.exec()

    def count_text(self, total: int) -> str:
        return tr("{n} baris").format(n=total)

    # --- machinery ------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int, sort: str | None, deliver) -> None:
        """The model's page reader: the filters of the last reload, off the GUI thread."""
        filters = self._shown_filters
        self._page.query(
            lambda db: self.fetch(db, filters, offset=offset, limit=limit, sort=sort),
            success=deliver,
            failure=self._page_failed,
        )

    def _page_failed(self, exc: BaseException) -> None:
        from klinik.ui.errors import show_error

        self.model.load_failed()
        self.count_label.setText("")
        show_error(self, exc)

    def search_text(self) -> str | None:
        return self.search.text().strip() or None

    def combo_filter(self, placeholder: str, items: list[tuple[Any, str]], name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(placeholder, None)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self.reload)
        self.filter_bar.addWidget(combo, 1)
        return combo

    def add_action(
        self, text: str, slot: Callable[[], None], *, needs_row: bool = True, more: bool = False
    ):
        """An action on the detail pane's tool bar, or with ``more`` in its 'Lainnya' menu
        (the pane is narrow: only the frequent acts get a button)."""
        if more:
            if self._more_menu is None:
                self._more_menu = QMenu(self)
                button = QToolButton()
                button.setObjectName("more_button")
                button.setText(tr("Lainnya"))
                button.setMenu(self._more_menu)
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                self.toolbar.addWidget(button)
            action = self._more_menu.addAction(text)
        else:
            action = self.toolbar.addAction(text)
        action.triggered.connect(slot)
        action.setProperty("needs_row", needs_row)
        action.setEnabled(not needs_row)
        self._actions.append(action)
        return action

    def add_new_button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        """'Klien baru', 'Kasus baru' at the end of the filter bar (also Ctrl+N)."""
        button = QPushButton(text)
        button.setObjectName("new_button")
        button.setToolTip(tr("Baru (Ctrl+N)"))
        button.clicked.connect(slot)
        self.filter_bar.addWidget(button)
        return button

    def _data_changed(self, _kind: str) -> None:
        """After any op (or, later, a sync pull): the area on screen shows the new data at
        once; one not on screen is refreshed by the main window when it is shown."""
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the first page again (filters, sort or data changed) off the GUI thread; the
        rows shown stay until it arrives, the selected row is kept if it is still listed."""
        self._debounce.stop()
        self._shown_filters = self._filters()
        self._counter.cancel()
        self._keep_id = self.current_id
        self.count_label.setText(tr("Memuat …"))
        self.model.reload(self._page_shown)

    def _remember_current(self) -> None:
        self._keep_id = self.current_id

    def _page_shown(self) -> None:
        keep, self._keep_id = self._keep_id, None
        wanted, self._wanted = self._wanted, None
        self._update_count()
        if wanted is not None:
            record_id, alone = wanted
            if self._select_listed(record_id):
                return
            if alone:
                self._show_alone(record_id)
                return
        if keep is not None and self._select_listed(keep):
            return
        self.current_id = None
        self._details.cancel()
        self._show_empty_detail()
        self._enable_row_actions(False)

    def _update_count(self) -> None:
        """The number of matching rows: known at once when the list is short, else counted
        in the background so typing in the search box never waits for it."""
        if self.model.complete:
            self._counter.cancel()
            self.count_label.setText(self.count_text(self.model.rowCount()))
            return
        self.count_label.setText(tr("Menghitung …"))
        filters = self._shown_filters
        self._counter.query(
            lambda db: self.count(db, filters),
            success=lambda total: self.count_label.setText(self.count_text(total)),
            failure=self._count_failed,
        )

    def _count_failed(self, exc: BaseException) -> None:
        self.count_label.setText("")

    def select_id(self, record_id: int) -> bool:
        """Select the record's row. While a page is on its way, the choice is kept for it
        (and True returned); False when the record is not in the rows loaded."""
        if self.model.loading:
            self._wanted = (record_id, False)
            return True
        return self._select_listed(record_id)

    def show_record(self, record_id: int) -> None:
        """Select the record's row, or show its detail alone when it is far down the list
        (or filtered out); after the page on its way, if one is."""
        if self.model.loading:
            self._wanted = (record_id, True)
        elif not self._select_listed(record_id):
            self._show_alone(record_id)

    def _show_alone(self, record_id: int) -> None:
        self.table.clearSelection()
        self.current_id = record_id
        self.show_detail()
        self._enable_row_actions(True)

    def _select_listed(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.current_id = record_id
        self.show_detail()
        return True

    def _show_sort_indicator(self, sort: str | None) -> None:
        key = (sort or "").lstrip("-")
        for i, column in enumerate(self.model.columns):
            if column.sort_key == key:
                order = (
                    Qt.SortOrder.DescendingOrder
                    if (sort or "").startswith("-")
                    else Qt.SortOrder.AscendingOrder
                )
                self.table.horizontalHeader().setSortIndicator(i, order)
                return

    def _header_clicked(self, section: int) -> None:
        column = self.model.columns[section]
        if column.sort_key is None:
            return
        current = self.model.sort_key or ""
        descending = current == column.sort_key
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(section, order)
        self._keep_id = self.current_id
        self.count_label.setText(tr("Memuat …"))
        self.model.sort(section, order, self._page_shown)

    def _row_changed(self, current, _previous) -> None:
        record_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        self.current_id = record_id
        self._enable_row_actions(record_id is not None)
        if record_id is None:
            self._details.cancel()
            self._show_empty_detail()
        else:
            self.show_detail()

    def _enable_row_actions(self, enabled: bool) -> None:
        for action in self._actions:
            if action.property("needs_row"):
                action.setEnabled(enabled)

    # An area shows its detail by ``detail_data(db, id)`` (a read model, fetched off the GUI
    # thread; a newer click cancels the older read) with ``render_html(data)`` and
    # ``after_detail(data)`` (the actions' state).
    def detail_data(self, db, record_id: int) -> Any:
        raise NotImplementedError

    def show_detail(self) -> None:
        if self.current_id is None:
            return
        record_id = self.current_id

        def shown(data: Any) -> None:
            self._detail_wait.stop()
            if self.current_id != record_id:  # the user has moved on to another row
                return
            self.detail.setHtml(self.render_html(data))
            self.after_detail(data)

        def failed(exc: BaseException) -> None:
            from klinik.ui.errors import show_error

            self._detail_wait.stop()
            show_error(self, exc)

        self._detail_wait.start()
        self._details.query(
            lambda db: self.detail_data(db, record_id), success=shown, failure=failed
        )
        if not self._details.busy:  # delivered at once (ops inline)
            self._detail_wait.stop()

    def _show_detail_loading(self) -> None:
        if self._details.busy:
            self.detail.setHtml("<p class='muted'>" + esc(tr("Memuat …")) + "</p>")

    def render_html(self, data: Any) -> str:
        raise NotImplementedError

    def after_detail(self, data: Any) -> None:
        """Enable or label the row's actions from what the detail holds."""

    def _show_empty_detail(self) -> None:
        self._detail_wait.stop()
        hint = tr("Pilih satu baris untuk melihat rinciannya.")
        self.detail.setHtml("<p class='muted'>" + esc(hint) + "</p>")

    def _link_clicked(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "case" and value.isdigit():
            self.open_case.emit(int(value))
        elif kind == "client" and value.isdigit():
            self.open_client.emit(int(value))
        else:
            self.link_clicked(kind, value)

    def link_clicked(self, kind: str, value: str) -> None:
        """Links of an area's own detail (e.g. 'followup:12')."""

    # --- remembered layout ----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.area_key}/splitter", self.splitter.saveState())
        settings.setValue(f"{self.area_key}/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value(f"{self.area_key}/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value(f"{self.area_key}/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
