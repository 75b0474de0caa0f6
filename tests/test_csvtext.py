"""Tests of kg.export.csvtext: kg's CSV, by the csv module and as text made directly."""

from __future__ import annotations

import csv
import io

import pytest

from kg.export.csvtext import CsvText, write_csv

ROWS = [
    ("逗号, 分隔", '引号"里"', 3),
    ("换行\n第二行", "回车\r行", None),
    ("", " 前空格", 1.5),
    ("crlf\r\n", "\t制表\x0b\x0c\x1c\x85\u2028", -0.0),
]


@pytest.mark.parametrize("excel", [False, True])
def test_a_field_is_quoted_where_the_csv_module_quotes_it(excel):
    table = CsvText(excel)
    for code in [*range(0x3000), 0xFEFF, 0xFFFE, 0xFFFF, 0x1F600]:
        for value in (chr(code), f"a{chr(code)}b", f"{chr(code)}{chr(code)}"):
            out = io.StringIO()
            csv.writer(out, lineterminator=table.end).writerow([value, 1])
            assert f"{table.field(value)},1{table.end}" == out.getvalue(), hex(code)
    for value in (None, 3, -0.0, 1e-7, True, ""):
        out = io.StringIO()
        csv.writer(out, lineterminator=table.end).writerow([value, 1])
        assert f"{table.field(value)},1{table.end}" == out.getvalue(), value


@pytest.mark.parametrize("excel", [False, True])
def test_text_made_directly_is_the_bytes_of_write_csv(tmp_path, excel):
    columns = ("名称", "a,b", "c")
    write_csv(tmp_path / "module.csv", columns, ROWS, excel=excel)
    table = CsvText(excel)
    lines = (",".join(map(table.field, row)) + table.end for row in ROWS * 3000)  # several writes
    table.write(tmp_path / "sub" / "text.csv", columns, lines, excel=excel)
    write_csv(tmp_path / "module3.csv", columns, ROWS * 3000, excel=excel)
    assert (tmp_path / "sub" / "text.csv").read_bytes() == (tmp_path / "module3.csv").read_bytes()
    raw = (tmp_path / "module.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == excel
    assert raw.endswith(b"\r\n" if excel else b"-0.0\n")
    if excel:  # where the line end holds \r, a lone \r is quoted too: every value reads back
        with open(tmp_path / "module.csv", encoding="utf-8-sig", newline="") as f:
            back = list(csv.reader(f))
        assert back[0] == list(columns) and back[1:] == [[str("" if v is None else v) for v in r] for r in ROWS]


def test_fields_are_made_once_per_value():
    table = CsvText(False)
    fields = table.fields()
    assert fields['引号"里"'] == '"引号""里"""' and fields["平常"] == "平常"
    assert fields['引号"里"'] is fields['引号"里"']
