"""Exercises are made from the solutions, and the committed ones are up to date."""

import json

import pytest

from conftest import ROOT
from ddn.cli import main
from ddn.grading.build import build_exercises, make_exercise, strip_code, strip_markdown


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
    assert strip_code("# NBVAL_CHECK_OUTPUT\ncheck('x')") == "check('x')"


def test_unbalanced_markers_are_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        strip_code("### BEGIN SOLUTION\nx = 1\n")


def test_exercises_have_no_outputs_and_no_answers():
    for path in (ROOT / "solutions").glob("*.ipynb"):
        exercise = make_exercise(json.loads(path.read_text()))
        for cell in exercise["cells"]:
            text = "".join(cell["source"])
            assert "BEGIN SOLUTION" not in text and "NBVAL" not in text
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None
