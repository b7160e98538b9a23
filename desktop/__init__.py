"""GridDesk's shell: start-up, main window, docks, log-in, the store, the command line."""

# GridDesk's version, in one place: ``--version``, 帮助 → 关于, the packages and pyproject.toml
# read it from here.
__version__ = "0.1.0"
