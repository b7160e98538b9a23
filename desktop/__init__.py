"""GridDesk's shell: start-up, main window, docks, log-in, the store, the command line."""
