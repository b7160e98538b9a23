"""The camera registry (issue 7): cameras near a point, favourites per post, what a launch
opens, the video systems' launch profiles, and the registry's CSV import and export.

The launcher never sees a credential: ``queries.camera_rows`` carries none, and
``launch_target`` — read in the worker at the moment of a launch — carries them in fields kept
out of ``repr``. The CSV export leaves them out; the import takes them in columns of their own
(an empty cell keeps what is stored), so a URL never carries them.

CSV as Chinese Excel writes it: UTF-8 with a BOM out; UTF-8 (with or without BOM) or GBK in.
An import is all or nothing: every row is checked first and the problems are reported with the
line number the file shows (the header is line 1); one bad row and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

import numpy as np
from sqlalchemy import CursorResult, delete, func, insert, select, update
from sqlalchemy.orm import Session

from models.accounts import Operator, require
from models.changefeed import record_change
from models.entities import (
    LAUNCH_KINDS,
    Camera,
    CameraFavourite,
    ConstructionSite,
    Event,
    Grid,
    OperatorAction,
    PlayerProgram,
    VideoSystem,
)
from models.fields import max_length, problems_of, text_problem
from models.launch import (
    Credentials,
    LaunchRefused,
    check_program,
    check_program_file,
    check_stream_url,
    program_name,
    split_template,
)
from models.snapshots import CameraRow, LaunchProfileRow, NearbyCamera

EARTH_RADIUS_M = 6_371_008.8
NEARBY_RADIUS_M = 1000.0
NEARBY_COUNT = 10
CAMERA_KINDS = ("street", "site", "entrance")
KIND_NAMES = {"街面": "street", "工地": "site", "出入口": "entrance"}
LAUNCH_PERMISSION = "camera.launch"
MANAGE_PERMISSION = "camera.manage"
MAX_NAME = max_length(Camera.name)
# An import reports at most this many problems (and how many there were in all): a file of
# 100,000 bad columns must not become 100,000 lines.
MAX_PROBLEMS = 50

# (column key, header) of the registry's CSV, in file order. The import also takes the keys
# themselves as headers. Credentials come last and only in: the export leaves them out.
CSV_COLUMNS = (
    ("gb_id", "国标编码"),
    ("name", "名称"),
    ("kind", "类型"),
    ("system", "视频系统"),
    ("lon", "经度"),
    ("lat", "纬度"),
    ("grid", "网格编码"),
    ("site", "工地编号"),
    ("stream_url", "视频流地址"),
    ("web_url", "平台网页"),
    ("device_gb_id", "设备国标编码"),
)
CREDENTIAL_COLUMNS = (("username", "用户名"), ("password", "密码"))
REQUIRED_COLUMNS = ("gb_id", "name", "kind", "system", "lon", "lat")
# A cell starting with one of these is a formula to Excel: exported with a leading apostrophe,
# which the import takes off again.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- nearest cameras -------------------------------------------------------------------------


class CameraIndex:
    """The cameras' positions in arrays, for the nearest ones to a point (haversine, vectorised:
    about 0.1 ms for 5,000 cameras). Immutable once built; rebuilt when the registry changes."""

    def __init__(self, cameras: Sequence[CameraRow]) -> None:
        self.cameras = list(cameras)
        self._lon = np.radians(np.array([c.lon for c in self.cameras], dtype=np.float64))
        self._lat = np.radians(np.array([c.lat for c in self.cameras], dtype=np.float64))
        self._cos_lat = np.cos(self._lat)

    def __len__(self) -> int:
        return len(self.cameras)

    def nearest(
        self,
        lon: float,
        lat: float,
        count: int = NEARBY_COUNT,
        radius_m: float | None = NEARBY_RADIUS_M,
    ) -> list[NearbyCamera]:
        """Up to ``count`` cameras nearest to the point, nearest first, within ``radius_m``
        (None: any distance)."""
        if not self.cameras or count <= 0 or not (math.isfinite(lon) and math.isfinite(lat)):
            return []
        lon0, lat0 = math.radians(lon), math.radians(lat)
        half_dlat = np.sin((self._lat - lat0) / 2)
        half_dlon = np.sin((self._lon - lon0) / 2)
        h = half_dlat * half_dlat + math.cos(lat0) * self._cos_lat * half_dlon * half_dlon
        distances = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
        if count < len(distances):
            picked = np.argpartition(distances, count - 1)[:count]
        else:
            picked = np.arange(len(distances))
        picked = picked[np.argsort(distances[picked], kind="stable")]
        return [
            NearbyCamera(self.cameras[int(i)], float(distances[i]))
            for i in picked
            if radius_m is None or distances[i] <= radius_m
        ]


def event_point(session: Session, event_id: int) -> tuple[str, float, float] | None:
    """(code, lon, lat) of an event, or None if there is no such event or it has no point yet
    (a hotline order waiting for its grid)."""
    found = session.execute(
        select(Event.code, Event.lon, Event.lat).where(Event.id == event_id)
    ).first()
    if found is None or found[1] is None or found[2] is None:
        return None
    return (found[0], found[1], found[2])


# --- favourites ------------------------------------------------------------------------------


def favourites(session: Session, post: str) -> list[int]:
    """The cameras this post keeps at hand, in the order they were added."""
    return list(
        session.scalars(
            select(CameraFavourite.camera_id)
            .where(CameraFavourite.post == post)
            .order_by(CameraFavourite.position, CameraFavourite.camera_id)
        )
    )


def set_favourite(session: Session, operator: Operator, camera_id: int, on: bool) -> list[int]:
    """Add a camera to (or take it off) the operator's post's favourites; returns them."""
    require(session, operator, LAUNCH_PERMISSION)
    if session.get(Camera, camera_id) is None:
        raise LookupError(camera_id)
    post = operator.post
    present = session.get(CameraFavourite, (post, camera_id)) is not None
    if on and not present:
        last = session.scalar(
            select(func.coalesce(func.max(CameraFavourite.position), 0)).where(
                CameraFavourite.post == post
            )
        )
        session.execute(
            insert(CameraFavourite).values(post=post, camera_id=camera_id, position=(last or 0) + 1)
        )
        record_change(session, "camera_favourite", camera_id, "insert", post)
    elif not on and present:
        session.execute(
            delete(CameraFavourite).where(
                CameraFavourite.post == post, CameraFavourite.camera_id == camera_id
            )
        )
        record_change(session, "camera_favourite", camera_id, "delete", post)
    return favourites(session, post)


# --- what a launch opens ---------------------------------------------------------------------


def _record(
    session: Session,
    operator: Operator | None,
    now: datetime,
    kind: str,
    subject: str,
    subject_id: int | None,
    details: dict[str, Any],
) -> None:
    """An operator action on the registry; ``operator`` None: the command line, run by whoever
    holds the database. ``details`` never holds a URL's or a platform's secret."""
    session.add(
        OperatorAction(
            at=now,
            operator_id=operator.account_id if operator else None,
            post=operator.post if operator else None,
            kind=kind,
            subject=subject,
            subject_id=subject_id,
            note="" if operator else "command line",
            details=json.dumps(details, ensure_ascii=False),
        )
    )


@dataclass(frozen=True, slots=True)
class LaunchTarget:
    """Everything needed to open one camera, read at the moment of the launch. The
    credentials are in fields ``repr`` leaves out."""

    camera_id: int
    name: str
    gb_id: str
    device_gb_id: str
    system: str
    launch: str  # player, handler, wvp
    template: str
    stream_url: str
    web_url: str
    api_url: str
    stream_credentials: Credentials = field(default_factory=Credentials)
    api_account: Credentials = field(default_factory=Credentials)
    # The clients registered by absolute path: with the known players, what may be started.
    registered_programs: tuple[str, ...] = ()


def launch_target(
    session: Session, operator: Operator, camera_id: int, now: datetime
) -> LaunchTarget:
    """What opening this camera takes (needs ``camera.launch``); the opening is recorded as an
    operator action (without any URL: the record shows what was opened, not how)."""
    require(session, operator, LAUNCH_PERMISSION)
    found = session.execute(
        select(Camera, VideoSystem).join(VideoSystem).where(Camera.id == camera_id)
    ).first()
    if found is None:
        raise LookupError(camera_id)
    camera, system = found
    _record(session, operator, now, "camera.launch", "camera", camera.id, {"gb_id": camera.gb_id})
    return LaunchTarget(
        camera_id=camera.id,
        name=camera.name,
        gb_id=camera.gb_id,
        device_gb_id=camera.device_gb_id or camera.gb_id,
        system=system.name,
        launch=system.launch,
        template=system.player_template,
        stream_url=camera.stream_url,
        web_url=camera.web_url,
        api_url=system.api_url,
        stream_credentials=Credentials(camera.stream_username, camera.stream_password),
        api_account=Credentials(system.api_username, system.api_password),
        registered_programs=registered_programs(session),
    )


# --- platform clients registered by path ------------------------------------------------------


def registered_programs(session: Session) -> tuple[str, ...]:
    """The absolute paths of the registered platform clients."""
    return tuple(session.scalars(select(PlayerProgram.path).order_by(PlayerProgram.path)))


def register_program(
    session: Session, path: str, now: datetime, operator: Operator | None = None
) -> bool:
    """Register a platform's client by its absolute path, so a launch profile may name it
    (needs ``camera.manage``; ``operator`` None: the command line). It must be an executable
    here, and not a program that runs other programs (by name or by what it is):
    ``ProfileRefused("program", reason)``. Returns False if it was registered already."""
    if operator is not None:
        require(session, operator, MANAGE_PERMISSION)
    if not path or text_problem(path) is not None:
        raise ProfileRefused("program", "control")
    if len(path) > max_length(PlayerProgram.path):
        raise ProfileRefused("program", "too_long")
    try:
        check_program(path, registered=(path,))
        check_program_file(path)
    except LaunchRefused as refused:
        raise ProfileRefused("program", refused.reason, refused.detail) from None
    if path in registered_programs(session):
        return False
    name = program_name(path)[: max_length(PlayerProgram.name)]
    session.execute(
        insert(PlayerProgram).values(
            path=path,
            name=name,
            registered_by=operator.account_id if operator else None,
            registered_at=now,
        )
    )
    _record(
        session, operator, now, "player_program.register", "player_program", None, {"path": path}
    )
    return True


def unregister_program(
    session: Session, path: str, now: datetime, operator: Operator | None = None
) -> bool:
    """Take a client off the register (a profile naming it no longer launches). False if it
    was not registered."""
    if operator is not None:
        require(session, operator, MANAGE_PERMISSION)
    removed = cast(
        "CursorResult[Any]",
        session.execute(delete(PlayerProgram).where(PlayerProgram.path == path)),
    ).rowcount
    if removed:
        _record(
            session, operator, now, "player_program.remove", "player_program", None, {"path": path}
        )
    return bool(removed)


class ProfileRefused(ValueError):
    """A launch profile that cannot be saved: ``field`` and the ``LaunchRefused`` reason (or
    ``unknown`` for a system that does not exist, ``launch`` for an unknown kind); ``detail``
    what was wrong (a placeholder, a program), never a password."""

    def __init__(self, field: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.detail = detail


_PROFILE_FIELDS = {
    "player_template": "template",
    "api_username": "api_user",
    "api_password": "api_password",
    "api_url": "api_url",
}


def profile_rows(session: Session) -> list[LaunchProfileRow]:
    """Every video system's launch profile, the password left out."""
    return [
        LaunchProfileRow(
            system.code,
            system.name,
            system.launch,
            system.player_template,
            system.api_url,
            system.api_username,
            bool(system.api_password),
        )
        for system in session.scalars(select(VideoSystem).order_by(VideoSystem.code))
    ]


