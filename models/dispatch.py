"""Intelligent dispatch (智能派单, DESIGN §2): where an event lies, and which force takes it.

Three parts:

- ``AreaIndex`` locates a WGS-84 point: the grid that contains it (through an STRtree, never a
  loop over the grids), its community and enforcement zone, and whether the operator should
  confirm the grid because the point lies outside every grid or near its grid's edge. Distances
  are in metres, in a local equirectangular frame at the area's latitude.
- ``propose`` chooses the force for an event from the chief's rules (``DispatchRules``), else
  the category's own force, and resolves it to a person, a zone or a department. It reads
  nothing from the database: ``DispatchContext.load`` takes everything it needs into memory once,
  so a proposal costs microseconds. Reload the context when the change feed reports a change to
  ``dispatch_rule`` (or to staff).
- ``save_rule`` / ``deactivate_rule`` let the chief edit the rules, each edit recorded as an
  ``OperatorAction`` with the rule before and after, and announced on the change feed;
  ``rule_rows`` is what the rule dialog shows.

Rule precedence: a rule matches when each of mode, priority, category and grid it pins equals
the event's (NULL = any). Among matching rules the most specific wins, compared in the order
mode > priority > category > grid on which of them the rule pins (so a rule pinning the mode
beats one pinning category and grid; with the rest equal a grid-specific rule beats a general
one); ties go to the lowest rule id. Complex and overdue events go to the leader in charge
whatever the rules say.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

import shapely
from shapely.geometry import shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    FORCES,
    MODES,
    PRIORITIES,
    Community,
    Department,
    DispatchRule,
    EnforcementZone,
    EventCategory,
    Grid,
    LeaderCommunity,
    OperatorAction,
    Staff,
)
from models.fields import max_length
from models.geo import LocalFrame
from models.snapshots import (
    DispatchProposal,
    DispatchRuleDraft,
    DispatchRuleRow,
    GridChoice,
    Location,
)

# A point closer than this to its grid's edge may belong to the neighbour: ask the operator.
DEFAULT_NEAR_BOUNDARY_M = 20.0
EDIT_PERMISSION = "dispatch_rule.edit"
BASES = ("rule", "category_default", "complex", "overdue")
NOTE_MAX = max_length(DispatchRule.note)


# --- locating a point ------------------------------------------------------------------------


class AreaIndex:
    """The grids and enforcement zones of the area, indexed for locating points.

    Built once per database (``cached``); immutable afterwards, so one index may serve any
    number of threads. Geometries are held in metres in ``frame``.
    """

    def __init__(
        self,
        *,
        grids: Iterable[tuple[int, str, int, str]],
        community_zones: Mapping[int, int],
        zones: Iterable[tuple[int, str, str]],
    ) -> None:
        """``grids``: (id, code, community id, GeoJSON); ``community_zones``: community id →
        zone id; ``zones``: (id, name, GeoJSON)."""
        grid_rows = sorted(grids)
        zone_rows = sorted(zones)
        grid_shapes = [shape(json.loads(g[3])) for g in grid_rows]
        zone_shapes = [shape(json.loads(z[2])) for z in zone_rows]
        if grid_shapes:
            west, south, east, north = shapely.total_bounds(grid_shapes).tolist()
        else:
            west = east = south = north = 0.0
        # (west, south, east, north) of the grids, WGS-84 degrees
        self.bounds: tuple[float, float, float, float] = (west, south, east, north)
        self.frame = LocalFrame.around((west + east) / 2, (south + north) / 2)
        self._lon0 = self.frame.lon0
        self._lat0 = self.frame.lat0
        self._mx = self.frame.metres_per_lon
        self._my = self.frame.metres_per_lat

        self.grid_ids: tuple[int, ...] = tuple(g[0] for g in grid_rows)
        self._grid_codes = tuple(g[1] for g in grid_rows)
        self._grid_communities = tuple(g[2] for g in grid_rows)
        self._grid_position = {gid: i for i, gid in enumerate(self.grid_ids)}
        self._grid_polygons = list(self.frame.to_metric(grid_shapes))
        self._grid_boundaries = [polygon.boundary for polygon in self._grid_polygons]
        shapely.prepare(self._grid_polygons)
        self._grid_tree = shapely.STRtree(self._grid_polygons)

        self.zone_ids: tuple[int, ...] = tuple(z[0] for z in zone_rows)
        self._zone_names = {z[0]: z[1] for z in zone_rows}
        zone_polygons = list(self.frame.to_metric(zone_shapes))
        shapely.prepare(zone_polygons)
        self._zone_tree = shapely.STRtree(zone_polygons)
        self._community_zones = dict(community_zones)

    @classmethod
    def load(cls, session: Session) -> AreaIndex:
        """Build the index from the grid and zone rows."""
        grids = session.execute(select(Grid.id, Grid.code, Grid.community_id, Grid.geometry))
        communities = session.execute(select(Community.id, Community.zone_id))
        zones = session.execute(
            select(EnforcementZone.id, EnforcementZone.name, EnforcementZone.geometry)
        )
        return cls(
            grids=[(gid, code, cid, geometry) for gid, code, cid, geometry in grids],
            community_zones=dict(communities.all()),
            zones=[(zid, name, geometry) for zid, name, geometry in zones],
        )

    @classmethod
    def cached(cls, session: Session) -> AreaIndex:
        """The index of this session's database, built at most once per process while the
        grids and zones stay the same (judged by their counts, largest ids and the total length
        of their geometry text, so a boundary redrawn in place is noticed too)."""
        key = str(session.get_bind().engine.url)
        signature = tuple(
            session.execute(
                select(
                    select(func.count(Grid.id)).scalar_subquery(),
                    select(func.coalesce(func.max(Grid.id), 0)).scalar_subquery(),
                    select(func.count(EnforcementZone.id)).scalar_subquery(),
                    select(func.coalesce(func.max(EnforcementZone.id), 0)).scalar_subquery(),
                    select(
                        func.coalesce(func.sum(func.length(Grid.geometry)), 0)
                    ).scalar_subquery(),
                    select(
                        func.coalesce(func.sum(func.length(EnforcementZone.geometry)), 0)
                    ).scalar_subquery(),
                )
            ).one()
        )
        with _area_cache_lock:
            hit = _area_cache.get(key)
        if hit is not None and hit[0] == signature:
            return hit[1]
        index = cls.load(session)
        with _area_cache_lock:
            _area_cache[key] = (signature, index)
        return index

    # --- what the index knows about grids and zones -------------------------------------------

    def has_grid(self, grid_id: int) -> bool:
        """Whether the grid is in the index."""
        return grid_id in self._grid_position

    def every_grid(self) -> tuple[GridChoice, ...]:
        """Every grid, by code: the choices for an event with no point (an unplaced hotline
        order), whose grid the operator names. No distance: -1."""
        return tuple(
            sorted(
                (GridChoice(g, self._grid_codes[i], -1.0) for i, g in enumerate(self.grid_ids)),
                key=lambda c: c.grid_code,
            )
        )

    def grid_code(self, grid_id: int) -> str:
        """The grid's 15-digit code."""
        return self._grid_codes[self._grid_position[grid_id]]

    def community_of(self, grid_id: int) -> int:
        """The community the grid belongs to."""
        return self._grid_communities[self._grid_position[grid_id]]

    def zone_of_community(self, community_id: int) -> int | None:
        """The enforcement zone the community belongs to."""
        return self._community_zones.get(community_id)

    def zone_name(self, zone_id: int) -> str:
        """The enforcement zone's name ("" if unknown)."""
        return self._zone_names.get(zone_id, "")

    # --- locating -----------------------------------------------------------------------------

    def to_metres(self, lon: float, lat: float) -> tuple[float, float]:
        """The point in the index's metric frame."""
        return (lon - self._lon0) * self._mx, (lat - self._lat0) * self._my

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The WGS-84 point of metric coordinates in the index's frame."""
        return x / self._mx + self._lon0, y / self._my + self._lat0

    def locate(
        self, lon: float, lat: float, *, near_boundary_m: float = DEFAULT_NEAR_BOUNDARY_M
    ) -> Location:
        """Where a WGS-84 point falls: its grid, community and zone, or outside every grid.

        A point exactly on a shared edge belongs to the grid of lowest id (and is near the
        boundary, so the operator confirms it anyway).
        """
        point = shapely.Point(*self.to_metres(lon, lat))
        hits = self._grid_tree.query(point, predicate="intersects")
        if len(hits):
            i = int(hits.min())
            distance = float(self._grid_boundaries[i].distance(point))
            grid_id = self.grid_ids[i]
            community_id = self._grid_communities[i]
            return Location(
                grid_id=grid_id,
                grid_code=self._grid_codes[i],
                community_id=community_id,
                zone_id=self._community_zones.get(community_id),
                outside=False,
                near_boundary=distance <= near_boundary_m,
                distance_to_boundary_m=distance,
                nearest_grid_id=grid_id,
                nearest_grid_code=self._grid_codes[i],
            )
        zone_hits = self._zone_tree.query(point, predicate="intersects")
        zone_id = self.zone_ids[int(zone_hits.min())] if len(zone_hits) else None
        if not self.grid_ids:
            return Location(None, "", None, zone_id, True, False, float("inf"), None, "")
        nearest = self._grid_tree.query_nearest(point)
        i = int(nearest.min())
        distance = float(self._grid_polygons[i].distance(point))
        return Location(
            grid_id=None,
            grid_code="",
            community_id=None,
            zone_id=zone_id,
            outside=True,
            near_boundary=distance <= near_boundary_m,
            distance_to_boundary_m=distance,
            nearest_grid_id=self.grid_ids[i],
            nearest_grid_code=self._grid_codes[i],
        )

    def grid_choices(
        self, lon: float, lat: float, *, near_boundary_m: float = DEFAULT_NEAR_BOUNDARY_M
    ) -> tuple[GridChoice, ...]:
        """The grids an operator would choose between for this point, nearest first: every
        grid within ``near_boundary_m`` of the nearest one's distance (the grid the point is in
        and its neighbours across a near edge; for a point outside, the grids it lies off)."""
        point = shapely.Point(*self.to_metres(lon, lat))
        nearest = self._grid_tree.query_nearest(point)
        if not len(nearest):
            return ()
        reach = float(self._grid_polygons[int(nearest.min())].distance(point)) + near_boundary_m
        hits = self._grid_tree.query(point, predicate="dwithin", distance=reach)
        choices = [
            GridChoice(
                self.grid_ids[i],
                self._grid_codes[i],
                float(self._grid_polygons[i].distance(point)),
            )
            for i in (int(h) for h in hits)
        ]
        return tuple(sorted(choices, key=lambda c: (c.distance_m, c.grid_code)))


