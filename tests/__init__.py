"""GridDesk's tests: ``python -m pytest`` runs them, ``python -m tests.perf`` the benchmarks."""
