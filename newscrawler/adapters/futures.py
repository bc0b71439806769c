"""``concurrent.futures.process`` internals (CPython 3.11–3.14).

The extraction pool keeps a few pages queued per worker, so a worker's next page is already in its
pipe when it finishes one. ``ProcessPoolExecutor`` sizes its call queue from the module constant
``EXTRA_QUEUED_CALLS`` when it is created and sends work through the pipes of its private
``_call_queue`` and ``_result_queue``; the pool sets the constant only around its own executor's
creation and widens those two pipes (Linux ``F_SETPIPE_SZ``) so a large page is written in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import process as _process
from contextlib import contextmanager
from typing import Any

from newscrawler.adapters import InternalChanged

DISTRIBUTION = "python"


@contextmanager
def queued_calls(extra: int) -> Iterator[None]:
    """Executors created in the block queue ``extra`` calls beyond one per worker (the default is 1)."""
    default = _process.EXTRA_QUEUED_CALLS
    setattr(_process, "EXTRA_QUEUED_CALLS", extra)  # noqa: B010 (typeshed: Final)
    try:
        yield
    finally:
        setattr(_process, "EXTRA_QUEUED_CALLS", default)  # noqa: B010


def executor_pipes(executor: ProcessPoolExecutor) -> list[Any]:
    """The write ends of the executor's task and result pipes (those that exist)."""
    ends = (getattr(getattr(executor, name, None), "_writer", None) for name in ("_call_queue", "_result_queue"))
    return [end for end in ends if end is not None]


def widen(executor: ProcessPoolExecutor, widen_pipe: Callable[[Any], None]) -> None:
    """Apply ``widen_pipe`` to each of the executor's pipes."""
    for end in executor_pipes(executor):
        widen_pipe(end)


def check() -> None:
    """Raise :class:`InternalChanged` when the constant or the executor's queues are gone."""
    import sys

    if not isinstance(getattr(_process, "EXTRA_QUEUED_CALLS", None), int):
        raise InternalChanged(DISTRIBUTION, f"concurrent.futures.process.EXTRA_QUEUED_CALLS is gone "
                                            f"(Python {sys.version.split()[0]})")
    with ProcessPoolExecutor(max_workers=1) as executor:
        executor.submit(int, 1).result()
        if len(executor_pipes(executor)) != 2:
            raise InternalChanged(DISTRIBUTION, f"ProcessPoolExecutor has no _call_queue/_result_queue pipes "
                                                f"(Python {sys.version.split()[0]})")
