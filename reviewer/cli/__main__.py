"""``python -m reviewer.cli``: the command line."""

import sys

from reviewer.cli import main

sys.exit(main())
