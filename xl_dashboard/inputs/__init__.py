"""Inputs: the Annex A lists and the input workbook, read into one `InputSet`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..issues import Issues
from ..settings import Settings
from .annex_a import AnnexA, read_annex_a
from .annex_a_spec import LISTS, sheet_name
from .input_workbook import InputTables, read_input_tables
from .workbook import SheetSource, WorkbookFile, find_sheet, open_source

__all__ = ["InputSet", "load_inputs", "load_from_sources", "worker_key"]


def worker_key(name: object) -> str:
    """Workers match ignoring case and repeated spaces (the Workers sheet against the lists'
    Allocated Worker)."""
    return re.sub(r"\s+", " ", str(name).replace("\xa0", " ")).strip().casefold()


@dataclass
class InputSet:
    """Everything one build reads, typed and normalised; issues found while reading."""

    settings: Settings
    annex: AnnexA
    tables: InputTables
    issues: Issues = field(default_factory=Issues)

    @property
    def workers(self) -> dict[str, bool]:
        frame = self.tables.workers
        if frame.empty:
            return {}
        return {
            worker_key(w): bool(q) for w, q in zip(frame["worker"], frame["qualified"], strict=True)
        }

    @property
    def figures(self) -> pd.DataFrame:
        return self.tables.figures


def load_from_sources(
    workbook: SheetSource | None,
    annex_a: SheetSource | None,
    overrides: dict[str, object] | None = None,
) -> InputSet:
    """Read an input workbook and/or an Annex A source; `overrides` beat the Settings sheet."""
    issues = Issues()
    tables = read_input_tables(workbook, issues)
    list_source = annex_a if annex_a is not None else workbook
    if annex_a is not None and workbook is not None:
        pasted = [sheet_name(n) for n in LISTS if find_sheet(workbook, sheet_name(n))]
        if pasted:
            issues.add(
                "lists-not-used",
                "info",
                pasted[0],
                f"The input workbook's {', '.join(pasted)} are not used: the lists come "
                f"from {annex_a.label}.",
            )
    annex = read_annex_a(list_source, issues) if list_source is not None else AnnexA()
    settings = tables.settings.replace(**(overrides or {}))
    inputs = InputSet(settings=settings, annex=annex, tables=tables, issues=issues)
    if not annex and tables.figures.empty:
        where = annex_a.label if annex_a is not None else (workbook.label if workbook else "")
        if annex.empty:
            names = ", ".join(annex.sheet(n) for n in sorted(annex.empty))
            raise InputError(
                f"In '{where}' the lists have headers but no rows ({names}), and there are no "
                "Monthly figures: there is nothing to build a dashboard from yet."
            )
        raise InputError(
            f"'{where}' holds no Annex A list (sheets 'List 1' … 'List 8') and no Monthly "
            "figures: there is nothing to build a dashboard from."
        )
    return inputs


def load_inputs(
    input_workbook: str | os.PathLike[str] | None = None,
    annex_a: str | os.PathLike[str] | None = None,
    **overrides: object,
) -> InputSet:
    """Read inputs from files: an input workbook, an Annex A workbook or CSV folder, or both."""
    if input_workbook is None and annex_a is None:
        raise InputError("Give an input workbook, or an Annex A file or folder with --annex-a.")
    workbook = WorkbookFile(input_workbook) if input_workbook is not None else None
    lists = open_source(annex_a) if annex_a is not None else None
    return load_from_sources(workbook, lists, overrides)
