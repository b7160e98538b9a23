"""The hotline's terms: its steps, its clocks per order type, and the reply file (issue 17).

A work order carries the hotline's own clocks beside the centre's: sign for it (签收), contact
the caller (联系, e.g. within 1 working day), send a misrouted order back with a reason within
its own limit (退单, e.g. 2 working days), ask for an extension (延期), reply with the result
(办结: 答复要点, 办理结果 解决/部分解决/未解决), and record the hotline's return call (回访:
满意/基本满意/不满意; 不满意 reopens it for re-handling, 重办).

The limits per order type are an editable profile in working days (a shared setting, changed
by whoever may edit the SLA limits). They run on the same machinery as the centre's clocks:
deadlines counted on the working-day calendar (``WorkingCalendar``), alarm levels from the
same boundaries and policy (``models.alarms``). Urges (催办) and supervision (督办) raise the
level: an urged order is at least ``warning``, a supervised one ``escalated``.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.alarms import (
    LEVELS,
    AlarmPolicy,
    HotlineClocks,
    boundaries,
    hotline_boundary_columns,
    hotline_clock_alarms,
)
from models.changefeed import record_change
from models.deadlines import load_calendar
from models.entities import HOTLINE_RESULTS, Event, EventAction, HotlineOrder, SharedSetting
from models.snapshots import HotlineInfo
from models.workdays import LOCAL_ZONE, WorkingCalendar

SLA_KEY = "hotline_sla"
CLOCK_NAMES = ("contact", "send_back", "reply")
# Working days per clock; "*" for any order type not named.
DEFAULT_SLA: dict[str, dict[str, float]] = {
    "*": {"contact": 1, "send_back": 2, "reply": 10},
    "咨询": {"contact": 1, "send_back": 2, "reply": 3},
    "求助": {"contact": 1, "send_back": 2, "reply": 5},
    "投诉举报": {"contact": 1, "send_back": 2, "reply": 10},
    "建议": {"contact": 1, "send_back": 2, "reply": 15},
}
RETURN_VISITS = ("满意", "基本满意", "不满意")
STEPS = ("sign", "contact", "send_back", "extend", "reply", "return_visit")
MAX_REPLY = 2000
MAX_REASON = 256


class HotlineStepRefused(ValueError):
    """A step the order cannot take now, or a bad argument (``reason``, and the field)."""

    def __init__(self, reason: str, field: str = "") -> None:
        super().__init__(f"hotline step refused: {reason} {field}".strip())
        self.reason = reason
        self.field = field


# --- the SLA profile -------------------------------------------------------------------------


def load_sla(session: Session) -> dict[str, dict[str, float]]:
    """The profile as the database holds it (the defaults until someone edits it)."""
    stored = session.get(SharedSetting, SLA_KEY)
    if stored is None:
        return {k: dict(v) for k, v in DEFAULT_SLA.items()}
    loaded: dict[str, dict[str, float]] = json.loads(stored.value)
    return loaded


def check_sla(profile: dict[str, dict[str, float]]) -> None:
    """Refuse a profile without a default row, with an unknown clock or a limit that is not a
    positive number of working days (at most 60)."""
    if "*" not in profile:
        raise HotlineStepRefused("sla_default_missing")
    for order_type, limits in profile.items():
        if not order_type or len(order_type) > 16:
            raise HotlineStepRefused("sla_order_type", order_type)
        for clock, days in limits.items():
            if clock not in CLOCK_NAMES:
                raise HotlineStepRefused("sla_clock", clock)
            if isinstance(days, bool) or not isinstance(days, int | float) or not 0 < days <= 60:
                raise HotlineStepRefused("sla_days", f"{order_type}/{clock}")


def save_sla(session: Session, operator: Operator, profile: dict[str, dict[str, float]]) -> None:
    """Replace the profile (needs ``sla.edit``). Orders keep the deadlines they were given."""
    require(session, operator, "sla.edit")
    check_sla(profile)
    text = json.dumps(profile, ensure_ascii=False, sort_keys=True)
    stored = session.get(SharedSetting, SLA_KEY)
    if stored is None:
        session.add(SharedSetting(key=SLA_KEY, value=text))
    else:
        stored.value = text
    record_change(session, "shared_setting", None, "update", operator.post)


def limit_days(profile: dict[str, dict[str, float]], order_type: str, clock: str) -> float:
    """The working days this order type has for this clock."""
    own = profile.get(order_type, {})
    return float(own.get(clock, profile["*"].get(clock, DEFAULT_SLA["*"][clock])))


def hotline_deadlines(
    profile: dict[str, dict[str, float]],
    calendar: WorkingCalendar,
    order_type: str,
    start: datetime,
    hotline_limit: datetime | None,
) -> dict[str, datetime]:
    """The order's three deadlines from ``start``; the reply's is never later than the limit
    the hotline itself set (办理时限)."""
    found = {
        f"{clock}_deadline": calendar.add_working_days(
            start, limit_days(profile, order_type, clock)
        )
        for clock in CLOCK_NAMES
    }
    if hotline_limit is not None and hotline_limit < found["reply_deadline"]:
        found["reply_deadline"] = hotline_limit
    return found


# --- alarms ----------------------------------------------------------------------------------


def hotline_clock_columns(
    profile: dict[str, dict[str, float]],
    calendar: WorkingCalendar,
    policy: AlarmPolicy,
    order_type: str,
    start: datetime,
    hotline_limit: datetime | None,
) -> dict[str, datetime | None]:
    """The order's deadlines and, for its contact and reply clocks, the alarm boundaries the
    scan compares (``models.alarms``).

    An import sets these for every order: all seven instants are counted from the start's one
    place on the calendar's line of working time. A clock's deadline is ``limit`` working time
    after the start, so its window is the limit itself; its warning is a fraction of it after
    the start and its escalation a fraction of it after the deadline (what ``boundaries`` gives).
    """
    contact, send_back, reply = (
        timedelta(days=limit_days(profile, order_type, clock)) for clock in CLOCK_NAMES
    )
    warn, escalate = policy.warning_fraction, policy.escalation_fraction
    found: dict[str, datetime | None] = dict(
        zip(
            (
                "contact_deadline",
                "send_back_deadline",
                "reply_deadline",
                "contact_warn_at",
                "contact_escalate_at",
                "reply_warn_at",
                "reply_escalate_at",
            ),
            calendar.add_working_times(
                start,
                [
                    contact,
                    send_back,
                    reply,
                    contact * warn,
                    contact + contact * escalate,
                    reply * warn,
                    reply + reply * escalate,
                ],
            ),
            strict=True,
        )
    )
    deadline = found["reply_deadline"]
    if hotline_limit is not None and deadline is not None and hotline_limit < deadline:
        # The hotline's own 办理时限 comes first: the reply clock's window is up to it.
        found["reply_deadline"] = hotline_limit
        found.update(
            hotline_boundary_columns(
                "hotline_reply", start, hotline_limit, policy=policy, calendar=calendar
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class HotlineAlarm:
    """The level of an order's hotline clocks at a moment, and which clock set it."""

    level: str
    clock: str  # "contact", "reply" or ""


