"""Batch grading: each notebook in a sandbox with limits, verdicts judged outside its code.

The hostile corpus (test_hostile.py) plays the attacker; these are the everyday cases."""

import csv
import json

import pytest

from conftest import ROOT
from ddn.cli import main
from ddn.grading.feedback import FAILED, NOT_DONE, PASSED
from ddn.grading.gradebook import grade_all, grade_notebook, write_csv
from ddn.grading.sandbox import PROCESS, SANDBOX
from ddn.grading.tasks import EXERCISES, TASKS


def _submission(tmp_path, name, *sources, exercise="02_neuron"):
    """A notebook whose code cells are `sources`, declared as the given exercise."""
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": s} for s in sources]
    notebook = {"cells": cells, "metadata": {"ddn": {"exercise": exercise}}, "nbformat": 4,
                "nbformat_minor": 5}
    path = tmp_path / name
    path.write_text(json.dumps(notebook))
    return path


CORRECT_SUM = "def weighted_sum(inputs, weights):\n    return sum(i * w for i, w in " \
              "zip(inputs, weights))"


def test_cli_on_blank_exercises_reports_every_task_not_done(capsys):
    assert main(["check", str(ROOT / "exercises")]) == 0
    out = capsys.readouterr().out
    assert f"Overall: 0 of {len(TASKS)} tasks passed in {len(EXERCISES)} notebook(s)." in out
    task_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(task_lines) == len(TASKS)
    assert all(line.startswith("  · ") for line in task_lines)


def test_cli_on_solutions_passes_everything_and_writes_a_gradebook(tmp_path, capsys):
    target = tmp_path / "grades.csv"
    assert main(["check", str(ROOT / "solutions"), "--csv", str(target)]) == 0
    n = len(TASKS)
    assert f"Overall: {n} of {n} tasks passed in {len(EXERCISES)} notebook(s)." in \
        capsys.readouterr().out
    rows = list(csv.DictReader(target.open()))
    assert [r["passed"] for r in rows] == [str(len(e.tasks)) for e in EXERCISES.values()]
    assert rows[0]["weighted_sum"] == "1" and rows[0]["step"] == ""


def test_a_learner_cannot_fool_the_grader_from_inside_the_notebook(tmp_path):
    cheat = _submission(tmp_path, "cheat.ipynb", "\n".join([
        "import numpy as np, math",
        "np.isclose = np.allclose = lambda *a, **k: True",
        "math.isclose = lambda *a, **k: True",
    ]), "import ddn.grading.task as task\ntask.close = lambda *a, **k: True",
        "def weighted_sum(inputs, weights):\n    return 0.0")
    grade = grade_notebook(cheat)
    assert grade.feedback[0].status == FAILED
    assert "No module named 'ddn.grading.task'" in grade.problem or \
        grade.isolation == PROCESS  # without the sandbox the judge's module is importable


def test_an_endless_loop_is_stopped_and_reported(tmp_path):
    path = _submission(tmp_path, "loop.ipynb", CORRECT_SUM, "while True:\n    pass")
    grade = grade_notebook(path, timeout=5)
    assert all(f.status == FAILED for f in grade.feedback)
    assert "more than 5 s" in grade.problem


def test_a_memory_bomb_fails_its_cell_only(tmp_path):
    path = _submission(tmp_path, "bomb.ipynb", "hog = bytearray(50 * 1024**3)", CORRECT_SUM)
    grade = grade_notebook(path)
    assert grade.feedback[0].status == PASSED
    assert "MemoryError" in grade.problem


def test_broken_cells_are_noted_and_the_rest_is_graded(tmp_path):
    path = _submission(tmp_path, "broken.ipynb", "this is not python", CORRECT_SUM,
                       "raise RuntimeError('late')")
    grade = grade_notebook(path)
    assert [f.status for f in grade.feedback] == [PASSED, NOT_DONE, NOT_DONE, NOT_DONE]
    assert "2 cell(s) raised an error; the first is code cell 1" in grade.problem
    assert grade.report().count("\n") >= 5


def test_unreadable_and_foreign_notebooks_are_reported_not_crashed(tmp_path):
    junk = tmp_path / "junk.ipynb"
    junk.write_text("{ not json")
    assert "cannot read" in grade_notebook(junk).problem
    other = _submission(tmp_path, "notes.ipynb", "x = 1", exercise=None)
    assert "not a ddn exercise" in grade_notebook(other).problem


