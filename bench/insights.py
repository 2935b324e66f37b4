"""The provincial-insights benchmark of issue 4 (see bench/README.md).

    .venv/bin/python bench/insights.py --people 1000000 --reuse   # `make bench`, after run.py
    .venv/bin/python bench/insights.py --people 6500000 --reuse   # `make bench-6m`

1. Import: a 100,000-row people survey (Vietnamese headers and values, CSV UTF-8 and XLSX) into
   a fresh SQLite database, all rows checked then written (target: CSV under 10 s).
2. Dashboard: on a registry of N people (var/bench as bench/run.py left it, with ``--reuse``;
   otherwise var/bench-insights, loaded here once and kept for the next run): the national and
   a province's summary, exact and suppressed (the suppression pattern computed afresh each
   time), the dashboard page, against the naive scan (count by country over the people table)
   measured in the same run (target: p95 ≤ 200 ms nationally at 6.5 M).

Writes bench/results/insights-<N>.json.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, RESULTS, VAR, machine_info, progress_printer, say, summary_ms

TARGETS = {"import_100k_csv_seconds": 10, "dashboard_national_p95_ms": 200}
HEADERS = [
    "STT", "Mã hồ sơ", "Họ và tên", "Năm sinh", "Giới tính", "Quê quán", "Quốc gia cư trú",
    "Thành phố", "Tình trạng cư trú", "Trình độ", "Lĩnh vực", "Nơi làm việc", "Email",
]  # fmt: skip


def survey_rows(n: int, seed: int = 4) -> list[list[str]]:
    from kieubao.community.demo import (
        COUNTRIES,
        EMPLOYERS,
        FAMILY_NAMES,
        GIVEN_FEMALE,
        GIVEN_MALE,
        MIDDLE_FEMALE,
        MIDDLE_MALE,
    )
    from kieubao.community.taxonomy import SEED_FIELDS
    from kieubao.core.countries import country_name

    rng = random.Random(seed)
    family, weights = zip(*FAMILY_NAMES, strict=True)
    countries = [(country_name(c, "vi"), cities) for c, _w, cities in COUNTRIES]
    country_w = [w for _c, w, _cities in COUNTRIES]
    hometowns = ["Hải Phòng", "TP. Hải Phòng", "Hải Dương", "Thành phố Hải Phòng"]
    statuses = ["Định cư", "Thường trú", "Tạm trú", "Du học", "Lao động"]
    levels = ["Tiến sĩ", "Thạc sĩ", "Cử nhân", "Kỹ sư", "Cao đẳng", "", "Trung cấp"]
    fields = [vi for _slug, vi, _en in SEED_FIELDS]
    rows = []
    for i in range(n):
        female = rng.random() < 0.5
        country, cities = rng.choices(countries, country_w)[0]
        rows.append(
            [
                str(i + 1),
                f"KB-{i + 1:07d}",
                " ".join(
                    (
                        rng.choices(family, weights)[0],
                        rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                        rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
                    )
                ),
                str(rng.randint(1945, 2005)),
                "Nữ" if female else "Nam",
                rng.choice(hometowns),
                country,
                rng.choice(cities),
                rng.choice(statuses),
                rng.choice(levels),
                rng.choice(fields) if rng.random() < 0.3 else "",
                rng.choice(EMPLOYERS) if rng.random() < 0.4 else "",
                f"kb{i}@example.org" if rng.random() < 0.2 else "",
            ]
        )
    return rows


def measure_import(n: int) -> dict:
    """In a throw-away data directory, so that the registry benchmark's database is untouched."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from kieubao.insights.services import import_file

    workdir = Path(tempfile.mkdtemp(prefix="kieubao-import-bench-"))
    original = settings.DATABASES["default"]["NAME"]
    results = {"rows": n}
    try:
        rows = survey_rows(n)
        csv_path = workdir / "survey.csv"
        with open(csv_path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADERS)
            writer.writerows(rows)
        from openpyxl import Workbook

        xlsx_path = workdir / "survey.xlsx"
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(HEADERS)
        for row in rows:
            sheet.append(row)
        book.save(xlsx_path)
        results["csv_megabytes"] = round(csv_path.stat().st_size / 1e6, 1)
        results["xlsx_megabytes"] = round(xlsx_path.stat().st_size / 1e6, 1)
        for label, path in (("csv", csv_path), ("xlsx", xlsx_path)):
            connection.close()
            settings.DATABASES["default"]["NAME"] = str(workdir / f"{label}.sqlite3")
            call_command("migrate", "--noinput", verbosity=0)
            started = time.perf_counter()
            report = import_file("people", path, province_code=31)
            seconds = time.perf_counter() - started
            assert report.ok and report.created == n, report.problems[:3]
            started = time.perf_counter()
            again = import_file("people", path, province_code=31)
            again_seconds = time.perf_counter() - started
            assert again.unchanged == n
            results[label] = {
                "seconds": round(seconds, 2),
                "rows_per_second": round(n / seconds),
                "reimport_unchanged_seconds": round(again_seconds, 2),
                "encoding": report.encoding,
            }
            say(f"  import {label}: {n:,} rows in {seconds:.1f} s; again {again_seconds:.1f} s")
    finally:
        connection.close()
        settings.DATABASES["default"]["NAME"] = original
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def _timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def measure_dashboard(runs: int) -> dict:
    from django.core.cache import cache
    from django.db.models import Count
    from django.test import Client

    from kieubao.community.models import Person
    from kieubao.insights import selectors

    national, province = selectors.area_for("national"), selectors.area_for(31)

    def public(area):
        def run():
            cache.clear()  # the suppression pattern is computed afresh: the worst case
            selectors.province_summary(area, exact=False)

        return run

    def exact(area):
        return lambda: selectors.province_summary(area, exact=True)

    client = Client()
    headers = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "127.0.0.1"}

    def page():
        cache.clear()
        response = client.get("/insights/", **headers)
        assert response.status_code == 200, response.status_code

    for warm in (public(national), exact(national), page):
        warm()
    results = {
        "national_public": summary_ms(_timed(public(national), runs)),
        "national_exact": summary_ms(_timed(exact(national), runs)),
        "province_public": summary_ms(_timed(public(province), runs)),
        "province_exact": summary_ms(_timed(exact(province), runs)),
        "national_page_html": summary_ms(_timed(page, runs)),
    }

    def naive():
        list(Person.objects.values("country").annotate(n=Count("pk")).order_by())

    baseline = _timed(naive, 3)
    results["naive_count_by_country"] = summary_ms(baseline)
    results["ratio_naive_over_national_public_p50"] = round(
        results["naive_count_by_country"]["p50_ms"] / results["national_public"]["p50_ms"], 1
    )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument(
        "--reuse", action="store_true", help="use var/bench as bench/run.py left it"
    )
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    os.environ.update(ENV)
    var = VAR if args.reuse else VAR.parent / "bench-insights"
    os.environ["KIEUBAO_VAR_DIR"] = str(var)
    var.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    from kieubao.community.models import Person

    results = {
        "benchmark": "insights",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "targets": TARGETS,
    }
    say(f"Import of a {args.import_rows:,}-row survey:")
    results["import"] = measure_import(args.import_rows)

    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)  # counts existing people once
    call_command("collectstatic", "--noinput", verbosity=0)  # the page names hashed files
    people = Person.objects.count()
    if people != args.people:
        if args.reuse:
            say(f"var/bench holds {people:,} people, not {args.people:,}: run bench/run.py first.")
            return 2
        say(f"Loading {args.people:,} people into {var} (kept for the next run):")
        from kieubao.community.bulk import people_bulk_insert
        from kieubao.community.demo import PeopleGenerator, create_organisations

        call_command("flush", "--noinput", verbosity=0)
        import importlib

        from django.apps import apps

        # The flush empties what migrations seeded: the taxonomy of fields, as its migration.
        importlib.import_module("kieubao.community.migrations.0002_seed_taxonomy").seed(apps, None)
        generator = PeopleGenerator(1, create_organisations())
        people_bulk_insert(
            generator.rows(args.people), progress=progress_printer("loaded", args.people)
        )
        people = Person.objects.count()
    from kieubao.insights import aggregates
    from kieubao.insights.models import PeopleCount

    results["registry"] = {
        "people": people,
        "aggregate_rows": PeopleCount.objects.filter(count__gt=0).count(),
        "prepare_seconds": round(time.perf_counter() - started, 1),
    }
    rows = results["registry"]["aggregate_rows"]
    say(f"Dashboard over {people:,} people ({rows:,} aggregate rows):")
    results["dashboard"] = measure_dashboard(args.runs)
    started = time.perf_counter()
    problems = aggregates.check()
    results["registry"]["aggregates_check_seconds"] = round(time.perf_counter() - started, 1)
    results["registry"]["aggregates_in_step"] = not problems
    d = results["dashboard"]
    results["verdicts"] = {
        "import_100k_csv": results["import"]["csv"]["seconds"] <= TARGETS["import_100k_csv_seconds"]
        if args.import_rows == 100_000
        else None,
        "dashboard_national_p95": d["national_public"]["p95_ms"]
        <= TARGETS["dashboard_national_p95_ms"],
    }
    for name, value in d.items():
        say(f"  {name}: {value}")
    say(f"  verdicts: {results['verdicts']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"insights-{people}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    say(f"Results: {out.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
