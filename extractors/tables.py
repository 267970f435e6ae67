"""Tables found in a document, one public entry: :func:`find_tables`.

Text sources: tables are found by their caption (``جدول 1: ...``, ``Table 2. ...``, or reversed ``...: 1جدول``)
and rebuilt from the lines under it up to the ``Source:`` line, across the footnotes and page breaks that
interrupt them (:mod:`extractors._table_text`). PDF sources: the cell grids pdfplumber found
(``doc.tables_from_layout``) become the same model (:mod:`extractors._table_pdf`).

Every cell has a stable id ``<table id>-r<row>-c<column>`` (1-based, columns after the row label) and, when it
holds something, the raw span it was read from. Numbers are numbers (``77،18`` -> 77.18, ``11،734،642`` ->
11734642); empty and merged cells are null.
"""

from __future__ import annotations

from . import _table_pdf, _table_text
from .document import Document
from .models import Table


def find_tables(doc: Document) -> list[Table]:
    tables: list[Table] = []
    layout = _table_pdf.convert(doc) if doc.tables_from_layout else []
    taken = {(t.span.page, t.number) for t in layout if t.number is not None}
    for region in _table_text.regions(doc):
        if layout and (region.number is None or (region.caption and (region.caption.line.page, region.number) in taken)
                       or any(t.number == region.number for t in layout)):
            continue  # the layout grid of a PDF table is better than its text lines
        table = _table_text.build(doc, region)
        if table is not None and (table.rows or table.caption):
            tables.append(table)
    tables.extend(layout)
    tables.sort(key=lambda t: (t.span.page or 0, t.span.line))
    return tables
