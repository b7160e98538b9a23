"""The demo's duty: a roster around ``now``, a few duty-log entries at each post, and the last
two shifts handed over and signed, so the handover screens are not empty (DESIGN §5).

Deterministic for a given ``now`` and database; written through the domain's own functions, so
the handovers' snapshots are computed as a live post computes them (of the events as they are).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.accounts import Operator
from models.changefeed import discard_changes
from models.duty_log import write_entry
from models.entities import POSTS, DutyLeader, DutyRoster, Event, OperatorAccount, Shift
from models.handover import (
    acknowledge_handover,
    shift_rows,
    submit_handover,
    window_of,
)
from models.snapshots import OPEN_STATES, DisputeRow, DutyLogDraft, PendingItem, ShiftWindow
from models.workdays import LOCAL_ZONE

# Who is on duty: the day shift's accounts, the night shift's (models.demo.accounts).
ROSTER = {
    "day": {"chief": "chief", "intake": "intake", "dispatch": "dispatch", "video": "video"},
    "night": {
        "chief": "chief_night",
        "intake": "intake_night",
        "dispatch": "dispatch_night",
        "video": "video_night",
    },
}
# (post, minutes before now, kind, text, about an open event, highlight)
LOG_ENTRIES = (
    ("chief", 600, "instruction", "区应急管理局通知：今晚有大风，加强工地巡查", False, True),
    ("intake", 560, "call", "居民来电反映小区门口违停，已转事件", True, False),
    ("intake", 500, "call", "12345 热线转来噪声投诉，已受理", True, False),
    ("dispatch", 480, "report", "向区城管局报送当日超时事件清单", False, False),
    ("video", 420, "notable", "视频巡查发现工地夜间施工，已上报", True, True),
    ("chief", 300, "instruction", "街道主任交办：核实积水点整改情况", True, True),
    ("dispatch", 200, "notable", "执法二片区人手紧张，延后派遣两件", False, True),
    ("intake", 90, "other", "交接前核对未受理事件", False, False),
)
SEED_NAMESPACE = uuid.UUID("6f1c2a0e-9b7d-4c55-8d61-2d1e0a7c9b11")


def _operators(session: Session) -> dict[str, tuple[int, str, str, tuple[str, ...]]]:
    return {
        username: (account_id, name, role, tuple(p for p in posts.split(",") if p))
        for account_id, username, name, role, posts in session.execute(
            select(
                OperatorAccount.id,
                OperatorAccount.username,
                OperatorAccount.display_name,
                OperatorAccount.role,
                OperatorAccount.allowed_posts,
            )
        )
    }


def _operator(
    accounts: Mapping[str, tuple[int, str, str, tuple[str, ...]]], username: str, post: str
) -> Operator:
    account_id, name, role, posts = accounts[username]
    return Operator(account_id, username, name, role, post, posts)


def _shift_at(shifts: Sequence[Shift], at: datetime) -> ShiftWindow:
    """The shift on duty at ``at`` (not the one being handed over)."""
    day = at.astimezone(LOCAL_ZONE).date()
    return next(
        w
        for w in (window_of(s, day + timedelta(days=k)) for s in shifts for k in (-1, 0))
        if w.starts_at <= at < w.handover_at
    )


def seed_duty(
    session: Session, now: datetime, leader_ids: Sequence[int], *, with_history: bool
) -> dict[str, int]:
    """Write the roster (two days either side of ``now``) and, ``with_history``, the duty log and
    the last two handovers at every post. Returns the rows written per kind."""
    shifts = shift_rows(session, "day_night")
    accounts = _operators(session)
    today = now.astimezone(LOCAL_ZONE).date()
    roster, leaders = [], []
    for k in range(-2, 3):
        day = today + timedelta(days=k)
        for n, shift in enumerate(shifts):
            for post, username in ROSTER[shift.code].items():
                roster.append(
                    DutyRoster(
                        shift_id=shift.id,
                        shift_date=day,
                        post=post,
                        operator_id=accounts[username][0],
                    )
                )
            if leader_ids:
                leader = leader_ids[(2 * k + n) % len(leader_ids)]
                leaders.append(DutyLeader(shift_id=shift.id, shift_date=day, staff_id=leader))
    session.add_all([*roster, *leaders])
    session.flush()
    counts = {"roster": len(roster)}
    if not with_history:
        return counts
    codes = list(
        session.scalars(
            select(Event.code)
            .where(Event.state.in_(OPEN_STATES), Event.reported_at <= now)
            .order_by(Event.reported_at.desc())
            .limit(len(LOG_ENTRIES))
        )
    )
    written = 0
    for n, (post, minutes, kind, text, about_event, highlight) in enumerate(LOG_ENTRIES):
        at = now - timedelta(minutes=minutes)
        on_duty = ROSTER[_shift_at(shifts, at).code][post]
        code = codes[n % len(codes)] if about_event and codes else ""
        uid = str(uuid.uuid5(SEED_NAMESPACE, f"log-{n}"))
        write_entry(
            session,
            _operator(accounts, on_duty, post),
            DutyLogDraft(uid, kind, text, code, None, highlight),
            at,
        )
        written += 1
    counts["duty_log"] = written
    counts["handovers"] = _handovers(session, shifts, accounts, now)
    discard_changes(session)  # the seed is announced as one bulk change
    return counts


def _handovers(
    session: Session,
    shifts: Sequence[Shift],
    accounts: Mapping[str, tuple[int, str, str, tuple[str, ...]]],
    now: datetime,
) -> int:
    today = now.astimezone(LOCAL_ZONE).date()
    windows: list[ShiftWindow] = sorted(
        (window_of(shift, today + timedelta(days=k)) for shift in shifts for k in (-2, -1, 0)),
        key=lambda w: w.handover_at,
    )
    done = [w for w in windows if w.handover_at + timedelta(minutes=5) <= now][-2:]
    count = 0
    for window in done:
        incoming_code = "night" if window.code == "day" else "day"
        for post in POSTS:
            outgoing = _operator(accounts, ROSTER[window.code][post], post)
            incoming = _operator(accounts, ROSTER[incoming_code][post], post)
            submitted = window.handover_at - timedelta(minutes=10)
            overdue = session.scalar(
                select(Event.code)
                .where(
                    Event.state.in_(("dispatched", "responded")),
                    Event.close_deadline < submitted,
                    Event.reported_at <= submitted,
                )
                .order_by(Event.close_deadline, Event.id)
                .limit(1)
            )
            pending = [PendingItem("向区城管局回电确认明日联合执法时间")]
            if overdue:
                pending.insert(0, PendingItem("催办超时未办结事件", overdue))
            handover_id = submit_handover(
                session,
                outgoing,
                notes=f"{window.name}交班：设备运行正常，重点关注超时事件。",
                pending=pending,
                now=submitted,
            )
            disputes = []
            if post == "dispatch" and window is done[-1]:
                disputes = [DisputeRow("pending:1", pending[0].text, "该事项未说明责任单位")]
            acknowledge_handover(
                session,
                incoming,
                handover_id,
                disputes=disputes,
                note="已核对" if not disputes else "有一项异议",
                now=window.handover_at + timedelta(minutes=5),
            )
            count += 1
    return count
