"""The whole dashboard as model data: the Summary, the four pages built from their block specs
(page_specs.py, blocks.py) and the data sheets, for the results' reporting month."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..indicators.catalogue import SECTIONS
from ..indicators.engine import Results
from .blocks import build_block
from .data_sheets import data_tables
from .lookup import Lookup
from .model import Block, Chart, Commentary, Dashboard, Note, Page, RowLink, Table, TeamTable
from .page_specs import PAGE_SHEETS, PAGES
from .summary import build_summary, heading

WITHHELD_NOTE = "Some figures are withheld (c): small numbers"


def build_dashboard(results: Results) -> Dashboard:
    """The whole dashboard for the results' reporting month."""
    fig = Lookup(results)
    pages = tuple(
        Page(
            PAGE_SHEETS[n],
            n,
            SECTIONS[n],
            heading(fig),
            tuple(
                withheld_noted(link_rows(block))
                for spec in specs
                if (block := build_block(fig, spec)) is not None
            ),
        )
        for n, specs in PAGES.items()
    )
    return Dashboard(
        la_name=fig.settings.la_name,
        month_label=f"{fig.month.strftime('%B %Y')}",
        summary=build_summary(fig),
        pages=pages,
        data=data_tables(results, fig.spc, commentary_rows(pages)),
        marking=fig.settings.protective_marking,
        published=fig.settings.publish,
    )


def commentary_rows(pages: tuple[Page, ...]) -> pd.DataFrame:
    """Each page's commentary paragraphs as printed, typed or drafted."""
    rows = [
        (page.name, block.title if c.drafted else "Typed", text)
        for page in pages
        for block in page.blocks
        for c in block.parts
        if isinstance(c, Commentary)
        for text in c.paragraphs
    ]
    return pd.DataFrame(rows, columns=["page", "kind", "text"])


def link_rows(block: Block) -> Block:
    """Each chart series that plots the figure of a table row in its block (same key and field)
    linked to that row, so the chart follows the page."""
    rows = {
        (row.key, row.field): table.id
        for table in block.tables
        for row in table.rows
        if row.key is not None
    }

    def linked(chart: Chart) -> Chart:
        series = tuple(
            replace(s, link=RowLink(rows[(s.key, s.field)], s.key, s.field))
            if s.link is None and (s.key, s.field) in rows
            else s
            for s in chart.series
        )
        return replace(chart, series=series)

    parts = tuple(linked(p) if isinstance(p, Chart) else p for p in block.parts)
    return replace(block, parts=parts)


def withheld_noted(block: Block) -> Block:
    """The block with WITHHELD_NOTE under each chart that leaves withheld points out, or under
    its last table showing `c` when no chart says so."""
    parts = list(block.parts)
    at = [i + 1 for i, p in enumerate(parts) if isinstance(p, Chart) and p.withheld]
    if not at:
        tables = [i + 1 for i, p in enumerate(parts) if isinstance(p, Table | TeamTable)]
        at = [i for i in tables if parts[i - 1].withheld][-1:]
    for i in reversed(at):
        parts.insert(i, Note(WITHHELD_NOTE))
    return replace(block, parts=tuple(parts)) if at else block
