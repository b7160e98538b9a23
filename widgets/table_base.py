"""What the panels' flat tables share: a fixed list of translated column headers, and columns
sized to what they can show, measured with the view's own font."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyle, QTableView

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class HeaderedTableModel(QAbstractTableModel):
    """A flat table whose columns are its ``_headers``: translated names the subclass sets in
    its ``__init__``, one per column."""

    _headers: list[str]

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


# A little room beyond the text: a column that fits exactly on one machine's fonts may elide
# on another's after a font fallback.
_SPARE = 6


def cell_margin(view: QTableView) -> int:
    """What a cell takes from its width besides its text: the item delegate's margin on both
    sides and the grid line."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 2 * margin + 1


def header_width(view: QTableView, column: int) -> int:
    """The width a column's header needs for its whole title and the sort indicator."""
    header = view.horizontalHeader()
    style = header.style()
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    return (
        header.fontMetrics().horizontalAdvance(title)
        + 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        + style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        + _SPARE
    )


def fit_columns(view: QTableView, texts: Mapping[int, Iterable[str]]) -> None:
    """Size each of these columns to the widest of the texts it can show (and its header), so
    that none of them is ever elided. The texts are every value a column can hold (the labels
    of its codes, the distinct names of the rows), not the rows themselves: measuring 100,000
    rows on every change would cost what the queue saves elsewhere."""
    metrics = view.fontMetrics()
    margin = cell_margin(view)
    for column, candidates in texts.items():
        widest = max((metrics.horizontalAdvance(text) for text in candidates), default=0)
        view.setColumnWidth(column, max(widest + margin + _SPARE, header_width(view, column)))


def widest_digits(view: QTableView, pattern: str) -> str:
    """``pattern`` with every "0" replaced by the font's widest digit: a sample of a formatted
    number or time ("00-00 00:00") at its widest."""
    metrics = view.fontMetrics()
    digit = max("0123456789", key=metrics.horizontalAdvance)
    return pattern.replace("0", digit)
