"""The big screen (数据驾驶舱, issue 19): the whole area at a glance on the video wall.

Beside the live map (placed by the desktop), the view shows KPI tiles (open, overdue, closed
today, 按期办结率, mode and level), a bar chart of the events reported in each of the last 24
hours and lines of those reported and closed on each of the last 30 days (pyqtgraph), the newest
events scrolling by, and the most urgent alarms; in emergency mode the red banner and the
checklist's progress. Everything is sized to be read from five metres and needs no hand on it.

It runs for weeks: each refresh replaces the values of the same widgets and plot items (no item
is added per refresh, the lists hold a fixed number of rows), so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from models.snapshots import AlarmRow
from models.wall_rows import WallEvent, WallFigures
from widgets.emergency import LEVEL_COLOURS, level_labels
from widgets.labels import alarm_labels, clock_labels, mode_labels, state_labels
from widgets.timefmt import LOCAL_ZONE

BACKGROUND = "#0b1a2e"
PANEL = "#12294a"
TEXT = "#e8f0ff"
ACCENT = "#4fc3f7"
ALARM_COLOURS = {"warning": "#f9a825", "overdue": "#ff7043", "escalated": "#ff1744"}
ROWS_SHOWN = 9  # newest events and alarms in view; the newest list scrolls through 12
SCROLL_MS = 4000


def _label(text: str = "", size: int = 22, colour: str = TEXT, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # codes, names and reasons are data
    label.setStyleSheet(
        f"color: {colour}; font-size: {size}px; {'font-weight: bold;' if bold else ''}"
    )
    return label


def _colour(label: QLabel, colour: str, rest: str) -> None:
    # A style sheet is re-applied (and the widget re-polished) only when the colour changes:
    # setting it on every refresh costs more than the rest of the refresh.
    if label.property("wall_colour") != colour:
        label.setProperty("wall_colour", colour)
        label.setStyleSheet(f"color: {colour}; {rest}")


class KpiTile(QFrame):
    """One figure in large type with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall_tile")
        self.setStyleSheet(f"#wall_tile {{ background: {PANEL}; border-radius: 8px; }}")
        self.caption = _label(caption, 22, "#9fb6d6")
        self.value = _label("–", 56, TEXT, bold=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def show_value(self, text: str, colour: str = TEXT) -> None:
        """The figure, in its colour (red for a figure that calls for attention)."""
        self.value.setText(text)
        _colour(self.value, colour, "font-size: 56px; font-weight: bold;")


class RowList(QFrame):
    """A titled list of a fixed number of lines: set whole, never grown."""

    def __init__(self, title: str, rows: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall_list")
        self.setStyleSheet(f"#wall_list {{ background: {PANEL}; border-radius: 8px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(_label(title, 24, ACCENT, bold=True))
        self.lines = [_label("", 22) for _ in range(rows)]
        for line in self.lines:
            # A long line is cut at the panel's edge rather than widen the wall past its screen.
            line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(line)
        layout.addStretch(1)

    def show_lines(self, lines: Sequence[tuple[str, str]]) -> None:
        """(text, colour) per line; the rest left empty."""
        for n, line in enumerate(self.lines):
            text, colour = lines[n] if n < len(lines) else ("", TEXT)
            line.setText(text)
            _colour(line, colour, "font-size: 22px;")

    def texts(self) -> list[str]:
        """What the lines say (for the tests, as an operator reads them)."""
        return [line.text() for line in self.lines if line.text()]


def _plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background=PANEL)
    plot.setTitle(title, color=TEXT, size="18pt")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    font = QFont()
    font.setPixelSize(18)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen(TEXT)
        axis.setPen("#5b7396")
        axis.setStyle(tickFont=font)
    return plot


class WallView(QWidget):
    """The big screen's figures, charts and lists (the map is the desktop's to place).

    Signals:
        shown(): new figures are on the tiles and the charts.
    """

    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wall_view")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#wall_view {{ background: {BACKGROUND}; }}")
        self.title = _label(self.tr("数据驾驶舱 · 一屏观全域"), 34, TEXT, bold=True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clock = _label("", 30, ACCENT, bold=True)
        self.banner = _label("", 26, "white", bold=True)
        self.banner.setWordWrap(True)
        self.banner.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        captions = {
            "open": self.tr("未结事件"),
            "overdue": self.tr("超时事件"),
            "closed_today": self.tr("今日办结"),
            "on_time": self.tr("按期办结率（30日）"),
            "mode": self.tr("运行模式"),
        }
        self.tiles = {key: KpiTile(caption) for key, caption in captions.items()}
        tiles = QGridLayout()
        for n, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, n)
        self.hours_plot = _plot(self.tr("近24小时上报"))
        self.hour_bars = pg.BarGraphItem(
            x=list(range(24)), height=[0] * 24, width=0.8, brush=ACCENT
        )
        self.hours_plot.addItem(self.hour_bars)
        self.days_plot = _plot(self.tr("近30日上报与办结"))
        self.days_plot.addLegend(labelTextColor=TEXT, labelTextSize="16pt", offset=(10, 5))
        self.reported_line = self.days_plot.plot(
            [], [], pen=pg.mkPen(ACCENT, width=4), name=self.tr("上报")
        )
        self.closed_line = self.days_plot.plot(
            [], [], pen=pg.mkPen("#66bb6a", width=4), name=self.tr("办结")
        )
        charts = QHBoxLayout()
        charts.addWidget(self.hours_plot)
        charts.addWidget(self.days_plot)
        self.newest = RowList(self.tr("最新事件"), ROWS_SHOWN)
        self.alarms = RowList(self.tr("超时预警"), ROWS_SHOWN)
        lists = QHBoxLayout()
        lists.addWidget(self.newest, 1)
        lists.addWidget(self.alarms, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(tiles)
        layout.addLayout(charts, 3)
        layout.addLayout(lists, 3)
        self._newest: tuple[WallEvent, ...] = ()
        self._offset = 0
        # The newest events scroll: every few seconds the list moves on by one.
        self._scroll = QTimer(self)
        self._scroll.setInterval(SCROLL_MS)
        self._scroll.timeout.connect(self._scroll_newest)
        self._scroll.start()

    def show_figures(self, figures: WallFigures) -> None:
        """Show new figures: tiles, charts, the newest events, the mode and its banner."""
        f = figures
        self.clock.setText(f.at.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M"))
        self.tiles["open"].show_value(str(f.open))
        self.tiles["overdue"].show_value(str(f.overdue), "#ff7043" if f.overdue else TEXT)
        self.tiles["closed_today"].show_value(str(f.closed_today), "#66bb6a")
        self.tiles["on_time"].show_value(
            "–" if f.on_time_rate is None else f"{f.on_time_rate * 100:.1f}%"
        )
        self._show_mode(f)
        self.hour_bars.setOpts(height=list(f.hours))
        hours = [
            (n, (f.hours_start + timedelta(hours=n)).astimezone(LOCAL_ZONE).strftime("%H"))
            for n in range(0, len(f.hours), 3)
        ]
        self.hours_plot.getAxis("bottom").setTicks([hours])
        days = list(range(len(f.days_reported)))
        self.reported_line.setData(days, list(f.days_reported))
        self.closed_line.setData(days, list(f.days_closed))
        ticks = [
            (n, (f.days_start + timedelta(days=n)).strftime("%m-%d"))
            for n in range(0, len(days), 5)
        ]
        self.days_plot.getAxis("bottom").setTicks([ticks])
        self._newest = f.newest
        self._offset = 0
        self._show_newest()
        self.shown.emit()

    def _show_mode(self, f: WallFigures) -> None:
        emergency = f.emergency
        if emergency is None:
            self.tiles["mode"].show_value(mode_labels().get(f.mode, f.mode))
            self.banner.hide()
            return
        level = level_labels().get(emergency.level, emergency.level)
        colour = LEVEL_COLOURS.get(emergency.level, "#c00000")
        self.tiles["mode"].show_value(
            self.tr("{mode} {level}").format(mode=mode_labels().get(f.mode, f.mode), level=level),
            colour,
        )
        done = sum(1 for item in emergency.checklist if item.done)
        self.banner.setText(
            self.tr("应急模式 · {plan} · {level}响应 · {reason} · 处置清单 {done}/{total}").format(
                plan=emergency.plan,
                level=level,
                reason=emergency.reason.replace("\n", " "),
                done=done,
                total=len(emergency.checklist),
            )
        )
        self.banner.setStyleSheet(
            f"background: {colour}; color: white; font-size: 26px; font-weight: bold; "
            "padding: 6px; border-radius: 6px;"
        )
        self.banner.show()

    def _show_newest(self) -> None:
        states = state_labels()
        rows = self._newest[self._offset :] + self._newest[: self._offset]
        self.newest.show_lines(
            [
                (
                    f"{e.reported_at.astimezone(LOCAL_ZONE):%H:%M}  {e.category}  {e.grid}  "
                    f"{states.get(e.state, e.state)}",
                    TEXT,
                )
                for e in rows[:ROWS_SHOWN]
            ]
        )

    def _scroll_newest(self) -> None:
        if len(self._newest) > ROWS_SHOWN:
            self._offset = (self._offset + 1) % len(self._newest)
            self._show_newest()

    def show_alarms(self, alarms: Sequence[AlarmRow]) -> None:
        """The most urgent alarms, most urgent first."""
        levels, clocks = alarm_labels(), clock_labels()
        self.alarms.show_lines(
            [
                (
                    f"{levels.get(a.level, a.level)}  {a.category}  {a.code}  "
                    f"{clocks.get(a.clock, a.clock)} {a.deadline.astimezone(LOCAL_ZONE):%m-%d}",
                    ALARM_COLOURS.get(a.level, TEXT),
                )
                for a in alarms[:ROWS_SHOWN]
            ]
        )

    def tile_text(self, key: str) -> str:
        """What a tile says (for the tests, as an operator reads it)."""
        return self.tiles[key].value.text()
