# SPDX-License-Identifier: EUPL-1.2
"""Run by tests/integration/test_veld_declaratie.py in a fresh interpreter on a copy of the source to which one
coded field, ``proef_kleur``, was added (declaration, ORM column, migration, code list; nothing else). Writes
what every face of zicht makes of that field as JSON to the file named on the command line.

Not a test module itself: it observes, the test asserts.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

warnings.simplefilter("ignore", DeprecationWarning)

from tests.conftest import REFERENCE_DIR  # noqa: E402
from tests.web_support import csrf_van, maak_testbed  # noqa: E402
from zicht.analysis.extract import lees_register, maak_extract  # noqa: E402
from zicht.intake import columns  # noqa: E402
from zicht.intake.export import exporteer_meldingen  # noqa: E402
from zicht.intake.importer import importeer_bestand  # noqa: E402
from zicht.intake.template import schrijf_sjabloon  # noqa: E402
from zicht.privacy import logboek  # noqa: E402
from zicht.privacy.vault import Vault  # noqa: E402
from zicht.reference import load_reference  # noqa: E402

VELD, API = "proef_kleur", "proefKleur"


def _waarde_na(html: str, label: str) -> str | None:
    """The value beside ``label`` in a page's data list."""
    m = re.search(rf"<dt[^>]*>{re.escape(label)}</dt>\s*<dd[^>]*>([^<]*)</dd>", html)
    return m.group(1).strip() if m else None


def main(doel: Path) -> None:
    uit: dict[str, Any] = {"gedeclareerd": [k.naam for k in columns.KOLOMMEN][-1]}
    bed = maak_testbed(Path(tempfile.mkdtemp()))
    reference = load_reference(REFERENCE_DIR)

    # the form: asked, with its code list as options
    melder = bed.als("melder")
    pagina = melder.get("/meldingen/nieuw").text
    uit["formulier_opties"] = sorted(set(re.findall(rf'name="{VELD}"[^>]*value="([^"]+)"', pagina)))
    uit["formulier_opties"] += sorted(set(re.findall(rf'value="([^"]+)"[^>]*name="{VELD}"', pagina)))
    uit["formulier_label"] = "Proefkleur" in pagina
    r = melder.post(
        "/meldingen/nieuw",
        data={
            "csrf_token": csrf_van(pagina),
            "melder_referentie": "FORM-1",
            "melddatum": "2024-03-01",
            "uitbuitingsvorm": ["arbeid"],
            VELD: "groen",
        },
    )
    uit["formulier_status"] = r.status_code
    formulier_id = r.headers.get("location", "").split("/meldingen/")[-1].split("?")[0]
    detail = melder.get(f"/meldingen/{formulier_id}").text
    uit["detail_waarde"] = _waarde_na(detail, "Proefkleur")

    # the API: the schemas, a round trip, a correction and its history, a code outside the list
    document = bed.client().get("/api/v1/openapi.json").json()["components"]["schemas"]
    uit["schema"] = {naam: document[naam]["properties"].get(API) for naam in ("MeldingNieuw", "MeldingCorrectie")}
    uit["schema"]["Melding"] = document["Melding"]["properties"].get(API)
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen", "meldingen:corrigeren"])
    kop = {"Authorization": f"Bearer {token}"}
    api = bed.client()
    nieuw = {"melderReferentie": "API-1", "melddatum": "2024-05-01", "uitbuitingsvormen": ["arbeid"], API: "rood"}
    r = api.post("/api/v1/meldingen", json=nieuw, headers=kop)
    uit["api_aanmaken"] = (r.status_code, r.json().get(API))
    melding_id = r.json()["id"]
    gelezen = api.get(f"/api/v1/meldingen/{melding_id}", headers=kop)
    uit["api_lezen"] = gelezen.json().get(API)
    r = api.patch(
        f"/api/v1/meldingen/{melding_id}",
        json={"reden": "typefout", API: "groen"},
        headers={**kop, "If-Match": gelezen.headers["etag"]},
    )
    uit["api_corrigeren"] = (r.status_code, r.json().get(API))
    versies = api.get(f"/api/v1/meldingen/{melding_id}/versies", headers=kop).json()["versies"]
    uit["api_geschiedenis"] = versies[-1]["wijzigingen"]
    r = api.post("/api/v1/meldingen", json={**nieuw, "melderReferentie": "API-2", API: "paars"}, headers=kop)
    uit["api_fout"] = (r.status_code, [p["name"] for p in r.json().get("invalidParams", [])])

    # a file: the column read, a code outside the list rejected with the field and the reason
    rijen = io.StringIO()
    schrijver = csv.writer(rijen)
    schrijver.writerow(["melder_referentie", "melddatum", "uitbuitingsvorm", VELD])
    schrijver.writerows([["CSV-1", "2024-02-01", "arbeid", "rood"], ["CSV-2", "2024-02-02", "arbeid", "paars"]])
    rapport = importeer_bestand(
        bed.sessions,
        Vault.from_settings(bed.settings),
        reference,
        bed.org_a,
        rijen.getvalue().encode(),
        bestandsnaam="meldingen.csv",
        actor=logboek.SYSTEEM,
    )
    uit["import"] = {
        "opgeslagen": rapport.stored,
        "afgewezen": [(a.rijnummer, a.kolom, a.code, a.reden_nl) for a in rapport.afgewezen],
    }

    # the minimised export and the analysis extract
    bestand = Path(tempfile.mkdtemp()) / "export.csv"
    exporteer_meldingen(bed.sessions, bestand, actor=logboek.SYSTEEM)
    export = list(csv.DictReader(io.StringIO(bestand.read_text(encoding="utf-8"))))
    uit["export"] = sorted(rij.get(VELD) or "" for rij in export)
    extract = maak_extract(lees_register(bed.engine), reference)
    kolommen = [d[0] for d in extract.con.execute("SELECT * FROM melding LIMIT 0").description]
    if VELD in kolommen:
        uit["extract"] = sorted(v for (v,) in extract.con.execute(f"SELECT {VELD} FROM melding").fetchall())
    else:
        uit["extract"] = f"no column {VELD} in the extract's melding table: {kolommen}"

    # the XLSX template: a column with a drop-down of the codes
    from openpyxl import load_workbook

    sjabloon = io.BytesIO()
    schrijf_sjabloon(sjabloon)
    blad = load_workbook(io.BytesIO(sjabloon.getvalue()))["Meldingen"]
    uit["sjabloon"] = VELD in [c.value for c in blad[1]]

    doel.write_text(json.dumps(uit, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
