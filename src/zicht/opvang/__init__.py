# SPDX-License-Identifier: EUPL-1.2
"""Opvang: shelter facilities, their capacity and occupancy, and placements of persons known from meldingen
(issue 16). Persons appear here only by their pseudonymised id, never by name."""
