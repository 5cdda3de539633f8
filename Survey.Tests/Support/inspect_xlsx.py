"""Reads an .xlsx with openpyxl (a reader independent of the writers) and prints what a test checks, as JSON:
per sheet its name, size, auto-filter, frozen cell, column widths, print header and the first rows' cells
(value, openpyxl's data type, number format and whether it is a date)."""
import datetime
import json
import sys

import openpyxl

ROWS = int(sys.argv[2]) if len(sys.argv) > 2 else 6


def describe(cell):
    value = cell.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        value = value.isoformat()
    return {"v": value, "t": cell.data_type, "f": cell.number_format, "date": bool(cell.is_date)}


workbook = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in workbook.worksheets:
    sheets.append({
        "name": sheet.title,
        "max_row": sheet.max_row,
        "auto_filter": sheet.auto_filter.ref,
        "frozen": sheet.freeze_panes,
        "widths": {key: dim.width for key, dim in sheet.column_dimensions.items() if dim.width},
        "header_center": sheet.oddHeader.center.text,
        "rows": [[describe(c) for c in row] for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, ROWS))],
    })
print(json.dumps({"sheets": sheets}, ensure_ascii=False))
