"""The alarm sound of a post: ``resources/sounds/alarm.wav`` through QtMultimedia.

QtMultimedia is loaded at the first alarm, not at start-up; on a machine where it cannot load
(no audio libraries) the post beeps instead. ``GRIDDESK_ALARM_SOUND=off`` keeps it silent (the
tests, a machine without speakers) while the requests still count.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

# Through importlib.resources, so the bundle (where resources/ is data beside the executable)
# finds it as the source tree does.
SOUND_FILE = Path(str(resources.files("resources") / "sounds" / "alarm.wav"))


class AlarmSound(QObject):
    """Plays the alarm sound.

    Signals:
        requested(): the sound was asked for (whether or not a speaker plays it).
    """

    requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        self.requests = 0  # how many times the sound was asked for
        self._unavailable = os.environ.get("GRIDDESK_ALARM_SOUND", "").lower() == "off"

    def play(self) -> None:
        """Sound the alarm once."""
        self.requests += 1
        self.requested.emit()
        if self._unavailable:
            return
        if self._effect is None:
            try:
                from PySide6.QtMultimedia import QSoundEffect
            except ImportError as exc:
                log.info("no audio (%s): the alarm beeps instead", exc)
                self._unavailable = True
                QApplication.beep()
                return
            self._effect = QSoundEffect(self)
            self._effect.setSource(QUrl.fromLocalFile(str(SOUND_FILE)))
            self._effect.setVolume(0.8)
        self._effect.play()
