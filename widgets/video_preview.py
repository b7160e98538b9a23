"""The in-app preview of a camera: what QtMultimedia can play (``http`` streams, ``rtsp`` where
its FFmpeg backend supports it), and a clear line when it cannot.

The player's own error text is not shown as it is: it may quote the URL, which may carry the
stream's credentials. The widget reports it (``failed``) and shows what the shell hands back
(``show_problem``), with the secrets taken out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def _multimedia() -> tuple[Any, Any, str]:
    """(QMediaPlayer, QVideoWidget, "") or (None, None, why not). Imported when a preview is
    first made, not at start-up: QtMultimedia loads its backend then, and needs system libraries
    a machine may lack — the preview then says so."""
    try:
        from PySide6.QtMultimedia import QMediaPlayer
        from PySide6.QtMultimediaWidgets import QVideoWidget
    except ImportError as exc:  # pragma: no cover - depends on the machine
        return None, None, str(exc)
    return QMediaPlayer, QVideoWidget, ""


class VideoPreview(QWidget):
    """Plays one stream.

    Signals:
        failed(str): the player could not play the stream (its words, unredacted: for the
            shell to clean before anything shows them).
        playing(): the first picture arrived.
    """

    failed = Signal(str)
    playing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The credentials of the stream playing, which the player's words must not show (the
        # shell takes them out of ``failed`` texts).
        self.secrets: tuple[str, ...] = ()
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        media_player, video_widget, self.unavailable_reason = _multimedia()
        self.player: Any = None
        self.video: Any = None
        if media_player is not None:
            self.video = video_widget(self)
            self.video.setMinimumSize(320, 180)
            self.player = media_player(self)
            self.player.setVideoOutput(self.video)
            self.player.errorOccurred.connect(self._on_error)
            self.video.videoSink().videoFrameChanged.connect(self._on_frame)
            layout.addWidget(self.video, 1)
        layout.addWidget(self.status)
        self._waiting_for_frame = False

    @property
    def available(self) -> bool:
        """Whether this machine can play anything at all."""
        return self.player is not None

    def play(self, title: str, url: QUrl) -> None:
        """Play a stream (the URL may carry credentials: it is never shown)."""
        self.title.setText(title)
        if self.player is None:
            self.show_problem(
                self.tr(
                    "本机无法在应用内播放视频（缺少多媒体组件：{error}），请用外部播放器打开"
                ).format(error=self.unavailable_reason)
            )
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在连接…"))
        self._waiting_for_frame = True
        self.player.setSource(url)
        self.player.play()

    def show_problem(self, text: str) -> None:
        """Say why nothing plays."""
        self._waiting_for_frame = False
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(text)

    def stop(self) -> None:
        """Stop playing and let go of the stream."""
        self._waiting_for_frame = False
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    def _on_error(self, _error: object, text: str) -> None:
        if self.player is not None and self.player.source().isEmpty():
            return
        self._waiting_for_frame = False
        self.failed.emit(text)

    def _on_frame(self, frame: object) -> None:
        if self._waiting_for_frame and getattr(frame, "isValid", lambda: False)():
            self._waiting_for_frame = False
            self.status.setText(self.tr("正在播放"))
            self.playing.emit()
