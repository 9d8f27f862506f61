# SPDX-License-Identifier: EUPL-1.2
"""The melding form by keyboard (issue 14 item 5): "Melding opslaan" was 86 Tab stops away. The long optional
lists (sectors, methods) and the route are folded into ``<details>`` (one stop each until opened, open when
something is chosen or wrong), so the form takes at most 35 stops; every field stays reachable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web_support import WebBed, csrf_van, maak_testbed


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(Path(tmp_path_factory.mktemp("toetsenbord")))


def tabstops(html: str, tot: str) -> int:
    """Tab stops in the form before the button ``tot``, as a browser counts them: every focusable control,
    one per radio group, nothing inside a closed <details> but its summary."""
    vorm = html[html.index('<form method="post" action="/meldingen/nieuw"') :]
    vorm = vorm[: vorm.index(tot)]
    vorm = re.sub(r"<details(?![^>]*\bopen\b)[^>]*>.*?</details>", "<summary></summary>", vorm, flags=re.S)
    stops, radiogroepen = 0, set()
    for m in re.finditer(r"<(input|select|textarea|button|a|summary)\b([^>]*)>", vorm):
        attrs = m.group(2)
        if 'type="hidden"' in attrs or 'tabindex="-1"' in attrs:
            continue
        if 'type="radio"' in attrs:
            naam = re.search(r'name="([^"]+)"', attrs)
            if naam is None or naam.group(1) in radiogroepen:
                continue
            radiogroepen.add(naam.group(1))
        stops += 1
    return stops + 1  # the button itself


def test_opslaan_binnen_35_tabstops(bed: WebBed) -> None:
    html = bed.als("melder").get("/meldingen/nieuw").text
    assert tabstops(html, "Melding opslaan") <= 35
    # nothing disappeared: every checkbox of the folded lists is still in the form
    assert html.count('name="werkwijze"') > 20 and html.count('name="sector"') > 10


def test_een_keuze_of_fout_klapt_de_lijst_open(bed: WebBed) -> None:
    melder = bed.als("melder")
    form = melder.get("/meldingen/nieuw")
    r = melder.post(
        "/meldingen/nieuw",
        data={"csrf_token": csrf_van(form.text), "melddatum": "2024-01-01", "werkwijze": ["schuldslavernij"]},
    )
    assert r.status_code == 400
    werkwijze = re.search(r'<fieldset[^>]*id="veld-werkwijze".*?</fieldset>\s*</details>', r.text, re.S)
    assert werkwijze is not None and '<details class="zicht-inklapbaar" open>' in werkwijze.group(0)
    assert "(1 gekozen)" in werkwijze.group(0)
