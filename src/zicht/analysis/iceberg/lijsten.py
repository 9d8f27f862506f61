# SPDX-License-Identifier: EUPL-1.2
"""List definitions (lijstindelingen): which kinds of reporter (``melder_soort``) form one MSE list.

Multiple systems estimation needs a handful of lists, each large enough to overlap with the others. The
reporting organisations are many and some are tiny, so kinds are merged. The definition is part of every
estimate (merging lists can move the estimate by 10 % or more) and is reported with it.

Two presets:

* ``6`` (the default): politie (nationale_politie) / kmar / nla / zorgcoordinatie / ngo (fairwork and
  ngo_overig) / overig (every other kind).
* ``4``: politie / kmar_nla (the two special investigative services) / zorgcoordinatie / ngo_overig (the NGOs
  and every other kind).

A custom definition is written as ``naam=soort+soort,naam=soort,...,naam=*``: ``*`` marks the list that takes
every kind not named elsewhere (at most one); without it, meldingen of unnamed kinds are left out. A bare kind
(``kmar``) is a list of that kind alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from zicht.codebook import codelijst
from zicht.taal import N_, vertaler

__all__ = [
    "INDELINGEN",
    "LIJSTNAMEN",
    "REST",
    "STANDAARD_INDELING",
    "Lijstindeling",
    "LijstindelingFout",
    "lijstindeling",
    "lijstnaam",
]

#: Marks the list that receives every kind of reporter not named by another list.
REST = "*"
#: Labels of the list names of the standard definitions (Dutch source text; a name of one's own shows as it is).
LIJSTNAMEN: dict[str, str] = {
    "politie": N_("politie"),
    "kmar": N_("KMar"),
    "nla": N_("NLA"),
    "zorgcoordinatie": N_("zorgcoördinatie"),
    "ngo": N_("ngo's"),
    "overig": N_("overig"),
    "kmar_nla": N_("KMar en NLA"),
    "ngo_overig": N_("ngo's"),
}


def lijstnaam(naam: str, taal: str = "nl") -> str:
    """The label of a list (its own name when it has none)."""
    return vertaler(taal)(LIJSTNAMEN[naam]) if naam in LIJSTNAMEN else naam


_NAAM = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class LijstindelingFout(ValueError):
    """A list definition that cannot be used (unknown kind, a kind on two lists, bad name, ...)."""


@dataclass(frozen=True)
class Lijstindeling:
    """Which kinds of reporter make up each list.

    Attributes:
        naam: Short name of the definition (``6``, ``4`` or ``eigen``).
        lijsten: The lists in column order: (list name, the ``melder_soort`` codes on it).
        rest: Name of the list that takes every other kind, or None to leave other kinds out.
    """

    naam: str
    lijsten: tuple[tuple[str, tuple[str, ...]], ...]
    rest: str | None = None

    def __post_init__(self) -> None:
        namen = [naam for naam, _ in self.lijsten]
        if len(namen) < 2:
            raise LijstindelingFout("een lijstindeling heeft minstens twee lijsten nodig")
        if len(set(namen)) != len(namen):
            raise LijstindelingFout(f"lijstnamen moeten uniek zijn: {', '.join(namen)}")
        for naam in namen:
            if not _NAAM.match(naam):
                raise LijstindelingFout(f"ongeldige lijstnaam {naam!r}: gebruik kleine letters, cijfers en _")
        if self.rest is not None and self.rest not in namen:
            raise LijstindelingFout(f"de restlijst {self.rest!r} is geen lijst van de indeling")
        bekend = set(codelijst("melder_soort").waarden)
        gezien: dict[str, str] = {}
        for naam, soorten in self.lijsten:
            if not soorten and naam != self.rest:
                raise LijstindelingFout(f"lijst {naam!r} heeft geen soorten melders")
            for soort in soorten:
                if soort not in bekend:
                    raise LijstindelingFout(f"onbekende soort melder {soort!r} (lijst {naam!r})")
                if soort in gezien:
                    raise LijstindelingFout(f"soort melder {soort!r} staat op twee lijsten: {gezien[soort]}, {naam}")
                gezien[soort] = naam

    @property
    def namen(self) -> tuple[str, ...]:
        """The list names, in column order."""
        return tuple(naam for naam, _ in self.lijsten)

    def toewijzing(self) -> Mapping[str, str]:
        """``melder_soort`` -> list name for every kind of the codebook that is on a list."""
        out = {soort: naam for naam, soorten in self.lijsten for soort in soorten}
        if self.rest is not None:
            for soort in codelijst("melder_soort").waarden:
                out.setdefault(soort, self.rest)
        return out

    def lijst_van(self, melder_soort: str) -> str | None:
        """The list a kind of reporter belongs to (None: left out)."""
        gevonden = self.toewijzing().get(melder_soort)
        if gevonden is None and self.rest is not None:
            return self.rest  # a kind outside the codebook still counts, on the rest list
        return gevonden

    def soorten_van(self, lijst: str) -> tuple[str, ...]:
        """The kinds of reporter on a list (for the rest list: the named ones plus every other kind)."""
        return tuple(sorted(s for s, naam in self.toewijzing().items() if naam == lijst))

    def spec(self) -> str:
        """The definition in the textual form :func:`lijstindeling` reads."""
        delen = []
        for naam, soorten in self.lijsten:
            waarden = [*soorten, REST] if naam == self.rest else list(soorten)
            delen.append(f"{naam}={'+'.join(waarden)}")
        return ",".join(delen)

    def omschrijving(self, taal: str = "nl") -> str:
        """In words, e.g. ``politie (Nationale Politie); ngo's (FairWork, andere ngo); overig (alle andere soorten)``."""
        _ = vertaler(taal)
        lijst = codelijst("melder_soort")
        delen = []
        for naam, soorten in self.lijsten:
            inhoud = [lijst[s].label(taal) if s in lijst else s for s in soorten]
            if naam == self.rest:
                inhoud.append(_("alle andere soorten"))
            delen.append(f"{lijstnaam(naam, taal)} ({', '.join(inhoud)})")
        return "; ".join(delen)

    def in_taal(self, taal: str) -> str:
        """The description in ``taal`` (so a :class:`~zicht.taal.Tekst` can hold the definition)."""
        return self.omschrijving(taal)

    @classmethod
    def uit_spec(cls, tekst: str, naam: str = "eigen") -> Lijstindeling:
        """Parse ``naam=soort+soort,...,naam=*``.

        Args:
            tekst: The definition.
            naam: Name to give the definition.

        Returns:
            The definition.

        Raises:
            LijstindelingFout: If the text is not a valid definition.
        """
        lijsten: list[tuple[str, tuple[str, ...]]] = []
        rest: str | None = None
        for deel in (d.strip() for d in tekst.split(",")):
            if not deel:
                continue
            lijst, teken, waarden = deel.partition("=")
            lijst = lijst.strip()
            items = [w.strip() for w in waarden.split("+")] if teken else [lijst]
            if any(not w for w in items):
                raise LijstindelingFout(f"lege soort in {deel!r}")
            if REST in items:
                if rest is not None:
                    raise LijstindelingFout("slechts één lijst kan de rest (*) krijgen")
                rest = lijst
                items = [w for w in items if w != REST]
            lijsten.append((lijst, tuple(items)))
        return cls(naam, tuple(lijsten), rest)


