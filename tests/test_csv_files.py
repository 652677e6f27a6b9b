"""CSV outputs are inert: text that Excel would run as a formula is written as text."""

import pandas as pd

from xl_dashboard.csv_files import write_csv


def test_formula_text_gets_an_apostrophe_and_numbers_stay_numbers(tmp_path) -> None:
    frame = pd.DataFrame(
        {
            "breakdown": [
                '=HYPERLINK("http://x","y")',
                "@SUM(1)",
                "+1",
                "-1+1",
                "\t=1+1",
                "\r=1",
                "Police",
                "",
                None,
            ],
            "value": [-1.5, 2.0, 3.0, -4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
        }
    )
    write_csv(frame, tmp_path / "out.csv")
    lines = (tmp_path / "out.csv").read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "breakdown,value"
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""y"")",-1.5'
    assert lines[2:6] == ["'@SUM(1),2.0", "'+1,3.0", "'-1+1,-4.0", "'\t=1+1,5.0"]
    assert lines[6] == '"\'\r=1",6.0'
    assert lines[7:10] == ["Police,7.0", ",8.0", ",9.0"]
