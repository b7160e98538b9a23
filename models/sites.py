"""Construction sites scored day by day (动态评分与分级管理, issue 21).

The rubric is data the chief edits (``site_rubric_item``): each item has its maximum points and
the points one finding deducts; a veto item (一票否决) deducts nothing but, while a finding of
it is open, sets the lowest grade at once. The grading is data too (shared setting
``site.grading``): the rolling window in days and the grades with their cut-offs, best first —
A/B/C, or the red/yellow/green plates some cities use.

A site's score is 100 minus, for every rubric item, the points its open findings deduct (never
more than the item's maximum); a finding is open from when it was found until its rectification
(整改) is verified, and counts only while it lies within the rolling window. The score is
recomputed whenever something it depends on changes — a finding, a rectification, a rubric or
grading edit, and once a day as findings leave the window — and each change of a site's score or
grade is written to the record (``site_score_change``, append-only) with its reason, in the same
transaction, and announced through the change feed (entity ``site``) so every post's map shows
the live grade.

Errors: ``SiteRefused(reason)`` with ``unknown_site``, ``unknown_item``, ``unknown_source``,
``unknown_event``, ``too_long``, ``unknown_finding``, ``already_rectified``, ``name_required``,
``points``, ``item_required``, ``window``, ``grades``.
"""

from __future__ import annotations

import itertools
import json
import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, aliased

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    SITE_FINDING_SOURCES,
    Camera,
    ConstructionSite,
    Event,
    EventCategory,
    OperatorAccount,
    OperatorAction,
    SharedSetting,
    SiteFinding,
    SiteRectification,
    SiteRubricItem,
    SiteScoreChange,
)
from models.fields import max_length, text_problem
from models.snapshots import (
    FindingDraft,
    FindingRow,
    GradeBand,
    GradeChange,
    Grading,
    RubricItemRow,
    ScoreChangeRow,
    SiteEventRow,
    SiteRow,
    SiteSheet,
)

log = logging.getLogger(__name__)

GRADING_KEY = "site.grading"
FULL_SCORE = 100
MAX_NOTE = 500
MAX_ITEM_NAME = max_length(SiteRubricItem.name)
MAX_WINDOW_DAYS = 3660
# Events within this distance of a site (in degrees, about 200 m) show on its sheet.
NEAR = 0.002
# The grading used when the database holds none that makes sense.
DEFAULT_GRADING = Grading(
    90,
    (
        GradeBand("A", "A级", 90, "#2e7d32"),
        GradeBand("B", "B级", 75, "#f9a825"),
        GradeBand("C", "C级", 0, "#c62828"),
    ),
)
# The plate scheme of some cities, offered by the rubric editor.
PLATE_GRADING = Grading(
    90,
    (
        GradeBand("green", "绿牌", 90, "#2e7d32"),
        GradeBand("yellow", "黄牌", 75, "#f9a825"),
        GradeBand("red", "红牌", 0, "#c62828"),
    ),
)


