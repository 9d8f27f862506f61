# SPDX-License-Identifier: EUPL-1.2
"""The English catalogue covers every text of the interface: template texts, navigation labels, the form's
sections and field explanations, and the messages routes put on pages."""

from __future__ import annotations

import re

from zicht.codebook import codelijst
from zicht.intake import KOLOMMEN
from zicht.web.features import FEATURES, laad_features
from zicht.web.i18n import catalogus, vertaler
from zicht.web.pages import meldingform
from zicht.web.templating import TEMPLATES

# Texts that routes pass to templates (they are translated there with _()).
ROUTEBERICHTEN = (
    "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
    "De combinatie van gebruikersnaam en wachtwoord is onjuist.",
    "Deze code is onjuist of al gebruikt. Wacht op de volgende code en probeer het opnieuw.",
    "Beschrijf het doel in 10 tot 200 tekens.",
    "Kies een bestand.",
    "Het bestand is te groot.",
    "Onbekende of dubbelzinnige gemeente.",
    "Geef het pseudoniem van de persoon (een UUID).",
    "Geen toegang",
    "Uw rol geeft geen toegang tot deze pagina.",
    "Formulier verlopen",
    "Het formulier is verlopen of niet door deze site verstuurd. Probeer het opnieuw.",
    "Pagina niet gevonden",
    "Deze pagina bestaat niet, of u heeft er geen toegang toe.",
    "Er ging iets mis",
    "Probeer het later opnieuw. De fout is vastgelegd.",
)


def _template_teksten() -> set[str]:
    teksten: set[str] = set()
    for pad in TEMPLATES.rglob("*.html"):
        inhoud = pad.read_text(encoding="utf-8")
        teksten |= set(re.findall(r'_\(\s*"((?:[^"\\]|\\.)*)"', inhoud))
        teksten |= set(re.findall(r"_\(\s*'((?:[^'\\]|\\.)*)'", inhoud))
    return teksten


def test_elke_tekst_heeft_een_engelse_vertaling() -> None:
    features = laad_features(FEATURES)
    nodig = _template_teksten() | set(ROUTEBERICHTEN)
    nodig |= {item.label for f in features for item in f.nav}
    nodig |= {titel for titel, _ in meldingform.secties("nl")}
    nodig |= {"Werving", "Controle en dwang", "Overig"}
    nodig |= {k.uitleg for k in KOLOMMEN}
    nodig |= {"melder", "analist", "identiteit", "gemeente", "opvang", "beheerder"}
    nodig |= {"formulier", "api", "upload", "aanmaken", "lezen", "onthullen", "exporteren"}
    cat = catalogus({k: v for f in features for k, v in f.vertalingen.items()})
    ontbreekt = sorted(t for t in nodig if t not in cat)
    assert not ontbreekt, "\n".join(ontbreekt)


def test_vertaler_vult_waarden_in_en_valt_terug_op_nederlands() -> None:
    en, nl = vertaler("en"), vertaler("nl")
    assert en("Welkom, {naam}", naam="Ada") == "Welcome, Ada"
    assert nl("Welkom, {naam}", naam="Ada") == "Welkom, Ada"
    assert en("Niet in de catalogus") == "Niet in de catalogus"


def test_codelijsten_hebben_engelse_labels_voor_het_formulier() -> None:
    for naam in ("uitbuitingsvorm", "sector", "werkwijze", "geslacht", "land"):
        for code in codelijst(naam).codes:
            assert code.label("en"), (naam, code.code)
