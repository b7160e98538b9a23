"""The video post at work: a camera opened in a real player (ffplay, on a local port that never
answers) with the exact argument vector, a player failing at once reported failed with its words
redacted, values that would be options and wrappers refused, hostile URLs refused, the nearest
cameras of the selected event opened by a number key (also as the handover is offered at 19:50),
a WVP platform asked first (a local fake), the preview decoding a stream ffmpeg serves on
127.0.0.1, and a patrol tour run with a short dwell, its record complete."""

from __future__ import annotations

import shutil
import socket
import stat
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, select, update

from desktop.main_window import MainWindow
from models.cameras import CameraIndex
from models.db import open_database
from models.entities import Camera, Event, EventCategory, PlayerProgram, VideoSystem
from models.patrols import TourDraft, patrols_between, save_tour
from models.snapshots import CameraRow, NearbyCamera
from models.workdays import LOCAL_ZONE
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click
from tests.fake_wvp import PASSWORD, USERNAME, fake_wvp
from tests.models.people import operator_of
from widgets.patrol import PatrolWindow
from widgets.video_links import VideoLinksPanel

pytestmark = pytest.mark.gui


TEMPLATE = "ffplay -nodisp -loglevel error -window_title {name} {url}"


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers: a player opening a
    stream there waits, still running, as one showing a picture would."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(server.getsockname()[1])
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        server.close()


@pytest.fixture
def players() -> Iterator[Callable[[], list[list[str]]]]:
    """The argument vectors of the ffplay players this test started (a real player, started
    as GridDesk starts it); every one is ended at the end."""
    assert shutil.which("ffplay"), "ffplay is needed (Debian package ffmpeg)"

    def started() -> list[psutil.Process]:
        return [
            p
            for p in psutil.Process().children(recursive=True)
            if p.name() == "ffplay" and p.status() != psutil.STATUS_ZOMBIE
        ]

    yield lambda: [p.cmdline() for p in started()]
    for process in started():
        process.kill()


def _use_player(url: str, template: str = TEMPLATE) -> None:
    database = open_database(url)
    with database.write() as session:
        session.execute(update(VideoSystem).values(launch="player", player_template=template))
    database.close()


def _streams_at(url: str, port: int) -> dict[int, str]:
    """Point every camera at the local silent server (a test never reaches the demo's
    addresses); returns each camera's new URL."""
    database = open_database(url)
    with database.write() as session:
        ids = list(session.scalars(select(Camera.id)))
        for camera_id in ids:
            session.execute(
                update(Camera)
                .where(Camera.id == camera_id)
                .values(stream_url=f"rtsp://127.0.0.1:{port}/cam/{camera_id}")
            )
    database.close()
    return {camera_id: f"rtsp://127.0.0.1:{port}/cam/{camera_id}" for camera_id in ids}


def _video_post(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str
) -> tuple[MainWindow, VideoLinksPanel]:
    window = wait_loaded(
        qtbot, start(running, qloop, ["--db", url, "--demo", "--post", "video", "--user", "video"])
    )
    panel = window.panels.video.build()
    qtbot.waitUntil(lambda: panel.camera_count() > 100, timeout=LOAD_TIMEOUT_MS)
    return window, panel


def _camera(url: str, code: str) -> tuple[int, str, str]:
    database = open_database(url)
    with database.read() as session:
        found = session.execute(
            select(Camera.id, Camera.name, Camera.stream_url)
            .join(VideoSystem)
            .where(VideoSystem.code == code)
            .order_by(Camera.id)
            .limit(1)
        ).one()
    database.close()
    return found[0], found[1], found[2]


def _nearby_shown(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, url: str, port: int
) -> tuple[MainWindow, VideoLinksPanel, dict[int, str], list[NearbyCamera]]:
    """The video post, every camera streaming from the silent server on ``port``, the first
    event selected and its nearest cameras listed: the window, the panel, each camera's URL and
    the nearest cameras as the panel must list them."""
    _use_player(url)
    urls = _streams_at(url, port)
    window, panel = _video_post(running, qloop, qtbot, url)
    database = open_database(url)
    with database.read() as session:
        event_id, lon, lat = session.execute(
            select(Event.id, Event.lon, Event.lat).order_by(Event.id).limit(1)
        ).one()
        cameras = [
            CameraRow(c.id, c.gb_id, c.name, c.kind, "", "", "", c.lon, c.lat)
            for c in session.scalars(select(Camera))
        ]
    database.close()
    expected = CameraIndex(cameras).nearest(lon, lat)
    assert expected  # the demo has cameras at every grid corner
    window.select_event(event_id)
    qtbot.waitUntil(lambda: panel.nearby.count() == len(expected), timeout=LOAD_TIMEOUT_MS)
    return window, panel, urls, expected


