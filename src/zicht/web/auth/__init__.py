# SPDX-License-Identifier: EUPL-1.2
"""Web authentication: sessions, cookies, CSRF and the login pages."""
