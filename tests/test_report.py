"""The human report (report.md) and the Prefect artifacts of a source."""

from __future__ import annotations

import re

import pytest

from extractors.report import artifact_key, check_rows, render_report
from test_checks import EN_DATES, EN_STATS, FA_DATES, FA_STATS, build


@pytest.fixture(scope="module")
def planted():
    return build("planted_referendum_en_errors.txt", EN_STATS, EN_DATES)


def test_inconsistencies_first_with_numbers_and_lines(planted):
    doc, ex = planted
    md = render_report(ex)
    assert md.startswith("# Report: planted_referendum_en_errors.txt")
    assert md.index("## Inconsistencies") < md.index("## Unverifiable") < md.index("## Consistent")
    inconsistent = md[md.index("## Inconsistencies"):md.index("## Unverifiable")]
    for c in ex.checks:
        section = inconsistent if c.verdict == "inconsistent" else md[md.index("## Unverifiable"):]
        assert c.claim.replace("|", "\\|") in section
    # the numbers and where each piece of evidence was read
    assert "expected: 58.7 · observed: 52.7" in inconsistent
    assert re.search(r"`tbl-L11-[\d-]+-r4-c2` Table 1, row «Yes», % = 58\.7, line 16", inconsistent)
    assert re.search(r"`stat-L8-[^`]+` statistic «52\.7 %» = 52\.7 percent .*, body, line 8", inconsistent)


def test_counts_and_tables(planted):
    doc, ex = planted
    md = render_report(ex)
    n = sum(c.verdict == "inconsistent" for c in ex.checks)
    assert f"**{n} inconsistent**" in md
    assert "| articles | citations | dates | statistics | tables | checks |" in md
    assert "## Tables" in md and "| Yes | 1,922,834 | 58.7 |" in md


def test_clean_document_report_has_no_inconsistency():
    doc, ex = build("planted_referendum_fa.txt", FA_STATS, FA_DATES)
    md = render_report(ex)
    assert "## Inconsistencies (0)" in md and "**0 inconsistent**" in md
    assert "line 16" in md  # Persian table cells are located too


def test_check_rows_for_the_table_artifact(planted):
    doc, ex = planted
    rows = check_rows(ex)
    assert len(rows) == len(ex.checks) and rows[0]["verdict"] == "inconsistent"
    assert set(rows[0]) == {"verdict", "kind", "claim", "expected", "observed", "reason", "evidence"}
    assert "line" in rows[0]["evidence"]


@pytest.mark.parametrize("path", ["raw/kazakhstan-2022-referendum.txt", "/x/Kazakhstan 2022 (Ref).PDF",
                                  "raw/همه‌پرسی ۲۰۲۲.txt", "a" * 300 + ".txt"])
def test_artifact_keys_are_lowercase_letters_digits_dashes(path):
    key = artifact_key(path, "report")
    assert re.fullmatch(r"[a-z0-9-]+", key) and key.startswith("kavosh-") and key.endswith("-report")
    assert len(key) <= 100
    assert artifact_key("raw/گزارش الف.txt") != artifact_key("raw/گزارش ب.txt")


def test_companion_files_hold_the_report(planted):
    from extractors.pipeline import companion_files

    doc, ex = planted
    files = companion_files(doc, ex)
    assert files["report.md"] == render_report(ex)


@pytest.mark.flow
def test_flow_publishes_the_report_as_artifacts(prefect_server, tmp_path):
    import shutil

    from prefect.artifacts import Artifact

    from conftest import FIXTURES
    from flows.kavosh_flow import kavosh_run

    src = tmp_path / "planted_referendum_fa_errors.txt"
    shutil.copy(FIXTURES / src.name, src)
    (entry,) = kavosh_run([str(src)], out_dir=str(tmp_path / "out"), force=True, quiet=True)
    assert entry["status"] == "ok"
    key = artifact_key(str(src))
    md = Artifact.get(f"{key}-report")
    table = Artifact.get(f"{key}-checks")
    assert md is not None and md.type == "markdown" and "# Report: planted_referendum_fa_errors.txt" in md.data
    assert table is not None and table.type == "table"
    assert (tmp_path / "out" / src.name / "report.md").read_text(encoding="utf-8") == md.data
