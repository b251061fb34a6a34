"""Exercises are made from the solutions, and the committed ones are up to date."""

import json

import pytest

from conftest import ROOT
from ddn.cli import main
from ddn.grading.build import (
    build_exercises,
    dumps,
    make_exercise,
    nbgrader_metadata,
    strip_code,
    strip_markdown,
)


def test_committed_exercises_match_the_solutions():
    stale = build_exercises(ROOT / "solutions", ROOT / "exercises", write=False)
    assert stale == [], f"run `ddn build`: {stale}"
    assert main(["build", "--check"]) == 0


def test_a_region_inside_a_function_becomes_raise_not_implemented():
    source = ("def f(x):\n    \"\"\"Doc.\"\"\"\n    ### BEGIN SOLUTION\n    y = x + 1\n"
              "    return y\n    ### END SOLUTION\n")
    assert strip_code(source) == ("def f(x):\n    \"\"\"Doc.\"\"\"\n    # YOUR CODE HERE\n"
                                  "    raise NotImplementedError()\n")


def test_a_top_level_region_keeps_its_names_with_ellipsis():
    source = "a = 1\n### BEGIN SOLUTION\nw = [1, 2]\nb, c = 3, 4\n### END SOLUTION\nprint(a)"
    assert strip_code(source) == "a = 1\n# YOUR CODE HERE\nw = ...\nb = ...\nc = ...\nprint(a)"


def test_markdown_answers_and_test_markers():
    assert strip_markdown("Q?\n### BEGIN SOLUTION\nIt is 4.\n### END SOLUTION\n") == \
        "Q?\n*Write your answer here.*\n"


def test_exercises_drop_nbvals_tags_and_keep_the_others():
    solution = _notebook(("code", "check('f')"), ("code", "x = 1"))
    solution["cells"][0]["metadata"]["tags"] = ["nbval-check-output"]
    solution["cells"][1]["metadata"]["tags"] = ["nbval-ignore-output", "hide-input"]
    cells = make_exercise(solution)["cells"]
    assert "tags" not in cells[0]["metadata"]
    assert cells[1]["metadata"]["tags"] == ["hide-input"]


def test_unbalanced_markers_are_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        strip_code("### BEGIN SOLUTION\nx = 1\n")


def test_exercises_have_no_outputs_and_no_answers():
    for path in (ROOT / "solutions").glob("*.ipynb"):
        exercise = make_exercise(json.loads(path.read_text()))
        for cell in exercise["cells"]:
            text = "".join(cell["source"])
            assert "BEGIN SOLUTION" not in text and "NBVAL" not in text
            assert not any(t.startswith("nbval") for t in cell["metadata"].get("tags", []))
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None


def _notebook(*cells, exercise="ex"):
    return {"cells": [{"cell_type": kind, "id": f"c{i}", "metadata": {}, "source": source,
                       **({"outputs": [], "execution_count": None} if kind == "code" else {})}
                      for i, (kind, source) in enumerate(cells)],
            "metadata": {"ddn": {"exercise": exercise}}, "nbformat": 4, "nbformat_minor": 5}


def test_each_kind_of_cell_gets_its_nbgrader_role():
    solution = _notebook(
        ("markdown", "# Exercise"),
        ("code", "from ddn import check"),
        ("code", "def f(x):\n    ### BEGIN SOLUTION\n    return x\n    ### END SOLUTION\n"),
        ("code", "### BEGIN SOLUTION\nk = 2\n### END SOLUTION\n"),
        ("code", "check(\"f\")"),
        ("markdown", "Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION\n"),
        ("code", "check('ex')"),
    )
    roles = [(m["grade_id"], m["grade"], m["solution"], m["locked"], m.get("points"))
             for m in nbgrader_metadata(solution)]
    assert roles == [
        ("cell-c0", False, False, True, None),      # read-only instructions
        ("cell-c1", False, False, True, None),      # read-only set-up code
        ("answer_f", False, True, False, None),     # autograded answers of task f
        ("answer_f_2", False, True, False, None),
        ("check_f", True, False, True, 1),          # task f's autograder test
        ("answer-c5", True, True, False, 1),        # a prose answer, graded by hand
        ("cell-c6", False, False, True, None),      # the exercise's summary: no points
    ]
    assert {m["schema_version"] for m in nbgrader_metadata(solution)} == {3}
    exercise = make_exercise(solution)
    assert all(c["metadata"]["nbgrader"]["cell_type"] == c["cell_type"]
               for c in exercise["cells"])


def test_build_writes_nbgrader_metadata_into_the_answer_keys(tmp_path):
    (tmp_path / "solutions").mkdir()
    key = tmp_path / "solutions" / "02_neuron.ipynb"
    committed = json.loads((ROOT / "solutions" / "02_neuron.ipynb").read_text())
    unmarked = json.loads(json.dumps(committed))
    for cell in unmarked["cells"]:
        cell["metadata"].pop("nbgrader")
    key.write_text(dumps(unmarked))
    exercises = tmp_path / "exercises"
    assert build_exercises(tmp_path / "solutions", exercises, write=False) == \
        [key, exercises / "02_neuron.ipynb"]
    assert build_exercises(tmp_path / "solutions", exercises) == \
        [key, exercises / "02_neuron.ipynb"]
    assert json.loads(key.read_text()) == committed
    assert (exercises / "02_neuron.ipynb").read_text() == \
        (ROOT / "exercises" / "02_neuron.ipynb").read_text()
    assert build_exercises(tmp_path / "solutions", exercises) == []
