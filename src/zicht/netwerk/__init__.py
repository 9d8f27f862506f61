# SPDX-License-Identifier: EUPL-1.2
"""Netwerk: the care-coordination network per municipality (zorgcoördinatoren and aandachtsfunctionarissen),
its coverage and its quality indicators (issue 16)."""
