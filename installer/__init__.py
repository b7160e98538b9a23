"""The build of GridDesk's distributable bundle, its packages and its smoke test (STYLE 12).

    python -m installer build [--out DIR]      the one-folder bundle (PyInstaller), dist/griddesk
    python -m installer smoke [BUNDLE]         run the built bundle as a centre would
    python -m installer deb [BUNDLE] [--out DIR]   the Debian package made from the bundle

See installer/README.md for the Windows installer and the check of the .deb in a clean Debian.
"""
