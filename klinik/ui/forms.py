"""Record forms that validate as the user types and never lose what was typed.

A form is described by ``FieldSpec``s. Each field checks itself on every change with the
same domain rule the service applies, shows the message under the field, and formats its
value when the user leaves it (phone, NIK, money, dates). Save stays disabled while a
required field is empty or a field is wrong, and says why. When the service refuses the
record anyway, its messages land under their fields and the dialog stays open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from klinik.domain.formatting import format_date, format_rupiah, parse_date, parse_money
from klinik.domain.identifiers import format_phone, normalize_phone
from klinik.errors import InvalidValue, KnownError, Refusal, ValidationError
from klinik.ui.i18n import tr

ERROR_STYLE = "color: #b3261e; font-size: 11px;"


@dataclasses.dataclass
class FieldSpec:
    """One input of a form.

    kind: text, multiline, date, money, int, phone, choice, multichoice, check.
    check: the domain rule (raises InvalidValue) run as the user types.
    choices: (value, label) pairs for choice/multichoice.
    """

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    check: Callable[[str], Any] | None = None
    choices: list[tuple[Any, str]] | None = None
    placeholder: str = ""
    group: str | None = None
    help: str = ""


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class _LeaveFilter(QObject):
    """Calls back when a widget loses focus: the moment to format what was typed."""

    def __init__(self, callback: Callable[[], None], parent: QObject):
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class FieldWidget(QObject):
    """The input of one field, its error label, and its own checking and formatting."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget):
        super().__init__(parent)
        self.spec = spec
        self.error = _error_label()
        self.server_error: str | None = None
        kind = spec.kind
        if kind == "multiline":
            self.widget: QWidget = QPlainTextEdit(parent)
            self.widget.setTabChangesFocus(True)
            self.widget.setMinimumHeight(70)
            self.widget.textChanged.connect(self._on_change)
        elif kind == "choice":
            self.widget = QComboBox(parent)
            for value, text in spec.choices or []:
                self.widget.addItem(text, value)
            self.widget.currentIndexChanged.connect(self._on_change)
        elif kind == "multichoice":
            self.widget = QWidget(parent)
            grid = QGridLayout(self.widget)
            grid.setContentsMargins(0, 0, 0, 0)
            self._boxes: list[tuple[Any, QCheckBox]] = []
            for i, (value, text) in enumerate(spec.choices or []):
                box = QCheckBox(text, self.widget)
                box.toggled.connect(self._on_change)
                grid.addWidget(box, i // 3, i % 3)
                self._boxes.append((value, box))
        elif kind == "check":
            self.widget = QCheckBox(spec.label, parent)
            self.widget.toggled.connect(self._on_change)
        else:
            self.widget = QLineEdit(parent)
            self.widget.setPlaceholderText(spec.placeholder or self._placeholder(kind))
            self.widget.textChanged.connect(self._on_change)
            self.widget.installEventFilter(_LeaveFilter(self._format_on_leave, self))
        self.widget.setObjectName(f"field_{spec.name}")
        self.widget.setAccessibleName(spec.label)
        if spec.help:
            self.widget.setToolTip(spec.help)

    @staticmethod
    def _placeholder(kind: str) -> str:
        return {
            "date": "hh/bb/tttt, mis. 20/05/2024",
            "money": "mis. Rp150.000.000 atau 150jt",
            "phone": "mis. 0812-3456-7890",
            "int": "angka",
        }.get(kind, "")

    # --- values ---------------------------------------------------------------------------

    def raw(self) -> Any:
        """What the user entered, as a string/bool/list for the service to check."""
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if self.spec.kind == "multichoice":
            return [value for value, box in self._boxes if box.isChecked()]
        return w.text()

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif isinstance(w, QComboBox):
            index = w.findData(value)
            w.setCurrentIndex(max(index, 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif self.spec.kind == "multichoice":
            chosen = set(value or [])
            for item, box in self._boxes:
                box.setChecked(item in chosen)
        else:
            w.setText(self._display(value))

    def _display(self, value: Any) -> str:
        if value is None:
            return ""
        kind = self.spec.kind
        if kind == "date" and isinstance(value, date):
            return format_date(value)
        if kind == "money" and isinstance(value, int):
            return format_rupiah(value)
        if kind == "phone" and value:
            return format_phone(str(value))
        return str(value)

    def is_blank(self) -> bool:
        value = self.raw()
        if isinstance(value, list):
            return not value
        if isinstance(value, bool):
            return False
        return value is None or not str(value).strip()

    # --- checking -------------------------------------------------------------------------

    def problem(self) -> str | None:
        """The message for this field now, or None."""
        if self.server_error:
            return self.server_error
        if self.is_blank():
            return None  # emptiness of required fields is shown by the Save button
        check = self.spec.check or self._default_check()
        if check is None:
            return None
        try:
            check(self.raw())
        except InvalidValue as exc:
            return str(exc)
        return None

    def _default_check(self) -> Callable[[Any], Any] | None:
        return {
            "date": parse_date,
            "money": parse_money,
            "phone": normalize_phone,
            "int": _parse_int,
        }.get(self.spec.kind)

    def _on_change(self, *_: Any) -> None:
        self.server_error = None
        self.refresh_error()
        self.changed.emit()

    def refresh_error(self) -> None:
        message = self.problem()
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _format_on_leave(self) -> None:
        if self.problem() or self.is_blank():
            return
        text = str(self.raw())
        kind = self.spec.kind
        try:
            if kind == "date":
                self.widget.setText(format_date(parse_date(text)))
            elif kind == "money":
                self.widget.setText(format_rupiah(parse_money(text)))
            elif kind == "phone":
                self.widget.setText(format_phone(normalize_phone(text)))
        except InvalidValue:
            pass


def _parse_int(value: Any) -> int:
    text = str(value).strip().replace(".", "")
    if not text.isdigit():
        raise InvalidValue("Isi dengan angka bulat, misalnya 60.")
    return int(text)


class RecordForm(QDialog):
    """A dialog for one record.

    ``save(values) -> record`` is the service call, made on the spot; or, with ``ctx`` and
    ``changed``, ``save(db, values) -> record`` runs as an op (``klinik.ui.ops.write``): off
    the GUI thread in one transaction, the form kept open with what was typed until it
    succeeds, bad input shown under its field, ``data_changed`` emitted for ``changed``."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        specs: list[FieldSpec],
        save: Callable[..., Any],
        *,
        values: dict[str, Any] | None = None,
        intro: str = "",
        ctx: Any = None,
        changed: str | tuple[str, ...] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._save = save
        self._ctx, self._changed = ctx, changed
        self._saving = False
        self.result_record: Any = None
        self.fields: dict[str, FieldWidget] = {}

        outer = QVBoxLayout(self)
        if intro:
            intro_label = QLabel(intro)
            intro_label.setWordWrap(True)
            outer.addWidget(intro_label)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        groups: dict[str | None, QFormLayout] = {}
        for spec in specs:
            form = groups.get(spec.group)
            if form is None:
                if spec.group:
                    box = QGroupBox(spec.group)
                    form = QFormLayout(box)
                    body_layout.addWidget(box)
                else:
                    holder = QWidget()
                    form = QFormLayout(holder)
                    form.setContentsMargins(0, 0, 0, 0)
                    body_layout.addWidget(holder)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                groups[spec.group] = form
            field = FieldWidget(spec, self)
            self.fields[spec.name] = field
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(field.widget)
            cell_layout.addWidget(field.error)
            text = "" if spec.kind == "check" else spec.label + (" *" if spec.required else "")
            label = QLabel(text)
            label.setBuddy(field.widget)
            form.addRow(label, cell)
            field.changed.connect(self._update_save)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.status = QLabel()
        self.status.setObjectName("form_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #5f6368;")
        outer.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.try_save)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_save)

        for name, value in (values or {}).items():
            if name in self.fields:
                self.fields[name].set_value(value)
        self._initial = self.values()
        self._update_save()

    def is_modified(self) -> bool:
        return self.values() != self._initial

    def reject(self) -> None:
        """Esc or Batal: ask before throwing away what was typed."""
        if self.is_modified() and self.result_record is None:
            answer = QMessageBox.question(
                self,
                tr("Buang perubahan?"),
                tr("Isian di formulir ini belum disimpan. Tutup dan buang isian itu?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def values(self) -> dict[str, Any]:
        return {name: field.raw() for name, field in self.fields.items()}

    def missing(self) -> list[str]:
        return [f.spec.label for f in self.fields.values() if f.spec.required and f.is_blank()]

    def wrong(self) -> list[str]:
        return [f.spec.label for f in self.fields.values() if f.problem()]

    def _update_save(self) -> None:
        missing, wrong = self.missing(), self.wrong()
        self.save_button.setEnabled(not missing and not wrong)
        parts = []
        if missing:
            parts.append(tr("Wajib diisi: {fields}.").format(fields=", ".join(missing)))
        if wrong:
            parts.append(tr("Perbaiki: {fields}.").format(fields=", ".join(wrong)))
        self.status.setText(" ".join(parts))

    def try_save(self) -> None:
        if not self.save_button.isEnabled() or self._saving:
            return
        if self._ctx is not None and self._changed is not None:
            self._save_as_op(self.values())
            return
        try:
            self.result_record = self._save(self.values())
        except ValidationError as exc:
            self.show_errors(exc)
            return
        except (KnownError, Refusal) as exc:
            self.status.setText(str(exc))
            return
        self.accept()

    def _save_as_op(self, values: dict[str, Any]) -> None:
        from klinik.ui import ops

        self._saving = True
        self.save_button.setEnabled(False)
        self.status.setText(tr("Menyimpan …"))

        def saved(record: Any) -> None:
            self._saving = False
            self.result_record = record
            self.accept()

        def failed(exc: BaseException) -> None:
            self._saving = False
            self._update_save()
            if isinstance(exc, ValidationError):
                self.show_errors(exc)
            elif isinstance(exc, KnownError | Refusal):
                self.status.setText(str(exc))
            else:
                from klinik.ui.errors import show_error

                show_error(self, exc)

        ops.write(
            self, self._ctx, lambda db: self._save(db, values), changed=self._changed,
            success=saved, failure=failed,
        )  # fmt: skip

    def show_errors(self, exc: ValidationError) -> None:
        """Put each message under its field; what the user typed stays as it is."""
        unplaced = []
        for error in exc.errors:
            field = self.fields.get(error.field)
            if field is None:
                unplaced.append(error.message)
                continue
            field.server_error = error.message
            field.refresh_error()
        first = next((f for f in self.fields.values() if f.problem()), None)
        if first is not None:
            first.widget.setFocus()
        self._update_save()
        if unplaced:
            self.status.setText(" ".join(unplaced))

    def error_text(self, name: str) -> str:
        field = self.fields[name]
        return field.error.text() if not field.error.isHidden() else ""
