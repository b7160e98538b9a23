"""Asking a WVP-GB28181-pro platform for a channel's stream URL (DESIGN §6).

WVP (with ZLMediaKit) starts a GB/T 28181 channel on request and answers with the URLs its media
server plays it at. Two calls: ``GET /api/user/login?username=…&password=<md5 of the password>``
answers ``{"code": 0, "data": {"accessToken": …}}``; then ``GET
/api/play/start/{deviceId}/{channelId}`` with the header ``access-token`` answers ``{"code": 0,
"data": {"flv": …, "rtsp": …, "hls": …, …}}``. Any other ``code`` is the platform's refusal,
with its ``msg``.

Plain ``urllib`` with a timeout on every call; the caller runs this off the GUI thread. Errors
are ``WvpFailed`` with a reason code the shell translates; their text never holds the password
or the token.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote, urlencode, urljoin

from models.launch import STREAM_SCHEMES, Credentials, LaunchRefused, check_stream_url
from models.redaction import redact

TIMEOUT_S = 5.0
# Which of the platform's URLs to open, best first: RTSP for external players; HTTP-FLV and
# HLS, which QtMultimedia's FFmpeg backend plays too.
URL_PREFERENCE = ("rtsp", "flv", "hls", "https_flv", "fmp4", "https_hls", "rtsps")
_MAX_ANSWER = 1_000_000


class WvpFailed(Exception):
    """The platform gave no URL. ``reason``: ``not_configured`` (no API address),
    ``unreachable``, ``timeout``, ``login`` (account refused), ``refused`` (the platform
    refused to start the channel; its words in ``detail``), ``answer`` (not what WVP
    answers), ``no_url`` (no URL with an allowed scheme)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _get(url: str, headers: dict[str, str], timeout: float) -> dict[str, Any]:
    # Imported here: http.client takes a tenth of a second to import, and only a launch through
    # a WVP platform needs it, never the window's start.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read(_MAX_ANSWER)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            raise WvpFailed("login", str(exc.code)) from None
        raise WvpFailed("refused", f"HTTP {exc.code}") from None
    except TimeoutError:
        raise WvpFailed("timeout") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise WvpFailed("timeout") from None
        raise WvpFailed("unreachable", redact(str(exc.reason))) from None
    except OSError as exc:
        raise WvpFailed("unreachable", exc.strerror or type(exc).__name__) from None
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise WvpFailed("answer") from None
    if not isinstance(parsed, dict):
        raise WvpFailed("answer")
    return parsed


def _secrets(account: Credentials) -> tuple[str, ...]:
    digest = hashlib.md5(account.password.encode("utf-8"), usedforsecurity=False).hexdigest()
    return (account.password, digest)


def play_url(
    api_url: str,
    account: Credentials,
    device_id: str,
    channel_id: str,
    *,
    timeout: float = TIMEOUT_S,
) -> str:
    """Log in to the platform, start the channel, and return the URL to open."""
    try:
        base = check_stream_url(api_url, ("http", "https")).rstrip("/") + "/"
    except LaunchRefused:
        raise WvpFailed("not_configured") from None
    digest = hashlib.md5(account.password.encode("utf-8"), usedforsecurity=False).hexdigest()
    login = _get(
        urljoin(
            base, "api/user/login?" + urlencode({"username": account.username, "password": digest})
        ),
        {},
        timeout,
    )
    data = login.get("data")
    token = data.get("accessToken") if isinstance(data, dict) else None
    if login.get("code") != 0 or not isinstance(token, str) or not token:
        raise WvpFailed("login", redact(str(login.get("msg", "")), _secrets(account))[:200])
    start = _get(
        urljoin(base, f"api/play/start/{quote(device_id, safe='')}/{quote(channel_id, safe='')}"),
        {"access-token": token},
        timeout,
    )
    if start.get("code") != 0:
        raise WvpFailed("refused", redact(str(start.get("msg", "")), (token,))[:200])
    streams = start.get("data")
    if not isinstance(streams, dict):
        raise WvpFailed("answer")
    for key in URL_PREFERENCE:
        candidate = streams.get(key)
        if isinstance(candidate, str) and candidate:
            try:
                return check_stream_url(candidate, STREAM_SCHEMES)
            except LaunchRefused:
                continue
    raise WvpFailed("no_url")
