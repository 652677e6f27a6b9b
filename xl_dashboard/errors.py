"""The one exception family: every message tells a performance officer what to fix."""


class XlDashboardError(Exception):
    """Base class: the message is shown to the user as it is, without a traceback."""

    exit_code = 1


class InputError(XlDashboardError):
    """The input cannot be used at all (missing file, not a workbook, no usable list)."""

    exit_code = 2


class SettingsError(XlDashboardError):
    """A setting or command-line option has a value that cannot be used."""

    exit_code = 2


class OutputError(XlDashboardError):
    """The output could not be written (folder missing, file open in Excel, ...)."""

    exit_code = 1


class TargetError(XlDashboardError):
    """An output target that is refused before anything is read: it is an input or another
    output, has the wrong extension, or cannot be replaced safely."""

    exit_code = 2


EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # as a shell reports SIGINT and SIGTERM


def terminated(_signum: int, _frame: object) -> None:
    """SIGTERM (a scheduler stopping the job): unwind like Ctrl-C, so `finally` blocks remove
    temporary files."""
    raise SystemExit(EXIT_TERMINATED)
