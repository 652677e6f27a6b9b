"""A build's output files: checked before anything is read, written all together or not at all.

Every output (the dashboard, the indicator CSV, the history, the PDF, the page images, the
quality report) is first written to a private temporary file beside its target. Only when all of
them are complete are they moved into place; if one move fails, the ones already moved are put
back, so the outputs never disagree with each other. No output may be an input (compared by file
identity, so a symlink, a hard link or `./` cannot get round it), nor another output, nor a file
that is read-only or not a regular file."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError, TargetError

# Temporary files carry this prefix, the writer's process id and a random token, so a later
# build can tell its own stale leftovers (their process is gone) from another build's live ones.
TEMP_PREFIX = ".xl-dashboard-"
SUFFIXES = {"xlsx": ".xlsx", "csv": ".csv", "pdf": ".pdf"}
# The temporary files of the stages open in this process: a writer asked to replace one writes
# it directly (the stage already makes it private and moves it into place with the others).
_STAGED: set[Path] = set()


@dataclass(frozen=True)
class Target:
    """One output: where it goes, what it is (`xlsx`, `csv`, `pdf` or `folder` of PNG pages)
    and the option that named it (for messages)."""

    path: Path
    kind: str
    option: str


def check_targets(targets: Sequence[Target], inputs: Sequence[Path]) -> None:
    """Refuse (exit 2, one sentence, before anything is read or written) an output that is an
    input or another output, has the wrong extension, or cannot be replaced safely."""
    seen: dict[tuple[int, int] | Path, Target] = {}
    sources = {_identity(p): p for p in inputs if p.exists()}
    for t in targets:
        if t.kind != "folder" and t.path.is_dir():
            raise TargetError(
                f"{t.option} '{t.path}' is a folder: give a file name such as "
                f"dashboard{SUFFIXES.get(t.kind, '')}."
            )
        if t.kind in SUFFIXES and t.path.suffix.lower() != SUFFIXES[t.kind]:
            raise TargetError(
                f"{t.option} '{t.path.name}' must end in {SUFFIXES[t.kind]}: the file written "
                f"is {t.kind.upper()}, and a name saying otherwise would mislead Excel."
            )
        if not t.path.parent.is_dir():
            raise TargetError(f"{t.option}: the folder '{t.path.parent}' does not exist.")
        ident = _identity(t.path) if t.path.exists() else t.path.resolve()
        if ident in sources:
            raise TargetError(
                f"{t.option} '{t.path}' is the input '{sources[ident]}': an output never "
                "replaces an input. Give another file name."
            )
        if ident in seen:
            raise TargetError(
                f"{t.option} and {seen[ident].option} name the same file '{t.path}': give "
                "each output its own name."
            )
        seen[ident] = t
        if t.path.exists() or t.path.is_symlink():
            _check_replaceable(t)


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()  # follows symlinks: a link to an input is that input
    return (st.st_dev, st.st_ino)


def _check_replaceable(t: Target) -> None:
    st = t.path.stat()
    if t.kind == "folder":
        if not stat.S_ISDIR(st.st_mode):
            raise TargetError(f"{t.option} '{t.path}' is a file, not a folder.")
        return
    if stat.S_ISDIR(st.st_mode):
        raise TargetError(
            f"{t.option} '{t.path}' is a folder: give a file name such as "
            f"dashboard{SUFFIXES.get(t.kind, '')}."
        )
    if not stat.S_ISREG(st.st_mode):
        raise TargetError(
            f"{t.option} '{t.path}' is not a regular file (a device, pipe or socket): it is "
            "not replaced."
        )
    if not os.access(t.path, os.W_OK) or not st.st_mode & 0o222:  # root may write anything
        raise TargetError(
            f"{t.option} '{t.path}' is read-only: it is not replaced. Make it writable or give "
            "another name."
        )


@dataclass
class Staging:
    """Temporary files for a set of targets, moved into place together by `commit`."""

    targets: Sequence[Target]
    _temps: dict[Path, Path] = field(default_factory=dict)

    def temp(self, target: Path) -> Path:
        """The private temporary path (file, or folder for PNG pages) to write `target` to."""
        if target not in self._temps:
            t = next(t for t in self.targets if t.path == target)
            name = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{target.name}"
            tmp = target.parent / name
            if t.kind == "folder":
                tmp.mkdir(mode=0o700)
            else:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                os.close(fd)
            self._temps[target] = tmp
            _STAGED.add(tmp)
        return self._temps[target]

    def commit(self) -> None:
        """Move every temporary file into place; if one move fails, undo the others."""
        umask = os.umask(0)
        os.umask(umask)
        done: list[tuple[Path, Path | None]] = []  # (target, backup of the old file or None)
        try:
            for target, tmp in self._temps.items():
                if tmp.is_dir():
                    os.chmod(tmp, 0o777 & ~umask)
                    for f in tmp.iterdir():
                        os.chmod(f, 0o666 & ~umask)
                    done.append((target, _move_folder_contents(tmp, target)))
                    continue
                os.chmod(tmp, 0o666 & ~umask)
                backup = _backup(target)
                os.replace(tmp, target)
                done.append((target, backup))
        except OSError as exc:
            for target, backup in reversed(done):
                _restore(target, backup)
            raise _output_error(exc, target) from None
        for _target, backup in done:
            if backup is not None:
                _remove(backup)

    def discard(self) -> None:
        for tmp in self._temps.values():
            _STAGED.discard(tmp)
            _remove(tmp)
        self._temps.clear()


@contextlib.contextmanager
def staged(targets: Sequence[Target]) -> Iterator[Staging]:
    """Write into `stage.temp(path)`; on success every output is moved into place together,
    on any failure or interrupt none is and the temporary files are removed."""
    for folder in {t.path.parent for t in targets}:
        remove_stale(folder)
    stage = Staging(targets)
    try:
        yield stage
        stage.commit()
    except OSError as exc:
        raise _output_error(exc, None) from None
    finally:
        stage.discard()


@contextlib.contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """One output written safely: yield a private temporary path beside it; on success it
    replaces `path`, on failure it is removed and the old file is left as it was."""
    target = Path(path)
    if target in _STAGED:  # already a private temporary file of a build's stage: write it
        yield target
        return
    if target.is_dir():
        raise OutputError(f"'{target}' is a folder: give a file name such as dashboard.xlsx.")
    if not target.parent.is_dir():
        raise OutputError(f"The folder '{target.parent}' does not exist.")
    with staged([Target(target, "file", "output")]) as stage:
        yield stage.temp(target)


def remove_stale(folder: Path) -> None:
    """Remove temporary files of earlier builds in `folder` whose process is gone (a killed
    build); another build's live ones are left alone."""
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TEMP_PREFIX}*"):
            pid = leftover.name[len(TEMP_PREFIX) :].split("-", 1)[0]
            if pid.isascii() and pid.isdigit() and not _alive(int(pid)):
                _remove(leftover)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _backup(target: Path) -> Path | None:
    """A hard link to the file about to be replaced (a copy where links are not allowed)."""
    if not target.exists():
        return None
    backup = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-old"
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def _restore(target: Path, backup: Path | None) -> None:
    with contextlib.suppress(OSError):
        if backup is None:
            target.unlink()
        else:
            os.replace(backup, target)