class SiteRefused(ValueError):
    """A site write that cannot be made; ``reason`` says why (see the module's docstring)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# --- the rubric and the grading --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    max_points: int
    deduction: int
    veto: bool


def rubric(session: Session, language: str = "zh_CN") -> list[RubricItemRow]:
    """The items of the rubric in use, in their order."""
    english = language.startswith("en")
    return [
        RubricItemRow(item_id, (name_en or name) if english else name, points, deduction, veto)
        for item_id, name, name_en, points, deduction, veto in session.execute(
            select(
                SiteRubricItem.id,
                SiteRubricItem.name,
                SiteRubricItem.name_en,
                SiteRubricItem.max_points,
                SiteRubricItem.deduction,
                SiteRubricItem.veto,
            )
            .where(SiteRubricItem.active.is_(True))
            .order_by(SiteRubricItem.position, SiteRubricItem.id)
        )
    ]


def grading_from_json(text: str) -> Grading:
    """The grading a stored setting describes; ``SiteRefused('window' | 'grades')`` if not
    sensible: a window of 1 day or more, at least two bands, cut-offs falling, the last 0."""
    try:
        data = json.loads(text)
        window = int(data["window_days"])
        bands = tuple(
            GradeBand(str(b["code"]), str(b["name"]), int(b["min"]), str(b.get("colour", "")))
            for b in data["grades"]
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise SiteRefused("grades") from exc
    check_grading(Grading(window, bands))
    return Grading(window, bands)


def check_grading(grading: Grading) -> None:
    """Refuse a grading that cannot grade every score."""
    if not 1 <= grading.window_days <= MAX_WINDOW_DAYS:
        raise SiteRefused("window")
    cut_offs = [b.min_score for b in grading.bands]
    codes = [b.code for b in grading.bands]
    if (
        len(grading.bands) < 2
        or cut_offs[-1] != 0
        or any(a <= b for a, b in itertools.pairwise(cut_offs))
        or cut_offs[0] > FULL_SCORE
        or len(set(codes)) != len(codes)
        or any(not 1 <= len(b.code) <= 8 or not b.name.strip() for b in grading.bands)
    ):
        raise SiteRefused("grades")


def grading_to_json(grading: Grading) -> str:
    """The stored form of a grading."""
    return json.dumps(
        {
            "window_days": grading.window_days,
            "grades": [
                {"code": b.code, "name": b.name, "min": b.min_score, "colour": b.colour}
                for b in grading.bands
            ],
        },
        ensure_ascii=False,
    )


def load_grading(session: Session) -> Grading:
    """The grading the database holds (the default, with a warning, if it makes no sense)."""
    stored = session.get(SharedSetting, GRADING_KEY)
    if stored is None:
        return DEFAULT_GRADING
    try:
        return grading_from_json(stored.value)
    except SiteRefused:
        log.warning("shared setting %s does not describe a grading", GRADING_KEY)
        return DEFAULT_GRADING


def grade_of(score: int, veto: bool, grading: Grading) -> str:
    """The grade a score earns; a veto gives the lowest."""
    if veto:
        return grading.bands[-1].code
    return next(b.code for b in grading.bands if score >= b.min_score)


def score_of(open_items: Iterable[int], items: Mapping[int, _Item]) -> tuple[int, bool]:
    """(score, vetoed) of a site whose open findings name these items (one entry per finding)."""
    counts: dict[int, int] = {}
    for item_id in open_items:
        counts[item_id] = counts.get(item_id, 0) + 1
    deducted = 0
    vetoed = False
    for item_id, count in counts.items():
        item = items.get(item_id)
        if item is None:
            continue
        vetoed = vetoed or item.veto
        deducted += min(item.max_points, item.deduction * count)
    return max(FULL_SCORE - deducted, 0), vetoed


# --- recomputing ------------------------------------------------------------------------------


def _items(session: Session) -> dict[int, _Item]:
    # Inactive items still count for findings that name them: taking an item off the rubric
    # is not a rectification. Their points are whatever they were when taken off.
    return {
        item_id: _Item(points, deduction, veto)
        for item_id, points, deduction, veto in session.execute(
            select(
                SiteRubricItem.id,
                SiteRubricItem.max_points,
                SiteRubricItem.deduction,
                SiteRubricItem.veto,
            )
        )
    }


def _open_findings(
    session: Session, now: datetime, window_days: int, site_ids: Sequence[int] | None
) -> dict[int, list[int]]:
    """Site -> the items of its open findings within the window (one entry per finding)."""
    rectified = (
        select(SiteRectification.id)
        .where(
            SiteRectification.finding_id == SiteFinding.id,
            SiteRectification.verified_at <= now,
        )
        .exists()
    )
    statement = select(SiteFinding.site_id, SiteFinding.item_id).where(
        SiteFinding.found_at > now - timedelta(days=window_days),
        SiteFinding.found_at <= now,
        ~rectified,
    )
    if site_ids is not None:
        statement = statement.where(SiteFinding.site_id.in_(site_ids))
    found: dict[int, list[int]] = {}
    for site_id, item_id in session.execute(statement):
        found.setdefault(site_id, []).append(item_id)
    return found


def regrade(
    session: Session,
    now: datetime,
    *,
    reason: str,
    operator: Operator | None = None,
    site_ids: Sequence[int] | None = None,
    finding_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> list[GradeChange]:
    """Recompute the scores of these sites (all when None) at ``now``; write each that changed,
    with its record and its feed change, and return the changes."""
    # The sites' rows are locked (PostgreSQL) before anything is read: two posts regrading at
    # once take turns, and the second reads the findings and scores the first committed, so a
    # change is recorded once. SQLite's writes are serialised anyway.
    statement = (
        select(ConstructionSite.id, ConstructionSite.score, ConstructionSite.grade)
        .order_by(ConstructionSite.id)
        .with_for_update()
    )
    if site_ids is not None:
        statement = statement.where(ConstructionSite.id.in_(site_ids))
    current = session.execute(statement).all()
    grading = load_grading(session)
    items = _items(session)
    found = _open_findings(session, now, grading.window_days, site_ids)
    changes: list[GradeChange] = []
    for site_id, old_score, old_grade in current:
        score, vetoed = score_of(found.get(site_id, ()), items)
        grade = grade_of(score, vetoed, grading)
        if (score, grade) == (old_score, old_grade):
            continue
        changes.append(
            GradeChange(
                site_id,
                old_score,
                score,
                old_grade,
                grade,
                grading.rank(grade) > grading.rank(old_grade),
            )
        )
    if not changes:
        return changes
    for change in changes:
        session.execute(
            update(ConstructionSite)
            .where(ConstructionSite.id == change.site_id)
            .values(score=change.score, grade=change.grade)
        )
        record_change(
            session, "site", change.site_id, "update", operator.post if operator else None
        )
    session.execute(
        insert(SiteScoreChange),
        [
            {
                "site_id": c.site_id,
                "at": now,
                "score": c.score,
                "grade": c.grade,
                "previous_score": c.previous_score,
                "previous_grade": c.previous_grade,
                "reason": reason,
                "finding_id": finding_id,
                "details": json.dumps(details or {}, ensure_ascii=False, sort_keys=True),
                "operator_id": operator.account_id if operator else None,
                "post": operator.post if operator else None,
            }
            for c in changes
        ],
    )
    return changes


def regrade_day(session: Session, now: datetime) -> list[GradeChange]:
    """The daily recompute: findings that left the rolling window stop deducting."""
    return regrade(session, now, reason="window")


# --- findings and rectifications --------------------------------------------------------------


def _checked_note(note: str) -> str:
    if len(note) > MAX_NOTE or text_problem(note, multiline=True) is not None:
        raise SiteRefused("too_long")
    return note.strip()


def record_finding(
    session: Session, operator: Operator, draft: FindingDraft, now: datetime
) -> tuple[int, list[GradeChange]]:
    """Record a finding at a site (from a patrol stop, intake or an event) and regrade the
    site. Returns the finding's id and what changed; a replay of the same ``uid`` changes
    nothing and returns the first finding's id."""
    require(session, operator, "site.finding")
    existing = session.scalar(select(SiteFinding.id).where(SiteFinding.uid == draft.uid))
    if existing is not None:
        return existing, []
    if draft.source not in SITE_FINDING_SOURCES:
        raise SiteRefused("unknown_source")
    if session.get(ConstructionSite, draft.site_id) is None:
        raise SiteRefused("unknown_site")
    item = session.get(SiteRubricItem, draft.item_id)
    if item is None or not item.active:
        raise SiteRefused("unknown_item")
    if draft.event_id is not None and session.get(Event, draft.event_id) is None:
        raise SiteRefused("unknown_event")
    note = _checked_note(draft.note)
    finding_id = session.execute(
        insert(SiteFinding)
        .values(
            uid=draft.uid,
            site_id=draft.site_id,
            item_id=draft.item_id,
            source=draft.source,
            patrol_id=draft.patrol_id,
            camera_id=draft.camera_id,
            event_id=draft.event_id,
            note=note,
            found_at=now,
            operator_id=operator.account_id,
            post=operator.post,
        )
        .returning(SiteFinding.id)
    ).scalar_one()
    record_change(session, "site_finding", finding_id, "insert", operator.post)
    changes = regrade(
        session,
        now,
        reason="finding",
        operator=operator,
        site_ids=[draft.site_id],
        finding_id=finding_id,
        details={"item": item.name, "source": draft.source},
    )
    return finding_id, changes


