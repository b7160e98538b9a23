"""The main window: the four docked panels, the menus and the status bar of one post."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop import __version__, settings
from desktop.alarm_sound import AlarmSound
from desktop.bulletin_work import BulletinWork
from desktop.event_work import EventWork
from desktop.feed import ChangeFeed
from desktop.handover_work import HandoverWork
from desktop.history_work import HistoryWork
from desktop.hotline_work import HotlineWork
from desktop.iot_work import IotWork
from desktop.journal import Journal, journal_path
from desktop.map_work import MapWork
from desktop.messages import (
    invalid_rule_text,
    mode_refused_text,
    not_permitted_text,
    sla_refused_text,
    unavailable_text,
    unlock_refused_text,
)
from desktop.panels import PanelManager
from desktop.presence import PresenceKeeper
from desktop.report_work import ReportWork
from desktop.site_work import SiteWork
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from desktop.video_work import VideoWork
from desktop.wall_work import WallWindow
from models import calendar_days, history, indicators, modes, queries, sla
from models.accounts import NotPermitted, Operator, permitted_actions, unlock_screen
from models.alarms import (
    AlarmPolicy,
    PolicyRefused,
    acknowledge,
    crossed_boundaries,
    escalate_overdue,
    next_boundary,
    set_policy,
)
from models.changefeed import last_seq
from models.clock import server_now
from models.db import describe_url
from models.deadlines import load_calendar
from models.snapshots import (
    DEVICE_CLOCK,
    DEVICE_LEVEL,
    OPEN_STATES,
    AlarmRow,
    DispatchRuleDraft,
    DispatchRuleRow,
    Emergency,
    EventRow,
    IndicatorCounts,
    PlanRow,
    PresenceRow,
    SlaLimitDraft,
    SlaLimitRow,
)
from models.workdays import LOCAL_ZONE, official_days
from widgets.about_dialog import AboutDialog
from widgets.alarm_panel import AlarmPanel
from widgets.calendar_dialog import CalendarDialog
from widgets.elided_label import ElidedLabel
from widgets.emergency import EmergencyBanner, EmergencyDialog
from widgets.event_queue import search_text
from widgets.labels import indicator_summary, listing, mode_labels, post_labels
from widgets.login_dialog import ScreenLock
from widgets.plain import plain_tooltip, warn
from widgets.plan_dialog import PlanDialog
from widgets.rule_dialog import DispatchRuleDialog, rule_field_caption
from widgets.sla_dialog import SlaDialog

log = logging.getLogger(__name__)
T = TypeVar("T")

IDLE_LOCK_MS = 15 * 60 * 1000  # DESIGN §1: the screen locks after 15 idle minutes
# Which overdue clocks sound at which post (DESIGN §3): intake answers for acceptance and for
# the 12345 hotline's own clocks (it takes the orders in and answers the hotline) and for
# devices gone offline (it takes their alarms in), dispatch for response and closure; the chief
# hears escalations, of any clock.
SOUNDING_CLOCKS: dict[str, tuple[str, ...]] = {
    "intake": ("accept", "hotline_contact", "hotline_reply", DEVICE_CLOCK),
    "dispatch": ("respond", "close"),
}
ALARM_REFRESH_MS = 60 * 1000  # also after a sleep or a clock jump, at most this late
BOUNDARY_MARGIN_MS = 50
# models.dispatch.EDIT_PERMISSION, spelled out: importing the dispatch layer (and the geometry
# library under it) waits until the rules are first worked on.
MODE_SWITCH_PERMISSION = "mode.switch"
CALENDAR_EDIT_PERMISSION = "calendar.edit"
SLA_EDIT_PERMISSION = "sla.edit"
RULE_EDIT_PERMISSION = "dispatch_rule.edit"
_Choices = list[tuple[int, str]]  # (id, name or code) of what a rule may name


class MainWindow(QMainWindow):
    """One post's window.

    Signals:
        events_loaded(int): the queue holds this many events (after each full load).
        map_ready(): the map page is drawn and shows the events last loaded.
        mode_shown(str): the window shows this mode now (banner, layout, checklist).
        locked(): the idle lock came on.
        closed(): the window was closed (its layout is saved).
    """

    events_loaded = Signal(int)
    map_ready = Signal()
    mode_shown = Signal(str)
    locked = Signal()
    closed = Signal()

    def __init__(
        self,
        store: Store,
        operator: Operator,
        language: str,
        parent: QWidget | None = None,
        *,
        remember_layout: bool = True,
        centre_tiles: tuple[str, str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.operator = operator
        self.language = language
        self.mode = "normal"
        # The layout is kept per post and mode: the mode it was restored for is the one it is
        # saved for, whatever the mode shown meanwhile (switching layouts comes with the mode).
        self._layout_mode = "normal"
        self._remember_layout = remember_layout
        self.setObjectName("griddesk_main_window")
        self._show_title()
        self.setDockNestingEnabled(True)
        self.panels = PanelManager(self)
        self.event_work = EventWork(store, operator, language, self)
        self.event_work.attach_journal(Journal(journal_path(store.database.url, operator.post)))
        self.handover_work = HandoverWork(self)
        self.site_work = SiteWork(self)
        self.bulletin_work = BulletinWork(self)
        self.report_work = ReportWork(self)
        # Journaled actions that could not be written when the database came back.
        self.replay_refusals: list[str] = []
        self.map_work = MapWork(
            store, operator.post, self.panels.map, self._spawn, self, centre_tiles=centre_tiles
        )
        self.feed = ChangeFeed(store, language, self)
        self.iot_work = IotWork(
            store,
            operator,
            self.panels.devices,
            self.map_work,
            self._spawn,
            self,
            language=language,
            open_event=self._open_event,
        )
        self.video_work = VideoWork(store, operator, language, self.panels.video, self)
        self.history_work = HistoryWork(store, language, self._open_event, self)
        self.hotline_work = HotlineWork(store, operator, self, self.select_event)
        self.presence = PresenceKeeper(store, operator, self)
        # The alarm list is read again once after a burst of changes, not once per change.
        self._alarm_reload = QTimer(self)
        self._alarm_reload.setSingleShot(True)
        self._alarm_reload.setInterval(300)
        self._tasks = BackgroundTasks("window task")
        self._lock: ScreenLock | None = None
        self.quit_question: QMessageBox | None = None  # Ctrl+Q's "are you sure"
        self._quit_confirmed = False
        # What the operator's role may do, read once after log-in (None until then); the
        # domain checks again on every write.
        self.permissions: frozenset[str] | None = None
        self.rule_dialog: DispatchRuleDialog | None = None
        self._cover: QWidget | None = None
        self._hidden_dialogs: list[QDialog] = []
        self.emergency: Emergency | None = None
        self._offline = False  # the database was found away and has not answered since
        self.emergency_dialog: EmergencyDialog | None = None
        self.calendar_dialog: CalendarDialog | None = None
        self.sla_dialog: SlaDialog | None = None
        self.plan_dialog: PlanDialog | None = None
        self.missing_calendar_year: int | None = None
        self._build_menus()
        self._build_status_bar()
        # The red banner of emergency mode, above the docks at every post.
        self.banner = EmergencyBanner(self)
        self.banner_bar = QToolBar(self.tr("应急模式"), self)
        self.banner_bar.setObjectName("emergency_banner_bar")
        self.banner_bar.setMovable(False)
        self.banner_bar.setFloatable(False)
        self.banner_bar.toggleViewAction().setVisible(False)
        self.banner_bar.addWidget(self.banner)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner_bar)
        self.banner_bar.hide()
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(IDLE_LOCK_MS)
        self._alarm_timer = QTimer(self)
        self._alarm_timer.setInterval(ALARM_REFRESH_MS)
        self.alarm_sound = AlarmSound(self)
        self.alarm_muted = settings.alarm_muted(operator.post)
        # The alarms this post has sounded for already: each sounds once per level.
        self._sounded: set[tuple[int, str, datetime, str]] = set()
        self._sounded_items: set[tuple[int, int]] = set()  # (activation, checklist item)
        # Fires exactly at the next moment an alarm level changes.
        self._next_boundary = QTimer(self)
        self._next_boundary.setSingleShot(True)
        self._alarms_evaluated_at: datetime | None = None
        self._connect_signals()
        self.resize(1600, 1000)
        self.restore_layout()

    # --- construction ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        session_menu = self.menuBar().addMenu(self.tr("值班(&S)"))
        self.lock_action = QAction(self.tr("锁定屏幕"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        session_menu.addAction(self.lock_action)
        self.reset_layout_action = QAction(self.tr("恢复默认布局"), self)
        session_menu.addSeparator()
        self.emergency_action = QAction(self.tr("启动应急模式…"), self)
        self.normal_action = QAction(self.tr("恢复常态…"), self)
        for action in (self.emergency_action, self.normal_action):
            action.setEnabled(False)  # until the permissions say the role may switch
            session_menu.addAction(action)
        self.calendar_action = QAction(self.tr("工作日历…"), self)
        self.calendar_action.setEnabled(False)  # the chief's, once the permissions are read
        session_menu.addAction(self.calendar_action)
        self.sla_action = QAction(self.tr("时限标准…"), self)
        self.sla_action.setEnabled(False)
        session_menu.addAction(self.sla_action)
        self.hotline_work.sla_menu_action(session_menu)
        self.plans_action = QAction(self.tr("应急预案…"), self)
        self.plans_action.setEnabled(False)
        session_menu.addAction(self.plans_action)
        session_menu.addSeparator()
        self.handover_work.fill_menu(session_menu)
        self.bulletin_work.fill_menu(session_menu)
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        session_menu.addSeparator()
        session_menu.addAction(self.quit_action)
        event_menu = self.menuBar().addMenu(self.tr("事件(&E)"))
        self.new_event_action = QAction(self.tr("新建事件…"), self)
        self.new_event_action.setShortcut(QKeySequence.StandardKey.New)
        event_menu.addAction(self.new_event_action)
        self.history_work.fill_menu(event_menu)
        event_menu.addSeparator()
        self.rules_action = QAction(self.tr("派单规则…"), self)
        self.rules_action.setEnabled(False)  # until the permissions say the role may edit them
        event_menu.addAction(self.rules_action)
        event_menu.addSeparator()
        self.hotline_work.fill_menu(event_menu)
        self.video_work.fill_menu(self.menuBar().addMenu(self.tr("摄像机(&C)")))
        self.site_work.fill_menu(self.menuBar().addMenu(self.tr("工地与报送(&R)")))
        self.report_work.fill_menu(self.menuBar().addMenu(self.tr("报表(&B)")))
        view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        self.panels.fill_view_menu(view_menu)
        view_menu.addSeparator()
        self.tiles_action = QAction(self.tr("地图底图…"), self)
        view_menu.addAction(self.tiles_action)
        view_menu.addAction(self.reset_layout_action)
        view_menu.addSeparator()
        self.wall_action = QAction(self.tr("大屏（数据驾驶舱）"), self)
        self.wall_action.triggered.connect(self.open_wall)
        view_menu.addAction(self.wall_action)
        self.wall: WallWindow | None = None
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        self.about_action = QAction(self.tr("关于网格指挥台…"), self)
        help_menu.addAction(self.about_action)
        self.about_dialog: AboutDialog | None = None

    def open_wall(self) -> None:
        """视图 → 大屏: the big screen, full screen on the second screen, fed by this post's
        change feed (one more if it is open already brings that one forward)."""
        if self.wall is not None:
            self.wall.raise_()
            return
        wall = WallWindow(
            self.store, self.language, self.feed, centre_tiles=self.map_work.centre_tiles
        )
        wall.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wall.closed.connect(self._wall_closed)
        self.wall = wall
        wall.show_on_wall()
        wall.start()

    def _wall_closed(self) -> None:
        self.wall = None

    def _show_title(self) -> None:
        self.setWindowTitle(
            self.tr("GridDesk 网格指挥台 — {post} · {name}").format(
                post=post_labels()[self.operator.post], name=self.operator.display_name
            )
        )

    def _show_about(self) -> None:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(__version__, self)
        self.about_dialog.open()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.operator_label = QLabel(
            self.tr("操作员：{name}（{user}）").format(
                name=self.operator.display_name, user=self.operator.username
            )
        )
        self.post_label = QLabel(
            self.tr("岗位：{post}").format(post=post_labels()[self.operator.post])
        )
        self.mode_label = QLabel()
        # Labels whose text may be long (a path, a name, a translation) give up width rather
        # than widen the window past the screen: elided, whole in the tooltip.
        self.database_label = ElidedLabel(
            self.tr("数据库：{db}").format(db=describe_url(self.store.database.url)),
            elide=Qt.TextElideMode.ElideMiddle,  # a path: its file name stays in view
        )
        self.connection_label = QLabel()
        self.alarm_counts_label = QLabel()  # the counts are read whole: the others give way
        self.mute_label = QLabel()
        self.mute_label.setStyleSheet("color: #b00020;")
        self.calendar_label = ElidedLabel()
        self.calendar_label.setStyleSheet("color: white; background: #b00020; padding: 0 4px;")
        self.calendar_label.hide()
        self.journal_label = QLabel()
        self.journal_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.presence_label = ElidedLabel()
        for label in (self.operator_label, self.post_label, self.database_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names are typed text
        for label in (
            self.iot_work.bridge_label,
            self.calendar_label,
            self.alarm_counts_label,
            self.mute_label,
            self.presence_label,
            self.operator_label,
            self.post_label,
            self.mode_label,
            self.database_label,
            self.connection_label,
            self.journal_label,
        ):
            bar.addPermanentWidget(label)
        self._show_mode("normal")
        self._show_connection(True, "")

    def _connect_signals(self) -> None:
        self.quit_action.triggered.connect(self.ask_to_quit)
        self.lock_action.triggered.connect(lambda: self.lock_screen(by_operator=True))
        self.reset_layout_action.triggered.connect(self._reset_layout)
        self.tiles_action.triggered.connect(lambda: self.map_work.open_tile_dialog(self))
        self.about_action.triggered.connect(self._show_about)
        self.map_work.notice.connect(lambda text: self.statusBar().showMessage(text, 30_000))
        self.event_work.intake_opened.connect(self.map_work.attach_intake)
        self.store.connection_changed.connect(self._show_connection)
        self._idle_timer.timeout.connect(self.lock_screen)
        self._alarm_timer.timeout.connect(lambda: self._spawn(self._load_alarms()))
        self._next_boundary.timeout.connect(lambda: self._spawn(self._load_alarms()))
        self.panels.map.when_built(lambda m: m.events_applied.connect(self.map_ready))
        self.panels.map.when_built(lambda m: m.event_clicked.connect(self.select_event))
        self.panels.queue.when_built(lambda q: q.event_selected.connect(self._on_event_selected))
        self.panels.queue.when_built(
            lambda q: q.set_saved_filters(settings.PostFilters(self.operator.post))
        )
        self.panels.alarms.when_built(lambda a: a.event_selected.connect(self.select_event))
        self.panels.alarms.when_built(self._wire_alarm_panel)
        self.panels.queue.when_built(lambda q: q.event_opened.connect(self._open_event))
        self.panels.detail.when_built(self.event_work.attach_detail_panel)
        self.event_work.event_changed.connect(self.apply_event_change)
        self.event_work.event_saved.connect(self._show_saved_event)
        self.event_work.showing.connect(self._on_showing)
        self.feed.events_changed.connect(self.apply_event_changes)
        self.feed.rules_changed.connect(self.event_work.forget_dispatch_rules)
        self.feed.presence_changed.connect(self.presence.refresh)
        self.feed.reload_needed.connect(lambda: self._spawn(self.load_all()))
        self.feed.mode_changed.connect(lambda: self._spawn(self._load_mode()))
        self.feed.calendar_changed.connect(lambda: self._spawn(self._check_calendar()))
        self.feed.video_changed.connect(self.video_work.reload)
        self.feed.duty_changed.connect(self.handover_work.duty_changed)
        self.feed.sites_changed.connect(
            lambda site_ids: self._spawn(self.site_work.sites_changed(site_ids))
        )
        self.feed.reports_changed.connect(lambda: self._spawn(self.site_work.reports_changed()))
        self.video_work.site_finding_requested.connect(
            lambda patrol_id, camera_id: self._spawn(
                self.site_work.open_patrol_finding(patrol_id, camera_id)
            )
        )
        self.feed.devices_changed.connect(self.iot_work.devices_changed)
        self.feed.device_alarms_changed.connect(self.iot_work.alarms_changed)
        self.feed.bulletin_issued.connect(lambda: self._spawn(self.bulletin_work.show_latest()))
        # A device back online clears its offline alarm, maybe with its event closed already.
        self.feed.device_alarms_changed.connect(self._alarm_reload.start)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.sla_action.triggered.connect(lambda: self._spawn(self._open_sla()))
        self.plans_action.triggered.connect(lambda: self._spawn(self._open_plans()))
        self.emergency_action.triggered.connect(lambda: self._spawn(self._open_emergency_dialog()))
        self.normal_action.triggered.connect(self._end_emergency)
        self.panels.checklist.when_built(
            lambda c: c.tick_requested.connect(
                lambda item, done: self._spawn(self._tick(item, done))
            )
        )
        self.feed.connection_lost.connect(
            lambda: self.store.mark_unreachable(self.tr("与数据库服务器的连接中断"))
        )
        self.event_work.event_withdrawn.connect(self._withdraw_event)
        self.event_work.journal_changed.connect(self._show_journal)
        self.event_work.replay_refused.connect(self._show_replay_refusal)
        self.presence.others_changed.connect(self._show_presence)
        self._alarm_reload.timeout.connect(lambda: self._spawn(self._load_alarms(escalating=False)))
        self.new_event_action.triggered.connect(lambda: self.event_work.open_intake(self))
        self.rules_action.triggered.connect(self.open_rules)
        # Input reaches a top-level widget's QWindow before any child widget sees it, so a
        # filter there sees all activity in this window. (An application-wide filter written in
        # Python crashes PySide when QtWebEngine creates objects: it is asked to wrap objects
        # still under construction.)
        self.winId()
        handle = self.windowHandle()
        if handle is not None:
            handle.installEventFilter(self)

    # --- layout ------------------------------------------------------------------------------

    def restore_layout(self) -> None:
        """The layout this user last had at this post and mode, or the post's default."""
        self.panels.place_default(self.operator.post, self._layout_mode)
        saved = settings.load_layout(self.operator.post, self._layout_mode)
        if saved is not None and self._remember_layout:
            geometry, state = saved
            self.restoreGeometry(geometry)
            if not self.restoreState(state):
                log.warning("saved layout of %s could not be restored", self.operator.post)

    def save_layout(self) -> None:
        """Keep the current layout for this post and mode."""
        if self._remember_layout:
            settings.save_layout(
                self.operator.post, self._layout_mode, self.saveGeometry(), self.saveState()
            )

    def _reset_layout(self) -> None:
        self.panels.place_default(self.operator.post, self._layout_mode)

    def ask_to_quit(self) -> None:
        """Ctrl+Q (or the window's close button): a duty post closes only once confirmed."""
        if self.quit_question is not None:
            self.quit_question.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("退出 GridDesk"),
            self.tr("退出后本岗位（{post}）无人登录值守。确定退出吗？").format(
                post=post_labels()[self.operator.post]
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        quit_button = box.addButton(self.tr("退出"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(quit_button)
        self.quit_question = box

        def answered() -> None:
            self.quit_question = None
            box.deleteLater()
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                self.close()
            else:
                self.activateWindow()  # the keyboard back to the post, window manager or not

        box.finished.connect(answered)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._quit_confirmed:
            # The window manager's close button asks like Ctrl+Q; the session's own close
            # (a screenshot taken, the tests) is not a person leaving the post.
            event.ignore()
            if not self.is_locked:
                self.ask_to_quit()
            return
        self.save_layout()
        self._idle_timer.stop()
        self._alarm_timer.stop()
        self._next_boundary.stop()
        self._alarm_reload.stop()
        self.feed.stop()
        self.iot_work.stop()
        self.presence.stop()
        self.handover_work.stop()
        self.site_work.stop()
        self.bulletin_work.stop()
        if self.wall is not None:
            self.wall.close()
        self.report_work.stop()
        self._tasks.cancel_all()
        self.event_work.cancel()
        self.video_work.cancel()
        self.history_work.close()
        self.hotline_work.close()
        super().closeEvent(event)
        self.closed.emit()

    # --- data --------------------------------------------------------------------------------

    def start(self) -> None:
        """Load everything from the database (in the worker) and start the timers."""
        self._idle_timer.start()
        self._alarm_timer.start()
        self.presence.start()
        self._spawn(self._load_permissions())
        self._spawn(self.load_all())
        self._spawn(self._check_database_role())
        self.handover_work.start()
        self.site_work.start()

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    async def _check_database_role(self) -> None:
        """A post connected to PostgreSQL as the owner or a superuser works, but says so in
        the status bar: the record's grants do not bind it (``models.roles``)."""
        from models.roles import privileged_connection

        try:
            privileged = await self.store.read(privileged_connection)
        except StoreUnavailable:
            return
        if privileged is None:
            return
        text = (
            self.tr("⚠ 以超级用户连接数据库")
            if privileged == "superuser"
            else self.tr("⚠ 以所有者连接数据库")
        )
        self.database_role_label = QLabel(text)
        self.database_role_label.setToolTip(
            self.tr(
                "各岗位不应以数据库所有者或超级用户连接："
                "请用 python main.py db grant --role 角色名 设置应用角色，并以该角色连接"
            )
        )
        self.database_role_label.setObjectName("database_role_warning")
        self.database_role_label.setStyleSheet("color: white; background: #b36b00; padding: 0 4px;")
        self.statusBar().addPermanentWidget(self.database_role_label)

    async def load_all(self) -> None:
        """Area, events, alarms, cameras and mode: each applied as soon as it arrives.

        The map page is composed in a helper thread while the database worker reads the events,
        so QtWebEngine, folium and the queue's query all make progress at once.
        """
        language = self.language
        try:
            # The fixed things (cameras, devices, sites) with the area, before the events: the
            # first picture shows them as well.
            area, points = await self.store.read(
                lambda s: (queries.area_map(s), queries.map_points(s))
            )
            self._spawn(self.map_work.show_area(area))
            self.map_work.show_points(points)
            await self.site_work.sites_changed([])
            seq, rows, haystacks, mode = await self.store.read(
                lambda s: _queue_snapshot(s, language)
            )
            self._apply_events(rows, haystacks)
            self._show_mode(mode)
            await self.bulletin_work.show_latest()  # today's bulletin, if issued: its notice
            await self._load_mode()
            await self._check_calendar()
            self.event_work.show_kept()
            self.event_work.replay_journal()  # what an earlier run kept, if anything
            self.feed.start(seq)
            self.iot_work.start()
            self.event_work.preload()
            await self._load_alarms()
            await self.video_work.load()
        except StoreUnavailable:
            log.warning("database unavailable while loading; the status bar says so")

    def _apply_events(self, rows: list[EventRow], haystacks: list[str]) -> None:
        open_rows = [r for r in rows if r.state in OPEN_STATES]
        self.panels.queue.deliver("events", lambda q: q.set_events(rows, haystacks))
        self.panels.map.deliver("events", lambda m: m.set_events(open_rows))
        self.events_loaded.emit(len(rows))

    async def _load_alarms(self, *, escalating: bool = True) -> None:
        """Evaluate the alarms now, by the database server's clock: escalate what has become
        escalated (once across all posts), show the alarm list, recolour the queue rows whose
        level changed since the last evaluation, and wake again at the next boundary.

        Escalation is a write; it belongs to the timer and the boundaries. A reload after
        changes (several a second on a busy day, at four posts) only reads."""
        language, since = self.language, self._alarms_evaluated_at
        post = self.operator.post

        def operation(
            session: Session,
        ) -> tuple[datetime, list[AlarmRow], list[EventRow], datetime | None, IndicatorCounts]:
            now = server_now(session)
            if escalating:
                escalate_overdue(session, now)
            crossed = crossed_boundaries(session, since, now) if since is not None else []
            changed = (
                queries.event_rows(session, now, language, event_ids=crossed) if crossed else []
            )
            return (
                now,
                queries.alarm_rows(session, now, language, post),
                changed,
                next_boundary(session, now),
                indicators.counts(session, now),
            )

        try:
            evaluate = self.store.write if escalating else self.store.read
            now, alarms, changed, upcoming, counts = await evaluate(operation)
        except StoreUnavailable:
            return
        self._alarms_evaluated_at = now
        self.panels.alarms.deliver("alarms", lambda a: a.set_alarms(alarms, now, counts))
        self._show_alarm_counts(counts)
        self._sound_for(alarms)
        upcoming = self._checklist_alarms(now, upcoming)
        for row in changed:
            self.apply_event_change(row)
        if upcoming is not None:
            # A little after the boundary, so that the server's clock is surely past it.
            wait = (upcoming - now).total_seconds() * 1000 + BOUNDARY_MARGIN_MS
            self._next_boundary.start(int(min(max(wait, 0), ALARM_REFRESH_MS)))

    def _wire_alarm_panel(self, panel: AlarmPanel) -> None:
        panel.set_muted(self.alarm_muted)
        panel.muted_changed.connect(self._set_muted)
        panel.acknowledge_requested.connect(lambda alarm: self._spawn(self._acknowledge(alarm)))
        self._show_mute()

    def _set_muted(self, muted: bool) -> None:
        self.alarm_muted = muted
        settings.set_alarm_muted(self.operator.post, muted)
        self._show_mute()

    def _show_mute(self) -> None:
        self.mute_label.setText(self.tr("🔇 提示音已静音") if self.alarm_muted else "")

    async def _acknowledge(self, alarm: AlarmRow) -> None:
        operator = self.operator

        def write(session: Session) -> None:
            acknowledge(
                session, operator, alarm.event_id, alarm.clock, alarm.deadline, server_now(session)
            )

        try:
            await self.store.write(write)
        except StoreUnavailable:
            return
        except NotPermitted as refused:
            warn(self, self.tr("确认预警"), not_permitted_text(refused))
            return
        await self._load_alarms(escalating=False)

    def _show_alarm_counts(self, counts: IndicatorCounts) -> None:
        self.alarm_counts_label.setText(
            self.tr("未结 {open} · {alarms}").format(
                open=counts.open, alarms=indicator_summary(counts)
            )
        )

    def _sound_for(self, alarms: list[AlarmRow]) -> None:
        """Sound and flash for overdue alarms that concern this post, once each, unless the
        post acknowledged them or muted its sound."""
        post = self.operator.post
        fresh = [
            alarm
            for alarm in alarms
            if alarm.level in ("overdue", "escalated", DEVICE_LEVEL)
            and not alarm.acknowledged_by
            and (
                alarm.clock in SOUNDING_CLOCKS.get(post, ())
                or (post == "chief" and alarm.level == "escalated")
            )
            and (alarm.event_id, alarm.clock, alarm.deadline, alarm.level) not in self._sounded
        ]
        if not fresh:
            return
        self._sounded.update((a.event_id, a.clock, a.deadline, a.level) for a in fresh)
        QApplication.alert(self)
        if not self.alarm_muted:
            self.alarm_sound.play()

    def _checklist_alarms(self, now: datetime, upcoming: datetime | None) -> datetime | None:
        """Timed checklist items alarm like deadlines: the chief hears one that is late (once);
        the next due time joins the next boundary."""
        emergency = self.emergency
        if emergency is None:
            return upcoming
        pending = [e for e in emergency.checklist if e.due_at is not None and not e.done]
        late = [
            e
            for e in pending
            if e.due_at is not None
            and e.due_at < now
            and (emergency.activation_id, e.item_id) not in self._sounded_items
        ]
        if late and self.operator.post == "chief":
            self._sounded_items.update((emergency.activation_id, e.item_id) for e in late)
            QApplication.alert(self)
            if not self.alarm_muted:
                self.alarm_sound.play()
        future = [e.due_at for e in pending if e.due_at is not None and e.due_at > now]
        return min([*future, *([upcoming] if upcoming else [])], default=None)

    def select_event(self, event_id: int) -> None:
        """Select an event everywhere it shows (queue, map)."""
        queue = self.panels.queue.content
        if queue is not None:
            queue.select_event(event_id)
        self._on_event_selected(event_id)

    def _on_event_selected(self, event_id: int) -> None:
        map_panel = self.panels.map.content
        if map_panel is not None:
            map_panel.select_event(event_id)
        self.event_work.show_event(event_id)
        self.video_work.event_selected(event_id)

    def _show_saved_event(self, event_id: int) -> None:
        # The event the operator has just taken in is what they work on next: selected in the
        # queue (scrolled into view), and in the detail panel, brought to the front.
        self.panels.detail.show()
        self.panels.detail.raise_()
        self.select_event(event_id)

    def _open_event(self, event_id: int) -> None:
        self.panels.detail.show()
        self.panels.detail.raise_()
        self.event_work.show_event(event_id)

    def apply_event_change(self, row: EventRow) -> None:
        """An event changed: update exactly its row in the queue and its marker on the map."""
        self.panels.queue.deliver(f"event-{row.id}", lambda q: q.apply_changes([row]))
        if row.state in OPEN_STATES:
            self.panels.map.deliver(f"event-{row.id}", lambda m: m.update_events([row]))
        else:
            self.panels.map.deliver(f"event-{row.id}", lambda m: m.remove_events([row.id]))

    def apply_event_changes(self, rows: list[EventRow]) -> None:
        """Events changed at some post (the feed): their rows, markers, the detail panel if it
        shows one of them, and the alarm list."""
        queue, map_panel = self.panels.queue.content, self.panels.map.content
        if queue is None or map_panel is None:
            for row in rows:  # a panel not built yet keeps the latest row of each event
                self.apply_event_change(row)
        else:
            # One pass for the whole batch: a burst from another post (an IoT storm, a bulk
            # import) costs one queue update and one map message, not one per event, so the
            # feed reads the next batch sooner (sync p95, tests/perf/sync.py).
            queue.apply_changes(rows)
            open_rows = [row for row in rows if row.state in OPEN_STATES]
            if open_rows:
                map_panel.update_events(open_rows)
            ended = [row.id for row in rows if row.state not in OPEN_STATES]
            if ended:
                map_panel.remove_events(ended)
        shown = self.event_work.shown_event
        if shown is not None and any(row.id == shown for row in rows):
            self.event_work.show_event(shown)
        self._alarm_reload.start()

    def _withdraw_event(self, event_id: int) -> None:
        self.panels.queue.deliver(f"drop-{event_id}", lambda q: q.drop_events([event_id]))
        self.panels.map.deliver(f"drop-{event_id}", lambda m: m.remove_events([event_id]))

    def _show_journal(self, pending: int) -> None:
        self.journal_label.setText(
            self.tr("本机待提交 {count} 项").format(count=pending) if pending else ""
        )

    def _show_replay_refusal(self, text: str) -> None:
        # Never dropped: the operator sees each one, and it stays in the list until dismissed.
        self.replay_refusals.append(text)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("离线操作未能提交"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes names and file names
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

    def _on_showing(self, event_id: int) -> None:
        self.presence.viewing(event_id)
        self._show_others_on(event_id)

    def _show_presence(self, others: list[PresenceRow]) -> None:
        posts = post_labels()
        self.presence_label.setText(
            self.tr("在线：{who}").format(
                who=listing(f"{posts.get(r.post, r.post)} · {r.operator_name}" for r in others)
            )
            if others
            else ""
        )
        shown = self.event_work.shown_event
        if shown is not None:
            self._show_others_on(shown)

    def _show_others_on(self, event_id: int) -> None:
        detail = self.panels.detail.content
        if detail is not None:
            detail.show_others(
                [(r.post, r.operator_name) for r in self.presence.others_on(event_id)]
            )

    async def _load_permissions(self) -> None:
        role = self.operator.role
        try:
            self.permissions = await self.store.read(lambda s: permitted_actions(s, role))
        except StoreUnavailable:
            log.warning("database unavailable while reading permissions")
            return
        self.rules_action.setEnabled(RULE_EDIT_PERMISSION in self.permissions)
        self._enable_mode_actions()
        self.calendar_action.setEnabled(CALENDAR_EDIT_PERMISSION in self.permissions)
        self.sla_action.setEnabled(SLA_EDIT_PERMISSION in self.permissions)
        self.plans_action.setEnabled(MODE_SWITCH_PERMISSION in self.permissions)
        self.handover_work.permissions_known(self.permissions)
        self.site_work.permissions_known(self.permissions)
        self.report_work.permissions_known(self.permissions)
        self.video_work.permissions_known(self.permissions)
        self.hotline_work.permissions_known(self.permissions)

    def take_over(self, operator: Operator) -> None:
        """The incoming operator signed the handover at this post: the window is theirs now,
        and everything recorded from here on carries their name."""
        self.operator = operator
        self.event_work.operator = operator
        self.presence.operator = operator
        self.video_work.operator = operator
        self._show_title()
        self.operator_label.setText(
            self.tr("操作员：{name}（{user}）").format(
                name=operator.display_name, user=operator.username
            )
        )
        self.permissions = None
        self._spawn(self._load_permissions())

    # --- emergency plans (chief) -------------------------------------------------------------

    async def _open_plans(self) -> None:
        try:
            plans = await self.store.read(modes.plan_rows)
        except StoreUnavailable:
            warn(self, self.tr("应急预案"), unavailable_text())
            return
        dialog = PlanDialog(self)
        self.plan_dialog = dialog
        dialog.show_plans(plans)
        dialog.saved.connect(lambda plan: self._spawn(self._save_plan(dialog, plan)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    async def _save_plan(self, dialog: PlanDialog, plan: PlanRow) -> None:
        operator = self.operator

        def write(session: Session) -> tuple[int, list[PlanRow]]:
            plan_id = modes.save_plan(session, operator, plan, server_now(session))
            return plan_id, modes.plan_rows(session)

        done, saved = await self._write_saying(write, dialog.show_message)
        if not done or saved is None:
            return
        plan_id, plans = saved
        dialog.show_plans(plans, select=plan_id)
        dialog.show_message(self.tr("预案已保存"), error=False)

    # --- SLA profiles (chief) ----------------------------------------------------------------

    async def _open_sla(self) -> None:
        from models import directory

        language = self.language
        try:
            categories, rows, policy = await self.store.read(
                lambda s: (
                    directory.category_options(s, language),
                    sla.limit_rows(s, language),
                    AlarmPolicy.load(s),
                )
            )
        except StoreUnavailable:
            warn(self, self.tr("时限标准"), unavailable_text())
            return
        dialog = SlaDialog(categories, self)
        self.sla_dialog = dialog
        dialog.show_limits(rows)
        dialog.show_thresholds(policy.warning_fraction, policy.escalation_fraction)
        dialog.thresholds_saved.connect(
            lambda warning, escalation: self._spawn(
                self._set_thresholds(dialog, AlarmPolicy(warning, escalation))
            )
        )
        dialog.saved.connect(lambda draft: self._spawn(self._change_sla(dialog, draft, None)))
        dialog.deleted.connect(
            lambda limit_id: self._spawn(self._change_sla(dialog, None, limit_id))
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    async def _write_saying(
        self, operation: Callable[[Session], T], say: Callable[[str], None]
    ) -> tuple[bool, T | None]:
        """Write for the chief's editors and the emergency switch; on a refusal say why (the
        database away, the role, or the domain's own reason) and return (False, None)."""
        return await self.store.write_saying(operation, say, self._editor_refusals)

    @property
    def _editor_refusals(self) -> dict[type[Exception], Callable[[Any], str]]:
        return {
            modes.ModeRefused: lambda refused: mode_refused_text(refused.reason),
            sla.SlaRefused: lambda refused: sla_refused_text(refused.field, refused.reason),
            PolicyRefused: lambda _refused: self.tr("比例有误"),
            calendar_days.CalendarRefused: lambda refused: self.tr(
                "{day}：日期不在该年或说明过长"
            ).format(day=refused.day.isoformat()),
        }

    def _warn(self, title: str) -> Callable[[str], None]:
        def say(text: str) -> None:
            warn(self, title, text)

        return say

    async def _set_thresholds(self, dialog: SlaDialog, policy: AlarmPolicy) -> None:
        operator = self.operator

        def write(session: Session) -> list[int]:
            return set_policy(session, operator, policy, server_now(session))

        done, moved = await self._write_saying(write, dialog.show_message)
        if not done or moved is None:
            return
        dialog.show_message(
            self.tr("预警比例已保存；重算了 {count} 件未结事件的预警时点").format(count=len(moved)),
            error=False,
        )
        await self._load_alarms()

    async def _change_sla(
        self, dialog: SlaDialog, draft: SlaLimitDraft | None, deleted: int | None
    ) -> None:
        operator, language = self.operator, self.language

        def write(session: Session) -> list[SlaLimitRow]:
            now = server_now(session)
            if draft is not None:
                sla.save_limit(session, operator, draft, now)
            elif deleted is not None:
                sla.delete_limit(session, operator, deleted, now)
            return sla.limit_rows(session, language)

        done, rows = await self._write_saying(write, dialog.show_message)
        if not done or rows is None:
            return
        dialog.show_limits(rows)
        dialog.show_message(self.tr("已保存：此后计算的时限按新标准"), error=False)

    # --- the working-day calendar (chief) ----------------------------------------------------

    async def _check_calendar(self) -> None:
        """Warn (from 1 November) while next year's working-day calendar is missing."""

        def read(session: Session) -> int | None:
            return calendar_days.missing_next_year(server_now(session), load_calendar(session))

        try:
            missing = await self.store.read(read)
        except StoreUnavailable:
            return
        self.missing_calendar_year = missing
        self.calendar_label.setText(
            self.tr("{year} 年节假日安排未录入：请值班长在“工作日历”中录入").format(year=missing)
            if missing is not None
            else ""
        )
        self.calendar_label.setVisible(missing is not None)

    def open_calendar(self) -> None:
        """The calendar editor, at next year when it is missing, else this year."""
        year = self.missing_calendar_year or datetime.now(UTC).astimezone(LOCAL_ZONE).year
        dialog = CalendarDialog(year, self)
        self.calendar_dialog = dialog
        dialog.year_requested.connect(lambda y: self._spawn(self._show_calendar_year(dialog, y)))
        dialog.save_requested.connect(
            lambda y, rows: self._spawn(self._save_calendar(dialog, y, rows))
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self._spawn(self._show_calendar_year(dialog, year))

    async def _show_calendar_year(self, dialog: CalendarDialog, year: int) -> None:
        # The chief may close the editor while its year is read: it is deleted by then.
        try:
            rows = await self.store.read(lambda s: calendar_days.calendar_year(s, year))
        except StoreUnavailable:
            if shiboken6.isValid(dialog):
                dialog.show_message(unavailable_text())
            return
        official = await self.store.compute(official_days, year)
        if shiboken6.isValid(dialog):
            dialog.show_year(year, rows, official)

    async def _save_calendar(
        self, dialog: CalendarDialog, year: int, rows: dict[date, tuple[bool, str]]
    ) -> None:
        operator = self.operator

        def write(session: Session) -> list[int]:
            return calendar_days.save_calendar_year(
                session, operator, year, rows, server_now(session)
            )

        done, moved = await self._write_saying(write, dialog.show_message)
        if done and moved is not None and shiboken6.isValid(dialog):
            dialog.show_message(
                self.tr("已保存；重算了 {count} 件未结事件的时限").format(count=len(moved)),
                error=False,
            )
        await self._check_calendar()

    # --- dispatch rules (chief) --------------------------------------------------------------

    def open_rules(self) -> None:
        """Open the dispatch-rule dialog (the rules and the lists loaded in the worker first)."""
        if self.rule_dialog is not None:
            self.rule_dialog.raise_()
            self.rule_dialog.activateWindow()
            return
        self._spawn(self._open_rules())

    async def _open_rules(self) -> None:
        language = self.language

        def read(session: Session) -> tuple[list[DispatchRuleRow], _Choices, _Choices, _Choices]:
            from models import directory
            from models.dispatch import rule_rows

            categories = [(c.id, c.name) for c in directory.category_options(session, language)]
            return (
                rule_rows(session, language),
                categories,
                directory.grid_options(session),
                directory.department_options(session),
            )

        try:
            rows, categories, grids, departments = await self.store.read(read)
        except StoreUnavailable:
            self.statusBar().showMessage(unavailable_text(), 10_000)
            return
        if self.rule_dialog is not None:  # opened twice in quick succession
            return
        dialog = DispatchRuleDialog(rows, categories, grids, departments, self)
        dialog.rule_saved.connect(lambda draft: self._spawn(self._save_rule(dialog, draft)))
        dialog.rule_deactivated.connect(
            lambda rule_id: self._spawn(self._deactivate_rule(dialog, rule_id))
        )
        dialog.finished.connect(lambda _result: self._close_rules(dialog))
        self.rule_dialog = dialog
        dialog.open()

    def _close_rules(self, dialog: DispatchRuleDialog) -> None:
        if self.rule_dialog is dialog:
            self.rule_dialog = None
        dialog.deleteLater()

    async def _save_rule(self, dialog: DispatchRuleDialog, draft: DispatchRuleDraft) -> None:
        from models.dispatch import save_rule

        operator = self.operator
        await self._change_rules(dialog, lambda s: save_rule(s, operator, draft, server_now(s)))

    async def _deactivate_rule(self, dialog: DispatchRuleDialog, rule_id: int) -> None:
        from models.dispatch import deactivate_rule

        operator = self.operator

        def write(session: Session) -> int:
            deactivate_rule(session, operator, rule_id, server_now(session))
            return rule_id

        await self._change_rules(dialog, write)

    async def _change_rules(
        self, dialog: DispatchRuleDialog, write: Callable[[Session], int]
    ) -> None:
        """Write a change of the rules (``write`` returns the id of the rule it changed), then
        show the rules as they are now, that rule selected."""
        # The dialog has opened, so the dispatch layer is loaded (in the worker) already.
        from models.dispatch import InvalidRule, rule_rows

        language = self.language
        try:
            rule_id = await self.store.write(write)
        except InvalidRule as wrong:
            text = invalid_rule_text(wrong, rule_field_caption(wrong.field))
            self._rule_error(dialog, text, wrong.field)
            return
        except NotPermitted as refused:
            self._rule_error(dialog, not_permitted_text(refused))
            return
        except StoreUnavailable:
            self._rule_error(dialog, unavailable_text())
            return
        self.event_work.forget_dispatch_rules()
        try:
            rows = await self.store.read(lambda s: rule_rows(s, language))
        except StoreUnavailable:
            self._rule_error(dialog, self.tr("规则已保存，但未能重新读取，请稍后重新打开"))
            return
        if self.rule_dialog is dialog:
            dialog.set_rules(rows, select=rule_id)

    def _rule_error(self, dialog: DispatchRuleDialog, text: str, field: str = "") -> None:
        if self.rule_dialog is dialog:
            dialog.show_error(text, field)

    # --- status ------------------------------------------------------------------------------

    def _show_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_label.setText(self.tr("模式：{mode}").format(mode=mode_labels().get(mode, mode)))
        self.mode_label.setStyleSheet(
            "color: white; background: #c00000; font-weight: bold; padding: 0 4px;"
            if mode == "emergency"
            else ""
        )

    # --- emergency mode (平急转换) --------------------------------------------------------------

    async def _load_mode(self) -> None:
        """Read the centre's mode and the emergency in force, and show them."""
        language = self.language

        def read(session: Session) -> tuple[str, Emergency | None, datetime]:
            return (
                queries.current_mode(session),
                modes.current_emergency(session, language),
                server_now(session),
            )

        try:
            mode, emergency, now = await self.store.read(read)
        except StoreUnavailable:
            return
        self._apply_mode(mode, emergency, now)

    def _apply_mode(self, mode: str, emergency: Emergency | None, now: datetime) -> None:
        if mode != self._layout_mode:
            # Each mode has its layout (DESIGN §4): keep this one's, show the other's.
            self.save_layout()
            self._layout_mode = mode
            self.restore_layout()
        self._show_mode(mode)
        self.emergency = emergency
        if emergency is not None:
            self.banner.show_emergency(emergency)
        self.banner_bar.setVisible(emergency is not None)
        self.panels.checklist.deliver("emergency", lambda c: c.set_emergency(emergency, now))
        self._enable_mode_actions()
        self.mode_shown.emit(mode)
        self._alarm_reload.start()  # timed checklist items alarm like deadlines

    def _enable_mode_actions(self) -> None:
        may = self.permissions is not None and MODE_SWITCH_PERMISSION in self.permissions
        self.emergency_action.setEnabled(may and self.mode == "normal")
        self.normal_action.setEnabled(may and self.mode == "emergency")

    async def _open_emergency_dialog(self) -> None:
        language = self.language
        try:
            plans = await self.store.read(lambda s: modes.plan_options(s, language))
        except StoreUnavailable:
            warn(self, self.tr("启动应急模式"), unavailable_text())
            return
        dialog = EmergencyDialog(plans, self)
        dialog.declared.connect(
            lambda plan_id, level, reason: self._spawn(
                self._declare(dialog, plan_id, level, reason)
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.emergency_dialog = dialog
        dialog.open()

    async def _declare(
        self, dialog: EmergencyDialog, plan_id: int, level: str, reason: str
    ) -> None:
        operator = self.operator

        def write(session: Session) -> int:
            return modes.declare_emergency(
                session,
                operator,
                plan_id=plan_id,
                level=level,
                reason=reason,
                now=server_now(session),
            )

        done, activation_id = await self._write_saying(write, dialog.show_error)
        if not done:
            return
        dialog.accept()
        await self._load_mode()
        # The activation opened its upward report: its editor comes up here, where the chief
        # just acted, with the phone and written deadlines running.
        await self.site_work.open_activation_report(activation_id)

    def _end_emergency(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("恢复常态"), self.tr("恢复常态的原因（必填）")
        )
        if ok and reason.strip():
            self._spawn(self._end(reason.strip()))

    async def _end(self, reason: str) -> None:
        operator = self.operator

        def write(session: Session) -> None:
            modes.end_emergency(session, operator, reason=reason, now=server_now(session))

        await self._write_saying(write, self._warn(self.tr("恢复常态")))
        await self._load_mode()

    async def _tick(self, item_id: int, done: bool) -> None:
        operator = self.operator

        def write(session: Session) -> None:
            modes.tick(session, operator, item_id, done, server_now(session))

        await self._write_saying(write, self._warn(self.tr("应急处置清单")))
        await self._load_mode()  # the list as it stands, whatever happened

    def _show_connection(self, connected: bool, detail: str) -> None:
        came_back = connected and self._offline
        self._offline = not connected
        if came_back and self.feed.last_seq is not None:
            # Back: first what was kept here, in order; then what the others did meanwhile.
            self.event_work.replay_journal()
            self.feed.wake()
        elif came_back:
            # The database was away when this window started: load what it never had.
            if self.permissions is None:
                self._spawn(self._load_permissions())
            self._spawn(self.load_all())
        if connected:
            self.connection_label.setText(self.tr("● 已连接"))
            self.connection_label.setStyleSheet("color: #1b7f3b;")
        else:
            self.connection_label.setText(self.tr("● 数据库断开，正在重试"))
            self.connection_label.setStyleSheet("color: #b00020; font-weight: bold;")
            self.connection_label.setToolTip(plain_tooltip(detail))  # the server's words

    # --- idle lock ---------------------------------------------------------------------------

    def set_idle_lock_interval(self, milliseconds: int) -> None:
        """Change the idle time after which the screen locks (tests shorten it)."""
        self._idle_timer.setInterval(milliseconds)
        self._idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Any key or mouse input in this window counts as activity.
        if event.type() in _ACTIVITY and self._lock is None:
            self._idle_timer.start()
        return False

    def lock_screen(self, *, by_operator: bool = False) -> None:
        """Cover the window until the operator's password is given again (``by_operator``:
        Ctrl+L, else the idle time ran out)."""
        if self._lock is not None:
            return
        # An opaque cover over the whole window: a locked post shows nothing of its events.
        self._cover = QWidget(self)
        self._cover.setObjectName("screen_lock_cover")
        self._cover.setAutoFillBackground(True)
        self._cover.setStyleSheet("#screen_lock_cover { background: #1f2a36; }")
        self._cover.setGeometry(self.rect())
        self._cover.show()
        self._cover.raise_()
        # Open dialogs (a half-filled intake form, the rule editor) are windows of their own:
        # hidden while locked, shown again as they were once unlocked.
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self._lock = ScreenLock(self.operator.display_name, self, by_operator=by_operator)
        self._lock.unlock_requested.connect(lambda pw: self._spawn(self._try_unlock(pw)))
        self._lock.finished.connect(self._on_unlocked)
        self._lock.open()
        self.locked.emit()

    async def _try_unlock(self, password: str) -> None:
        account_id, post = self.operator.account_id, self.operator.post
        try:
            refusal = await self.store.write(
                lambda s: unlock_screen(s, account_id, password, server_now(s), post=post)
            )
        except StoreUnavailable:
            if self._lock is not None:
                self._lock.refuse(unavailable_text())
            return
        if self._lock is None:
            return
        if refusal is None:
            self._lock.unlock()
        else:
            self._lock.refuse(unlock_refused_text(refusal))

    def _on_unlocked(self) -> None:
        self._lock = None
        if self._cover is not None:
            self._cover.deleteLater()
            self._cover = None
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self._idle_timer.start()
        self.activateWindow()  # the keyboard back to the post, window manager or not

    def show_unless_locked(self, dialog: QDialog) -> None:
        """Show a dialog that opens by itself (the handover's offer); while the screen is
        locked it waits and shows on unlocking, as the dialogs open at the lock do."""
        if self._lock is None:
            dialog.show()
        elif dialog not in self._hidden_dialogs:
            self._hidden_dialogs.append(dialog)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._cover is not None:
            self._cover.setGeometry(self.rect())

    @property
    def is_locked(self) -> bool:
        """Whether the idle lock is on."""
        return self._lock is not None


def _queue_snapshot(session: Session, language: str) -> tuple[int, list[EventRow], list[str], str]:
    # In the worker: the feed's number (read first: a change committed while the rows are read
    # is then applied again, never missed), the rows, their search texts (so the first
    # keystroke is not the one that builds them on the GUI thread) and the centre's mode.
    seq = last_seq(session)
    now = server_now(session)
    since = now - timedelta(days=history.working_set_days(session))
    rows = queries.event_rows(session, now, language, since=since)
    return seq, rows, [search_text(row) for row in rows], queries.current_mode(session)


_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
