"""The demo's year of construction-site supervision, and one past emergency with its reports.

About 1,450 findings over the year before ``now`` at the 29 sites (some sites far more careless
than others), found mostly at the video post's patrol stops, some at intake or from events;
about 1,400 of them rectified and verified within days (the seed's "自查自纠隐患1400余条"),
the newest still open. Every score change the history implies is written in order, with its
reason, as the live system would have (``models.sites``), and each site ends with the score and
grade its open findings give now.

The past emergency: a flood activation (level III) two months ago, its checklist ticked, its
首报, two 续报 and 终报 issued by the chief, then the switch back — written through the domain's
own functions, so it is exactly what the live system records.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models import modes, upward
from models.accounts import Operator
from models.changefeed import discard_changes
from models.entities import (
    ConstructionSite,
    EmergencyPlan,
    OperatorAccount,
    PlanItem,
    SiteFinding,
    SiteRectification,
    SiteRubricItem,
    SiteScoreChange,
)
from models.sites import _Item, _items, grade_of, load_grading, score_of

FINDINGS = 1500
YEAR = timedelta(days=365)
# (source, share)
SOURCES = (("patrol", 0.72), ("intake", 0.18), ("event", 0.10))
NOTES = {
    "sign": "公示牌信息不全",
    "hoarding": "围挡破损、倒伏",
    "monitoring": "扬尘监测设备离线",
    "wheel_wash": "出场车辆未冲洗带泥上路",
    "paving": "场内道路未硬化",
    "sprinkling": "未按要求洒水降尘",
    "cover": "裸土未覆盖防尘网",
    "fire": "灭火器过期、消防通道堵塞",
    "power": "临时用电私拉乱接",
    "height": "高处作业未系安全带",
    "accident": "发生一般生产安全事故",
    "refusal": "多次督促拒不整改",
}


def _operator(session: Session, username: str, post: str) -> Operator:
    account = session.scalars(
        select(OperatorAccount).where(OperatorAccount.username == username)
    ).one()
    return Operator(
        account.id, account.username, account.display_name, account.role, post, tuple(account.posts)
    )


def seed_site_history(
    session: Session, now: datetime, rng: np.random.Generator, accounts: Mapping[str, int]
) -> dict[str, int]:
    """Write the year of findings, rectifications and score changes; returns the counts."""
    site_ids = list(session.scalars(select(ConstructionSite.id).order_by(ConstructionSite.id)))
    items = list(
        session.execute(
            select(SiteRubricItem.id, SiteRubricItem.code, SiteRubricItem.veto)
            .where(SiteRubricItem.active.is_(True))
            .order_by(SiteRubricItem.position)
        )
    )
    ordinary = [(i, code) for i, code, veto in items if not veto]
    vetoes = [(i, code) for i, code, veto in items if veto]
    carelessness = rng.gamma(2.0, 1.0, size=len(site_ids))
    site_of = rng.choice(len(site_ids), size=FINDINGS, p=carelessness / carelessness.sum())
    item_of = rng.integers(len(ordinary), size=FINDINGS)
    source_of = rng.choice(len(SOURCES), size=FINDINGS, p=[share for _, share in SOURCES])
    start = now - YEAR
    found_offsets = np.sort(rng.random(FINDINGS)) * YEAR.total_seconds()
    # Careless sites also take longer to rectify: they carry most of the open findings.
    fix_days = rng.gamma(1.6, 2.2, size=FINDINGS) * (0.3 + carelessness[site_of] ** 1.5) + 0.2
    chosen = [(ordinary[int(k)][0], ordinary[int(k)][1]) for k in item_of]
    # Two vetoes in the year, both long rectified.
    for n, (item_id, code) in enumerate(vetoes[:2]):
        k = int(FINDINGS * (0.2 + 0.3 * n))
        chosen[k] = (item_id, code)
    finders = {
        "patrol": (accounts["video"], "video"),
        "intake": (accounts["intake"], "intake"),
        "event": (accounts["dispatch"], "dispatch"),
    }
    findings: list[dict[str, Any]] = []
    fixes: list[tuple[int, datetime, int]] = []  # (finding index, verified at, verifier)
    for k in range(FINDINGS):
        source = SOURCES[int(source_of[k])][0]
        found_at = start + timedelta(seconds=float(found_offsets[k]))
        operator_id, post = finders[source]
        item_id, code = chosen[k]
        findings.append(
            {
                "uid": str(uuid.UUID(int=int(rng.integers(2**62)) << 64 | k)),
                "site_id": site_ids[int(site_of[k])],
                "item_id": item_id,
                "source": source,
                "note": NOTES.get(code, ""),
                "found_at": found_at,
                "operator_id": operator_id,
                "post": post,
            }
        )
        verified_at = found_at + timedelta(days=float(fix_days[k]))
        if verified_at < now:
            fixes.append((k, verified_at, accounts["video"]))
    finding_ids = list(
        session.execute(
            insert(SiteFinding).returning(SiteFinding.id, sort_by_parameter_order=True), findings
        ).scalars()
    )
    session.execute(
        insert(SiteRectification),
        [
            {
                "finding_id": finding_ids[k],
                "verified_at": at,
                "note": "整改到位，复查合格",
                "operator_id": verifier,
                "post": "video",
            }
            for k, at, verifier in fixes
        ],
    )
    changes = _score_history(session, now, findings, finding_ids, fixes)
    return {"site_findings": len(findings), "site_rectifications": len(fixes),
            "site_score_changes": changes}  # fmt: skip


def _score_history(
    session: Session,
    now: datetime,
    findings: Sequence[Mapping[str, Any]],
    finding_ids: Sequence[int],
    fixes: Sequence[tuple[int, datetime, int]],
) -> int:
    """Walk the year in time order and write each change of a site's score or grade."""
    grading = load_grading(session)
    items: dict[int, _Item] = _items(session)
    window = timedelta(days=grading.window_days)
    fixed_at = {k: at for k, at, _ in fixes}
    happenings: list[tuple[datetime, int, str, int]] = []  # (at, order, reason, finding index)
    for k, finding in enumerate(findings):
        happenings.append((finding["found_at"], 0, "finding", k))
        leaves = finding["found_at"] + window
        fixed = fixed_at.get(k)
        if fixed is not None and fixed < leaves:
            happenings.append((fixed, 1, "rectification", k))
        elif leaves < now:
            happenings.append((leaves, 2, "window", k))
    heapq.heapify(happenings)
    open_items: dict[int, dict[int, int]] = {}  # site -> finding index -> item
    state: dict[int, tuple[int, str]] = {}
    rows: list[dict[str, Any]] = []
    while happenings:
        at, _, reason, k = heapq.heappop(happenings)
        site_id = findings[k]["site_id"]
        site_open = open_items.setdefault(site_id, {})
        if reason == "finding":
            site_open[k] = findings[k]["item_id"]
        else:
            site_open.pop(k, None)
        score, vetoed = score_of(site_open.values(), items)
        grade = grade_of(score, vetoed, grading)
        previous = state.get(site_id, (100, grading.bands[0].code))
        if (score, grade) == previous:
            continue
        state[site_id] = (score, grade)
        rows.append(
            {
                "site_id": site_id,
                "at": at,
                "score": score,
                "grade": grade,
                "previous_score": previous[0],
                "previous_grade": previous[1],
                "reason": reason,
                "finding_id": finding_ids[k] if reason != "window" else None,
                "details": "{}",
                "operator_id": findings[k]["operator_id"] if reason == "finding" else None,
                "post": findings[k]["post"] if reason == "finding" else None,
            }
        )
    if rows:
        session.execute(insert(SiteScoreChange), rows)
    for site_id in session.scalars(select(ConstructionSite.id)):
        score, grade = state.get(site_id, (100, grading.bands[0].code))
        session.execute(
            update(ConstructionSite)
            .where(ConstructionSite.id == site_id)
            .values(score=score, grade=grade)
        )
    return len(rows)


