"""The console script's entry point: the garbage collector's settings for a short run,
and its ending.

A command runs for well under a second and almost every object it makes (modules,
the dataset) lives to the end, so the cyclic collector would only rescan them. Both
settings are measured with benchmarks/bench_cli.py on `recommend -t children --json`:
- collection off from before the CLI is imported to the end: about 7 ms (more for a
  catalogue of 1,000 methods), which is why the CLI is imported inside main();
- everything frozen before exit, so that the interpreter's last collection at shutdown
  skips it: about 10 ms.

A run that has ended cleanly then leaves without the interpreter's teardown (`_leave`).

A Ctrl-C that lands while the CLI is still being imported, before its own handlers
are in place, ends the run as theirs would: exit 130, no traceback.
"""

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

EXIT_INTERRUPTED = 130  # as edge.py's; the edge cannot be imported before it is needed


def main() -> None:
    gc.disable()
    try:
        from .cli import main as run_cli  # after gc.disable(): 7 ms a run, see above

        run_cli()
        code: str | int | None = 0
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    except SystemExit as end:
        code = end.code
    finally:
        gc.freeze()  # the interpreter's last collection then skips it all: about 10 ms
    _leave(code)


def _leave(code: str | int | None) -> NoReturn:
    """End the run with `code`, without the interpreter's teardown when nothing needs it:
    the one speed trick of the ending.

    Python's own exit flushes stdout and stderr, runs what `atexit` holds, and then frees
    every module and object one by one, which a run that ends needs no more. With the
    streams flushed here and nothing in `atexit` (rich's help registers logging's),
    leaving with `os._exit` saves `recommend -t children --json` 5.2 M instructions of
    345 M (callgrind) and about 4 ms of wall and CPU time (interleaved A/B, 100 runs
    each: 4.3 ms; 80 runs: 1.6 ms wall, 2.5 ms CPU), and 8 ms with 1,000 methods (20
    runs). Anything else, or a stream that cannot be flushed, ends as Python ends it.
    """
    if type(code) is int and not atexit._ncallbacks() and threading.active_count() == 1:
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):
            sys.exit(code)  # the interpreter's own flush says what went wrong
        os._exit(code)
    sys.exit(code)