def _indeling(naam: str, lijsten: Iterable[tuple[str, tuple[str, ...]]], rest: str) -> Lijstindeling:
    return Lijstindeling(naam, tuple(lijsten), rest)


#: The default: six lists.
STANDAARD_INDELING = _indeling(
    "6",
    (
        ("politie", ("nationale_politie",)),
        ("kmar", ("kmar",)),
        ("nla", ("nla",)),
        ("zorgcoordinatie", ("zorgcoordinatie",)),
        ("ngo", ("fairwork", "ngo_overig")),
        ("overig", ()),
    ),
    "overig",
)

#: Four lists: the two small special investigative services together, the NGOs with the rest.
VIER_LIJSTEN = _indeling(
    "4",
    (
        ("politie", ("nationale_politie",)),
        ("kmar_nla", ("kmar", "nla")),
        ("zorgcoordinatie", ("zorgcoordinatie",)),
        ("ngo_overig", ("fairwork", "ngo_overig")),
    ),
    "ngo_overig",
)

#: The presets by name.
INDELINGEN: dict[str, Lijstindeling] = {"6": STANDAARD_INDELING, "4": VIER_LIJSTEN}


def lijstindeling(tekst: str | Lijstindeling | None) -> Lijstindeling:
    """A preset (``6``, ``4``), a textual definition, or the default for None.

    Args:
        tekst: Preset name, definition text, an existing definition, or None.

    Returns:
        The definition.

    Raises:
        LijstindelingFout: If the text is neither a preset nor a valid definition.
    """
    if tekst is None:
        return STANDAARD_INDELING
    if isinstance(tekst, Lijstindeling):
        return tekst
    sleutel = tekst.strip()
    if sleutel in INDELINGEN:
        return INDELINGEN[sleutel]
    if "=" not in sleutel and "," not in sleutel:
        raise LijstindelingFout(
            f"onbekende lijstindeling {tekst!r}: kies {' of '.join(INDELINGEN)} of naam=soort+soort,..."
        )
    return Lijstindeling.uit_spec(sleutel)
