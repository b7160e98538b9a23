"""A fake WVP-GB28181-pro platform on 127.0.0.1: login, then play start (DESIGN §6)."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

USERNAME = "griddesk"
PASSWORD = "Wvp 密码&1"  # a space, Chinese and '&': all must survive the query string
TOKEN = "token-7f3a"


@dataclass
class FakeWvp:
    """What the fake answers, and what it was asked."""

    url: str = ""
    play_answer: dict[str, Any] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delay_s: float = 0.0


@contextmanager
def fake_wvp(
    stream_url: str = "rtsp://127.0.0.1:554/rtp/34020000001320000001",
) -> Iterator[FakeWvp]:
    state = FakeWvp(
        play_answer={
            "code": 0,
            "msg": "成功",
            "data": {
                "app": "rtp",
                "stream": "34020000001320000001",
                "flv": "http://127.0.0.1:80/rtp/34020000001320000001.live.flv",
                "rtsp": stream_url,
                "ws_flv": "ws://127.0.0.1:80/rtp/34020000001320000001.live.flv",
            },
        }
    )
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            if state.delay_s:
                stop.wait(state.delay_s)
            parts = urlsplit(self.path)
            if parts.path == "/api/user/login":
                query = parse_qs(parts.query)
                good = query.get("username") == [USERNAME] and query.get("password") == [
                    hashlib.md5(PASSWORD.encode()).hexdigest()
                ]
                body = (
                    {"code": 0, "msg": "成功", "data": {"accessToken": TOKEN, "username": USERNAME}}
                    if good
                    else {"code": -1, "msg": "用户名或密码错误"}
                )
            elif parts.path.startswith("/api/play/start/"):
                if self.headers.get("access-token") != TOKEN:
                    self.send_response(401)
                    self.end_headers()
                    return
                body = state.play_answer
            else:
                self.send_response(404)
                self.end_headers()
                return
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
