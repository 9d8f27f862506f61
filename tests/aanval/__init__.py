# SPDX-License-Identifier: EUPL-1.2
"""An attacker over the whole request space of one gemeente account (issue 12).

Independent of the disclosure library: it reads the published tables through HTTP, gives each published cell
its meaning from the documentation (docs/disclosure.md, docs/statistieken.md) and solves all cells jointly with
its own linear programme. See README.md in this directory for what the attacker assumes.

- :mod:`tests.aanval.verzoeken`: the request space, collecting the responses, the cells and what they count.
- :mod:`tests.aanval.waarheid`: the registry's true meldingen (only to judge findings, never attacker knowledge).
- :mod:`tests.aanval.lp`: the attacker's linear programme, the findings and the report.
- :mod:`tests.aanval.uitvoeren`: the whole run (discover, collect, add one melding, collect again, solve).
"""
