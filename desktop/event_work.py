"""The operator's work on events: intake, the detail panel's actions, dispatch proposals.

It wires the panels (which show and ask) to the domain (which checks and writes) through the
store, so every read and write runs in the database worker. After each write exactly the
changed event is read back and applied in place to the queue, the map and the detail panel.
"""

from __future__ import annotations

import base64
import contextlib
import importlib
import logging
import math
import uuid
from collections.abc import Coroutine
from dataclasses import asdict, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.journal import Journal, JournalEntry
from desktop.messages import (
    conflict_text,
    event_input_text,
    kept_text,
    not_permitted_text,
    transition_refused_text,
    unavailable_text,
)
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models.accounts import NotPermitted, Operator, permitted_actions
from models.clock import server_now
from models.snapshots import (
    AddressEntry,
    CategoryOption,
    DispatchProposal,
    DuplicateCandidate,
    EventDetail,
    EventRow,
    GridCheck,
    GridChoice,
    IntakeDraft,
)
from models.workdays import LOCAL_ZONE
from widgets.event_detail import EventDetailPanel, action_labels, assignee_choices
from widgets.intake_form import IntakeForm, field_caption
from widgets.labels import provisional_code

if TYPE_CHECKING:
    from models.dispatch import DispatchContext
    from models.events import EventDraft, EventRef

log = logging.getLogger(__name__)

# The event layer (and the geometry library under it) is imported when an event is first worked
# on — in the database worker, where the first reads run — not while the post starts up.


