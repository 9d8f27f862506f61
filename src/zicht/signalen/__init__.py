# SPDX-License-Identifier: EUPL-1.2
"""Signalen: online-advertisement monitoring turned into ranked, explained clusters that a person reviews
(issue 17). Scores are proposals; a person decides."""
