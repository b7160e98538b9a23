"""Translated names of the domain's codes (states, priorities, sources, alarm levels, posts …).

The codes are stable strings stored in the database; what the operator reads is translated
here, in one place, so every panel says the same word for the same thing.
"""

# lupdate finds strings only in literal QCoreApplication.translate(...) calls, so no wrapper.

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication

from models.snapshots import GridChoice, IndicatorCounts, SnapshotEvent


def state_labels() -> dict[str, str]:
    """Event state code → name."""
    return {
        "reported": QCoreApplication.translate("labels", "已上报"),
        "accepted": QCoreApplication.translate("labels", "已受理"),
        "dispatched": QCoreApplication.translate("labels", "已派遣"),
        "responded": QCoreApplication.translate("labels", "已响应"),
        "resolved": QCoreApplication.translate("labels", "已办结"),
        "closed": QCoreApplication.translate("labels", "已结案"),
        "rejected": QCoreApplication.translate("labels", "已退回"),
    }


def priority_labels() -> dict[str, str]:
    """Priority code → name."""
    return {
        "normal": QCoreApplication.translate("labels", "一般"),
        "urgent": QCoreApplication.translate("labels", "紧急"),
        "critical": QCoreApplication.translate("labels", "特急"),
    }


def source_labels() -> dict[str, str]:
    """Event source code → name."""
    return {
        "grid_patrol": QCoreApplication.translate("labels", "网格员巡查"),
        "hotline_12345": QCoreApplication.translate("labels", "12345热线"),
        "iot": QCoreApplication.translate("labels", "物联感知"),
        "video": QCoreApplication.translate("labels", "视频巡查"),
        "resident": QCoreApplication.translate("labels", "群众上报"),
        "petition": QCoreApplication.translate("labels", "信访"),
        "police_warning": QCoreApplication.translate("labels", "公安预警"),
    }


def alarm_labels() -> dict[str, str]:
    """Alarm level code → name ("none" is shown as nothing)."""
    return {
        "none": "",
        "warning": QCoreApplication.translate("labels", "即将超时"),
        "overdue": QCoreApplication.translate("labels", "超时"),
        "escalated": QCoreApplication.translate("labels", "升级"),
    }


def indicator_labels() -> dict[str, str]:
    """Event indicator (``models.indicators``) → name. 升级 is the alarm level; an event raised
    to the leader in charge is 已上报领导."""
    return {
        "open": QCoreApplication.translate("labels", "未结"),
        "soon_due": QCoreApplication.translate("labels", "即将超时"),
        "overdue": QCoreApplication.translate("labels", "超时"),
        "escalated": QCoreApplication.translate("labels", "升级"),
        "reported_to_leader": QCoreApplication.translate("labels", "已上报领导"),
    }


def overdue_text(overdue: int, escalated: int) -> str:
    """The overdue count with the escalated among them, said the same way everywhere."""
    return QCoreApplication.translate("labels", "超时 {overdue}（其中升级 {escalated}）").format(
        overdue=overdue, escalated=escalated
    )


def shift_name(name: str) -> str:
    """A shift's name in the interface's language: the shifts the centre's patterns come with
    are named here; a shift the centre named otherwise keeps its own name (its data)."""
    return {
        "白班": QCoreApplication.translate("labels", "白班"),
        "夜班": QCoreApplication.translate("labels", "夜班"),
        "24小时值班": QCoreApplication.translate("labels", "24小时值班"),
    }.get(name, name)


def provisional_code(number: str) -> str:
    """The code a new event shows while the database is away: "待同步-001"."""
    return QCoreApplication.translate("labels", "待同步-{number}").format(number=number)


def listing(items: Iterable[str]) -> str:
    """Items one after another, with the interface's list separator ("，" / ", ")."""
    return QCoreApplication.translate("labels", "，").join(items)


