"""The docked panels and the one manager that registers them and builds the View menu.

Each panel is a ``QDockWidget`` with a fixed ``objectName`` (so ``saveState`` finds it again),
whose content is built when it is first shown (Frescobaldi's panel manager). Data that arrives
before the content exists waits in the panel and is applied when it is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from widgets.alarm_panel import AlarmPanel
from widgets.device_list import DeviceListPanel
from widgets.duty_log import DutyLogPanel
from widgets.emergency import ChecklistPanel
from widgets.event_detail import EventDetailPanel
from widgets.event_queue import EventQueuePanel
from widgets.map_panel import MapPanel
from widgets.video_links import VideoLinksPanel

W = TypeVar("W", bound=QWidget)


class Panel(QDockWidget, Generic[W]):
    """A dock whose content widget is made on first show; ``deliver`` applies data to it."""

    def __init__(
        self, name: str, title: str, factory: Callable[[], W], parent: QMainWindow
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self._factory = factory
        self._content: W | None = None
        self._pending: dict[str, Callable[[W], None]] = {}
        self._on_built: list[Callable[[W], object]] = []

    @property
    def content(self) -> W | None:
        """The content widget, if it has been built."""
        return self._content

    def build(self) -> W:
        """Build the content now (if not yet), apply what waited, and return it."""
        if self._content is None:
            self._content = self._factory()
            self.setWidget(self._content)
            for hook in self._on_built:
                hook(self._content)
            pending, self._pending = self._pending, {}
            for apply in pending.values():
                apply(self._content)
        return self._content

    def when_built(self, hook: Callable[[W], object]) -> None:
        """Call ``hook`` with the content once it exists (now, if it does): for connections."""
        self._on_built.append(hook)
        if self._content is not None:
            hook(self._content)

    def deliver(self, key: str, apply: Callable[[W], None]) -> None:
        """Apply data to the content now, or when it is built (only the latest per ``key``)."""
        if self._content is not None:
            apply(self._content)
        else:
            self._pending[key] = apply

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)


class PanelManager:
    """Makes the four panels, places them for a post, and lists them in the View menu."""

    def __init__(self, window: QMainWindow) -> None:
        self.queue: Panel[EventQueuePanel] = Panel(
            "panel_event_queue",
            QCoreApplication.translate("PanelManager", "事件队列"),
            EventQueuePanel,
            window,
        )
        self.map: Panel[MapPanel] = Panel(
            "panel_map", QCoreApplication.translate("PanelManager", "一图总览"), MapPanel, window
        )
        self.alarms: Panel[AlarmPanel] = Panel(
            "panel_alarms",
            QCoreApplication.translate("PanelManager", "超时预警"),
            AlarmPanel,
            window,
        )
        self.video: Panel[VideoLinksPanel] = Panel(
            "panel_video_links",
            QCoreApplication.translate("PanelManager", "视频联动"),
            VideoLinksPanel,
            window,
        )
        self.detail: Panel[EventDetailPanel] = Panel(
            "panel_event_detail",
            QCoreApplication.translate("PanelManager", "事件详情"),
            EventDetailPanel,
            window,
        )
        self.checklist: Panel[ChecklistPanel] = Panel(
            "panel_checklist",
            QCoreApplication.translate("PanelManager", "应急处置清单"),
            ChecklistPanel,
            window,
        )
        self.duty_log: Panel[DutyLogPanel] = Panel(
            "panel_duty_log",
            QCoreApplication.translate("PanelManager", "值班日志"),
            DutyLogPanel,
            window,
        )
        self.devices: Panel[DeviceListPanel] = Panel(
            "panel_devices",
            QCoreApplication.translate("PanelManager", "物联网设备"),
            DeviceListPanel,
            window,
        )
        self.window = window

    def panels(self) -> list[Panel[QWidget]]:
        """Every panel, in menu order."""
        every: list[Any] = [
            self.map,
            self.queue,
            self.detail,
            self.alarms,
            self.video,
            self.checklist,
            self.duty_log,
            self.devices,
        ]
        return every

    def place_default(self, post: str, mode: str = "normal") -> None:
        """The default layout of a post in a mode (DESIGN §1: the post chooses the layout, not
        the panels; §4: in an emergency every post has the map and the alarms large, and the
        plan's checklist)."""
        window = self.window
        area = Qt.DockWidgetArea
        for panel in self.panels():
            panel.setFloating(False)
            panel.show()
        if mode == "emergency":
            window.addDockWidget(area.LeftDockWidgetArea, self.map)
            window.addDockWidget(area.LeftDockWidgetArea, self.queue)
            window.addDockWidget(area.RightDockWidgetArea, self.alarms)
            window.addDockWidget(area.RightDockWidgetArea, self.checklist)
            window.tabifyDockWidget(self.alarms, self.detail)
            window.tabifyDockWidget(self.checklist, self.video)
            window.tabifyDockWidget(self.detail, self.duty_log)
            self.alarms.raise_()
            self.checklist.raise_()
            window.resizeDocks([self.map, self.alarms], [1000, 600], Qt.Orientation.Horizontal)
            window.resizeDocks([self.map, self.queue], [640, 320], Qt.Orientation.Vertical)
            window.resizeDocks([self.alarms, self.checklist], [520, 440], Qt.Orientation.Vertical)
            return
        window.addDockWidget(area.RightDockWidgetArea, self.checklist)
        self.checklist.hide()  # only emergencies have a checklist
        # The devices and their state: the chief's, a tab behind the alarms; elsewhere in the
        # View menu only.
        window.addDockWidget(area.RightDockWidgetArea, self.devices)
        if post != "chief":
            self.devices.hide()
        # The duty log is at every post, a tab behind the alarms (DESIGN §5).
        window.addDockWidget(area.RightDockWidgetArea, self.duty_log)
        if post in ("intake", "dispatch"):
            # Queue work: the queue takes the top, the map and the alarms share the bottom.
            # The event in hand sits beside the queue.
            window.addDockWidget(area.TopDockWidgetArea, self.queue)
            window.splitDockWidget(self.queue, self.detail, Qt.Orientation.Horizontal)
            window.addDockWidget(area.BottomDockWidgetArea, self.map)
            window.splitDockWidget(self.map, self.alarms, Qt.Orientation.Horizontal)
            window.tabifyDockWidget(self.alarms, self.video)
            window.tabifyDockWidget(self.alarms, self.duty_log)
            self.alarms.raise_()
            window.resizeDocks([self.queue, self.map], [540, 440], Qt.Orientation.Vertical)
            window.resizeDocks([self.queue, self.detail], [1000, 600], Qt.Orientation.Horizontal)
            window.resizeDocks([self.map, self.alarms], [760, 840], Qt.Orientation.Horizontal)
        elif post == "video":
            window.addDockWidget(area.LeftDockWidgetArea, self.video)
            window.addDockWidget(area.RightDockWidgetArea, self.map)
            window.addDockWidget(area.RightDockWidgetArea, self.queue)
            window.addDockWidget(area.LeftDockWidgetArea, self.alarms)
            window.tabifyDockWidget(self.alarms, self.detail)
            window.tabifyDockWidget(self.alarms, self.duty_log)
            self.alarms.raise_()
            window.resizeDocks([self.video, self.map], [560, 1040], Qt.Orientation.Horizontal)
            window.resizeDocks([self.video, self.alarms], [620, 360], Qt.Orientation.Vertical)
            window.resizeDocks([self.map, self.queue], [620, 360], Qt.Orientation.Vertical)
        else:
            # The duty chief: the map large, the queue below it, alarms and video at the side.
            window.addDockWidget(area.LeftDockWidgetArea, self.map)
            window.addDockWidget(area.LeftDockWidgetArea, self.queue)
            window.addDockWidget(area.RightDockWidgetArea, self.alarms)
            window.addDockWidget(area.RightDockWidgetArea, self.video)
            window.tabifyDockWidget(self.alarms, self.detail)
            window.tabifyDockWidget(self.alarms, self.duty_log)
            window.tabifyDockWidget(self.alarms, self.devices)
            self.alarms.raise_()
            window.resizeDocks([self.map, self.alarms], [1060, 540], Qt.Orientation.Horizontal)
            window.resizeDocks([self.map, self.queue], [560, 400], Qt.Orientation.Vertical)

    def fill_view_menu(self, menu: QMenu) -> None:
        """One checkable entry per panel."""
        for panel in self.panels():
            menu.addAction(panel.toggleViewAction())