class EventWork(QObject):
    """Intake and event actions of one post.

    Signals:
        event_changed(EventRow): an event this post wrote, as the queue and map show it now
            (while the database is away, a provisional row of negative id for a new event).
        event_withdrawn(int): a provisional row to take away (its event is written now).
        showing(int): the detail panel is about to show this event.
        detail_shown(EventDetail): the detail panel shows this (fresh) state of the event.
        journal_changed(int): how many actions wait in the local journal.
        replay_refused(str): a journaled action could not be written; what and why.
        intake_opened(IntakeForm): a new event's form is open (the map lets it pick a place).
        event_saved(int): the operator saved a new event at intake (or merged it into this
            one): the window selects it and shows it.
    """

    event_changed = Signal(EventRow)
    event_withdrawn = Signal(int)
    showing = Signal(int)
    detail_shown = Signal(object)
    journal_changed = Signal(int)
    replay_refused = Signal(str)
    intake_opened = Signal(object)
    event_saved = Signal(int)

    def __init__(
        self, store: Store, operator: Operator, language: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.operator = operator
        self.language = language
        self.detail_panel: EventDetailPanel | None = None
        self._dispatch_context: DispatchContext | None = None
        # Counts the rule changes: a context read before the latest one is not kept.
        self._rules_generation = 0
        self._tasks = BackgroundTasks("event work")
        self._shown_event: int | None = None
        # Kept for an outage: the intake form still opens when the database is away.
        self._intake_lists: tuple[list[CategoryOption], list[AddressEntry]] | None = None
        self.journal: Journal | None = None
        self._replaying = False
        self._event_layer_ready = False

    # --- wiring --------------------------------------------------------------------------------

    def attach_detail_panel(self, panel: EventDetailPanel) -> None:
        """The panel this post shows events in."""
        self.detail_panel = panel
        panel.action_requested.connect(self._on_action)
        panel.attachment_requested.connect(
            lambda attachment_id: self._spawn(self._load_attachment(attachment_id))
        )
        if self._shown_event is not None:
            self.show_event(self._shown_event)

    def show_event(self, event_id: int) -> None:
        """Show an event in the detail panel (loaded in the worker)."""
        self._shown_event = event_id
        self.showing.emit(event_id)
        if self.detail_panel is not None:
            self._spawn(self._load_detail(event_id))

    @property
    def shown_event(self) -> int | None:
        """The event the detail panel shows (or is loading)."""
        return self._shown_event

    def open_intake(self, parent: QWidget) -> None:
        """Open the form for a new event (its lists loaded in the worker first)."""
        self._spawn(self._open_intake(parent))

    def forget_dispatch_rules(self) -> None:
        """The dispatch rules changed: the next proposal reads them again, and the event shown
        gets a fresh proposal."""
        self._dispatch_context = None
        self._rules_generation += 1
        if self._shown_event is not None:
            self.show_event(self._shown_event)

    def attach_journal(self, journal: Journal) -> None:
        """Where actions go while the database is away."""
        self.journal = journal

    def show_kept(self) -> None:
        """Show what the journal holds from before (provisional rows, the count)."""
        pending = self.journal.pending() if self.journal is not None else []
        for entry in pending:
            if entry.kind == "report":
                self.event_changed.emit(_provisional_row(entry))
        self.journal_changed.emit(len(pending))

    def preload(self) -> None:
        """Read the intake form's lists now, so that it opens even in an outage."""
        self._spawn(self._intake_lists_now())

    def replay_journal(self) -> None:
        """Write what the journal holds, in order (the database is back)."""
        if self.journal is not None and not self._replaying and self.journal.pending():
            self._replaying = True  # now, not when the task first runs: one replay at a time
            self._spawn(self._replay())

    def cancel(self) -> None:
        """Stop what is under way (the window is closing)."""
        self._tasks.cancel_all()

    # --- reading -----------------------------------------------------------------------------

    async def _load_detail(self, event_id: int) -> None:
        await self._event_layer()
        operator, language = self.operator, self.language
        from models import events

        context = self._dispatch_context
        generation = self._rules_generation

        def read(
            session: Session,
        ) -> tuple[EventDetail, list[str], Any, Any, tuple[GridChoice, ...], DispatchContext]:
            from models import directory
            from models.dispatch import DispatchContext

            detail = events.event_detail(session, event_id, language)
            permitted = permitted_actions(session, operator.role)
            allowed = events.available_transitions(
                detail.state,
                detail.escalated,
                permitted,
                paused=detail.paused_at is not None,
                extension_pending=detail.extension is not None,
            )
            if detail.hotline is not None:  # the 12345 order's own steps (issue 17)
                from models.hotline_terms import available_steps

                allowed += [f"hotline_{s}" for s in available_steps(detail.hotline, permitted)]
            proposal: DispatchProposal | None = None
            options: list[Any] = []
            grids: tuple[GridChoice, ...] = ()
            loaded = context or DispatchContext.load(session, language)
            # A hotline order whose address could not be placed has no point: any grid.
            unplaced = math.isnan(detail.lon) or math.isnan(detail.lat)
            if unplaced and "confirm_grid" in allowed:
                grids = loaded.area.every_grid()
            if "dispatch" in allowed or "reassign" in allowed:
                now = server_now(session)
                proposal = _proposal_for(session, loaded, detail, now)
                options = directory.assignee_options(session, detail.grid_id)
                # An event placed by its point alone, near a grid's edge or outside every grid:
                # the operator confirms the grid before the proposal is trusted.
                if unplaced:
                    if proposal is not None:
                        proposal = replace(proposal, needs_grid_confirmation=True)
                    return detail, allowed, proposal, options, grids, loaded
                where = loaded.area.locate(detail.lon, detail.lat)
                if not detail.grid_confirmed and where.needs_confirmation:
                    grids = loaded.area.grid_choices(detail.lon, detail.lat)
                    if proposal is not None:
                        proposal = replace(proposal, needs_grid_confirmation=True)
            return detail, allowed, proposal, options, grids, loaded

        try:
            detail, allowed, proposal, options, grids, context = await self.store.read(read)
        except events.EventNotFound:
            if self.detail_panel is not None:
                self.detail_panel.clear()
            return
        except StoreUnavailable:
            self._notice(unavailable_text())
            return
        if generation == self._rules_generation:
            self._dispatch_context = context
        if self.detail_panel is not None and self._shown_event == event_id:
            self.detail_panel.show_event(
                detail, allowed, proposal, assignee_choices(options), grids
            )
            self.detail_shown.emit(detail)

    async def _load_attachment(self, attachment_id: int) -> None:
        await self._event_layer()
        from models.events import attachment_data

        try:
            data = await self.store.read(lambda s: attachment_data(s, attachment_id))
        except (LookupError, StoreUnavailable):
            return
        if self.detail_panel is not None:
            self.detail_panel.show_attachment_data(attachment_id, data)

    # --- writing -------------------------------------------------------------------------------

    def _on_action(self, kind: str, event_id: int, version: int, arguments: dict[str, Any]) -> None:
        if kind.startswith("hotline_"):
            self._spawn(self._hotline_step(kind.removeprefix("hotline_"), event_id, arguments))
            return
        self._spawn(self._act(kind, event_id, version, dict(arguments)))

    async def _hotline_step(self, step: str, event_id: int, arguments: dict[str, Any]) -> None:
        """One of the 12345 order's own steps (签收, 联系, 退单, 延期, 办结答复, 回访)."""
        from desktop.hotline_messages import step_refused_text
        from models.entities import HotlineOrder
        from models.hotline_terms import HotlineStepRefused, hotline_step

        operator = self.operator

        def write(session: Session) -> str:
            from sqlalchemy import select

            order_no = session.scalar(
                select(HotlineOrder.order_no).where(HotlineOrder.event_id == event_id)
            )
            return hotline_step(
                session, operator, order_no or "", step, server_now(session), **arguments
            )

        try:
            await self.store.write(write)
        except HotlineStepRefused as refused:
            self._notice(step_refused_text(refused))
            return
        except NotPermitted as refused:
            self._notice(not_permitted_text(refused))
            return
        except StoreUnavailable:
            self._notice(unavailable_text())
            return
        self.show_event(event_id)
        await self._publish(event_id)

    async def _act(self, kind: str, event_id: int, version: int, arguments: dict[str, Any]) -> None:
        await self._event_layer()
        from models.events import EventConflict, EventInputError, TransitionRefused, transition

        operator, language = self.operator, self.language
        note = str(arguments.pop("note", ""))
        arguments = {k: v for k, v in arguments.items() if v is not None}
        # The step's own id: should the answer be lost after the commit, its replay from the
        # journal is recognised, not taken twice.
        action_uid = str(uuid.uuid4())

        def write(session: Session) -> EventRef:
            return transition(
                session,
                operator,
                event_id,
                version,
                kind,
                server_now(session),
                note=note,
                language=language,
                action_uid=action_uid,
                **arguments,
            )

        try:
            await self.store.write(write)
        except EventConflict as conflict:
            self._notice(conflict_text(conflict))
        except TransitionRefused as refused:
            self._notice(transition_refused_text(refused))
        except NotPermitted as refused:
            self._notice(not_permitted_text(refused))
        except EventInputError as wrong:
            self._notice(event_input_text(wrong, field_caption(wrong.field)))
        except StoreUnavailable:
            step = {
                "operator": asdict(operator),
                "event_id": event_id,
                "version": version,
                "step": kind,
                "note": note,
                "arguments": arguments,
                "taken_at": datetime.now(UTC).isoformat(),
            }
            if self._keep("transition", step, action_uid):
                self._notice(kept_text(action_labels().get(kind, kind)))
            return
        else:
            self.show_event(event_id)
        await self._publish(event_id)

    async def _publish(self, event_id: int) -> None:
        await self._event_layer()
        from models.events import EventNotFound, event_row

        language = self.language
        try:
            row = await self.store.read(lambda s: event_row(s, event_id, server_now(s), language))
        except (EventNotFound, StoreUnavailable):
            return
        self.event_changed.emit(row)

    async def _open_intake(self, parent: QWidget) -> None:
        lists = await self._intake_lists_now()
        if lists is None:
            self._notice(unavailable_text())
            return
        categories, addresses = lists
        form = IntakeForm(categories, addresses, parent)
        form.save_requested.connect(
            lambda draft, anyway: self._spawn(self._save_intake(form, draft, anyway, None))
        )
        form.merge_requested.connect(
            lambda draft, into: self._spawn(self._save_intake(form, draft, True, into))
        )
        form.point_changed.connect(lambda lon, lat: self._spawn(self._check_point(form, lon, lat)))
        form.finished.connect(form.deleteLater)
        # Not modal: the operator may click the map to place the event while the form is open.
        form.setModal(False)
        form.show()
        self.intake_opened.emit(form)

    async def _intake_lists_now(
        self,
    ) -> tuple[list[CategoryOption], list[AddressEntry]] | None:
        from models import directory

        language = self.language
        with contextlib.suppress(StoreUnavailable):  # else the lists read before, if any
            self._intake_lists = await self.store.read(
                lambda s: (directory.category_options(s, language), directory.address_book(s))
            )
        return self._intake_lists

    async def _check_point(self, form: IntakeForm, lon: float, lat: float) -> None:
        await self._event_layer()
        from models.events import EventInputError, check_place

        try:
            check = await self.store.read(lambda s: check_place(s, lon, lat))
        except EventInputError as wrong:
            if shiboken6.isValid(form):
                form.show_field_error(
                    wrong.field, event_input_text(wrong, field_caption(wrong.field))
                )
            return
        except StoreUnavailable:
            return  # saving says so; the grid is checked again then
        if shiboken6.isValid(form):  # the operator may have closed the form meanwhile
            form.show_grid_check(check, lon, lat)

    async def _save_intake(
        self, form: IntakeForm, intake: IntakeDraft, skip_duplicates: bool, into: int | None
    ) -> None:
        await self._event_layer()
        from models.events import (
            EventInputError,
            TransitionRefused,
            check_draft,
            check_place,
            possible_duplicates,
        )

        operator = self.operator
        draft = _event_draft(intake)

        def check(session: Session) -> tuple[GridCheck | None, list[DuplicateCandidate]]:
            check_draft(draft)  # a wrong field is named before anything else is asked
            # Then the grid is settled: the form may be saved before its point's check came
            # back.
            place = (
                None if intake.grid_id is not None else check_place(session, intake.lon, intake.lat)
            )
            if (place is not None and place.needs_confirmation) or skip_duplicates:
                return place, []
            return place, possible_duplicates(
                session, intake.category_id, intake.lon, intake.lat, server_now(session)
            )

        try:
            place, candidates = await self.store.read(check)
        except EventInputError as wrong:
            form.show_field_error(wrong.field, event_input_text(wrong, field_caption(wrong.field)))
            return
        except StoreUnavailable:
            self._keep_report(form, intake, into)
            return
        if place is not None and place.needs_confirmation:
            form.require_grid(place, intake.lon, intake.lat)
            return
        if candidates:
            form.show_duplicates(candidates)
            return

        try:
            ref = await self.store.write(
                partial(_write_report, operator=operator, draft=draft, into=into)
            )
        except EventInputError as wrong:
            form.show_field_error(wrong.field, event_input_text(wrong, field_caption(wrong.field)))
            return
        except (TransitionRefused, NotPermitted) as refused:
            text = (
                transition_refused_text(refused)
                if isinstance(refused, TransitionRefused)
                else not_permitted_text(refused)
            )
            form.show_field_error("", text)
            return
        except StoreUnavailable:
            self._keep_report(form, intake, into)
            return
        form.saved()
        await self._publish(ref.id)
        if into is not None:
            await self._publish(into)
        self.event_saved.emit(ref.id if into is None else into)

    # --- the journal (the database is away) ----------------------------------------------------

    def _keep(self, kind: str, data: dict[str, Any], entry_id: str) -> bool:
        """Keep an action in the journal; False (and the operator told) if the disk refused."""
        if self.journal is None:
            raise RuntimeError("no journal attached")  # the window attaches one at once
        try:
            self.journal.append(kind, data, entry_id)
        except OSError as exc:
            log.error("journal %s not written: %s", self.journal.path, exc)
            self._notice(
                QCoreApplication.translate(
                    "EventWork", "数据库断开，且本机日志无法写入（{reason}）：操作未保存"
                ).format(reason=exc.strerror or exc)
            )
            return False
        self.journal_changed.emit(len(self.journal.pending()))
        return True

    def _keep_report(self, form: IntakeForm, intake: IntakeDraft, into: int | None) -> None:
        """Intake while the database is away: check what can be checked here, then keep the
        report in the journal and show it with a provisional code."""
        from models.events import EventInputError, check_draft

        try:
            check_draft(_event_draft(intake))
        except EventInputError as wrong:
            form.show_field_error(wrong.field, event_input_text(wrong, field_caption(wrong.field)))
            return
        assert self.journal is not None
        number = 1 + sum(1 for e in self.journal.pending() if e.kind == "report")
        categories = {c.id: c.name for c in (self._intake_lists or ([], []))[0]}
        report = {
            "operator": asdict(self.operator),
            "draft": _draft_to_json(intake),
            "into": into,
            "provisional_id": -int(uuid.UUID(intake.uid).int % 1_000_000_000) - 1,
            "provisional_code": provisional_code(f"{number:03d}"),
            "category": categories.get(intake.category_id, ""),
            "taken_at": datetime.now(UTC).isoformat(),
        }
        if not self._keep("report", report, intake.uid):
            form.show_field_error("", unavailable_text())
            return
        form.saved()
        self.event_changed.emit(_provisional_row(JournalEntry(intake.uid, "report", report)))
        self._notice(kept_text(QCoreApplication.translate("EventWork", "新建事件")))

    async def _replay(self) -> None:
        await self._event_layer()
        from models.events import EventConflict, EventInputError, EventNotFound, TransitionRefused

        journal = self.journal
        assert journal is not None
        try:
            for entry in journal.pending():
                try:
                    ref = await self.store.write(partial(_replay_entry, entry=entry))
                except StoreUnavailable:
                    return  # still away: the next reconnection tries again
                except (
                    EventConflict,
                    TransitionRefused,
                    NotPermitted,
                    EventInputError,
                    EventNotFound,
                ) as refused:
                    journal.settle(entry.id, "conflict")
                    self.replay_refused.emit(self._refusal(entry, refused))
                    if entry.kind == "report":
                        self.event_withdrawn.emit(entry.data["provisional_id"])
                except Exception as broken:
                    log.error("journal entry %s could not be replayed", entry.id, exc_info=broken)
                    journal.settle(entry.id, "conflict")
                    self.replay_refused.emit(self._refusal(entry, broken))
                else:
                    journal.settle(entry.id, "done")
                    if entry.kind == "report":
                        self.event_withdrawn.emit(entry.data["provisional_id"])
                        if entry.data.get("into") is not None:
                            await self._publish(entry.data["into"])
                    await self._publish(ref.id)
                    if ref.id == self._shown_event:
                        self.show_event(ref.id)
                self.journal_changed.emit(len(journal.pending()))
        finally:
            self._replaying = False

    def _refusal(self, entry: JournalEntry, refused: Exception) -> str:
        from models.events import EventConflict, EventInputError, TransitionRefused

        if isinstance(refused, EventConflict):
            reason = conflict_text(refused)
        elif isinstance(refused, TransitionRefused):
            reason = transition_refused_text(refused)
        elif isinstance(refused, NotPermitted):
            reason = not_permitted_text(refused)
        elif isinstance(refused, EventInputError):
            reason = event_input_text(refused, field_caption(refused.field))
        elif isinstance(refused, LookupError):
            reason = QCoreApplication.translate("EventWork", "事件已不存在")
        else:
            reason = QCoreApplication.translate("EventWork", "记录无法读取（{error}）").format(
                error=type(refused).__name__
            )
        if entry.kind == "report":
            what = entry.data["provisional_code"]
        else:
            what = action_labels().get(entry.data["step"], entry.data["step"])
        return QCoreApplication.translate(
            "EventWork", "断网期间的操作未能提交（{what}）：{reason}"
        ).format(what=what, reason=reason)

    # --- helpers -------------------------------------------------------------------------------

    async def _event_layer(self) -> None:
        """Import the event layer in the helper thread, once, before this thread uses it: it
        imports the geometry library, which must not be imported on two threads at once (the
        helper composes the map page with it at start-up)."""
        if not self._event_layer_ready:
            await self.store.compute(importlib.import_module, "models.events")
            self._event_layer_ready = True

    def _notice(self, text: str) -> None:
        if self.detail_panel is not None:
            self.detail_panel.show_notice(text)

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        self._tasks.spawn(coroutine)


def _proposal_for(
    session: Session, context: DispatchContext, detail: EventDetail, now: datetime
) -> DispatchProposal | None:
    from models import queries
    from models.dispatch import propose

    # Overdue for dispatch means the accept-by clock ran out before acceptance (or is running
    # out now, unaccepted); an event accepted in time is not overdue however long ago that was.
    deadline = detail.accept_deadline
    overdue = deadline is not None and (
        (detail.state == "reported" and now > deadline)
        or (detail.accepted_at is not None and detail.accepted_at > deadline)
    )
    try:
        return propose(
            context,
            mode=queries.current_mode(session),
            priority=detail.priority,
            category_id=detail.category_id,
            grid_id=detail.grid_id,
            zone_id=detail.zone_id,
            is_complex=detail.is_complex,
            overdue=overdue,
        )
    except ValueError:
        log.warning("no dispatch proposal for event %s", detail.code)
        return None


def _event_draft(intake: IntakeDraft) -> EventDraft:
    from models.attachments import AttachmentDraft
    from models.events import EventDraft

    return EventDraft(
        uid=intake.uid,
        source=intake.source,
        category_id=intake.category_id,
        priority=intake.priority,
        lon=intake.lon,
        lat=intake.lat,
        address=intake.address,
        description=intake.description,
        reporter_name=intake.reporter_name,
        reporter_phone=intake.reporter_phone,
        grid_id=intake.grid_id,
        attachments=tuple(AttachmentDraft(name, data) for name, data in intake.attachments),
    )


def _write_report(
    session: Session, *, operator: Operator, draft: EventDraft, into: int | None
) -> EventRef:
    from models.events import report_event, transition

    now = server_now(session)
    ref = report_event(session, operator, draft, now)
    # A replay finds the report already written (and merged): version 1 is a fresh one.
    if into is not None and ref.version == 1:
        ref = transition(session, operator, ref.id, ref.version, "merge", now, into_event_id=into)
    return ref


def _replay_entry(session: Session, *, entry: JournalEntry) -> EventRef:
    """Write one journaled action as its operator took it (idempotent by its client-made id).

    The operator's role is read from the database as it is now, not from the journal: a file on
    the workstation does not grant permissions, and a role changed meanwhile counts.
    """
    from models.entities import OperatorAccount
    from models.events import EventConflict, TransitionRefused, transition

    data = entry.data
    plain = dict(data["operator"])
    account = session.get(OperatorAccount, int(plain["account_id"]))
    if account is None or not account.active:
        raise NotPermitted(str(plain.get("role", "")), "account.active")
    operator = Operator(
        account.id, account.username, account.display_name, account.role, str(plain["post"]), ()
    )
    if entry.kind == "report":
        draft = _event_draft(_draft_from_json(data["draft"]))
        into = data.get("into")
        if into is None:
            return _write_report(session, operator=operator, draft=draft, into=None)
        # The report must not be lost because the event it was to join closed meanwhile.
        savepoint = session.begin_nested()
        try:
            ref = _write_report(session, operator=operator, draft=draft, into=into)
        except (EventConflict, TransitionRefused):
            savepoint.rollback()
            return _write_report(session, operator=operator, draft=draft, into=None)
        savepoint.commit()
        return ref
    taken = datetime.fromisoformat(data["taken_at"]).astimezone(LOCAL_ZONE)
    kept = QCoreApplication.translate("EventWork", "[断网期间 {time} 记录]")
    note = " ".join(p for p in (data["note"], kept.format(time=f"{taken:%H:%M}")) if p)
    return transition(
        session,
        operator,
        data["event_id"],
        data["version"],
        data["step"],
        server_now(session),
        note=note,
        action_uid=entry.id,
        **data["arguments"],
    )


def _draft_to_json(intake: IntakeDraft) -> dict[str, Any]:
    plain = asdict(intake)
    plain["attachments"] = [
        [name, base64.b64encode(data).decode("ascii")] for name, data in intake.attachments
    ]
    return plain


def _draft_from_json(plain: dict[str, Any]) -> IntakeDraft:
    attachments = tuple((name, base64.b64decode(data)) for name, data in plain["attachments"])
    return IntakeDraft(**{**plain, "attachments": attachments})


def _provisional_row(entry: JournalEntry) -> EventRow:
    """How a report kept in the journal shows in the queue until it is written."""
    draft = entry.data["draft"]
    return EventRow(
        id=entry.data["provisional_id"],
        code=entry.data["provisional_code"],
        state="reported",
        priority=draft["priority"],
        category=entry.data["category"],
        source=draft["source"],
        grid_code="",
        community="",
        address=draft["address"],
        description=draft["description"],
        reported_at=datetime.fromisoformat(entry.data["taken_at"]),
        close_deadline=None,
        alarm="none",
        lon=draft["lon"],
        lat=draft["lat"],
    )
