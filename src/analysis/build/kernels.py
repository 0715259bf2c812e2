"""Warm kernels: execute many notebooks with papermill in a few long-lived kernel processes.

Starting a Python kernel and importing pandas, scipy, matplotlib and plotly costs about two seconds
per notebook — most of a build's time when every page had its own kernel. Here each worker starts
one kernel, imports the book's modules once, and executes one notebook after another in it. Before
each notebook the kernel is put back into the state of a fresh one: the user namespace and the
execution counter are reset, figures closed, matplotlib's settings, warning filters and the working
directory restored. ``make test`` re-runs every executed notebook with nbval in a fresh kernel and
compares the outputs, so any difference from a fresh kernel would show there.

Kernels talk to the build over IPC sockets (files in a private folder), not TCP: nothing listens on
the network, and ipykernel has no reason to warn about unencrypted TCP.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from analysis.errors import BuildError

KERNEL_NAME = "python3"
# imported once per kernel, before its first notebook: what every page of the book uses
WARM_IMPORTS = (
    "import "
    "analysis.pages.notebook, "
    "analysis.pages.datachapter, "
    "analysis.pages.method, "
    "analysis.pages.changelog"
)

_RC: dict = {}
_FILTERS: list = []
_CWD = ""


def prepare(cwd: str) -> None:
    """Kernel side, once, after the imports: remember the state a fresh kernel starts from, and
    exempt the imported modules from garbage collection (IPython's reset runs a full collection,
    which otherwise scans every object of pandas, scipy and matplotlib: 0.2 s per notebook)."""
    global _CWD
    import gc

    import matplotlib

    _RC.update(matplotlib.rcParams.copy())
    _FILTERS[:] = list(warnings.filters)
    _CWD = cwd
    gc.collect()
    gc.freeze()


def reset() -> None:
    """Kernel side, before each notebook: back to the state of a fresh kernel."""
    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    plt.close("all")
    get_ipython().reset(new_session=True)  # user namespace, history, execution count
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_RC)
    warnings.filters[:] = _FILTERS
    warnings._filters_mutated()  # forget which warnings were already shown
    os.chdir(_CWD)


class WarmKernel:
    """One kernel process that executes notebooks one after another (used by one thread)."""

    def __init__(self, cwd: Path, log_file: Path, number: int = 0):
        from jupyter_client.manager import AsyncKernelManager

        self.cwd, self.log_file = Path(cwd), Path(log_file)
        self._sockets = Path(tempfile.mkdtemp(prefix="gdcpt-kernel-"))
        self.km = AsyncKernelManager(
            kernel_name=KERNEL_NAME, transport="ipc", ip=str(self._sockets / f"k{number}")
        )
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_file.open("ab")
        self._control = None
        self.client = None  # nbclient's client, kept from one notebook to the next
        self._start()

    def _start(self) -> None:
        from jupyter_core.utils import run_sync

        run_sync(self.km.start_kernel)(
            extra_arguments=["--HistoryManager.hist_file=:memory:"],
            cwd=str(self.cwd),
            stdout=self._log,
            stderr=self._log,
        )
        self._control = self.km.blocking_client()
        self._control.start_channels()
        self._control.wait_for_ready(timeout=120)
        self.run(WARM_IMPORTS)
        self.run(f"import analysis.build.kernels as _k; _k.prepare({str(self.cwd)!r}); del _k")

    def run(self, code: str) -> None:
        """Execute ``code`` silently (no output, no history, no execution count)."""
        reply = self._control.execute(
            code, silent=True, store_history=False, reply=True, timeout=300
        )
        content = reply["content"]
        if content.get("status") != "ok":
            raise BuildError(
                f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}"
            )

    def reset(self) -> None:
        if not self.alive():
            self.restart()
        self.run('__import__("analysis.build.kernels", fromlist=["reset"]).reset()')

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(run_sync(self.km.is_alive)())

    def restart(self) -> None:
        """A notebook killed the kernel: start a new one for the next notebook."""
        self._stop()
        self._start()

    def log_tail(self, lines: int = 5) -> str:
        self._log.flush()
        try:
            text = self.log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    def _stop(self) -> None:
        from jupyter_core.utils import run_sync

        for client in (self._control, self.client):
            if client is not None:
                client.stop_channels()
        self._control = self.client = None
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # already gone
            pass

    def shutdown(self) -> None:
        self._stop()
        self._log.close()
        shutil.rmtree(self._sockets, ignore_errors=True)


def _engine():
    """A papermill engine that executes in a :class:`WarmKernel` instead of starting a new one."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, kernel: WarmKernel = None,
                                     log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, **kwargs):  # fmt: skip
            kernel.reset()
            client = PapermillNotebookClient(
                nb_man,
                km=kernel.km,
                kernel_name=kernel_name,
                log=logging.getLogger("papermill"),
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                startup_timeout=start_timeout,
                timeout=execution_timeout,
            )
            client.kc = kernel.client  # reuse the channels: a new client waits 0.2 s for quiet
            try:
                return client.execute()
            finally:
                kernel.client = client.kc

    return WarmKernelEngine


ENGINE_NAME = "gdcpt-warm-kernel"


def register_engine() -> str:
    from papermill.engines import papermill_engines

    if ENGINE_NAME not in papermill_engines._engines:
        papermill_engines.register(ENGINE_NAME, _engine())
    return ENGINE_NAME
