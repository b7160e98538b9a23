"""GridDesk (网格指挥台): hand the command line to the desktop shell."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
