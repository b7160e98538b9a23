"""GridDesk's log: one handler, on standard error, and everything it writes is redacted.

Whatever reaches the log — a line of ours, a traceback (its exception text may quote a URL), a
Python warning, a message of Qt's (its multimedia backend quotes the stream it was given), an
exception no one caught in the main thread or another — goes through the one formatter, which
passes the whole formatted text through ``models.redaction.redact``.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from models.redaction import redact

FORMAT = "%(levelname)s %(name)s: %(message)s"
log = logging.getLogger("griddesk")


class RedactingFormatter(logging.Formatter):
    """A formatter whose every line, traceback included, has its secrets taken out."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as text, redacted."""
        return redact(super().format(record))


def install_logging(level: int = logging.WARNING) -> None:
    """Send the log to standard error through the redacting formatter; route uncaught
    exceptions, warnings and Qt's messages there too. Replaces any handler installed before."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter(FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    sys.excepthook = _uncaught
    threading.excepthook = _uncaught_in_thread
    _route_qt_messages()


def _uncaught(
    kind: type[BaseException], value: BaseException, traceback: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)
        return
    log.critical("uncaught exception", exc_info=(kind, value, traceback))


def _uncaught_in_thread(arguments: threading.ExceptHookArgs) -> None:
    if arguments.exc_value is None:
        return
    log.error(
        "uncaught exception in thread %s",
        arguments.thread.name if arguments.thread else "?",
        exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback),
    )


def _route_qt_messages() -> None:
    # Imported here: the command line's subcommands need no Qt messages routed before Qt runs,
    # and the import is cheap once the CLI has QtCore loaded anyway.
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or "qt"
        qt_log.log(levels.get(kind, logging.WARNING), "%s: %s", category, message)

    qInstallMessageHandler(handler)
