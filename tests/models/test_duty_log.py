"""The duty log: signed, timed entries at a post; searchable; a correction is a new entry and the
database refuses to change or delete one; a replay is not doubled; bad input changes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from models.db import Database
from models.duty_log import DutyLogRefused, log_entries, write_entry
from models.entities import DutyLogEntry
from models.snapshots import DutyLogDraft
from tests.models.people import operator_of

NOW = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def _draft(kind: str, text: str, **more: object) -> DutyLogDraft:
    return DutyLogDraft(str(uuid.uuid4()), kind, text, **more)  # type: ignore[arg-type]


def test_entries_are_signed_searchable_and_corrected_by_new_entries(quiet_db: Database) -> None:
    intake = operator_of(quiet_db, "intake", "intake")
    video = operator_of(quiet_db, "video", "video")
    with quiet_db.write() as session:
        call = write_entry(session, intake, _draft("call", "居民来电：100% 确认积水"), NOW)
        write_entry(session, video, _draft("notable", "工地夜间施工"), NOW + timedelta(minutes=5))
        fix = write_entry(
            session,
            intake,
            _draft("call", "居民来电：积水已退", corrects_id=call),
            NOW + timedelta(minutes=10),
        )
    with quiet_db.read() as session:
        at_intake = log_entries(session, post="intake")
        everywhere = log_entries(session)
        percent = log_entries(session, text="100%")
        underscore = log_entries(session, text="_")
        notable = log_entries(session, kind="notable")
    assert [r.id for r in at_intake] == [fix, call]  # newest first
    assert at_intake[1].corrected_by == fix and at_intake[0].corrects_id == call
    assert at_intake[1].text == "居民来电：100% 确认积水"  # the corrected entry stays as it was
    assert at_intake[0].operator_name == "李娜" and at_intake[0].at == NOW + timedelta(minutes=10)
    assert len(everywhere) == 3 and [r.post for r in notable] == ["video"]
    assert [r.id for r in percent] == [call] and underscore == []  # wildcards are text
    with pytest.raises(DBAPIError), quiet_db.write() as session:
        session.execute(update(DutyLogEntry).where(DutyLogEntry.id == call).values(text="改"))
    with pytest.raises(DBAPIError), quiet_db.write() as session:
        session.execute(delete(DutyLogEntry).where(DutyLogEntry.id == call))


def test_a_replay_is_not_doubled_and_bad_input_changes_nothing(quiet_db: Database) -> None:
    intake = operator_of(quiet_db, "intake", "intake")
    draft = _draft("report", "已向区里报送日报")
    with quiet_db.write() as session:
        first = write_entry(session, intake, draft, NOW)
    with quiet_db.write() as session:
        assert write_entry(session, intake, draft, NOW + timedelta(minutes=1)) == first
    with quiet_db.write() as session:
        video_entry = write_entry(
            session, operator_of(quiet_db, "video", "video"), _draft("other", "x"), NOW
        )
    for bad, reason in (
        (_draft("gossip", "x"), "kind"),
        (_draft("call", "   "), "text_required"),
        (_draft("call", "x" * 2001), "too_long"),
        (_draft("call", "x", event_code="SJ-19990101-0001"), "unknown_event"),
        (_draft("call", "x", corrects_id=999_999), "unknown_entry"),
        (_draft("call", "x", corrects_id=video_entry), "other_post"),
    ):
        with pytest.raises(DutyLogRefused) as refused, quiet_db.write() as session:
            write_entry(session, intake, bad, NOW)
        assert refused.value.reason == reason
    with quiet_db.read() as session:
        assert len(session.scalars(select(DutyLogEntry.id)).all()) == 2
