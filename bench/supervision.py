"""Benchmark: time to compute and store a monthly inspection report for 150 units and 100k pages.

Run: `.venv/bin/python bench/supervision.py [--units 150] [--pages 100000]`. Uses a throwaway
SQLite database (or DATABASE_URL if set). Units, subsite homes, columns, items (news, notices,
policies with interpretations) and cases are bulk-inserted with valid tree paths, spread over the
twelve months before the report month. Target (issue 7): <= 30 s for the report.
"""

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-supervision-"))
BATCH = 500


def insert_pages(model, parents_and_fields, now):
    """Bulk-insert pages of `model` as children of the given parents; returns them (with paths)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    pages, counts = [], {}
    for parent, fields in parents_and_fields:
        counts[parent.pk] = counts.get(parent.pk, parent.numchild) + 1
        slug = fields.pop("slug")
        published = fields.pop("published_at", now)
        page = model(
            title=fields.pop("title"),
            slug=slug,
            draft_title="",
            content_type=content_type,
            locale=locale,
            path=Page._get_path(parent.path, parent.depth + 1, counts[parent.pk]),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            translation_key=uuid.uuid4(),
            **fields,
        )
        page.draft_title = page.title
        pages.append(page)
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        created = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"})
                for p in chunk
            ]
        )
        for page, base in zip(chunk, created):
            page.pk = page.id = page.page_ptr_id = base.pk
        local = list(model._meta.local_concrete_fields)
        model.objects._insert(chunk, fields=local, raw=True)
    for parent_pk, total in counts.items():
        Page.objects.filter(pk=parent_pk).update(numchild=total)
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--pages", type=int, default=100_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from content.blueprint import columns_for
    from content.models import (
        ColumnPage,
        InterpretationPage,
        NewsPage,
        NoticePage,
        PolicyPage,
        PortalHomePage,
        UnitHomePage,
    )
    from interaction.models import Case, Deadline, DeadlineKind, DeadlineState, Kind, Status
    from subsites.models import Unit, UnitKind
    from subsites.validators import credit_code_check_char
    from supervision.reports import build_monthly_report
    from supervision.rules import Period

    call_command("migrate", verbosity=0)
    random.seed(7)
    period = Period.month(2026, 10)
    now = timezone.now()
    started = time.perf_counter()
    home = PortalHomePage.objects.first()
    units = []
    for index in range(args.units):
        first17 = f"11339902{index:08d}C"
        units.append(
            Unit(
                code=f"u{index}",
                name=f"基准单位{index}",
                short_name=f"单位{index}",
                kind=UnitKind.TOWNSHIP if index % 3 == 0 else UnitKind.DEPARTMENT,
                credit_code=first17 + credit_code_check_char(first17),
                responsible_person="张三",
                main_leader="李四",
                sort_order=index,
            )
        )
    units = Unit.objects.bulk_create(units)
    homes = insert_pages(UnitHomePage, [(home, {"title": u.name, "slug": u.code, "unit_id": u.pk}) for u in units], now)
    for unit, unit_home in zip(units, homes):
        unit.home_page_id = unit_home.pk
    Unit.objects.bulk_update(units, ["home_page"])
    column_rows = []
    for unit, unit_home in zip(units, homes):
        for spec in columns_for(unit.kind):
            column_rows.append((unit_home, {"title": spec.title, "slug": spec.slug, "column_type": spec.column_type}))
    columns = insert_pages(ColumnPage, column_rows, now)
    by_unit = {}
    for column in columns:
        by_unit.setdefault(column.path[:12], {})[column.slug] = column

    start = period.start - datetime.timedelta(days=335)
    span = (period.end - start).total_seconds()
    plan = [
        (NewsPage, "gzdt", 0.7),
        (NoticePage, "tzgg", 0.2),
        (PolicyPage, "zcwj", 0.05),
        (InterpretationPage, "zcjd", 0.05),
    ]
    policies = []
    for model, slug, share in plan:
        rows = []
        for number in range(int(args.pages * share)):
            unit = units[number % len(units)]
            column = by_unit[homes[number % len(units)].path][slug]
            published = start + datetime.timedelta(seconds=random.random() * span)
            fields = {
                "title": f"{model.__name__}{number}",
                "slug": f"i{number}",
                "published_at": published,
                "owner_unit_id": unit.pk,
                "issued_at": published - datetime.timedelta(hours=random.random() * 30),
            }
            if model is PolicyPage:
                fields.update(policy_kind="normative", issuing_authority=unit.name, written_date=published.date())
            if model is InterpretationPage and policies:
                fields["policy_id"] = policies[number % len(policies)].pk
            rows.append((column, fields))
        pages = insert_pages(model, rows, now)
        if model is PolicyPage:
            policies = pages
    cases, deadlines = [], []
    for number in range(5000):
        submitted = start + datetime.timedelta(seconds=random.random() * span)
        replied = submitted + datetime.timedelta(days=random.random() * 10) if number % 7 else None
        cases.append(
            Case(
                kind=Kind.CONSULTATION if number % 2 else Kind.COMPLAINT,
                tracking_code=f"B{number:08d}",
                password_hash="x",
                submission_token=uuid.uuid4(),
                title=f"留言{number}",
                body="内容",
                name="王",
                phone="13800000000",
                unit=units[number % len(units)],
                submitted_at=submitted,
                replied_at=replied,
                status=Status.REPLIED if replied else Status.PROCESSING,
            )
        )
    cases = Case.objects.bulk_create(cases)
    for case in cases:
        kind = DeadlineKind.REPLY if case.kind == Kind.CONSULTATION else DeadlineKind.ACK
        due = case.submitted_at + datetime.timedelta(days=3)
        deadlines.append(
            Deadline(
                case=case,
                kind=kind,
                due_at=due,
                explanation="bench",
                closed_at=case.replied_at,
                state=DeadlineState.MET if case.replied_at else DeadlineState.OPEN,
            )
        )
    Deadline.objects.bulk_create(deadlines)
    print(f"database: {settings.DATABASES['default']['ENGINE']}")
    print(
        f"synthetic data: {args.units} units, {len(columns)} columns, "
        f"{NewsPage.objects.count() + NoticePage.objects.count() + PolicyPage.objects.count() + InterpretationPage.objects.count()} items, "
        f"{len(cases)} cases; inserted in {time.perf_counter() - started:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        report = build_monthly_report(period)
        timings.append(time.perf_counter() - started)
    vetoes = report.results.filter(vetoes__gt=0).count()
    print(
        f"monthly report {period.label}: {report.results.count()} websites ({vetoes} with a veto); "
        f"seconds: {', '.join(f'{t:.2f}' for t in timings)} (target <= 30 s)"
    )


if __name__ == "__main__":
    main()
