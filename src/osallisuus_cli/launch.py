"""The console script's entry point: run the CLI without cyclic garbage collection."""

import gc


def main() -> None:
    # A command runs for well under a second and almost every object it makes (modules,
    # the dataset) lives to the end, so the cyclic collector would only rescan them:
    # about 7 ms of a 60 ms start-up (benchmarks/bench_cli.py). Nothing here builds
    # garbage cycles worth collecting, the questionnaire included.
    gc.disable()
    from .cli import main as run_cli

    run_cli()