def verify_rectification(
    session: Session, operator: Operator, finding_id: int, note: str, now: datetime
) -> list[GradeChange]:
    """Record a finding's rectification as verified; its points come back."""
    require(session, operator, "site.rectify")
    finding = session.get(SiteFinding, finding_id)
    if finding is None:
        raise SiteRefused("unknown_finding")
    note = _checked_note(note)
    if session.scalar(
        select(SiteRectification.id).where(SiteRectification.finding_id == finding_id)
    ):
        raise SiteRefused("already_rectified")
    session.execute(
        insert(SiteRectification).values(
            finding_id=finding_id,
            verified_at=now,
            note=note,
            operator_id=operator.account_id,
            post=operator.post,
        )
    )
    record_change(session, "site_finding", finding_id, "update", operator.post)
    item = session.get(SiteRubricItem, finding.item_id)
    return regrade(
        session,
        now,
        reason="rectification",
        operator=operator,
        site_ids=[finding.site_id],
        finding_id=finding_id,
        details={"item": item.name if item else ""},
    )


# --- editing the rubric and the grading (the chief) --------------------------------------------


def _check_items(items: Sequence[RubricItemRow]) -> None:
    if not items:
        raise SiteRefused("item_required")
    for item in items:
        if not item.name.strip() or len(item.name.strip()) > MAX_ITEM_NAME:
            raise SiteRefused("name_required")
        if text_problem(item.name) is not None:
            raise SiteRefused("name_required")
        if not 0 <= item.max_points <= FULL_SCORE or not 0 <= item.deduction <= FULL_SCORE:
            raise SiteRefused("points")
        if not item.veto and (item.max_points == 0 or item.deduction == 0):
            raise SiteRefused("points")


