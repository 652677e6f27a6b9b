"""The synthetic Annex A workbook: generate the authority's records, cut the lists, write."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from . import care_leavers_adoption, child_protection, children_in_need, front_door, looked_after
from .authority import Authority
from .dates import Window, created, window
from .draws import seeded
from .scales import SCALES
from .sheets import sheets
from .workers import allocate
from .writer import new_workbook, write_sheet

# The workbook's document comments record the arguments it was made with (see authority_of).
_MADE_WITH = "scale={scale} seed={seed} end={end} months={months} messy={messy}"
_MADE_WITH_RE = re.compile(r"scale=(\w+) seed=(\d+) end=(\d{4}-\d{2}) months=(\d+)")


def build_authority(scale: str, win: Window, seed: int) -> Authority:
    """Generate every list's records, in dependency order (the order fixes the random draws)."""
    la = Authority(SCALES[scale], win, seed)
    front_door.contacts(la)
    front_door.referrals(la)
    front_door.assessments(la)
    front_door.s47(la)
    child_protection.cp_plans(la)
    looked_after.looked_after(la)  # ends the plans of children who come into care
    child_protection.finish_cp(la)
    children_in_need.cin(la)
    care_leavers_adoption.care_leavers(la)
    front_door.early_help(la)
    care_leavers_adoption.adopters(la)
    care_leavers_adoption.adoption(la)
    la.kids.finish()
    allocate(la)
    return la


def synthesise_annex_a(
    path: str | Path,
    *,
    end: str = "2024-09",
    months: int = 6,
    scale: str = "county",
    seed: int = 0,
    messy: bool = True,
) -> dict[str, int]:
    """Write an Annex A workbook (sheets 'List 1'..'List 11') covering `months` whole calendar
    months ending with month `end` (YYYY-MM); return rows written per sheet name.

    Row counts include duplicate rows but not the fully blank ones. The same arguments always
    give a byte-identical file.

    With `messy=True` (each at a low rate per column, with a floor of a few per list so even
    scale "small" has them): bare codes (`6`, `Female`, `Y`, `yes`) beside prefixed ones
    (`q) 6: Police`) ~2%; non-breaking spaces around values ~0.5%; `#N/A`/`N/A`/`-` ~0.4%;
    dates as bare serial numbers ~2%, as `dd/mm/yyyy` text ~2% and as ISO `yyyy-mm-dd` text
    ~2% (as SQL reports write them; some followed by ` 00:00:00`, `T00:00:00`, ` hh:mm` or
    `Thh:mm:ss`); impossible dates (`31/02/2024`, `unknown`) ~0.2% in the main date columns;
    unknown source codes ~0.4%; formulas with cached values (`="6"`, `=DATE(...)`, `=NA()`)
    ~0.1%; text in count columns; exact duplicate rows ~0.6%; fully blank rows ~0.15%; header
    drift in Lists 1, 3, 4, 6, 7.
    Data errors that are part of the records themselves are present with `messy=False` too,
    each in a handful of rows: ICPCs before their strategy discussion (rule 8615), CP visits
    after the end month, a health assessment dated before the care began (AA06), Number of
    Referrals in Last 12 Months blank (~2% of rows), one out for ~1% of children, or counted
    per row for a couple of children (AA08), as some systems do. Unborn babies (a Date of
    Birth after the contact, within 9 months) are about 1-2% of the contacts about children
    under 1 (AA03 warnings, not errors).
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    win = window(end, months)
    lists = sheets(build_authority(scale, win, seed))
    wb = new_workbook(
        path,
        title="Synthetic Annex A extract (not real data)",
        comments=_MADE_WITH.format(scale=scale, seed=seed, end=end, months=months, messy=messy),
        created=created(win),
        constant_memory=True,
    )
    fmt = {
        "header": wb.add_format({"bold": True}),
        "date": wb.add_format({"num_format": "dd/mm/yyyy"}),
        "serial": wb.add_format({"num_format": "0"}),
    }
    counts: dict[str, int] = {}
    for number, (name, cols) in enumerate(lists.items(), start=1):
        counts[name] = write_sheet(wb, name, cols, seeded(seed, 300 + number), messy, fmt)
    wb.close()
    return counts


def authority_of(path: str | Path) -> Authority | None:
    """The synthetic authority an Annex A workbook written by synthesise_annex_a was cut from,
    rebuilt from the arguments in its document comments; None for any other file."""
    try:
        with zipfile.ZipFile(path) as book:
            core = book.read("docProps/core.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    made = _MADE_WITH_RE.search(core)
    if made is None or made[1] not in SCALES:
        return None
    return build_authority(made[1], window(made[3], int(made[4])), int(made[2]))
