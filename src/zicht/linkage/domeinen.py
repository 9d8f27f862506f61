# SPDX-License-Identifier: EUPL-1.2
"""Domains of the quality estimate: the reporter pair and the variation kind of a pair, and the strata
restricted to one domain.

A pair's variation kind comes from the level labels of its name and birth-date comparisons (the model's own
words, never a value); its reporter pair from the ``melder_soort`` of both meldingen, order-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zicht.linkage.kwaliteit import Oordeel, Stratum


@dataclass(frozen=True)
class Cel:
    """The part of one stratum that falls in one domain: units, weight and the model's summed probability."""

    eenheden: int
    gewicht: float
    model_som: float

    @property
    def model(self) -> float:
        """The model's mean probability in the cell (weighted)."""
        return self.model_som / self.gewicht if self.gewicht > 0 else 0.0


def domein_strata(
    strata: Sequence[Stratum],
    cellen: Mapping[str, Cel],
    oordelen: Mapping[str, Sequence[Oordeel]],
) -> list[Stratum]:
    """The strata restricted to one domain (e.g. reporter pair ``nationale_politie + fairwork``).

    The decided units of a stratum that fall in the domain are a simple random sample of the domain's cell
    (given their number); a cell without decisions borrows its stratum's posterior mean as two pseudo-decisions
    (see :meth:`Stratum.posterior`), or the model's when the stratum has none either.
    """
    out: list[Stratum] = []
    for s in strata:
        cel = cellen.get(s.naam)
        if cel is None or cel.eenheden == 0:
            continue
        eigen = tuple(oordelen.get(s.naam, ()))
        out.append(
            Stratum(
                naam=s.naam,
                gekoppeld=s.gekoppeld,
                eenheden=cel.eenheden,
                gewicht=cel.gewicht,
                model=cel.model,
                oordelen=eigen,
                terugval=s.gemiddelde() if s.oordelen else None,
            )
        )
    return out


def variaties(labels: Mapping[str, str]) -> tuple[str, ...]:
    """The variation kinds of a pair, from the level labels of its name and birth-date comparisons.

    The labels are the model's own (``fonetisch gelijk (transliteratie, tussenvoegsel)``, ``dag en maand
    verwisseld``), never a value. A pair with an exact name and birth date is ``geen``.
    """
    out: list[str] = []
    naam = labels.get("naam")
    if naam is not None:
        text = naam.lower()
        if text == "onbekend":
            out.append("naam_onbekend")
        elif "verwisseld" in text:
            out.append("naam_verwisseld")
        elif "fonetisch" in text:
            out.append("naam_fonetisch")
        elif "tikfout" in text or "bijna" in text:
            out.append("naam_tikfout")
        elif text == "verschillend":
            out.append("naam_verschillend")
        elif text != "gelijk":
            out.append("naam_deels")
    datum = labels.get("geboortedatum")
    if datum is not None:
        text = datum.lower()
        if text == "onbekend":
            out.append("geboortedatum_ontbreekt")
        elif "onvolledig" in text:
            out.append("geboortedatum_onvolledig")
        elif "1 januari" in text:
            out.append("geboortedatum_1_januari")
        elif "verwisseld" in text:
            out.append("geboortedatum_dag_maand")
        elif "tikfout" in text:
            out.append("geboortedatum_tikfout")
        elif text == "verschillend":
            out.append("geboortedatum_verschillend")
        elif text != "gelijk":
            out.append("geboortedatum_anders")
    return tuple(out) or ("geen",)


def melder_paar(a: str | None, b: str | None) -> str:
    """The reporter pair of two meldingen as one key, order-free (``fairwork + nationale_politie``)."""
    return " + ".join(sorted((a or "onbekend", b or "onbekend")))
