"""Opening a camera safely: hostile URLs and templates refused, ordinary ones accepted, the
arguments filled one each; the WVP platform asked for the URL (a local fake of its API)."""

from __future__ import annotations

import pytest

from models.launch import (
    Credentials,
    LaunchRefused,
    check_stream_url,
    launch_arguments,
    shown_url,
    split_template,
    with_credentials,
)
from models.redaction import redact
from models.wvp import WvpFailed, play_url
from tests.fake_wvp import PASSWORD, TOKEN, USERNAME, fake_wvp


@pytest.mark.parametrize(
    "url",
    [
        "rtsp://10.32.10.7:554/cam/realmonitor?channel=1&subtype=0",
        "rtsp://10.32.10.8:554/Streaming/Channels/101",
        "http://127.0.0.1:8080/live/a.flv",
        "https://video.example.cn/play?id=3201&token=a%20b",
    ],
)
def test_ordinary_stream_urls_are_accepted(url: str) -> None:
    assert check_stream_url(url) == url


@pytest.mark.parametrize(
    ("typed", "opened"),
    [
        ("RTSP://[FD00::7]:554/stream", "rtsp://[fd00::7]:554/stream"),
        ("rtsp://Cam.Local/a#fragment", "rtsp://cam.local/a"),
        # What a shell would have run stays URL characters, percent-encoded.
        (
            "rtsp://10.0.0.1/$(touch${IFS}x)?a=1&b=`id`",
            "rtsp://10.0.0.1/%24%28touch%24%7BIFS%7Dx%29?a=1&b=%60id%60",
        ),
        ("http://例子.中国/live", "http://xn--fsqu00a.xn--fiqs8s/live"),
    ],
)
def test_urls_are_parsed_and_rebuilt_never_passed_as_typed(typed: str, opened: str) -> None:
    assert check_stream_url(typed) == opened


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("smb://host/share", "scheme"),
        ("-fs", "option"),
        ("--play-and-exit", "option"),
        ("rtsp://10.0.0.1/a b", "whitespace"),
        ("rtsp://10.0.0.1/a\tb", "whitespace"),
        ("rtsp://10.0.0.1/a\nb", "whitespace"),
        ("rtsp://10.0.0.1/a\x00b", "control"),
        ("rtsp://10.0.0.1/a\u202eb", "control"),
        ("rtsp://10.0.0.1:port/", "unparsable"),
        ("http://[::1/", "unparsable"),
        ("rtsp:///nohost", "no_host"),
        ("rtsp://admin:12345@10.0.0.1/", "credentials"),
        ("", "empty"),
        ("http://h/" + "a" * 600, "too_long"),
        ("rtsp://$(id)/x", "no_host"),
        ("rtsp://a;b/x", "no_host"),
        ("rtsp://10.0.0.1/\udcff", "control"),
    ],
)
def test_hostile_urls_are_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(LaunchRefused) as refused:
        check_stream_url(url)
    assert refused.value.reason == reason


def test_a_template_is_split_first_and_each_placeholder_filled_in_its_own_argument() -> None:
    name = "秦淮区 路口; rm -rf ~ `id` $(id) {url}"
    url = "rtsp://10.32.10.7:554/cam/realmonitor?channel=1&subtype=0"
    program, arguments = launch_arguments(
        "'/opt/My Player/vlc' --meta-title={name} --no-video-title-show {url}",
        {"url": url, "name": name, "gb_id": "32010400001320000001"},
        registered=("/opt/My Player/vlc",),
    )
    assert program == "/opt/My Player/vlc"
    # The name is one argument, untouched: no shell sees it, and its "{url}" is not filled.
    assert arguments == [f"--meta-title={name}", "--no-video-title-show", url]


@pytest.mark.parametrize("name", ["--fullscreen", "-e", "-"])
def test_a_value_never_becomes_an_option(name: str) -> None:
    values = {"url": "rtsp://10.0.0.1/a", "name": name, "gb_id": "32010400001320000001"}
    with pytest.raises(LaunchRefused) as refused:
        launch_arguments("mpv --title {name} {url}", values)
    assert (refused.value.reason, refused.value.detail) == ("option_value", "{name}")
    # Inside an argument that is an option already, it is only that option's value.
    assert launch_arguments("mpv --title={name} {url}", values)[1][0] == f"--title={name}"


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("sh -c 'vlc {url}'", "shell"),
        ("/bin/bash -c {url}", "shell"),
        ("cmd.exe /c start {url}", "shell"),
        ("env vlc {url}", "shell"),
        ("python3 -c {url}", "shell"),
        ("nice vlc {url}", "shell"),
        ("timeout 5 vlc {url}", "shell"),
        ("sudo vlc {url}", "shell"),
        ("xterm -e {url}", "shell"),
        ("gnome-terminal -- {url}", "shell"),
        ("wsl.exe vlc {url}", "shell"),
        ("C:/Windows/System32/cmd.exe /c {url}", "shell"),
        ("play.bat {url}", "shell"),
        ("/usr/bin/vlc {url}", "not_registered"),
        ("./vlc {url}", "relative"),
        ("totem {url}", "unknown_program"),
        ("vlc 'unclosed {url}", "quotes"),
        ("vlc --fullscreen", "no_url"),
        ("vlc {url} {password}", "placeholder"),
        ("{url}", "placeholder"),
        ("-e {url}", "option"),
        ("", "empty"),
        ("vlc\n{url}", "control"),
    ],
)
def test_hostile_templates_are_refused(template: str, reason: str) -> None:
    with pytest.raises(LaunchRefused) as refused:
        split_template(template)
    assert refused.value.reason == reason


