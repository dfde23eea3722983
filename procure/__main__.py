"""`python -m procure` is the same as the `procure` console script."""

from procure.cli import main

main()
