"""The video post's work (DESIGN §1, §6): the launcher panel, opening cameras, the preview
window, favourites, patrol tours and patrols — wired to the domain through the store.

Opening a camera: the launch target (with its credentials) is read in the database worker at
that moment and the opening recorded; a WVP platform is asked for the URL in the helper thread
(with a timeout), never on the GUI thread; the URL is checked and rebuilt, the credentials put
into it, and the player — a known one or a registered client, checked again on this computer
for what it is — started with an argument vector (no shell, ``desktop.players``) and watched
for its first seconds: one that fails by then is reported failed, with its complaint redacted.
Or the URL is handed to the system's handler. Nothing shown or logged holds a credential.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.messages import unavailable_text
from desktop.panels import Panel
from desktop.players import start_player
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from desktop.video_messages import (
    import_problem_text,
    import_refused_text,
    launch_refused_text,
    patrol_refused_text,
    profile_refused_text,
    wvp_failed_text,
)
from models import queries
from models.accounts import NotPermitted, Operator, permitted_actions
from models.cameras import (
    MANAGE_PERMISSION,
    NEARBY_COUNT,
    NEARBY_RADIUS_M,
    CameraImportRefused,
    CameraIndex,
    LaunchTarget,
    ProfileRefused,
    event_point,
    export_cameras_csv,
    favourites,
    import_cameras_csv,
    launch_target,
    profile_rows,
    register_program,
    registered_programs,
    set_favourite,
    set_launch_profile,
)
from models.clock import server_now
from models.launch import (
    Credentials,
    LaunchRefused,
    check_program_file,
    check_stream_url,
    launch_arguments,
    resolve_player,
    with_credentials,
)
from models.patrols import EDIT_PERMISSION, PatrolRefused, TourDraft
from models.redaction import redact, remember_secret
from models.snapshots import CameraRow, LaunchProfileRow, TourRow
from models.wvp import WvpFailed, play_url
from widgets.patrol import PatrolWindow, TourEditor, TourListDialog
from widgets.plain import warn
from widgets.profile_dialog import LaunchProfileDialog
from widgets.video_links import VideoLinksPanel
from widgets.video_preview import VideoPreview

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Opened:
    """A camera made ready to open: the URL with its credentials (for the player only) and the
    secrets to take out of anything a player says back."""

    def __init__(self, target: LaunchTarget, url: str) -> None:
        self.target = target
        self.url = url
        self.secrets = (target.stream_credentials.password, target.stream_credentials.username)
        # Whatever this process writes from now on leaves them out too (the preview's media
        # backend, a traceback quoting the URL).
        remember_secret(target.stream_credentials.password)
        remember_secret(target.api_account.password)


class VideoWork(QObject):
    """The launcher, the preview and video patrol of one post.

    Signals:
        launched(int): a camera was opened in its player or handler.
        loaded(): the cameras, favourites and tours are shown (after each load).
        site_finding_requested(int, int): (patrol id, camera id) a site finding is to be
            recorded at this patrol's stop.
    """

    launched = Signal(int)
    loaded = Signal()
    site_finding_requested = Signal(int, int)

    def __init__(
        self,
        store: Store,
        operator: Operator,
        language: str,
        dock: Panel[VideoLinksPanel],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.store = store
        self.operator = operator
        self.language = language
        self.dock = dock
        self.window = window
        self.cameras: dict[int, CameraRow] = {}
        self.index = CameraIndex([])
        self.tours: list[TourRow] = []
        self.permissions: frozenset[str] | None = None
        self.preview_dialog: QDialog | None = None
        self.preview: VideoPreview | None = None
        self.tour_dialog: TourListDialog | None = None
        self.tour_editor: TourEditor | None = None
        self.patrol_window: PatrolWindow | None = None
        self.registry_report: QMessageBox | None = None
        self.profile_dialog: LaunchProfileDialog | None = None
        self._selected_event: int | None = None
        self._tasks = BackgroundTasks("video work")
        dock.when_built(self._attach_panel)

    # --- wiring --------------------------------------------------------------------------------

    def _attach_panel(self, panel: VideoLinksPanel) -> None:
        panel.camera_activated.connect(self.open_camera)
        panel.preview_requested.connect(self.preview_camera)
        panel.favourite_toggled.connect(
            lambda camera_id, on: self._spawn(self._favourite(camera_id, on))
        )
        panel.tours_requested.connect(self.open_tours)

    def cancel(self) -> None:
        """Stop what is under way (the window is closing)."""
        self._tasks.cancel_all()
        if self.patrol_window is not None:
            self.patrol_window.close()
        if self.preview is not None:
            self.preview.stop()

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)

    def _notice(self, text: str, error: bool = True) -> None:
        self.dock.deliver("notice", lambda panel: panel.show_notice(text, error))

    async def _write(
        self, operation: Callable[[Session], T], say: Callable[[str], object]
    ) -> tuple[bool, T | None]:
        """A write of the launcher or of patrol; on a refusal ``say`` why (the database away,
        the role, a camera gone, the domain's reason) and return (False, None)."""
        from desktop.messages import event_input_text
        from models.events import EventInputError
        from widgets.intake_form import field_caption

        return await self.store.write_saying(
            operation,
            say,
            {
                PatrolRefused: lambda refused: patrol_refused_text(refused.reason),
                EventInputError: lambda wrong: event_input_text(wrong, field_caption(wrong.field)),
                LookupError: lambda _gone: QCoreApplication.translate(
                    "VideoWork", "该摄像机已不在登记册中"
                ),
            },
        )

    # --- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """The registry, the favourites or the tours changed somewhere: read them again."""
        self._spawn(self.load())

    async def load(self) -> None:
        """Read the cameras, this post's favourites and the tours, and show them."""
        post = self.operator.post

        def read(session: Session) -> tuple[list[CameraRow], list[int], list[TourRow]]:
            from models.patrols import tour_rows

            return queries.camera_rows(session), favourites(session, post), tour_rows(session)

        try:
            cameras, chosen, tours = await self.store.read(read)
        except StoreUnavailable:
            return
        self.cameras = {c.id: c for c in cameras}
        self.index = CameraIndex(cameras)
        self.tours = tours
        self.dock.deliver("cameras", lambda panel: panel.set_cameras(cameras, chosen))
        if self.tour_dialog is not None:
            self.tour_dialog.show_tours(tours, self._may_edit_tours())
        if self._selected_event is not None:
            await self._show_nearby(self._selected_event)
        self.loaded.emit()

    def event_selected(self, event_id: int) -> None:
        """An event was selected: its nearest cameras go first in the launcher."""
        self._selected_event = event_id
        self._spawn(self._show_nearby(event_id))

    async def _show_nearby(self, event_id: int) -> None:
        try:
            point = await self.store.read(lambda s: event_point(s, event_id))
        except StoreUnavailable:
            return
        if point is None or event_id != self._selected_event:
            return
        code, lon, lat = point
        nearby = self.index.nearest(lon, lat, NEARBY_COUNT, NEARBY_RADIUS_M)
        self.dock.deliver("nearby", lambda panel: panel.set_nearby(code, nearby, NEARBY_RADIUS_M))

    async def _favourite(self, camera_id: int, on: bool) -> None:
        operator = self.operator
        done, chosen = await self._write(
            lambda s: set_favourite(s, operator, camera_id, on), self._notice
        )
        if done and chosen is not None:
            self.dock.deliver("favourites", lambda panel: panel.set_favourites(chosen))

    # --- opening a camera ----------------------------------------------------------------------

    def open_camera(self, camera_id: int) -> None:
        """Open a camera in its system's player or handler."""
        self._spawn(self._open_external(camera_id))

    def preview_camera(self, camera_id: int) -> None:
        """Play a camera in the preview window."""
        preview = self._preview_window()
        self._spawn(self._play(camera_id, preview))

    async def _ready(self, camera_id: int, say: Any) -> _Opened | None:
        """Read what opening the camera takes, ask its platform if it has one, check the URL;
        None (and ``say`` told why) if it cannot be opened."""
        operator = self.operator

        def read(session: Session) -> LaunchTarget:
            return launch_target(session, operator, camera_id, server_now(session))

        done, target = await self._write(read, say)
        if not done or target is None:
            return None
        try:
            if target.launch == "wvp":
                url = await self.store.compute(
                    play_url,
                    target.api_url,
                    target.api_account,
                    target.device_gb_id,
                    target.gb_id,
                )
            else:
                url = check_stream_url(target.stream_url or target.web_url)
                url = with_credentials(url, target.stream_credentials)
        except WvpFailed as failed:
            say(
                QCoreApplication.translate("VideoWork", "{name}：{reason}").format(
                    name=target.name, reason=wvp_failed_text(failed)
                )
            )
            return None
        except LaunchRefused as refused:
            say(
                QCoreApplication.translate("VideoWork", "{name}：{reason}").format(
                    name=target.name, reason=launch_refused_text(refused)
                )
            )
            return None
        return _Opened(target, url)

    async def _open_external(self, camera_id: int) -> None:
        opened = await self._ready(camera_id, self._notice)
        if opened is None:
            return
        target = opened.target
        if target.launch == "wvp":
            use_handler = not target.template
        else:
            # A camera known only by its platform's web page goes to the system's handler too.
            use_handler = target.launch == "handler" or not target.stream_url
        if not use_handler and not target.template:
            self._notice(
                QCoreApplication.translate("VideoWork", "{system} 未配置播放器").format(
                    system=target.system
                )
            )
            return
        if use_handler:
            if not QDesktopServices.openUrl(QUrl(opened.url, QUrl.ParsingMode.StrictMode)):
                self._notice(
                    QCoreApplication.translate("VideoWork", "系统无法打开 {name} 的地址").format(
                        name=target.name
                    )
                )
                return
            log.info("camera %s opened with the system's handler", target.gb_id)
        elif not await self._start_player(opened):
            return
        self._notice(
            QCoreApplication.translate("VideoWork", "已打开 {name}").format(name=target.name),
            error=False,
        )
        self.launched.emit(camera_id)

    async def _start_player(self, opened: _Opened) -> bool:
        """Start the system's player on the camera and watch its first seconds; False (and the
        notice says why) when it could not start or failed at once."""
        target = opened.target
        try:
            program, arguments = launch_arguments(
                target.template,
                {"url": opened.url, "name": target.name, "gb_id": target.gb_id},
                target.registered_programs,
            )
            where = resolve_player(program)
            if where is None:
                raise LaunchRefused("missing", program)
            check_program_file(where)  # what it is on this computer, now
        except LaunchRefused as refused:
            self._notice(
                QCoreApplication.translate(
                    "VideoWork", "{system} 的播放器命令有误：{reason}"
                ).format(system=target.system, reason=launch_refused_text(refused))
            )
            return False
        try:
            player = start_player(where, arguments, opened.secrets)
        except OSError:
            self._notice(
                QCoreApplication.translate(
                    "VideoWork", "无法启动播放器“{program}”：请检查它是否已安装"
                ).format(program=program)
            )
            return False
        self._notice(
            QCoreApplication.translate("VideoWork", "正在打开 {name}…").format(name=target.name),
            error=False,
        )
        outcome = await player.settle()
        if outcome.failed:
            log.info("player for camera %s ended at once (code %s)", target.gb_id, outcome.code)
            self._notice(
                QCoreApplication.translate(
                    "VideoWork", "播放器未能打开 {name}（退出码 {code}）：{reason}"
                ).format(
                    name=target.name,
                    code=outcome.code,
                    reason=outcome.complaint
                    or QCoreApplication.translate("VideoWork", "播放器未说明原因"),
                )
            )
            return False
        log.info("camera %s opened with %s", target.gb_id, program)
        return True

    def _preview_window(self) -> VideoPreview:
        if self.preview_dialog is None or self.preview is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle(QCoreApplication.translate("VideoWork", "视频预览"))
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            preview = VideoPreview(dialog)
            layout = QVBoxLayout(dialog)
            layout.addWidget(preview)
            dialog.resize(720, 480)
            dialog.finished.connect(lambda _code: preview.stop())
            self._watch(preview)
            self.preview_dialog, self.preview = dialog, preview
        self.preview_dialog.show()
        self.preview_dialog.raise_()
        return self.preview

    async def _play(self, camera_id: int, preview: VideoPreview) -> None:
        camera = self.cameras.get(camera_id)
        preview.stop()
        title = camera.name if camera else ""
        opened = await self._ready(
            camera_id, lambda text: self._preview_problem(preview, title, text)
        )
        if opened is None:
            return
        preview.secrets = opened.secrets
        preview.play(opened.target.name, QUrl(opened.url, QUrl.ParsingMode.StrictMode))

    def _watch(self, preview: VideoPreview) -> None:
        """Show a player's failure, with the stream's secrets taken out of its words."""

        def failed(text: str) -> None:
            clean = redact(text, preview.secrets)
            preview.show_problem(
                QCoreApplication.translate(
                    "VideoWork",
                    "无法在应用内播放此视频流（{reason}）：可用“打开”在外部播放器中观看",
                ).format(reason=clean)
            )
            log.info("preview failed: %s", clean)

        preview.failed.connect(failed)

    def _preview_problem(self, preview: VideoPreview, title: str, text: str) -> None:
        preview.title.setText(title)
        preview.show_problem(text)

    # --- the registry as CSV -------------------------------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        """The registry's actions: import (who may manage cameras), export, the patrol tours."""
        self.import_action = QAction(
            QCoreApplication.translate("VideoWork", "导入摄像机登记册（CSV）…"), menu
        )
        self.import_action.setEnabled(False)  # until the permissions say the role may
        self.export_action = QAction(
            QCoreApplication.translate("VideoWork", "导出摄像机登记册（CSV）…"), menu
        )
        tours = QAction(QCoreApplication.translate("VideoWork", "视频轮巡…"), menu)
        self.profile_action = QAction(
            QCoreApplication.translate("VideoWork", "视频系统打开方式…"), menu
        )
        self.profile_action.setEnabled(False)
        self.profile_action.triggered.connect(lambda: self._spawn(self.open_profiles()))
        self.import_action.triggered.connect(self._choose_import)
        self.export_action.triggered.connect(self._choose_export)
        tours.triggered.connect(self.open_tours)
        for action in (self.import_action, self.export_action, tours, self.profile_action):
            menu.addAction(action)

    def permissions_known(self, permissions: frozenset[str]) -> None:
        """What the role may do, read after log-in."""
        self.permissions = permissions
        self.import_action.setEnabled(MANAGE_PERMISSION in permissions)
        self.profile_action.setEnabled(MANAGE_PERMISSION in permissions)

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("VideoWork", "导入摄像机登记册"),
            "",
            QCoreApplication.translate("VideoWork", "CSV 文件 (*.csv)"),
        )
        if path:
            self._spawn(self.import_file(path))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("VideoWork", "导出摄像机登记册"),
            "cameras.csv",
            QCoreApplication.translate("VideoWork", "CSV 文件 (*.csv)"),
        )
        if path:
            self._spawn(self.export_file(path))

    async def import_file(self, path: str) -> None:
        """Import the registry from a CSV file: all of it, or nothing and every problem shown
        with its line."""
        from pathlib import Path

        try:
            data = await self.store.compute(Path(path).read_bytes)
        except OSError as exc:
            self._report(
                QCoreApplication.translate("VideoWork", "无法读取文件 {path}：{reason}").format(
                    path=path, reason=exc.strerror
                )
            )
            return
        operator = self.operator
        # The refusal's problems go into the report's details, the rest into its text.
        problems: list[str] = []

        def refused_import(refused: CameraImportRefused) -> str:
            problems.extend(import_problem_text(p) for p in refused.problems)
            return import_refused_text(refused)

        done, result = await self.store.write_saying(
            lambda s: import_cameras_csv(s, data, server_now(s), operator),
            lambda text: self._report(text, "\n".join(problems)),
            {CameraImportRefused: refused_import},
        )
        if not done or result is None:
            return
        self._report(
            QCoreApplication.translate(
                "VideoWork", "已导入：新增 {added} 个，更新 {updated} 个"
            ).format(added=result.added, updated=result.updated),
            error=False,
        )
        self.reload()

    async def export_file(self, path: str) -> None:
        """Write the registry (without credentials) to a CSV file."""
        from pathlib import Path

        try:
            data = await self.store.read(export_cameras_csv)
            await self.store.compute(Path(path).write_bytes, data)
        except StoreUnavailable:
            self._report(unavailable_text())
            return
        except OSError as exc:
            self._report(
                QCoreApplication.translate("VideoWork", "无法写入文件 {path}：{reason}").format(
                    path=path, reason=exc.strerror
                )
            )
            return
        self._report(
            QCoreApplication.translate("VideoWork", "已导出到 {path}").format(path=path),
            error=False,
        )

    def _report(self, text: str, details: str = "", *, error: bool = True) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
            QCoreApplication.translate("VideoWork", "摄像机登记册"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # it quotes paths and the file's cells
        if details:
            box.setDetailedText(details)
        box.setObjectName("camera_registry_report")
        box.finished.connect(box.deleteLater)
        self.registry_report = box
        box.open()

    # --- launch profiles -----------------------------------------------------------------------

    async def open_profiles(self) -> None:
        """The editor of the video systems' launch profiles (who may manage cameras)."""
        try:
            rows, programs = await self.store.read(
                lambda s: (profile_rows(s), registered_programs(s))
            )
        except StoreUnavailable:
            self._report(unavailable_text())
            return
        if self.profile_dialog is None:
            dialog = LaunchProfileDialog(self.window)
            dialog.save_requested.connect(
                lambda *fields: self._spawn(self._save_profile(dialog, *fields))
            )
            dialog.program_register_requested.connect(
                lambda path: self._spawn(self._register_program(dialog, path))
            )
            self.profile_dialog = dialog
        self.profile_dialog.set_profiles(rows)
        self.profile_dialog.set_programs(programs)
        self.profile_dialog.show()
        self.profile_dialog.raise_()

    async def _register_program(self, dialog: LaunchProfileDialog, path: str) -> None:
        """Register a platform client by its absolute path (checked on this computer)."""
        operator = self.operator

        def write(session: Session) -> tuple[str, ...]:
            register_program(session, path, server_now(session), operator)
            return registered_programs(session)

        await self._write_profiles(
            dialog,
            write,
            dialog.set_programs,
            QCoreApplication.translate("VideoWork", "已登记客户端 {path}").format(path=path),
        )

    async def _write_profiles(
        self,
        dialog: LaunchProfileDialog,
        write: Callable[[Session], T],
        show: Callable[[T], object],
        saved: str,
    ) -> None:
        """A write of the profile editor: its result shown and ``saved`` said, or why not."""
        done, result = await self.store.write_saying(
            write, dialog.show_error, {ProfileRefused: profile_refused_text}
        )
        if done and result is not None:
            show(result)
            dialog.show_saved(saved)

    async def _save_profile(
        self,
        dialog: LaunchProfileDialog,
        code: str,
        launch: str,
        template: str,
        api_url: str,
        api_user: str,
        password: object,
    ) -> None:
        account = Credentials(api_user, password) if isinstance(password, str) else None
        if account is None and api_user != dialog.stored_user(code):
            dialog.show_error(
                QCoreApplication.translate("VideoWork", "更改平台账号时请同时填写平台密码")
            )
            return
        operator = self.operator

        def write(session: Session) -> list[LaunchProfileRow]:
            set_launch_profile(
                session,
                code,
                launch=launch,
                template=template,
                api_url=api_url,
                api_account=account,
                operator=operator,
                now=server_now(session),
            )
            return profile_rows(session)

        await self._write_profiles(
            dialog,
            write,
            dialog.set_profiles,
            QCoreApplication.translate("VideoWork", "已保存 {code} 的打开方式").format(code=code),
        )

    # --- patrol tours --------------------------------------------------------------------------

    def _may_edit_tours(self) -> bool:
        return self.permissions is not None and EDIT_PERMISSION in self.permissions

    def open_tours(self) -> None:
        """The list of tours: run, edit, make, take away."""
        self._spawn(self._open_tours())

    async def _open_tours(self) -> None:
        role = self.operator.role
        if self.permissions is None:
            try:
                self.permissions = await self.store.read(lambda s: permitted_actions(s, role))
            except StoreUnavailable:
                warn(
                    self.window,
                    QCoreApplication.translate("VideoWork", "视频轮巡"),
                    unavailable_text(),
                )
                return
        if self.tour_dialog is None:
            dialog = TourListDialog(self.window)
            dialog.run_requested.connect(lambda tour_id: self._spawn(self._run(tour_id)))
            dialog.edit_requested.connect(self._edit_tour)
            dialog.delete_requested.connect(lambda tour_id: self._spawn(self._delete(tour_id)))
            self.tour_dialog = dialog
        self.tour_dialog.show_tours(self.tours, self._may_edit_tours())
        self.tour_dialog.show()
        self.tour_dialog.raise_()

    def _edit_tour(self, tour: TourRow | None) -> None:
        editor = TourEditor(tour, sorted(self.cameras.values(), key=lambda c: c.name), self.window)
        editor.saved.connect(lambda row: self._spawn(self._save_tour(editor, row)))
        editor.finished.connect(editor.deleteLater)
        self.tour_editor = editor
        editor.open()

    async def _save_tour(self, editor: TourEditor, row: TourRow) -> None:
        from models.patrols import save_tour

        operator = self.operator
        draft = TourDraft(row.id or None, row.name, row.dwell_seconds, row.camera_ids)
        done, _ = await self._write(lambda s: save_tour(s, operator, draft), editor.show_message)
        if done:
            editor.accept()
            await self.load()

    async def _delete(self, tour_id: int) -> None:
        from models.patrols import delete_tour

        operator = self.operator
        dialog = self.tour_dialog
        assert dialog is not None
        done, _ = await self._write(
            lambda s: delete_tour(s, operator, tour_id), dialog.show_message
        )
        if done:
            dialog.show_message(QCoreApplication.translate("VideoWork", "轮巡已删除"), error=False)
            await self.load()

    # --- running a patrol ------------------------------------------------------------------------

    async def _run(self, tour_id: int) -> None:
        from models import directory
        from models.patrols import start_patrol

        tour = next((t for t in self.tours if t.id == tour_id), None)
        dialog = self.tour_dialog
        if tour is None or dialog is None:
            return
        if self.patrol_window is not None and not self.patrol_window.over:
            dialog.show_message(QCoreApplication.translate("VideoWork", "已有一次巡查正在进行"))
            self.patrol_window.raise_()
            return
        operator, language = self.operator, self.language
        uid = str(uuid.uuid4())

        def write(session: Session) -> tuple[int, Any]:
            now = server_now(session)
            return (
                start_patrol(session, operator, tour_id, now, uid),
                directory.category_options(session, language),
            )

        done, started = await self._write(write, dialog.show_message)
        if not done or started is None:
            return
        patrol_id, categories = started
        window = PatrolWindow(tour, self.cameras, categories, self.window)
        self.patrol_window = window
        self._watch(window.preview)
        event_uids: dict[int, str] = {}  # a retried stop reuses its event's id
        window.camera_shown.connect(
            lambda camera_id: self._spawn(self._play(camera_id, window.preview))
        )
        window.external_requested.connect(self.open_camera)
        window.stop_marked.connect(
            lambda position, camera_id, timed_out: self._spawn(
                self._mark(window, patrol_id, position, camera_id, timed_out)
            )
        )
        window.event_requested.connect(
            lambda position, camera_id, category_id, priority, description: self._spawn(
                self._stop_to_event(
                    window,
                    patrol_id,
                    position,
                    camera_id,
                    event_uids.setdefault(position, str(uuid.uuid4())),
                    category_id,
                    priority,
                    description,
                )
            )
        )
        window.finished_patrol.connect(lambda: self._spawn(self._finish(window, patrol_id)))
        window.site_finding_requested.connect(
            lambda camera_id: self.site_finding_requested.emit(patrol_id, camera_id)
        )
        window.show()
        window.begin()

    async def _mark(
        self, window: PatrolWindow, patrol_id: int, position: int, camera_id: int, timed_out: bool
    ) -> None:
        from models.patrols import mark_stop

        operator = self.operator
        done, _ = await self._write(
            lambda s: mark_stop(
                s, operator, patrol_id, position, camera_id, server_now(s), timed_out=timed_out
            ),
            window.stop_refused,
        )
        if done:
            window.stop_recorded()

    async def _stop_to_event(
        self,
        window: PatrolWindow,
        patrol_id: int,
        position: int,
        camera_id: int,
        uid: str,
        category_id: int,
        priority: str,
        description: str,
    ) -> None:
        from models.patrols import stop_to_event

        operator = self.operator
        done, made = await self._write(
            lambda s: stop_to_event(
                s,
                operator,
                patrol_id,
                position,
                camera_id,
                server_now(s),
                uid=uid,
                category_id=category_id,
                priority=priority,
                description=description,
            ),
            window.stop_refused,
        )
        if done and made is not None:
            window.stop_recorded(made[1])

    async def _finish(self, window: PatrolWindow, patrol_id: int) -> None:
        from models.patrols import finish_patrol

        operator = self.operator
        try:
            await self.store.write(lambda s: finish_patrol(s, operator, patrol_id, server_now(s)))
        except (StoreUnavailable, NotPermitted, PatrolRefused) as failed:
            log.warning("end of patrol %s not recorded: %s", patrol_id, type(failed).__name__)
            window.show_message(
                QCoreApplication.translate("VideoWork", "巡查结束时间未能记录：数据库暂时无法连接")
            )