_area_cache_lock = threading.Lock()
# database URL → ((counts, largest ids and geometry lengths of grids and zones), index)
_area_cache: dict[str, tuple[tuple[Any, ...], AreaIndex]] = {}


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    """An active dispatch rule, copied out of the database."""

    id: int
    force: str
    mode: str | None = None
    priority: str | None = None
    category_id: int | None = None
    grid_id: int | None = None
    department_id: int | None = None
    note: str = ""

    @property
    def specificity(self) -> tuple[bool, bool, bool, bool]:
        """Which of mode, priority, category, grid the rule pins, in order of precedence."""
        return (
            self.mode is not None,
            self.priority is not None,
            self.category_id is not None,
            self.grid_id is not None,
        )

    def matches(self, mode: str, priority: str, category_id: int, grid_id: int | None) -> bool:
        """Whether every field the rule pins equals the event's."""
        return (
            (self.mode is None or self.mode == mode)
            and (self.priority is None or self.priority == priority)
            and (self.category_id is None or self.category_id == category_id)
            and (self.grid_id is None or self.grid_id == grid_id)
        )


class DispatchRules:
    """The active rules, most specific first (ties: lowest id), so the first match wins."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._ordered = tuple(
            sorted(rules, key=lambda r: (tuple(not p for p in r.specificity), r.id))
        )

    @classmethod
    def load(cls, session: Session) -> DispatchRules:
        """The active rules of the database."""
        rows = session.execute(
            select(
                DispatchRule.id,
                DispatchRule.force,
                DispatchRule.mode,
                DispatchRule.priority,
                DispatchRule.category_id,
                DispatchRule.grid_id,
                DispatchRule.department_id,
                DispatchRule.note,
            ).where(DispatchRule.active.is_(True))
        )
        return cls(Rule(*row) for row in rows)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._ordered)

    def match(
        self, *, mode: str, priority: str, category_id: int, grid_id: int | None
    ) -> Rule | None:
        """The rule that decides for an event, or None when no rule matches."""
        for rule in self._ordered:
            if rule.matches(mode, priority, category_id, grid_id):
                return rule
        return None


# --- proposing -------------------------------------------------------------------------------


class Person(NamedTuple):
    """A staff member a proposal may name."""

    id: int
    name: str


class CategoryInfo(NamedTuple):
    """What dispatch needs of an event category."""

    name: str
    force: str
    department_id: int | None
    complex_default: bool


@dataclass(frozen=True, slots=True)
class DispatchContext:
    """Everything ``propose`` needs, in memory: the area index, the active rules, categories,
    and who stands behind each force (grid workers by grid, leaders by community, the first
    officer of each zone, departments)."""

    area: AreaIndex
    rules: DispatchRules
    categories: Mapping[int, CategoryInfo]
    grid_workers: Mapping[int, Person]  # grid id → its grid worker (lowest staff id)
    leaders: Mapping[int, Person]  # community id → its leader in charge (lowest staff id)
    zone_contacts: Mapping[int, Person]  # zone id → its first enforcement officer
    departments: Mapping[int, str]  # department id → name

    @classmethod
    def load(
        cls, session: Session, language: str = "zh_CN", *, area: AreaIndex | None = None
    ) -> DispatchContext:
        """Read the rules and the people once; the area index comes from the process cache
        unless given."""
        english = language.startswith("en")
        categories = {
            cid: CategoryInfo((name_en or name) if english else name, force, dept, bool(cx))
            for cid, name, name_en, force, dept, cx in session.execute(
                select(
                    EventCategory.id,
                    EventCategory.name,
                    EventCategory.name_en,
                    EventCategory.force,
                    EventCategory.department_id,
                    EventCategory.complex_default,
                )
            )
        }
        grid_workers: dict[int, Person] = {}
        zone_contacts: dict[int, Person] = {}
        for staff_id, name, role, grid_id, zone_id in session.execute(
            select(Staff.id, Staff.name, Staff.role, Staff.grid_id, Staff.zone_id)
            .where(Staff.role.in_(("grid_worker", "enforcement_officer")))
            .order_by(Staff.id)
        ):
            if role == "grid_worker" and grid_id is not None:
                grid_workers.setdefault(grid_id, Person(staff_id, name))
            elif role == "enforcement_officer" and zone_id is not None:
                zone_contacts.setdefault(zone_id, Person(staff_id, name))
        leaders: dict[int, Person] = {}
        for community_id, staff_id, name in session.execute(
            select(LeaderCommunity.community_id, Staff.id, Staff.name)
            .join(Staff, Staff.id == LeaderCommunity.leader_id)
            .order_by(Staff.id)
        ):
            leaders.setdefault(community_id, Person(staff_id, name))
        departments = dict(session.execute(select(Department.id, Department.name)).all())
        return cls(
            area=area if area is not None else AreaIndex.cached(session),
            rules=DispatchRules.load(session),
            categories=categories,
            grid_workers=grid_workers,
            leaders=leaders,
            zone_contacts=zone_contacts,
            departments=departments,
        )


def propose(
    context: DispatchContext,
    *,
    mode: str,
    priority: str,
    category_id: int,
    grid_id: int | None,
    zone_id: int | None,
    is_complex: bool,
    overdue: bool = False,
) -> DispatchProposal:
    """The force proposed for an event in ``grid_id`` (None: unknown, e.g. outside the area)
    and ``zone_id`` (None: the grid's zone). Touches no database.

    Raises ``ValueError`` for a category or grid the context does not know.
    """
    category = context.categories.get(category_id)
    if category is None:
        raise ValueError(f"unknown category {category_id}")
    area = context.area
    community_id: int | None = None
    grid_code = ""
    if grid_id is not None:
        if not area.has_grid(grid_id):
            raise ValueError(f"unknown grid {grid_id}")
        grid_code = area.grid_code(grid_id)
        community_id = area.community_of(grid_id)
        if zone_id is None:
            zone_id = area.zone_of_community(community_id)

    rule: Rule | None = None
    department_id: int | None = None
    if overdue:
        force, basis = "leader", "overdue"
    elif is_complex:
        force, basis = "leader", "complex"
    else:
        rule = context.rules.match(
            mode=mode, priority=priority, category_id=category_id, grid_id=grid_id
        )
        if rule is not None:
            force, basis = rule.force, "rule"
            department_id = rule.department_id or category.department_id
        else:
            force, basis = category.force, "category_default"
            department_id = category.department_id

    staff: Person | None = None
    assigned_zone: int | None = None
    name = ""
    if force == "grid":
        staff = context.grid_workers.get(grid_id) if grid_id is not None else None
    elif force == "leader":
        staff = context.leaders.get(community_id) if community_id is not None else None
    elif force == "zone":
        if zone_id is not None:
            assigned_zone = zone_id
            name = area.zone_name(zone_id)
            staff = context.zone_contacts.get(zone_id)
    elif department_id is not None:  # force == "department"
        name = context.departments.get(department_id, "")
    if force != "department":
        department_id = None
    if staff is not None and force != "zone":
        name = staff.name
    return DispatchProposal(
        force=force,
        basis=basis,
        rule_id=rule.id if rule is not None else None,
        assignee_staff_id=staff.id if staff is not None else None,
        assignee_department_id=department_id,
        zone_id=assigned_zone,
        assignee_name=name,
        grid_id=grid_id,
        grid_code=grid_code,
        category_id=category_id,
        category_name=category.name,
        needs_grid_confirmation=grid_id is None,
    )


def propose_at(
    context: DispatchContext,
    lon: float,
    lat: float,
    *,
    mode: str,
    priority: str,
    category_id: int,
    is_complex: bool,
    overdue: bool = False,
    near_boundary_m: float = DEFAULT_NEAR_BOUNDARY_M,
) -> tuple[Location, DispatchProposal]:
    """Locate a point and propose the force for an event there; the proposal asks for the
    grid to be confirmed when the point is outside every grid or near its grid's edge."""
    location = context.area.locate(lon, lat, near_boundary_m=near_boundary_m)
    proposal = propose(
        context,
        mode=mode,
        priority=priority,
        category_id=category_id,
        grid_id=location.grid_id,
        zone_id=location.zone_id,
        is_complex=is_complex,
        overdue=overdue,
    )
    if location.needs_confirmation and not proposal.needs_grid_confirmation:
        proposal = replace(proposal, needs_grid_confirmation=True)
    return location, proposal


# --- editing the rules (chief only) ----------------------------------------------------------


class InvalidRule(ValueError):
    """A rule draft that cannot be saved: ``field`` names the draft's field and ``problem``
    is a code the GUI translates (``unknown``, ``required``, ``not_allowed``, ``too_long``)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _validate(session: Session, draft: DispatchRuleDraft) -> None:
    if draft.force not in FORCES:
        raise InvalidRule("force", "unknown")
    if draft.mode is not None and draft.mode not in MODES:
        raise InvalidRule("mode", "unknown")
    if draft.priority is not None and draft.priority not in PRIORITIES:
        raise InvalidRule("priority", "unknown")
    if draft.force == "department" and draft.department_id is None:
        raise InvalidRule("department_id", "required")
    if draft.force != "department" and draft.department_id is not None:
        raise InvalidRule("department_id", "not_allowed")
    if len(draft.note) > NOTE_MAX:
        raise InvalidRule("note", "too_long")
    for field, entity, value in (
        ("category_id", EventCategory, draft.category_id),
        ("grid_id", Grid, draft.grid_id),
        ("department_id", Department, draft.department_id),
    ):
        if value is not None and session.get(entity, value) is None:
            raise InvalidRule(field, "unknown")


def _rule_fields(rule: DispatchRule) -> dict[str, Any]:
    return {
        "mode": rule.mode,
        "priority": rule.priority,
        "category_id": rule.category_id,
        "grid_id": rule.grid_id,
        "force": rule.force,
        "department_id": rule.department_id,
        "note": rule.note,
        "active": rule.active,
    }


def _record(
    session: Session,
    operator: Operator,
    now: datetime,
    kind: str,
    rule_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind=kind,
            subject="dispatch_rule",
            subject_id=rule_id,
            note="",
            details=json.dumps(
                {"before": before, "after": after}, ensure_ascii=False, sort_keys=True
            ),
        )
    )


def save_rule(session: Session, operator: Operator, rule: DispatchRuleDraft, now: datetime) -> int:
    """Insert the draft as a new rule (``id`` None) or update that rule; returns its id.

    Chief only (``NotPermitted`` otherwise); ``InvalidRule`` for a draft that cannot be saved.
    Nothing is written unless it succeeds. The caller's transaction commits.
    """
    require(session, operator, EDIT_PERMISSION)
    _validate(session, rule)
    before: dict[str, Any] | None = None
    if rule.id is None:
        row = DispatchRule()
        session.add(row)
    else:
        existing = session.get(DispatchRule, rule.id)
        if existing is None:
            raise InvalidRule("id", "unknown")
        row = existing
        before = _rule_fields(row)
    row.mode = rule.mode
    row.priority = rule.priority
    row.category_id = rule.category_id
    row.grid_id = rule.grid_id
    row.force = rule.force
    row.department_id = rule.department_id
    row.note = rule.note
    row.active = rule.active
    session.flush()
    _record(session, operator, now, "dispatch_rule.edit", row.id, before, _rule_fields(row))
    record_change(
        session, "dispatch_rule", row.id, "insert" if before is None else "update", operator.post
    )
    return row.id


def deactivate_rule(session: Session, operator: Operator, rule_id: int, now: datetime) -> bool:
    """Deactivate a rule (rules are never deleted: the record quotes them). Returns False, and
    writes nothing, when it was inactive already. Chief only; ``InvalidRule`` for an unknown id.
    """
    require(session, operator, EDIT_PERMISSION)
    row = session.get(DispatchRule, rule_id)
    if row is None:
        raise InvalidRule("id", "unknown")
    if not row.active:
        return False
    before = _rule_fields(row)
    row.active = False
    session.flush()
    _record(session, operator, now, "dispatch_rule.deactivate", row.id, before, _rule_fields(row))
    record_change(session, "dispatch_rule", row.id, "update", operator.post)
    return True


def rule_rows(session: Session, language: str = "zh_CN") -> list[DispatchRuleRow]:
    """Every rule, active or not, by id, as the chief's rule dialog shows it."""
    english = language.startswith("en")
    categories = {
        cid: (name_en or name) if english else name
        for cid, name, name_en in session.execute(
            select(EventCategory.id, EventCategory.name, EventCategory.name_en)
        )
    }
    grid_codes = dict(session.execute(select(Grid.id, Grid.code)).all())
    departments = dict(session.execute(select(Department.id, Department.name)).all())
    return [
        DispatchRuleRow(
            id=r.id,
            mode=r.mode,
            priority=r.priority,
            category_id=r.category_id,
            category=categories.get(r.category_id, "") if r.category_id is not None else "",
            grid_id=r.grid_id,
            grid_code=grid_codes.get(r.grid_id, "") if r.grid_id is not None else "",
            force=r.force,
            department_id=r.department_id,
            department=(
                departments.get(r.department_id, "") if r.department_id is not None else ""
            ),
            note=r.note,
            active=bool(r.active),
        )
        for r in session.scalars(select(DispatchRule).order_by(DispatchRule.id))
    ]
