"""python -m verify.engine.evaluate: see verify.engine.evaluate.cli."""

import sys

from verify.engine.evaluate.cli import main

sys.exit(main())
