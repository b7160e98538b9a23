"""GridDesk started as a centre starts it: ``python main.py --db …`` (no ``--demo``) on a real X
server, the log-in dialog typed into with X key events, and what a person then sees."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from models.accounts import attempt_log_in
from models.clock import server_now
from models.db import open_database
from models.demo.accounts import DEMO_PASSWORD
from models.entities import OperatorAction
from tests.e2e.xdesk import SCREEN_SIZE, Desk, Screen, colour_at, distinct_colours, wait_for

pytestmark = pytest.mark.e2e

LOGIN = {"zh_CN": "GridDesk 网格指挥台 — 登录", "en": "GridDesk — Log in"}
POSTS = {
    "zh_CN": {"chief": "值班长", "intake": "受理", "dispatch": "调度", "video": "视频巡查"},
    "en": {
        "chief": "Duty chief",
        "intake": "Intake",
        "dispatch": "Dispatch",
        "video": "Video patrol",
    },
}
QUIT = {"zh_CN": "退出 GridDesk", "en": "Quit GridDesk"}
# The log-in bar: the window is still up this long after the Return that logged in.
STILL_UP_S = 20.0
LOCK_COVER = "#1f2a36"


def _main_title(language: str, post: str) -> str:
    prefix = "GridDesk 网格指挥台 — " if language == "zh_CN" else "GridDesk — "
    return prefix + POSTS[language][post] + " · "


def _audit(url: str, username: str) -> list[str]:
    """The kinds of log-in records of an account, oldest first."""
    from models.entities import OperatorAccount

    database = open_database(url)
    try:
        with database.read() as session:
            account_id = session.scalar(
                select(OperatorAccount.id).where(OperatorAccount.username == username)
            )
            return list(
                session.scalars(
                    select(OperatorAction.kind)
                    .where(OperatorAction.operator_id == account_id)
                    .where(OperatorAction.kind.like("login%"))
                    .order_by(OperatorAction.id)
                )
            )
    finally:
        database.close()


@pytest.mark.parametrize(
    ("post", "language"),
    [("chief", "zh_CN"), ("intake", "en"), ("dispatch", "zh_CN"), ("video", "en")],
)
def test_log_in_through_the_dialog_at_each_post(
    desk: Callable[..., Desk],
    screen: Screen,
    demo_url: str,
    tmp_path: Path,
    post: str,
    language: str,
) -> None:
    griddesk = desk("--db", demo_url, "--lang", language)
    dialog = griddesk.window(LOGIN[language])
    assert screen.focused_title() == LOGIN[language], "the dialog has the keyboard"
    griddesk.log_in(post, DEMO_PASSWORD)  # a new machine: the account's own post is offered
    logged_in = time.monotonic()

    griddesk.window(_main_title(language, post))
    griddesk.gone(LOGIN[language])
    assert dialog not in griddesk.windows()
    wait_for(
        "the window mapped at its size",
        lambda: griddesk.geometry(_main_title(language, post)) == (0, 0, *SCREEN_SIZE),
    )
    wait_for(
        "the window to have the keyboard",
        lambda: screen.focused_title().startswith(_main_title(language, post)),
    )

    # Still up 20 seconds after the log-in, and showing something: the map, the queue.
    while time.monotonic() - logged_in < STILL_UP_S:
        assert griddesk.alive, griddesk.output()
        time.sleep(0.5)
    shot = screen.screenshot(tmp_path / f"{post}-{language}.png")
    assert distinct_colours(shot, (0, 0, *SCREEN_SIZE)) > 50, "the screen is not blank"
    assert griddesk.has_window(_main_title(language, post))

    # Ctrl+Q asks first; cancelled, the post stays; confirmed, GridDesk ends cleanly.
    screen.key("ctrl+q")
    griddesk.window(QUIT[language])
    screen.key("Escape")
    griddesk.gone(QUIT[language])
    assert griddesk.alive and griddesk.has_window(_main_title(language, post))
    wait_for(
        "the keyboard back at the window",
        lambda: screen.focused_title().startswith(_main_title(language, post)),
    )
    screen.key("ctrl+q")
    griddesk.window(QUIT[language])
    screen.key("Return")
    assert griddesk.wait_exit() == 0, griddesk.output()
    assert "Traceback" not in griddesk.output()


def test_wrong_passwords_then_the_locked_account(
    desk: Callable[..., Desk], screen: Screen, demo_url: str
) -> None:
    griddesk = desk("--db", demo_url)
    griddesk.window(LOGIN["zh_CN"])
    griddesk.log_in("dispatch", "Wrong2026x")
    wait_for("the refusal", lambda: _audit(demo_url, "dispatch")[-1:] == ["login.failed"])
    # The dialog stays for another try: the password was cleared, the account kept.
    for attempt in range(4):
        screen.type(f"Wrong{attempt}abc")
        screen.key("Return")
        wait_for(
            "the refusal counted",
            lambda n=attempt: len(_audit(demo_url, "dispatch")) == n + 2,
        )
    assert _audit(demo_url, "dispatch")[-1] == "login.locked"
    screen.type(DEMO_PASSWORD)  # the right one, too late: the account is locked
    screen.key("Return")
    wait_for("the locked refusal", lambda: len(_audit(demo_url, "dispatch")) == 6)
    assert _audit(demo_url, "dispatch")[-1] == "login.locked"
    assert griddesk.alive and griddesk.has_window(LOGIN["zh_CN"])
    assert not any("调度 · " in title for title in griddesk.windows().values())
    screen.key("Escape")  # the operator gives up: GridDesk ends, it does not crash
    assert griddesk.wait_exit() == 0, griddesk.output()


def test_a_post_the_account_may_not_take_keeps_the_password(
    desk: Callable[..., Desk], screen: Screen, demo_url: str
) -> None:
    griddesk = desk("--db", demo_url)
    griddesk.window(LOGIN["zh_CN"])
    screen.type("intake")
    screen.key("Tab")
    screen.type(DEMO_PASSWORD)
    screen.key("Tab")  # to the post: 值班长 is the first post after the account's default
    screen.key("Home", "Down", "Return")
    wait_for("the refusal", lambda: _audit(demo_url, "intake")[-1:] == ["login.refused_post"])
    assert griddesk.has_window(LOGIN["zh_CN"]) and not griddesk.has_window("值班长 · ")
    # The post has the keyboard; the password is still typed in: one key down to 受理.
    screen.key("Down", "Return")
    griddesk.window(_main_title("zh_CN", "intake"))
    assert _audit(demo_url, "intake")[-1] == "login"
    assert griddesk.alive


def test_ctrl_l_locks_and_the_password_unlocks(
    desk: Callable[..., Desk], screen: Screen, demo_url: str, tmp_path: Path
) -> None:
    griddesk = desk("--db", demo_url, "--user", "chief")
    griddesk.window(LOGIN["zh_CN"])
    # --user fills the account: the cursor is in the password.
    screen.type(DEMO_PASSWORD)
    screen.key("Return")
    title = _main_title("zh_CN", "chief")
    griddesk.window(title)
    wait_for("the window to have the keyboard", lambda: screen.focused_title().startswith(title))

    screen.key("ctrl+l")
    x, y, width, height = griddesk.geometry("屏幕已锁定")
    # Nothing of the events shows: the window is covered all round the lock dialog.
    corners = ((20, 60), (SCREEN_SIZE[0] - 20, SCREEN_SIZE[1] - 20), (x - 20, y + 5))

    def covered() -> Path | None:
        shot = screen.screenshot(tmp_path / "locked.png")
        return shot if all(colour_at(shot, *c) == LOCK_COVER for c in corners) else None

    shot = wait_for("the cover drawn", covered, timeout=10)
    assert distinct_colours(shot, (x, y, width, height), step=3) > 5, "the dialog is drawn"

    screen.type("Wrong2026x")
    screen.key("Return")
    wait_for("the wrong password counted", lambda: _unlocks(demo_url) == ["unlock.failed"])
    assert griddesk.has_window("屏幕已锁定")
    screen.key("ctrl+q")  # no way out of the lock but the password
    time.sleep(1)
    assert not griddesk.has_window(QUIT["zh_CN"]) and griddesk.alive

    screen.type(DEMO_PASSWORD)
    screen.key("Return")
    griddesk.gone("屏幕已锁定")
    assert griddesk.has_window(title) and griddesk.alive
    wait_for("the keyboard back at the window", lambda: screen.focused_title().startswith(title))
    shot = wait_for(
        "the window drawn again",
        lambda: (lambda shot: shot if colour_at(shot, 20, 60) != LOCK_COVER else None)(
            screen.screenshot(tmp_path / "unlocked.png")
        ),
        timeout=10,
    )
    assert distinct_colours(shot, (0, 0, *SCREEN_SIZE)) > 50


def _unlocks(url: str) -> list[str]:
    database = open_database(url)
    try:
        with database.read() as session:
            return list(
                session.scalars(
                    select(OperatorAction.kind)
                    .where(OperatorAction.kind.like("unlock%"))
                    .order_by(OperatorAction.id)
                )
            )
    finally:
        database.close()


# (post, its label, the day operator and name, the night operator and name)
HANDOVER_POSTS = (
    ("dispatch", "调度", "dispatch", "王敏", "dispatch_night", "吴刚"),
    ("intake", "受理", "intake", "李娜", "intake_night", "孙丽"),
    ("video", "视频巡查", "video", "刘洋", "video_night", "郑洁"),
)


def _hand_over(url: str) -> tuple[int, tuple[str, str, str, str, str, str]]:
    """Submit a handover, as the day operator, at the first post where the shift running now
    has none and none waits (the demo's history follows the real clock): its id and post."""
    from models import handover

    database = open_database(url)
    try:
        for choice in HANDOVER_POSTS:
            post, _label, outgoing_name = choice[0], choice[1], choice[2]
            with database.write() as session:
                now = server_now(session)
                window, _following = handover.current_window(session, now)
                if (
                    handover.unsigned_handover(session, post) is not None
                    or handover.handover_id_of_shift(session, post, window) is not None
                ):
                    continue
                outgoing = attempt_log_in(session, outgoing_name, DEMO_PASSWORD, post, now)
                assert not isinstance(outgoing, Exception)
                return handover.submit_handover(
                    session, outgoing, notes="夜间注意积水", pending=[], now=now
                ), choice
    finally:
        database.close()
    raise AssertionError("every post has a handover of this shift already")


def test_the_incoming_operator_logs_in_in_the_handover_and_takes_over(
    desk: Callable[..., Desk], screen: Screen, demo_url: str
) -> None:
    from models import handover

    handover_id, (post, label, outgoing, outgoing_name, incoming, incoming_name) = _hand_over(
        demo_url
    )
    griddesk = desk("--db", demo_url, "--user", outgoing)
    griddesk.window(LOGIN["zh_CN"])
    screen.type(DEMO_PASSWORD)
    screen.key("Return")
    title = _main_title("zh_CN", post)
    griddesk.window(title + outgoing_name)
    wait_for("the window to have the keyboard", lambda: screen.focused_title().startswith(title))
    screen.key("alt+s", "h")  # 值班 → 交接班
    griddesk.window(f"交接班 — {label}")
    # The incoming operator logs in in the dialog (the account field has the cursor), signs.
    screen.type(incoming)
    screen.key("Tab")
    screen.type(DEMO_PASSWORD)
    screen.key("Return")
    wait_for("the incoming log-in", lambda: _audit(demo_url, incoming)[-1:] == ["login"])
    screen.key("Return")  # 确认接班 has the keyboard once logged in
    griddesk.window(title + incoming_name)  # the window is the incoming operator's now
    assert griddesk.alive and not griddesk.has_window(title + outgoing_name)
    database = open_database(demo_url)
    try:
        with database.read() as session:
            record = handover.handover_record(session, handover_id)
    finally:
        database.close()
    assert (record.outgoing_name, record.incoming_name) == (outgoing_name, incoming_name)
    assert record.acknowledged_at is not None


def test_a_database_away_at_start_is_said_and_can_be_retried(
    desk: Callable[..., Desk], screen: Screen
) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    griddesk = desk("--db", f"postgresql+psycopg://postgres@127.0.0.1:{port}/griddesk")
    griddesk.window("GridDesk")
    wait_for("the message", lambda: "GridDesk" in griddesk.windows().values())
    screen.key("Return")  # 重试: the server is still away, so it says so again
    time.sleep(1)
    wait_for("the message again", lambda: "GridDesk" in griddesk.windows().values())
    assert griddesk.alive
    screen.key("Escape")  # 退出
    assert griddesk.wait_exit() == 2
    lines = [line for line in griddesk.output().splitlines() if "无法连接数据库" in line]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0], griddesk.output()
    assert "Traceback" not in griddesk.output()


def test_a_screenshot_after_the_log_in_dialog(
    desk: Callable[..., Desk], demo_url: str, tmp_path: Path
) -> None:
    # The window loads while the dialog hands over the keyboard: the screenshot must still see
    # the queue loaded and the map drawn, not wait for news it missed (the bundle's smoke test
    # found it timing out).
    picture = tmp_path / "after-login.png"
    griddesk = desk("--db", demo_url, "--screenshot", str(picture))
    griddesk.window(LOGIN["zh_CN"])
    griddesk.log_in("chief", DEMO_PASSWORD)
    assert griddesk.wait_exit(timeout=90) == 0, griddesk.output()
    assert distinct_colours(picture, (0, 0, 1600, 1000)) > 50, "the picture is not blank"