def _move_folder_contents(tmp: Path, target: Path) -> Path | None:
    """Page images: the folder's new files replace those of the same name."""
    target.mkdir(exist_ok=True)
    for f in sorted(tmp.iterdir()):
        os.replace(f, target / f.name)
    return None


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _output_error(exc: OSError, target: Path | None) -> OutputError:
    """One sentence for the OS errors a user can meet: disk full, permissions, file in use."""
    where = f"'{target}'" if target is not None else "the outputs"
    if exc.errno == errno.ENOSPC:
        return OutputError(f"The disk is full: {where} could not be written; nothing was replaced.")
    if isinstance(exc, PermissionError):
        return OutputError(
            f"No permission to write {where} (is it open in Excel, or the folder read-only?); "
            "nothing was replaced."
        )
    return OutputError(f"{where} could not be written ({exc.strerror}); nothing was replaced.")


@dataclass(frozen=True)
class BuildRequest:
    """What one build reads and writes (paths as the user gave them)."""

    output: Path
    input_workbook: Path | None = None
    annex_a: Path | None = None
    data_csv: Path | None = None
    history: Path | None = None
    pdf: Path | None = None
    png_dir: Path | None = None
    quality_report: Path | None = None
    publish: bool = False
    overrides: dict[str, object] = field(default_factory=dict)

    def targets(self) -> list[Target]:
        named = [
            (self.output, "xlsx", "-o"),
            (self.data_csv, "csv", "--data-csv"),
            (self.history, "csv", "--history"),
            (self.pdf, "pdf", "--pdf"),
            (self.png_dir, "folder", "--png"),
            (self.quality_report, "xlsx", "--quality-report"),
        ]
        return [Target(Path(p), kind, option) for p, kind, option in named if p is not None]

    def inputs(self) -> list[Path]:
        """Every file the build reads (a CSV folder's files each), the history aside."""
        paths = [p for p in (self.input_workbook, self.annex_a) if p is not None]
        files: list[Path] = []
        for p in map(Path, paths):
            files += sorted(p.glob("*.csv")) if p.is_dir() else [p]
        return files


def check_request(request: BuildRequest) -> None:
    """Refuse unsafe outputs before anything is read (exit 2, one sentence, nothing written)."""
    check_targets(request.targets(), request.inputs())
