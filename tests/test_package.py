"""The package stays light to import, and the repository is laid out as the README says."""

import json
import os
import re
import subprocess
import sys

import ddn
from conftest import ROOT
from ddn.course import SECTIONS


def test_import_ddn_loads_no_plotting_widgets_or_scipy():
    code = ("import sys, ddn; heavy = [m for m in ('matplotlib', 'ipywidgets', 'scipy', "
            "'IPython') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_section_has_its_notebook_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for section in SECTIONS:
        assert (ROOT / "notebooks" / section.notebook).is_file()
        assert f"notebooks/{section.notebook}" in readme
        if section.exercise:
            assert f"exercises/{section.exercise}.ipynb" in readme


def _minutes(table: str) -> dict:
    """Section number -> the minutes column of a course-map table in Markdown."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in table.splitlines() if re.match(r"\|\s*\d\d\s*\|", line.strip())]
    return {row[0]: row[3] for row in rows}


def test_the_readme_and_notebook_00_give_the_same_minutes():
    welcome = _notebook(ROOT / "notebooks" / SECTIONS[0].notebook)
    course_map = next("".join(c["source"]) for c in welcome["cells"]
                      if "## The course map" in "".join(c["source"]))
    in_00, in_readme = _minutes(course_map), _minutes((ROOT / "README.md").read_text())
    assert set(in_00) == {s.number for s in SECTIONS}
    assert in_readme == in_00


def _notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_course_notebooks_are_complete_lessons():
    for section in SECTIONS:
        nb = _notebook(ROOT / "notebooks" / section.notebook)
        cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
        code = ["".join(c["source"]) for c in cells]
        assert any("nbval-check-output" in c["metadata"].get("tags", []) for c in cells), \
            f"{section.notebook}: no cell's printed numbers are compared by nbval"
        assert any(line.lstrip().startswith("assert ") for c in code for line in c.splitlines())
        assert any("App(" in c for c in code), f"{section.notebook} has no widget"
        finish = f'ddn.finished("{section.number}")'
        assert [c.strip() for c in code].count(finish) == 1, f"{section.notebook}: {finish}"
        assert all(c.get("execution_count") for c in nb["cells"] if c["cell_type"] == "code"), \
            f"{section.notebook} is not stored executed"


def test_test_machinery_stays_out_of_the_learners_sight():
    """nbval markers are cell tags, not comments; checks sit in collapsed cells (at most one
    visible assert cell per lesson, where verifying is itself the lesson)."""
    for section in SECTIONS:
        nb = _notebook(ROOT / "notebooks" / section.notebook)
        cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
        marked = [c for c in cells if "NBVAL" in "".join(c["source"])]
        assert marked == [], f"{section.notebook}: an nbval comment in a visible cell"
        visible_asserts = [c for c in cells if not c["metadata"].get("jupyter", {}).get(
            "source_hidden") and any(line.lstrip().startswith("assert ")
                                     for line in "".join(c["source"]).splitlines())]
        assert len(visible_asserts) <= 1, f"{section.notebook}: {len(visible_asserts)} " \
                                          "visible assert cells"
    for path in (ROOT / "solutions").glob("*.ipynb"):
        sources = ["".join(c["source"]) for c in _notebook(path)["cells"]]
        assert not any("NBVAL" in s for s in sources), f"{path.name}: an nbval comment"


def test_solutions_are_stored_executed():
    for path in (ROOT / "solutions").glob("*.ipynb"):
        cells = [c for c in _notebook(path)["cells"] if c["cell_type"] == "code"]
        assert all(c.get("execution_count") for c in cells), f"{path}: run `ddn execute`"


def test_stored_notebooks_hold_pictures_not_dead_widget_views():
    for path in [*(ROOT / "notebooks").glob("*.ipynb"), *(ROOT / "solutions").glob("*.ipynb")]:
        nb = _notebook(path)
        assert "widgets" not in nb["metadata"]
        for cell in nb["cells"]:
            outputs = cell.get("outputs", [])
            for output in outputs:
                assert output["output_type"] != "error", path
                assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})
            lines = "".join(cell["source"]).strip().splitlines()
            if any("App(" in line for line in lines) and lines[-1].isidentifier():
                assert any("image/png" in o.get("data", {}) for o in outputs), \
                    f"{path}: a widget shown without its picture"


def test_import_ddn_asks_for_one_blas_thread_unless_you_chose():
    code = ("import ddn, threadpoolctl; print([i['num_threads'] for i in "
            "threadpoolctl.threadpool_info() if i['user_api'] == 'blas'])")
    clean = {k: v for k, v in os.environ.items() if k not in ddn._threads.CHOSEN_BY_YOU}
    one = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=clean, check=True).stdout.strip()
    assert one == "[1]"
    chosen = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**clean, "OPENBLAS_NUM_THREADS": "2"}, check=True).stdout
    assert chosen.strip() == "[2]"
