"""`python -m osallisuus_cli` runs the same command line as `osallisuus`."""

from .launch import main

main()
