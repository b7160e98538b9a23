"""Construction sites scored day by day: findings deduct, verified rectifications restore,
vetoes set the lowest grade, the rolling window ages findings out, a rubric or grading edit
regrades every site, and every change is an append-only record with its reason — on SQLite
and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from models import sites
from models.accounts import NotPermitted
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.entities import (
    ChangeLog,
    ConstructionSite,
    OperatorAction,
    SiteFinding,
    SiteRectification,
    SiteScoreChange,
)
from models.snapshots import FindingDraft, GradeBand, Grading, RubricItemRow
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, quiet_db: Database) -> Iterator[Database]:
    """A demo database with the area and no events, on each database, its sites graded at NOW
    from their (empty) findings."""
    if request.param == "sqlite":
        database = quiet_db
    else:
        database = open_database(request.getfixturevalue("pg_url"))
        seed_demo(database, events=0, days=1, seed=3, now=NOW - timedelta(days=1))
    with database.write() as session:
        sites.regrade(session, NOW - timedelta(hours=1), reason="window")
    yield database
    if database is not quiet_db:
        database.close()


def _site_and_items(db: Database) -> tuple[int, dict[str, int]]:
    with db.read() as session:
        site_id = session.scalars(select(ConstructionSite.id).order_by(ConstructionSite.id)).first()
        items = {row.name: row.id for row in sites.rubric(session) if row.id is not None}
    assert site_id is not None
    return site_id, items


def _finding(site_id: int, item_id: int, source: str = "patrol") -> FindingDraft:
    return FindingDraft(str(uuid.uuid4()), site_id, item_id, source, "围挡破损，裸土未覆盖")


def _row(db: Database, site_id: int, at: datetime = NOW) -> tuple[int, str, int]:
    with db.read() as session:
        row = sites.site_rows(session, at, [site_id])[0]
    return row.score, row.grade, row.open_findings


def test_findings_deduct_up_to_the_items_maximum_and_rectification_restores(db: Database) -> None:
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    assert _row(db, site_id) == (100, "A", 0)
    with db.write() as session:
        fire, changes = sites.record_finding(session, video, _finding(site_id, items["消防"]), NOW)
    assert [(c.score, c.grade, c.fell) for c in changes] == [(95, "A", False)]
    assert _row(db, site_id) == (95, "A", 1)
    finding_ids = []
    for minutes in range(1, 4):  # three more fire findings: 4 × 5 = 20, capped at 15
        with db.write() as session:
            finding_id, _ = sites.record_finding(
                session, video, _finding(site_id, items["消防"]), NOW + timedelta(minutes=minutes)
            )
        finding_ids.append(finding_id)
    assert _row(db, site_id, NOW + timedelta(minutes=4)) == (85, "B", 4)
    with db.write() as session:
        _, changes = sites.record_finding(
            session, video, _finding(site_id, items["用电"], "intake"), NOW + timedelta(minutes=5)
        )
    assert [(c.previous_grade, c.grade, c.score) for c in changes] == [("B", "B", 80)]
    with db.write() as session:
        changes = sites.verify_rectification(
            session, video, fire, "已整改，复查合格", NOW + timedelta(hours=1)
        )
    assert changes == []  # three fire findings still deduct the item's maximum
    for finding_id in finding_ids:
        with db.write() as session:
            sites.verify_rectification(session, video, finding_id, "", NOW + timedelta(hours=2))
    assert _row(db, site_id, NOW + timedelta(hours=3)) == (95, "A", 1)
    with pytest.raises(sites.SiteRefused) as refused, db.write() as session:
        sites.verify_rectification(session, video, fire, "", NOW + timedelta(hours=3))
    assert refused.value.reason == "already_rectified"
    with db.read() as session:
        reasons = [
            (c.reason, c.previous_score, c.score)
            for c in session.scalars(
                select(SiteScoreChange)
                .where(SiteScoreChange.site_id == site_id, SiteScoreChange.at >= NOW)
                .order_by(SiteScoreChange.id)
            )
        ]
        sheet = sites.site_sheet(session, site_id, NOW + timedelta(hours=3))
    assert reasons == [
        ("finding", 100, 95),
        ("finding", 95, 90),
        ("finding", 90, 85),
        ("finding", 85, 80),
        ("rectification", 80, 85),
        ("rectification", 85, 90),
        ("rectification", 90, 95),
    ]
    assert len(sheet.findings) == 5
    assert sum(f.deducting for f in sheet.findings) == 1
    assert [c.score for c in sheet.changes][-1] == 95


def test_a_veto_sets_the_lowest_grade_at_once(db: Database) -> None:
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    with db.write() as session:
        veto, changes = sites.record_finding(
            session, video, _finding(site_id, items["发生安全生产事故"], "event"), NOW
        )
    assert [(c.score, c.grade, c.fell) for c in changes] == [(100, "C", True)]
    with db.write() as session:
        sites.verify_rectification(session, video, veto, "", NOW + timedelta(days=1))
    assert _row(db, site_id, NOW + timedelta(days=1)) == (100, "A", 0)


def test_findings_leave_the_rolling_window_day_by_day(db: Database) -> None:
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    with db.write() as session:
        sites.record_finding(session, video, _finding(site_id, items["围挡"]), NOW)
    with db.write() as session:
        assert sites.regrade_day(session, NOW + timedelta(days=89)) == []
    with db.write() as session:
        changes = sites.regrade_day(session, NOW + timedelta(days=91))
    assert [(c.site_id, c.previous_score, c.score) for c in changes] == [(site_id, 97, 100)]
    with db.read() as session:
        last = session.execute(
            select(SiteScoreChange.reason, SiteScoreChange.operator_id)
            .order_by(SiteScoreChange.id.desc())
            .limit(1)
        ).one()
    assert tuple(last) == ("window", None)


def test_a_rubric_edit_regrades_every_site_and_is_recorded(db: Database) -> None:
    chief = operator_of(db, "chief", "chief")
    video = operator_of(db, "video", "video")
    _, items = _site_and_items(db)
    with db.read() as session:
        all_sites = list(session.scalars(select(ConstructionSite.id).order_by(ConstructionSite.id)))
        rubric = sites.rubric(session)
    assert len(all_sites) == 29
    for n, site_id in enumerate(all_sites):
        with db.write() as session:
            sites.record_finding(
                session, video, _finding(site_id, items["洒水降尘"]), NOW + timedelta(seconds=n)
            )
    with pytest.raises(NotPermitted), db.write() as session:
        sites.save_rubric(session, video, rubric, NOW + timedelta(minutes=1))
    harsher = [
        RubricItemRow(
            r.id, r.name, r.max_points, 10 if r.name == "洒水降尘" else r.deduction, r.veto
        )
        for r in rubric
    ]
    with db.write() as session:
        changes = sites.save_rubric(session, chief, harsher, NOW + timedelta(minutes=1))
    assert sorted(c.site_id for c in changes) == all_sites
    assert {(c.previous_score, c.score, c.grade) for c in changes} == {(97, 90, "A")}
    with db.read() as session:
        recorded = session.scalar(
            select(func.count())
            .select_from(SiteScoreChange)
            .where(SiteScoreChange.reason == "rubric")
        )
        action = session.execute(
            select(OperatorAction.operator_id, OperatorAction.details).where(
                OperatorAction.kind == "site.rubric.edit"
            )
        ).one()
        fed = session.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.entity == "site")
        )
    assert recorded == 29
    assert action.operator_id == chief.account_id and '"regraded": 29' in action.details
    assert fed is not None and fed >= 29 * 2

    # The plate scheme is data too: green/yellow/red by the same cut-offs.
    plates = Grading(
        90,
        (
            GradeBand("green", "绿牌", 95, "#2e7d32"),
            GradeBand("yellow", "黄牌", 80, "#f9a825"),
            GradeBand("red", "红牌", 0, "#c62828"),
        ),
    )
    with db.write() as session:
        changes = sites.save_grading(session, chief, plates, NOW + timedelta(minutes=2))
    assert {(c.previous_grade, c.grade) for c in changes} == {("A", "yellow")}


def test_bad_input_is_refused_and_changes_nothing(db: Database) -> None:
    chief = operator_of(db, "chief", "chief")
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    for draft, reason in (
        (FindingDraft("u1", 99_999, items["围挡"], "patrol"), "unknown_site"),
        (FindingDraft("u2", site_id, 99_999, "patrol"), "unknown_item"),
        (FindingDraft("u3", site_id, items["围挡"], "rumour"), "unknown_source"),
        (FindingDraft("u4", site_id, items["围挡"], "patrol", "x" * 501), "too_long"),
        (FindingDraft("u5", site_id, items["围挡"], "event", "", event_id=99_999), "unknown_event"),
    ):
        with pytest.raises(sites.SiteRefused) as refused, db.write() as session:
            sites.record_finding(session, video, draft, NOW)
        assert refused.value.reason == reason
    with db.read() as session:
        rubric = sites.rubric(session)
    for bad, reason in (
        ([], "item_required"),
        ([RubricItemRow(None, " ", 10, 2)], "name_required"),
        ([RubricItemRow(None, "围挡", 101, 2)], "points"),
        ([RubricItemRow(None, "围挡", 10, 0)], "points"),
    ):
        with pytest.raises(sites.SiteRefused) as refused, db.write() as session:
            sites.save_rubric(session, chief, bad, NOW)
        assert refused.value.reason == reason
    for grading, reason in (
        (Grading(0, sites.DEFAULT_GRADING.bands), "window"),
        (Grading(90, (GradeBand("A", "A", 0, ""),)), "grades"),
        (Grading(90, (GradeBand("A", "A", 60, ""), GradeBand("B", "B", 70, ""))), "grades"),
        (Grading(90, (GradeBand("A", "A", 60, ""), GradeBand("B", "B", 10, ""))), "grades"),
    ):
        with pytest.raises(sites.SiteRefused) as refused, db.write() as session:
            sites.save_grading(session, chief, grading, NOW)
        assert refused.value.reason == reason
    with db.read() as session:
        assert sites.rubric(session) == rubric
        assert sites.load_grading(session) == sites.DEFAULT_GRADING
        assert session.scalar(select(func.count()).select_from(SiteFinding)) == 0


def test_a_replayed_finding_is_recorded_once(db: Database) -> None:
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    draft = _finding(site_id, items["围挡"])
    with db.write() as session:
        first, _ = sites.record_finding(session, video, draft, NOW)
    with db.write() as session:
        again, changes = sites.record_finding(session, video, draft, NOW + timedelta(seconds=5))
    assert (again, changes) == (first, [])
    assert _row(db, site_id) == (97, "A", 1)


def test_the_record_of_sites_cannot_be_changed_or_erased(db: Database) -> None:
    video = operator_of(db, "video", "video")
    site_id, items = _site_and_items(db)
    with db.write() as session:
        finding, _ = sites.record_finding(session, video, _finding(site_id, items["围挡"]), NOW)
    with db.write() as session:
        sites.verify_rectification(session, video, finding, "", NOW + timedelta(hours=1))
    for statement in (
        update(SiteFinding).values(note="x"),
        delete(SiteFinding),
        update(SiteRectification).values(note="x"),
        delete(SiteRectification),
        update(SiteScoreChange).values(score=100),
        delete(SiteScoreChange),
    ):
        with pytest.raises(DBAPIError), db.write() as session:
            session.execute(statement)
    if db.dialect == "postgresql":
        for table in ("site_finding", "site_rectification", "site_score_change"):
            with pytest.raises(DBAPIError, match="append-only"), db.write() as session:
                session.execute(text(f"TRUNCATE {table} CASCADE"))
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(SiteScoreChange)) >= 2
