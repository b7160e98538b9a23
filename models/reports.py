"""Daily monitoring (日监测), weekly analysis (周分析) and monthly reports (月报告), issue 19.

A report covers a period of Asia/Shanghai days: a day, an ISO week (Monday to Sunday, keyed
``2026-W48``) or a month. ``report_data`` reads what it says from the database — the indicators
of ``models.indicators`` for the period, the previous period (环比) and the same period a year
before (同比; the same date, ISO week number or month of the year before), the reported events
per day (per hour for a day) and the sections that have data: alarms, emergency periods and
their checklists, handovers and their disputes, 12345 orders, IoT alarms and devices.

Issuing is the chief's: the files as made (PDF and XLSX) and the assessment (研判) are frozen
into a ``periodic_report`` row, numbered per kind and year (第N期), signed; one per kind and
period. Errors: ``ReportRefused(reason)`` with ``bad_period``, ``already_issued``,
``number_taken``, ``too_long``, ``unknown_report``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Integer, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer

from models.accounts import Operator, require
from models.entities import (
    PERIODIC_REPORT_KINDS,
    AlarmAcknowledgement,
    ChecklistTick,
    EmergencyActivation,
    EmergencyPlan,
    Event,
    Handover,
    HandoverDispute,
    HotlineOrder,
    IotAlarm,
    IotAlarmType,
    IotDevice,
    IotDevicePeriod,
    OperatorAccount,
    PeriodicReport,
    PlanItem,
)
from models.indicators import period_figures, seconds_between, within
from models.snapshots import (
    IssuedPeriodicReport,
    Period,
    PeriodFigures,
    PeriodicReportData,
    ReportPeriod,
    ReportSection,
)
from models.workdays import LOCAL_ZONE

ASSESSMENT_MAX = 4000


class ReportRefused(Exception):
    """A report cannot be made or issued; ``reason`` says why (see the module's list)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


# --- periods ----------------------------------------------------------------------------------


def _span(first: date, last: date) -> Period:
    start = datetime.combine(first, time(), LOCAL_ZONE)
    end = datetime.combine(last + timedelta(days=1), time(), LOCAL_ZONE)
    return Period(start.astimezone(UTC), end.astimezone(UTC))


def _period(kind: str, key: str, first: date, last: date) -> ReportPeriod:
    return ReportPeriod(kind, key, first, last, _span(first, last))


def day_period(day: date) -> ReportPeriod:
    return _period("daily", day.isoformat(), day, day)


def week_period(year: int, week: int) -> ReportPeriod:
    monday = date.fromisocalendar(year, week, 1)
    return _period("weekly", f"{year}-W{week:02d}", monday, monday + timedelta(days=6))


def month_period(year: int, month: int) -> ReportPeriod:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return _period("monthly", f"{year}-{month:02d}", first, following - timedelta(days=1))


def parse_period(kind: str, key: str) -> ReportPeriod:
    """The period of ``kind`` named by ``key`` (2026-11-25, 2026-W48, 2026-11); a key that
    does not name one is ``ReportRefused("bad_period")``."""
    try:
        if kind == "daily":
            return day_period(date.fromisoformat(key))
        if kind == "weekly":
            year, _, week = key.partition("-W")
            if len(year) != 4 or len(week) != 2:
                raise ValueError(key)
            return week_period(int(year), int(week))
        if kind == "monthly":
            year, _, month = key.partition("-")
            if len(year) != 4 or len(month) != 2:
                raise ValueError(key)
            return month_period(int(year), int(month))
    except ValueError:
        raise ReportRefused("bad_period", key) from None
    raise ReportRefused("bad_period", kind)


def period_containing(kind: str, day: date) -> ReportPeriod:
    """The period of ``kind`` a day lies in."""
    if kind == "weekly":
        year, week, _ = day.isocalendar()
        return week_period(year, week)
    if kind == "monthly":
        return month_period(day.year, day.month)
    return day_period(day)


def previous_period(period: ReportPeriod) -> ReportPeriod:
    """The period just before (环比)."""
    return period_containing(period.kind, period.first_day - timedelta(days=1))


def year_ago_period(period: ReportPeriod) -> ReportPeriod:
    """The same period a year before (同比): the same date (28 February for the 29th), ISO
    week (the 52nd when that year had no 53rd) or month."""
    first = period.first_day
    if period.kind == "weekly":
        year, week, _ = first.isocalendar()
        last_week = date(year - 1, 12, 28).isocalendar()[1]
        return week_period(year - 1, min(week, last_week))
    if period.kind == "monthly":
        return month_period(first.year - 1, first.month)
    try:
        return day_period(first.replace(year=first.year - 1))
    except ValueError:
        return day_period(date(first.year - 1, 2, 28))


# --- what a report says -----------------------------------------------------------------------


def _series(session: Session, period: ReportPeriod) -> tuple[int, ...]:
    """Events reported per hour (a day) or per day (a week, a month), counted by the database
    in buckets from the period's start (Asia/Shanghai has no summer time: every day is 24 h)."""
    bucket = 3600 if period.kind == "daily" else 86400
    count = 24 if period.kind == "daily" else (period.last_day - period.first_day).days + 1
    span = period.span
    index = func.floor(seconds_between(session, Event.reported_at, span.start) / bucket)
    counts = [0] * count
    for slot, n in session.execute(
        select(index, func.count())
        .where(Event.reported_at >= span.start, Event.reported_at < span.end)
        .group_by(index)
    ):
        if slot is not None and 0 <= int(slot) < count:
            counts[int(slot)] = int(n)
    return tuple(counts)


def _local(at: datetime | None) -> str:
    return "" if at is None else at.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")


def _alarms(session: Session, span: Period, now: datetime) -> ReportSection | None:
    """Close-by deadlines that passed in the period unmet, and alarms acknowledged."""
    as_of = min(span.end, now)
    missed = session.scalar(
        select(func.count()).where(
            Event.close_deadline >= span.start,
            Event.close_deadline < as_of,
            Event.state != "rejected",
            or_(Event.closed_at.is_(None), Event.closed_at > Event.close_deadline),
        )
    )
    acknowledged = session.scalar(select(func.count()).where(within(AlarmAcknowledgement.at, span)))
    if not missed and not acknowledged:
        return None
    return ReportSection(
        "alarms", (("missed", int(missed or 0)), ("acknowledged", int(acknowledged or 0))), ()
    )


def _emergencies(session: Session, span: Period) -> ReportSection | None:
    """The emergency periods that overlap the period, with their checklists' progress."""
    ticked = (
        select(ChecklistTick.activation_id, func.count(func.distinct(ChecklistTick.item_id)))
        .where(ChecklistTick.done.is_(True))
        .group_by(ChecklistTick.activation_id)
        .subquery()
    )
    items = (
        select(PlanItem.plan_id, func.count().label("n"))
        .where(PlanItem.active.is_(True))
        .group_by(PlanItem.plan_id)
        .subquery()
    )
    rows = session.execute(
        select(
            EmergencyPlan.name,
            EmergencyActivation.level,
            EmergencyActivation.started_at,
            EmergencyActivation.ended_at,
            EmergencyActivation.reason,
            func.coalesce(ticked.c[1], 0),
            func.coalesce(items.c.n, 0),
        )
        .join(EmergencyPlan, EmergencyPlan.id == EmergencyActivation.plan_id)
        .join(ticked, ticked.c.activation_id == EmergencyActivation.id, isouter=True)
        .join(items, items.c.plan_id == EmergencyActivation.plan_id, isouter=True)
        .where(
            EmergencyActivation.started_at < span.end,
            or_(EmergencyActivation.ended_at.is_(None), EmergencyActivation.ended_at >= span.start),
        )
        .order_by(EmergencyActivation.started_at)
    ).all()
    if not rows:
        return None
    return ReportSection(
        "emergencies",
        (("count", len(rows)),),
        tuple(
            (name, level, _local(started), _local(ended), reason, f"{int(done)}/{int(total)}")
            for name, level, started, ended, reason, done, total in rows
        ),
    )


def _handovers(session: Session, span: Period) -> ReportSection | None:
    """Handovers submitted in the period, how many were signed, and the disputes raised."""
    submitted, signed = session.execute(
        select(func.count(), func.count(Handover.acknowledged_at)).where(
            within(Handover.submitted_at, span)
        )
    ).one()
    disputes = session.execute(
        select(
            HandoverDispute.at,
            Handover.post,
            HandoverDispute.item_label,
            HandoverDispute.note,
            OperatorAccount.display_name,
        )
        .join(Handover, Handover.id == HandoverDispute.handover_id)
        .join(OperatorAccount, OperatorAccount.id == HandoverDispute.operator_id)
        .where(within(HandoverDispute.at, span))
        .order_by(HandoverDispute.at)
    ).all()
    if not submitted and not disputes:
        return None
    return ReportSection(
        "handovers",
        (("submitted", int(submitted)), ("signed", int(signed)), ("disputes", len(disputes))),
        tuple((_local(at), post, label, note, who) for at, post, label, note, who in disputes),
    )


def _hotline(session: Session, span: Period) -> ReportSection | None:
    """12345 orders accepted by the hotline in the period, and how they stand."""
    orders = HotlineOrder
    row = session.execute(
        select(
            func.count(),
            func.count(orders.replied_at),
            func.coalesce(func.sum(orders.urge_count), 0),
            func.count(orders.returned_at),
            func.coalesce(func.sum(func.cast(orders.supervised, Integer)), 0),
            func.coalesce(func.sum(func.cast(orders.repeat_count > 0, Integer)), 0),
        ).where(within(orders.accepted_at, span))
    ).one()
    if not row[0]:
        return None
    visits = session.execute(
        select(orders.return_visit, func.count())
        .where(within(orders.accepted_at, span), orders.return_visit.is_not(None))
        .group_by(orders.return_visit)
        .order_by(orders.return_visit)
    ).all()
    keys = ("orders", "replied", "urges", "sent_back", "supervised", "repeats")
    return ReportSection(
        "hotline",
        tuple((k, int(v)) for k, v in zip(keys, row, strict=True)),
        tuple((str(visit), str(n)) for visit, n in visits),
    )


def _iot(session: Session, span: Period) -> ReportSection | None:
    """IoT alarms raised in the period by type, devices going offline, devices online now."""
    alarms = session.execute(
        select(
            IotAlarmType.name,
            func.count(),
            func.coalesce(func.sum(IotAlarm.count), 0),
        )
        .join(IotAlarmType, IotAlarmType.code == IotAlarm.type_code, isouter=True)
        .where(within(IotAlarm.first_at, span))
        .group_by(IotAlarmType.name)
        .order_by(func.count().desc())
    ).all()
    offline = session.scalar(
        select(func.count()).where(
            IotDevicePeriod.online.is_(False),
            within(IotDevicePeriod.at, span),
        )
    )
    if not alarms and not offline:
        return None
    devices, online = session.execute(
        select(func.count(), func.coalesce(func.sum(func.cast(IotDevice.online, Integer)), 0))
    ).one()
    return ReportSection(
        "iot",
        (
            ("alarms", sum(int(n) for _name, n, _repeats in alarms)),
            ("offline", int(offline or 0)),
            ("devices", int(devices)),
            ("online", int(online)),
        ),
        tuple((name or "", str(int(n)), str(int(repeats))) for name, n, repeats in alarms),
    )


def report_data(session: Session, period: ReportPeriod, now: datetime) -> PeriodicReportData:
    """What the report of ``period`` says, read now (every number counted by the database)."""
    previous = previous_period(period)
    year_ago = year_ago_period(period)
    span = period.span
    sections = [
        _alarms(session, span, now),
        _emergencies(session, span),
        _handovers(session, span),
        _hotline(session, span),
        _iot(session, span),
    ]
    return PeriodicReportData(
        period=period,
        previous=previous,
        year_ago=year_ago,
        made_at=now,
        figures=period_figures(session, span, now),
        previous_figures=period_figures(session, previous.span, now),
        year_ago_figures=period_figures(session, year_ago.span, now),
        series=_series(session, period),
        previous_series=_series(session, previous),
        sections=tuple(s for s in sections if s is not None),
    )


# --- issuing and finding again ----------------------------------------------------------------


def headline(figures: PeriodFigures) -> dict[str, float | int | None]:
    """The figures kept with an issued report (JSON), for the record."""
    return {
        "reported": figures.reported,
        "accepted": figures.accepted,
        "dispatched": figures.dispatched,
        "closed": figures.closed,
        "on_time_rate": figures.on_time_rate,
        "overdue_rate": figures.overdue_rate,
        "satisfaction_rate": figures.satisfaction_rate,
    }


def next_number(session: Session, kind: str, year: int) -> int:
    """The number the next report of ``kind`` issued in ``year`` will have (第N期)."""
    last = session.scalar(
        select(func.max(PeriodicReport.number)).where(
            PeriodicReport.kind == kind, PeriodicReport.year == year
        )
    )
    return 1 + (last or 0)


def issue_report(
    session: Session,
    operator: Operator,
    data: PeriodicReportData,
    assessment: str,
    files: tuple[bytes, bytes],
    number: int,
    issued_at: datetime,
) -> IssuedPeriodicReport:
    """Issue a report as made and shown: its files (PDF, XLSX) frozen, numbered 第``number``期
    of its kind and year (the number the files were made with: another post that issued one
    meanwhile makes this ``number_taken``), signed, at ``issued_at`` (the instant the files
    say)."""
    require(session, operator, "periodic_report.issue")
    assessment = assessment.strip()
    if len(assessment) > ASSESSMENT_MAX or "\x00" in assessment:
        raise ReportRefused("too_long")
    period = data.period
    taken = session.scalar(
        select(PeriodicReport.id).where(
            PeriodicReport.kind == period.kind, PeriodicReport.period_key == period.key
        )
    )
    if taken is not None:
        raise ReportRefused("already_issued", period.key)
    year = period.first_day.year
    if number != next_number(session, period.kind, year):
        raise ReportRefused("number_taken")
    row = PeriodicReport(
        kind=period.kind,
        period_key=period.key,
        year=year,
        number=number,
        assessment=assessment,
        figures=json.dumps(headline(data.figures), ensure_ascii=False),
        pdf=files[0],
        xlsx=files[1],
        issued_at=issued_at,
        issued_by=operator.account_id,
        signed_name=operator.display_name,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # another post issued the same period (or number) a moment before
        raise ReportRefused("already_issued", period.key) from None
    return _issued(row)


def _issued(row: PeriodicReport) -> IssuedPeriodicReport:
    return IssuedPeriodicReport(
        row.id,
        row.kind,
        row.period_key,
        row.year,
        row.number,
        row.assessment,
        row.issued_at,
        row.signed_name,
    )


def issued_reports(session: Session, kind: str | None = None) -> list[IssuedPeriodicReport]:
    """The issued reports, newest period first (of one kind, or all)."""
    query = select(PeriodicReport).order_by(PeriodicReport.kind, PeriodicReport.period_key.desc())
    if kind is not None:
        if kind not in PERIODIC_REPORT_KINDS:
            raise ReportRefused("bad_period", kind)
        query = query.where(PeriodicReport.kind == kind)
    # The files stay in the database until asked for: the list reads the columns it shows.
    query = query.options(defer(PeriodicReport.pdf), defer(PeriodicReport.xlsx))
    return [_issued(row) for row in session.scalars(query)]


def issued_files(session: Session, report_id: int) -> tuple[IssuedPeriodicReport, bytes, bytes]:
    """An issued report with its PDF and XLSX as issued."""
    row = session.get(PeriodicReport, report_id)
    if row is None:
        raise ReportRefused("unknown_report")
    return _issued(row), row.pdf, row.xlsx


def issued_of(
    session: Session, kind: str, period_key: str
) -> tuple[IssuedPeriodicReport, bytes, bytes] | None:
    """The issued report of a period with its files, if it was issued."""
    report_id = session.scalar(
        select(PeriodicReport.id).where(
            PeriodicReport.kind == kind, PeriodicReport.period_key == period_key
        )
    )
    return None if report_id is None else issued_files(session, report_id)
