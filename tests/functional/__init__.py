# SPDX-License-Identifier: EUPL-1.2
"""Real-browser tests (Playwright driving Debian's chromium); marker ``browser``."""
