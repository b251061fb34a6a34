"""Make the learners' exercise notebooks from the solution notebooks, the single source.

In a solution notebook, answers sit between `### BEGIN SOLUTION` and `### END SOLUTION` (the
nbgrader markers). In the exercise each region becomes a stub that still runs:

- inside a function:  `# YOUR CODE HERE` and `raise NotImplementedError()`,
- at the top level:   `# YOUR CODE HERE` and `name = ...` for every name the answer assigns,
- in a markdown cell: "*Write your answer here.*"

Outputs, execution counts and nbval markers are cleared: the learner starts from a clean notebook.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from pathlib import Path

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
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
    """Stub every solution region, and drop test markers (# NBVAL_...) learners don't need."""
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers in:\n{source}")
    source = re.sub(r"^# NBVAL_[A-Z_]+[^\n]*\n?", "", source, flags=re.M)
    return _REGION.sub(_stub, source)


def strip_markdown(source: str) -> str:
    return _REGION.sub(lambda m: "*Write your answer here.*" + m.group(3), source)


def make_exercise(solution: dict) -> dict:
    """The exercise notebook (as notebook JSON) for a solution notebook."""
    exercise = json.loads(json.dumps(solution))  # a deep copy
    for cell in exercise["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            cell["source"] = strip_code(source)
            cell["outputs"] = []
            cell["execution_count"] = None
        elif cell["cell_type"] == "markdown":
            cell["source"] = strip_markdown(source)
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items()
                            if k not in ("execution", "collapsed", "scrolled")}
    exercise["metadata"].pop("widgets", None)
    return exercise


def dumps(notebook: dict) -> str:
    """Notebook JSON as Jupyter writes it (1-space indent, sorted keys, trailing newline)."""
    import nbformat

    return nbformat.writes(nbformat.from_dict(notebook)) + "\n"


def build_exercises(solutions: Path, exercises: Path, write: bool = True) -> list[Path]:
    """Regenerate every exercise from its solution; return the files that were (or would be)
    changed. With write=False nothing is written: the list says what is out of date."""
    changed = []
    expected = set()
    for path in sorted(Path(solutions).glob("*.ipynb")):
        target = Path(exercises) / path.name
        expected.add(target.name)
        text = dumps(make_exercise(json.loads(path.read_text(encoding="utf-8"))))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if write:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    changed += [p for p in sorted(Path(exercises).glob("*.ipynb")) if p.name not in expected]
    return changed
