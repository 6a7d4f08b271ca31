"""Benchmark: render cost of an article and of listings with N pages in the tree, and page-cache hits.

Run: `.venv/bin/python bench/content.py [--pages 100000] [--renders 40]`. Uses a throwaway SQLite
database, or DATABASE_URL if set (e.g. PostgreSQL from scripts/services/postgres.sh), loads the
demo county (setup_demo) and bulk-inserts `--pages` news items (tree paths computed, both tables
written with executemany) into the 工作动态 columns of every unit. It then renders, with the page
cache off, a news item, a unit's 工作动态 column and the portal's syndicated 部门动态 (first and a deep
page), printing CPU and wall time per render (median, p95); then the same pages served from the
page cache. Targets (issue 3): article ≤ 15 ms and listing ≤ 25 ms CPU. CPU is this process's
time: with SQLite it includes the queries, with PostgreSQL the server's share is not counted.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='bench-content-')}/db.sqlite3")

BATCH = 2000


def insert(model, objects, connection):
    """Write the model's own columns of `objects` (one table of a multi-table page type)."""
    fields = model._meta.local_concrete_fields
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(model._meta.db_table),
        ", ".join(connection.ops.quote_name(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def build_pages(total):
    """Spread `total` live news items over the units' 工作动态 columns; returns the seconds it took."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from content.models import ColumnPage, NewsPage
    from pagecache.versions import purge_everything
    from subsites.models import Unit

    started = time.perf_counter()
    columns = [
        (ColumnPage.objects.child_of(unit.home_page).get(slug="gzdt"), unit)
        for unit in Unit.objects.filter(home_page__isnull=False).order_by("pk")
    ]
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    next_id = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    now = timezone.now()
    per_column = [total // len(columns) + (1 if i < total % len(columns) else 0) for i in range(len(columns))]
    with transaction.atomic():
        for (column, unit), count in zip(columns, per_column):
            last = column.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            for first in range(0, count, BATCH):
                batch = []
                for n in range(first, min(count, first + BATCH)):
                    step += 1
                    published = now - timedelta(minutes=7 * (count - n))
                    slug = f"bench-{step}"
                    title = f"{unit.short_name}工作动态第{n + 1}条"
                    batch.append(
                        NewsPage(
                            id=next_id,
                            page_ptr_id=next_id,
                            content_type=content_type,
                            path=Page._get_path(column.path, column.depth + 1, step),
                            depth=column.depth + 1,
                            numchild=0,
                            translation_key=uuid.uuid4(),
                            locale=locale,
                            title=title,
                            draft_title=title,
                            slug=slug,
                            url_path=f"{column.url_path}{slug}/",
                            live=True,
                            has_unpublished_changes=False,
                            first_published_at=published,
                            last_published_at=published,
                            issued_at=published,
                            owner_unit=unit,
                            source=unit.short_name,
                            body="<p>" + "县政府召开专题会议，研究部署重点工作。" * 20 + "</p>",
                        )
                    )
                    next_id += 1
                for model in (Page, NewsPage):
                    insert(model, batch, connection)
            Page.objects.filter(pk=column.pk).update(numchild=column.numchild + count)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(sql)
    purge_everything()  # raw inserts send no signals
    return time.perf_counter() - started


def measure(client, path, host, renders):
    """(CPU ms, wall ms) of each of `renders` GETs, after one warm-up request."""
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, (path, response.status_code)
    cpu, wall = [], []
    for _ in range(renders):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        response = client.get(path, HTTP_HOST=host)
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return cpu, wall, response


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from wagtail.models import Page

    from bench.stats import percentile
    from content.models import NewsPage

    call_command("migrate", verbosity=0)
    existing = NewsPage.objects.filter(slug__startswith="bench-").count()
    if existing >= args.pages:  # a DATABASE_URL built by an earlier run: measure only
        print(f"database: {connection.vendor}; reusing {existing} bench news items")
    else:
        started = time.perf_counter()
        call_command("setup_demo", stdout=open(os.devnull, "w"))
        print(f"database: {connection.vendor}; demo county in {time.perf_counter() - started:.0f} s")
        seconds = build_pages(args.pages - existing)
        print(
            f"inserted {args.pages - existing} news items in {seconds:.0f} s "
            f"({(args.pages - existing) / seconds:.0f}/s)"
        )
    print(f"{Page.objects.count()} pages in the tree")

    portal = settings.PORTAL_DOMAIN
    article = NewsPage.objects.filter(url_path__startswith="/home/jyj/gzdt/bench-").order_by("-pk").first()
    pages = {
        "article (news item)": (article.url_path[len("/home") :], portal),
        "listing: unit 工作动态": ("/gzdt/", f"jyj.{portal}"),
        "listing: portal 部门动态": ("/bmdt/", portal),
        "listing: 部门动态 page 100": ("/bmdt/?page=100", portal),
    }
    client = Client()
    print(f"\n{'uncached render':32} {'CPU med':>8} {'CPU p95':>8} {'wall med':>9} {'wall p95':>9}  (ms)")
    with override_settings(PAGE_CACHE_SECONDS=0):
        for name, (path, host) in pages.items():
            cpu, wall, _response = measure(client, path, host, args.renders)
            print(
                f"{name:32} {statistics.median(cpu):8.1f} {percentile(cpu, 0.95):8.1f} "
                f"{statistics.median(wall):9.1f} {percentile(wall, 0.95):9.1f}"
            )
    print("targets: article <= 15 ms CPU, listing <= 25 ms CPU")

    print(f"\n{'page cache hit':32} {'CPU med':>8} {'wall med':>9} {'hits/s':>8}")
    for name, (path, host) in pages.items():
        cpu, wall, response = measure(client, path, host, args.renders * 5)
        assert response["X-Cache"] == "HIT", (path, response.get("X-Cache"))
        print(
            f"{name:32} {statistics.median(cpu):8.2f} {statistics.median(wall):9.2f} "
            f"{1000 / statistics.mean(wall):8.0f}"
        )
    print("(hits/s: one client in this process; bench/load.sh measures gunicorn under wrk)")


if __name__ == "__main__":
    main()
