"""Benchmark: `rebuild_search_index` throughput (documents per second) per engine, from real pages.

Run: `.venv/bin/python bench/search_reindex.py [--pages 3000]`. Uses a throwaway SQLite
database (or DATABASE_URL if set) with one unit whose columns get policies (each with a
linked Q&A item, whose text the policy document carries) and news items, then times a full
rebuild of the database engine and, if a node answers at SEARCH_URL (default
http://127.0.0.1:9200), of OpenSearch under a throwaway index prefix. The rebuild reads the
pages, builds the documents (unit, column, related Q&A text) and writes them; the documents'
semantic vectors, computed when the pages were published, are reused. With semantic search on, a
last rebuild of the database engine after deleting every vector times the embedding too (what a
first build or a model change costs; publishing embeds one document at a time in the background).
Target (issue 6): >= 500 documents/s.
"""

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-reindex-"))

SUBJECTS = [
    "城乡居民医疗保障",
    "最低生活保障",
    "义务教育入学",
    "农村公路养护",
    "防汛抗旱",
    "食品安全监管",
    "住房公积金提取",
    "养老服务补贴",
    "就业创业扶持",
    "耕地保护",
    "垃圾分类",
    "政务服务",
]


def make_pages(count):
    from content.models import ColumnPage, NewsPage, PolicyPage, QAPage
    from content.vocabularies import PolicyKind
    from home.provisioning import apply_template
    from subsites.models import Unit, UnitKind
    from subsites.validators import credit_code_check_char

    first17 = "11339901BENCH001M"
    unit = Unit.objects.create(
        code="bench",
        name="云溪县基准测试局",
        short_name="基准局",
        kind=UnitKind.DEPARTMENT,
        credit_code=first17 + credit_code_check_char(first17),
        responsible_person="张三",
        main_leader="李四",
    )
    apply_template(unit)
    unit.refresh_from_db()
    columns = {c.slug: c for c in ColumnPage.objects.child_of(unit.home_page)}
    made = 0
    while made < count:
        n = made
        subject = SUBJECTS[n % len(SUBJECTS)]
        body = (
            f"<p>为做好{subject}工作，结合本县实际，制定本办法。"
            + "申请人应当提交相关材料，经审核符合条件的按规定办理。" * 8
            + "</p>"
        )
        policy = PolicyPage(
            title=f"关于{subject}的实施办法（第{n}号）",
            slug=f"policy-{n}",
            live=True,
            policy_kind=PolicyKind.OTHER,
            doc_number=f"云政发〔2024〕{n}号",
            issuing_authority="云溪县人民政府",
            written_date=date(2024, 1, 1),
            body=body,
        )
        columns["zcwj"].add_child(instance=policy)
        columns["zcjd"].add_child(
            instance=QAPage(
                title=f"{subject}怎么申请？（{n}）",
                slug=f"qa-{n}",
                live=True,
                policy=policy,
                body="<p>携带身份证到政务服务中心窗口办理。</p>",
            )
        )
        columns["gzdt"].add_child(
            instance=NewsPage(title=f"县里召开{subject}工作推进会（{n}）", slug=f"news-{n}", live=True, body=body)
        )
        made += 3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=3000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from search.engines import database_engine
    from search.engines.opensearch import OpenSearchEngine
    from search.indexing import rebuild

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    make_pages(args.pages)
    print(f"created {args.pages} pages in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    engines = [database_engine()]
    cluster = OpenSearchEngine(
        os.environ.get("SEARCH_URL", settings.SEARCH_URL), f"bench-{uuid.uuid4().hex[:8]}", timeout=30
    )
    if cluster.ping():
        engines.append(cluster)
    else:
        print(f"opensearch: no node at {cluster.url}; skipped")
    for engine in engines:
        started = time.perf_counter()
        total = rebuild(engine)
        elapsed = time.perf_counter() - started
        label = f"database ({connection.vendor})" if engine.name == "database" else engine.name
        print(f"{label:<22} rebuilt {total} documents in {elapsed:.1f} s: {total / elapsed:.0f} documents/s")
        if engine is cluster:
            cluster.drop()
    from search import semantic
    from search.models import SearchVector

    if semantic.model() is not None:
        SearchVector.objects.all().delete()
        started = time.perf_counter()
        total = rebuild(database_engine())
        elapsed = time.perf_counter() - started
        print(
            f"database ({connection.vendor}) with embedding: rebuilt {total} documents in {elapsed:.1f} s: "
            f"{total / elapsed:.0f} documents/s"
        )


if __name__ == "__main__":
    main()
