"""``python -m advocacy``: hands the command line to ``cli.main``. Owns nothing else."""

from __future__ import annotations

import sys

from advocacy.cli import main

if __name__ == "__main__":
    sys.exit(main())
