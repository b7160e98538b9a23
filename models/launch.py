"""Opening a camera safely (DESIGN §6, issue 7 §4): which URLs may be opened, how a player's
command template becomes an argument vector, and where the stream credentials go.

Launching never goes through a shell. A template is split into arguments first (POSIX shell
words, quotes honoured, nothing else of a shell: no variables, no globbing, no pipes) and the
placeholders are filled afterwards, inside their own argument: whatever a URL or a camera's name
holds, it stays one argument. The program may not itself be a shell (``sh -c '{url}'`` would
bring one back).

A URL opens only when it parses, uses a whitelisted scheme (``rtsp``, ``http``, ``https``), names
a host, does not start with ``-`` (a player would take it for an option) and holds no whitespace
or control character; an ordinary query string (``?channel=1&subtype=0``) is fine. Credentials
are stored apart from the URL: a URL that carries its own is refused, and the stored ones are put
into the launch's argument only (``with_credentials``), never into what is shown or logged
(``shown_url``).

No Qt and no database here: the shell starts the process (``QProcess.startDetached``), the
registry (``models.cameras``) says what to open.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import quote, urlsplit, urlunsplit

STREAM_SCHEMES = ("rtsp", "http", "https")
PLACEHOLDERS = ("url", "name", "gb_id")
MAX_URL = 512
MAX_TEMPLATE = 512
# Command interpreters: a template naming one would run its argument as a command line again.
SHELLS = frozenset(
    {
        "sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "busybox", "env", "xargs",
        "cmd", "command", "powershell", "pwsh", "wscript", "cscript", "mshta", "rundll32",
        "start", "open", "xdg-open", "python", "python3", "perl", "ruby", "node",
    }
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class LaunchRefused(ValueError):
    """A URL or template that must not be opened. ``reason`` is one of ``empty``, ``too_long``,
    ``unparsable``, ``scheme``, ``no_host``, ``option`` (starts with ``-``), ``whitespace``,
    ``control``, ``credentials`` (user or password inside the URL); for templates also
    ``quotes``, ``no_url`` (no ``{url}`` argument), ``placeholder`` (an unknown one, named in
    ``detail``) and ``shell`` (the program is a command interpreter). ``detail`` never holds a
    password."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Credentials:
    """A stream's user name and password, kept out of ``repr`` so no log line shows them."""

    username: str = field(default="", repr=False)
    password: str = field(default="", repr=False)

    def __bool__(self) -> bool:
        return bool(self.username or self.password)


def check_stream_url(url: str, schemes: tuple[str, ...] = STREAM_SCHEMES) -> str:
    """The URL as it will be opened, or ``LaunchRefused`` saying why it may not be."""
    if not url:
        raise LaunchRefused("empty")
    if len(url) > MAX_URL:
        raise LaunchRefused("too_long")
    if url.startswith("-"):
        raise LaunchRefused("option")
    for character in url:
        if character.isspace():
            raise LaunchRefused("whitespace")
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp"):
            raise LaunchRefused("control")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (a port that is not a number raises here)
    except ValueError as exc:
        raise LaunchRefused("unparsable") from exc
    if parts.scheme.lower() not in schemes:
        raise LaunchRefused("scheme", parts.scheme)
    if not parts.hostname:
        raise LaunchRefused("no_host")
    if parts.username is not None or parts.password is not None:
        raise LaunchRefused("credentials")
    return url


def shown_url(url: str) -> str:
    """The URL as the operator and the log may see it: any user and password taken out."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "?"
    if parts.username is None and parts.password is None:
        return url
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def with_credentials(url: str, credentials: Credentials) -> str:
    """The checked URL with the stored user and password put in (percent-encoded), for the
    launch's argument or the preview's player only."""
    if not credentials:
        return url
    parts = urlsplit(url)
    userinfo = quote(credentials.username, safe="")
    if credentials.password:
        userinfo += ":" + quote(credentials.password, safe="")
    return urlunsplit(
        (parts.scheme, f"{userinfo}@{parts.netloc}", parts.path, parts.query, parts.fragment)
    )


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """A message (a player's or a server's) with every secret, raw or percent-encoded, taken
    out: such messages may quote the URL they were given."""
    for secret in secrets:
        if secret:
            for form in {secret, quote(secret, safe="")}:
                text = text.replace(form, "***")
    return text


def split_template(template: str) -> list[str]:
    """A player's command template as its argument vector, placeholders not yet filled; or
    ``LaunchRefused``. The first word is the program."""
    if not template.strip():
        raise LaunchRefused("empty")
    if len(template) > MAX_TEMPLATE:
        raise LaunchRefused("too_long")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in template):
        raise LaunchRefused("control")
    try:
        words = shlex.split(template, comments=False, posix=True)
    except ValueError as exc:
        raise LaunchRefused("quotes") from exc
    if not words:
        raise LaunchRefused("empty")
    program = words[0]
    if program.startswith("-") or _PLACEHOLDER.search(program):
        raise LaunchRefused("option" if program.startswith("-") else "placeholder", program)
    stem = PurePath(program.replace("\\", "/")).name.lower()
    if stem.removesuffix(".exe") in SHELLS or re.fullmatch(r"python[\d.]*(\.exe)?", stem):
        raise LaunchRefused("shell", stem)
    for word in words[1:]:
        for name in _PLACEHOLDER.findall(word):
            if name not in PLACEHOLDERS:
                raise LaunchRefused("placeholder", "{" + name + "}")
    if not any("{url}" in word for word in words[1:]):
        raise LaunchRefused("no_url")
    return words


def launch_arguments(template: str, values: dict[str, str]) -> tuple[str, list[str]]:
    """(program, arguments) for a template with its placeholders filled, each inside its own
    argument; the caller has checked the URL (``check_stream_url``)."""
    words = split_template(template)

    def fill(word: str) -> str:
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), word)

    return words[0], [fill(word) for word in words[1:]]
