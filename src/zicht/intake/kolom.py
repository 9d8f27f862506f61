# SPDX-License-Identifier: EUPL-1.2
"""What a melding field is: its kind, where it is stored, how the form asks it and where it appears.

Each field is declared once, as a :class:`Kolom` in :data:`zicht.intake.columns.KOLOMMEN`. Everything that
handles a melding field by field is generated from those declarations, with one handler per *kind*
(:class:`Soort`) and never one per field: the validator, the store and the correction path, the export, the
XLSX template, the API's schemas and conversions, the form, the detail page and the analysis extract. Adding a
coded field is therefore: its declaration, its column in the ORM table and a migration, and its code list in
the codebook (see ``docs/velden.md``).

Labels are Dutch source text, marked with ``N_`` so the gettext catalogue picks them up; the English name is
declared too, because files may use it as a column header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from zicht.taal import N_


class Soort(StrEnum):
    """The kind of a field: how it is read, validated, stored, exported and shown."""

    tekst = "tekst"  # free text: a column of the melding row, or an attribute of the identity
    datum = "datum"  # a date in a column of the melding row
    code = "code"  # one code of a code list, in a column of the melding row
    codes = "codes"  # several codes of a code list, as rows of a child table
    plaats = "plaats"  # a gemeente or a country: columns <opslag>_gemeente, <opslag>_land (and <opslag>_soort)
    nummers = "nummers"  # several short texts of the identity (document and phone numbers)
    uitbuiting = "uitbuiting"  # the forms of exploitation, stored as pairs with their sectors
    sector = "sector"  # the sectors, stored with the form of exploitation they belong to
    geboorte = "geboorte"  # a date of birth (identity) or a birth year (melding row)
    leeftijd = "leeftijd"  # the age at the report, computed from the date of birth when that is known
    route = "route"  # events on the route, written soort:plaats:datum


class Widget(StrEnum):
    """How the form asks a field (``meldingen/velden.html`` renders each)."""

    tekst = "tekst"
    datum = "datum"
    getal = "getal"
    keuzes = "keuzes"  # checkboxes: several values
    radio = "radio"
    select = "select"
    textarea = "textarea"
    plaats = "plaats"  # a text box with gemeente suggestions
    route = "route"  # rows of soort, plaats and datum


class Sectie(StrEnum):
    """The sections of the melding form, in the order shown."""

    melding = "melding"
    uitbuiting = "uitbuiting"
    plaats = "plaats"
    slachtoffer = "slachtoffer"
    route = "route"
    identiteit = "identiteit"


#: The title of each section (Dutch source text).
SECTIE_TITELS: dict[Sectie, str] = {
    Sectie.melding: N_("De melding"),
    Sectie.uitbuiting: N_("De uitbuiting"),
    Sectie.plaats: N_("Plaats"),
    Sectie.slachtoffer: N_("Het (mogelijke) slachtoffer"),
    Sectie.route: N_("Route"),
    Sectie.identiteit: N_("Identificerende gegevens (versleuteld opgeslagen)"),
}


@dataclass(frozen=True, slots=True)
class Formulier:
    """Where and how the melding form asks a field.

    Attributes:
        sectie: The section of the form.
        plek: Its place within the section (ascending).
        widget: How it is asked.
        zonder_onbekend: Options without ``onbekend`` (an empty choice means unknown).
        op_label: Options sorted by their label instead of in code-list order.
        ouderlijst: Checkboxes grouped under the codes of this code list (the codes' ``ouder``).
        per_groep: Checkboxes grouped by the codes' ``groep`` (``onbekend`` left out).
    """

    sectie: Sectie
    plek: int
    widget: Widget
    zonder_onbekend: bool = False
    op_label: bool = False
    ouderlijst: str | None = None
    per_groep: bool = False


@dataclass(frozen=True, slots=True)
class Kindtabel:
    """Values stored as rows of a child table of the melding.

    Attributes:
        relatie: The relationship on the ORM ``Melding`` (its rows, in the relationship's order).
        kolom: The column of the child table that holds the value.
        volgorde: The column that keeps the order the values were given in; None: the order does not matter
            (the values are compared sorted).
    """

    relatie: str
    kolom: str
    volgorde: str | None = None


@dataclass(frozen=True, slots=True)
class Controle:
    """A check of one value, with the problem it reports (code and reasons in Dutch and English)."""

    geldig: Callable[[str], bool]
    code: str
    nl: str
    en: str


@dataclass(frozen=True, slots=True)
class Kolom:
    """One field of a melding, as files, the form and the API know it, and everything done with it.

    Attributes:
        naam: The column name in files and forms; also the name in validation problems and the history.
        nl: Label (Dutch source text; translated where shown).
        en: English name (accepted as a column header; the form's English label).
        uitleg: Why the field is asked (template, form hint, API description).
        soort: The kind of field.
        verplicht: Must be given.
        meervoudig: Takes several values (``a;b`` in files, a list in the API).
        codelijst: The codebook list its codes come from.
        identificerend: Identifies a person: stored only encrypted, never shown, exported or repeated (a
            minimised form kept in the melding row, such as the birth year of a date of birth, may be).
        aliassen: Other column headers accepted in files.
        api: The property name in the API (camelCase, Dutch API Design Rules). A melding the API answers with
            names its stored values after where they are stored (``opslag``), in camelCase.
        api_uitleg: Description of the property when creating a melding through the API.
        opslag: Where the value is stored: a column of the melding row (for a place, the prefix of its
            columns) or a child table; None for a field that lives only in the identity. The validated melding
            (:class:`zicht.domain.MeldingInvoer`) carries the value under the same name.
        identiteit: The attribute of :class:`zicht.domain.Identiteitsgegevens` that holds it (encrypted).
        standaard: The code (or, for several codes, the one code) when nothing is given.
        melder_standaard: Instead of ``standaard``, the code for a melder of a given kind.
        max_lengte: Longest text accepted (characters).
        meerregelig: Text that may span lines.
        max_aantal: Most values the API accepts in one request.
        min_jaar: Earliest year a date may lie in.
        jaar: The export column of the date's year.
        einde: For the start of a period, the field with its end (which may not lie before the start);
            the detail page shows the period on one line.
        periode_fout: The reasons (nl, en) when the period ends before it starts.
        controle: A check every value must pass, with the problem when it does not.
        formulier: Where the form asks it; None: not asked in the form.
        detail: Shown on a melding's detail page.
        detail_label: The label there, when it is not ``nl``.
        export: In the minimised export (never an identifying field).
        extract: In the analysis extract (one column of its ``melding`` table per coded field).
        corrigeerbaar: A correction (form, API) may change it.
        sleutel: The organisation's own key of the melding: never changes, shown to that organisation only.
        koppelveld: Linkage compares it: a correction places the melding again at the next link.
        voorinvulbaar: The new-melding form may be filled in with it from the query string (codes and places,
            never identity).
    """

    naam: str
    nl: str
    en: str
    uitleg: str
    soort: Soort = Soort.tekst
    verplicht: bool = False
    meervoudig: bool = False
    codelijst: str | None = None
    identificerend: bool = False
    aliassen: tuple[str, ...] = ()
    api: str = ""
    api_uitleg: str | None = None
    opslag: str | Kindtabel | None = None
    identiteit: str | None = None
    standaard: str = "onbekend"
    melder_standaard: Callable[[str], str] | None = None
    max_lengte: int | None = None
    meerregelig: bool = False
    max_aantal: int | None = None
    min_jaar: int | None = None
    jaar: str | None = None
    einde: str | None = None
    periode_fout: tuple[str, str] | None = None
    controle: Controle | None = None
    formulier: Formulier | None = None
    detail: bool = False
    detail_label: str | None = None
    export: bool = False
    extract: bool = False
    corrigeerbaar: bool = True
    sleutel: bool = False
    koppelveld: bool = False
    voorinvulbaar: bool = False

    def __post_init__(self) -> None:
        if self.identificerend and self.opslag is None and (self.export or self.extract or self.detail):
            raise ValueError(f"{self.naam}: an identifying field is never exported, extracted or shown")
        if self.identificerend and self.voorinvulbaar:
            raise ValueError(f"{self.naam}: the form is never filled in with identifying data from a URL")
        if self.soort in (Soort.code, Soort.codes) and not self.codelijst:
            raise ValueError(f"{self.naam}: a coded field needs a code list")
        if self.soort is Soort.codes and not isinstance(self.opslag, Kindtabel):
            raise ValueError(f"{self.naam}: several codes are stored in a child table")

    @property
    def opgeslagen_als(self) -> str | None:
        """The name the stored value goes by: the column (prefix) or the relationship of the child table."""
        return self.opslag.relatie if isinstance(self.opslag, Kindtabel) else self.opslag

    @property
    def kindtabel(self) -> Kindtabel:
        """The child table of a field stored in one (``codes``, ``uitbuiting``, ``sector``, ``route``)."""
        if not isinstance(self.opslag, Kindtabel):
            raise TypeError(f"{self.naam} is not stored in a child table")
        return self.opslag

    @property
    def kolomnaam(self) -> str:
        """The column of the melding row of a field stored in one."""
        if not isinstance(self.opslag, str):
            raise TypeError(f"{self.naam} is not stored in a column of the melding row")
        return self.opslag

    @property
    def label_detail(self) -> str:
        """The label on the detail page (Dutch source text)."""
        return self.detail_label or self.nl

    def label(self, taal: str) -> str:
        """The field's name in ``taal`` as declared (``nl`` or ``en``)."""
        return self.en if taal == "en" else self.nl

    def standaard_voor(self, melder_soort: str) -> str:
        """The code given when nothing was, for a melder of kind ``melder_soort``."""
        return self.melder_standaard(melder_soort) if self.melder_standaard else self.standaard
