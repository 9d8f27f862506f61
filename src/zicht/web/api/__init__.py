# SPDX-License-Identifier: EUPL-1.2
"""The HTTP API under ``/api/v1`` (one router per feature, assembled in :mod:`zicht.web.api.app`)."""
