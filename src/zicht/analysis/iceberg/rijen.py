# SPDX-License-Identifier: EUPL-1.2
"""Capture rows: one row per (melding, form) with the person, the kind of reporter, the date and the region.

Every source of capture data is turned into the same DataFrame (:data:`RIJ_KOLOMMEN`), from which
:func:`zicht.analysis.iceberg.vangst.bouw_vangsttabel` builds capture tables:

``melding_id``
    Identifies the melding (text; optional, only used to count meldingen that are not linked to a person).
``persoon_id``
    The person (text). Missing (None/NaN) for meldingen that are not linked to a person yet: they are counted
    and reported, but cannot be placed on lists.
``melder_soort``
    The kind of reporter (a ``melder_soort`` code).
``jaar``
    Year of the melding (integer).
``melddatum``
    Date of the melding (``datetime64``; NaT when unknown). Only orders meldingen within a person.
``vorm``
    Form of exploitation (an ``uitbuitingsvorm`` code; ``onbekend`` when not known). A melding with several
    forms has one row per form.
``regio``
    Politie-eenheid of the plaats delict, ``buitenland`` (exploitation abroad) or ``onbekend``.

Sources: the registry (:func:`rijen_uit_register`, with SQLAlchemy; persons from the linkage engine, or from a
synthetic truth file until linkage has run), the synthetic generator's meldingen with their true person ids
(:func:`rijen_uit_synth`) and its hidden population (:func:`rijen_uit_populatie`, true forms, for the
evaluation). This module does not import :mod:`zicht.synth`; it reads the generator's DataFrames.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine, String, cast, func, select
from sqlalchemy.orm import aliased

from zicht.analysis.archief import archief_vangstrecords
from zicht.codebook import UnknownCode, codelijst
from zicht.reference import AmbiguousName, Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.storage.tables import Melding, MeldingUitbuiting, Organisatie, Persoon

__all__ = [
    "BUITENLAND",
    "ONBEKEND",
    "RIJ_KOLOMMEN",
    "leeg_rijen",
    "lees_waarheid",
    "populatie_omvang",
    "rijen_uit_populatie",
    "rijen_uit_register",
    "rijen_uit_synth",
    "valideer_rijen",
]

RIJ_KOLOMMEN: tuple[str, ...] = ("melding_id", "persoon_id", "melder_soort", "jaar", "melddatum", "vorm", "regio")
ONBEKEND = "onbekend"
BUITENLAND = "buitenland"
#: Status of a melding found not to concern a victim: left out, as in the published counts.
GEEN_SLACHTOFFER = "geen"


def leeg_rijen() -> pd.DataFrame:
    """An empty capture-row frame with the right columns and types."""
    return valideer_rijen(pd.DataFrame({k: [] for k in RIJ_KOLOMMEN}))


_GEVALIDEERD = "zicht.iceberg.gevalideerd"


def _is_gevalideerd(rijen: pd.DataFrame) -> bool:
    return (
        rijen.attrs.get(_GEVALIDEERD) is True
        and tuple(rijen.columns) == RIJ_KOLOMMEN
        and rijen["jaar"].dtype == np.int64
        and rijen["melddatum"].dtype == np.dtype("datetime64[ns]")
        and all(rijen[k].dtype == object for k in ("melding_id", "persoon_id", "melder_soort", "vorm", "regio"))
    )


def _tekst(waarden: np.ndarray) -> np.ndarray:
    """Text values with missing and blank values replaced by ``onbekend`` (object array)."""
    leeg = pd.isna(waarden)
    tekst = np.where(leeg, "", waarden).astype(str)
    leeg |= np.char.str_len(np.char.strip(tekst)) == 0
    uit = tekst.astype(object)
    uit[leeg] = ONBEKEND
    return uit


def valideer_rijen(rijen: pd.DataFrame) -> pd.DataFrame:
    """Check and normalise a capture-row frame (a frame this function returned passes through unchanged).

    ``melding_id`` may be absent (every row is then its own melding), ``melddatum`` may be absent (all unknown),
    ``vorm`` and ``regio`` may be absent (all ``onbekend``).

    Args:
        rijen: The rows.

    Returns:
        A frame with exactly :data:`RIJ_KOLOMMEN`: ``persoon_id`` text or None, ``jaar`` int64,
        ``melddatum`` datetime64, the other columns text without missing values.

    Raises:
        ValueError: If a required column is missing or a year is missing.
    """
    if _is_gevalideerd(rijen):
        return rijen
    ontbreekt = [k for k in ("persoon_id", "melder_soort", "jaar") if k not in rijen.columns]
    if ontbreekt:
        raise ValueError(f"capture rows need the columns {', '.join(ontbreekt)}")
    n = len(rijen)
    ruw = rijen["persoon_id"].to_numpy(dtype=object)
    los = pd.isna(ruw)
    persoon = np.where(los, "", ruw).astype(str).astype(object)
    persoon[los] = None
    jaar = pd.to_numeric(rijen["jaar"], errors="coerce")
    if jaar.isna().any():
        raise ValueError("every capture row needs a year")
    datum = (
        pd.to_datetime(rijen["melddatum"], errors="coerce")
        if "melddatum" in rijen.columns
        else pd.Series(pd.NaT, index=rijen.index, dtype="datetime64[ns]")
    )

    def tekst(kolom: str) -> np.ndarray:
        if kolom not in rijen.columns:
            return np.full(n, ONBEKEND, dtype=object)
        return _tekst(rijen[kolom].to_numpy(dtype=object))

    melding = (
        rijen["melding_id"].astype(str).to_numpy(dtype=object)
        if "melding_id" in rijen.columns
        else np.char.add("rij-", np.arange(n).astype(str)).astype(object)
    )
    uit = pd.DataFrame(
        {
            "melding_id": pd.Series(melding, dtype=object),
            "persoon_id": pd.Series(persoon, dtype=object),
            "melder_soort": pd.Series(tekst("melder_soort"), dtype=object),
            "jaar": jaar.astype(np.int64).to_numpy(),
            "melddatum": datum.astype("datetime64[ns]").to_numpy(),
            "vorm": pd.Series(tekst("vorm"), dtype=object),
            "regio": pd.Series(tekst("regio"), dtype=object),
        }
    )
    uit.attrs[_GEVALIDEERD] = True
    return uit


def _regio_van_gemeente(referentie: Referentiedata) -> dict[str, str]:
    return {
        code: (gm.gebied_code(Gebiedsniveau.politie_eenheid) or ONBEKEND) for code, gm in referentie.gemeenten.items()
    }


def lees_waarheid(pad: str | Path) -> dict[tuple[str, str], str]:
    """Person ids from a synthetic truth file, for use before linkage has run.

    Args:
        pad: ``waarheid/meldingen.csv`` of ``zicht synth`` (or the directory holding ``waarheid/``).

    Returns:
        (organisation code, melder_referentie) -> true person id.

    Raises:
        FileNotFoundError: If the file does not exist.
        ValueError: If the file lacks the columns organisatie, melder_referentie and persoon_id.
    """
    bestand = Path(pad)
    if bestand.is_dir():
        bestand = (
            bestand / "waarheid" / "meldingen.csv" if (bestand / "waarheid").is_dir() else bestand / "meldingen.csv"
        )
    if not bestand.is_file():
        raise FileNotFoundError(f"geen waarheidsbestand gevonden: {bestand}")
    with bestand.open(encoding="utf-8", newline="") as f:
        lezer = csv.DictReader(f)
        kolommen = set(lezer.fieldnames or ())
        if not {"organisatie", "melder_referentie", "persoon_id"} <= kolommen:
            raise ValueError(f"{bestand} heeft niet de kolommen organisatie, melder_referentie en persoon_id")
        return {(r["organisatie"], r["melder_referentie"]): r["persoon_id"] for r in lezer}


def rijen_uit_register(
    engine: Engine,
    referentie: Referentiedata,
    waarheid: Mapping[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """Capture rows from the registry, read with SQLAlchemy (no identifying data is selected).

    Meldingen with status ``geen`` (not a victim) and withdrawn meldingen are left out. A melding whose person
    was merged into another counts for the surviving person. The region is the politie-eenheid of the
    plaats-delict gemeente. Meldingen deleted after their retention period come back from the counts ledger as
    anonymous persons (:func:`zicht.analysis.archief.archief_vangstrecords`), so past capture tables stay the
    same.

    Args:
        engine: The registry database.
        referentie: Reference data (gemeente -> politie-eenheid).
        waarheid: Optional person ids by (organisation code, melder_referentie), e.g. from
            :func:`lees_waarheid`; they replace the linkage result (demo and test data only).

    Returns:
        The capture rows (:data:`RIJ_KOLOMMEN`).
    """
    p = aliased(Persoon)
    persoon = func.coalesce(cast(p.opgegaan_in, String), cast(p.id, String))
    stmt = (
        select(
            cast(Melding.id, String),
            persoon,
            Organisatie.code,
            Melding.melder_referentie,
            Melding.melder_soort,
            Melding.melddatum,
            Melding.plaats_delict_soort,
            Melding.plaats_delict_gemeente,
            MeldingUitbuiting.vorm,
        )
        .join(Organisatie, Organisatie.id == Melding.organisatie_id)
        .outerjoin(p, p.id == Melding.persoon_id)
        .outerjoin(MeldingUitbuiting, MeldingUitbuiting.melding_id == Melding.id)
        .where(Melding.status != GEEN_SLACHTOFFER, Melding.ingetrokken_op.is_(None))
    )
    with engine.connect() as conn:
        records = [*conn.execute(stmt).all(), *archief_vangstrecords(conn)]
    if not records:
        return leeg_rijen()
    frame = pd.DataFrame(
        records,
        columns=[
            "id",
            "persoon_id",
            "organisatie",
            "referentie",
            "melder_soort",
            "melddatum",
            "soort",
            "gemeente",
            "vorm",
        ],
    )
    if waarheid is not None:
        frame["persoon_id"] = [  # the ledger's persons (no organisation) keep their own
            p if o is None else waarheid.get((o, r))
            for o, r, p in zip(frame["organisatie"], frame["referentie"], frame["persoon_id"], strict=True)
        ]
    datum = pd.to_datetime(frame["melddatum"])
    regio_van = _regio_van_gemeente(referentie)
    regio = np.where(
        frame["soort"] == "gemeente",
        frame["gemeente"].map(lambda c: regio_van.get(c, ONBEKEND) if isinstance(c, str) else ONBEKEND),
        np.where(frame["soort"] == BUITENLAND, BUITENLAND, ONBEKEND),
    )
    return valideer_rijen(
        pd.DataFrame(
            {
                "melding_id": frame["id"],
                "persoon_id": frame["persoon_id"],
                "melder_soort": frame["melder_soort"],
                "jaar": datum.dt.year,
                "melddatum": datum,
                "vorm": frame["vorm"],
                "regio": regio,
            }
        )
    )


def _code(lijst: str, waarde: str) -> str:
    try:
        return codelijst(lijst).resolve(waarde) if waarde.strip() else ONBEKEND
    except UnknownCode:
        return ONBEKEND


def _regio_van_plaats(tekst: str, referentie: Referentiedata, cache: dict[str, str]) -> str:
    if tekst in cache:
        return cache[tekst]
    waarde = tekst.strip()
    regio = ONBEKEND
    if waarde and waarde.lower() != ONBEKEND:
        try:
            regio = referentie.gemeente(waarde).gebied_code(Gebiedsniveau.politie_eenheid) or ONBEKEND
        except (UnknownPlace, AmbiguousName):
            try:
                codelijst("land").resolve(waarde)
                regio = BUITENLAND
            except UnknownCode:
                regio = ONBEKEND
    cache[tekst] = regio
    return regio


def rijen_uit_synth(waarheid: pd.DataFrame, meldingen: pd.DataFrame, referentie: Referentiedata) -> pd.DataFrame:
    """Capture rows from the synthetic generator's meldingen with their true person ids (perfect linkage).

    Forms and places are read from the meldingen as the organisations wrote them (labels or codes, a gemeente
    name or code, a country), as the registry would store them after import.

    Args:
        waarheid: ``SynthResult.waarheid`` (persoon_id, melder_soort, jaar, melddatum, ...).
        meldingen: ``SynthResult.meldingen`` in the same row order (uitbuitingsvorm, plaats_delict, ...).
        referentie: Reference data (gemeente names -> politie-eenheid).

    Returns:
        The capture rows.
    """
    if len(waarheid) != len(meldingen):
        raise ValueError("waarheid and meldingen must have the same rows in the same order")
    plaatsen: dict[str, str] = {}
    regio = [_regio_van_plaats(str(t), referentie, plaatsen) for t in meldingen["plaats_delict"].astype(str)]
    vormen_per_rij = [
        sorted({_code("uitbuitingsvorm", v) for v in str(tekst).split(";")} or {ONBEKEND})
        for tekst in meldingen["uitbuitingsvorm"].astype(str)
    ]
    herhaal = np.array([len(v) for v in vormen_per_rij])
    index = np.repeat(np.arange(len(waarheid)), herhaal)
    return valideer_rijen(
        pd.DataFrame(
            {
                "melding_id": index.astype(str).astype(object),
                "persoon_id": waarheid["persoon_id"].to_numpy(dtype=object)[index],
                "melder_soort": waarheid["melder_soort"].to_numpy(dtype=object)[index],
                "jaar": waarheid["jaar"].to_numpy()[index],
                "melddatum": pd.to_datetime(waarheid["melddatum"]).to_numpy()[index],
                "vorm": [v for vormen in vormen_per_rij for v in vormen],
                "regio": np.asarray(regio, dtype=object)[index],
            }
        )
    )


def rijen_uit_populatie(populatie: pd.DataFrame) -> pd.DataFrame:
    """Capture rows from the synthetic hidden population: every registered person once per reporter kind.

    Uses the *true* form (``uitbuitingsvorm``) and the politie-eenheid of the true plaats delict (``buitenland``
    when abroad), so strata of the capture table and of the true population size are defined alike.

    Args:
        populatie: ``SynthResult.populatie`` (persoon_id, jaar, uitbuitingsvorm, plaats_delict,
            politie_eenheid, gezien_door).

    Returns:
        The capture rows (no dates).
    """
    gezien = populatie["gezien_door"].astype(str)
    geregistreerd = gezien != ""
    sub = populatie.loc[geregistreerd]
    soorten = gezien[geregistreerd].str.split(";")
    herhaal = soorten.str.len().to_numpy()
    index = np.repeat(np.arange(len(sub)), herhaal)
    plaats = sub["plaats_delict"].astype(str).to_numpy()
    regio = np.where(
        np.char.startswith(plaats.astype(str), "GM"), sub["politie_eenheid"].astype(str).to_numpy(), BUITENLAND
    )
    return valideer_rijen(
        pd.DataFrame(
            {
                "persoon_id": sub["persoon_id"].astype(str).to_numpy(dtype=object)[index],
                "melder_soort": np.concatenate(soorten.to_numpy()) if len(sub) else np.array([], dtype=object),
                "jaar": sub["jaar"].to_numpy()[index],
                "vorm": sub["uitbuitingsvorm"].astype(str).to_numpy(dtype=object)[index],
                "regio": regio.astype(object)[index],
            }
        )
    )


def populatie_omvang(populatie: pd.DataFrame, jaar_van: int, jaar_tot: int, vorm: str | None, regio: str | None) -> int:
    """The true size of a stratum of the synthetic hidden population (for the evaluation).

    Args:
        populatie: ``SynthResult.populatie``.
        jaar_van: First year.
        jaar_tot: Last year.
        vorm: True form, or None for all.
        regio: Politie-eenheid of the plaats delict, ``buitenland``, or None for all.

    Returns:
        The number of hidden persons in the stratum.
    """
    mask = (populatie["jaar"] >= jaar_van) & (populatie["jaar"] <= jaar_tot)
    if vorm is not None:
        mask &= populatie["uitbuitingsvorm"].astype(str) == vorm
    if regio is not None:
        plaats = populatie["plaats_delict"].astype(str)
        eenheid = populatie["politie_eenheid"].astype(str).where(plaats.str.startswith("GM"), BUITENLAND)
        mask &= eenheid == regio
    return int(mask.sum())