def hotline_alarm(
    order: HotlineOrder, now: datetime, policy: AlarmPolicy, calendar: WorkingCalendar
) -> HotlineAlarm:
    """The worst level of the running clocks (contact until contacted, reply until replied),
    raised by urges (at least warning) and supervision (escalated), counted from acceptance."""

    def clock(deadline: datetime | None) -> tuple[datetime | None, ...]:
        if deadline is None:
            return (None, None, None)
        edges = boundaries(
            order.accepted_at, deadline, working=True, policy=policy, calendar=calendar
        )
        return (edges.warn_at, deadline, edges.escalate_at)

    open_order = order.returned_at is None
    alarms = hotline_clock_alarms(
        HotlineClocks(
            contact=clock(order.contact_deadline),  # type: ignore[arg-type]
            reply=clock(order.reply_deadline),  # type: ignore[arg-type]
            contact_running=open_order and order.contacted_at is None,
            reply_running=open_order and order.replied_at is None,
            urge_count=order.urge_count,
            supervised=order.supervised,
        ),
        now,
    )
    if not alarms:
        return HotlineAlarm("none", "")
    worst = max(alarms, key=lambda a: LEVELS.index(a.level))
    return HotlineAlarm(worst.level, worst.clock.removeprefix("hotline_"))


# --- steps -----------------------------------------------------------------------------------


STEP_PERMISSIONS = {
    step: "event.close" if step in ("reply", "return_visit") else "event.accept" for step in STEPS
}


def available_steps(info: HotlineInfo, permitted_actions: frozenset[str]) -> list[str]:
    """The hotline steps an operator with these permitted actions may try on this order now,
    in ``STEPS`` order: what the window offers (``hotline_step`` checks again when taken)."""
    returned = info.returned_at is not None
    replied = info.replied_at is not None
    possible = {
        "sign": info.signed_at is None,
        "contact": info.contacted_at is None,
        "send_back": not replied,
        "extend": not replied,
        "reply": not replied,
        "return_visit": replied,
    }
    return [
        step
        for step in STEPS
        if not returned and possible[step] and STEP_PERMISSIONS[step] in permitted_actions
    ]


def _order(session: Session, order_no: str) -> HotlineOrder:
    found = session.scalars(
        select(HotlineOrder).where(HotlineOrder.order_no == order_no).with_for_update()
    ).one_or_none()
    if found is None:
        raise HotlineStepRefused("unknown_order", "order_no")
    return found


def _text(value: object, field: str, limit: int) -> str:
    text = str(value or "").strip()
    if not text:
        raise HotlineStepRefused("required", field)
    if len(text) > limit:
        raise HotlineStepRefused("too_long", field)
    return text


