# SPDX-License-Identifier: EUPL-1.2
"""The HTML pages, one module per feature (routes thin: parse, authorise, call one service, render)."""
