"""Safe writes: build into a temporary file beside the target, then rename it into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces `path`, on failure it is removed and the
    old file (if any) is left untouched."""
    target = Path(path)
    if not target.parent.exists():
        raise OutputError(f"The folder '{target.parent}' does not exist.")
    if target.is_dir():
        raise OutputError(f"'{target}' is a folder: give a file name such as dashboard.xlsx.")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it normal rights
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise OutputError(
                f"'{target.name}' could not be replaced: close it in Excel and try again."
            ) from None
        except OSError as exc:
            raise OutputError(f"'{target}' could not be written: {exc.strerror}.") from None
    finally:
        tmp.unlink(missing_ok=True)
