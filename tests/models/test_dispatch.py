"""Intelligent dispatch: locating points, rule precedence, resolving forces, editing rules."""

from __future__ import annotations

import itertools
import json
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts import NotPermitted, Operator
from models.db import Database, open_database
from models.demo.seed import seed_demo
from models.dispatch import (
    AreaIndex,
    DispatchContext,
    DispatchRules,
    InvalidRule,
    Rule,
    deactivate_rule,
    propose,
    propose_at,
    rule_rows,
    save_rule,
)
from models.entities import (
    ChangeLog,
    Community,
    Department,
    DispatchRule,
    EventCategory,
    Grid,
    LeaderCommunity,
    OperatorAccount,
    OperatorAction,
    Staff,
)
from models.events import (
    EventDraft,
    EventInputError,
    check_place,
    event_detail,
    report_event,
    transition,
)
from models.snapshots import DispatchProposal, DispatchRuleDraft

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database, seeded once for the module; tests that write use a copy."""
    path = tmp_path_factory.mktemp("dispatch") / "template.db"
    database = open_database(f"sqlite:///{path}")
    try:
        seed_demo(database, events=20, days=2, seed=3, now=NOW)
    finally:
        database.close()
    return path


@pytest.fixture(scope="module")
def db(template: Path) -> Iterator[Database]:
    """The template itself, for tests that only read."""
    database = open_database(f"sqlite:///{template}")
    yield database
    database.close()


@pytest.fixture
def writable(template: Path, tmp_path: Path) -> Iterator[Database]:
    """A copy of the template of this test's own."""
    path = tmp_path / "copy.db"
    shutil.copyfile(template, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.close()


@pytest.fixture(scope="module")
def context(db: Database) -> DispatchContext:
    with db.read() as session:
        return DispatchContext.load(session)


@pytest.fixture(scope="module")
def ids(db: Database) -> dict[str, int]:
    """Ids by name: categories by their Chinese name, departments by code."""
    with db.read() as session:
        found = {
            name: cid for cid, name in session.execute(select(EventCategory.id, EventCategory.name))
        }
        found.update(dict(session.execute(select(Department.code, Department.id)).all()))
    return found


def _operator(session: Session, username: str, post: str) -> Operator:
    account = session.scalars(
        select(OperatorAccount).where(OperatorAccount.username == username)
    ).one()
    return Operator(
        account.id, account.username, account.display_name, account.role, post, tuple(account.posts)
    )


def _counts(session: Session) -> tuple[int, int, int]:
    return (
        session.scalar(select(func.count()).select_from(DispatchRule)) or 0,
        session.scalar(select(func.count()).select_from(OperatorAction)) or 0,
        session.scalar(select(func.count()).select_from(ChangeLog)) or 0,
    )


def _grids(session: Session) -> list[tuple[int, int, float, float]]:
    """(grid id, community id, label lon, label lat) of every grid."""
    rows = session.execute(select(Grid.id, Grid.community_id, Grid.label_lon, Grid.label_lat))
    return [(gid, cid, lon, lat) for gid, cid, lon, lat in rows]


# --- locating --------------------------------------------------------------------------------


def test_each_grid_label_point_lies_in_that_grid(db: Database, context: DispatchContext) -> None:
    with db.read() as session:
        grids = _grids(session)
        zone_of = dict(session.execute(select(Community.id, Community.zone_id)).all())
        codes = dict(session.execute(select(Grid.id, Grid.code)).all())
    assert len(grids) == 126
    for grid_id, community_id, lon, lat in grids:
        where = context.area.locate(lon, lat)
        assert where.grid_id == grid_id
        assert where.grid_code == codes[grid_id]
        assert where.community_id == community_id
        assert where.zone_id == zone_of[community_id]
        assert not where.outside
        assert where.nearest_grid_id == grid_id


def test_far_point_is_outside_and_offers_the_nearest_grid(
    db: Database, context: DispatchContext
) -> None:
    area = context.area
    with db.read() as session:
        shapes = {
            gid: shape(json.loads(g)) for gid, g in session.execute(select(Grid.id, Grid.geometry))
        }
    _, south, east, north = shapely.total_bounds(list(shapes.values())).tolist()
    lon, lat = east + 0.01, (south + north) / 2  # 0.01° (≈950 m) east of the area
    where = area.locate(lon, lat)
    assert where.outside and where.needs_confirmation
    assert where.grid_id is None and where.grid_code == "" and where.community_id is None
    point = shapely.Point(area.to_metres(lon, lat))
    distances = {gid: area.frame.to_metric(s).distance(point) for gid, s in shapes.items()}
    nearest = min(distances, key=distances.__getitem__)
    assert where.nearest_grid_id == nearest
    assert where.nearest_grid_code == area.grid_code(nearest)
    assert where.distance_to_boundary_m == pytest.approx(distances[nearest])
    assert where.distance_to_boundary_m > 900  # at least the 0.01° east of the eastmost point


@pytest.fixture(scope="module")
def shared_edge(
    db: Database, context: DispatchContext
) -> tuple[int, int, tuple[float, float], tuple[float, float]]:
    """(grid A, grid B, midpoint, unit normal into A) of the longest straight piece of edge
    two grids share, in the index's metres."""
    area = context.area
    with db.read() as session:
        metric = {
            gid: area.frame.to_metric(shape(json.loads(g)))
            for gid, g in session.execute(select(Grid.id, Grid.geometry))
        }
    tree = shapely.STRtree(list(metric.values()))
    gids = list(metric)
    best: tuple[float, int, int, tuple[float, float], tuple[float, float]] | None = None
    for a in gids:
        for j in tree.query(metric[a], predicate="touches"):
            b = gids[int(j)]
            if b <= a:
                continue
            shared = shapely.line_merge(
                shapely.intersection(metric[a].boundary, metric[b].boundary)
            )
            for line in getattr(shared, "geoms", [shared]):
                coords = list(getattr(line, "coords", []))
                for p, q in itertools.pairwise(coords):
                    length = ((q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2) ** 0.5
                    if best is None or length > best[0]:
                        best = (length, a, b, p, q)
    assert best is not None and best[0] > 150, "the demo grids share long straight edges"
    _, a, b, p, q = best
    length = best[0]
    mid = ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
    normal = (-(q[1] - p[1]) / length, (q[0] - p[0]) / length)
    if not metric[a].contains(shapely.Point(mid[0] + normal[0], mid[1] + normal[1])):
        normal = (-normal[0], -normal[1])
    return a, b, mid, normal


def _nudged(
    context: DispatchContext, mid: tuple[float, float], normal: tuple[float, float], metres: float
) -> tuple[float, float]:
    return context.area.to_lonlat(mid[0] + metres * normal[0], mid[1] + metres * normal[1])


def test_point_5_m_from_a_shared_edge_is_near_the_boundary(
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, b, mid, normal = shared_edge
    inside_a = context.area.locate(*_nudged(context, mid, normal, 5.0))
    assert inside_a.grid_id == a
    assert inside_a.near_boundary and inside_a.needs_confirmation and not inside_a.outside
    assert inside_a.distance_to_boundary_m == pytest.approx(5.0, abs=0.05)
    inside_b = context.area.locate(*_nudged(context, mid, normal, -5.0))
    assert inside_b.grid_id == b and inside_b.near_boundary


def test_point_60_m_inside_is_not_near_the_boundary(
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, _, mid, normal = shared_edge
    where = context.area.locate(*_nudged(context, mid, normal, 60.0))
    assert where.grid_id == a
    assert not where.near_boundary and not where.needs_confirmation
    assert where.distance_to_boundary_m > 20


def test_near_boundary_distance_is_a_parameter(
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    _, _, mid, normal = shared_edge
    lon, lat = _nudged(context, mid, normal, 30.0)
    assert not context.area.locate(lon, lat).near_boundary
    assert context.area.locate(lon, lat, near_boundary_m=40.0).near_boundary


def test_near_an_edge_both_grids_are_offered_nearest_first(
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, b, mid, normal = shared_edge
    choices = context.area.grid_choices(*_nudged(context, mid, normal, 5.0))
    assert choices[0].grid_id == a and choices[0].distance_m == 0
    assert choices[0].grid_code == context.area.grid_code(a)
    by_grid = {c.grid_id: c.distance_m for c in choices}
    assert by_grid[b] == pytest.approx(5.0, abs=0.05)
    assert all(d <= 20.0 for d in by_grid.values())
    assert [c.distance_m for c in choices] == sorted(c.distance_m for c in choices)


def test_off_the_area_the_nearest_grids_are_offered(context: DispatchContext) -> None:
    _, south, east, north = context.area.bounds
    lon, lat = east + 0.005, (south + north) / 2
    where = context.area.locate(lon, lat)
    choices = context.area.grid_choices(lon, lat)
    assert choices[0].grid_id == where.nearest_grid_id
    assert choices[0].distance_m == pytest.approx(where.distance_to_boundary_m)
    assert all(c.distance_m <= choices[0].distance_m + 20.0 for c in choices)


def test_intake_learns_whether_to_confirm_the_grid(
    writable: Database,
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, b, mid, normal = shared_edge
    with writable.read() as session:
        clear = check_place(session, *_nudged(context, mid, normal, 60.0))
        near = check_place(session, *_nudged(context, mid, normal, 5.0))
        _, south, east, north = context.area.bounds
        eastmost = max(
            (
                point
                for geometry in session.scalars(select(Grid.geometry))
                for point in shapely.get_coordinates(shape(json.loads(geometry)))
            ),
            key=lambda point: point[0],
        )
        off = check_place(session, float(eastmost[0]) + 0.003, float(eastmost[1]))
        for lon, lat, field in (
            (east + 0.05, (south + north) / 2, "lon"),  # ≈ 5 km off: not this district's
            ((east + context.area.bounds[0]) / 2, north + 0.05, "lat"),
        ):
            with pytest.raises(EventInputError) as refused:
                check_place(session, lon, lat)
            assert (refused.value.field, refused.value.reason) == (field, "out_of_area")
        with pytest.raises(EventInputError) as refused:
            check_place(session, "118.8", 32.0)
        assert refused.value.reason == "not_a_number"
    assert (clear.grid_id, clear.needs_confirmation, clear.choices) == (a, False, ())
    assert near.grid_id == a and near.needs_confirmation and not near.outside
    assert {c.grid_id for c in near.choices} >= {a, b}
    assert off.outside and off.needs_confirmation
    assert off.grid_id == off.choices[0].grid_id


def test_confirming_the_grid_moves_the_event_and_is_recorded(
    writable: Database,
    context: DispatchContext,
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, b, mid, normal = shared_edge
    lon, lat = _nudged(context, mid, normal, 5.0)
    with writable.write() as session:
        chief = _operator(session, "chief", "chief")
        category_id = session.scalars(select(EventCategory.id).limit(1)).one()
        draft = EventDraft(
            str(uuid.uuid4()), "hotline_12345", category_id, "normal", lon, lat, "", "x"
        )
        ref = report_event(session, chief, draft, NOW)
        chosen = report_event(session, chief, replace(draft, uid=str(uuid.uuid4()), grid_id=b), NOW)
    with writable.read() as session:
        before = event_detail(session, ref.id)
        assert event_detail(session, chosen.id).grid_confirmed  # the operator chose it at intake
    assert (before.grid_id, before.grid_confirmed) == (a, False)
    with writable.write() as session:
        with pytest.raises(EventInputError) as refused:
            transition(session, chief, ref.id, ref.version, "confirm_grid", NOW, grid_id=99_999)
        assert (refused.value.field, refused.value.reason) == ("grid_id", "unknown")
        moved = transition(session, chief, ref.id, ref.version, "confirm_grid", NOW, grid_id=b)
    with writable.read() as session:
        after = event_detail(session, ref.id)
        zone_of_b = session.scalar(
            select(Community.zone_id)
            .join(Grid, Grid.community_id == Community.id)
            .where(Grid.id == b)
        )
    assert moved.version == ref.version + 1
    assert (after.grid_id, after.zone_id, after.grid_confirmed, after.state) == (
        b,
        zone_of_b,
        True,
        "reported",
    )
    entry = after.timeline[-1]
    assert entry.kind == "confirm_grid"
    assert entry.note == f"{context.area.grid_code(a)} → {context.area.grid_code(b)}"


def test_the_area_index_is_built_once_per_database(db: Database) -> None:
    with db.read() as session:
        first = AreaIndex.cached(session)
    with db.read() as session:
        assert AreaIndex.cached(session) is first


# --- rule precedence -------------------------------------------------------------------------


def _first_grid(context: DispatchContext) -> int:
    return context.area.grid_ids[0]


def _with_rules(context: DispatchContext, *rules: Rule) -> DispatchContext:
    return replace(context, rules=DispatchRules(rules))


def _propose(
    context: DispatchContext,
    category_id: int,
    grid_id: int | None,
    *,
    mode: str = "normal",
    priority: str = "normal",
    zone_id: int | None = None,
    is_complex: bool = False,
    overdue: bool = False,
) -> DispatchProposal:
    return propose(
        context,
        mode=mode,
        priority=priority,
        category_id=category_id,
        grid_id=grid_id,
        zone_id=zone_id,
        is_complex=is_complex,
        overdue=overdue,
    )


def test_a_mode_pinned_rule_beats_a_category_pinned_one(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    grid = _first_grid(context)
    rules = _with_rules(
        context,
        Rule(1, "zone", category_id=ids["违章搭建"], grid_id=grid),
        Rule(2, "department", mode="normal", department_id=ids["CG"]),
    )
    proposal = _propose(rules, ids["违章搭建"], grid)
    assert (proposal.rule_id, proposal.basis, proposal.force) == (2, "rule", "department")
    # In the other mode the mode-pinned rule does not match.
    assert _propose(rules, ids["违章搭建"], grid, mode="emergency").rule_id == 1


def test_a_priority_pinned_rule_beats_a_category_pinned_one(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    grid = _first_grid(context)
    rules = _with_rules(
        context,
        Rule(1, "zone", category_id=ids["违章搭建"]),
        Rule(2, "leader", priority="critical"),
    )
    assert _propose(rules, ids["违章搭建"], grid, priority="critical").rule_id == 2
    assert _propose(rules, ids["违章搭建"], grid, priority="urgent").rule_id == 1


def test_a_category_pinned_rule_beats_a_grid_pinned_one(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    grid = _first_grid(context)
    rules = _with_rules(
        context,
        Rule(1, "grid", grid_id=grid),
        Rule(2, "zone", category_id=ids["违停"]),
    )
    assert _propose(rules, ids["违停"], grid).rule_id == 2
    assert _propose(rules, ids["邻里纠纷"], grid).rule_id == 1


def test_with_the_rest_equal_a_grid_specific_rule_beats_a_general_one(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    grid, other = context.area.grid_ids[0], context.area.grid_ids[1]
    rules = _with_rules(
        context,
        Rule(1, "zone", category_id=ids["违停"]),
        Rule(2, "grid", category_id=ids["违停"], grid_id=grid),
    )
    assert _propose(rules, ids["违停"], grid).rule_id == 2
    assert _propose(rules, ids["违停"], other).rule_id == 1
    assert _propose(rules, ids["违停"], None).rule_id == 1


def test_equally_specific_rules_go_to_the_lowest_id(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    rules = _with_rules(
        context,
        Rule(7, "zone", category_id=ids["违停"]),
        Rule(3, "grid", category_id=ids["违停"]),
    )
    assert _propose(rules, ids["违停"], _first_grid(context)).rule_id == 3


def test_the_category_default_applies_when_no_rule_matches(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    rules = _with_rules(context, Rule(1, "leader", mode="emergency"))
    proposal = _propose(rules, ids["积水"], _first_grid(context))
    assert proposal.basis == "category_default" and proposal.rule_id is None
    assert proposal.force == "department"
    assert proposal.assignee_department_id == ids["YJGL"]


def test_the_seeded_emergency_rule_wins_in_emergency_mode(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    grid = _first_grid(context)
    normal = _propose(context, ids["积水"], grid)
    emergency = _propose(context, ids["积水"], grid, mode="emergency")
    assert normal.basis == emergency.basis == "rule"
    assert normal.rule_id != emergency.rule_id
    assert len(context.rules) == 11


def test_inactive_rules_are_ignored(writable: Database, ids: dict[str, int]) -> None:
    with writable.write() as session:
        grid = session.scalars(select(Grid.id).order_by(Grid.id)).first()
        session.add(
            DispatchRule(
                mode="normal",
                priority="normal",
                category_id=ids["违停"],
                grid_id=grid,
                force="leader",
                note="",
                active=False,
            )
        )
    with writable.read() as session:
        context = DispatchContext.load(session)
    assert grid is not None
    proposal = _propose(context, ids["违停"], grid)
    assert proposal.force == "zone" and proposal.basis == "rule"
    assert all(rule.force != "leader" for rule in context.rules)


# --- resolving the force ---------------------------------------------------------------------


def _leader_of(session: Session, community_id: int) -> tuple[int, str]:
    row = session.execute(
        select(Staff.id, Staff.name)
        .join(LeaderCommunity, LeaderCommunity.leader_id == Staff.id)
        .where(LeaderCommunity.community_id == community_id)
        .order_by(Staff.id)
    ).first()
    assert row is not None
    return row[0], row[1]


@pytest.mark.parametrize(("is_complex", "overdue"), [(True, False), (False, True)])
def test_complex_and_overdue_events_go_to_the_leader_of_the_community(
    db: Database, context: DispatchContext, ids: dict[str, int], is_complex: bool, overdue: bool
) -> None:
    with db.read() as session:
        grid_id, community_id, _, _ = _grids(session)[40]
        leader_id, leader_name = _leader_of(session, community_id)
    proposal = _propose(context, ids["违停"], grid_id, is_complex=is_complex, overdue=overdue)
    assert proposal.force == "leader"
    assert proposal.basis == ("complex" if is_complex else "overdue")
    assert proposal.rule_id is None
    assert (proposal.assignee_staff_id, proposal.assignee_name) == (leader_id, leader_name)
    assert proposal.resolved


def test_grid_force_goes_to_the_grid_worker(
    db: Database, context: DispatchContext, ids: dict[str, int]
) -> None:
    with db.read() as session:
        grid_id = _grids(session)[17][0]
        worker = session.execute(
            select(Staff.id, Staff.name).where(
                Staff.role == "grid_worker", Staff.grid_id == grid_id
            )
        ).one()
        code = session.scalar(select(Grid.code).where(Grid.id == grid_id))
    proposal = _propose(context, ids["邻里纠纷"], grid_id)
    assert proposal.force == "grid"
    assert (proposal.assignee_staff_id, proposal.assignee_name) == tuple(worker)
    assert proposal.assignee_department_id is None and proposal.zone_id is None
    assert proposal.reason == (code, "邻里纠纷", worker[1])
    assert not proposal.needs_grid_confirmation


def test_zone_force_goes_to_the_zone_team(
    db: Database, context: DispatchContext, ids: dict[str, int]
) -> None:
    with db.read() as session:
        grid_id, community_id, _, _ = _grids(session)[100]
        zone_id = session.execute(
            select(Community.zone_id).where(Community.id == community_id)
        ).scalar_one()
        first_officer = session.scalar(
            select(func.min(Staff.id)).where(
                Staff.role == "enforcement_officer", Staff.zone_id == zone_id
            )
        )
    proposal = _propose(context, ids["违章搭建"], grid_id)
    assert proposal.force == "zone" and proposal.zone_id == zone_id
    assert proposal.assignee_name == context.area.zone_name(zone_id)
    assert proposal.assignee_name.startswith("执法") and proposal.assignee_name.endswith("片区")
    assert proposal.assignee_staff_id == first_officer
    assert proposal.reason[2] == proposal.assignee_name


def test_department_force_goes_to_the_rules_department(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    proposal = _propose(context, ids["欠薪"], _first_grid(context))
    assert proposal.force == "department" and proposal.basis == "rule"
    assert proposal.assignee_department_id == ids["RS"]
    assert proposal.assignee_name == "劳动保障监察中队"
    assert proposal.assignee_staff_id is None and proposal.zone_id is None
    # A rule naming another department overrides the category's.
    rules = _with_rules(
        context, Rule(1, "department", category_id=ids["欠薪"], department_id=ids["PCS"])
    )
    assert _propose(rules, ids["欠薪"], None).assignee_name == "红花派出所"


def test_a_rule_may_send_to_the_leader(
    db: Database, context: DispatchContext, ids: dict[str, int]
) -> None:
    with db.read() as session:
        grid_id, community_id, _, _ = _grids(session)[3]
        leader_id, _ = _leader_of(session, community_id)
    rules = _with_rules(context, Rule(5, "leader", priority="critical"))
    proposal = _propose(rules, ids["邻里纠纷"], grid_id, priority="critical")
    assert (proposal.force, proposal.basis, proposal.rule_id) == ("leader", "rule", 5)
    assert proposal.assignee_staff_id == leader_id


def test_outside_point_still_proposes_by_category(
    context: DispatchContext, ids: dict[str, int]
) -> None:
    lon, lat = 118.0, 31.0
    where, by_department = propose_at(
        context,
        lon,
        lat,
        mode="normal",
        priority="normal",
        category_id=ids["消防通道"],
        is_complex=False,
    )
    assert where.outside
    assert by_department.needs_grid_confirmation and by_department.grid_code == ""
    assert by_department.resolved and by_department.assignee_department_id == ids["XF"]
    _, by_grid = propose_at(
        context,
        lon,
        lat,
        mode="normal",
        priority="normal",
        category_id=ids["邻里纠纷"],
        is_complex=False,
    )
    assert by_grid.force == "grid" and not by_grid.resolved and by_grid.assignee_name == ""
    # The operator confirms the nearest grid: the proposal then resolves.
    assert where.nearest_grid_id is not None
    confirmed = _propose(context, ids["邻里纠纷"], where.nearest_grid_id)
    assert confirmed.resolved and not confirmed.needs_grid_confirmation


def test_a_zone_given_without_a_grid_is_used(context: DispatchContext, ids: dict[str, int]) -> None:
    zone_id = context.area.zone_ids[1]
    proposal = _propose(context, ids["违停"], None, zone_id=zone_id)
    assert proposal.zone_id == zone_id and proposal.resolved and proposal.needs_grid_confirmation


def test_a_point_near_the_edge_asks_to_confirm_the_grid(
    context: DispatchContext,
    ids: dict[str, int],
    shared_edge: tuple[int, int, tuple[float, float], tuple[float, float]],
) -> None:
    a, _, mid, normal = shared_edge
    lon, lat = _nudged(context, mid, normal, 5.0)
    _, proposal = propose_at(
        context,
        lon,
        lat,
        mode="normal",
        priority="normal",
        category_id=ids["邻里纠纷"],
        is_complex=False,
    )
    assert proposal.grid_id == a and proposal.resolved and proposal.needs_grid_confirmation


def test_unknown_category_or_grid_is_refused(context: DispatchContext, ids: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="category"):
        _propose(context, 99_999, _first_grid(context))
    with pytest.raises(ValueError, match="grid"):
        _propose(context, ids["违停"], 99_999)


def test_english_category_names(db: Database, ids: dict[str, int]) -> None:
    with db.read() as session:
        context = DispatchContext.load(session, "en")
    assert (
        _propose(context, ids["违停"], context.area.grid_ids[0]).category_name == "Illegal parking"
    )


# --- editing the rules -----------------------------------------------------------------------


def test_chief_inserts_a_rule_with_a_record_and_a_change(
    writable: Database, ids: dict[str, int]
) -> None:
    draft = DispatchRuleDraft(
        id=None,
        force="department",
        priority="critical",
        category_id=ids["违停"],
        department_id=ids["PCS"],
        note="特急违停交派出所",
    )
    with writable.write() as session:
        chief = _operator(session, "chief", "chief")
        rules_before, actions_before, changes_before = _counts(session)
        rule_id = save_rule(session, chief, draft, NOW)
    with writable.read() as session:
        assert _counts(session) == (rules_before + 1, actions_before + 1, changes_before + 1)
        action = session.scalars(select(OperatorAction).order_by(OperatorAction.id.desc())).first()
        assert action is not None
        assert (action.kind, action.subject, action.subject_id) == (
            "dispatch_rule.edit",
            "dispatch_rule",
            rule_id,
        )
        assert (action.operator_id, action.post, action.at) == (chief.account_id, "chief", NOW)
        details = json.loads(action.details)
        assert details["before"] is None
        assert (
            details["after"]["force"] == "department" and details["after"]["priority"] == "critical"
        )
        change = session.scalars(select(ChangeLog).order_by(ChangeLog.seq.desc())).first()
        assert change is not None
        assert (change.entity, change.entity_id, change.op, change.post) == (
            "dispatch_rule",
            rule_id,
            "insert",
            "chief",
        )
        context = DispatchContext.load(session)
        rows = {row.id: row for row in rule_rows(session)}
    proposal = _propose(context, ids["违停"], context.area.grid_ids[0], priority="critical")
    assert proposal.rule_id == rule_id and proposal.assignee_name == "红花派出所"
    row = rows[rule_id]
    assert (row.category, row.department, row.priority, row.mode, row.grid_code) == (
        "违停",
        "红花派出所",
        "critical",
        None,
        "",
    )
    assert row.active and row.note == "特急违停交派出所"


def test_chief_updates_a_rule_with_before_and_after(
    writable: Database, ids: dict[str, int]
) -> None:
    with writable.write() as session:
        chief = _operator(session, "chief", "chief")
        rule = session.scalars(
            select(DispatchRule).where(DispatchRule.category_id == ids["违停"])
        ).one()
        grid_id, grid_code = session.execute(
            select(Grid.id, Grid.code).order_by(Grid.id).limit(1)
        ).one()
        rule_id = rule.id
        draft = DispatchRuleDraft(
            id=rule_id, force="grid", category_id=ids["违停"], grid_id=grid_id, note="改派网格员"
        )
        assert save_rule(session, chief, draft, NOW) == rule_id
    with writable.read() as session:
        action = session.scalars(
            select(OperatorAction).where(OperatorAction.subject_id == rule_id)
        ).one()
        details = json.loads(action.details)
        assert details["before"]["force"] == "zone" and details["before"]["grid_id"] is None
        assert details["after"]["force"] == "grid" and details["after"]["grid_id"] == grid_id
        change = session.scalars(select(ChangeLog).where(ChangeLog.entity == "dispatch_rule")).one()
        assert (change.entity_id, change.op) == (rule_id, "update")
        row = next(r for r in rule_rows(session) if r.id == rule_id)
    assert (row.force, row.grid_code, row.note) == ("grid", grid_code, "改派网格员")


def test_an_operator_may_not_edit_rules_and_nothing_is_written(
    writable: Database, ids: dict[str, int]
) -> None:
    draft = DispatchRuleDraft(id=None, force="leader", category_id=ids["违停"])
    with writable.write() as session:
        operator = _operator(session, "dispatch", "dispatch")
        before = _counts(session)
        with pytest.raises(NotPermitted):
            save_rule(session, operator, draft, NOW)
        with pytest.raises(NotPermitted):
            deactivate_rule(session, operator, 1, NOW)
        assert not session.new and not session.dirty
    with writable.read() as session:
        assert _counts(session) == before
        assert session.scalar(select(DispatchRule.active).where(DispatchRule.id == 1))


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"force": "boat"}, "force", "unknown"),
        ({"mode": "holiday"}, "mode", "unknown"),
        ({"priority": "asap"}, "priority", "unknown"),
        ({"force": "department"}, "department_id", "required"),
        ({"force": "grid", "department_id": 1}, "department_id", "not_allowed"),
        ({"category_id": 99_999}, "category_id", "unknown"),
        ({"grid_id": 99_999}, "grid_id", "unknown"),
        ({"force": "department", "department_id": 99_999}, "department_id", "unknown"),
        ({"id": 99_999}, "id", "unknown"),
        ({"note": "长" * 257}, "note", "too_long"),
    ],
)
def test_invalid_drafts_are_refused_and_nothing_is_written(
    writable: Database, changes: dict[str, Any], field: str, problem: str
) -> None:
    draft = replace(DispatchRuleDraft(id=None, force="zone"), **changes)
    with writable.write() as session:
        chief = _operator(session, "chief", "chief")
        before = _counts(session)
        with pytest.raises(InvalidRule) as refused:
            save_rule(session, chief, draft, NOW)
        assert (refused.value.field, refused.value.problem) == (field, problem)
        assert not session.new and not session.dirty
    with writable.read() as session:
        assert _counts(session) == before


def test_chief_deactivates_a_rule_once(writable: Database, ids: dict[str, int]) -> None:
    with writable.write() as session:
        chief = _operator(session, "chief", "chief")
        rule_id = session.scalar(
            select(DispatchRule.id).where(DispatchRule.category_id == ids["违停"])
        )
        assert rule_id is not None
        assert deactivate_rule(session, chief, rule_id, NOW)
    with writable.write() as session:
        before = _counts(session)
        assert not deactivate_rule(session, chief, rule_id, NOW)
        with pytest.raises(InvalidRule):
            deactivate_rule(session, chief, 99_999, NOW)
    with writable.read() as session:
        assert _counts(session) == before
        action = session.scalars(
            select(OperatorAction).where(OperatorAction.subject_id == rule_id)
        ).one()
        assert action.kind == "dispatch_rule.deactivate"
        details = json.loads(action.details)
        assert details["before"]["active"] is True and details["after"]["active"] is False
        change = session.scalars(select(ChangeLog).where(ChangeLog.entity == "dispatch_rule")).one()
        assert (change.entity_id, change.op, change.post) == (rule_id, "update", "chief")
        context = DispatchContext.load(session)
        assert not next(r for r in rule_rows(session) if r.id == rule_id).active
    proposal = _propose(context, ids["违停"], context.area.grid_ids[0])
    assert proposal.basis == "category_default" and proposal.force == "zone"


def test_rule_rows_show_every_rule_with_names(db: Database) -> None:
    with db.read() as session:
        chinese = rule_rows(session)
        english = rule_rows(session, "en")
    assert len(chinese) == 11
    assert [r.id for r in chinese] == sorted(r.id for r in chinese)
    emergency = next(r for r in chinese if r.mode == "emergency")
    assert (emergency.category, emergency.force, emergency.department) == (
        "积水",
        "department",
        "应急管理办公室",
    )
    assert all(r.category and r.grid_code == "" and r.active for r in chinese)
    assert next(r for r in english if r.mode == "emergency").category == "Waterlogging"