def set_launch_profile(
    session: Session,
    system_code: str,
    *,
    launch: str,
    template: str | None = None,
    api_url: str | None = None,
    api_account: Credentials | None = None,
    operator: Operator | None = None,
    now: datetime,
) -> None:
    """Set how a video system opens its cameras; what is not given stays. The template and the
    API address are checked as a launch would check them. ``operator`` None: the command line,
    run by whoever holds the database."""
    if operator is not None:
        require(session, operator, MANAGE_PERMISSION)
    system = session.scalars(select(VideoSystem).where(VideoSystem.code == system_code)).first()
    if system is None:
        raise ProfileRefused("system", "unknown")
    if launch not in LAUNCH_KINDS:
        raise ProfileRefused("launch", "launch")
    values: dict[str, Any] = {"launch": launch}
    if template is not None:
        if template:
            try:
                split_template(template, registered_programs(session))
            except LaunchRefused as refused:
                raise ProfileRefused("template", refused.reason, refused.detail) from None
        values["player_template"] = template
    if api_url is not None:
        if api_url:
            try:
                api_url = check_stream_url(api_url, ("http", "https"))
            except LaunchRefused as refused:
                raise ProfileRefused("api_url", refused.reason, refused.detail) from None
        values["api_url"] = api_url
    if api_account is not None:
        values["api_username"] = api_account.username
        values["api_password"] = api_account.password
    # What the columns hold decides the limits (a 300-character platform address, a password
    # over 128): refused by field, never the database's error with the values in it.
    for column, invalid in problems_of(VideoSystem.__table__, values).items():
        raise ProfileRefused(_PROFILE_FIELDS.get(column, column), invalid.reason)
    if launch == "player" and not (values.get("player_template") or system.player_template):
        raise ProfileRefused("template", "empty")
    session.execute(update(VideoSystem).where(VideoSystem.id == system.id).values(**values))
    shown = {k: v for k, v in values.items() if k != "api_password"}
    # No change for the feed: the posts read a profile when they open a camera, and nothing
    # they show depends on it (a change would have every post read every camera again).
    _record(session, operator, now, "video_system.profile", "video_system", system.id, shown)