def labelled(title: str, text: str) -> str:
    """A title and what it titles, in the interface's punctuation ("备注：…" / "Notes: …")."""
    return QCoreApplication.translate("labels", "{title}：{text}").format(title=title, text=text)


def counted(title: str, count: int) -> str:
    """A heading with how many it heads: "超时事件（3）"."""
    return QCoreApplication.translate("labels", "{title}（{count}）").format(
        title=title, count=count
    )


def with_detail(text: str, detail: str) -> str:
    """A name with a detail in brackets, in the interface's brackets: "王敏（调度）"."""
    return QCoreApplication.translate("labels", "{text}（{detail}）").format(
        text=text, detail=detail
    )


def snapshot_group_title(group: str, events: Sequence[SnapshotEvent]) -> str:
    """A handover group's heading with its count; the overdue say how many are escalated."""
    title = snapshot_group_labels()[group]
    if group == "overdue":
        heading = QCoreApplication.translate("labels", "{title}（{count}，其中升级 {escalated}）")
        return heading.format(
            title=title,
            count=len(events),
            escalated=sum(1 for e in events if e.level == "escalated"),
        )
    return counted(title, len(events))


def indicator_summary(counts: IndicatorCounts) -> str:
    """The alarm indicators in one line, for the status bar and the alarm panel."""
    return QCoreApplication.translate(
        "labels", "即将超时 {soon_due} · {overdue} · 已上报领导 {to_leader}"
    ).format(
        soon_due=counts.soon_due,
        overdue=overdue_text(counts.overdue, counts.escalated),
        to_leader=counts.reported_to_leader,
    )


def clock_labels() -> dict[str, str]:
    """Deadline clock code → name."""
    return {
        "accept": QCoreApplication.translate("labels", "受理时限"),
        "respond": QCoreApplication.translate("labels", "响应时限"),
        "close": QCoreApplication.translate("labels", "办结时限"),
        "hotline_contact": QCoreApplication.translate("labels", "12345联系时限"),
        "hotline_reply": QCoreApplication.translate("labels", "12345答复时限"),
    }


def post_labels() -> dict[str, str]:
    """Post id → name."""
    return {
        "chief": QCoreApplication.translate("labels", "值班长"),
        "intake": QCoreApplication.translate("labels", "受理"),
        "dispatch": QCoreApplication.translate("labels", "调度"),
        "video": QCoreApplication.translate("labels", "视频巡查"),
    }


def holiday_labels() -> dict[str, str]:
    """Official holiday code (``chinesecalendar``'s) → name."""
    return {
        "new_years_day": QCoreApplication.translate("labels", "元旦"),
        "spring_festival": QCoreApplication.translate("labels", "春节"),
        "tomb_sweeping_day": QCoreApplication.translate("labels", "清明节"),
        "labour_day": QCoreApplication.translate("labels", "劳动节"),
        "dragon_boat_festival": QCoreApplication.translate("labels", "端午节"),
        "national_day": QCoreApplication.translate("labels", "国庆节"),
        "mid_autumn_festival": QCoreApplication.translate("labels", "中秋节"),
        "anti_fascist_70th_day": QCoreApplication.translate("labels", "抗战胜利70周年纪念日"),
    }


def hotline_word_labels() -> dict[str, str]:
    """The 12345 hotline's own words (its order types, results and return-call verdicts) →
    what the window shows. They are stored and go back to the hotline in its words; only the
    reading is translated. A type the hotline adds later is shown as it is written."""
    return {
        "咨询": QCoreApplication.translate("labels", "咨询"),
        "求助": QCoreApplication.translate("labels", "求助"),
        "投诉举报": QCoreApplication.translate("labels", "投诉举报"),
        "建议": QCoreApplication.translate("labels", "建议"),
        "解决": QCoreApplication.translate("labels", "解决"),
        "部分解决": QCoreApplication.translate("labels", "部分解决"),
        "未解决": QCoreApplication.translate("labels", "未解决"),
        "满意": QCoreApplication.translate("labels", "满意"),
        "基本满意": QCoreApplication.translate("labels", "基本满意"),
        "不满意": QCoreApplication.translate("labels", "不满意"),
    }


