"""What a window shows of the devices (issue 18): whether a bridge is running (the status bar
says so when none is, at every post), the devices' markers following their state through the
change feed, the chief's device list and the log of rejected messages, and a device's history
(from the list or its marker on the map), kept up to date while it is open.

Every read runs in the store's worker; results come back to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.map_work import MapWork
from desktop.panels import Panel
from desktop.store import Store, StoreUnavailable
from models import iot, queries
from models.accounts import Operator
from models.clock import server_now
from models.entities import IotDevice
from models.snapshots import MapPoint
from widgets.device_history import DeviceHistoryDialog
from widgets.device_list import DeviceListPanel, RejectedDialog
from widgets.timefmt import local_full

# How often a post asks whether a bridge still holds the lease (it renews every 5 s and the
# lease lasts 15 s: a bridge gone is seen within half a minute).
BRIDGE_CHECK_MS = 10_000
LIST_RELOAD_MS = 500
Spawn = Callable[[Coroutine[Any, Any, Any]], object]


class IotWork(QObject):
    """The devices' part of a window: the bridge's label, the device list, the rejected log.

    Signals:
        devices_shown(list): the codes of the offline devices, once their markers were sent to
            the map (for the figures).
    """

    devices_shown = Signal(list)

    def __init__(
        self,
        store: Store,
        operator: Operator,
        panel: Panel[DeviceListPanel],
        map_work: MapWork,
        spawn: Spawn,
        parent: QWidget,
        *,
        language: str = "zh_CN",
        open_event: Callable[[int], None] = lambda _id: None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.language = language
        self._open_event = open_event
        self.history_dialog: DeviceHistoryDialog | None = None
        self.operator = operator
        self.panel = panel
        self.map_work = map_work
        self._spawn = spawn
        self._parent = parent
        self.bridge_running: bool | None = None  # None until first asked
        self.bridge_label = QLabel(self.tr("物联网桥未运行：设备报警不会进入事件队列"))
        self.bridge_label.setStyleSheet("color: white; background: #b00020; padding: 0 4px;")
        self.bridge_label.hide()
        self.rejected_dialog: RejectedDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(BRIDGE_CHECK_MS)
        self._timer.timeout.connect(lambda: self._spawn(self.check_bridge()))
        # A flood of alarms changes the list many times a second: it is read again at most
        # every half second; the map's markers only when a device's state changed.
        self._list_due = QTimer(self)
        self._list_due.setSingleShot(True)
        self._list_due.setInterval(LIST_RELOAD_MS)
        self._list_due.timeout.connect(lambda: self._spawn(self.reload_list()))
        self._history_timer = QTimer(self)  # as the list: at most every half second
        self._history_timer.setSingleShot(True)
        self._history_timer.setInterval(LIST_RELOAD_MS)
        self._history_timer.timeout.connect(lambda: self._spawn(self._reload_history()))
        panel.when_built(
            lambda p: p.rejected_requested.connect(lambda: self._spawn(self.open_rejected()))
        )
        panel.when_built(lambda _p: self._spawn(self.reload_devices()))
        panel.when_built(
            lambda p: p.history_requested.connect(lambda i: self._spawn(self.open_history(i)))
        )
        map_work.panel.when_built(
            lambda m: m.device_clicked.connect(lambda i: self._spawn(self.open_history(i)))
        )

    def start(self) -> None:
        """Begin watching the bridge (the window has loaded)."""
        self._timer.start()
        self._spawn(self.check_bridge())

    def stop(self) -> None:
        """Stop watching (the window closes)."""
        self._timer.stop()
        self._list_due.stop()
        self._history_timer.stop()

    async def check_bridge(self) -> None:
        """Ask whether a bridge holds the lease; show the label when none does."""
        try:
            state = await self.store.read(lambda s: iot.bridge_state(s, server_now(s)))
        except StoreUnavailable:
            return  # the status bar says so already
        self.bridge_running = state.running
        self.bridge_label.setVisible(not state.running)
        self.bridge_label.setToolTip(
            self.tr("物联网桥 {holder} 自 {since} 起运行，代理 {broker}").format(
                holder=state.holder,
                since=local_full(state.since) if state.since else "",
                broker=state.broker,
            )
            if state.running
            else self.tr(
                "请在服务器上启动 python main.py iot bridge（或 griddesk-iot-bridge 服务）"
            )
        )

    def devices_changed(self) -> None:
        """A device went online or offline (the feed): markers and list again."""
        self._spawn(self.reload_devices())
        self._history_due()

    def alarms_changed(self) -> None:
        """A device's alarms changed (the feed): the list, soon, if it is shown."""
        if self.panel.content is not None and not self._list_due.isActive():
            self._list_due.start()
        self._history_due()

    def _history_due(self) -> None:
        if self.history_dialog is not None and not self._history_timer.isActive():
            self._history_timer.start()

    async def open_history(self, device_id: int) -> None:
        """Show this device's history (one dialog: another device replaces it)."""
        language = self.language
        try:
            history = await self.store.read(lambda s: iot.device_history(s, device_id, language))
        except StoreUnavailable:
            return
        except LookupError:
            return  # removed meanwhile: nothing to show
        dialog = self.history_dialog
        if dialog is None:
            dialog = DeviceHistoryDialog(history, self._parent)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(self._forget_history)
            dialog.event_requested.connect(self._open_event)
            self.history_dialog = dialog
        else:
            dialog.set_history(history)
        dialog.show()  # not modal: the event it opens is read beside it
        dialog.raise_()

    async def _reload_history(self) -> None:
        dialog = self.history_dialog
        if dialog is None:
            return
        device_id, language = dialog.device_id, self.language
        try:
            history = await self.store.read(lambda s: iot.device_history(s, device_id, language))
        except (StoreUnavailable, LookupError):
            return
        if self.history_dialog is dialog:
            dialog.set_history(history)

    def _forget_history(self) -> None:
        self.history_dialog = None

    async def reload_devices(self) -> None:
        """Devices changed: their markers again, and the chief's list if it is built."""
        try:
            points, offline = await self.store.read(_points_and_offline)
        except StoreUnavailable:
            return
        self.map_work.show_points(points)
        self.devices_shown.emit(offline)
        await self.reload_list()

    async def reload_list(self) -> None:
        """The chief's device list, if it is built."""
        if self.panel.content is None:
            return
        try:
            rows = await self.store.read(iot.device_rows)
        except StoreUnavailable:
            return
        self.panel.deliver("devices", lambda p: p.set_devices(rows))

    async def open_rejected(self) -> None:
        """Show the log of rejected messages (read-only)."""
        try:
            rows = await self.store.read(iot.rejected_rows)
        except StoreUnavailable:
            return
        if self.rejected_dialog is not None:
            self.rejected_dialog.close()
        dialog = RejectedDialog(rows, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget_dialog)
        self.rejected_dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.rejected_dialog = None


def _points_and_offline(session: Session) -> tuple[list[MapPoint], list[str]]:
    offline = session.scalars(select(IotDevice.code).where(IotDevice.online.is_(False))).all()
    return queries.map_points(session), list(offline)
