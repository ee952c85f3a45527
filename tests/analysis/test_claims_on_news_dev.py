"""Claims an analyst would check against the ``news_dev`` excerpts (48 real news items,
2014-2025, twelve storylines: ../shared/eval/news_dev/README.md), with the verdict the texts
support written down before detente was run on any of them (issue 14: at least 30 claims,
both kinds, true and false and changed over time, >= 90% right).

The texts are public web pages that may not be stored in the repository: they are retrieved
with the search tool into a folder of ``<id>.json`` answers, as the news_dev README says, and
the folder is named by ``DETENTE_NEWS_DEV_RAW``. Without it (or without ../shared, whose
scorer assembles the folder into JSONL) the module skips. The store is built once for the
module by the real pipeline, from the JSONL the shared scorer feeds detente (each item's
article date as its publication date). Each claim has its own test, which reports a miss
without failing (xfail(strict=False)); the aggregate test, the share right, is what counts.

Reasons name the news_dev item id and paraphrase it in a few words; no article text is here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.pipeline import run
from detente.store import Store
from tests.analysis.claim_table import (
    CONTRADICTED,
    MIXED,
    NEE,
    SUPPORTED,
    Claim,
    answers_of,
    check_guard,
    check_one,
    check_share,
    check_table,
)
from tests.support import SEEDS

RAW_VARIABLE = "DETENTE_NEWS_DEV_RAW"
ASSEMBLER = SEEDS.parent / "eval" / "scoring" / "assemble_news.py"
HOW_TO_RUN = (
    f"set {RAW_VARIABLE} to a folder of news_dev search answers (<id>.json, retrieved with "
    "the search tool as ../shared/eval/news_dev/README.md says; never stored) and keep "
    "../shared beside the repository"
)


def why_skip(raw: str | None, assembler: Path) -> str | None:
    """The one-line reason this module cannot run here, or None when it can."""
    if not raw:
        return f"news_dev claims: {RAW_VARIABLE} is unset; {HOW_TO_RUN}"
    if not Path(raw).is_dir():
        return f"news_dev claims: {raw} is not a folder; {HOW_TO_RUN}"
    if not assembler.is_file():
        return f"news_dev claims: {assembler} is missing; {HOW_TO_RUN}"
    return None


_SKIP = why_skip(os.environ.get(RAW_VARIABLE), ASSEMBLER)
if _SKIP:
    pytest.skip(_SKIP, allow_module_level=True)


# fmt: off
CLAIMS: tuple[Claim, ...] = (
    # ---- event claims: something happened ----
    Claim("Russia attacked Ukraine", None, SUPPORTED,
          "RUSUKR-2022-02-INVASION: Putin's military operation, missiles on Ukrainian sites"),
    Claim("The United States sanctioned Russia", None, SUPPORTED,
          "RUSUKR-2014-03-CRIMEA: US and EU sanctions over Crimea (also 2022-02)"),
    Claim("Russia sanctioned the United States", None, NEE,
          "RUSUKR-2014-03-CRIMEA: only a vow to respond to US sanctions, no Russian measure"),
    Claim("Ukraine and the European Union signed an agreement", None, SUPPORTED,
          "RUSUKR-2014-03-CRIMEA: Ukraine's PM signed the EU association deal in Brussels"),
    Claim("Hamas attacked Israel", None, SUPPORTED,
          "ISRHAM-2023-10-OCT7: the 7 October assault on southern Israel"),
    Claim("Israel attacked Hamas", None, SUPPORTED,
          "ISRHAM-2024-05-RAFAH: Rafah operation to put military pressure on Hamas"),
    Claim("Israel rejected Hamas's ceasefire proposal", None, SUPPORTED,
          "ISRHAM-2024-05-RAFAH: Netanyahu's office said the proposal fell far short"),
    Claim("Egypt condemned Israel", None, SUPPORTED,
          "ISRHAM-2024-05-RAFAH: Cairo called the crossing seizure a dangerous escalation"),
    Claim("Israel attacked Egypt", None, NEE,
          "ISRHAM-2024-05-RAFAH: the crossing borders Egypt, but nothing was aimed at Egypt"),
    Claim("Israel and Hamas agreed to a ceasefire", None, SUPPORTED,
          "ISRHAM-2025-01-DOHA: the Doha-mediated ceasefire and exchange deal"),
    Claim("The United States attacked the Houthis", None, SUPPORTED,
          "HOUTHI-2024-01/2024-02: US-UK strikes on Houthi sites; 2025-05: Trump's campaign"),
    Claim("Iran condemned the United States", None, SUPPORTED,
          "HOUTHI-2024-01-IRANCONDEMNS: Tehran called the US-UK strikes arbitrary and illegal"),
    Claim("Israel accused Iran", None, SUPPORTED,
          "HOUTHI-2023-11-GALAXY: Netanyahu's office blamed Iran for the hijacking"),
    Claim("Turkey attacked the Islamic State", None, SUPPORTED,
          "TURSDF-2016-08-JARABLUS: Turkish artillery and jets hit IS targets in Jarablus"),
    Claim("Turkey attacked the SDF", None, SUPPORTED,
          "TURSDF-2019-10-PENCE: Operation Peace Spring against the SDF; 2024-12 Kobani"),
    Claim("The SDF and Syria signed an agreement", None, SUPPORTED,
          "TURSDF-2025-03-SHARAA: the SDF's integration deal with Damascus, 10 March 2025"),
    Claim("The United States and China signed a trade deal", None, SUPPORTED,
          "USCHN-2020-01-PHASEONE: phase-one deal signed at the White House"),
    Claim("China sanctioned the United States", None, SUPPORTED,
          "USCHN-2022-08-PELOSI: Beijing sanctioned Pelosi and cut dialogue with Washington"),
    Claim("The United States attacked China", None, SUPPORTED,
          "USCHN-2023-02-BALLOON: a US fighter shot down the Chinese state balloon"),
    Claim("China accused the United States", None, SUPPORTED,
          "USCHN-2023-02-BALLOON: Beijing said the US overreacted; SCSPHL-2023-04 too"),
    Claim("Trump met Xi Jinping", None, SUPPORTED,
          "USCHN-2025-10-BUSAN: the two presidents' meeting in Busan"),
    Claim("North Korea and the United States signed an agreement", None, CONTRADICTED,
          "KORUS-2019-02-HANOI: the summit ended without a deal, the signing was cancelled"),
    Claim("North Korea threatened South Korea", None, SUPPORTED,
          "KORUS-2020-06-LIAISON: Pyongyang threatened action and to cut ties over leaflets"),
    Claim("Japan sanctioned South Korea", None, SUPPORTED,
          "JPNKOR-2019-07-EXPORTS: Tokyo tightened chemical export controls on Seoul"),
    Claim("Japan sanctioned South Korea", "2018-12-31", NEE,
          "JPNKOR-2019-07-EXPORTS: the export curbs date from July 2019"),
    Claim("Japan protested against South Korea", None, SUPPORTED,
          "JPNKOR-2019-08-GSOMIA: Tokyo protested Seoul's decision to drop the pact"),
    Claim("China attacked the Philippines", None, SUPPORTED,
          "SCSPHL-2025-09: water cannon on Philippine ships; 2024-06 the rammed resupply boats"),
    Claim("The Philippines attacked China", None, CONTRADICTED,
          "SCSPHL-2025-09-SCARBOROUGH: a ramming alleged by Beijing, flatly denied by Manila"),
    Claim("Rwanda attacked the DR Congo", None, SUPPORTED,
          "DRCRWA-2023-01-SUKHOI: Rwanda fired on a Congolese jet over Goma"),
    Claim("The DR Congo expelled Rwanda's ambassador", None, SUPPORTED,
          "DRCRWA-2022-10-KAREGA: Kinshasa gave the Rwandan envoy 48 hours to leave"),
    Claim("Rwanda and the DR Congo signed a peace agreement", None, SUPPORTED,
          "DRCRWA-2025-06-WASHINGTON: the peace deal signed in Washington, June 2025"),
    Claim("Ethiopia and Eritrea signed a peace agreement", None, SUPPORTED,
          "ETHERI-2018-07-ASMARAPEACE: the July 2018 peace declaration (and the 2000 accord)"),
    Claim("Ethiopia and the TPLF signed an agreement", None, SUPPORTED,
          "ETHTPL-2022-11-PRETORIA: the AU-mediated cessation of hostilities"),
    Claim("Ethiopia and the TPLF signed an agreement", "2021-12-31", NEE,
          "ETHTPL-2022-11-PRETORIA: the only deal between them is of November 2022"),
    Claim("The United States accused Eritrea", None, SUPPORTED,
          "ETHERI-2021-01-EXITDEMAND: State Department cited abuses by Eritrean troops"),
    Claim("Mali expelled the French ambassador", None, SUPPORTED,
          "SAHEL-2022-01-AMBASSADOR: the junta gave France's envoy 72 hours to leave"),
    Claim("France attacked Mali", None, NEE,
          "SAHEL-2022-01-AMBASSADOR: French troops fought Islamists in Mali, not Mali"),
    Claim("ECOWAS threatened Niger", None, SUPPORTED,
          "SAHEL-2023-07-ECOWASULTIMATUM: a week to restore Bazoum or face sanctions, force"),
    Claim("The European Union sanctioned the Wagner Group", None, SUPPORTED,
          "SAHEL-2021-12-WAGNER: EU sanctions on Wagner and its associates"),
    Claim("Venezuela broke off relations with the United States", None, SUPPORTED,
          "VENUSA-2019-01-GUAIDO: Maduro cut relations and expelled US diplomats"),
    Claim("Venezuela attacked Guyana", None, NEE,
          "VENGUY-2023-12-ARGYLE: troops massed near the border, but no attack"),
    Claim("Guyana and Venezuela reached an agreement", None, SUPPORTED,
          "VENGUY-2023-12-ARGYLE: the Argyle declaration not to use force"),
    # ---- state claims: how two actors stand ----
    Claim("Russia and Ukraine are enemies", None, SUPPORTED,
          "RUSUKR-2014-03 annexation, 2022-02 invasion; the 2025 talks are between belligerents"),
    Claim("Russia and Ukraine are at war", "2022-06-30", SUPPORTED,
          "RUSUKR-2022-02-INVASION: the full-scale invasion of February 2022"),
    Claim("Russia and Ukraine are allies", None, CONTRADICTED,
          "RUSUKR-2014-03 and 2022-02: annexation and invasion"),
    Claim("Israel and Hamas are enemies", None, SUPPORTED,
          "ISRHAM-2025-01-DOHA calls them bitter enemies; 2023-10 attack, 2024-05 Rafah"),
    Claim("Israel and Hamas are at war", "2024-06-30", SUPPORTED,
          "ISRHAM-2024-05-RAFAH: the seven-month-old war, Rafah operation"),
    Claim("Iran supports the Houthis", None, SUPPORTED,
          "HOUTHI-2024-01-IRANCONDEMNS: Iran-backed Houthis; Tehran backed their campaign"),
    Claim("The United States supports the Houthis", None, CONTRADICTED,
          "HOUTHI-2024-01/2024-02/2025-05: repeated US strikes on the Houthis"),
    Claim("The United States and the Houthis are enemies", "2024-03-31", SUPPORTED,
          "HOUTHI-2024-02-TORMTHOR: US strikes; the Houthis hit a US-flagged tanker"),
    Claim("Turkey supports the SDF", None, CONTRADICTED,
          "TURSDF-2019-10/2024-12: Ankara calls the SDF terrorists and fights it"),
    Claim("The United States supports the SDF", None, SUPPORTED,
          "TURSDF-2024-12 and 2025-03: the US-backed SDF, an ally against IS"),
    Claim("The United States no longer supports the SDF", None, CONTRADICTED,
          "TURSDF-2025-03-SHARAA: the SDF is still US-backed in 2025"),
    Claim("Turkey and the SDF are enemies", None, SUPPORTED,
          "TURSDF-2019-10 Peace Spring; 2024-12 no talks with 'terrorists', Kobani attacks"),
    Claim("China and the United States are allies", "2022-08-31", CONTRADICTED,
          "USCHN-2022-08-PELOSI: sanctions on Pelosi, dialogue suspended, drills"),
    Claim("Japan and South Korea are allies", "2019-09-30", CONTRADICTED,
          "JPNKOR-2019-07/2019-08: export curbs, GSOMIA scrapped, protests"),
    Claim("Japan and South Korea are allies", "2023-06-30", SUPPORTED,
          "JPNKOR-2023-03-SUMMIT: shuttle diplomacy restored, partners on security"),
    Claim("Japan and South Korea are allies", None, MIXED,
          "JPNKOR: hostile 2019-2020, cooperative from the 2023 summit"),
    Claim("North Korea and South Korea are enemies", "2024-06-30", SUPPORTED,
          "KORUS-2024-06-BALLOONS: trash balloons, missiles, the 2018 pact suspended"),
    Claim("The United States and the Philippines are allies", None, SUPPORTED,
          "SCSPHL-2023-04-EDCA: longtime treaty allies, four new EDCA bases"),
    Claim("China and the Philippines are allies", None, CONTRADICTED,
          "SCSPHL-2016-07, 2024-06, 2025-09: ruling rejected, rammings, water cannon"),
    Claim("Ethiopia and Eritrea are allies", "1999-06-30", CONTRADICTED,
          "ETHERI-2018-07-ASMARAPEACE: the 1998-2000 border war"),
    Claim("Ethiopia and Eritrea are allies", "2018-12-31", SUPPORTED,
          "ETHERI-2018-07-ASMARAPEACE: peace declaration, state visits, embassy reopened"),
    Claim("Ethiopia and Eritrea are allies", None, MIXED,
          "ETHERI: war 1998-2000, peace from 2018, Eritrea fighting on Ethiopia's side 2021"),
    Claim("Eritrea no longer opposes Ethiopia", "2018-12-31", SUPPORTED,
          "ETHERI-2018-07-ASMARAPEACE: from border war to the 2018 peace"),
    Claim("Rwanda supports M23", None, SUPPORTED,
          "DRCRWA-2022-10/2023-01/2025-01: Kigali-backed M23, per UN experts; Rwanda denies"),
    Claim("Rwanda and the DR Congo are enemies", "2023-06-30", SUPPORTED,
          "DRCRWA-2022-10 envoy expelled; 2023-01 jet fired on, mutual accusations"),
    Claim("Mali and France are allies", "2022-03-31", CONTRADICTED,
          "SAHEL-2022-01-AMBASSADOR: French envoy expelled, relations deteriorated"),
    Claim("Niger and ECOWAS are allies", "2024-01-31", CONTRADICTED,
          "SAHEL-2023-07 ultimatum and sanctions; 2024-01 withdrawal from the bloc"),
    Claim("Mali and Niger are allies", None, SUPPORTED,
          "SAHEL-2024-01-AESEXIT: joined forces in the Alliance of Sahel States"),
    Claim("Russia supports the Wagner Group", None, SUPPORTED,
          "SAHEL-2021-12-WAGNER: Russia's material support to Wagner's deployment in Mali"),
    Claim("The United States recognises Maduro", None, CONTRADICTED,
          "VENUSA-2019-01 and 2025-08: Washington does not recognise him as president"),
    Claim("The United States recognises Guaidó", "2019-06-30", SUPPORTED,
          "VENUSA-2019-01-GUAIDO: Trump backed Guaidó as interim president"),
    Claim("Venezuela and the United States have diplomatic relations", "2020-06-30",
          CONTRADICTED, "VENUSA-2019-01-GUAIDO: Maduro broke relations in January 2019"),
    Claim("The United States supports Guyana", None, SUPPORTED,
          "VENGUY-2023-12-ARGYLE: SOUTHCOM flew joint operations with Guyana's forces"),
    Claim("Qatar supports Hamas", None, NEE,
          "ISRHAM-2025-01-DOHA: Qatar hosts the mediation; no support for Hamas is told"),
    Claim("Iran supports Hamas", None, NEE,
          "no item says so; HOUTHI-2024-01 has Iran backing the Houthis, not Hamas"),
    Claim("India and Pakistan are enemies", None, NEE,
          "neither country is in news_dev"),
)
# fmt: on


def scorer_records(assembled: str) -> list[dict[str, str]]:
    """The assembler's lines as the shared scorer hands them to detente (run_detente.py):
    the text, the item id as title and source, the article date as publication date."""
    records = []
    for line in assembled.splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        record = {"text": item["text"], "title": item["id"], "source": item["id"]}
        if item.get("article_date"):
            record["published"] = str(item["article_date"])
        records.append(record)
    return records


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = os.environ[RAW_VARIABLE]
    assembled = subprocess.run(
        [sys.executable, str(ASSEMBLER), raw],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    records = scorer_records(assembled)
    if not records:
        pytest.skip(f"news_dev claims: no item of {raw} assembled; {HOW_TO_RUN}")
    folder = tmp_path_factory.mktemp("news-dev-claims")
    corpus = folder / "news_dev.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = folder / "store.duckdb"
    with Store.open(path) as store:
        run(store, [str(corpus)])
    return path


@pytest.fixture(scope="module")
def answers(store_path: Path) -> dict[Claim, str]:
    return answers_of(store_path, CLAIMS)


def test_the_skip_reason_says_how_to_run_it(tmp_path: Path) -> None:
    assert "DETENTE_NEWS_DEV_RAW is unset" in (why_skip(None, ASSEMBLER) or "")
    assert "not a folder" in (why_skip(str(tmp_path / "absent"), ASSEMBLER) or "")
    assert "is missing" in (why_skip(str(tmp_path), tmp_path / "absent.py") or "")
    assert why_skip(str(tmp_path), Path(__file__)) is None


def test_the_table_has_both_kinds_and_every_verdict() -> None:
    check_table(CLAIMS, 36)


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.label for c in CLAIMS])
def test_each_claim(claim: Claim, answers: dict[Claim, str]) -> None:
    check_one(claim, answers)


@pytest.mark.xfail(
    strict=False,
    reason="measured 2026-12-07: 62 of 78 right (79%); every miss left is an event the "
    "extractor does not produce or misreads (shootings, expulsions, ultimatums, meetings, "
    "'X-backed', 'treaty allies', a war named as background, a denial by the accused weighed "
    "as fact), see the per-claim xfails",
)
def test_at_least_nine_in_ten_claims_are_right(answers: dict[Claim, str]) -> None:
    check_share(CLAIMS, answers)


MEASURED_RIGHT = 62  # 2026-12-07; raise it as extraction improves, never lower it


def test_no_fewer_claims_are_right_than_last_measured(answers: dict[Claim, str]) -> None:
    check_guard(CLAIMS, answers, MEASURED_RIGHT)
