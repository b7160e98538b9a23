"""The shift handover and the duty log at one post: the wiring between their panels and the
domain (``models.handover``, ``models.duty_log``), beside the main window.

- The duty-log panel writes signed entries and searches the log, through the store.
- The handover is offered as the shift ends (a timer from the centre's shift pattern) by a notice
  in the menu bar, until the post has handed over; the notice and the menu open the dialog. An
  offer never opens the dialog by itself: a window that popped up at 19:50 would take the
  keyboard from the queue or a camera launcher in mid-keystroke. In the dialog the outgoing
  operator submits; the incoming operator logs in at this post (or, logged in already, finds the
  handover waiting when the window starts), disputes items and signs; the window is then
  theirs.
- The chief's review lists and reviews the handovers and exports them as PDF or XLSX.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.messages import login_refused_text, unavailable_text
from desktop.store import StoreUnavailable
from desktop.tasks import BackgroundTasks
from models import duty_log, handover
from models.accounts import LoginRefused, Operator, attempt_log_in, permitted_actions
from models.clock import server_now
from models.entities import OperatorAccount
from models.snapshots import (
    DisputeRow,
    DutyLogDraft,
    DutyLogRow,
    HandoverRecord,
    HandoverReview,
    HandoverSnapshot,
    HandoverSummary,
    PendingItem,
    RosterInfo,
    ShiftWindow,
)
from models.workdays import LOCAL_ZONE
from widgets.duty_log import DutyLogPanel
from widgets.handover_dialog import HandoverDialog
from widgets.handover_export import write_pdf, write_xlsx
from widgets.handover_notice import HandoverNotice
from widgets.handover_review import HandoverReviewDialog
from widgets.roster_dialog import RosterDialog

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

log = logging.getLogger(__name__)

# A timer that waits for the next offer wakes at least this often, so a sleep or a clock jump
# delays the offer by this much at most.
OFFER_CHECK_MS = 10 * 60 * 1000


def handover_refused_text(refusal: handover.HandoverRefused) -> str:
    """Why a handover step was refused, for the operator."""
    texts = {
        "already": QCoreApplication.translate("handover", "本班次在本岗位已提交交班"),
        "too_long": QCoreApplication.translate("handover", "内容过长"),
        "too_many": QCoreApplication.translate("handover", "待办事项过多（最多 50 项）"),
        "item_required": QCoreApplication.translate("handover", "待办事项不能为空"),
        "unknown_event": QCoreApplication.translate("handover", "没有编号为 {code} 的事件"),
        "not_found": QCoreApplication.translate("handover", "没有这条交接班记录"),
        "other_post": QCoreApplication.translate("handover", "只能在交班的岗位接班"),
        "same_operator": QCoreApplication.translate("handover", "交班人不能为自己接班"),
        "already_signed": QCoreApplication.translate("handover", "该交接班已由他人签收"),
        "note_required": QCoreApplication.translate("handover", "异议须填写说明"),
        "unknown_item": QCoreApplication.translate("handover", "异议的项目不在交接内容中"),
        "no_shift": QCoreApplication.translate("handover", "尚未设置班次"),
        "unknown_operator": QCoreApplication.translate("handover", "该值班员不能在此岗位值班"),
        "unknown_pattern": QCoreApplication.translate("handover", "未知的班制"),
    }
    return texts.get(refusal.reason, refusal.reason).format(code=refusal.detail)


HANDOVER_REFUSALS: dict[type[Exception], Callable[[Any], str]] = {
    handover.HandoverRefused: handover_refused_text
}


def duty_log_refused_text(refusal: duty_log.DutyLogRefused) -> str:
    """Why a duty-log entry was refused, for the operator."""
    texts = {
        "kind": QCoreApplication.translate("handover", "未知的记录类别"),
        "text_required": QCoreApplication.translate("handover", "请填写记录内容"),
        "too_long": QCoreApplication.translate("handover", "记录内容过长（最多 2000 字）"),
        "unknown_event": QCoreApplication.translate("handover", "没有这个编号的事件"),
        "unknown_entry": QCoreApplication.translate("handover", "要更正的记录不存在"),
        "other_post": QCoreApplication.translate("handover", "只能更正本岗位的记录"),
    }
    return texts.get(refusal.reason, refusal.reason)


class HandoverWork(QObject):
    """The duty log, the handover and its review, for one window.

    Signals:
        dialog_shown(HandoverDialog): the handover dialog is up (offered or asked for).
        handover_signed(int): the handover of this id was signed at this window.
        review_shown(HandoverReviewDialog): the chief's review is up.
        exported(str): a file was written.
    """

    dialog_shown = Signal(object)
    handover_signed = Signal(int)
    review_shown = Signal(object)
    exported = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = window.store
        self.dialog: HandoverDialog | None = None
        self.review_dialog: HandoverReviewDialog | None = None
        self._record: HandoverRecord | None = None
        self._incoming: Operator | None = None  # logged in through the dialog, not the window
        self._offered: set[tuple[int, date]] = set()  # shifts offered already (alerted once)
        self._tasks = BackgroundTasks("handover task")
        self._offer = QTimer(self)
        self._offer.setSingleShot(True)
        self._offer.timeout.connect(lambda: self._spawn(self._check_offer()))
        self.handover_action = QAction(self.tr("交接班(&H)…"), self)
        self.review_action = QAction(self.tr("交接班审阅…"), self)
        self.review_action.setEnabled(False)  # the chief's, once the permissions are read
        self.roster_action = QAction(self.tr("排班…"), self)
        self.roster_action.setEnabled(False)
        self.roster_action.triggered.connect(lambda: self._spawn(self.open_roster()))
        self.roster_dialog: RosterDialog | None = None
        self.handover_action.triggered.connect(lambda: self._spawn(self.open_handover()))
        self.notice = HandoverNotice(window)
        self.notice.open_requested.connect(self.handover_action.trigger)
        # The menu bar's height does not change with it: nothing the operator aims at moves.
        window.menuBar().setCornerWidget(self.notice, Qt.Corner.TopRightCorner)
        self.review_action.triggered.connect(lambda: self._spawn(self.open_review()))
        window.panels.duty_log.when_built(self._attach_log_panel)

    def fill_menu(self, menu: QMenu) -> None:
        """Put the handover's actions in the duty menu."""
        menu.addAction(self.handover_action)
        menu.addAction(self.review_action)
        menu.addAction(self.roster_action)

    def start(self) -> None:
        """After log-in: a handover waiting at this post is shown; the offer is timed."""
        self._spawn(self._check_offer(at_start=True))

    def stop(self) -> None:
        """The window is closing."""
        self._offer.stop()
        self._tasks.cancel_all()

    def permissions_known(self, permissions: frozenset[str]) -> None:
        """Enable what the operator's role may do."""
        self.review_action.setEnabled("handover.review" in permissions)
        self.roster_action.setEnabled("roster.edit" in permissions)

    def duty_changed(self) -> None:
        """Another post (or this one) wrote to the log or a handover: refresh what shows it."""
        panel = self.window.panels.duty_log.content
        if panel is not None:
            panel.request_search()
        if self.roster_dialog is not None and self.roster_dialog.isVisible():
            self._roster_day_requested(self.roster_dialog.day.date().toPython())

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    @property
    def operator(self) -> Operator:
        """Who works at the window now (it changes when a handover is signed here)."""
        return self.window.operator

    # --- the duty log ------------------------------------------------------------------------

    def _attach_log_panel(self, panel: DutyLogPanel) -> None:
        panel.entry_requested.connect(lambda draft: self._spawn(self._write_entry(panel, draft)))
        panel.search_requested.connect(
            lambda text, kind, everywhere: self._spawn(self._search(panel, text, kind, everywhere))
        )
        panel.event_selected.connect(self.window.select_event)
        panel.request_search()

    async def _write_entry(self, panel: DutyLogPanel, draft: DutyLogDraft) -> None:
        operator = self.operator
        done, _ = await self.store.write_saying(
            lambda s: duty_log.write_entry(s, operator, draft, server_now(s)),
            panel.refuse,
            {duty_log.DutyLogRefused: duty_log_refused_text},
        )
        if not done:
            return
        panel.entry_written()
        panel.request_search()

    async def _search(
        self, panel: DutyLogPanel, text: str, kind: str | None, everywhere: bool
    ) -> None:
        post = None if everywhere else self.operator.post
        try:
            rows: list[DutyLogRow] = await self.store.read(
                partial(duty_log.log_entries, post=post, text=text, kind=kind)
            )
        except StoreUnavailable:
            return
        panel.set_entries(rows)

    # --- the handover ------------------------------------------------------------------------

    async def _check_offer(self, *, at_start: bool = False) -> None:
        """Show a handover waiting for this operator to sign (at log-in); offer the handover of
        the shift that is ending, by the notice; time the next look."""
        post, me = self.operator.post, self.operator.account_id

        def read(
            session: Session,
        ) -> tuple[datetime, ShiftWindow, HandoverRecord | None, bool, frozenset[str]]:
            now = server_now(session)
            window, _ = handover.current_window(session, now)
            waiting = handover.unsigned_handover(session, post)
            submitted = handover.handover_id_of_shift(session, post, window) is not None
            return now, window, waiting, submitted, permitted_actions(session, self.operator.role)

        try:
            now, window, waiting, submitted, allowed = await self.store.read(read)
        except (StoreUnavailable, handover.HandoverRefused):
            self._offer.start(OFFER_CHECK_MS)
            return
        if (
            at_start
            and waiting is not None
            and waiting.outgoing_id != me
            and (self.dialog is None or not self.dialog.isVisible())
        ):
            self._show_dialog().show_incoming(waiting, self.operator.display_name)
            self._record = waiting
        if not submitted and "handover.submit" in allowed and handover.offer_at(window) <= now:
            self.notice.show_offer(window)
            if (window.shift_id, window.shift_date) not in self._offered:
                self._offered.add((window.shift_id, window.shift_date))
                QApplication.alert(self.window)  # the taskbar says so; the keyboard stays put
        else:
            self.notice.hide()
        moment = handover.offer_at(window)
        if moment <= now:
            moment = window.handover_at + handover.LATE_HANDOVER  # then the next shift's
        wait = (moment - now).total_seconds() * 1000
        self._offer.start(int(min(max(wait, 1000), OFFER_CHECK_MS)))

    def _show_dialog(self) -> HandoverDialog:
        if self.dialog is None:
            dialog = HandoverDialog(self.operator.post, self.window)
            dialog.submit_requested.connect(
                lambda notes, items: self._spawn(self._submit(notes, items))
            )
            dialog.login_requested.connect(lambda u, p: self._spawn(self._log_in(u, p)))
            dialog.acknowledge_requested.connect(
                lambda disputes, note: self._spawn(self._acknowledge(disputes, note))
            )
            self.dialog = dialog
        self.window.show_unless_locked(self.dialog)  # an offer waits behind the screen lock
        self.dialog_shown.emit(self.dialog)
        return self.dialog

    async def open_handover(self) -> None:
        """Show this post's handover as it stands: to hand over, to sign, or signed. Asked for
        (the menu, the offer's notice), so the dialog takes the keyboard."""
        post, me = self.operator.post, self.operator.account_id
        language = self.window.language

        def read(
            session: Session,
        ) -> tuple[
            ShiftWindow,
            RosterInfo,
            HandoverSnapshot | None,
            HandoverRecord | None,
            HandoverRecord | None,
        ]:
            now = server_now(session)
            window, following = handover.current_window(session, now)
            waiting = handover.unsigned_handover(session, post, language)
            existing = handover.handover_of_shift(session, post, window, language)
            snapshot = None
            if existing is None and (waiting is None or waiting.outgoing_id == me):
                snapshot = handover.take_snapshot(session, post, window, following, now, language)
            roster = handover.roster_info(session, window.shift_id, window.shift_date)
            return window, roster, snapshot, existing, waiting

        try:
            window, roster, snapshot, existing, waiting = await self.store.read(read)
        except StoreUnavailable:
            return
        except handover.HandoverRefused as refused:
            self.window.statusBar().showMessage(handover_refused_text(refused), 10_000)
            return
        self._incoming = None
        dialog = self._show_dialog()
        dialog.raise_()
        dialog.activateWindow()
        if waiting is not None and waiting.outgoing_id != me:
            self._record = waiting
            dialog.show_incoming(waiting, self.operator.display_name)
        elif snapshot is not None:
            self._record = None
            dialog.show_outgoing(window, roster, snapshot, self.operator.display_name)
        elif existing is not None and existing.acknowledged_at is None:
            self._record = existing
            dialog.show_incoming(existing, None)  # the incoming operator logs in here
        elif existing is not None:
            self._record = existing
            dialog.show_signed(existing)

    async def _written(self, write: Callable[[Session], HandoverRecord]) -> HandoverRecord | None:
        """Run a handover write that returns the record as it leaves it; a refusal is said in
        the dialog (and None returned)."""
        dialog = self.dialog
        assert dialog is not None
        _done, record = await self.store.write_saying(write, dialog.refuse, HANDOVER_REFUSALS)
        return record

    async def _submit(self, notes: str, items: list[PendingItem]) -> None:
        language = self.window.language
        operator = self.operator

        def write(session: Session) -> HandoverRecord:
            handover_id = handover.submit_handover(
                session, operator, notes=notes, pending=items, now=server_now(session)
            )
            return handover.handover_record(session, handover_id, language)

        record = await self._written(write)
        if record is not None:
            self.notice.hide()
        if record is not None and self.dialog is not None:
            self._record = record
            self.dialog.show_incoming(record, None)

    async def _log_in(self, username: str, password: str) -> None:
        post = self.operator.post
        dialog = self.dialog
        record = self._record
        assert dialog is not None and record is not None
        try:
            result = await self.store.write(
                lambda s: attempt_log_in(s, username, password, post, server_now(s))
            )
        except StoreUnavailable:
            dialog.refuse(unavailable_text())
            return
        if isinstance(result, LoginRefused):
            dialog.refuse(login_refused_text(result))
            return
        if result.account_id == record.outgoing_id:
            dialog.refuse(handover_refused_text(handover.HandoverRefused("same_operator")))
            return
        self._incoming = result
        dialog.logged_in(result.display_name)

    async def _acknowledge(self, disputes: list[DisputeRow], note: str) -> None:
        language = self.window.language
        signer = self._incoming or self.operator
        assert self._record is not None
        handover_id = self._record.id

        def write(session: Session) -> HandoverRecord:
            handover.acknowledge_handover(
                session, signer, handover_id, disputes=disputes, note=note, now=server_now(session)
            )
            return handover.handover_record(session, handover_id, language)

        signed = await self._written(write)
        if signed is None or self.dialog is None:
            return
        self._record = signed
        self.dialog.show_signed(signed)
        if signer.account_id != self.operator.account_id:
            self.window.take_over(signer)  # the incoming operator has the post now
        self._incoming = None
        self.handover_signed.emit(handover_id)

    # --- the chief's review -----------------------------------------------------------------

    async def open_review(self) -> None:
        """The chief's review of the handovers, on the last week's."""

        def read(session: Session) -> tuple[datetime, list[tuple[int, str]]]:
            accounts = session.execute(
                select(OperatorAccount.id, OperatorAccount.display_name)
                .where(OperatorAccount.active.is_(True), OperatorAccount.role != "admin")
                .order_by(OperatorAccount.id)
            ).all()
            return server_now(session), [(a, n) for a, n in accounts]

        try:
            now, operators = await self.store.read(read)
        except StoreUnavailable:
            return
        if self.review_dialog is None:
            dialog = HandoverReviewDialog(now.astimezone(LOCAL_ZONE).date(), self.window)
            dialog.set_operators(operators)
            dialog.search_requested.connect(
                lambda since, until, post, who: self._spawn(
                    self._list_handovers(since, until, post, who)
                )
            )
            dialog.handover_selected.connect(lambda i: self._spawn(self._show_review(i)))
            dialog.export_requested.connect(
                lambda kind, whole, path: self._spawn(self.export(kind, whole, Path(path)))
            )
            self.review_dialog = dialog
        self.review_dialog.show()
        self.review_dialog.request_search()
        self.review_shown.emit(self.review_dialog)

    # --- the roster ---------------------------------------------------------------------------

    async def open_roster(self) -> None:
        """The chief's roster, on today's shifts."""
        try:
            now = await self.store.read(server_now)
        except StoreUnavailable:
            self.window.statusBar().showMessage(unavailable_text(), 10_000)
            return
        if self.roster_dialog is None:
            dialog = RosterDialog(now.astimezone(LOCAL_ZONE).date(), self.window)
            dialog.day_requested.connect(self._roster_day_requested)
            dialog.pattern_requested.connect(
                lambda pattern: self._spawn(
                    self._roster_write(
                        lambda s: handover.set_centre_pattern(s, self.operator, pattern)
                    )
                )
            )
            dialog.operator_chosen.connect(
                lambda shift_id, day, post, account_id: self._spawn(
                    self._roster_write(
                        lambda s: handover.assign_roster(
                            s,
                            self.operator,
                            shift_id=shift_id,
                            day=day,
                            post=post,
                            account_id=account_id,
                            now=server_now(s),
                        )
                    )
                )
            )
            dialog.leader_chosen.connect(
                lambda shift_id, day, staff_id: self._spawn(
                    self._roster_write(
                        lambda s: handover.assign_leader(
                            s, self.operator, shift_id=shift_id, day=day, staff_id=staff_id
                        )
                    )
                )
            )
            self.roster_dialog = dialog
        self.roster_dialog.show()
        self.roster_dialog.raise_()
        self._roster_day_requested(self.roster_dialog.day.date().toPython())

    def _roster_day_requested(self, day: object) -> None:
        if isinstance(day, date):
            self._spawn(self._show_roster(day))

    async def _show_roster(self, day: date) -> None:
        try:
            roster = await self.store.read(lambda s: handover.roster_day(s, day))
        except StoreUnavailable:
            if self.roster_dialog is not None:
                self.roster_dialog.show_error(unavailable_text())
            return
        if self.roster_dialog is not None:
            self.roster_dialog.show_day(roster)

    async def _roster_write(self, write: Callable[[Session], None]) -> None:
        dialog = self.roster_dialog
        assert dialog is not None
        refusals: list[str] = []
        await self.store.write_saying(write, refusals.append, HANDOVER_REFUSALS)
        # Shown again as the database has it (a refused choice put back), then why.
        day = dialog.day.date().toPython()
        if isinstance(day, date):
            await self._show_roster(day)
        for text in refusals:
            dialog.show_error(text)

    async def _list_handovers(
        self, since: date, until: date, post: str | None, operator_id: int | None
    ) -> None:
        try:
            rows: list[HandoverSummary] = await self.store.read(
                partial(
                    handover.handover_list,
                    since=since,
                    until=until,
                    post=post,
                    operator_id=operator_id,
                )
            )
        except StoreUnavailable:
            return
        if self.review_dialog is not None:
            self.review_dialog.set_handovers(rows)

    async def _show_review(self, handover_id: int) -> None:
        language = self.window.language
        try:
            found: HandoverReview = await self.store.read(
                lambda s: handover.review(s, handover_id, server_now(s), language)
            )
        except StoreUnavailable:
            return
        if self.review_dialog is not None:
            self.review_dialog.show_review(found)

    async def export(self, kind: str, whole_range: bool, path: Path) -> None:
        """Write the selected handover, or every one of the chosen days (and post), to a PDF
        or XLSX file."""
        dialog = self.review_dialog
        assert dialog is not None
        since, until = dialog.date_range()
        post = dialog.post.currentData()
        selected = dialog.selected_id()
        language = self.window.language

        def read(session: Session) -> list[HandoverReview]:
            now = server_now(session)
            if whole_range:
                return handover.reviews_between(session, since, until, now, post, language)
            return [] if selected is None else [handover.review(session, selected, now, language)]

        try:
            reviews = await self.store.read(read)
        except StoreUnavailable:
            dialog.say(unavailable_text())
            return
        try:
            with path.open(
                "ab"
            ):  # a file that cannot be written is said now (QPdfWriter is silent)
                pass
            if kind == "pdf":
                write_pdf(reviews, path)  # Qt's text layout belongs to the GUI thread
            else:
                await self.store.compute(write_xlsx, reviews, path)
        except OSError as exc:
            dialog.say(self.tr("无法写入 {path}：{reason}").format(path=path, reason=exc.strerror))
            return
        dialog.say(self.tr("已导出 {n} 条交接班记录到 {path}").format(n=len(reviews), path=path))
        self.exported.emit(str(path))
