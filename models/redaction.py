"""The one redaction: what may hold a secret is taken out of any text GridDesk writes out.

Every log handler GridDesk installs formats through ``redact`` (``desktop.logs``), and so do the
places that pass on what another program said (a player's complaint, a platform's answer). It
takes out:

- the user and password of any URL (``rtsp://user:secret@host`` → ``rtsp://***@host``);
- the value after a word that names a secret (``password=…``, ``"accessToken": "…"``,
  ``access-token: …``, ``pwd``, ``secret``, ``api_key`` …), as a libpq connection string, a query
  string, a header or a JSON answer carries it;
- every secret this process was told of (``remember_secret``: the stream and platform passwords
  read for a launch, a password typed for a role), raw or percent-encoded, and the ones a caller
  names (``secrets``).

It is a net under the rules, not the rule: credentials are kept apart from URLs and never put
into messages in the first place.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

MASK = "***"
# A remembered secret shorter than this would blank out ordinary words in every line.
MIN_SECRET = 4
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/?#]*@")
_NAMED_SECRET = re.compile(
    r"(?i)((?:password|passwd|pwd|passphrase|secret|api[_-]?key|access[_-]?token|accesstoken|"
    r"auth[_-]?token|token)[\"']?\s*[=:]\s*[\"']?)[^\s&\"',;}]+"
)
_known: set[str] = set()
_lock = threading.Lock()


def _forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret, safe="")}


def remember_secret(secret: str) -> None:
    """Take this secret out of everything this process writes from now on."""
    if len(secret) >= MIN_SECRET:
        with _lock:
            _known.update(_forms(secret))


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret it may hold replaced by ``***``."""
    text = _URL_USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    text = _NAMED_SECRET.sub(lambda m: m.group(1) + MASK, text)
    with _lock:
        known = set(_known)
    for secret in secrets:
        if secret:
            known |= _forms(secret)
    # Longest first: a secret that contains another is taken out whole.
    for form in sorted(known, key=len, reverse=True):
        if form in text:
            text = text.replace(form, MASK)
    return text
