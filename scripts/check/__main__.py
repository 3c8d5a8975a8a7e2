# SPDX-License-Identifier: GPL-2.0-only
"""cd scripts && /usr/bin/python3 -m check [options]: the same as check.py."""

import sys

from .main import main

sys.exit(main())