def save_rubric(
    session: Session,
    operator: Operator,
    items: Sequence[RubricItemRow],
    now: datetime,
    language: str = "zh_CN",
) -> list[GradeChange]:
    """Replace the rubric in use (items kept by id, new ones added, missing ones taken off) and
    regrade every site; the edit is an operator action naming the rubric before and after.
    Names are in ``language``: edited in English, they are the items' English names (a new
    item takes the name in both). Chief only."""
    require(session, operator, "site.rubric.edit")
    _check_items(items)
    english = language.startswith("en")
    before = rubric(session, language)
    known = {row.id for row in before}
    if any(item.id is not None and item.id not in known for item in items):
        raise SiteRefused("unknown_item")
    kept = {item.id for item in items if item.id is not None}
    session.execute(
        update(SiteRubricItem)
        .where(SiteRubricItem.active.is_(True), SiteRubricItem.id.not_in(kept or {-1}))
        .values(active=False)
    )
    for position, item in enumerate(items, start=1):
        values = {
            "name_en" if english else "name": item.name.strip(),
            "max_points": item.max_points,
            "deduction": item.deduction,
            "veto": item.veto,
            "position": position,
        }
        if item.id is None:
            session.execute(
                insert(SiteRubricItem).values(
                    code=f"item-{uuid.uuid4().hex[:12]}",
                    name=item.name.strip(),
                    name_en=item.name.strip() if english else "",
                    active=True,
                    **{k: v for k, v in values.items() if k not in ("name", "name_en")},
                )
            )
        else:
            session.execute(
                update(SiteRubricItem).where(SiteRubricItem.id == item.id).values(**values)
            )

    def described(rows: Sequence[RubricItemRow]) -> list[list[Any]]:
        return [[r.name, r.max_points, r.deduction, r.veto] for r in rows]

    after = list(items)
    record_change(session, "site_rubric", None, "update", operator.post)
    changes = regrade(session, now, reason="rubric", operator=operator, details={"edit": "rubric"})
    _action(
        session,
        operator,
        now,
        "site.rubric.edit",
        {"before": described(before), "after": described(after), "regraded": len(changes)},
    )
    return changes


def save_grading(
    session: Session, operator: Operator, grading: Grading, now: datetime
) -> list[GradeChange]:
    """Replace the grading (window and bands) and regrade every site. Chief only."""
    require(session, operator, "site.rubric.edit")
    check_grading(grading)
    before = load_grading(session)
    stored = session.get(SharedSetting, GRADING_KEY)
    if stored is None:
        session.add(SharedSetting(key=GRADING_KEY, value=grading_to_json(grading)))
        session.flush()
    else:
        session.execute(
            update(SharedSetting)
            .where(SharedSetting.key == GRADING_KEY)
            .values(value=grading_to_json(grading))
        )
    record_change(session, "site_rubric", None, "update", operator.post)
    changes = regrade(session, now, reason="grading", operator=operator)
    _action(
        session,
        operator,
        now,
        "site.grading.edit",
        {
            "before": json.loads(grading_to_json(before)),
            "after": json.loads(grading_to_json(grading)),
            "regraded": len(changes),
        },
    )
    return changes


def _action(
    session: Session, operator: Operator, now: datetime, kind: str, details: Mapping[str, Any]
) -> None:
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind=kind,
            subject="site_rubric",
            subject_id=None,
            note="",
            details=json.dumps(details, ensure_ascii=False, sort_keys=True),
        )
    )


# --- reading ----------------------------------------------------------------------------------


def site_rows(
    session: Session, now: datetime, site_ids: Sequence[int] | None = None
) -> list[SiteRow]:
    """The sites with their live score and grade, and how many findings deduct now."""
    grading = load_grading(session)
    found = _open_findings(session, now, grading.window_days, site_ids)
    statement = select(
        ConstructionSite.id,
        ConstructionSite.code,
        ConstructionSite.name,
        ConstructionSite.contractor,
        ConstructionSite.score,
        ConstructionSite.grade,
        ConstructionSite.lon,
        ConstructionSite.lat,
    ).order_by(ConstructionSite.code)
    if site_ids is not None:
        statement = statement.where(ConstructionSite.id.in_(site_ids))
    rows = []
    for site_id, code, name, contractor, score, grade, lon, lat in session.execute(statement):
        band = grading.band(grade)
        rows.append(
            SiteRow(
                site_id,
                code,
                name,
                contractor,
                score,
                grade,
                band.name if band else grade,
                band.colour if band else "#757575",
                len(found.get(site_id, ())),
                lon,
                lat,
                grading.rank(grade),
            )
        )
    return rows


