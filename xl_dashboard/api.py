"""The public pipeline: load → compute → write. Every door calls these.

`run_build` is the whole of a build: its outputs are checked before anything is read (never an
input, never each other, the right extension, replaceable), the stored history is locked from
reading to writing, and every output is written to a temporary file and moved into place only
when all of them are complete (outputs.py).

The doors (the command line, the macros, the UDFs) import nothing else of the core but the
ground floor (errors, progress, calendar, settings, issues, outputs) and what this module
re-exports: the catalogue, the cell parsers, a live workbook's reading and the pack's writers
(tests/test_architecture.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .calendar import month_end
from .csv_files import write_csv
from .dashboard.rules import direction_formula, rag_criteria, rag_formula
from .disclosure import SUPPRESSED, suppress
from .indicators import engine
from .indicators.catalogue import BY_ID, CATALOGUE, SECTIONS, STANDARD_COMPARATORS
from .indicators.engine import RESULT_COLUMNS, Results, resolve_settings
from .indicators.front_door import source_groups
from .indicators.signals import spc_of
from .inputs import InputSet, annex_a_codes, load_from_sources, load_inputs
from .inputs.annex_a_spec import ANNEX_A_HEADERS, LISTS, sheet_name
from .inputs.input_workbook import SHEETS as INPUT_SHEETS
from .inputs.normalise import (
    INVALID,
    clean_text,
    norm_header,
    parse_code,
    parse_date,
    parse_month_text,
    parse_number,
)
from .inputs.workbook import RawSheet, SheetSource, find_sheet, open_source
from .issues import Issues
from .outputs import BuildRequest, check_request, replacing, staged
from .status import rag
from .validation import validate

if TYPE_CHECKING:
    import pandas as pd

    from .dashboard.data_blocks import (
        DATA_SHEET,
        HEADER_FIELDS,
        PAGE_SHEETS,
        SERIES_COLUMNS,
        TEAM_COLUMNS,
        TEAM_ROWS,
        DataBlocks,
        Spot,
        data_blocks,
        empty_blocks,
        geometry,
        series_keys,
        summary_rows,
        team_indicators,
    )

__all__ = [
    "DATA_SHEET",
    "HEADER_FIELDS",
    "PAGE_SHEETS",
    "SERIES_COLUMNS",
    "TEAM_COLUMNS",
    "TEAM_ROWS",
    "DataBlocks",
    "Spot",
    "data_blocks",
    "direction_formula",
    "empty_blocks",
    "geometry",
    "rag_criteria",
    "rag_formula",
    "series_keys",
    "summary_rows",
    "team_indicators",
    "ANNEX_A_HEADERS",
    "BY_ID",
    "CATALOGUE",
    "INPUT_SHEETS",
    "INVALID",
    "LISTS",
    "SECTIONS",
    "STANDARD_COMPARATORS",
    "BuildRequest",
    "InputSet",
    "RawSheet",
    "Results",
    "SheetSource",
    "annex_a_codes",
    "annex_a_lists",
    "build",
    "check_request",
    "clean_text",
    "compute",
    "compute_source",
    "export_pages",
    "load_from_sources",
    "load_inputs",
    "norm_header",
    "parse_code",
    "parse_date",
    "parse_month_text",
    "parse_number",
    "print_report",
    "printed_sheets",
    "published",
    "rag",
    "run_build",
    "sheet_name",
    "source_groups",
    "spc_of",
    "synthesise",
    "synthesise_history",
    "write_dashboard",
    "write_data_csv",
    "write_quality",
    "quality_summary",
    "RESULT_COLUMNS",
]


def run_build(request: BuildRequest) -> Results:
    """Read, compute and write every output of one build, all or none. Returns the results
    as computed (before any publication suppression)."""
    from .history import history_lock, merged_history, read_history, write_history

    check_request(request)
    if request.pdf is not None or request.png_dir is not None:
        from .dashboard.pdf import soffice

        soffice()  # say so before the work when LibreOffice is missing
    # The pack writer's imports now, while the read-ahead thread parses the lists: the main
    # thread would otherwise only wait for it, and import them after computing.
    from .dashboard import build as _writer  # noqa: F401

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


def compute_source(workbook: SheetSource) -> Results:
    """The results of one workbook's sheets (a live Excel book through the Excel doors), read
    and computed exactly as a build reads and computes an input workbook."""
    return compute(load_from_sources(workbook, None, {}))


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


def quality_summary(results: Results) -> pd.DataFrame:
    """The figures-only data-quality summary, as the dashboard's 'Data quality' sheet shows it:
    issues counted by rule, sheet and severity, each rule described (no rows, cell text or
    names)."""
    from .validation import rule_summary

    return rule_summary(results.issues.frame(), by_sheet=True)


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


def write_dashboard(results: Results, path: str | os.PathLike[str]) -> Path:
    """Write the dashboard workbook to `path` (replaced only once it is complete)."""
    from .dashboard.build import write_dashboard as write

    return write(results, path)


def printed_sheets(workbook: str | os.PathLike[str]) -> list[str]:
    """The printed sheets of a built dashboard (the summary and the pages)."""
    from .dashboard.build import printed_sheets as printed

    return printed(workbook)


def export_pages(
    workbook: Path, pdf: Path | None = None, png_dir: Path | None = None
) -> tuple[Path | None, list[Path]]:
    """The printed pages of a built dashboard as a PDF and/or PNGs, through LibreOffice."""
    from .dashboard.pdf import export_pages as export

    return export(workbook, pdf, png_dir)


def annex_a_lists(
    path: str | os.PathLike[str],
) -> Iterator[tuple[str, Callable[[], RawSheet] | None]]:
    """Each Annex A list of a file or CSV folder, in order: (sheet name, a call that reads it,
    or None when the file has no such list), so a door can say which list it is reading."""
    source = open_source(path)
    for list_no in LISTS:
        name = sheet_name(list_no)
        found = find_sheet(source, name)
        yield name, functools.partial(source.read, found) if found is not None else None


def print_report(results: Results, limit: int = 40) -> None:
    """The data-quality summary on the terminal: counts, then the first `limit` issues."""
    from .validation.report import print_report as show

    show(results, limit=limit)


def synthesise(
    annex_a: Path,
    input_workbook: Path | None = None,
    *,
    end: str = "2024-09",
    months: int = 6,
    scale: str = "county",
    seed: int = 0,
) -> dict[str, int]:
    """Synthetic inputs, never real children's data: an Annex A workbook and, when named, an
    input workbook to go with it. Returns the Annex A rows written per sheet."""
    from .synth import synthesise_annex_a, synthesise_input_workbook

    rows = synthesise_annex_a(annex_a, end=end, months=months, scale=scale, seed=seed)
    if input_workbook is not None:
        synthesise_input_workbook(
            input_workbook, end=end, months=months, seed=seed, annex_a_path=annex_a
        )
    return rows


def synthesise_history(input_workbook: Path, annex_a: Path, path: Path) -> Path:
    """A synthetic stored history for synthetic inputs: the months before their data, walked
    back from their first months, up to two years with them (synth/history.py)."""
    from .history import write_history
    from .synth.history import earlier_months

    results = compute(load_inputs(input_workbook, annex_a))
    earlier = earlier_months(results.data, str(results.settings.reporting_month))
    with replacing(Path(path)) as tmp:
        write_history(tmp, earlier[RESULT_COLUMNS])
    return Path(path)


# The in-workbook pages' data blocks (dashboard/data_blocks.py), imported when first asked for:
# they pull in the whole pack model, which a build, a check or the cell functions never need.
_DATA_BLOCKS = frozenset(
    {
        "DATA_SHEET",
        "HEADER_FIELDS",
        "PAGE_SHEETS",
        "SERIES_COLUMNS",
        "TEAM_COLUMNS",
        "TEAM_ROWS",
        "DataBlocks",
        "Spot",
        "data_blocks",
        "empty_blocks",
        "geometry",
        "series_keys",
        "summary_rows",
        "team_indicators",
    }
)


def __getattr__(name: str) -> object:
    if name in _DATA_BLOCKS:
        from .dashboard import data_blocks

        return getattr(data_blocks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
