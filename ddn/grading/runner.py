"""The untrusted half of batch grading: runs one notebook, then answers the judge's questions.

    python -I -c BOOT LIBRARY CELLS.json --channel IN,OUT --limits JSON [--uid UID]

Started by the judge (sandbox.py), normally inside bubblewrap, where the file system holds only
the Python environment, the public library and this notebook, all read-only. In order:

1. It lowers its own rights before any learner code runs: the sandbox's own user id (when the
   grader runs as root), and limits on memory, CPU time, file size, open files and (in the
   sandbox) processes, which nothing it starts can raise again.
2. It runs every code cell, as Jupyter would (IPython syntax included); a failing cell is noted
   and the next cell still runs. The notebook's prints go nowhere (its stdout is /dev/null).
3. It tells the judge it is ready, with the cells' errors, and then answers requests on the
   channel (see channel.py) until the judge says bye:
       {"id": n, "op": "function" | "value", "name": ...}
       {"id": n, "op": "call", "name": ..., "args": [encoded values]}
   each answered by {"id": n, "answer": data from record.py}.

This module imports the public library and record.py only: no task, no reference answer, no
verdict. Whatever the notebook does to this process (and it can do anything) changes only the
values it answers with; the judge chooses the inputs and compares in its own process.
"""

from __future__ import annotations

import json
import os
import signal
import sys

from . import channel
from .record import call, decode, look_up

CALL_SECONDS = 3  # one call of a learner's function; the judge also keeps its own deadline


class CallTimeout(BaseException):  # not an Exception: a learner's `except Exception` can't eat it
    pass


RLIMITS = {"memory": "RLIMIT_AS", "cpu_seconds": "RLIMIT_CPU", "file_size": "RLIMIT_FSIZE",
           "open_files": "RLIMIT_NOFILE", "processes": "RLIMIT_NPROC", "core": "RLIMIT_CORE"}


def lower_rights(uid: int | None, limits: dict) -> None:
    """Become the sandbox's own user (when the grader runs as root), then set the resource
    limits, soft and hard alike (CPU time: a hard limit 5 s later, after a warning signal).
    Runs before any learner code; a limit lowered here can't be raised again."""
    import resource

    if uid is not None and os.getuid() == 0:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)  # drops every capability: from here on, an ordinary user
    for name, value in limits.items():
        value = int(value)
        hard = value + 5 if name == "cpu_seconds" else value
        resource.setrlimit(getattr(resource, RLIMITS[name]), (value, hard))


def run_cells(sources: list[str]):
    """Run the notebook's code cells; returns their namespace and the cells' errors.

    A cell that is plain Python runs as it is; a cell that is not (a magic such as
    `%matplotlib inline`, a `!command`, a syntax error) runs in an IPython shell, as Jupyter
    would run it, sharing the same namespace. IPython loads only when a cell needs it (or the
    notebook calls get_ipython()): it doubles a notebook's start-up time.
    """
    import builtins

    shells = []

    def get_ipython():
        if not shells:
            from IPython.core.interactiveshell import InteractiveShell
            from traitlets.config import Config

            config = Config()
            config.HistoryManager.enabled = False  # no database, no thread
            shell = InteractiveShell.instance(config=config, user_ns=namespace)
            # Pictures go nowhere here: `%matplotlib inline` has no front end to draw in.
            shell.register_magic_function(lambda line: None, "line", "matplotlib")
            shells.append(shell)
        return shells[0]

    namespace = {"__name__": "__main__", "__builtins__": builtins, "get_ipython": get_ipython,
                 "display": lambda *objects, **options: None}  # output goes nowhere anyway
    cell_errors = []
    for number, source in enumerate(sources, 1):
        try:
            code = compile(source, f"<cell {number}>", "exec")
        except (SyntaxError, ValueError):
            result = get_ipython().run_cell(source, silent=True, store_history=False)
            error = result.error_before_exec or result.error_in_exec
        else:
            try:
                exec(code, namespace)  # running the notebook is the point
                error = None
            except BaseException as raised:  # noqa: BLE001 - even SystemExit ends only the cell
                error = raised
        if error is not None:
            first = next((line for line in source.splitlines() if line.strip()), "")
            cell_errors.append({"cell": number, "starts": first[:80], "error": _describe(error)})
    return namespace, cell_errors


def _describe(error) -> str:
    try:
        return f"{type(error).__name__}: {error}"[:300]
    except BaseException:  # noqa: BLE001 - an exception whose str() fails
        return f"{type(error).__name__}"[:300]


def answer(namespace, request: dict):
    """The answer to one request, as data."""
    op, name = request.get("op"), request.get("name")
    if not isinstance(name, str):
        return {"missing": True}
    if op in ("function", "value"):
        return look_up(namespace, name, as_function=op == "function")
    if op == "call":
        function = namespace.get(name)
        if not callable(function):
            return {"error": "TypeError", "message": f"{name} is not a function", "where": ""}
        args = [decode(a) for a in request.get("args", [])]

        def stop(signum, frame):
            raise CallTimeout

        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
        try:
            return call(function, args)
        except CallTimeout:
            return {"error": "TimeoutError", "where": "",
                    "message": f"it ran for more than {CALL_SECONDS} s and was stopped: look "
                               "for a loop that never ends"}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"error": "ValueError", "message": f"unknown request {str(op)[:20]!r}", "where": ""}


def serve(namespace, fd_in: int, fd_out: int) -> None:
    while True:
        request = channel.receive(fd_in, limit=channel.LIMIT)
        if request.get("op") == "bye":
            return
        try:
            reply = {"id": request.get("id"), "answer": answer(namespace, request)}
            if len(json.dumps(reply)) > channel.LIMIT - 1024:
                raise ValueError("the answer is too big to send to the grader")
        except BaseException as error:  # noqa: BLE001 - whatever happened, answer the request
            failed = {"error": type(error).__name__, "message": str(error)[:300], "where": ""}
            reply = {"id": request.get("id"), "answer": failed if request.get("op") == "call"
                     else {"value": {"t": "other", "type": type(error).__name__,
                                     "repr": str(error)[:200]}}}
        channel.send(fd_out, reply)


def main(argv=None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    cells_path = args.pop(0)
    options = dict(zip(args[::2], args[1::2]))
    fd_in, fd_out = (int(n) for n in options["--channel"].split(","))
    uid = int(options["--uid"]) if "--uid" in options else None
    for fd in (fd_in, fd_out):
        os.set_inheritable(fd, False)  # the notebook's own subprocesses don't get the channel
    lower_rights(uid, json.loads(options.get("--limits", "{}")))
    with open(cells_path, encoding="utf-8") as f:
        sources = json.load(f)
    namespace, cell_errors = run_cells(sources)
    channel.send(fd_out, {"ready": True, "cell_errors": cell_errors})
    serve(namespace, fd_in, fd_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