def test_a_camera_opens_in_its_player_with_the_exact_arguments_and_hostile_urls_do_not(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    silent_server: int,
    players: Callable[[], list[list[str]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    _use_player(seeded_url)
    urls = _streams_at(seeded_url, silent_server)
    camera_id, _, _ = _camera(seeded_url, "TBJM")
    database = open_database(seeded_url)
    with database.write() as session:
        hostile_id = session.scalars(
            select(Camera.id).where(Camera.id != camera_id).order_by(Camera.id).limit(1)
        ).one()
        session.execute(
            update(Camera).where(Camera.id == hostile_id).values(stream_url="file:///etc/passwd")
        )
        session.execute(
            update(Camera).where(Camera.id == camera_id).values(name="路口; rm -rf ~ $(id) {url}")
        )
    database.close()
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    launched: list[int] = []
    window.video_work.launched.connect(launched.append)
    window.video_work.reload()
    qtbot.waitUntil(lambda: panel.select_camera(camera_id), timeout=LOAD_TIMEOUT_MS)

    click(qtbot, panel.open_button)
    qtbot.waitUntil(lambda: len(players()) == 1, timeout=LOAD_TIMEOUT_MS)
    expected_url = urls[camera_id].replace("rtsp://", "rtsp://viewer:Viewer2026@", 1)
    assert players()[0] == [
        shutil.which("ffplay"),
        "-nodisp",
        "-loglevel",
        "error",
        "-window_title",
        "路口; rm -rf ~ $(id) {url}",
        expected_url,
    ]
    # Watched for its first seconds: still running, so it opened.
    qtbot.waitUntil(lambda: "已打开" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    assert launched == [camera_id] and "Viewer2026" not in panel.notice.text()

    assert panel.select_camera(hostile_id)
    click(qtbot, panel.open_button)
    qtbot.waitUntil(lambda: "不允许的协议" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    qtbot.wait(300)
    assert len(players()) == 1  # nothing started
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Viewer2026" not in logged


def test_a_player_that_fails_at_once_is_reported_failed_its_words_redacted(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    players: Callable[[], list[list[str]]],
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _use_player(seeded_url)
    closed = _free_port()  # nothing listens: the player says so, quoting its URL, and ends
    urls = _streams_at(seeded_url, closed)
    camera_id, _, _ = _camera(seeded_url, "TBJM")
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    launched: list[int] = []
    window.video_work.launched.connect(launched.append)
    window.video_work.open_camera(camera_id)
    qtbot.waitUntil(lambda: "未能打开" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    notice = panel.notice.text()
    assert "Connection refused" in notice and f"127.0.0.1:{closed}" in notice
    assert "rtsp://***@" in notice and "Viewer2026" not in notice and "viewer:" not in notice
    assert launched == []
    assert urls[camera_id] not in "\n".join(r.getMessage() for r in caplog.records)
    written = capfd.readouterr()
    assert "Viewer2026" not in written.out + written.err  # the player's own output included


def test_values_never_become_options_and_a_wrapper_never_starts(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    silent_server: int,
    players: Callable[[], list[list[str]]],
    tmp_path: Path,
) -> None:
    _streams_at(seeded_url, silent_server)
    camera_id, _, _ = _camera(seeded_url, "TBJM")
    # A camera named like an option, under a template that makes its name an argument.
    _use_player(seeded_url, "ffplay -nodisp {name} {url}")
    database = open_database(seeded_url)
    with database.write() as session:
        session.execute(update(Camera).where(Camera.id == camera_id).values(name="-version"))
    database.close()
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    window.video_work.open_camera(camera_id)
    qtbot.waitUntil(lambda: "当作选项" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    # A "client" registered before it was swapped for a script (what it is, checked again at
    # the launch, on this computer): refused, nothing started.
    script = tmp_path / "client"
    script.write_text('#!/bin/sh\nexec ffplay "$@"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    database = open_database(seeded_url)
    with database.write() as session:
        session.execute(
            insert(PlayerProgram).values(
                path=str(script), name="client", registered_at=datetime.now(UTC)
            )
        )
        session.execute(update(Camera).where(Camera.id == camera_id).values(name="路口"))
    database.close()
    _use_player(seeded_url, f"'{script}' {{url}}")
    window.video_work.open_camera(camera_id)
    qtbot.waitUntil(lambda: "启动其他程序" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    qtbot.wait(300)
    assert players() == []


def test_the_nearest_cameras_of_the_selected_event_open_with_a_number_key(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    silent_server: int,
    players: Callable[[], list[list[str]]],
) -> None:
    _, panel, urls, expected = _nearby_shown(running, qloop, qtbot, seeded_url, silent_server)
    assert panel.nearby.isVisible()
    shown = [panel.nearby.item(i).text() for i in range(panel.nearby.count())]
    assert shown[0].startswith("1. " + expected[0].camera.name)
    assert f"{round(expected[0].distance_m)} 米" in shown[0]

    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(players()) == 1, timeout=LOAD_TIMEOUT_MS)
    opened = players()[0][-1]
    second = urls[expected[1].camera.id]
    assert opened.split("@")[-1] == second.split("://", 1)[1]


def test_the_handover_offered_at_19_50_leaves_the_keystroke_to_the_launcher(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    silent_server: int,
    players: Callable[[], list[list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The clock of record as the handover sees it, set by the test: just before the day
    # shift's offer (19:45, for 20:00), then 19:50 while the operator works on.
    clock = [datetime(2026, 11, 26, 19, 44, 58, tzinfo=LOCAL_ZONE).astimezone(UTC)]
    monkeypatch.setattr("desktop.handover_work.server_now", lambda _session: clock[0])
    window, panel, urls, expected = _nearby_shown(running, qloop, qtbot, seeded_url, silent_server)
    work = window.handover_work
    panel.tree.setFocus()  # the operator is at the camera list
    assert not work.notice.isVisible()

    clock[0] = datetime(2026, 11, 26, 19, 50, tzinfo=LOCAL_ZONE).astimezone(UTC)
    qtbot.waitUntil(work.notice.isVisible, timeout=LOAD_TIMEOUT_MS)  # offered, by its timer
    assert "20:00" in work.notice.label.text()
    # The key goes where the keyboard is, as a keyboard's does: still the camera list.
    assert QApplication.activeWindow() is window
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_2)
    started: list[list[str]] = []

    def one_started() -> bool:
        started[:] = players()  # read once: the player is seen as it started
        return len(started) == 1

    qtbot.waitUntil(one_started, timeout=LOAD_TIMEOUT_MS)
    assert started[0][-1].split("@")[-1] == urls[expected[1].camera.id].split("://", 1)[1]
    assert QApplication.activeWindow() is window

    # The offer opens the handover when the operator asks for it.
    click(qtbot, work.notice.open_button)
    qtbot.waitUntil(
        lambda: work.dialog is not None and work.dialog.outgoing.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )


def test_a_wvp_camera_is_asked_of_its_platform_off_the_gui_thread(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    silent_server: int,
    players: Callable[[], list[list[str]]],
) -> None:
    camera_id, _, _ = _camera(seeded_url, "XLGC")
    stream = f"rtsp://127.0.0.1:{silent_server}/rtp/abc"
    with fake_wvp(stream) as wvp:
        database = open_database(seeded_url)
        with database.write() as session:
            session.execute(
                update(VideoSystem)
                .where(VideoSystem.code == "XLGC")
                .values(
                    launch="wvp",
                    player_template="ffplay -nodisp {url}",
                    api_url=wvp.url,
                    api_username=USERNAME,
                    api_password=PASSWORD,
                )
            )
            gb_id = session.get(Camera, camera_id).gb_id  # type: ignore[union-attr]
        database.close()
        window, panel = _video_post(running, qloop, qtbot, seeded_url)
        window.video_work.open_camera(camera_id)
        qtbot.waitUntil(lambda: len(players()) == 1, timeout=LOAD_TIMEOUT_MS)
        assert players()[0][1:] == ["-nodisp", stream]
        assert wvp.requests[1][0] == f"/api/play/start/{gb_id}/{gb_id}"
        qtbot.waitUntil(lambda: "已打开" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)

        # The platform refuses: the operator is told, nothing more starts.
        wvp.play_answer = {"code": 1, "msg": "通道不在线"}
        window.video_work.open_camera(camera_id)
        qtbot.waitUntil(lambda: "通道不在线" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
        assert len(players()) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served_stream() -> Iterator[str]:
    """A test picture served over HTTP by ffmpeg on 127.0.0.1 (MPEG-TS, H.264)."""
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is needed (Debian package ffmpeg)"
    port = _free_port()
    url = f"http://127.0.0.1:{port}/live.ts"
    process = subprocess.Popen(
        [
            ffmpeg, "-hide_banner", "-loglevel", "error", "-re",
            "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "60",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast",
            "-f", "mpegts", "-listen", "1", url,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        # Until it listens; a probe connection would be the one client it serves.
        for _ in range(100):
            if any(
                c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN
                for c in psutil.net_connections(kind="tcp")
            ):
                break
            time.sleep(0.05)
        yield url
    finally:
        process.kill()
        process.wait(timeout=10)


# The stream that is gone is the point: QtMultimedia warns that it could not open it.
@pytest.mark.qt_log_ignore("Could not open media")
def test_the_preview_decodes_a_stream_and_says_when_it_cannot(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    served_stream: str,
) -> None:
    camera_id, _, _ = _camera(seeded_url, "TBJM")
    other_id, _, _ = _camera(seeded_url, "XLGC")
    database = open_database(seeded_url)
    with database.write() as session:
        session.execute(
            update(Camera)
            .where(Camera.id == camera_id)
            .values(stream_url=served_stream, stream_username="", stream_password="")
        )
        session.execute(update(VideoSystem).values(launch="player"))
        session.execute(
            update(Camera)
            .where(Camera.id == other_id)
            .values(stream_url=f"http://127.0.0.1:{_free_port()}/gone.ts")
        )
    database.close()
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    assert panel.select_camera(camera_id)
    click(qtbot, panel.preview_button)
    qtbot.waitUntil(lambda: window.video_work.preview is not None, timeout=LOAD_TIMEOUT_MS)
    preview = window.video_work.preview
    assert preview is not None and preview.available
    frames: list[tuple[int, int]] = []
    assert preview.video is not None
    preview.video.videoSink().videoFrameChanged.connect(
        lambda frame: frames.append((frame.width(), frame.height())) if frame.isValid() else None
    )
    qtbot.waitUntil(lambda: bool(frames), timeout=30_000)
    assert frames[0] == (320, 240)
    qtbot.waitUntil(lambda: preview.status.text() == "正在播放", timeout=LOAD_TIMEOUT_MS)

    assert panel.select_camera(other_id)
    click(qtbot, panel.preview_button)
    qtbot.waitUntil(lambda: "无法在应用内播放" in preview.status.text(), timeout=30_000)
    assert window.video_work.preview_dialog is not None
    window.video_work.preview_dialog.close()


@pytest.mark.qt_log_ignore("Could not open media")  # the tour's cameras show nothing
def test_a_patrol_tour_runs_with_a_short_dwell_and_is_recorded_whole(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
) -> None:
    database = open_database(seeded_url)
    video = operator_of(database, "video", "video")
    gone = f"http://127.0.0.1:{_free_port()}/gone.ts"  # nothing to see: the stops go on
    with database.write() as session:
        cameras = list(session.scalars(select(Camera.id).where(Camera.kind == "site").limit(3)))
        session.execute(update(Camera).where(Camera.id.in_(cameras)).values(stream_url=gone))
        session.execute(update(VideoSystem).values(launch="player"))
        save_tour(session, video, TourDraft(None, "测试轮巡", 1, tuple(cameras)))
        place = session.execute(
            select(Camera.lon, Camera.lat, Camera.grid_id).where(Camera.id == cameras[1])
        ).one()
        category = session.scalars(
            select(EventCategory.name).order_by(EventCategory.code).limit(1)
        ).one()
    started = datetime.now(UTC)
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    click(qtbot, panel.tours_button)
    work = window.video_work
    qtbot.waitUntil(
        lambda: work.tour_dialog is not None and work.tour_dialog.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = work.tour_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.tours.count() == 2, timeout=LOAD_TIMEOUT_MS)  # the demo's too
    row = next(i for i in range(dialog.tours.count()) if "测试轮巡" in dialog.tours.item(i).text())
    dialog.tours.setCurrentRow(row)
    click(qtbot, dialog.run_button)
    qtbot.waitUntil(lambda: work.patrol_window is not None, timeout=LOAD_TIMEOUT_MS)
    patrol = work.patrol_window
    assert isinstance(patrol, PatrolWindow)
    assert patrol.position == 1 and "第 1/3 个" in patrol.progress.text()
    click(qtbot, patrol.normal_button)  # stop 1: 正常
    qtbot.waitUntil(lambda: patrol.position == 2, timeout=LOAD_TIMEOUT_MS)
    click(qtbot, patrol.event_button)  # stop 2: an event; the clock waits for the form
    assert patrol.event_form.isVisible() and not patrol.timer.isActive()
    patrol.category.setCurrentIndex(patrol.category.findText(category))
    patrol.description.setPlainText("工地围挡倒塌，占用人行道")
    click(qtbot, patrol.save_event_button)
    qtbot.waitUntil(lambda: patrol.position == 3, timeout=LOAD_TIMEOUT_MS)
    assert patrol.event_codes and patrol.event_codes[0] in patrol.message.text()
    # Stop 3: nobody marks it; after its dwell it counts as normal, and the patrol ends.
    qtbot.waitUntil(lambda: patrol.over, timeout=10_000)
    assert "正常 2 个" in patrol.progress.text() and "生成事件 1 件" in patrol.progress.text()

    def summary_complete() -> bool:
        with database.read() as session:
            found = patrols_between(
                session, started - timedelta(minutes=5), datetime.now(UTC) + timedelta(minutes=5)
            )
        return len(found) == 1 and found[0].ended_at is not None

    qtbot.waitUntil(summary_complete, timeout=LOAD_TIMEOUT_MS)
    with database.read() as session:
        (summary,) = patrols_between(
            session, started - timedelta(minutes=5), datetime.now(UTC) + timedelta(minutes=5)
        )
        assert (summary.tour_name, summary.post, summary.operator_name) == (
            "测试轮巡",
            "video",
            video.display_name,
        )
        assert (summary.camera_count, summary.normal_count) == (3, 2)
        assert summary.event_codes == tuple(patrol.event_codes)
        event = session.execute(
            select(Event.source, Event.lon, Event.lat, Event.grid_id, Event.description).where(
                Event.code == summary.event_codes[0]
            )
        ).one()
    assert tuple(event) == (
        "video",
        place.lon,
        place.lat,
        place.grid_id,
        "工地围挡倒塌，占用人行道",
    )
    # The new event reaches the queue through the feed like any other.
    queue = window.panels.queue.content
    assert queue is not None
    qtbot.waitUntil(
        lambda: any(r.code == summary.event_codes[0] for r in queue.model.visible_rows()),
        timeout=LOAD_TIMEOUT_MS,
    )
    click(qtbot, patrol.end_button)  # 关闭
    qtbot.waitUntil(lambda: not patrol.isVisible(), timeout=LOAD_TIMEOUT_MS)
    database.close()


def test_the_registry_menu_exports_and_imports_all_or_nothing(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief"])
    window = wait_loaded(qtbot, session)
    work = window.video_work
    qtbot.waitUntil(work.import_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    out = tmp_path / "登记册.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(out), ""))
    work.export_action.trigger()
    qtbot.waitUntil(
        lambda: work.registry_report is not None and work.registry_report.isVisible(),
        timeout=LOAD_TIMEOUT_MS,
    )
    assert str(out) in work.registry_report.text()
    work.registry_report.accept()
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    first = lines[1].split(",")

    # A GBK file with one bad row: nothing is imported, and the line is named.
    bad = tmp_path / "bad.csv"
    rows = [lines[0], ",".join([first[0], "改名后的路口", *first[2:]])]
    rows.append(",".join([first[0][:-1] + "X", "坏行", *first[2:]]))
    bad.write_bytes("\r\n".join(rows).encode("gbk"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    work.registry_report = None
    work.import_action.trigger()
    qtbot.waitUntil(lambda: work.registry_report is not None, timeout=LOAD_TIMEOUT_MS)
    report = work.registry_report
    assert "未导入任何摄像机" in report.text()
    assert "第 3 行" in report.detailedText()
    report.accept()
    database = open_database(seeded_url)
    try:
        with database.read() as s:
            assert s.scalar(select(Camera.name).where(Camera.gb_id == first[0])) == first[1]
    finally:
        database.close()

    # Without the bad row it goes in, and the launcher shows the new name.
    bad.write_bytes("\r\n".join(rows[:2]).encode("gbk"))
    work.registry_report = None
    work.import_action.trigger()
    qtbot.waitUntil(lambda: work.registry_report is not None, timeout=LOAD_TIMEOUT_MS)
    assert "更新 1 个" in work.registry_report.text()
    work.registry_report.accept()
    panel = window.panels.video.content
    assert panel is not None
    panel.search.setText("改名后的路口")
    qtbot.waitUntil(lambda: len(panel.visible_camera_ids()) == 1, timeout=LOAD_TIMEOUT_MS)


def test_operators_may_export_but_not_import_the_registry(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "video"])
    window = wait_loaded(qtbot, session)
    qtbot.waitUntil(lambda: window.permissions is not None, timeout=LOAD_TIMEOUT_MS)
    assert not window.video_work.import_action.isEnabled()
    assert window.video_work.export_action.isEnabled()


def test_launch_profiles_are_edited_in_the_window_and_checked(
    running: list[Running], qloop: qasync.QEventLoop, qtbot: QtBot, seeded_url: str
) -> None:
    session = start(running, qloop, ["--db", seeded_url, "--demo", "--post", "chief"])
    window = wait_loaded(qtbot, session)
    work = window.video_work
    qtbot.waitUntil(work.profile_action.isEnabled, timeout=LOAD_TIMEOUT_MS)
    work.profile_action.trigger()
    qtbot.waitUntil(
        lambda: work.profile_dialog is not None and work.profile_dialog.system.count() == 2,
        timeout=LOAD_TIMEOUT_MS,
    )
    dialog = work.profile_dialog
    # The WVP platform's stored password is never shown.
    dialog.system.setCurrentIndex(dialog.system.findData("XLGC"))
    assert dialog.launch.currentData() == "wvp" and dialog.api_user.text() == "griddesk"
    assert (
        dialog.api_password.text() == ""
        and "Wvp2026demo" not in dialog.api_password.placeholderText()
    )

    def stored(code: str) -> tuple[str, str, str, str]:
        database = open_database(seeded_url)
        try:
            with database.read() as s:
                system = s.scalars(select(VideoSystem).where(VideoSystem.code == code)).one()
                return (
                    system.launch,
                    system.player_template,
                    system.api_username,
                    system.api_password,
                )
        finally:
            database.close()

    before = stored("TBJM")
    dialog.system.setCurrentIndex(dialog.system.findData("TBJM"))
    for hostile, said in (("sh -c 'vlc {url}'", "命令解释器"), ("vlc {path}", "{path}")):
        dialog.template.setText(hostile)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        qtbot.waitUntil(lambda s=said: s in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
        assert stored("TBJM") == before
    dialog.template.setText("vlc --network-caching=300 {url}")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert stored("TBJM")[:2] == ("player", "vlc --network-caching=300 {url}")

    # A new platform user needs its password; given both, both are stored.
    dialog.system.setCurrentIndex(dialog.system.findData("XLGC"))
    dialog.api_user.setText("duty")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "密码" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert stored("XLGC")[2:] == ("griddesk", "Wvp2026demo")
    dialog.api_password.setText("新口令2026")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=LOAD_TIMEOUT_MS)
    assert stored("XLGC")[2:] == ("duty", "新口令2026")
    assert dialog.api_password.text() == ""
