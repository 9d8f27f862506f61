# SPDX-License-Identifier: EUPL-1.2
"""The signalen queue in a real browser: a reviewer of a police melder logs in with TOTP, opens the queue,
reads the reasons, dismisses one cluster with a reason and converts another into a melding (the melding form
opens prefilled and is saved by the person); the logboek holds both decisions with their reasons."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from tests.functional.conftest import Server, log_in
from tests.signalen_support import sla_run_op
from zicht.storage.tables import LogboekRecord, SignaalBesluit, SignaalCluster

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_beoordelaar_wijst_af_en_zet_om_naar_melding(page: Page, server: Server) -> None:
    sla_run_op(server.bed.sessions, server.bed.org_a)
    log_in(page, server, "melder")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Signalen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen beoordelen")
    rij = page.get_by_role("table", name="Open clusters, hoogste score eerst")
    expect(rij).to_contain_text("één contact voor")

    # dismiss the second cluster, with a reason
    rij.get_by_role("link").nth(1).click()
    redenen = page.get_by_role("table", name="Waarom dit cluster")
    expect(redenen).to_contain_text("N2: één tekstsjabloon")
    expect(page.get_by_role("table", name="De advertenties")).to_be_visible()
    page.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef een reden van 5 tot 500 tekens.")
    page.get_by_label("Reden van uw besluit").fill("Lijkt op een bureau met vergunning")
    page.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_role("status").filter(has_text="Besluit vastgelegd: afgewezen.")).to_be_visible()

    # convert the first cluster: the melding form opens prefilled, the person saves it
    page.get_by_role("table", name="Open clusters, hoogste score eerst").get_by_role("link").first.click()
    page.get_by_label("Reden van uw besluit").fill("Eén nummer voor vele namen, snelle wisseling van steden")
    page.get_by_role("button", name="Omzetten naar melding").click()
    page.wait_for_url("**/meldingen/nieuw?**")
    assert page.locator("#veld-melder_referentie").input_value().startswith("SIG-")
    assert page.locator("#veld-plaats_delict").input_value() != ""
    page.get_by_label("Melddatum").fill("2026-03-20")
    page.get_by_role("button", name="Melding opslaan").click()
    page.wait_for_url("**/meldingen/*?aangemaakt=1")

    with server.bed.sessions() as s:
        besluiten = {b.besluit: b.reden for b in s.scalars(select(SignaalBesluit))}
        assert besluiten["afgewezen"] == "Lijkt op een bureau met vergunning"
        assert besluiten["omgezet"].startswith("Eén nummer")
        statussen = {c.status for c in s.scalars(select(SignaalCluster))}
        assert {"afgewezen", "omgezet"} <= statussen
        records = list(
            s.scalars(
                select(LogboekRecord).where(
                    LogboekRecord.object_type == "signaal_cluster", LogboekRecord.actie == "wijzigen"
                )
            )
        )
        assert sorted(json.loads(r.details)["besluit"] for r in records) == ["afgewezen", "omgezet"]
        assert {r.rol for r in records} == {"melder"}
