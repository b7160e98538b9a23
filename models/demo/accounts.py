"""The demo operator accounts (the README lists them). Light: no geometry, no seeder."""

from __future__ import annotations

from models.entities import POSTS

DEMO_PASSWORD = "Griddesk2026"
# (username, display name, role, posts) of the demo operator accounts; the README lists them.
DEMO_ACCOUNTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("chief", "张伟", "chief", POSTS),
    ("intake", "李娜", "operator", ("intake",)),
    ("dispatch", "王敏", "operator", ("dispatch",)),
    ("video", "刘洋", "operator", ("video",)),
    ("admin", "陈静", "admin", POSTS),
    # The night shift's operators: a handover needs someone to hand over to (DESIGN §5).
    ("chief_night", "周强", "chief", POSTS),
    ("intake_night", "孙丽", "operator", ("intake",)),
    ("dispatch_night", "吴刚", "operator", ("dispatch",)),
    ("video_night", "郑洁", "operator", ("video",)),
)