def site_of_camera(session: Session, camera_id: int) -> int | None:
    """The site a camera watches, if any (a patrol stop's finding is at that site)."""
    return session.scalar(select(Camera.site_id).where(Camera.id == camera_id))


def site_sheet(session: Session, site_id: int, now: datetime, language: str = "zh_CN") -> SiteSheet:
    """A site's sheet: its row, its findings (newest first) and their rectifications, its
    score over time (oldest first), and the events at or near it."""
    rows = site_rows(session, now, [site_id])
    if not rows:
        raise SiteRefused("unknown_site")
    site = rows[0]
    grading = load_grading(session)
    english = language.startswith("en")
    finder = aliased(OperatorAccount)
    verifier = aliased(OperatorAccount)
    window_start = now - timedelta(days=grading.window_days)
    findings = []
    for (
        finding_id,
        name,
        name_en,
        deduction,
        veto,
        source,
        note,
        found_at,
        found_by,
        event_code,
        rectified_at,
        rectified_by,
        rectification_note,
    ) in session.execute(
        select(
            SiteFinding.id,
            SiteRubricItem.name,
            SiteRubricItem.name_en,
            SiteRubricItem.deduction,
            SiteRubricItem.veto,
            SiteFinding.source,
            SiteFinding.note,
            SiteFinding.found_at,
            finder.display_name,
            Event.code,
            SiteRectification.verified_at,
            verifier.display_name,
            SiteRectification.note,
        )
        .join(SiteRubricItem, SiteRubricItem.id == SiteFinding.item_id)
        .outerjoin(finder, finder.id == SiteFinding.operator_id)
        .outerjoin(Event, Event.id == SiteFinding.event_id)
        .outerjoin(SiteRectification, SiteRectification.finding_id == SiteFinding.id)
        .outerjoin(verifier, verifier.id == SiteRectification.operator_id)
        .where(SiteFinding.site_id == site_id)
        .order_by(SiteFinding.found_at.desc(), SiteFinding.id.desc())
    ):
        open_now = rectified_at is None or rectified_at > now
        findings.append(
            FindingRow(
                finding_id,
                (name_en or name) if english else name,
                source,
                note,
                found_at,
                found_by or "",
                deduction,
                veto,
                event_code or "",
                rectified_at,
                rectified_by or "",
                rectification_note or "",
                open_now and window_start < found_at <= now,
            )
        )
    item_of_finding = {f.id: f.item for f in findings}
    who = aliased(OperatorAccount)
    changes = tuple(
        ScoreChangeRow(
            at, previous_score, score, previous_grade, grade, reason,
            item_of_finding.get(finding_id, "") if finding_id else "", by or "",
        )
        for at, previous_score, score, previous_grade, grade, reason, finding_id, by in (
            session.execute(
                select(
                    SiteScoreChange.at,
                    SiteScoreChange.previous_score,
                    SiteScoreChange.score,
                    SiteScoreChange.previous_grade,
                    SiteScoreChange.grade,
                    SiteScoreChange.reason,
                    SiteScoreChange.finding_id,
                    who.display_name,
                )
                .outerjoin(who, who.id == SiteScoreChange.operator_id)
                .where(SiteScoreChange.site_id == site_id)
                .order_by(SiteScoreChange.at, SiteScoreChange.id)
            )
        )
    )  # fmt: skip
    linked = select(SiteFinding.event_id).where(
        SiteFinding.site_id == site_id, SiteFinding.event_id.is_not(None)
    )
    events = tuple(
        SiteEventRow(event_id, code, (category_en or category) if english else category, state, at)
        for event_id, code, category, category_en, state, at in session.execute(
            select(
                Event.id,
                Event.code,
                EventCategory.name,
                EventCategory.name_en,
                Event.state,
                Event.reported_at,
            )
            .join(EventCategory, EventCategory.id == Event.category_id)
            .where(
                Event.id.in_(linked)
                | (
                    Event.lon.between(site.lon - NEAR, site.lon + NEAR)
                    & Event.lat.between(site.lat - NEAR, site.lat + NEAR)
                )
            )
            .order_by(Event.reported_at.desc())
            .limit(200)
        )
    )
    return SiteSheet(site, grading, tuple(findings), changes, events)
