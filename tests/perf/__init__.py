"""GridDesk's benchmarks: ``python -m tests.perf [--json FILE] [--only NAME …]``.

Each benchmark measures on a real database, in a separate process where a user would have one,
and prints one figure a line (``name value unit``). They are never part of the test suite: timing
assertions there would only make it flaky.
"""
