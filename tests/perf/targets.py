"""What each figure is held to, here and nowhere else (never in the test suite).

Machines of this kind differ two or three times in speed, so most targets are ratios to a floor
measured in the same run, on the same data, with the same statistic: the figure says what
GridDesk adds on top of what the machine, Python or the database cannot go below. A few are
absolute, where the duty operator's wait is what counts (a sync p95, memory).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """``figure`` (or ``figure`` minus/over ``floor``) held to ``limit``; ``at_least`` for rates."""

    figure: str
    limit: float
    floor: str | None = None
    over: bool = True  # True: figure ÷ floor; False: figure − floor
    at_least: bool = False

    @property
    def name(self) -> str:
        """The key of the compared value in the JSON and the printout."""
        if self.floor is None:
            return self.figure
        return f"{self.figure}_over_floor" if self.over else f"{self.figure}_above_floor"

    def value(self, figures: dict[str, float]) -> float | None:
        """The compared value, once its figures are measured."""
        if self.figure not in figures or (self.floor is not None and self.floor not in figures):
            return None
        figure = figures[self.figure]
        if self.floor is None:
            return figure
        floor = figures[self.floor]
        if self.over:
            return figure / floor if floor > 0 else float("inf")
        return figure - floor

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        sign = "≥" if self.at_least else "≤"
        if self.floor is None:
            return f"{sign} {self.limit:g}"
        how = "×" if self.over else " +"
        return f"{sign}{how}{self.limit:g} {self.floor}"


TARGETS: tuple[Target, ...] = (
    # One keystroke of the queue's free-text search against a plain substring scan of the same
    # 100k search strings; one header click against Python's sort of the same keys.
    Target("queue_filter_100k_ms", 1.5, floor="scan_floor_100k_ms"),
    Target("queue_sort_100k_ms", 2.0, floor="sort_floor_100k_ms"),
    # A step (accept, dispatch …) on PostgreSQL against a bare one-row UPDATE transaction.
    Target("transition_pg_ms", 10.0, floor="update_floor_pg_ms"),
    Target("sync_latency_pg_ms_p95", 100.0),
    Target("mode_switch_propagation_ms", 250.0),
    # Start to screenshot against a process that only shows an empty QWebEngineView.
    Target("startup_to_screenshot_100k_s", 1.5, floor="webengine_blank_start_s", over=False),
    Target("rss_100k_mb", 400.0),
    Target("seed_1m_s", 300.0),
    Target("history_search_1m_pg_ms", 300.0),
    Target("history_search_1m_sqlite_ms", 300.0),
    # 12345 work orders (issue 17): import whole exports, place addresses, never wrongly.
    Target("hotline_import_88k_s", 60.0),
    Target("address_match_ms", 5.0),
    Target("address_wrong_pct", 0.0),
    # IoT devices (issue 18): an alarm reaches another post's queue, ingest with repeats folded.
    Target("iot_alarm_to_queue_ms_p95", 500.0),
    Target("iot_ingest_per_s", 500.0, at_least=True),
    Target("iot_offline_detect_s", 8.0),  # three 2-second intervals + 2 s
    # Construction sites (issue 21).
    Target("site_score_recompute_ms", 200.0),
    Target("site_sheet_pdf_s", 2.0),
    # The big screen (issue 19): another post's change → the wall's tiles and charts.
    Target("wall_update_ms", 200.0),
    Target("wall_rss_growth_mb", 20.0),
    # Periodic reports (issue 19): a month of the 100k database to PDF and XLSX.
    Target("report_monthly_100k_s", 10.0),
)


def compared(figures: dict[str, float]) -> list[tuple[Target, float]]:
    """Each target whose figures are measured, with its compared value."""
    out = []
    for target in TARGETS:
        value = target.value(figures)
        if value is not None:
            out.append((target, value))
    return out