# --- CSV -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """What is wrong with one cell (or one row, ``column`` ""; or the file, ``line`` 0).

    ``reason``: ``encoding``, ``empty_file``, ``header`` (an unknown column, named in
    ``detail``), ``missing_column``, ``required``, ``too_long``, ``invalid`` (format),
    ``not_a_number``, ``out_of_range``, ``unknown`` (no such video system, grid or site),
    ``duplicate`` (the same id twice in the file), ``columns`` (more cells than the header),
    ``out_of_area``, or a ``LaunchRefused`` reason for a URL."""

    line: int
    column: str
    reason: str
    detail: str = ""


class CameraImportRefused(ValueError):
    """Nothing was imported: the first ``MAX_PROBLEMS`` problems, in file order, and how many
    there were in all (``total``)."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems[:MAX_PROBLEMS]
        self.total = len(problems)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many cameras an import added and how many it changed."""

    added: int
    updated: int


def export_cameras_csv(session: Session) -> bytes:
    """The registry as CSV, UTF-8 with a BOM (Excel opens it as Chinese), without credentials."""
    systems = dict(session.execute(select(VideoSystem.id, VideoSystem.code)).all())
    grids = dict(session.execute(select(Grid.id, Grid.code)).all())
    sites = dict(session.execute(select(ConstructionSite.id, ConstructionSite.code)).all())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([header for _, header in CSV_COLUMNS])
    for camera in session.scalars(select(Camera).order_by(Camera.gb_id)):
        writer.writerow(
            _safe_cell(value)
            for value in (
                camera.gb_id,
                camera.name,
                camera.kind,
                systems.get(camera.video_system_id, ""),
                repr(camera.lon),
                repr(camera.lat),
                grids.get(camera.grid_id or 0, ""),
                sites.get(camera.site_id or 0, ""),
                camera.stream_url,
                camera.web_url,
                camera.device_gb_id,
            )
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is GBK's superset: what Chinese Excel's "CSV" writes decodes with it.
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise CameraImportRefused([ImportProblem(0, "", "encoding")]) from None


def import_cameras_csv(
    session: Session, data: bytes, now: datetime, operator: Operator | None = None
) -> ImportResult:
    """Add or update cameras (by GB/T 28181 id) from a CSV file; cameras not in the file stay.
    All or nothing: ``CameraImportRefused`` lists every problem and nothing is written.
    ``operator`` None: the command line."""
    if operator is not None:
        require(session, operator, MANAGE_PERMISSION)
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CameraImportRefused([ImportProblem(0, "", "empty_file")]) from None
    except csv.Error as exc:
        raise CameraImportRefused([ImportProblem(1, "", "invalid", str(exc))]) from None
    names = {header: key for key, header in (*CSV_COLUMNS, *CREDENTIAL_COLUMNS)}
    names.update({key: key for key, _ in (*CSV_COLUMNS, *CREDENTIAL_COLUMNS)})
    problems: list[ImportProblem] = []
    keys: list[str] = []
    for cell in header:
        key = names.get(cell.strip())
        if key is None or key in keys:
            problems.append(ImportProblem(1, cell.strip(), "header", cell.strip()[:40]))
        keys.append(key or "")
    problems += [
        ImportProblem(1, key, "missing_column") for key in REQUIRED_COLUMNS if key not in keys
    ]
    if problems:
        raise CameraImportRefused(problems)

    context = _ImportContext.load(session)
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(keys):
                problems.append(ImportProblem(line, "", "columns"))
                continue
            raw = {key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(keys)}
            values, row_problems = context.check_row(session, line, raw)
            problems += row_problems
            gb_id = raw.get("gb_id", "")
            if gb_id in seen:
                problems.append(ImportProblem(line, "gb_id", "duplicate", str(seen[gb_id])))
            elif gb_id:
                seen[gb_id] = line
            if not row_problems:
                rows.append((line, values))
    except csv.Error as exc:
        problems.append(ImportProblem(reader.line_num, "", "invalid", str(exc)))
    if problems:
        raise CameraImportRefused(problems)

    existing = dict(session.execute(select(Camera.gb_id, Camera.id)).all())
    added = updated = 0
    for _line, values in rows:
        credentials = {k: values.pop(k) for k in ("stream_username", "stream_password")}
        # An empty credential cell keeps what is stored (the export leaves them out).
        values.update({k: v for k, v in credentials.items() if v})
        camera_id = existing.get(values["gb_id"])
        if camera_id is None:
            session.execute(insert(Camera).values(**values))
            added += 1
        else:
            session.execute(update(Camera).where(Camera.id == camera_id).values(**values))
            updated += 1
    _record(
        session,
        operator,
        now,
        "camera.import",
        "camera",
        None,
        {"added": added, "updated": updated},
    )
    record_change(session, "camera", None, "import", operator.post if operator else None)
    return ImportResult(added, updated)


@dataclass
class _ImportContext:
    systems: dict[str, int]  # code and name → id
    grids: dict[str, int]
    sites: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> _ImportContext:
        systems: dict[str, int] = {}
        for system_id, code, name in session.execute(
            select(VideoSystem.id, VideoSystem.code, VideoSystem.name)
        ):
            systems[name] = system_id
            systems[code] = system_id
        return cls(
            systems,
            dict(session.execute(select(Grid.code, Grid.id)).all()),
            dict(session.execute(select(ConstructionSite.code, ConstructionSite.id)).all()),
        )

    def check_row(
        self, session: Session, line: int, raw: dict[str, str]
    ) -> tuple[dict[str, Any], list[ImportProblem]]:
        problems: list[ImportProblem] = []

        def problem(column: str, reason: str, detail: str = "") -> None:
            problems.append(ImportProblem(line, column, reason, detail))

        raw = {k: (v[1:] if v.startswith("'") and v[1:].startswith(_FORMULA_START) else v)
               for k, v in raw.items()}  # fmt: skip
        for key in REQUIRED_COLUMNS:
            if not raw.get(key):
                problem(key, "required")
        values: dict[str, Any] = {}
        gb_id = raw.get("gb_id", "")
        if gb_id and not (len(gb_id) == 20 and gb_id.isascii() and gb_id.isdigit()):
            problem("gb_id", "invalid")
        values["gb_id"] = gb_id
        device = raw.get("device_gb_id", "")
        if device and not (len(device) == 20 and device.isascii() and device.isdigit()):
            problem("device_gb_id", "invalid")
        values["device_gb_id"] = device
        name = raw.get("name", "")
        if len(name) > MAX_NAME:
            problem("name", "too_long")
        elif any(not c.isprintable() for c in name):
            problem("name", "invalid")
        values["name"] = name
        kind = KIND_NAMES.get(raw.get("kind", ""), raw.get("kind", ""))
        if raw.get("kind") and kind not in CAMERA_KINDS:
            problem("kind", "invalid")
        values["kind"] = kind
        system = raw.get("system", "")
        if system and system not in self.systems:
            problem("system", "unknown", system[:40])
        values["video_system_id"] = self.systems.get(system)
        for key, low, high in (("lon", -180.0, 180.0), ("lat", -90.0, 90.0)):
            text = raw.get(key, "")
            if not text:
                continue
            try:
                number = float(text)
            except ValueError:
                problem(key, "not_a_number")
                continue
            if not (math.isfinite(number) and low <= number <= high):
                problem(key, "out_of_range")
            values[key] = number
        grid = raw.get("grid", "")
        if grid:
            if grid not in self.grids:
                problem("grid", "unknown", grid[:40])
            values["grid_id"] = self.grids.get(grid)
        elif "lon" in values and "lat" in values and not problems:
            values["grid_id"] = _grid_of_point(session, values["lon"], values["lat"])
            if values["grid_id"] is None:
                problem("lon", "out_of_area")
        site = raw.get("site", "")
        if site and site not in self.sites:
            problem("site", "unknown", site[:40])
        values["site_id"] = self.sites.get(site) if site else None
        for key, schemes in (
            ("stream_url", ("rtsp", "http", "https")),
            ("web_url", ("http", "https")),
        ):
            url = raw.get(key, "")
            if url:
                try:
                    url = check_stream_url(url, schemes)  # stored as rebuilt, never as typed
                except LaunchRefused as refused:
                    # The detail names the scheme at most: a URL with a password is not echoed.
                    problem(key, refused.reason, refused.detail[:20])
            values[key] = url
        values["stream_username"] = raw.get("username", "")
        values["stream_password"] = raw.get("password", "")
        # Every cell against its column (length, characters): the same check every write
        # gets, reported here by line and column instead of refusing the whole file at once.
        reported = {p.column for p in problems}
        for key, invalid in problems_of(Camera.__table__, values).items():
            column = _CSV_KEY_OF.get(key, key)
            if column not in reported:
                reason = "invalid" if invalid.reason == "characters" else invalid.reason
                problem(column, reason)
        return values, problems


# The CSV column of a camera's column, where they differ.
_CSV_KEY_OF = {"stream_username": "username", "stream_password": "password"}


def _grid_of_point(session: Session, lon: float, lat: float) -> int | None:
    from models.events import EventInputError, check_place

    try:
        return check_place(session, lon, lat).grid_id
    except EventInputError:
        return None
