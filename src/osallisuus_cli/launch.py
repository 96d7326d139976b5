"""The console script's entry point: the garbage collector's settings for a short run.

A command runs for well under a second and almost every object it makes (modules,
the dataset) lives to the end, so the cyclic collector would only rescan them. Both
settings are measured with benchmarks/bench_cli.py on `recommend -t children --json`:
- collection off from before the CLI is imported to the end: about 7 ms (more for a
  catalogue of 1,000 methods), which is why the CLI is imported inside main();
- everything frozen before exit, so that the interpreter's last collection at shutdown
  skips it: about 10 ms.

A Ctrl-C that lands while the CLI is still being imported, before its own handlers
are in place, ends the run as theirs would: exit 130, no traceback.
"""

import gc
import sys

EXIT_INTERRUPTED = 130  # as edge.py's; the edge cannot be imported before it is needed


def main() -> None:
    gc.disable()
    try:
        from .cli import main as run_cli  # after gc.disable(): 7 ms a run, see above

        run_cli()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    finally:
        gc.freeze()
