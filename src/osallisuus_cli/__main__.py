"""`python -m osallisuus_cli` runs the same command line as `osallisuus`."""

from .cli import main

main()
