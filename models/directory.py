"""The lists intake and dispatch choose from: the address book, categories, forces, and the
grids and departments the chief's dispatch rules may name."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import (
    Address,
    Department,
    EnforcementZone,
    EventCategory,
    Grid,
    LeaderCommunity,
    Staff,
)
from models.snapshots import AddressEntry, AssigneeOption, CategoryOption


def address_book(session: Session) -> list[AddressEntry]:
    """Every address with its point and grid, in road and number order."""
    rows = session.execute(
        select(Address.id, Address.full_text, Address.lon, Address.lat, Grid.id, Grid.code)
        .join(Grid, Address.grid_id == Grid.id)
        .order_by(Address.road, Address.number)
    )
    return [AddressEntry(*row) for row in rows]


def category_options(session: Session, language: str = "zh_CN") -> list[CategoryOption]:
    """The categories, in code order, named in the language asked for where they have one."""
    english = language.startswith("en")
    return [
        CategoryOption(
            c.id, (c.name_en or c.name) if english else c.name, c.force, c.complex_default
        )
        for c in session.scalars(select(EventCategory).order_by(EventCategory.code))
    ]


def grid_options(session: Session) -> list[tuple[int, str]]:
    """Every grid as (id, 15-digit code), in code order."""
    return [
        (gid, code) for gid, code in session.execute(select(Grid.id, Grid.code).order_by(Grid.code))
    ]


def department_options(session: Session) -> list[tuple[int, str]]:
    """Every department as (id, name), in code order."""
    return [
        (did, name)
        for did, name in session.execute(
            select(Department.id, Department.name).order_by(Department.code)
        )
    ]


def assignee_options(session: Session, grid_id: int | None) -> list[AssigneeOption]:
    """The forces a dispatcher may pick by hand: the grid's worker, the leaders of its
    community, the zones' teams (by their first officer) and every department."""
    options: list[AssigneeOption] = []
    if grid_id is not None:
        grid = session.get(Grid, grid_id)
        for staff in session.scalars(
            select(Staff).where(Staff.grid_id == grid_id, Staff.role == "grid_worker")
        ):
            options.append(AssigneeOption("grid_worker", staff.name, staff.id, None))
        if grid is not None:
            for staff in session.scalars(
                select(Staff)
                .join(LeaderCommunity, LeaderCommunity.leader_id == Staff.id)
                .where(LeaderCommunity.community_id == grid.community_id)
                .order_by(Staff.id)
            ):
                options.append(AssigneeOption("leader", staff.name, staff.id, None))
    for zone in session.scalars(select(EnforcementZone).order_by(EnforcementZone.code)):
        officer = session.scalars(
            select(Staff)
            .where(Staff.zone_id == zone.id, Staff.role == "enforcement_officer")
            .order_by(Staff.id)
            .limit(1)
        ).first()
        if officer is not None:
            options.append(AssigneeOption("zone", zone.name, officer.id, None))
    for department in session.scalars(select(Department).order_by(Department.code)):
        options.append(AssigneeOption("department", department.name, None, department.id))
    return options
