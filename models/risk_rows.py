"""The risk bulletin's plain rows (no database): what ``models.risks`` proposes and issues, as
the panels and the PDF receive it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RiskProposal:
    """A risk the data suggests: its kind, what it is about, its numbers, the events behind it.

    ``count`` is the kind's main figure (events on the day, at the place, overdue; the site's
    score; devices offline); ``baseline`` the comparison (the daily average before; the site's
    score before), 0 where the kind has none; ``before``/``after``: a site's grades."""

    kind: str
    subject: str
    count: int
    baseline: float
    events: tuple[str, ...]
    before: str = ""
    after: str = ""


@dataclass(frozen=True, slots=True)
class BulletinItem:
    """One item of a bulletin as the chief wrote it: title, text, the codes of its events."""

    title: str
    text: str
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IssuedBulletin:
    """An issued bulletin, frozen: 第``number``期 of ``year``, for ``day``."""

    bulletin_id: int
    year: int
    number: int
    day: date
    items: tuple[BulletinItem, ...]
    issued_at: datetime
    signed_name: str
