# SPDX-License-Identifier: EUPL-1.2
"""Revealing the identity behind a melding. The rule lives in :mod:`zicht.privacy.onthulling` so that the
linkage review (a capability below this service layer) can use the same, logged, path."""

from zicht.privacy.onthulling import DoelOntbreekt, controleer_doel, onthul_identiteit

__all__ = ["DoelOntbreekt", "controleer_doel", "onthul_identiteit"]
