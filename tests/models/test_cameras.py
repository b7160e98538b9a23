"""The camera registry: nearest cameras, favourites per post, what a launch opens, the launch
profiles, and the CSV import (all or nothing, row-numbered problems) and export."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from models import queries
from models.accounts import NotPermitted
from models.cameras import (
    CameraImportRefused,
    CameraIndex,
    ProfileRefused,
    event_point,
    export_cameras_csv,
    favourites,
    import_cameras_csv,
    launch_target,
    set_favourite,
    set_launch_profile,
)
from models.db import Database
from models.entities import Camera, ChangeLog, Grid, OperatorAction, VideoSystem
from models.launch import Credentials
from models.snapshots import CameraRow
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _row(camera_id: int, lon: float, lat: float) -> CameraRow:
    return CameraRow(
        camera_id, f"{camera_id:020d}", f"cam {camera_id}", "street", "", "", "", lon, lat
    )


def test_nearest_cameras_for_known_points() -> None:
    # Along a parallel at 32° N, 0.001° of longitude is about 94.4 m; of latitude 111.2 m.
    origin = (118.80, 32.00)
    cameras = [
        _row(1, 118.803, 32.00),  # ≈283 m east
        _row(2, 118.80, 32.001),  # ≈111 m north
        _row(3, 118.799, 32.00),  # ≈94 m west
        _row(4, 118.82, 32.00),  # ≈1.9 km east
        _row(5, 118.80, 31.995),  # ≈556 m south
    ]
    index = CameraIndex(cameras)
    found = index.nearest(*origin, count=3, radius_m=None)
    assert [n.camera.id for n in found] == [3, 2, 1]
    assert found[0].distance_m == pytest.approx(94.4, abs=0.5)
    assert found[1].distance_m == pytest.approx(111.2, abs=0.5)
    within = index.nearest(*origin, count=10, radius_m=600)
    assert [n.camera.id for n in within] == [3, 2, 1, 5]  # the one 1.9 km away is beyond it
    assert index.nearest(*origin, count=0) == []
    assert CameraIndex([]).nearest(*origin) == []
    assert index.nearest(float("nan"), 32.0) == []


def test_the_site_cameras_near_a_site_come_first(quiet_db: Database) -> None:
    with quiet_db.read() as session:
        rows = queries.camera_rows(session)
    site_camera = next(c for c in rows if c.kind == "site")
    assert site_camera.site and site_camera.grid_id is not None
    nearest = CameraIndex(rows).nearest(site_camera.lon, site_camera.lat, count=5)
    assert nearest[0].camera.id == site_camera.id and nearest[0].distance_m < 1
    assert all(a.distance_m <= b.distance_m for a, b in itertools.pairwise(nearest))


def test_favourites_are_per_post_and_feed_the_other_posts(quiet_db: Database) -> None:
    video = operator_of(quiet_db, "video", "video")
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        first, second = session.scalars(select(Camera.id).order_by(Camera.id).limit(2))
    with quiet_db.write() as session:
        set_favourite(session, video, second, True)
        assert set_favourite(session, video, first, True) == [second, first]
        set_favourite(session, chief, first, True)
    with quiet_db.write() as session:
        assert set_favourite(session, video, second, False) == [first]
        set_favourite(session, video, second, False)  # taking it off twice changes nothing
    with quiet_db.read() as session:
        assert favourites(session, "video") == [first]
        assert favourites(session, "chief") == [first]
        assert favourites(session, "intake") == []
        entities = session.scalars(select(ChangeLog.entity)).all()
    assert entities.count("camera_favourite") == 4
    with quiet_db.write() as session, pytest.raises(LookupError):
        set_favourite(session, video, 999_999, True)


def test_a_launch_target_carries_the_credentials_out_of_sight_and_is_recorded(
    quiet_db: Database,
) -> None:
    video = operator_of(quiet_db, "video", "video")
    admin = operator_of(quiet_db, "admin", "chief")
    with quiet_db.read() as session:
        camera_id = session.scalars(
            select(Camera.id).join(VideoSystem).where(VideoSystem.code == "TBJM").limit(1)
        ).one()
    with quiet_db.write() as session:
        target = launch_target(session, video, camera_id, NOW)
    assert target.launch == "player" and target.template.startswith("ffplay")
    assert target.stream_credentials == Credentials("viewer", "Viewer2026")
    assert "Viewer2026" not in repr(target) and "Viewer2026" not in target.stream_url
    with quiet_db.read() as session:
        action = session.scalars(
            select(OperatorAction).where(OperatorAction.kind == "camera.launch")
        ).one()
        assert (action.subject_id, action.post) == (camera_id, "video")
        assert "Viewer2026" not in action.details and "rtsp" not in action.details
    with quiet_db.write() as session, pytest.raises(NotPermitted):
        launch_target(session, admin, camera_id, NOW)  # the admin manages, does not watch


def test_launch_profiles_are_checked_before_they_are_saved(quiet_db: Database) -> None:
    chief = operator_of(quiet_db, "chief", "chief")
    video = operator_of(quiet_db, "video", "video")
    with quiet_db.write() as session:
        with pytest.raises(ProfileRefused) as shell:
            set_launch_profile(
                session, "TBJM", launch="player", template="sh -c 'vlc {url}'", now=NOW
            )
        assert (shell.value.field, shell.value.reason) == ("template", "shell")
        with pytest.raises(ProfileRefused) as api:
            set_launch_profile(session, "XLGC", launch="wvp", api_url="file:///x", now=NOW)
        assert api.value.reason == "scheme"
        with pytest.raises(NotPermitted):
            set_launch_profile(session, "TBJM", launch="handler", operator=video, now=NOW)
        set_launch_profile(
            session,
            "XLGC",
            launch="wvp",
            api_url="http://10.1.1.1:18080",
            api_account=Credentials("wvp", "S3cret-wvp"),
            operator=chief,
            now=NOW,
        )
    with quiet_db.read() as session:
        system = session.scalars(select(VideoSystem).where(VideoSystem.code == "XLGC")).one()
        assert (system.api_url, system.api_password) == ("http://10.1.1.1:18080", "S3cret-wvp")
        details = session.scalars(
            select(OperatorAction.details).where(OperatorAction.kind == "video_system.profile")
        ).one()
        assert "S3cret-wvp" not in details


def _csv(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


HEADER = [
    "国标编码",
    "名称",
    "类型",
    "视频系统",
    "经度",
    "纬度",
    "网格编码",
    "视频流地址",
    "用户名",
    "密码",
]


def test_export_then_import_round_trips_and_keeps_the_stored_credentials(
    quiet_db: Database,
) -> None:
    with quiet_db.read() as session:
        exported = export_cameras_csv(session)
        count = session.scalar(select(func.count(Camera.id)))
    assert exported.startswith(b"\xef\xbb\xbf")
    text = exported.decode("utf-8-sig")
    assert "Viewer2026" not in text and "viewer" not in text and "密码" not in text
    assert len(text.splitlines()) == count + 1
    with quiet_db.write() as session:
        result = import_cameras_csv(session, exported, NOW)
    assert (result.added, result.updated) == (0, count)
    with quiet_db.read() as session:
        assert session.scalar(select(func.count(Camera.id))) == count
        assert "Viewer2026" in session.scalars(select(Camera.stream_password)).all()
        assert session.scalar(select(ChangeLog.entity).order_by(ChangeLog.seq.desc())) == "camera"


def test_a_gbk_file_from_excel_adds_cameras_with_their_grid_found_by_position(
    quiet_db: Database,
) -> None:
    with quiet_db.read() as session:
        grid_id, grid_code = session.execute(
            select(Grid.id, Grid.code).order_by(Grid.code).limit(1)
        ).one()
        some = session.execute(
            select(Camera.lon, Camera.lat, Camera.grid_id).where(Camera.grid_id == grid_id).limit(1)
        ).one()
    rows = [
        HEADER,
        ["32010400001320900001", "新街口 路口=1", "街面", "屯兵街面", str(some.lon), str(some.lat),
         "", "rtsp://10.9.9.9:554/cam/realmonitor?channel=1&subtype=0", "admin", "Pa ss,1"],
        ["32010400001320900002", "工地东门", "site", "XLGC", "118.81", "31.99", grid_code,
         "", "", ""],
    ]  # fmt: skip
    with quiet_db.write() as session:
        result = import_cameras_csv(session, _csv(rows, "gbk"), NOW)
    assert (result.added, result.updated) == (2, 0)
    with quiet_db.read() as session:
        first = session.scalars(select(Camera).where(Camera.gb_id == "32010400001320900001")).one()
        assert first.name == "新街口 路口=1" and first.grid_id == some.grid_id
        assert (first.stream_username, first.stream_password) == ("admin", "Pa ss,1")
        assert "@" not in first.stream_url
        second = session.scalars(select(Camera).where(Camera.gb_id == "32010400001320900002")).one()
        assert second.grid_id == grid_id and second.kind == "site"


def test_one_bad_row_imports_nothing_and_every_problem_names_its_line(quiet_db: Database) -> None:
    rows = [
        HEADER,
        ["32010400001320900001", "好的", "街面", "TBJM", "118.81", "31.99", "", "", "", ""],
        ["3201", "坏编码", "街面", "TBJM", "118.81", "31.99", "", "", "", ""],
        ["32010400001320900003", "", "飞碟", "没有的系统", "东经", "31.99", "", "", "", ""],
        ["32010400001320900004", "脚本", "街面", "TBJM", "118.81", "31.99", "",
         "javascript:alert(1)", "", ""],
        ["32010400001320900005", "带密码", "街面", "TBJM", "118.81", "31.99", "",
         "rtsp://admin:secret@10.0.0.1/", "", ""],
        ["32010400001320900001", "重复", "街面", "TBJM", "118.81", "31.99", "", "", "", ""],
        ["32010400001320900007", "界外", "街面", "TBJM", "100.0", "20.0", "", "", "", ""],
    ]  # fmt: skip
    with quiet_db.read() as session:
        before = session.scalar(select(func.count(Camera.id)))
    with quiet_db.write() as session, pytest.raises(CameraImportRefused) as refused:
        import_cameras_csv(session, _csv(rows), NOW)
    problems = {(p.line, p.column, p.reason) for p in refused.value.problems}
    assert problems == {
        (3, "gb_id", "invalid"),
        (4, "name", "required"),
        (4, "kind", "invalid"),
        (4, "system", "unknown"),
        (4, "lon", "not_a_number"),
        (5, "stream_url", "scheme"),
        (6, "stream_url", "credentials"),
        (7, "gb_id", "duplicate"),
        (8, "lon", "out_of_area"),
    }
    assert all("secret" not in p.detail for p in refused.value.problems)
    with quiet_db.read() as session:
        assert session.scalar(select(func.count(Camera.id))) == before


def test_a_file_that_is_not_a_registry_is_refused_whole(quiet_db: Database) -> None:
    with quiet_db.write() as session:
        for data, expected in (
            (b"", (0, "", "empty_file")),
            (b"\xff\xfe\x00garbage\xff", (0, "", "encoding")),
            (_csv([["国标编码", "名称", "颜色"]]), (1, "颜色", "header")),
        ):
            with pytest.raises(CameraImportRefused) as refused:
                import_cameras_csv(session, data, NOW)
            first = refused.value.problems[0]
            assert (first.line, first.column, first.reason) == expected


def test_a_formula_looking_name_is_exported_defused_and_imported_as_it_was(
    quiet_db: Database,
) -> None:
    with quiet_db.write() as session:
        camera = session.scalars(select(Camera).limit(1)).one()
        camera.name = '=HYPERLINK("http://x")'
    with quiet_db.read() as session:
        exported = export_cameras_csv(session)
    assert "'=HYPERLINK" in exported.decode("utf-8-sig")
    with quiet_db.write() as session:
        import_cameras_csv(session, exported, NOW)
    with quiet_db.read() as session:
        assert session.get(Camera, camera.id).name == '=HYPERLINK("http://x")'  # type: ignore[union-attr]


def test_event_point(quiet_db: Database) -> None:
    with quiet_db.read() as session:
        assert event_point(session, 12345) is None
