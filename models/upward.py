"""Upward reports (信息报送, issue 21): 首报, numbered 续报, 终报.

An emergency activation opens a report case at once (``declare_emergency`` calls
``open_for_activation``); the chief may open one for any event he marks 重大
(``open_for_event``). The case holds a working draft of the standard fields (``REPORT_FIELDS``),
pre-filled from the activation and its checklist, or from the event and its actions; operators
edit it. Its deadlines come from the plan and the response level (``report_deadline_rule``,
data): the phone report within minutes, the written first report (首报) within the hour; once
the first report is issued, a follow-up (续报) is due every ``follow_up_hours`` until the final
report (终报). Each deadline alarms as the events' clocks do: ``warning`` at the warning fraction
of the time allowed, ``overdue`` past it, ``escalated`` beyond the escalation fraction
(``models.alarms``).

Issuing is the chief's: the draft is frozen as it stands into an ``upward_report`` row
(append-only on both databases), numbered, with the fields that changed since the previous
report and the chief's name as signature.

Errors: ``ReportRefused(reason)`` with ``unknown_case``, ``unknown_event``, ``unknown_field``,
``too_long``, ``closed``, ``already_first``, ``no_first``, ``unknown_kind``, ``field_required``
(``detail``: the field's key).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.alarms import AlarmPolicy, boundaries, clock_level
from models.changefeed import record_change
from models.entities import (
    REPORT_KINDS,
    ChecklistTick,
    EmergencyActivation,
    EmergencyPlan,
    Event,
    EventAction,
    EventCategory,
    Grid,
    OperatorAccount,
    PlanItem,
    ReportDeadlineRule,
    UpwardReport,
    UpwardReportCase,
)
from models.fields import max_length, text_problem
from models.snapshots import IssuedReport, ReportCase, ReportDeadline
from models.workdays import LOCAL_ZONE

# The standard fields of an upward report, in the official order (key, label).
REPORT_FIELDS: tuple[tuple[str, str], ...] = (
    ("received_at", "接报时间"),
    ("source", "信息来源"),
    ("occurred_at", "事发时间"),
    ("place", "事发地点"),
    ("nature", "事件性质"),
    ("scope", "影响范围"),
    ("casualties", "伤亡/损失"),
    ("trend", "发展趋势"),
    ("leaders", "领导到位情况"),
    ("measures", "已采取措施"),
    ("next_steps", "下一步工作"),
)
FIELD_KEYS = tuple(key for key, _ in REPORT_FIELDS)
# What a written report cannot be issued without.
REQUIRED = ("received_at", "place", "nature")
MAX_FIELD = 2000
MAX_TITLE = max_length(UpwardReportCase.title)
SOURCE_NAMES = {
    "grid_patrol": "网格员巡查",
    "hotline_12345": "12345热线",
    "iot": "物联感知设备",
    "video": "视频巡查",
    "resident": "群众报告",
    "petition": "信访",
    "police_warning": "公安预警",
}
# Default deadlines when no rule matches: 30 minutes by phone, an hour in writing, daily.
_DEFAULT_RULE = (30, 60, 24)


class ReportRefused(ValueError):
    """An upward-report write that cannot be made (see the module's docstring)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def _local(at: datetime) -> str:
    return at.astimezone(LOCAL_ZONE).strftime("%Y年%m月%d日%H时%M分")


def _rule(session: Session, plan_id: int | None, level: str | None) -> tuple[int, int, int]:
    """(phone minutes, written minutes, follow-up hours) for a plan and level: the most
    specific rule wins (plan and level, then plan, then level, then any)."""
    best: tuple[int, tuple[int, int, int]] | None = None
    for rule_plan, rule_level, phone, written, follow in session.execute(
        select(
            ReportDeadlineRule.plan_id,
            ReportDeadlineRule.level,
            ReportDeadlineRule.phone_minutes,
            ReportDeadlineRule.written_minutes,
            ReportDeadlineRule.follow_up_hours,
        )
    ):
        if rule_plan not in (None, plan_id) or rule_level not in (None, level):
            continue
        rank = (2 if rule_plan is not None else 0) + (1 if rule_level is not None else 0)
        if best is None or rank > best[0]:
            best = (rank, (phone, written, follow))
    return best[1] if best else _DEFAULT_RULE


def _open_case(
    session: Session,
    operator: Operator,
    *,
    title: str,
    start: datetime,
    rule: tuple[int, int, int],
    draft: Mapping[str, str],
    activation_id: int | None = None,
    event_id: int | None = None,
) -> int:
    phone, written, follow = rule
    case_id = session.execute(
        insert(UpwardReportCase)
        .values(
            activation_id=activation_id,
            event_id=event_id,
            title=title[:MAX_TITLE],
            opened_at=start,
            opened_by=operator.account_id,
            phone_due=start + timedelta(minutes=phone),
            written_due=start + timedelta(minutes=written),
            follow_up_hours=follow,
            draft=json.dumps({k: draft.get(k, "") for k in FIELD_KEYS}, ensure_ascii=False),
        )
        .returning(UpwardReportCase.id)
    ).scalar_one()
    record_change(session, "report", case_id, "insert", operator.post)
    return case_id


def checklist_lines(session: Session, activation_id: int) -> tuple[list[str], list[str]]:
    """(done, to do) of an activation's checklist, as lines for 已采取措施 and 下一步工作."""
    plan_id = session.scalar(
        select(EmergencyActivation.plan_id).where(EmergencyActivation.id == activation_id)
    )
    latest: dict[int, tuple[bool, datetime | None]] = {}
    for item_id, done, at in session.execute(
        select(ChecklistTick.item_id, ChecklistTick.done, ChecklistTick.at)
        .where(ChecklistTick.activation_id == activation_id)
        .order_by(ChecklistTick.id)
    ):
        latest[item_id] = (done, at)
    done_lines: list[str] = []
    todo_lines: list[str] = []
    for item_id, text in session.execute(
        select(PlanItem.id, PlanItem.text)
        .where(PlanItem.plan_id == plan_id, PlanItem.active.is_(True))
        .order_by(PlanItem.position, PlanItem.id)
    ):
        ticked, ticked_at = latest.get(item_id, (False, None))
        if ticked and ticked_at is not None:
            done_lines.append(f"{ticked_at.astimezone(LOCAL_ZONE):%H:%M} {text}")
        else:
            todo_lines.append(text)
    return done_lines, todo_lines


def open_for_activation(session: Session, operator: Operator, activation_id: int) -> int:
    """Open the report case of an emergency activation (once; the same case again after)."""
    existing = session.scalar(
        select(UpwardReportCase.id).where(UpwardReportCase.activation_id == activation_id)
    )
    if existing is not None:
        return existing
    row = session.execute(
        select(
            EmergencyActivation.plan_id,
            EmergencyActivation.level,
            EmergencyActivation.reason,
            EmergencyActivation.started_at,
            EmergencyPlan.name,
            OperatorAccount.display_name,
        )
        .join(EmergencyPlan, EmergencyPlan.id == EmergencyActivation.plan_id)
        .join(OperatorAccount, OperatorAccount.id == EmergencyActivation.started_by)
        .where(EmergencyActivation.id == activation_id)
    ).one()
    plan_id, level, reason, started_at, plan_name, chief = row
    done, todo = checklist_lines(session, activation_id)
    draft = {
        "received_at": _local(started_at),
        "source": f"值班长{chief}启动{plan_name}（{level}级响应）",
        "nature": f"{plan_name}：{reason}",
        "leaders": f"值班长{chief}在岗指挥",
        "measures": "\n".join(done),
        "next_steps": "\n".join(todo),
    }
    return _open_case(
        session,
        operator,
        title=f"{plan_name}（{level}级响应）",
        start=started_at,
        rule=_rule(session, plan_id, level),
        draft=draft,
        activation_id=activation_id,
    )


def open_for_event(session: Session, operator: Operator, event_id: int, now: datetime) -> int:
    """The chief marks an event 重大: its report case opens (the same case if it has one
    still open), pre-filled from the event and its actions."""
    require(session, operator, "report.open")
    existing = session.scalar(
        select(UpwardReportCase.id).where(
            UpwardReportCase.event_id == event_id, UpwardReportCase.closed_at.is_(None)
        )
    )
    if existing is not None:
        return existing
    row = session.execute(
        select(
            Event.code,
            Event.source,
            Event.reported_at,
            Event.address,
            Event.description,
            EventCategory.name,
            Grid.name,
        )
        .join(EventCategory, EventCategory.id == Event.category_id)
        .outerjoin(Grid, Grid.id == Event.grid_id)
        .where(Event.id == event_id)
    ).first()
    if row is None:
        raise ReportRefused("unknown_event")
    code, source, reported_at, address, description, category, grid = row
    notes = [
        f"{at.astimezone(LOCAL_ZONE):%m-%d %H:%M} {to_state}{('：' + note) if note else ''}"
        for at, to_state, note in session.execute(
            select(EventAction.at, EventAction.to_state, EventAction.note)
            .where(EventAction.event_id == event_id)
            .order_by(EventAction.at, EventAction.id)
        )
    ]
    draft = {
        "received_at": _local(reported_at),
        "source": SOURCE_NAMES.get(source, source),
        "occurred_at": _local(reported_at),
        "place": address or (grid or ""),
        "nature": f"{category}：{description}"[:MAX_FIELD],
        "measures": "\n".join(notes)[:MAX_FIELD],
    }
    return _open_case(
        session,
        operator,
        title=f"{code or ''} {category}".strip(),
        start=now,
        rule=_rule(session, None, None),
        draft=draft,
        event_id=event_id,
    )


def _case(session: Session, case_id: int) -> UpwardReportCase:
    case = session.get(UpwardReportCase, case_id)
    if case is None:
        raise ReportRefused("unknown_case")
    return case


def _checked_fields(fields: Mapping[str, str]) -> dict[str, str]:
    for key, value in fields.items():
        if key not in FIELD_KEYS:
            raise ReportRefused("unknown_field", key)
        if len(value) > MAX_FIELD or text_problem(value, multiline=True) is not None:
            raise ReportRefused("too_long", key)
    return dict(fields)


def save_draft(
    session: Session, operator: Operator, case_id: int, fields: Mapping[str, str]
) -> None:
    """Change fields of a case's working draft (those not named stay as they are)."""
    require(session, operator, "report.edit")
    case = _case(session, case_id)
    if case.closed_at is not None:
        raise ReportRefused("closed")
    draft = json.loads(case.draft)
    draft.update(_checked_fields(fields))
    session.execute(
        update(UpwardReportCase)
        .where(UpwardReportCase.id == case_id)
        .values(draft=json.dumps(draft, ensure_ascii=False))
    )
    record_change(session, "report", case_id, "update", operator.post)


def record_phone_report(session: Session, operator: Operator, case_id: int, now: datetime) -> None:
    """The phone report upward was made (once): its deadline no longer runs."""
    require(session, operator, "report.edit")
    case = _case(session, case_id)
    if case.phoned_at is not None:
        return
    session.execute(
        update(UpwardReportCase)
        .where(UpwardReportCase.id == case_id)
        .values(phoned_at=now, phoned_by=operator.account_id)
    )
    record_change(session, "report", case_id, "update", operator.post)


def issue_report(
    session: Session,
    operator: Operator,
    case_id: int,
    kind: str,
    now: datetime,
    fields: Mapping[str, str] | None = None,
) -> int:
    """Issue the case's draft (with ``fields`` saved into it first) as its 首报, next 续报 or
    终报: frozen, numbered, signed by the chief. Returns the report's id."""
    require(session, operator, "report.issue")
    if kind not in REPORT_KINDS:
        raise ReportRefused("unknown_kind")
    if fields:
        save_draft(session, operator, case_id, fields)
    case = _case(session, case_id)
    if case.closed_at is not None:
        raise ReportRefused("closed")
    draft: dict[str, str] = json.loads(case.draft)
    previous = session.execute(
        select(UpwardReport.kind, UpwardReport.fields)
        .where(UpwardReport.case_id == case_id)
        .order_by(UpwardReport.id.desc())
        .limit(1)
    ).first()
    if kind == "first" and previous is not None:
        raise ReportRefused("already_first")
    if kind != "first" and previous is None:
        raise ReportRefused("no_first")
    for key in REQUIRED:
        if not draft.get(key, "").strip():
            raise ReportRefused("field_required", key)
    number = 0
    if kind == "follow":
        number = 1 + (
            session.scalar(
                select(func.count(UpwardReport.id)).where(
                    UpwardReport.case_id == case_id, UpwardReport.kind == "follow"
                )
            )
            or 0
        )
    before: dict[str, str] = json.loads(previous[1]) if previous is not None else {}
    changed = [
        k for k in FIELD_KEYS if previous is not None and draft.get(k, "") != before.get(k, "")
    ]
    report_id = session.execute(
        insert(UpwardReport)
        .values(
            case_id=case_id,
            kind=kind,
            number=number,
            fields=json.dumps({k: draft.get(k, "") for k in FIELD_KEYS}, ensure_ascii=False),
            changed=json.dumps(changed),
            issued_at=now,
            issued_by=operator.account_id,
            signed_name=operator.display_name,
        )
        .returning(UpwardReport.id)
    ).scalar_one()
    if kind == "final":
        session.execute(
            update(UpwardReportCase).where(UpwardReportCase.id == case_id).values(closed_at=now)
        )
    record_change(session, "report", case_id, "update", operator.post)
    return report_id


# --- reading ----------------------------------------------------------------------------------


def report_title(kind: str, number: int) -> str:
    """首报, 续报N (续报一 …) or 终报, as the official layout names a report."""
    if kind == "first":
        return "首报"
    if kind == "final":
        return "终报"
    return f"续报{_chinese_number(number)}"


def _chinese_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _issued(session: Session, *where: object) -> list[IssuedReport]:
    return [
        IssuedReport(
            report_id,
            case_id,
            title,
            kind,
            number,
            tuple((k, json.loads(fields).get(k, "")) for k in FIELD_KEYS),
            tuple(json.loads(changed)),
            issued_at,
            signed_name,
        )
        for report_id, case_id, title, kind, number, fields, changed, issued_at, signed_name in (
            session.execute(
                select(
                    UpwardReport.id,
                    UpwardReport.case_id,
                    UpwardReportCase.title,
                    UpwardReport.kind,
                    UpwardReport.number,
                    UpwardReport.fields,
                    UpwardReport.changed,
                    UpwardReport.issued_at,
                    UpwardReport.signed_name,
                )
                .join(UpwardReportCase, UpwardReportCase.id == UpwardReport.case_id)
                .where(*where)  # type: ignore[arg-type]
                .order_by(UpwardReport.issued_at, UpwardReport.id)
            )
        )
    ]


def issued_between(session: Session, since: datetime, until: datetime) -> list[IssuedReport]:
    """The reports issued in a period (the handover and the monthly report list them)."""
    return _issued(session, UpwardReport.issued_at >= since, UpwardReport.issued_at <= until)


def issued_report(session: Session, report_id: int) -> IssuedReport:
    """One issued report."""
    found = _issued(session, UpwardReport.id == report_id)
    if not found:
        raise ReportRefused("unknown_case")
    return found[0]


def _deadlines_of(
    case: UpwardReportCase, issued: Sequence[IssuedReport], now: datetime, policy: AlarmPolicy
) -> list[ReportDeadline]:
    due: list[tuple[str, datetime, datetime]] = []  # (kind, start, deadline)
    if case.closed_at is not None:
        return []
    if case.phoned_at is None:
        due.append(("phone", case.opened_at, case.phone_due))
    if not issued:
        due.append(("written", case.opened_at, case.written_due))
    else:
        last = issued[-1].issued_at
        due.append(("follow", last, last + timedelta(hours=case.follow_up_hours)))
    found = []
    for kind, start, deadline in due:
        bounds = boundaries(start, deadline, working=False, policy=policy, calendar=None)  # type: ignore[arg-type]
        level = clock_level(now, bounds.warn_at, deadline, bounds.escalate_at)
        found.append(ReportDeadline(case.id, case.title, kind, deadline, level))
    return found


def report_case(session: Session, case_id: int, now: datetime) -> ReportCase:
    """A case as its editor shows it: the draft, the reports issued, and what is due."""
    case = _case(session, case_id)
    issued = _issued(session, UpwardReport.case_id == case_id)
    draft = json.loads(case.draft)
    return ReportCase(
        case.id,
        case.title,
        case.activation_id,
        case.event_id,
        case.opened_at,
        case.phone_due,
        case.written_due,
        case.phoned_at,
        case.closed_at,
        tuple((k, draft.get(k, "")) for k in FIELD_KEYS),
        tuple(issued),
        tuple(_deadlines_of(case, issued, now, AlarmPolicy.load(session))),
    )


def open_cases(session: Session) -> list[int]:
    """The cases still open (no 终报 yet), newest first."""
    return list(
        session.scalars(
            select(UpwardReportCase.id)
            .where(UpwardReportCase.closed_at.is_(None))
            .order_by(UpwardReportCase.id.desc())
        )
    )


def newest_case(session: Session) -> int | None:
    """The newest case, open or not."""
    return session.scalar(select(func.max(UpwardReportCase.id)))


def case_of_activation(session: Session, activation_id: int) -> int | None:
    """The report case an activation opened."""
    return session.scalar(
        select(UpwardReportCase.id).where(UpwardReportCase.activation_id == activation_id)
    )


def report_deadlines(session: Session, now: datetime) -> list[ReportDeadline]:
    """Every report due on the open cases, soonest first, with its alarm level."""
    policy = AlarmPolicy.load(session)
    found: list[ReportDeadline] = []
    for case in session.scalars(
        select(UpwardReportCase).where(UpwardReportCase.closed_at.is_(None))
    ):
        issued = _issued(session, UpwardReport.case_id == case.id)
        found.extend(_deadlines_of(case, issued, now, policy))
    return sorted(found, key=lambda d: d.due)


def follow_checklist(session: Session, activation_id: int) -> None:
    """A checklist item was ticked: the open case's draft gains it under 已采取措施 and loses it
    from 下一步工作; what the operators wrote there themselves stays."""
    case = session.scalars(
        select(UpwardReportCase).where(
            UpwardReportCase.activation_id == activation_id, UpwardReportCase.closed_at.is_(None)
        )
    ).first()
    if case is None:
        return
    done, todo = checklist_lines(session, activation_id)
    draft = json.loads(case.draft)
    measures = [line for line in draft.get("measures", "").split("\n") if line]
    done_texts = {line.split(" ", 1)[1] for line in done}
    measures += [line for line in done if line not in measures]
    next_steps = [
        line for line in draft.get("next_steps", "").split("\n") if line and line not in done_texts
    ]
    next_steps += [line for line in todo if line not in next_steps]
    draft.update(measures="\n".join(measures), next_steps="\n".join(next_steps))
    session.execute(
        update(UpwardReportCase)
        .where(UpwardReportCase.id == case.id)
        .values(draft=json.dumps(draft, ensure_ascii=False))
    )
    record_change(session, "report", case.id, "update", None)