def test_exercise_is_recognised_from_the_file_name(tmp_path):
    path = _submission(tmp_path, "03_activations-submission.ipynb", "x = 1", exercise=None)
    assert grade_notebook(path).exercise == "03_activations"


@pytest.mark.parametrize("args", [["check", "no/such/place"], ["check", "."]])
def test_cli_check_with_nothing_to_grade(args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    assert capsys.readouterr().out.strip()


def test_an_answer_whose_cell_crashed_is_blamed_on_that_cell(tmp_path):
    path = _submission(tmp_path, "typo.ipynb",
                       "def weighted_sum(inputs, weights)\n    return 26")  # missing colon
    grade = grade_notebook(path)
    first = grade.feedback[0]
    assert first.status == FAILED
    assert "`def weighted_sum(inputs, weights)`" in first.message and "SyntaxError" in first.message


def test_every_file_gets_one_row_whatever_it_holds(tmp_path):
    import os

    (tmp_path / "list.ipynb").write_text("[1, 2, 3]")
    (tmp_path / "text.ipynb").write_text('"cells"')
    (tmp_path / "binary.ipynb").write_bytes(b"\xff\xfe\x00" * 10)
    (tmp_path / "deep.ipynb").write_text("[" * 100_000)
    (tmp_path / "no_cells.ipynb").write_text(json.dumps({"cells": 5, "metadata": {
        "ddn": {"exercise": "02_neuron"}}}))
    os.mkfifo(tmp_path / "pipe.ipynb")
    (tmp_path / "link.ipynb").symlink_to(ROOT / "solutions" / "02_neuron.ipynb")
    _submission(tmp_path, "fine.ipynb", CORRECT_SUM)
    grades = grade_all([tmp_path], timeout=30)
    rows = {g.path.name: g for g in grades}
    assert sorted(rows) == sorted(p.name for p in tmp_path.iterdir())
    assert "its JSON is a list" in rows["list.ipynb"].problem
    assert "its JSON is a str" in rows["text.ipynb"].problem
    assert "not JSON" in rows["binary.ipynb"].problem
    assert "not JSON" in rows["deep.ipynb"].problem
    assert "no list of cells" in rows["no_cells.ipynb"].problem
    assert "not a regular file" in rows["pipe.ipynb"].problem
    assert "symbolic link" in rows["link.ipynb"].problem and not rows["link.ipynb"].feedback
    assert rows["fine.ipynb"].passed == 1
    target = tmp_path / "grades.csv"
    write_csv(grades, target)
    assert len(list(csv.DictReader(target.open()))) == len(grades)


def test_the_gradebook_names_the_isolation_and_keeps_formulas_out(tmp_path):
    path = _submission(tmp_path, "=HYPERLINK(1).ipynb", "raise ValueError('=1+1')",
                       exercise="02_neuron")
    grade = grade_notebook(path)
    target = tmp_path / "grades.csv"
    write_csv([grade], target)
    row = next(csv.DictReader(target.open()))
    assert row["isolation"] in (SANDBOX, PROCESS) and row["isolation"] == grade.isolation
    assert all(not value.startswith("=") for value in row.values())


def test_without_bubblewrap_the_fallback_says_so(tmp_path):
    warnings = []
    path = _submission(tmp_path, "plain.ipynb", CORRECT_SUM)
    grades = grade_all([path], timeout=30, isolation=PROCESS, warn=warnings.append)
    assert grades[0].isolation == PROCESS and grades[0].passed == 1
    assert len(warnings) == 1 and "can read and change your files" in warnings[0]


def test_an_answer_too_big_to_send_fails_that_task_only(tmp_path):
    path = _submission(tmp_path, "big.ipynb", "import numpy as np\n"
                       "def weighted_sum(inputs, weights):\n    return np.zeros(900_000)",
                       "def grades_needed(x):\n    return 18 - 2 * x")
    grade = grade_notebook(path)
    assert [f.status for f in grade.feedback][:3] == [FAILED, NOT_DONE, PASSED]
    assert not grade.problem


def test_cells_in_ipython_syntax_run_as_in_jupyter(tmp_path):
    path = _submission(tmp_path, "magic.ipynb", "%matplotlib inline\nx = 13",
                       "!true\ny = get_ipython() is not None", "display(x)",
                       "def grades_needed(t):\n    return 18 - 2 * t if y else 0")
    grade = grade_notebook(path)
    assert grade.feedback[2].status == PASSED and not grade.problem, grade.report()
