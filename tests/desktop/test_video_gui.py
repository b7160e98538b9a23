"""The video post at work: a camera opened in its player with the exact argument vector (a fake
player records it), hostile URLs refused, the nearest cameras of the selected event opened by a
number key, a WVP platform asked first (a local fake), the preview decoding a stream ffmpeg
serves on 127.0.0.1, and a patrol tour run with a short dwell, its record complete."""

from __future__ import annotations

import json
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from desktop.main_window import MainWindow
from models.cameras import CameraIndex
from models.db import open_database
from models.entities import Camera, Event, EventCategory, VideoSystem
from models.patrols import TourDraft, patrols_between, save_tour
from models.snapshots import CameraRow
from tests.desktop.sessions import LOAD_TIMEOUT_MS, Running, start, wait_loaded
from tests.desktop.test_event_work import click
from tests.fake_wvp import PASSWORD, USERNAME, fake_wvp
from tests.models.people import operator_of
from widgets.patrol import PatrolWindow
from widgets.video_links import VideoLinksPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def fake_player(tmp_path: Path) -> tuple[Path, Path]:
    """An executable that appends its arguments (JSON, one line a launch) to a file."""
    record = tmp_path / "argv.jsonl"
    script = tmp_path / "fake player"  # a space in the path: one argument all the same
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"with open({str(record)!r}, 'a', encoding='utf-8') as out:\n"
        "    out.write(json.dumps(sys.argv, ensure_ascii=False) + '\\n')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, record


def _launches(record: Path) -> list[list[str]]:
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


def _use_player(url: str, script: Path) -> None:
    database = open_database(url)
    with database.write() as session:
        session.execute(
            update(VideoSystem).values(
                launch="player", player_template=f"'{script}' --title={{name}} {{url}}"
            )
        )
    database.close()


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


def test_a_camera_opens_in_its_player_with_the_exact_arguments_and_hostile_urls_do_not(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    fake_player: tuple[Path, Path],
    caplog: pytest.LogCaptureFixture,
) -> None:
    script, record = fake_player
    _use_player(seeded_url, script)
    camera_id, _, stream_url = _camera(seeded_url, "TBJM")
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
    window.video_work.reload()
    qtbot.waitUntil(lambda: panel.select_camera(camera_id), timeout=LOAD_TIMEOUT_MS)

    click(qtbot, panel.open_button)
    qtbot.waitUntil(lambda: len(_launches(record)) == 1, timeout=LOAD_TIMEOUT_MS)
    expected_url = stream_url.replace("rtsp://", "rtsp://viewer:Viewer2026@", 1)
    assert _launches(record)[0] == [
        str(script),
        "--title=路口; rm -rf ~ $(id) {url}",
        expected_url,
    ]
    assert "已打开" in panel.notice.text() and "Viewer2026" not in panel.notice.text()

    assert panel.select_camera(hostile_id)
    click(qtbot, panel.open_button)
    qtbot.waitUntil(lambda: "不允许的协议" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
    qtbot.wait(300)
    assert len(_launches(record)) == 1  # nothing started
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Viewer2026" not in logged


def test_the_nearest_cameras_of_the_selected_event_open_with_a_number_key(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    fake_player: tuple[Path, Path],
) -> None:
    script, record = fake_player
    _use_player(seeded_url, script)
    window, panel = _video_post(running, qloop, qtbot, seeded_url)
    database = open_database(seeded_url)
    with database.read() as session:
        event_id, lon, lat = session.execute(
            select(Event.id, Event.lon, Event.lat).order_by(Event.id).limit(1)
        ).one()
        cameras = [
            CameraRow(c.id, c.gb_id, c.name, c.kind, "", "", "", c.lon, c.lat)
            for c in session.scalars(select(Camera))
        ]
        urls = dict(session.execute(select(Camera.id, Camera.stream_url)).all())
    database.close()
    expected = CameraIndex(cameras).nearest(lon, lat)
    assert expected  # the demo has cameras at every grid corner

    window.select_event(event_id)
    qtbot.waitUntil(lambda: panel.nearby.count() == len(expected), timeout=LOAD_TIMEOUT_MS)
    assert panel.nearby.isVisible()
    shown = [panel.nearby.item(i).text() for i in range(panel.nearby.count())]
    assert shown[0].startswith("1. " + expected[0].camera.name)
    assert f"{round(expected[0].distance_m)} 米" in shown[0]

    # Between 19:45 and 22:00 the handover is offered in a window of its own: the operator
    # comes back to the main window (the number keys are its shortcuts) before typing.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=LOAD_TIMEOUT_MS)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(_launches(record)) == 1, timeout=LOAD_TIMEOUT_MS)
    opened = _launches(record)[0][-1]
    second = urls[expected[1].camera.id]
    assert opened.endswith(second.split("://", 1)[1].split("/", 1)[1])
    assert opened.split("@")[-1] == second.split("://", 1)[1]


def test_a_wvp_camera_is_asked_of_its_platform_off_the_gui_thread(
    running: list[Running],
    qloop: qasync.QEventLoop,
    qtbot: QtBot,
    seeded_url: str,
    fake_player: tuple[Path, Path],
) -> None:
    script, record = fake_player
    camera_id, _, _ = _camera(seeded_url, "XLGC")
    with fake_wvp("rtsp://127.0.0.1:8554/rtp/abc") as wvp:
        database = open_database(seeded_url)
        with database.write() as session:
            session.execute(
                update(VideoSystem)
                .where(VideoSystem.code == "XLGC")
                .values(
                    launch="wvp",
                    player_template=f"'{script}' {{url}}",
                    api_url=wvp.url,
                    api_username=USERNAME,
                    api_password=PASSWORD,
                )
            )
            gb_id = session.get(Camera, camera_id).gb_id  # type: ignore[union-attr]
        database.close()
        window, panel = _video_post(running, qloop, qtbot, seeded_url)
        window.video_work.open_camera(camera_id)
        qtbot.waitUntil(lambda: len(_launches(record)) == 1, timeout=LOAD_TIMEOUT_MS)
        assert _launches(record)[0] == [str(script), "rtsp://127.0.0.1:8554/rtp/abc"]
        assert wvp.requests[1][0] == f"/api/play/start/{gb_id}/{gb_id}"

        # The platform refuses: the operator is told, nothing starts.
        wvp.play_answer = {"code": 1, "msg": "通道不在线"}
        window.video_work.open_camera(camera_id)
        qtbot.waitUntil(lambda: "通道不在线" in panel.notice.text(), timeout=LOAD_TIMEOUT_MS)
        assert len(_launches(record)) == 1


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