def test_ordinary_templates_are_accepted() -> None:
    assert split_template("ffplay -hide_banner -window_title {name} {url}")[0] == "ffplay"
    for player in ("vlc", "cvlc", "mpv", "mplayer", "smplayer", "PotPlayerMini64.exe"):
        assert split_template(f"{player} {{url}}")[0] == player
    registered = ("C:/Program Files/VLC/vlc.exe",)
    assert (
        split_template('"C:/Program Files/VLC/vlc.exe" {url}', registered)[0]
        == "C:/Program Files/VLC/vlc.exe"
    )


def test_credentials_go_into_the_argument_only_and_never_show() -> None:
    credentials = Credentials("admin", "p@ss:w/rd 1")
    url = "rtsp://10.32.10.7:554/Streaming/Channels/101?x=1"
    launched = with_credentials(url, credentials)
    assert launched == "rtsp://admin:p%40ss%3Aw%2Frd%201@10.32.10.7:554/Streaming/Channels/101?x=1"
    assert shown_url(launched) == url
    assert "p@ss" not in repr(credentials) and "admin" not in repr(credentials)
    # The whole user part of a URL goes; a secret named is taken out wherever it stands.
    assert redact(f"cannot open {launched}", ("p@ss:w/rd 1",)) == (
        "cannot open rtsp://***@10.32.10.7:554/Streaming/Channels/101?x=1"
    )
    assert redact("wrong password p@ss:w/rd 1", ("p@ss:w/rd 1",)) == "wrong password ***"
    assert with_credentials(url, Credentials()) == url


def test_the_wvp_platform_is_logged_in_to_and_asked_for_the_stream_url() -> None:
    with fake_wvp() as wvp:
        url = play_url(
            wvp.url, Credentials(USERNAME, PASSWORD), "34020000001110000001", "34020000001320000001"
        )
    assert url == "rtsp://127.0.0.1:554/rtp/34020000001320000001"
    (login_path, _), (play_path, headers) = wvp.requests
    assert login_path.startswith("/api/user/login?")
    assert PASSWORD not in login_path  # only its md5 travels
    assert play_path == "/api/play/start/34020000001110000001/34020000001320000001"
    assert headers["access-token"] == TOKEN


def test_wvp_failures_are_clear_and_never_quote_the_password() -> None:
    with fake_wvp() as wvp:
        with pytest.raises(WvpFailed) as refused:
            play_url(wvp.url, Credentials(USERNAME, "wrong"), "1", "2")
        assert refused.value.reason == "login" and "wrong" not in str(refused.value)
        wvp.play_answer = {"code": 100, "msg": "设备不在线"}
        with pytest.raises(WvpFailed) as offline:
            play_url(wvp.url, Credentials(USERNAME, PASSWORD), "1", "2")
        assert (offline.value.reason, offline.value.detail) == ("refused", "设备不在线")
        # Only a URL of an allowed scheme is taken: a hostile answer is not opened.
        wvp.play_answer = {"code": 0, "data": {"rtsp": "file:///etc/passwd", "flv": "-x"}}
        with pytest.raises(WvpFailed) as hostile:
            play_url(wvp.url, Credentials(USERNAME, PASSWORD), "1", "2")
        assert hostile.value.reason == "no_url"
        wvp.delay_s = 2.0
        with pytest.raises(WvpFailed) as slow:
            play_url(wvp.url, Credentials(USERNAME, PASSWORD), "1", "2", timeout=0.3)
        assert slow.value.reason == "timeout"
    with pytest.raises(WvpFailed) as nobody:
        play_url(wvp.url, Credentials(USERNAME, PASSWORD), "1", "2", timeout=1)
    assert nobody.value.reason == "unreachable"
    with pytest.raises(WvpFailed) as unset:
        play_url("", Credentials(), "1", "2")
    assert unset.value.reason == "not_configured"
