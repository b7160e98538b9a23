"""The operator's work on events: intake, the detail panel's actions, dispatch proposals.

It wires the panels (which show and ask) to the domain (which checks and writes) through the
store, so every read and write runs in the database worker. After each write exactly the
changed event is read back and applied in place to the queue, the map and the detail panel.
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from desktop.messages import (
    conflict_text,
    event_input_text,
    not_permitted_text,
    transition_refused_text,
    unavailable_text,
)
from desktop.store import Store, StoreUnavailable
from desktop.tasks import BackgroundTasks
from models.accounts import NotPermitted, Operator, permitted_actions
from models.clock import server_now
from models.snapshots import (
    DispatchProposal,
    DuplicateCandidate,
    EventDetail,
    EventRow,
    GridCheck,
    GridChoice,
    IntakeDraft,
)
from widgets.event_detail import EventDetailPanel, assignee_choices
from widgets.intake_form import IntakeForm, field_caption

if TYPE_CHECKING:
    from models.dispatch import DispatchContext
    from models.events import EventDraft, EventRef

log = logging.getLogger(__name__)

# The event layer (and the geometry library under it) is imported when an event is first worked
# on — in the database worker, where the first reads run — not while the post starts up.


class EventWork(QObject):
    """Intake and event actions of one post.

    Signals:
        event_changed(EventRow): an event this post wrote, as the queue and map show it now.
        showing(int): the detail panel is about to show this event.
    """

    event_changed = Signal(EventRow)
    showing = Signal(int)

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

    def cancel(self) -> None:
        """Stop what is under way (the window is closing)."""
        self._tasks.cancel_all()

    # --- reading -----------------------------------------------------------------------------

    async def _load_detail(self, event_id: int) -> None:
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
            allowed = events.available_transitions(
                detail.state, detail.escalated, permitted_actions(session, operator.role)
            )
            proposal: DispatchProposal | None = None
            options: list[Any] = []
            grids: tuple[GridChoice, ...] = ()
            loaded = context or DispatchContext.load(session, language)
            if "dispatch" in allowed or "reassign" in allowed:
                now = server_now(session)
                proposal = _proposal_for(session, loaded, detail, now)
                options = directory.assignee_options(session, detail.grid_id)
                # An event placed by its point alone, near a grid's edge or outside every grid:
                # the operator confirms the grid before the proposal is trusted.
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

    async def _load_attachment(self, attachment_id: int) -> None:
        from models.events import attachment_data

        try:
            data = await self.store.read(lambda s: attachment_data(s, attachment_id))
        except (LookupError, StoreUnavailable):
            return
        if self.detail_panel is not None:
            self.detail_panel.show_attachment_data(attachment_id, data)

    # --- writing -------------------------------------------------------------------------------

    def _on_action(self, kind: str, event_id: int, version: int, arguments: dict[str, Any]) -> None:
        self._spawn(self._act(kind, event_id, version, dict(arguments)))

    async def _act(self, kind: str, event_id: int, version: int, arguments: dict[str, Any]) -> None:
        from models.events import EventConflict, EventInputError, TransitionRefused, transition

        operator, language = self.operator, self.language
        note = str(arguments.pop("note", ""))
        arguments = {k: v for k, v in arguments.items() if v is not None}

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
            self._notice(unavailable_text())
            return
        else:
            self.show_event(event_id)
        await self._publish(event_id)

    async def _publish(self, event_id: int) -> None:
        from models.events import EventNotFound, event_row

        language = self.language
        try:
            row = await self.store.read(lambda s: event_row(s, event_id, server_now(s), language))
        except (EventNotFound, StoreUnavailable):
            return
        self.event_changed.emit(row)

    async def _open_intake(self, parent: QWidget) -> None:
        from models import directory

        language = self.language
        try:
            categories, addresses = await self.store.read(
                lambda s: (directory.category_options(s, language), directory.address_book(s))
            )
        except StoreUnavailable:
            self._notice(unavailable_text())
            return
        form = IntakeForm(categories, addresses, parent)
        form.save_requested.connect(
            lambda draft, anyway: self._spawn(self._save_intake(form, draft, anyway, None))
        )
        form.merge_requested.connect(
            lambda draft, into: self._spawn(self._save_intake(form, draft, True, into))
        )
        form.point_changed.connect(lambda lon, lat: self._spawn(self._check_point(form, lon, lat)))
        form.finished.connect(form.deleteLater)
        form.open()

    async def _check_point(self, form: IntakeForm, lon: float, lat: float) -> None:
        from models.events import EventInputError, check_place

        try:
            check = await self.store.read(lambda s: check_place(s, lon, lat))
        except EventInputError as wrong:
            form.show_field_error(wrong.field, event_input_text(wrong, field_caption(wrong.field)))
            return
        except StoreUnavailable:
            return  # saving says so; the grid is checked again then
        form.show_grid_check(check, lon, lat)

    async def _save_intake(
        self, form: IntakeForm, intake: IntakeDraft, skip_duplicates: bool, into: int | None
    ) -> None:
        from models.events import (
            EventInputError,
            TransitionRefused,
            check_draft,
            check_place,
            possible_duplicates,
            report_event,
            transition,
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
            form.show_field_error("", unavailable_text())
            return
        if place is not None and place.needs_confirmation:
            form.require_grid(place, intake.lon, intake.lat)
            return
        if candidates:
            form.show_duplicates(candidates)
            return

        def write(session: Session) -> EventRef:
            now = server_now(session)
            ref = report_event(session, operator, draft, now)
            # A replay finds the report already written (and merged): version 1 is a fresh one.
            if into is not None and ref.version == 1:
                ref = transition(
                    session, operator, ref.id, ref.version, "merge", now, into_event_id=into
                )
            return ref

        try:
            ref = await self.store.write(write)
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
            form.show_field_error("", unavailable_text())
            return
        form.saved()
        await self._publish(ref.id)
        if into is not None:
            await self._publish(into)
        self.show_event(ref.id if into is None else into)

    # --- helpers -------------------------------------------------------------------------------

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
