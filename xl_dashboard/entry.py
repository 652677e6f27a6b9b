"""The `xl-dashboard` command's entry point: Ctrl-C (SIGINT) or a scheduler's SIGTERM while the
command line is still being imported ends quietly (exit 130 or 143), as it does later, never
with a traceback."""

import os
import signal
import sys

EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # as a shell reports SIGINT and SIGTERM


def _terminated(_signum: int, _frame: object) -> None:
    """Unwind like Ctrl-C, so `finally` blocks remove temporary files."""
    raise SystemExit(EXIT_TERMINATED)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("Stopped: nothing was written.\n")
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    run()
