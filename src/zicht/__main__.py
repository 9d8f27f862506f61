# SPDX-License-Identifier: EUPL-1.2
"""``python -m zicht`` runs the CLI."""

import sys

from zicht.cli import main

sys.exit(main())
