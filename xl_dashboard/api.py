"""The public pipeline: load → compute → write. Every door calls these.

`run_build` is the whole of a build: its outputs are checked before anything is read (never an
input, never each other, the right extension, replaceable), the stored history is locked from
reading to writing, and every output is written to a temporary file and moved into place only
when all of them are complete (outputs.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .calendar import month_end
from .csv_files import write_csv
from .disclosure import SUPPRESSED, suppress
from .indicators import engine
from .indicators.engine import RESULT_COLUMNS, Results, resolve_settings
from .inputs import InputSet, load_inputs
from .issues import Issues
from .outputs import BuildRequest, check_request, replacing, staged
from .validation import validate

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BuildRequest",
    "InputSet",
    "check_request",
    "Results",
    "build",
    "compute",
    "load_inputs",
    "published",
    "run_build",
    "write_data_csv",
]


def run_build(request: BuildRequest) -> Results:
    """Read, compute and write every output of one build, all or none. Returns the results
    as computed (before any publication suppression)."""
    from .dashboard.build import write_dashboard
    from .history import history_lock, merged_history, read_history, write_history

    check_request(request)
    if request.pdf is not None or request.png_dir is not None:
        from .dashboard.pdf import soffice

        soffice()  # say so before the work when LibreOffice is missing
    locked = history_lock(request.history) if request.history else contextlib.nullcontext()
    with locked:
        inputs = load_inputs(request.input_workbook, request.annex_a, **request.overrides)
        history = None
        if request.history is not None:
            history, found = read_history(request.history)
            inputs.issues.extend(found)
        results = compute(inputs, history)
        pack = published(results) if request.publish else results
        with staged(request.targets()) as stage:
            write_dashboard(pack, stage.temp(request.output))
            if request.data_csv is not None:
                write_data_csv(pack, stage.temp(request.data_csv))
            if request.history is not None and history is not None:
                write_history(stage.temp(request.history), merged_history(history, results))
            if request.quality_report is not None:
                write_quality(results, stage.temp(request.quality_report))
            if request.pdf is not None or request.png_dir is not None:
                from .dashboard.pdf import export_pages

                export_pages(
                    stage.temp(request.output),
                    stage.temp(request.pdf) if request.pdf is not None else None,
                    stage.temp(request.png_dir) if request.png_dir is not None else None,
                )
    return results


def compute(inputs: InputSet, history: pd.DataFrame | None = None) -> Results:
    """Validate, then compute: the build plan (settings, reporting month, coverage start) is
    resolved once; the validation rules run over the typed lists as their own stage; the
    engine only computes (and never changes its input)."""
    settings = resolve_settings(inputs)
    checked = Issues()
    if inputs.annex:
        checked = validate(
            inputs.annex, month_end=month_end(settings.reporting_month), today=settings.build_date
        )
    return engine.compute(inputs, history, settings=settings, checked=checked)


def published(results: Results) -> Results:
    """The results as a published pack shows them: counts 1 to [5] and figures resting on
    them withheld (disclosure.py)."""
    settings = results.settings.replace(publish=True)
    data = suppress(results.data, settings.largest_small)
    return dataclasses.replace(results, data=data, settings=settings)


def write_data_csv(results: Results, path: str | os.PathLike[str]) -> Path:
    """The tidy indicator table as CSV, exactly the contract's columns; a withheld figure
    (publication mode) is `c`, text that looks like a formula is made inert."""
    frame = results.data[RESULT_COLUMNS]
    if "suppressed" in results.data:
        hidden = results.data["suppressed"].to_numpy(dtype=bool)
        frame = frame.astype({c: object for c in ("numerator", "denominator", "value")})
        frame.loc[hidden, ["numerator", "denominator", "value"]] = SUPPRESSED
    with replacing(path) as tmp:
        write_csv(frame, tmp)
    return Path(path)


def write_quality(results: Results, path: str | os.PathLike[str]) -> Path:
    """The row-level data-quality report (OFFICIAL-SENSITIVE), as its own workbook."""
    from .validation.quality_report import write_quality_report

    s = results.settings
    with replacing(path) as tmp:
        write_quality_report(results.issues, tmp, f"{s.la_name}, {s.reporting_month}")
    return Path(path)


def build(
    input_workbook: str | os.PathLike[str] | None = None,
    output: str | os.PathLike[str] = "dashboard.xlsx",
    *,
    annex_a: str | os.PathLike[str] | None = None,
    data_csv: str | os.PathLike[str] | None = None,
    history: str | os.PathLike[str] | None = None,
    publish: bool = False,
    **overrides: object,
) -> Results:
    """Read the inputs, compute every indicator and write the dashboard workbook (and the
    indicator CSV and stored history when named)."""
    return run_build(
        BuildRequest(
            output=Path(output),
            input_workbook=Path(input_workbook) if input_workbook is not None else None,
            annex_a=Path(annex_a) if annex_a is not None else None,
            data_csv=Path(data_csv) if data_csv is not None else None,
            history=Path(history) if history is not None else None,
            publish=publish,
            overrides=overrides,
        )
    )
