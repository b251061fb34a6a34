"""One BLAS thread: the course's matrix products are small.

numpy hands every matrix product to a BLAS library that may split it over all the machine's
cores. For the small products of this course that costs more than it saves, and on a machine
that is busy with anything else (a shared JupyterHub, a test run, a second notebook) the
threads wait for each other: a digits ConvNet epoch took 0.06 s on one thread and up to 0.8 s
on two. So `import ddn` asks the BLAS for one thread, unless you chose a number yourself with
OPENBLAS_NUM_THREADS, OMP_NUM_THREADS or MKL_NUM_THREADS.
"""

from __future__ import annotations

import os

CHOSEN_BY_YOU = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> bool:
    """Limit numpy's BLAS to one thread for this process; False where it was left alone."""
    if any(os.environ.get(name) for name in CHOSEN_BY_YOU):
        return False
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without it: the BLAS keeps its default
        return False
    threadpool_limits(1, user_api="blas")
    return True
