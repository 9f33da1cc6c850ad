"""`import dateline` is cheap: no spaCy, no DuckDB, no tables (STYLE.md: nothing at import)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_import_loads_neither_spacy_nor_duckdb() -> None:
    code = (
        "import sys, json, dateline, dateline.cli, dateline.records, dateline.readers;"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'duckdb', 'psycopg', 'thinc', 'torch', 'trafilatura', 'pyarrow'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def test_version_and_lazy_exports() -> None:
    import dateline

    assert dateline.__version__
    assert dateline.Article.__name__ == "Article"
    assert dateline.Pipeline.__name__ == "Pipeline"
