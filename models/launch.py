"""Opening a camera safely (DESIGN §6, issues 7 and 14): which URLs may be opened, which
programs may open them, how a player's command template becomes an argument vector, and where
the stream credentials go.

Launching never goes through a shell. A template is split into arguments first (POSIX shell
words, quotes honoured, nothing else of a shell: no variables, no globbing, no pipes) and the
placeholders are filled afterwards, inside their own argument: whatever a URL or a camera's name
holds, it stays one argument — and a value that would begin an argument with ``-`` (a camera
named ``--fullscreen``) is refused, so no value ever becomes an option.

Programs by allow-list. The program is a known video player named by its name (``vlc``,
``cvlc``, ``mpv``, ``ffplay``, ``mplayer``, ``smplayer``, ``PotPlayerMini64``; found on the
workstation's PATH), or a platform's client that a camera manager registered by its absolute
path (``player_program``). A program that runs another program — a shell, an interpreter, a
wrapper such as ``nice``, ``timeout``, ``sudo``, ``env``, a terminal emulator that takes ``-e``,
``wsl`` … — is refused by its name, and by what it is (``check_program_file``): a script
(``#!`` or a script's suffix), or a link to or a copy of such a program.

A URL opens only when it parses, uses a whitelisted scheme (``rtsp``, ``http``, ``https``), names
a plain host (a name, an IPv4 or an IPv6 address), does not start with ``-`` and holds no
whitespace or control character; it is then rebuilt from its parts — scheme, host, port, path,
query, each re-encoded so that only URL characters remain (no ``$`` ``(`` ``)`` ``'`` `````) —
and the rebuilt URL is what is opened, never the text as typed. Credentials are stored apart from
the URL: a URL that carries its own is refused, and the stored ones are put into the launch's
argument only (``with_credentials``), never into what is shown or logged (``shown_url``).

No Qt and no database here: the shell starts the process (``desktop.players``), the registry
(``models.cameras``) says what to open.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import os
import re
import shlex
import shutil
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import quote, urlsplit, urlunsplit

STREAM_SCHEMES = ("rtsp", "http", "https")
PLACEHOLDERS = ("url", "name", "gb_id")
MAX_URL = 512
MAX_TEMPLATE = 512
# The video players a template may name by name (on Windows also with ".exe").
KNOWN_PLAYERS = ("vlc", "cvlc", "mpv", "ffplay", "mplayer", "smplayer", "PotPlayerMini64")
# Programs that run another program: a template naming one would run its argument as a command
# again. Refused by name, and by content when a registered client turns out to be one of them.
RUNS_OTHERS = frozenset(
    {
        # shells and interpreters
        "sh", "bash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "ash", "busybox",
        "cmd", "command", "powershell", "pwsh", "wscript", "cscript", "mshta", "rundll32",
        "regsvr32", "python", "python3", "pythonw", "py", "perl", "ruby", "node", "nodejs",
        "php", "lua", "tclsh", "wish", "java", "javaw", "osascript", "awk", "gawk", "mawk",
        "sed", "expect", "bun", "deno",
        # wrappers that start their arguments
        "env", "xargs", "nice", "renice", "ionice", "chrt", "taskset", "timeout", "nohup",
        "setsid", "stdbuf", "time", "watch", "flock", "chroot", "unshare", "nsenter", "strace",
        "ltrace", "gdb", "valgrind", "script", "screen", "tmux", "sudo", "doas", "su", "runuser",
        "pkexec", "sg", "newgrp", "setpriv", "capsh", "firejail", "bwrap", "systemd-run",
        "dbus-launch", "start", "open", "xdg-open", "gio", "exo-open", "kde-open", "gnome-open",
        "run-parts", "parallel", "entr", "faketime", "proxychains", "torsocks", "catchsegv",
        "wsl", "bash.exe", "explorer", "runas", "psexec", "schtasks", "at", "forfiles",
        "pcalua", "conhost", "msiexec", "wmic", "installutil", "msbuild", "cmstp", "hh",
        "certutil", "bitsadmin", "mmc",
        # terminal emulators (they take a command with -e or -x)
        "xterm", "uxterm", "x-terminal-emulator", "gnome-terminal", "konsole",
        "xfce4-terminal", "mate-terminal", "lxterminal", "qterminal", "terminator", "tilix",
        "alacritty", "kitty", "urxvt", "rxvt", "st", "sakura", "terminology", "wezterm",
        "foot", "deepin-terminal", "wt", "mintty",
    }
)  # fmt: skip
# File names that are scripts (or shortcuts) run by another program.
SCRIPT_SUFFIXES = (
    ".sh", ".bash", ".zsh", ".csh", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".wsh", ".hta", ".py", ".pyw", ".pl", ".rb", ".php", ".lua", ".jar",
    ".lnk", ".pif", ".scr", ".url", ".desktop", ".command", ".appref-ms", ".msc", ".reg",
)  # fmt: skip
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Intranet hosts may carry an underscore (NetBIOS names); nothing else beyond DNS letters.
_LABEL = r"[a-z0-9_]([a-z0-9_\-]*[a-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(\.{_LABEL})*\.?")
# What stays as it is in a rebuilt path and query; anything else is percent-encoded.
_PATH_SAFE = "/:@!*+,;=-._~%"
_QUERY_SAFE = _PATH_SAFE + "&?"


class LaunchRefused(ValueError):
    """A URL, template or program that must not be opened. ``reason`` is one of ``empty``,
    ``too_long``, ``unparsable``, ``scheme``, ``no_host``, ``option`` (starts with ``-``),
    ``whitespace``, ``control``, ``credentials`` (user or password inside the URL),
    ``option_value`` (a value filled into a template would begin an argument with ``-``: its
    placeholder in ``detail``); for templates also ``quotes``, ``no_url`` (no ``{url}``
    argument), ``placeholder`` (an unknown one, named in ``detail``), ``shell`` (the program
    runs other programs: by its name or by what it is), ``unknown_program`` (neither a known
    player nor a registered client), ``not_registered`` (an absolute path no camera manager
    registered), ``relative`` (a client's path must be absolute), ``missing`` (no such program
    here). ``detail`` never holds a password."""

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
    """The URL as it will be opened — rebuilt from its parts — or ``LaunchRefused`` saying why
    it may not be."""
    if not url:
        raise LaunchRefused("empty")
    if len(url) > MAX_URL:
        raise LaunchRefused("too_long")
    if url.startswith("-"):
        raise LaunchRefused("option")
    for character in url:
        if character.isspace():
            raise LaunchRefused("whitespace")
        if unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            raise LaunchRefused("control")
    try:
        parts = urlsplit(url)
        port = parts.port  # a port that is not a number raises here
    except ValueError as exc:
        raise LaunchRefused("unparsable") from exc
    if parts.scheme.lower() not in schemes:
        raise LaunchRefused("scheme", parts.scheme[:20])
    if not parts.hostname:
        raise LaunchRefused("no_host")
    if parts.username is not None or parts.password is not None:
        raise LaunchRefused("credentials")
    host = _plain_host(parts.hostname)
    netloc = host + (f":{port}" if port is not None else "")
    path = quote(parts.path, safe=_PATH_SAFE)
    query = quote(parts.query, safe=_QUERY_SAFE)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def _plain_host(hostname: str) -> str:
    """A host name or an IP address as it goes into a rebuilt URL (IPv6 in brackets)."""
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        address = None
    if address is not None:
        return f"[{address.compressed}]" if address.version == 6 else address.compressed
    try:
        ascii_name = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise LaunchRefused("no_host") from None
    if not _HOST_NAME.fullmatch(ascii_name):
        raise LaunchRefused("no_host")
    return ascii_name


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


def program_name(program: str) -> str:
    """The file name of a program, lower-case, without ``.exe`` (how it is known)."""
    return PureWindowsPath(program).name.lower().removesuffix(".exe")


def _is_absolute(program: str) -> bool:
    return PurePosixPath(program).is_absolute() or PureWindowsPath(program).is_absolute()


def _same_path(a: str, b: str) -> bool:
    if os.name == "nt":
        return os.path.normcase(a) == os.path.normcase(b)
    return a == b


def check_program(program: str, registered: Collection[str] = ()) -> None:
    """Refuse a program a template may not name: one that runs other programs (by its name),
    a script, a name that is not a known player, an absolute path not registered."""
    name = program_name(program)
    if name in RUNS_OTHERS or re.fullmatch(r"python[\d.]*w?", name):
        raise LaunchRefused("shell", name)
    if PureWindowsPath(program).suffix.lower() in SCRIPT_SUFFIXES:
        raise LaunchRefused("shell", name)
    if _is_absolute(program):
        if not any(_same_path(program, path) for path in registered):
            raise LaunchRefused("not_registered", program[:200])
        return
    if "/" in program or "\\" in program:
        raise LaunchRefused("relative", program[:200])
    if name not in {p.lower() for p in KNOWN_PLAYERS}:
        raise LaunchRefused("unknown_program", name[:64])


def split_template(template: str, registered: Collection[str] = ()) -> list[str]:
    """A player's command template as its argument vector, placeholders not yet filled; or
    ``LaunchRefused``. The first word is the program: a known player or a client registered
    by its absolute path (``registered``)."""
    if not template.strip():
        raise LaunchRefused("empty")
    if len(template) > MAX_TEMPLATE:
        raise LaunchRefused("too_long")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in template):
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
    check_program(program, registered)
    for word in words[1:]:
        for name in _PLACEHOLDER.findall(word):
            if name not in PLACEHOLDERS:
                raise LaunchRefused("placeholder", "{" + name + "}")
    if not any("{url}" in word for word in words[1:]):
        raise LaunchRefused("no_url")
    return words


def launch_arguments(
    template: str, values: dict[str, str], registered: Collection[str] = ()
) -> tuple[str, list[str]]:
    """(program, arguments) for a template with its placeholders filled, each inside its own
    argument; the caller has checked the URL (``check_stream_url``). A value that would make
    an argument begin with ``-`` is refused: it would be read as an option."""
    words = split_template(template, registered)

    def fill(word: str) -> str:
        filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), word)
        if filled.startswith("-") and not word.startswith("-"):
            first = _PLACEHOLDER.match(word)
            raise LaunchRefused("option_value", "{" + (first.group(1) if first else "") + "}")
        return filled

    return words[0], [fill(word) for word in words[1:]]


def check_program_file(path: str) -> None:
    """Refuse a program file that runs other programs by what it is: a script (``#!``), or a
    link to, or a copy of, a program of ``RUNS_OTHERS`` found on this computer. ``missing``
    when there is no such executable file."""
    resolved = Path(path)
    try:
        real = resolved.resolve(strict=True)
        if not real.is_file():
            raise LaunchRefused("missing", path[:200])
        with real.open("rb") as file:
            start = file.read(2)
        size = real.stat().st_size
    except OSError:
        raise LaunchRefused("missing", path[:200]) from None
    if os.name != "nt" and not os.access(real, os.X_OK):
        raise LaunchRefused("missing", path[:200])
    name = program_name(str(real))
    if name in RUNS_OTHERS or PureWindowsPath(str(real)).suffix.lower() in SCRIPT_SUFFIXES:
        raise LaunchRefused("shell", name)
    if start == b"#!":
        raise LaunchRefused("shell", program_name(path))
    for other, (other_size, other_digest) in _programs_that_run_others().items():
        if size == other_size and _digest(real) == other_digest:
            raise LaunchRefused("shell", other)


def resolve_player(program: str) -> str | None:
    """Where a known player named by name is on this computer (None: not installed)."""
    return program if _is_absolute(program) else shutil.which(program)


@functools.cache
def _programs_that_run_others() -> dict[str, tuple[int, str]]:
    """Size and digest of every program of ``RUNS_OTHERS`` this computer has on its PATH
    (worked out once per process: a registered client is compared with them)."""
    found: dict[str, tuple[int, str]] = {}
    for name in sorted(RUNS_OTHERS):
        where = shutil.which(name)
        if where is None:
            continue
        try:
            real = Path(where).resolve(strict=True)
            found[name] = (real.stat().st_size, _digest(real))
        except OSError:
            continue
    return found


def _digest(path: PurePath) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()