def seed_past_emergency(session: Session, now: datetime) -> dict[str, int]:
    """A flood activation two months ago, with its checklist and its four reports."""
    chief = _operator(session, "chief", "chief")
    dispatcher = _operator(session, "dispatch", "dispatch")
    plan_id = session.scalar(select(EmergencyPlan.id).where(EmergencyPlan.code == "flood"))
    if plan_id is None:
        return {}
    began = (now - timedelta(days=61)).replace(hour=6, minute=40, second=0, microsecond=0)
    activation = modes.declare_emergency(
        session,
        chief,
        plan_id=plan_id,
        level="III",
        reason="气象台发布暴雨橙色预警，辖区多处低洼路段积水",
        now=began,
    )
    case_id = upward.open_for_activation(session, chief, activation)
    item_ids = list(
        session.scalars(
            select(PlanItem.id).where(PlanItem.plan_id == plan_id).order_by(PlanItem.position)
        )
    )
    for minutes, item_id in zip((12, 18, 25, 40, 95), item_ids, strict=False):
        modes.tick(session, dispatcher, item_id, True, began + timedelta(minutes=minutes))
    upward.record_phone_report(session, dispatcher, case_id, began + timedelta(minutes=12))
    fields: list[tuple[timedelta, str, dict[str, str]]] = [
        (
            timedelta(minutes=52),
            "first",
            {
                "occurred_at": f"{began + timedelta(hours=8):%Y年%m月%d日}6时许",
                "place": "红花街道宏运大道下穿通道、夹岗路低洼片区",
                "scope": "2个社区、约300户居民出行受影响",
                "casualties": "暂无人员伤亡",
                "trend": "降雨仍在持续，积水可能加深",
            },
        ),
        (
            timedelta(hours=6),
            "follow",
            {"trend": "雨势减弱，积水逐步消退", "casualties": "无人员伤亡，2辆车辆涉水熄火"},
        ),
        (timedelta(hours=24), "follow", {"trend": "积水基本排除，道路恢复通行"}),
        (
            timedelta(hours=30),
            "final",
            {"next_steps": "持续做好低洼易涝点巡查，完善排涝设施", "trend": "事态已平息"},
        ),
    ]
    for after, kind, values in fields:
        upward.issue_report(session, chief, case_id, kind, began + after, values)
    modes.end_emergency(
        session, chief, reason="降雨结束，积水全部排除", now=began + timedelta(hours=31)
    )
    discard_changes(session)
    return {"upward_reports": len(fields)}
