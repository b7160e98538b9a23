"""The risk bulletin (风险情况通报, issue 19): risks proposed from the data, issued by the chief.

The chief's daily product. ``propose`` reads, with SQL aggregates (never the events themselves
into Python), what deserves a line in the bulletin of a local day D:

- ``grid_rising`` / ``category_rising``: a grid or a category with at least ``RISE_MIN`` events
  reported on D and at least ``RISE_FACTOR`` times its own daily average over the
  ``BASELINE_DAYS`` days before D;
- ``repeat_place``: one address (the same door plate, as written) with at least ``REPEAT_MIN``
  events reported in the ``REPEAT_DAYS`` days ending with D — repeat complaints about one place;
- ``overdue_cluster``: a grid with at least ``CLUSTER_MIN`` events overdue (the indicator of
  ``models.indicators``) at the end of D, or now if D is today;
- ``site_falling``: a construction site whose grade fell during the ``REPEAT_DAYS`` days ending
  with D (from its record of score changes, ``models.sites``);
- ``devices_offline``: the IoT devices offline now (``models.iot`` keeps only their current
  state and periods; the bulletin says what stands when it is written).

At most ``PER_KIND`` proposals of each kind, the largest first. Each proposal carries its
numbers and the codes of (at most ``EVENTS_SHOWN``) events behind it. Its words are the
desktop's business (they are translated); the chief edits, adds and removes items, then
``issue_bulletin`` freezes them: one bulletin per local day, numbered per year (第N期), signed,
append-only. Two chiefs issuing at once get distinct numbers: the number is taken inside a
savepoint against the table's unique (year, number), and taken again if another transaction
committed it first.

Errors: ``BulletinRefused(reason)`` with ``already_issued``, ``empty``, ``too_long``,
``not_found``, ``no_chief`` (the command line found no chief to sign).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import indicators
from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    ConstructionSite,
    DutyRoster,
    Event,
    EventCategory,
    Grid,
    IotDevice,
    OperatorAccount,
    RiskBulletin,
    SiteScoreChange,
)
from models.fields import text_problem
from models.handover import current_window
from models.risk_rows import BulletinItem, IssuedBulletin, RiskProposal
from models.sites import load_grading
from models.workdays import LOCAL_ZONE

BASELINE_DAYS = 7
RISE_MIN = 3
RISE_FACTOR = 2  # the day's count against the average of the baseline days
REPEAT_DAYS = 7
REPEAT_MIN = 3
CLUSTER_MIN = 3
EVENTS_SHOWN = 20  # codes listed under one risk: the bulletin stays readable
PER_KIND = 5  # the worst of each kind (高发前五): the chief adds more by hand if he wants
DEVICES_SHOWN = 20
MAX_ITEMS = 50
MAX_TITLE = 100
MAX_TEXT = 2000
ISSUE_PERMISSION = "bulletin.issue"
_NUMBER_ATTEMPTS = 5


class BulletinRefused(ValueError):
    """The bulletin cannot be issued or found (``reason`` says why)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day ``day`` as an instant range [start, end)."""
    start = datetime.combine(day, time(0), LOCAL_ZONE)
    return start, start + timedelta(days=1)


# --- proposing ---------------------------------------------------------------------------------


def propose(
    session: Session, day: date, now: datetime, language: str = "zh_CN"
) -> list[RiskProposal]:
    """The risks the data suggests for the local day ``day`` (``now``: the server's time)."""
    start, end = day_bounds(day)
    at = min(end, now)
    return [
        *_rising(session, start, end, language, by_grid=True),
        *_rising(session, start, end, language, by_grid=False),
        *_repeat_places(session, end),
        *_overdue_clusters(session, at),
        *_falling_sites(session, end),
        *_devices_offline(session),
    ]


def _codes(session: Session, *where: object) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(Event.code)
            .where(*where)  # type: ignore[arg-type]
            .order_by(Event.reported_at, Event.id)
            .limit(EVENTS_SHOWN)
        )
    )


