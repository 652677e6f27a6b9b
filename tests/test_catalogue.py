"""The catalogue is written once: each entry carries its compute function, the columns it needs
and a title over the settings; the engine, the drop-down and the pages follow from it."""

from __future__ import annotations

import inspect
import string

from conftest import d

from xl_dashboard.dashboard.data_sheets import definitions
from xl_dashboard.dashboard.lookup import Lookup
from xl_dashboard.dashboard.summary import build_summary
from xl_dashboard.excel.codes import CODE_LISTS
from xl_dashboard.indicators import (
    child_protection,
    children_in_need,
    early_help,
    front_door,
    looked_after,
)
from xl_dashboard.indicators.base import Context
from xl_dashboard.indicators.catalogue import BY_ID, CATALOGUE, SOURCES
from xl_dashboard.settings import TIMESCALE_FIELDS, Settings

SECTION_MODULES = (front_door, early_help, children_in_need, child_protection, looked_after)
FROM_ANNEX_A = ("annex_a", "either")


def _compute_functions() -> set[object]:
    """Every public function of the section modules that takes a Context."""
    return {
        fn
        for module in SECTION_MODULES
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__
        and not name.startswith("_")
        and list(inspect.signature(fn).parameters) == ["ctx"]
    }


def test_ids_are_unique_and_sources_known() -> None:
    assert len(BY_ID) == len(CATALOGUE)
    assert {ind.source for ind in CATALOGUE} <= set(SOURCES)


def test_annex_a_entries_have_a_function_and_every_function_an_entry() -> None:
    for ind in CATALOGUE:
        if ind.source in FROM_ANNEX_A:
            # A rate is computed from the count it is a rate of (engine._add_rates).
            counted = BY_ID[ind.rate_of] if ind.rate_of else ind
            assert counted.compute is not None, ind.id
            assert counted.needs, ind.id
        else:
            assert ind.compute is None and not ind.needs, ind.id
    attached = [ind.compute for ind in CATALOGUE if ind.compute is not None]
    assert len(attached) == len(set(attached))
    assert set(attached) == _compute_functions()
    for ind in CATALOGUE:
        if ind.compute is not None:
            assert ind.compute.__name__ == ind.id  # the function is named after its entry
            assert inspect.signature(ind.compute).parameters["ctx"].annotation in (
                Context,
                "Context",
            )


def test_titles_name_only_the_settings_they_declare() -> None:
    for ind in CATALOGUE:
        named = {f for _, f, _, _ in string.Formatter().parse(ind.title) if f}
        assert named <= set(ind.settings) <= TIMESCALE_FIELDS, ind.id
        assert "{" not in ind.title_for(Settings())


def test_the_drop_down_lists_the_catalogue() -> None:
    assert CODE_LISTS["Indicators"] == tuple(ind.id for ind in CATALOGUE)


def test_a_figures_entry_is_never_computed(run) -> None:
    closed = {"Child Unique ID": "N1", "CIN Start Date": d("2024-01-01")}
    r = run({6: [closed | {"CIN Closure Date": d("2024-08-02")}]})
    computed = set(r.data.loc[r.data["source"] == "annex_a", "indicator_id"])
    assert "cin_closed" in computed
    assert not computed & {ind.id for ind in CATALOGUE if ind.source == "figures"}


def test_titles_follow_a_10_day_icpc_setting(run) -> None:
    s47 = {
        "Child Unique ID": "C1",
        "Strategy discussion initiating Section 47 Enquiry Start Date": d("2024-08-01"),
        "Date of Initial Child Protection Conference": d("2024-08-09"),
    }
    r = run({5: [s47]}, icpc=10)
    fig = Lookup(r)
    titles = [row.title for _, rows in build_summary(fig).sections for row in rows]
    assert "ICPCs within 10 working days of strategy discussion" in titles
    assert not any("15 working days" in t for t in titles)
    shown = definitions(r).set_index("indicator_id").at["icpc_in_timescale", "title"]
    assert shown == "ICPCs within 10 working days of strategy discussion"


def test_team_breakdowns_are_declared_on_the_timeliness_and_allocation_indicators() -> None:
    """`by_team` sits on indicators computed from a list that carries Allocated Team (3-8)."""
    by_team = {ind.id for ind in CATALOGUE if ind.by_team}
    assert by_team == {
        "assessments_in_timescale",
        "icpc_in_timescale",
        "cp_visits_in_timescale",
        "lac_health_assessment",
        "lac_dental_check",
        "cin_allocated_qualified",
        "cp_allocated_qualified",
        "lac_allocated_qualified",
    }
    for ind_id in by_team:
        ind = BY_ID[ind_id]
        assert ind.compute is not None and ind.unit == "%", ind_id
        assert set(ind.needs) <= {3, 4, 5, 6, 7, 8}, ind_id
