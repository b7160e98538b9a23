"""Patrol tours and the record of patrols: tours edited and checked, a patrol's stops marked or
turned into events with the camera's position and grid, and the handover's list of patrols."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from models.accounts import NotPermitted
from models.db import Database
from models.entities import Camera, ChangeLog, Event, EventCategory, PatrolStop
from models.events import event_detail
from models.patrols import (
    PatrolRefused,
    TourDraft,
    delete_tour,
    finish_patrol,
    mark_stop,
    patrols_between,
    save_tour,
    start_patrol,
    stop_to_event,
    tour_rows,
)
from tests.models.people import operator_of

T0 = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def test_the_demo_has_a_tour_of_all_29_sites(quiet_db: Database) -> None:
    with quiet_db.read() as session:
        (tour,) = tour_rows(session)
        kinds = {
            session.get(Camera, camera_id).kind  # type: ignore[union-attr]
            for camera_id in tour.camera_ids
        }
    assert tour.name == "全部工地轮巡" and len(tour.camera_ids) == 29 and kinds == {"site"}


def test_tours_are_checked_edited_and_taken_away(quiet_db: Database) -> None:
    video = operator_of(quiet_db, "video", "video")
    admin = operator_of(quiet_db, "admin", "chief")
    with quiet_db.read() as session:
        cameras = list(session.scalars(select(Camera.id).order_by(Camera.id).limit(3)))
    with quiet_db.write() as session:
        for draft, reason in (
            (TourDraft(None, "  ", 10, tuple(cameras)), "name_required"),
            (TourDraft(None, "夜巡", 0, tuple(cameras)), "dwell"),
            (TourDraft(None, "夜巡", 10, ()), "no_cameras"),
            (TourDraft(None, "夜巡", 10, (999_999,)), "unknown_camera"),
            (TourDraft(None, "夜" * 65, 10, tuple(cameras)), "too_long"),
        ):
            with pytest.raises(PatrolRefused) as refused:
                save_tour(session, video, draft)
            assert refused.value.reason == reason
        with pytest.raises(NotPermitted):
            save_tour(session, admin, TourDraft(None, "夜巡", 10, tuple(cameras)))
        tour_id = save_tour(session, video, TourDraft(None, "夜巡", 10, tuple(cameras)))
    with quiet_db.write() as session:
        save_tour(session, video, TourDraft(tour_id, "夜巡（改）", 5, (cameras[2], cameras[0])))
    with quiet_db.read() as session:
        tours = {t.id: t for t in tour_rows(session)}
        assert tours[tour_id].name == "夜巡（改）"
        assert tours[tour_id].camera_ids == (cameras[2], cameras[0])
        assert tours[tour_id].dwell_seconds == 5
    with quiet_db.write() as session:
        delete_tour(session, video, tour_id)
    with quiet_db.read() as session:
        assert tour_id not in {t.id for t in tour_rows(session)}
        assert "patrol_tour" in session.scalars(select(ChangeLog.entity)).all()


def test_a_patrol_is_recorded_whole_and_its_event_has_the_cameras_place(
    quiet_db: Database,
) -> None:
    video = operator_of(quiet_db, "video", "video")
    other = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        (tour,) = tour_rows(session)
        category = session.scalars(
            select(EventCategory.id).where(EventCategory.name == "施工扰民")
        ).one()
        cameras = tour.camera_ids[:3]
        place = session.execute(
            select(Camera.lon, Camera.lat, Camera.grid_id, Camera.name).where(
                Camera.id == cameras[1]
            )
        ).one()
    uid = str(uuid.uuid4())
    with quiet_db.write() as session:
        patrol = start_patrol(session, video, tour.id, T0)
        mark_stop(session, video, patrol, 1, cameras[0], T0 + timedelta(seconds=15))
        event_id, code = stop_to_event(
            session,
            video,
            patrol,
            2,
            cameras[1],
            T0 + timedelta(seconds=40),
            uid=uid,
            category_id=category,
            priority="urgent",
            description="夜间施工噪声，塔吊仍在作业",
        )
    with quiet_db.write() as session:
        # A replay of the same event (the answer was lost) writes nothing twice.
        again = stop_to_event(
            session, video, patrol, 2, cameras[1], T0 + timedelta(seconds=41),
            uid=uid, category_id=category, priority="urgent", description="x",
        )  # fmt: skip
        assert again == (event_id, code)
        with pytest.raises(PatrolRefused) as twice:
            mark_stop(session, video, patrol, 2, cameras[1], T0)
        assert twice.value.reason == "position"
        with pytest.raises(PatrolRefused) as foreign:
            mark_stop(session, other, patrol, 3, cameras[2], T0)
        assert foreign.value.reason == "not_yours"
        mark_stop(session, video, patrol, 3, cameras[2], T0 + timedelta(seconds=55), timed_out=True)
        finish_patrol(session, video, patrol, T0 + timedelta(seconds=60))
    with quiet_db.write() as session, pytest.raises(PatrolRefused) as ended:
        mark_stop(session, video, patrol, 4, cameras[2], T0 + timedelta(seconds=70))
    assert ended.value.reason == "ended"

    with quiet_db.read() as session:
        detail = event_detail(session, event_id)
        assert (detail.source, detail.lon, detail.lat) == ("video", place.lon, place.lat)
        assert detail.grid_id == place.grid_id and detail.address == place.name
        assert detail.priority == "urgent" and detail.code == code
        (summary,) = patrols_between(session, T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert summary.id == patrol and summary.post == "video"
    assert summary.operator_name == video.display_name and summary.tour_name == "全部工地轮巡"
    assert (summary.started_at, summary.ended_at) == (T0, T0 + timedelta(seconds=60))
    assert (summary.camera_count, summary.normal_count, summary.event_codes) == (3, 2, (code,))

    # The record stands: a stop cannot be changed afterwards.
    with pytest.raises(DBAPIError), quiet_db.write() as session:
        session.execute(update(PatrolStop).values(finding="normal"))


def test_patrols_between_takes_those_overlapping_the_period_of_a_post(
    quiet_db: Database,
) -> None:
    video = operator_of(quiet_db, "video", "video")
    chief = operator_of(quiet_db, "chief", "chief")
    with quiet_db.read() as session:
        (tour,) = tour_rows(session)
    with quiet_db.write() as session:
        early = start_patrol(session, video, tour.id, T0 - timedelta(hours=5))
        finish_patrol(session, video, early, T0 - timedelta(hours=4))
        spanning = start_patrol(session, video, tour.id, T0 - timedelta(minutes=30))
        finish_patrol(session, video, spanning, T0 + timedelta(minutes=10))
        running = start_patrol(session, chief, tour.id, T0 + timedelta(hours=1))
        later = start_patrol(session, video, tour.id, T0 + timedelta(hours=3))
    with quiet_db.read() as session:
        period = patrols_between(session, T0, T0 + timedelta(hours=2))
        assert [p.id for p in period] == [spanning, running]
        assert period[1].ended_at is None and period[1].camera_count == 0
        assert [p.id for p in patrols_between(session, T0, T0 + timedelta(hours=2), "video")] == [
            spanning
        ]
        assert later not in {p.id for p in period}
        assert session.scalar(select(Event.id).limit(1)) is None  # no event made by any of it