def _rising(
    session: Session, start: datetime, end: datetime, language: str, *, by_grid: bool
) -> list[RiskProposal]:
    key = Event.grid_id if by_grid else Event.category_id
    since = start - timedelta(days=BASELINE_DAYS)
    on_day = func.sum(case((Event.reported_at >= start, 1), else_=0))
    before = func.sum(case((Event.reported_at < start, 1), else_=0))
    found = session.execute(
        select(key, on_day, before)
        .where(Event.reported_at >= since, Event.reported_at < end, key.is_not(None))
        .group_by(key)
        .having(and_(on_day >= RISE_MIN, on_day * BASELINE_DAYS >= before * RISE_FACTOR))
        .order_by(on_day.desc(), key)
        .limit(PER_KIND)
    ).all()
    if not found:
        return []
    names = _names(session, by_grid=by_grid, language=language, ids=[k for k, _n, _b in found])
    return [
        RiskProposal(
            "grid_rising" if by_grid else "category_rising",
            names.get(k, str(k)),
            int(n),
            round(int(b) / BASELINE_DAYS, 1),
            _codes(session, key == k, Event.reported_at >= start, Event.reported_at < end),
        )
        for k, n, b in found
    ]


def _names(session: Session, *, by_grid: bool, language: str, ids: Sequence[int]) -> dict[int, str]:
    if by_grid:
        rows = session.execute(select(Grid.id, Grid.name).where(Grid.id.in_(ids)))
        return {grid_id: name for grid_id, name in rows}  # noqa: C416 (rows, not pairs)
    categories = session.execute(
        select(EventCategory.id, EventCategory.name, EventCategory.name_en).where(
            EventCategory.id.in_(ids)
        )
    )
    return {i: (en if language == "en" and en else zh) for i, zh, en in categories}


def _repeat_places(session: Session, end: datetime) -> list[RiskProposal]:
    since = end - timedelta(days=REPEAT_DAYS)
    window = (Event.reported_at >= since, Event.reported_at < end)
    found = session.execute(
        select(Event.address, func.count())
        .where(*window, Event.address != "")
        .group_by(Event.address)
        .having(func.count() >= REPEAT_MIN)
        .order_by(func.count().desc(), Event.address)
        .limit(PER_KIND)
    ).all()
    return [
        RiskProposal(
            "repeat_place", address, int(n), 0, _codes(session, *window, Event.address == address)
        )
        for address, n in found
    ]


def _overdue_clusters(session: Session, at: datetime) -> list[RiskProposal]:
    overdue = indicators.condition("overdue", at)
    found = session.execute(
        select(Grid.id, Grid.name, func.count())
        .select_from(Event)
        .join(Grid, Grid.id == Event.grid_id)
        .where(overdue)
        .group_by(Grid.id, Grid.name)
        .having(func.count() >= CLUSTER_MIN)
        .order_by(func.count().desc(), Grid.name)
        .limit(PER_KIND)
    ).all()
    return [
        RiskProposal(
            "overdue_cluster", name, int(n), 0, _codes(session, overdue, Event.grid_id == grid_id)
        )
        for grid_id, name, n in found
    ]


def _falling_sites(session: Session, end: datetime) -> list[RiskProposal]:
    since = end - timedelta(days=REPEAT_DAYS)
    grading = load_grading(session)
    window = (SiteScoreChange.at >= since, SiteScoreChange.at < end)
    # The first and the last change of each site in the window: where it started and ended.
    bounds = (
        select(
            SiteScoreChange.site_id,
            func.min(SiteScoreChange.id).label("first"),
            func.max(SiteScoreChange.id).label("last"),
        )
        .where(*window)
        .group_by(SiteScoreChange.site_id)
        .subquery()
    )
    first, last = SiteScoreChange.__table__.alias("first"), SiteScoreChange.__table__.alias("last")
    rows = session.execute(
        select(
            ConstructionSite.name,
            first.c.previous_grade,
            first.c.previous_score,
            last.c.grade,
            last.c.score,
        )
        .join(bounds, bounds.c.site_id == ConstructionSite.id)
        .join(first, first.c.id == bounds.c.first)
        .join(last, last.c.id == bounds.c.last)
        .order_by(ConstructionSite.name)
    ).all()
    return [
        RiskProposal("site_falling", name, int(score), float(was), (), before, after)
        for name, before, was, after, score in rows
        if grading.rank(after) > grading.rank(before)
    ]


def _devices_offline(session: Session) -> list[RiskProposal]:
    offline = IotDevice.online.is_(False)
    count = session.scalar(select(func.count()).where(offline)) or 0
    if not count:
        return []
    codes = session.scalars(
        select(IotDevice.code).where(offline).order_by(IotDevice.code).limit(DEVICES_SHOWN)
    ).all()
    return [RiskProposal("devices_offline", "", int(count), 0, tuple(codes))]


# --- issuing -----------------------------------------------------------------------------------


