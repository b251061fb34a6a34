"""Make the learners' exercise notebooks from the solution notebooks, the single source.

In a solution notebook, answers sit between `### BEGIN SOLUTION` and `### END SOLUTION` (the
nbgrader markers). In the exercise each region becomes a stub that still runs:

- inside a function:  `# YOUR CODE HERE` and `raise NotImplementedError()`,
- at the top level:   `# YOUR CODE HERE` and `name = ...` for every name the answer assigns,
- in a markdown cell: "*Write your answer here.*"

Outputs, execution counts and nbval's cell tags are cleared: the learner starts from a clean
notebook.

Both versions also carry nbgrader's cell metadata (schema 3), so an instructor already on nbgrader
can use the course as it is (ddn does not need nbgrader). `ddn build` derives it from the solution
notebook's content and writes it into the solutions and the exercises alike:

- a cell with a solution region: an answer cell (code: "autograded answer"; markdown: "manually
  graded answer", which nbgrader requires to be graded and worth points);
- a `check("task")` cell: the autograder test for that task, locked, worth POINTS_PER_TASK;
- every other cell (instructions, set-up code, the exercise's summary check): read-only.

Grade ids name the task (`answer_weighted_sum`, `check_weighted_sum`) or the cell (`cell-<id>`),
so they stay the same from one build to the next. The exercises add `cell_type`, as nbgrader's
student version does, so that a changed cell type can be noticed.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
NBGRADER_SCHEMA = 3
POINTS_PER_TASK = 1  # every task counts the same, as in `ddn check`'s gradebook
_CHECK_CALL = re.compile(r"""check\(\s*(["'])([A-Za-z0-9_\-]+)\1\s*\)""")
_REGION = re.compile(r"^([ \t]*)" + re.escape(BEGIN) + r"[^\n]*\n(.*?)^[ \t]*" + re.escape(END)
                     + r"[^\n]*(\n|$)", re.S | re.M)


def _assigned_names(code: str) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name) and leaf.id not in names:
                    names.append(leaf.id)
    return names


def _stub(match: re.Match) -> str:
    indent, body, newline = match.group(1), match.group(2), match.group(3)
    if indent:
        lines = ["# YOUR CODE HERE", "raise NotImplementedError()"]
    else:
        lines = ["# YOUR CODE HERE"] + [f"{n} = ..." for n in _assigned_names(body)]
    return "\n".join(indent + line for line in lines) + newline


def strip_code(source: str) -> str:
    """Stub every solution region."""
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers in:\n{source}")
    return _REGION.sub(_stub, source)


def strip_markdown(source: str) -> str:
    return _REGION.sub(lambda m: "*Write your answer here.*" + m.group(3), source)


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _checked_task(cell: dict, exercise_id: str | None) -> str | None:
    """The task a code cell checks, if the cell is just `check("task")` (comments aside).

    `check` of the whole exercise (its summary cell) checks no task of its own."""
    if cell["cell_type"] != "code":
        return None
    lines = [line.strip() for line in _source(cell).splitlines()]
    code = [line for line in lines if line and not line.startswith("#")]
    match = _CHECK_CALL.fullmatch(code[0]) if len(code) == 1 else None
    if match is None or match.group(2) == exercise_id:
        return None
    return match.group(2)


def nbgrader_metadata(notebook: dict) -> list[dict]:
    """nbgrader's metadata (schema 3) for every cell of a solution notebook, in order."""
    exercise_id = notebook.get("metadata", {}).get("ddn", {}).get("exercise")
    metadata: list[dict] = []
    waiting: list[int] = []  # code answer cells whose check cell has not come yet
    for index, cell in enumerate(notebook["cells"]):
        cell_id = cell.get("id") or index
        task = _checked_task(cell, exercise_id)
        if BEGIN in _source(cell):
            manual = cell["cell_type"] != "code"  # nbgrader grades prose answers by hand
            meta = {"grade": manual, "grade_id": f"answer-{cell_id}", "locked": False,
                    "solution": True}
            if manual:
                meta["points"] = POINTS_PER_TASK
            else:
                waiting.append(index)
        elif task is not None:
            meta = {"grade": True, "grade_id": f"check_{task}", "locked": True,
                    "points": POINTS_PER_TASK, "solution": False}
            for n, answer in enumerate(waiting, 1):
                metadata[answer]["grade_id"] = f"answer_{task}" + (f"_{n}" if n > 1 else "")
            waiting = []
        else:
            meta = {"grade": False, "grade_id": f"cell-{cell_id}", "locked": True,
                    "solution": False}
        metadata.append({**meta, "schema_version": NBGRADER_SCHEMA})
    return metadata


def mark_for_nbgrader(solution: dict) -> dict:
    """A copy of the solution notebook with nbgrader's metadata on every cell."""
    marked = json.loads(json.dumps(solution))  # a deep copy
    for cell, meta in zip(marked["cells"], nbgrader_metadata(marked)):
        cell.setdefault("metadata", {})["nbgrader"] = meta
    return marked


def make_exercise(solution: dict) -> dict:
    """The exercise notebook (as notebook JSON) for a solution notebook."""
    exercise = mark_for_nbgrader(solution)
    for cell in exercise["cells"]:
        cell["metadata"]["nbgrader"]["cell_type"] = cell["cell_type"]
        source = _source(cell)
        if cell["cell_type"] == "code":
            cell["source"] = strip_code(source)
            cell["outputs"] = []
            cell["execution_count"] = None
        elif cell["cell_type"] == "markdown":
            cell["source"] = strip_markdown(source)
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items()
                            if k not in ("execution", "collapsed", "scrolled")}
        tags = [t for t in cell["metadata"].pop("tags", []) if not t.startswith("nbval-")]
        if tags:
            cell["metadata"]["tags"] = tags
    exercise["metadata"].pop("widgets", None)
    return exercise


def dumps(notebook: dict) -> str:
    """Notebook JSON as Jupyter writes it (1-space indent, sorted keys, trailing newline)."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(notebook)) + "\n"


def build_exercises(solutions: Path, exercises: Path, write: bool = True) -> list[Path]:
    """Regenerate every exercise from its solution, and the solutions' nbgrader metadata; return
    the files that were (or would be) changed. With write=False nothing is written: the list
    says what is out of date."""
    changed = []
    expected = set()
    for path in sorted(Path(solutions).glob("*.ipynb")):
        target = Path(exercises) / path.name
        expected.add(target.name)
        solution = mark_for_nbgrader(json.loads(path.read_text(encoding="utf-8")))
        for file, text in ((path, dumps(solution)), (target, dumps(make_exercise(solution)))):
            if not file.exists() or file.read_text(encoding="utf-8") != text:
                changed.append(file)
                if write:
                    file.parent.mkdir(parents=True, exist_ok=True)
                    file.write_text(text, encoding="utf-8")
    changed += [p for p in sorted(Path(exercises).glob("*.ipynb")) if p.name not in expected]
    return changed
