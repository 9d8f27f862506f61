# SPDX-License-Identifier: EUPL-1.2
"""The authorisation matrix: every role against every route of the app (pages and API).

Each route declares its access with one dependency (Publiek, Vereist(recht), ApiPubliek, ApiVereist(recht));
the test reads that declaration, derives what each role may do from ``zicht.privacy.toegang.RECHTEN``, calls
the route as that role and checks the outcome. Denied answers must not leak: a real object id and a guessed
one give the same status and the same body. A table of key expectations, written out by hand, guards the
declarations themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts
from sqlalchemy import select
from starlette.routing import Mount

from tests.integration.upload_helpers import wacht_op_uploads
from tests.opvang_support import GEHEIM_ADRES, maak_opvangbed
from tests.web_support import (
    GEHEIME_NAAM,
    GEHEIME_REFERENTIE,
    Client,
    WebBed,
    csrf_van,
    maak_beoordelingen,
    maak_testbed,
    nieuwe_melding,
)
from zicht.accounts import Beveiliging, maak_gebruiker, maak_token, zoek_organisatie
from zicht.netwerk.beheer import NieuweFunctie
from zicht.netwerk.beheer import registreer as registreer_functie
from zicht.opvang.aanvragen import Aanvraaggegevens, dien_in
from zicht.opvang.regels import Profiel
from zicht.privacy.toegang import RECHTEN, Rol
from zicht.reference import load_reference
from zicht.storage import transaction
from zicht.storage.tables import ImportRun
from zicht.web.api.auth import ApiPubliek, ApiVereist
from zicht.web.auth.sessie import Publiek, Vereist

ROLLEN = ("anoniem", "melder", "melder_b", "analist", "identiteit", "gemeente", "opvang", "beheerder")
Eis = Publiek | Vereist | ApiPubliek | ApiVereist

# Hand-written expectations for the routes that matter most (status per role; "ok" = allowed).
VERWACHT: dict[tuple[str, str], dict[str, int | str]] = {
    ("GET", "/meldingen/{melding_id}"): {
        "anoniem": 303,
        "melder": "ok",
        "melder_b": 404,
        "analist": "ok",
        "identiteit": "ok",
        "gemeente": 403,
        "opvang": 403,
        "beheerder": 403,
    },
    ("GET", "/meldingen/{melding_id}/identiteit"): {
        "anoniem": 303,
        "melder": 403,
        "analist": 403,
        "identiteit": "ok",
        "gemeente": 403,
        "beheerder": 403,
    },
    ("GET", "/analyse/meldingen"): {"melder": 403, "analist": "ok", "identiteit": "ok", "gemeente": 403},
    ("GET", "/meldingen/nieuw"): {"melder": "ok", "analist": 403, "gemeente": 403, "beheerder": 403},
    ("GET", "/beheer/gebruikers"): {"melder": 403, "analist": 403, "beheerder": "ok"},
    ("GET", "/logboek"): {"melder": 403, "analist": "ok", "gemeente": 403},
    ("GET", "/analyse/koppelingen/{item_id}"): {
        "anoniem": 303,
        "melder": 403,
        "analist": "ok",
        "identiteit": "ok",
        "gemeente": 403,
        "beheerder": 403,
    },
    ("POST", "/analyse/koppelingen/{item_id}/identiteit"): {"analist": 403, "identiteit": "ok", "melder": 403},
    ("GET", "/api/v1/meldingen/{meldingId}"): {
        "anoniem": 401,
        "melder": "ok",
        "melder_b": 404,
        "analist": "ok",
        "gemeente": 403,
        "beheerder": 403,
    },
    ("GET", "/api/v1/codelijsten"): {r: "ok" for r in ROLLEN},
    ("PATCH", "/api/v1/meldingen/{meldingId}"): {
        "anoniem": 401,
        "melder": "ok",
        "melder_b": 404,
        "analist": "ok",
        "identiteit": 403,
        "gemeente": 403,
        "opvang": 403,
        "beheerder": 403,
    },
    ("PUT", "/api/v1/meldingen/{meldingId}/status"): {"melder": 403, "melder_b": 403, "analist": "ok", "gemeente": 403},
    ("POST", "/api/v1/meldingen/{meldingId}/_intrekken"): {"melder": 403, "analist": "ok", "identiteit": 403},
    ("POST", "/api/v1/opvang/bezettingen"): {"anoniem": 401, "melder": 403, "opvang": "ok", "beheerder": 403},
    ("POST", "/api/v1/opvang/bezettingsbestanden"): {"melder": 403, "analist": 403, "opvang": "ok"},
    ("GET", "/beheer/voorzieningen/{voorziening_id}"): {"opvang": 403, "analist": 403, "beheerder": "ok"},
    ("POST", "/beheer/voorzieningen/{voorziening_id}/deactiveren"): {"opvang": 403, "beheerder": "ok"},
    ("GET", "/netwerk/functies"): {"anoniem": 303, "opvang": 403, "gemeente": 403, "beheerder": 403},
    ("POST", "/netwerk/functies/{functie_id}/beeindigen"): {"opvang": 403, "analist": 403, "beheerder": 403},
    # accounts (issue 14): every logged-in user has an account page and changes the own password; only the
    # beheerder sees, resets, deactivates and reactivates other accounts and reads the account logboek
    ("GET", "/account"): {"anoniem": 303, **{r: "ok" for r in ROLLEN if r != "anoniem"}},
    ("POST", "/account/wachtwoord"): {"anoniem": 303, "melder": "ok", "gemeente": "ok", "beheerder": "ok"},
    ("GET", "/inloggen/nieuw-wachtwoord"): {r: "ok" for r in ROLLEN},
    ("GET", "/beheer/gebruikers/{gebruiker_id}"): {
        "anoniem": 303,
        "melder": 403,
        "analist": 403,
        "identiteit": 403,
        "gemeente": 403,
        "opvang": 403,
        "beheerder": "ok",
    },
    ("POST", "/beheer/gebruikers/{gebruiker_id}/wachtwoord-herstellen"): {
        "anoniem": 303,
        "melder": 403,
        "analist": 403,
        "identiteit": 403,
        "beheerder": "ok",
    },
    ("POST", "/beheer/gebruikers/{gebruiker_id}/deactiveren"): {"melder": 403, "opvang": 403, "beheerder": "ok"},
    ("POST", "/beheer/gebruikers/{gebruiker_id}/heractiveren"): {"melder": 403, "gemeente": 403, "beheerder": "ok"},
    ("GET", "/beheer/logboek"): {"anoniem": 303, "melder": 403, "analist": 403, "gemeente": 403, "beheerder": "ok"},
}


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(tmp_path_factory.mktemp("matrix"))
    bed.extra["melding"] = nieuwe_melding(bed.als("melder"))
    tweede = nieuwe_melding(bed.als("melder"), melder_referentie="REF-TWEEDE")
    bed.extra["beoordeling"] = maak_beoordelingen(bed.sessions, [(bed.extra["melding"], tweede)])[0]
    upload = bed.als("melder")
    r = upload.post(
        "/uploads",
        data={"csrf_token": csrf_van(upload.get("/uploads").text)},
        files={"bestand": ("m.csv", b"melder_referentie,melddatum,uitbuitingsvorm\nU-1,2024-01-01,arbeid\n")},
    )
    assert r.status_code == 303
    wacht_op_uploads(bed.app)
    with bed.sessions() as s:
        bed.extra["upload"] = str(s.scalars(select(ImportRun.id)).one())
    bev = Beveiliging.from_settings(bed.settings)
    with transaction(bed.sessions) as s:
        doelwit = maak_gebruiker(
            s, bev, gebruikersnaam="doelwit", naam="Doelwit", rol="opvang", wachtwoord="een-lang-geheim-wachtwoord"
        )
        org = zoek_organisatie(s, bed.org_b)
        assert org is not None
        _, token = maak_token(s, org, ["uploads"], omschrijving="doelwit")
        bed.extra["gebruiker"], bed.extra["token"] = str(doelwit.id), str(token.id)
    obed = maak_opvangbed(bed.sessions, load_reference(bed.settings.reference_dir))  # facilities with an address
    with transaction(bed.app.state.zicht.sessions) as s:  # the app's logboek key
        bed.extra["aanvraag"] = str(
            dien_in(s, obed.toegang_comensha(), obed.personen[0], Aanvraaggegevens(Profiel())).id
        )
        functie = registreer_functie(
            s, obed.toegang_comensha(), NieuweFunctie("GM0344", "zorgcoordinator", "Zorg U", "coördinator", date(2024, 1, 1)),
            load_reference(bed.settings.reference_dir),
        )  # fmt: skip
        bed.extra["functie"] = str(functie.id)
    bed.extra["voorziening"] = str(obed.cosm)
    return bed


def _routes(bed: WebBed) -> Iterator[tuple[str, str, RouteContext]]:
    """Every API route of the app and of the mounted API, as FastAPI resolves them (router prefixes and
    router-level dependencies included)."""
    for route in bed.app.routes:
        if isinstance(route, Mount):
            if route.path == "/api/v1":
                for sub in iter_route_contexts(route.routes):
                    if isinstance(sub.original_route, APIRoute):
                        yield "/api/v1", str(sub.path), sub
            continue
        for ctx in iter_route_contexts([route]):
            if isinstance(ctx.original_route, APIRoute):
                yield "", str(ctx.path), ctx


def _eisen(dependant: Any) -> list[Eis]:
    gevonden = [dependant.call] if isinstance(dependant.call, Eis) else []
    for sub in dependant.dependencies:
        gevonden.extend(_eisen(sub))
    return gevonden


def _eis(route: RouteContext) -> Eis:
    eisen = _eisen(route.dependant)
    assert len(eisen) == 1, f"{route.path} must declare its access exactly once, found {eisen}"
    return eisen[0]


def _pad(pad: str, bed: WebBed, geraden: bool) -> str:
    waarden = {
        "melding_id": bed.extra["melding"],
        "meldingId": bed.extra["melding"],
        "import_id": bed.extra["upload"],
        "uploadId": bed.extra["upload"],
        "gebruiker_id": bed.extra["gebruiker"],
        "token_id": bed.extra["token"],
        "item_id": bed.extra["beoordeling"],
        "aanvraag_id": bed.extra["aanvraag"],
        "voorziening_id": bed.extra["voorziening"],
        "functie_id": bed.extra["functie"],
        "naam": "geslacht",
        "gemeenteCode": "GM0344",
    }
    for naam, waarde in waarden.items():
        if geraden and naam not in ("naam", "gemeenteCode"):
            waarde = str(uuid.UUID(int=uuid.UUID(waarde).int ^ 0xFFFF))
        pad = pad.replace("{" + naam + "}", waarde)
    return pad


def _client(bed: WebBed, rol: str) -> tuple[Client, str]:
    if rol == "anoniem":
        client = bed.client()
    elif rol == "melder_b":
        client = bed.als("melder", gebruikersnaam="melder-b")
    else:
        client = bed.als(rol)
    return client, csrf_van(client.get("/inloggen" if rol == "anoniem" else "/").text)


#: A valid body for API changes whose body is checked before the object is looked up (without If-Match: an
#: allowed caller gets 428 and nothing changes, one outside the melding's scope 404).
LICHAMEN = {
    "PATCH": {"reden": "typefout"},
    "PUT": {"status": "mogelijk"},
    "/_intrekken": {"reden": "ten_onrechte"},
}


def _roep(client: Client, token: str, methode: str, url: str) -> Any:
    if methode == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        if url.endswith("/uploads"):
            return client.post(url, headers={"X-CSRF-Token": token}, files={"leeg": ("x.txt", b"")})
        lichaam = LICHAMEN.get(methode) or LICHAMEN.get(url[url.rfind("/") :], {})
        return client.request(methode, url, headers={"X-CSRF-Token": token}, json=lichaam)
    return client.request(methode, url, data={"csrf_token": token})


def _rol_recht(rol: str) -> frozenset[Any]:
    return frozenset() if rol == "anoniem" else RECHTEN[Rol("melder" if rol == "melder_b" else rol)]


def _verwachting(eis: Eis, rol: str, pad: str, api: bool) -> int | str:
    if isinstance(eis, Publiek | ApiPubliek):
        return "ok"
    if rol == "anoniem":
        return 401 if api else 303
    if eis.recht is not None and eis.recht not in _rol_recht(rol):
        return 403
    if pad.startswith("/netwerk/functies") and rol == "opvang":
        return 403  # CoMensha's opvang users keep the network (beheert_netwerk); the matrix's opvang user is not one
    objecten = ("{melding_id}", "{meldingId}", "{import_id}", "{uploadId}")
    if rol == "melder_b" and any(o in pad for o in objecten):
        return 404
    return "ok"


def _uitkomst(r: Any, api: bool) -> int | str:
    if r.status_code in (401, 403, 404):
        return r.status_code
    if r.status_code == 303 and r.headers["location"].startswith("/inloggen?volgende="):
        return 303
    return "ok"


def test_elke_route_verklaart_zijn_toegang(bed: WebBed) -> None:
    routes = list(_routes(bed))
    assert len(routes) > 40
    for _, _, route in routes:
        _eis(route)


@pytest.mark.parametrize("rol", ROLLEN)
def test_autorisatiematrix(bed: WebBed, rol: str) -> None:
    client, token = _client(bed, rol)
    fouten = []
    for prefix, pad, route in _routes(bed):
        if (prefix + pad) in ("/uitloggen", "/api/v1/openapi.json"):
            continue
        eis = _eis(route)
        api = prefix == "/api/v1"
        for methode in sorted(route.methods - {"HEAD"}):
            verwacht = _verwachting(eis, rol, pad, api)
            r = _roep(client, token, methode, prefix + _pad(pad, bed, geraden=False))
            uitkomst = _uitkomst(r, api)
            assert GEHEIM_ADRES not in r.text, f"{rol} {methode} {pad}: a shelter's confidential address leaks"
            sleutel = (methode, prefix + pad)
            if sleutel in VERWACHT and rol in VERWACHT[sleutel] and VERWACHT[sleutel][rol] != verwacht:
                fouten.append(
                    f"{rol} {methode} {prefix}{pad}: declared {verwacht}, table says {VERWACHT[sleutel][rol]}"
                )
            if uitkomst != verwacht:
                fouten.append(f"{rol} {methode} {prefix}{pad}: expected {verwacht}, got {r.status_code}")
            if uitkomst != "ok":
                assert GEHEIME_REFERENTIE not in r.text and GEHEIME_NAAM.split()[1] not in r.text
                if "{" in pad:  # a denied real id answers exactly like a guessed one
                    geraden = _roep(client, token, methode, prefix + _pad(pad, bed, geraden=True))
                    echt_id, geraden_id = _pad(pad, bed, False), _pad(pad, bed, True)
                    assert geraden.status_code == r.status_code, f"{rol} {methode} {pad}: existence leaks"
                    assert geraden.text.replace(geraden_id, "") == r.text.replace(echt_id, ""), f"{rol} {pad}"
    assert not fouten, "\n".join(fouten)


def test_gemeente_ziet_nooit_een_melding_of_persoon(bed: WebBed) -> None:
    client = bed.als("gemeente")
    melding = bed.extra["melding"]
    for pad in (
        f"/meldingen/{melding}",
        "/meldingen",
        "/analyse/meldingen",
        f"/api/v1/meldingen/{melding}",
        "/api/v1/meldingen",
        "/logboek",
    ):
        r = client.get(pad)
        assert r.status_code in (403, 404), pad
        assert GEHEIME_REFERENTIE not in r.text and melding not in r.text.replace(pad, "")


@pytest.mark.parametrize("rol", ["anoniem", "melder", "identiteit", "beheerder"])
def test_elke_post_naar_een_pagina_zonder_csrf_token_wordt_geweigerd(bed: WebBed, rol: str) -> None:
    client, _ = _client(bed, rol)
    posts = [(p, pad) for p, pad, route in _routes(bed) if p == "" and "POST" in (route.methods or set())]
    assert len(posts) >= 15
    for _, pad in posts:
        r = client.post(_pad(pad, bed, geraden=False), data={"gebruikersnaam": "x"})
        assert r.status_code == 403, f"{rol} POST {pad} without token: {r.status_code}"
        assert "Formulier verlopen" in r.text