def hotline_step(
    session: Session,
    operator: Operator,
    order_no: str,
    kind: str,
    now: datetime,
    **arguments: object,
) -> str:
    """Take one of the hotline's steps on an order; returns the note recorded on the event's
    track. Needs ``event.accept`` (signing, contacting, sending back, asking for time) or
    ``event.close`` (the reply and the return call)."""
    if kind not in STEPS:
        raise HotlineStepRefused("unknown_step", "kind")
    require(session, operator, STEP_PERMISSIONS[kind])
    order = _order(session, order_no)
    values: dict[str, Any] = {"updated_at": now}
    if order.returned_at is not None:
        raise HotlineStepRefused("returned")
    if kind == "sign":
        if order.signed_at is not None:
            raise HotlineStepRefused("already_signed")
        values["signed_at"] = now
        note = "签收"
    elif kind == "contact":
        values["contacted_at"] = now
        note = "已联系来电人"
    elif kind == "send_back":
        reason = _text(arguments.get("reason"), "reason", MAX_REASON)
        if order.signed_at is not None and order.replied_at is not None:
            raise HotlineStepRefused("replied")
        if order.send_back_deadline is not None and now > order.send_back_deadline:
            raise HotlineStepRefused("send_back_late")
        values.update(returned_at=now, send_back_reason=reason)
        note = f"退单：{reason}"
    elif kind == "extend":
        reason = _text(arguments.get("reason"), "reason", MAX_REASON)
        values["extension_asked_at"] = now
        note = f"申请延期：{reason}"
    elif kind == "reply":
        result = str(arguments.get("result") or "")
        if result not in HOTLINE_RESULTS:
            raise HotlineStepRefused("unknown_result", "result")
        reply = _text(arguments.get("reply"), "reply", MAX_REPLY)
        if order.replied_at is not None:
            raise HotlineStepRefused("already_replied")
        values.update(result=result, reply=reply, replied_at=now, replied_by=operator.display_name)
        note = f"办结（{result}）：{reply}"
    else:  # return_visit
        visit = str(arguments.get("visit") or "")
        if visit not in RETURN_VISITS:
            raise HotlineStepRefused("unknown_visit", "visit")
        if order.replied_at is None:
            raise HotlineStepRefused("not_replied")
        values["return_visit"] = visit
        note = f"回访：{visit}"
        if visit == "不满意":
            # 重办: the order is open again, with a fresh reply clock from now.
            profile = load_sla(session)
            calendar = load_calendar(session)
            days = limit_days(profile, order.order_type, "reply")
            deadline = calendar.add_working_days(now, days)
            values.update(
                hotline_boundary_columns(
                    "hotline_reply",
                    now,
                    deadline,
                    policy=AlarmPolicy.load(session),
                    calendar=calendar,
                )
            )
            values.update(
                result=None,
                reply="",
                replied_at=None,
                replied_by="",
                redo_count=order.redo_count + 1,
                reply_deadline=deadline,
            )
            note += "，重办"
    session.execute(update(HotlineOrder).where(HotlineOrder.id == order.id).values(**values))
    session.execute(
        update(Event)
        .where(Event.id == order.event_id)
        .values(version=Event.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        insert(EventAction).values(
            event_id=order.event_id,
            at=now,
            operator_id=operator.account_id,
            post=operator.post,
            kind=f"hotline_{kind}",
            from_state=None,
            to_state=None,
            note=f"12345工单 {order.order_no} {note}",
        )
    )
    record_change(session, "event", order.event_id, "update", operator.post)
    return note


# --- the reply file --------------------------------------------------------------------------

REPLY_COLUMNS = ("工单编号", "办理结果", "答复内容", "办结时间", "承办人", "退单原因", "退单时间")


def reply_rows(session: Session, start: datetime, end: datetime) -> list[tuple[str, ...]]:
    """The orders answered (or sent back) in ``[start, end)``, as the hotline takes them back.
    Never a caller's name or number: the file goes out of the centre."""
    rows: list[tuple[str, ...]] = []

    def local(value: datetime | None) -> str:
        return "" if value is None else value.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M:%S")

    answered = select(HotlineOrder).where(
        ((HotlineOrder.replied_at >= start) & (HotlineOrder.replied_at < end))
        | ((HotlineOrder.returned_at >= start) & (HotlineOrder.returned_at < end))
    )
    for order in session.scalars(answered.order_by(HotlineOrder.order_no)):
        rows.append(
            (
                order.order_no,
                order.result or ("退单" if order.returned_at else ""),
                order.reply,
                local(order.replied_at),
                order.replied_by,
                order.send_back_reason,
                local(order.returned_at),
            )
        )
    return rows


def reply_workbook(rows: list[tuple[str, ...]]) -> bytes:
    """The reply file as XLSX, headed like the hotline's own export. A cell that a spreadsheet
    would take as a formula is written as text."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "答复"
    sheet.append(list(REPLY_COLUMNS))
    for row in rows:
        sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _safe(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
