"""Checks of the document's figures, one public entry: :func:`run_checks`. Each check has a verdict
(``consistent`` / ``inconsistent`` / ``unverifiable``, never forced: what the document does not let one verify is
``unverifiable`` with the reason), the expected and observed figures, and the ids of its evidence (items and
table cells).

Kinds, each in its own private module:
    - ``table_arithmetic`` / ``table_sum``: inside a table, each percentage against its count and base, parts
      against their total (:mod:`extractors._check_table`);
    - ``prose_vs_table``: a figure of the text against the table cell it restates; the statistic is linked to the
      cell (``Statistic.table_cell``) (:mod:`extractors._check_prose`);
    - ``abstract_vs_body``: the abstract's figures and dates against the body (:mod:`extractors._check_abstract`);
    - ``prose_sum``: counts that add up in the text (:mod:`extractors._check_prose`).
Inconsistencies come first, then the rest in document order.
"""

from __future__ import annotations

from ._check_abstract import abstract_vs_body
from ._check_common import Context
from ._check_prose import prose_sums, prose_vs_tables
from ._check_table import table_checks
from .document import Document
from .models import Check, Extraction

_ORDER = {"inconsistent": 0, "unverifiable": 1, "consistent": 2}


def run_checks(doc: Document, extraction: Extraction) -> list[Check]:
    ctx = Context(doc)
    out: list[Check] = []
    for table in extraction.tables:
        out += table_checks(table)
    out += prose_vs_tables(extraction, ctx)
    out += abstract_vs_body(extraction, ctx)
    out += prose_sums(extraction, ctx)
    seen: set[str] = set()
    unique: list[Check] = []
    for c in out:
        if c.id not in seen:
            seen.add(c.id)
            unique.append(c)
    order = {c.id: k for k, c in enumerate(unique)}
    unique.sort(key=lambda c: (_ORDER[c.verdict], order[c.id]))
    return unique
