# SPDX-License-Identifier: EUPL-1.2
"""The one entry point for statistics: ``Statistiekdienst.statistiek(verzoek, rol=...)``.

Every face (web pages, ``/api/v1/statistieken``, the ``zicht statistieken`` command, CSV/XLSX/PDF exports)
asks here, so none can bypass disclosure control: the analyst role gets exact counts, **every other role**
(and an unknown role) gets the tables after :mod:`zicht.privacy.disclosure`. Requests come from a fixed
catalogue (table kinds, whole years or quarters, enumerated breakdowns and forms), so there are no free
filters that differ by one record. The same request on the same data vintage always gives the same table.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from zicht.analysis.beveiliging import zet_schijfcache
from zicht.analysis.dimensies import Eenheid, Gebiedsbasis, Periode, Periodesoort, Uitsplitsing
from zicht.analysis.extract import Extract, ExtractBron
from zicht.analysis.gebieden import Bereik, normaliseer_gebied
from zicht.analysis.groepen import met_en_zonder
from zicht.analysis.kwaliteit import Kwaliteitsgroep, kwaliteit_tabel
from zicht.analysis.overzichten import overzicht, reeks, reeks_perioden, uitsplitsing
from zicht.analysis.publicaties import PublicatieBron, Publicatieregel
from zicht.analysis.tabel import Tabel, in_taal
from zicht.analysis.tabelcontext import Context, NietBeschikbaar
from zicht.codebook import codelijst
from zicht.privacy.disclosure import DisclosureError, DisclosurePolicy
from zicht.privacy.disclosure.attacker import InconsistentReleaseError
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.taal import vertaler

#: Roles that see exact counts. Everything else, including roles this module does not know, is protected.
ANALIST_ROLLEN = frozenset({"analist"})
#: The role of the public, disclosure-controlled view (the CLI's default).
PUBLIEK = "publiek"


class Tabelsoort(StrEnum):
    """The table kinds of the catalogue."""

    overzicht = "overzicht"
    uitsplitsing = "uitsplitsing"
    reeks = "reeks"
    met_zonder = "met_zonder"
    kwaliteit = "kwaliteit"


class BuitenBereik(PermissionError):
    """The area lies outside the user's scope (own gemeente, its regions, the nation)."""


