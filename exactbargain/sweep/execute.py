"""Running the units of a study: in this process, on a local process pool, or on Dask.

Every engine sends a worker only the study (a few numbers and names) and a unit (an index
range); the worker unranks its games itself, so nothing large crosses the network, and
results are the same whichever engine computed them. ``scheduler`` is:

* ``None`` or ``"processes"``: a local process pool over ``workers`` processes (default:
  every core);
* ``"serial"``: this process;
* ``"local:N"``: a ``dask.distributed`` LocalCluster of ``N`` single-threaded worker
  processes;
* ``"tcp://HOST:PORT"`` (or any Dask scheduler address): a running Dask cluster.

Dask is an optional dependency (the ``sweep`` extra); asking for it without it installed
raises :class:`MissingExtra`.
"""

from __future__ import annotations

import os
from typing import Callable, Iterator, Sequence

from ..errors import ExactBargainError
from .study import Study, Unit, UnitResult, run_unit

__all__ = ["MissingExtra", "execute", "check_scheduler", "default_workers"]


class MissingExtra(ExactBargainError):
    """An optional dependency of sweeps is not installed."""


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def require(module: str, what: str) -> None:
    """Import ``module`` or raise :class:`MissingExtra` naming the ``sweep`` extra."""
    try:
        __import__(module)
    except ImportError:
        raise MissingExtra(f"{what} needs {module.split('.')[0]}, which is not installed; "
                           f"install the sweep extra: pip install 'exactbargain[sweep]'") from None


def check_scheduler(scheduler: str | None) -> None:
    """Raise ``ValueError`` for a malformed scheduler and :class:`MissingExtra` when it needs Dask."""
    if scheduler in (None, "processes", "serial"):
        return
    if scheduler.startswith("local:"):
        count = scheduler[len("local:"):]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--scheduler local:N needs a positive number of workers, got {scheduler!r}")
    elif "://" not in scheduler:
        raise ValueError(f"--scheduler is 'processes', 'serial', 'local:N' or a Dask address such as "
                         f"tcp://HOST:PORT, got {scheduler!r}")
    require("dask.distributed", f"--scheduler {scheduler}")


def execute(study: Study, units: Sequence[Unit], scheduler: str | None = None,
            workers: int | None = None) -> Iterator[UnitResult]:
    """Yield the result of every unit in ``units`` as it completes (in any order)."""
    check_scheduler(scheduler)
    if not units:
        return
    if scheduler == "serial" or (scheduler in (None, "processes") and (workers or default_workers()) == 1):
        for unit in units:
            yield run_unit(study, unit)
    elif scheduler in (None, "processes"):
        yield from _pool(study, units, workers or default_workers())
    else:
        yield from _dask(study, units, scheduler)


def _pool(study: Study, units: Sequence[Unit], workers: int) -> Iterator[UnitResult]:
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("forkserver")
    with cf.ProcessPoolExecutor(max_workers=min(workers, len(units)), mp_context=ctx) as pool:
        futures = [pool.submit(run_unit, study, u) for u in units]
        try:
            for fut in cf.as_completed(futures):
                try:
                    result = fut.result()
                except cf.process.BrokenProcessPool:
                    raise ExactBargainError("a worker process died (killed, or out of memory); the units finished "
                                            "so far are kept in --out, and running the same command again "
                                            "resumes") from None
                yield result
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise


def _dask(study: Study, units: Sequence[Unit], scheduler: str) -> Iterator[UnitResult]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler.startswith("local:"):
        cluster = LocalCluster(n_workers=int(scheduler[len("local:"):]), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=10)
        except OSError as exc:
            raise ExactBargainError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        futures = [client.submit(run_unit, study, u, pure=False, retries=2) for u in units]
        for fut in as_completed(futures):
            yield fut.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_units(scheduler: str | None = None, workers: int | None = None) -> Callable:
    """A ``map_units`` for :func:`~exactbargain.sweep.study.run_study` on an engine."""

    def run(study: Study, units: Sequence[Unit]) -> list[UnitResult]:
        return list(execute(study, units, scheduler, workers))

    return run