def mode_labels() -> dict[str, str]:
    """Centre mode → name."""
    return {
        "normal": QCoreApplication.translate("labels", "常态"),
        "emergency": QCoreApplication.translate("labels", "应急"),
    }


def force_labels() -> dict[str, str]:
    """Dispatch force code → name (who takes an event)."""
    return {
        "grid": QCoreApplication.translate("labels", "网格员"),
        "zone": QCoreApplication.translate("labels", "执法片区"),
        "department": QCoreApplication.translate("labels", "职能部门"),
        "leader": QCoreApplication.translate("labels", "挂包领导"),
    }


def camera_kind_labels() -> dict[str, str]:
    """Camera kind → name."""
    return {
        "street": QCoreApplication.translate("labels", "街面"),
        "site": QCoreApplication.translate("labels", "工地"),
        "entrance": QCoreApplication.translate("labels", "出入口"),
    }


def grid_choice_label(choice: GridChoice) -> str:
    """A grid offered for confirmation: its code, and how far the point is from it (an event
    with no point, an unplaced hotline order, is offered every grid by its code alone)."""
    if choice.distance_m < 0:
        return choice.grid_code
    if choice.distance_m == 0:
        return QCoreApplication.translate("labels", "{code}（所在网格）").format(
            code=choice.grid_code
        )
    return QCoreApplication.translate("labels", "{code}（{distance} 米）").format(
        code=choice.grid_code, distance=round(choice.distance_m)
    )


def duty_log_kind_labels() -> dict[str, str]:
    """Duty-log entry kind → name."""
    return {
        "call": QCoreApplication.translate("labels", "来电"),
        "instruction": QCoreApplication.translate("labels", "上级交办"),
        "report": QCoreApplication.translate("labels", "报送"),
        "notable": QCoreApplication.translate("labels", "重要事项"),
        "other": QCoreApplication.translate("labels", "其他"),
    }


def fate_labels() -> dict[str, str]:
    """What became of a pending item → name."""
    return {
        "closed_in_time": QCoreApplication.translate("labels", "按时办结"),
        "overdue": QCoreApplication.translate("labels", "曾超时"),
        "open": QCoreApplication.translate("labels", "仍在办理"),
        "rejected": QCoreApplication.translate("labels", "已退回"),
        "unlinked": QCoreApplication.translate("labels", "未关联事件"),
    }


def handover_status_labels() -> dict[str, str]:
    """Handover status → name."""
    return {
        "submitted": QCoreApplication.translate("labels", "待接班"),
        "acknowledged": QCoreApplication.translate("labels", "已接班"),
        "disputed": QCoreApplication.translate("labels", "有异议"),
    }


def snapshot_group_labels() -> dict[str, str]:
    """Group of a handover snapshot (or a figure compared between shifts) → name."""
    return {
        "open": QCoreApplication.translate("labels", "未结事件"),
        "due_next_shift": QCoreApplication.translate("labels", "下一班次内到期"),
        "overdue": QCoreApplication.translate("labels", "超时事件"),
        "escalated": QCoreApplication.translate("labels", "已上报领导"),
        "unacknowledged_alarms": QCoreApplication.translate("labels", "本岗未确认预警"),
        "mode_switches": QCoreApplication.translate("labels", "平急转换"),
        "patrols": QCoreApplication.translate("labels", "视频巡查"),
        "log_highlights": QCoreApplication.translate("labels", "值班日志要点"),
        "upward_reports": QCoreApplication.translate("labels", "上报信息"),
        "pending": QCoreApplication.translate("labels", "待办事项"),
        "notes": QCoreApplication.translate("labels", "交班说明"),
    }