@dataclass(frozen=True)
class Verzoek:
    """A request from the catalogue.

    Attributes:
        soort: The table kind.
        periode: The period (for a series: the last period).
        niveau: The area level (overview: the level of the rows).
        gebied: The area's code (``NL`` for the nation).
        uitsplitsing: The breakdown (``uitsplitsing``), or the breakdown of the group (``met_zonder``).
        eenheid: Persons or meldingen; None chooses persons once linkage has run, else meldingen.
        basis: Plaats delict or the reporter's region.
        vorm: Only units whose meldingen name this form of exploitation.
        categorie: The group for ``met_zonder`` (e.g. ``NG`` with uitsplitsing ``nationaliteit``).
        van: First year of a series (default: ten years).
        kwartalen: A series per quarter instead of per year.
        groep: Grouping of the data-quality table.
        taal: ``nl`` or ``en``.
    """

    soort: Tabelsoort
    periode: Periode
    niveau: Gebiedsniveau = Gebiedsniveau.nederland
    gebied: str = "NL"
    uitsplitsing: Uitsplitsing = Uitsplitsing.totaal
    eenheid: Eenheid | None = None
    basis: Gebiedsbasis = Gebiedsbasis.plaats_delict
    vorm: str | None = None
    categorie: str | None = None
    van: int | None = None
    kwartalen: bool = False
    groep: Kwaliteitsgroep = Kwaliteitsgroep.melder_regio
    taal: str = "nl"

    @classmethod
    def uit_parameters(cls, params: Mapping[str, Any]) -> Verzoek:
        """Build a request from query parameters (camelCase keys, as the API and the web pages use).

        Keys: ``soort``, ``periode``, ``niveau``, ``gebied``, ``uitsplitsing``, ``eenheid``, ``gebiedsbasis``,
        ``vorm``, ``categorie``, ``vanJaar``, ``perKwartaal``, ``groep``, ``taal``.

        Raises:
            ValueError: For an unknown value (the message names the parameter).
        """

        def kies(sleutel: str, enum: type[StrEnum], standaard: Any) -> Any:
            waarde = params.get(sleutel)
            if waarde in (None, ""):
                return standaard
            try:
                return enum(str(waarde))
            except ValueError:
                opties = ", ".join(e.value for e in enum)
                raise ValueError(f"{sleutel}: unknown value {waarde!r}; choose from {opties}") from None

        try:
            periode = Periode.parse(str(params.get("periode") or ""))
        except ValueError as exc:
            raise ValueError(f"periode: {exc}") from None
        vorm = params.get("vorm") or None
        if vorm is not None and vorm not in codelijst("uitbuitingsvorm"):
            raise ValueError(f"vorm: unknown form {vorm!r}")
        van = params.get("vanJaar")
        return cls(
            soort=kies("soort", Tabelsoort, Tabelsoort.overzicht),
            periode=periode,
            niveau=kies("niveau", Gebiedsniveau, Gebiedsniveau.nederland),
            gebied=str(params.get("gebied") or "NL"),
            uitsplitsing=kies("uitsplitsing", Uitsplitsing, Uitsplitsing.totaal),
            eenheid=kies("eenheid", Eenheid, None),
            basis=kies("gebiedsbasis", Gebiedsbasis, Gebiedsbasis.plaats_delict),
            vorm=vorm,
            categorie=params.get("categorie") or None,
            van=int(van) if van not in (None, "") else None,
            kwartalen=str(params.get("perKwartaal", "")).lower() in ("1", "true", "ja", "yes"),
            groep=kies("groep", Kwaliteitsgroep, Kwaliteitsgroep.melder_regio),
            taal="en" if params.get("taal") == "en" else "nl",
        )

    def als_parameters(self) -> dict[str, str]:
        """The request as query parameters (inverse of :meth:`uit_parameters`)."""
        uit = {
            "soort": self.soort.value,
            "periode": self.periode.code,
            "niveau": self.niveau.value,
            "gebied": self.gebied,
            "uitsplitsing": self.uitsplitsing.value,
            "gebiedsbasis": self.basis.value,
            "groep": self.groep.value,
            "taal": self.taal,
        }
        extra = {
            "eenheid": self.eenheid.value if self.eenheid else None,
            "vorm": self.vorm,
            "categorie": self.categorie,
            "vanJaar": str(self.van) if self.van is not None else None,
            "perKwartaal": "true" if self.kwartalen else None,
        }
        return uit | {k: v for k, v in extra.items() if v}


def toegestane_periode(verzoek: Verzoek) -> None:
    """The publication grid of protected figures: whole calendar years only (docs/adr/0006).

    Overlapping periods (2020, 2020-2021, 2019-2021; a year and its quarters) published side by side can be
    subtracted from each other to a small count that no single table shows; calendar years are disjoint, so
    every protected table of one year is audited as one release and no request combines years.

    Raises:
        NietBeschikbaar: For a quarter, a multi-year period or a quarterly series.
    """
    if verzoek.periode.soort is not Periodesoort.jaar or verzoek.kwartalen:
        _ = vertaler(verzoek.taal)
        raise NietBeschikbaar(
            _(
                "Beschermde cijfers worden per kalenderjaar gepubliceerd (bijvoorbeeld periode=2024). Kwartalen "
                "en meerjarige perioden zijn er alleen voor analisten: naast elkaar gepubliceerd zouden ze van "
                "elkaar af te trekken zijn tot een klein aantal. Zijn de aantallen per jaar te klein, kies dan een "
                "hoger gebiedsniveau (veiligheidsregio, provincie)."
            )
        )


def is_beveiligd(rol: str) -> bool:
    """Whether a role gets disclosure-controlled tables (every role except the analyst's)."""
    return rol not in ANALIST_ROLLEN


class TeveelBerekeningen(Exception):
    """The caller asked for more new tables than its budget allows; ``wacht`` is the number of seconds after
    which one is available again."""

    def __init__(self, wacht: int) -> None:
        super().__init__(f"too many new statistics tables; retry in {wacht} s")
        self.wacht = wacht


#: Called before a table is computed (never for a table already computed) in the current context; it may raise
#: :class:`TeveelBerekeningen`. The web app sets it per request to the caller's budget
#: (``zicht.web.statistiekdienst``); background warm-up and the CLI have none.
rekenbudget: ContextVar[Callable[[], None] | None] = ContextVar("rekenbudget", default=None)


