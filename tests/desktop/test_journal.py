"""The local journal: what is kept survives a kill; a replay writes each action once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.event_work import _draft_to_json, _replay_entry
from desktop.journal import Journal, JournalEntry
from models.accounts import log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.entities import Event, EventAction, EventCategory, Grid
from models.snapshots import IntakeDraft
from tests.conftest import ROOT


def test_kept_settled_and_cleared(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl")
    first = journal.append("report", {"n": 1, "text": "中文 <b>😀</b>"})
    second = journal.append("transition", {"n": 2})
    assert [e.id for e in Journal(journal.path).pending()] == [first.id, second.id]
    assert journal.pending()[0].data["text"] == "中文 <b>😀</b>"
    journal.settle(first.id, "done")
    assert [e.id for e in journal.pending()] == [second.id]
    journal.settle(second.id, "conflict")
    assert journal.pending() == [] and not journal.path.exists()


@pytest.mark.expect_log_warnings
def test_a_kill_mid_write_loses_nothing_journaled(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    # A post that keeps actions as fast as it can and says which are kept; killed mid-stream.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from desktop.journal import Journal\n"
            f"journal = Journal(Path({str(path)!r}))\n"
            "while True:\n"
            "    entry = journal.append('transition', {'note': 'x' * 3000})\n"
            "    print(entry.id, flush=True)\n",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged = [child.stdout.readline().strip() for _ in range(40)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    acknowledged += [line.strip() for line in child.stdout if line.strip()]
    child.stdout.close()
    kept = [e.id for e in Journal(path).pending()]
    assert kept[: len(acknowledged)] == acknowledged  # all, in order (one more may follow)
    # The next run appends after whatever the kill cut short, and nothing is lost.
    journal = Journal(path)
    later = journal.append("transition", {"note": "after"})
    assert [e.id for e in journal.pending()][-1] == later.id


def test_a_replayed_action_is_written_once(seeded_url: str) -> None:
    database = open_database(seeded_url)
    try:
        with database.write() as s:
            chief = log_in(s, "chief", DEMO_PASSWORD, "intake", server_now(s))
        with database.read() as s:
            reported_id, version = s.execute(
                select(Event.id, Event.version).where(Event.state == "reported").limit(1)
            ).one()
            category = s.scalars(select(EventCategory.id).limit(1)).one()
            lon, lat = s.execute(select(Grid.label_lon, Grid.label_lat).limit(1)).one()
        operator = {
            "account_id": chief.account_id,
            "username": chief.username,
            "display_name": chief.display_name,
            "role": chief.role,
            "post": chief.post,
            "posts": list(chief.posts),
        }
        taken = datetime.now(UTC).isoformat()
        step = JournalEntry(
            str(uuid.uuid4()),
            "transition",
            {
                "operator": operator,
                "event_id": reported_id,
                "version": version,
                "step": "accept",
                "note": "",
                "arguments": {},
                "taken_at": taken,
            },
        )
        intake = IntakeDraft(
            str(uuid.uuid4()),
            "hotline_12345",
            category,
            "normal",
            lon,
            lat,
            "",
            "断网时受理",
            "",
            "",
            (("现场.txt", "文字".encode()),),
        )
        report = JournalEntry(
            intake.uid,
            "report",
            {"operator": operator, "draft": _draft_to_json(intake), "into": None},
        )
        for _ in range(2):  # the second time: a crash came between the commit and the settling
            for entry in (step, report):
                with database.write() as s:
                    _replay_entry(s, entry=entry)
        with database.read() as s:
            accepts = s.scalars(select(EventAction.note).where(EventAction.uid == step.id)).all()
            state, now_version = s.execute(
                select(Event.state, Event.version).where(Event.id == reported_id)
            ).one()
            reports = s.scalar(
                select(func.count()).select_from(Event).where(Event.uid == intake.uid)
            )
    finally:
        database.close()
    assert len(accepts) == 1 and "断网期间" in accepts[0]
    assert (state, now_version) == ("accepted", version + 1)
    assert reports == 1
