"""Run one submitted notebook in this (separate) process and record its answers as JSON.

    python -m ddn.grading.runner NOTEBOOK RESULT.json EXERCISE_ID

Started by the gradebook in a fresh process with time and memory limits, in an empty temporary
folder. Every code cell runs in an IPython shell, as in Jupyter; a cell that fails is noted and
the next cell still runs. Then each task's probe records the learner's answers. Judging happens
back in the grader's process, which reads only this JSON.
"""

from __future__ import annotations

import json
import sys


def run(notebook_path: str, exercise_id: str) -> dict:
    from IPython.core.interactiveshell import InteractiveShell

    from .tasks import EXERCISES

    with open(notebook_path, encoding="utf-8") as f:
        notebook = json.load(f)
    shell = InteractiveShell.instance()
    cell_errors = []
    code_cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, 1):
        source = "".join(cell.get("source", ""))
        result = shell.run_cell(source, silent=True)
        error = result.error_before_exec or result.error_in_exec
        if error is not None:
            first = next((line for line in source.splitlines() if line.strip()), "")
            cell_errors.append({"cell": number, "starts": first[:80],
                                "error": f"{type(error).__name__}: {error}"[:300]})
    tasks = EXERCISES[exercise_id].tasks
    return {"records": {t.id: t.collect(shell.user_ns) for t in tasks},
            "cell_errors": cell_errors}


def main(argv=None) -> int:
    notebook_path, result_path, exercise_id = (argv or sys.argv[1:])[:3]
    outcome = run(notebook_path, exercise_id)
    with open(result_path, "w", encoding="utf-8") as f:
        json.dump(outcome, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