def _checked(items: Sequence[BulletinItem]) -> list[dict[str, object]]:
    if not items:
        raise BulletinRefused("empty")
    if len(items) > MAX_ITEMS:
        raise BulletinRefused("too_long", str(MAX_ITEMS))
    checked: list[dict[str, object]] = []
    for item in items:
        title, text = item.title.strip(), item.text.strip()
        if not title and not text:
            raise BulletinRefused("empty")
        if len(title) > MAX_TITLE or text_problem(title) is not None:
            raise BulletinRefused("too_long", title[:20])
        if len(text) > MAX_TEXT or text_problem(text, multiline=True) is not None:
            raise BulletinRefused("too_long", title[:20])
        checked.append({"title": title, "text": text, "events": list(item.events[:EVENTS_SHOWN])})
    return checked


def issue_bulletin(
    session: Session,
    operator: Operator,
    day: date,
    items: Sequence[BulletinItem],
    now: datetime,
) -> IssuedBulletin:
    """Issue the bulletin of ``day``: frozen, 第N期 of ``day``'s year, signed by the chief."""
    require(session, operator, ISSUE_PERMISSION)
    payload = json.dumps(_checked(items), ensure_ascii=False)
    for _attempt in range(_NUMBER_ATTEMPTS):
        if bulletin_of(session, day) is not None:
            raise BulletinRefused("already_issued", day.isoformat())
        number = 1 + (
            session.scalar(
                select(func.max(RiskBulletin.number)).where(RiskBulletin.year == day.year)
            )
            or 0
        )
        try:
            with session.begin_nested():
                bulletin_id = session.execute(
                    insert(RiskBulletin)
                    .values(
                        year=day.year,
                        number=number,
                        bulletin_date=day,
                        items=payload,
                        issued_at=now,
                        issued_by=operator.account_id,
                        signed_name=operator.display_name,
                    )
                    .returning(RiskBulletin.id)
                ).scalar_one()
        except IntegrityError:
            continue  # another chief's bulletin took this number (or this day) first
        record_change(session, "bulletin", bulletin_id, "insert", operator.post)
        found = bulletin_of(session, day)
        assert found is not None
        return found
    raise BulletinRefused("already_issued", day.isoformat())


# --- reading -----------------------------------------------------------------------------------


def _issued(row: RiskBulletin) -> IssuedBulletin:
    return IssuedBulletin(
        row.id,
        row.year,
        row.number,
        row.bulletin_date,
        tuple(
            BulletinItem(str(i["title"]), str(i["text"]), tuple(i.get("events", ())))
            for i in json.loads(row.items)
        ),
        row.issued_at,
        row.signed_name,
    )


def bulletin_of(session: Session, day: date) -> IssuedBulletin | None:
    """The bulletin issued for ``day``, if any."""
    row = session.scalars(select(RiskBulletin).where(RiskBulletin.bulletin_date == day)).first()
    return _issued(row) if row is not None else None


def latest_bulletin(session: Session) -> IssuedBulletin | None:
    """The newest issued bulletin (the notice at every post)."""
    row = session.scalars(
        select(RiskBulletin).order_by(RiskBulletin.issued_at.desc(), RiskBulletin.id.desc())
    ).first()
    return _issued(row) if row is not None else None


def bulletin_by_id(session: Session, bulletin_id: int) -> IssuedBulletin:
    """One issued bulletin."""
    row = session.get(RiskBulletin, bulletin_id)
    if row is None:
        raise BulletinRefused("not_found")
    return _issued(row)


def signing_chief(session: Session, now: datetime, username: str | None = None) -> Operator:
    """Who signs a bulletin issued from the command line: the account named, else the chief
    rostered on the shift under way (the duty chief, whose product the bulletin is)."""
    account: OperatorAccount | None
    if username:
        account = session.scalars(
            select(OperatorAccount).where(OperatorAccount.username == username)
        ).first()
    else:
        window, _next = current_window(session, now)
        account = session.scalars(
            select(OperatorAccount)
            .join(DutyRoster, DutyRoster.operator_id == OperatorAccount.id)
            .where(
                DutyRoster.shift_id == window.shift_id,
                DutyRoster.shift_date == window.shift_date,
                DutyRoster.post == "chief",
            )
        ).first()
    if account is None or not account.active:
        raise BulletinRefused("no_chief", username or "")
    return Operator(
        account.id,
        account.username,
        account.display_name,
        account.role,
        "chief",
        tuple(account.posts),
    )