class Statistiekdienst:
    """Statistics for every face, with disclosure control decided by role.

    Args:
        bron: Returns the extract of the current data vintage (e.g. ``ExtractBron(engine, ref).extract``).
        beleid: The disclosure policy (``DisclosurePolicy.from_settings(settings)``).

    Example:
        >>> dienst = Statistiekdienst(ExtractBron(engine, referentie).extract, DisclosurePolicy())
        >>> tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, Periode.jaar(2024)), rol="gemeente")
    """

    def __init__(
        self,
        bron: Callable[[], Extract],
        beleid: DisclosurePolicy,
        publicatie: Callable[[], Extract] | None = None,
    ) -> None:
        self._bron = bron
        self._publicatie = publicatie or bron
        self.beleid = beleid
        self._register: ExtractBron | None = None
        self.publicaties: PublicatieBron | None = None
        #: At most this many requests compute tables at once (threads beyond it wait without holding the
        #: interpreter), so that under many clients a light request still gets its turn.
        self._rekenplaatsen = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2)))

    @classmethod
    def uit_registratie(
        cls,
        engine: Any,
        referentie: Referentiedata,
        beleid: DisclosurePolicy,
        regel: Publicatieregel | None = None,
        *,
        opwarmen: bool = False,
        cache_map: Path | None = None,
    ) -> Statistiekdienst:
        """A service over the registry database: the analyst sees the live registry (refreshed when its
        vintage changes), every other role the newest publicatie (:mod:`zicht.analysis.publicaties`); with
        ``opwarmen`` every publicatie's dashboard tables are precomputed in the background; with ``cache_map``
        protected families are also kept on disk there (for the next process)."""
        if cache_map is not None:
            zet_schijfcache(cache_map)
        register = ExtractBron(engine, referentie)

        def warm(extract: Extract) -> None:
            from zicht.analysis.dashboard import oudere_jaren, warm_op  # the dashboard module builds on this one

            warm_op(extract, beleid)  # the newest year before the publicatie is handed out, older ones after

            def ouder() -> None:
                try:
                    warm_op(extract, beleid, oudere_jaren(extract))
                except Exception:  # an optimisation only; the request that needs it computes it
                    logging.getLogger(__name__).exception("voorberekenen van oudere jaren mislukt")

            threading.Thread(target=ouder, name="zicht-opwarmen", daemon=True).start()

        publicaties = PublicatieBron(engine, referentie, regel or Publicatieregel(), na_bouw=warm if opwarmen else None)
        dienst = cls(register.extract, beleid, publicaties.extract)
        dienst._register = register
        dienst.publicaties = publicaties
        return dienst

    def extract(self, *, beveiligd: bool = False) -> Extract:
        """The extract of the current vintage (the analyst's) or of the newest publicatie (everyone else)."""
        return self._publicatie() if beveiligd else self._bron()

    def ververs(self) -> Extract:
        """Read the registry's vintage now (e.g. right after an import) and return the current extract.

        Protected figures change only with a new publicatie (:meth:`publiceer`, or automatically)."""
        if self.publicaties is not None:
            self.publicaties.ververs()
        return self._register.ververs() if self._register is not None else self._bron()

    def publiceer(self, *, door: str | None = None) -> Extract:
        """Make a publicatie now: protected figures then show every melding recorded so far."""
        if self.publicaties is None:
            return self._publicatie()
        return self.publicaties.publiceer(door=door)

    def statistiek(self, verzoek: Verzoek, *, rol: str = PUBLIEK, bereik: Bereik | None = None) -> Tabel:
        """The table for a request, exact for analysts and disclosure-controlled for every other role.

        Args:
            verzoek: The request.
            rol: The user's role.
            bereik: The areas the user may study in depth (None: every area).

        Returns:
            The table with unit, period, reference dates and vintage.

        Raises:
            ValueError: An invalid combination (the message says which).
            UnknownPlace: The area does not exist.
            BuitenBereik: The area is outside the user's scope.
            NietBeschikbaar: The table is not published at that level for this role.
        """
        beveiligd = is_beveiligd(rol)
        if beveiligd:
            toegestane_periode(verzoek)
        extract = self.extract(beveiligd=beveiligd)
        ref = extract.referentie
        if verzoek.niveau not in verzoek.basis.niveaus():
            raise ValueError(f"niveau: {verzoek.niveau.value} is not available for gebiedsbasis {verzoek.basis.value}")
        code = (
            normaliseer_gebied(ref, verzoek.niveau, verzoek.gebied)
            if verzoek.soort is not Tabelsoort.overzicht
            else "NL"
        )
        if (
            bereik is not None
            and verzoek.soort in (Tabelsoort.uitsplitsing, Tabelsoort.reeks, Tabelsoort.met_zonder)
            and not bereik.staat_toe(ref, verzoek.niveau, code)
        ):
            raise BuitenBereik(f"{verzoek.niveau.value} {code} is outside the areas of this user")

        def bereken() -> Tabel:
            if (budget := rekenbudget.get()) is not None:
                budget()  # may refuse: the caller's budget of computations (a lookup never counts)
            with self._rekenplaatsen:  # heavy work never takes every core from the other requests
                return in_taal(self._bereken(extract, verzoek, code, beveiligd), verzoek.taal)

        # one table per request, extract and precision: a warm request is a lookup that never queues behind the
        # computations of others (bench_load: with the lookup inside the semaphore, statistics under 50 mixed
        # clients waited minutes for tables that were already computed)
        return extract.onthoud(("tabel", verzoek, code, beveiligd), bereken)

    def _bereken(self, extract: Extract, verzoek: Verzoek, code: str, beveiligd: bool) -> Tabel:
        beleid = self.beleid if beveiligd else None
        ctx = _context(extract, beleid, verzoek)
        if beleid is None:
            return self._tabel(ctx, verzoek, code)
        try:
            return self._tabel(ctx, verzoek, code)
        except (DisclosureError, InconsistentReleaseError):
            _ = vertaler(verzoek.taal)
            raise NietBeschikbaar(
                _(
                    "Deze tabel kan op dit niveau niet veilig worden gepubliceerd: de aantallen zijn te klein. "
                    "Kies een hoger gebiedsniveau of minder uitsplitsing."
                )
            ) from None

    def _tabel(self, ctx: Context, verzoek: Verzoek, code: str) -> Tabel:
        if verzoek.soort is Tabelsoort.overzicht:
            return overzicht(ctx, verzoek.periode, verzoek.niveau, verzoek.vorm)
        if verzoek.soort is Tabelsoort.uitsplitsing:
            if verzoek.uitsplitsing is Uitsplitsing.totaal:
                raise ValueError("uitsplitsing: choose a breakdown")
            return uitsplitsing(ctx, verzoek.periode, verzoek.niveau, code, verzoek.uitsplitsing, verzoek.vorm)
        if verzoek.soort is Tabelsoort.reeks:
            return reeks(
                ctx, reeks_perioden(verzoek.periode, verzoek.van, verzoek.kwartalen), verzoek.niveau, code, verzoek.vorm
            )
        if verzoek.soort is Tabelsoort.met_zonder:
            if verzoek.uitsplitsing is Uitsplitsing.totaal or not verzoek.categorie:
                raise ValueError("met_zonder needs uitsplitsing and categorie (e.g. nationaliteit and NG)")
            return met_en_zonder(ctx, verzoek.periode, verzoek.niveau, code, verzoek.uitsplitsing, verzoek.categorie)
        return kwaliteit_tabel(ctx, verzoek.periode, verzoek.groep)


def _context(extract: Extract, beleid: DisclosurePolicy | None, verzoek: Verzoek) -> Context:
    """Choose the unit: persons once linkage has run, else meldingen; protected sub-national figures are
    always persons when persons exist (meldingen are counted nationally only, privacy.md §2.2)."""
    _ = vertaler(verzoek.taal)
    gekoppeld = extract.gekoppeld > 0
    eenheid = verzoek.eenheid or (Eenheid.personen if gekoppeld else Eenheid.meldingen)
    notities: list[str] = []
    if (
        beleid is not None
        and eenheid is Eenheid.meldingen
        and gekoppeld
        and (verzoek.niveau is not Gebiedsniveau.nederland or verzoek.soort is Tabelsoort.overzicht)
    ):
        eenheid = Eenheid.personen
        notities.append(_("Gevraagd werd om meldingen; regionale cijfers worden in personen gepubliceerd."))
    if eenheid is Eenheid.personen and not gekoppeld:
        notities.append(_("Er zijn nog geen meldingen aan personen gekoppeld: elke melding telt als een persoon."))
    return Context(extract, beleid, eenheid, verzoek.basis, verzoek.taal, tuple(notities))
