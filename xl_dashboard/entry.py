"""The `xl-dashboard` command's entry point: Ctrl-C (SIGINT) or a scheduler's SIGTERM while the
command line is still being imported ends quietly (exit 130 or 143), as it does later, never
with a traceback."""

import os
import signal
import sys

from .errors import EXIT_INTERRUPTED, terminated


def main() -> None:
    signal.signal(signal.SIGTERM, terminated)
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Stopped: nothing was written.\n")
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    run()
