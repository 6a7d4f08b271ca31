"""Benchmark: public search latency (p50/p95) at 10k and 100k documents per engine.

Run: `.venv/bin/python bench/search_latency.py [--sizes 10000 100000] [--queries 200]
[--engines database opensearch]`. Uses a throwaway SQLite database (or DATABASE_URL if set,
e.g. PostgreSQL) and, for `opensearch`, the node at SEARCH_URL (default
http://127.0.0.1:9200) with a throwaway index prefix. Synthetic Chinese documents (policy-like
titles and bodies over a fixed vocabulary, 40 units, all content types) go straight into the
engine; each query runs the same path as /api/search/ minus HTTP: query building (synonyms,
pinyin lookup), semantic neighbours (query embedding, the nearest vectors by the process's copy or
the cluster's kNN search, fusion),
matching, ranking, six facets, policy families (a policy with the interpretations, Q&A and service
items that follow it), highlighting of one page of 10.
Document vectors: the model's embedding of each document's title pattern (288 patterns) plus a little
noise, since embedding 100k bodies takes hours on two cores; the search-time work (one query
embedding, a product with every vector, fusion) is the same as with real vectors.
Targets (issue 6): p95 <= 50 ms on OpenSearch, <= 150 ms on the SQLite fallback.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-search-"))

SUBJECTS = [
    "城乡居民",
    "医疗保障",
    "最低生活保障",
    "义务教育",
    "农村道路",
    "防汛抗旱",
    "食品安全",
    "安全生产",
    "住房公积金",
    "养老服务",
    "退役军人",
    "残疾人",
    "就业创业",
    "耕地保护",
    "生态环境",
    "垃圾分类",
    "营商环境",
    "政务服务",
    "乡村振兴",
    "林业防火",
    "河道管理",
    "疫苗接种",
    "学前教育",
    "交通运输",
]
ACTIONS = [
    "实施办法",
    "管理规定",
    "工作方案",
    "补贴标准",
    "申报指南",
    "专项整治",
    "考核细则",
    "应急预案",
    "资金管理",
    "监督检查",
    "政策解读",
    "办事指南",
]
FILLER = [
    "各乡镇人民政府",
    "县级各部门",
    "根据有关规定",
    "结合本县实际",
    "现将有关事项通知如下",
    "认真贯彻落实",
    "加强组织领导",
    "明确责任分工",
    "按时报送材料",
    "本办法自发布之日起施行",
    "申请人应当提交",
    "经审核符合条件的",
    "补助资金按季度发放",
    "办理时限为五个工作日",
    "咨询电话",
    "监督举报",
]
TYPES = ["policy", "policy", "interpretation", "qa", "news", "news", "notice", "service", "disclosure", "page"]
# Queries answered before the measured ones (a serving node has answered many): a different draw.
WARMUP_QUERIES = 100
VALIDITY = ["valid", "valid", "valid", "amended", "repealed", "expired"]


def corpus(size, rng):
    from search.documents import SearchDocument

    start = datetime(2015, 1, 1, tzinfo=timezone.utc)
    policy = ""  # the latest policy: interpretations, Q&A items and service items join its family
    for n in range(size):
        subject, action = rng.choice(SUBJECTS), rng.choice(ACTIONS)
        unit = n % 40
        kind = rng.choice(TYPES)
        # a body about its own subject, touching two others, in the county's stock phrases
        topics = [subject, subject, rng.choice(SUBJECTS), rng.choice(SUBJECTS)]
        body = "，".join(rng.choice(FILLER + topics) for _ in range(40)) + "。"
        if kind == "policy":
            policy = f"page:{n + 1}"
        yield SearchDocument(
            key=f"page:{n + 1}",
            type=kind,
            title=f"关于{subject}{action}的通知（第{n}号）",
            url=f"http://u{unit}.bench.test/item/{n}/",
            path=f"00010001{unit:04d}{n:08d}",
            unit=f"u{unit}",
            unit_label=f"单位{unit}",
            published_at=start + timedelta(hours=n),
            body=body,
            extra=f"{subject}常见问题解答" if kind == "policy" else "",
            slug=f"item-{n}",
            column_type="policies",
            issuer=f"云溪县{subject[:2]}局" if kind == "policy" else "",
            validity=rng.choice(VALIDITY) if kind == "policy" else "",
            document_number=f"云政发〔{2015 + n % 10}〕{n}号" if kind == "policy" else "",
            family=policy if kind in ("policy", "interpretation", "qa", "service") else "",
        )


def queries(count, rng):
    made = []
    for _ in range(count):
        shape = rng.random()
        if shape < 0.5:
            made.append(rng.choice(SUBJECTS))
        elif shape < 0.8:
            made.append(rng.choice(SUBJECTS) + rng.choice(ACTIONS))
        elif shape < 0.9:
            made.append(f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} 通知")
        else:
            made.append(f"云政发〔{rng.randint(2015, 2024)}〕{rng.randint(0, 5000)}号")
    return made


def store_vectors(size):
    """The documents' vectors (see the module docstring); False when semantic search is off."""
    import numpy

    from search import semantic, vectors
    from search.models import SearchVector

    encoder = semantic.model()
    if encoder is None:
        return False
    patterns = [f"关于{subject}{action}的通知" for subject in SUBJECTS for action in ACTIONS]
    base = dict(zip(patterns, encoder.embed(patterns)))
    noise = numpy.random.default_rng(size)
    SearchVector.objects.all().delete()
    for batch in _batches(corpus(size, random.Random(size)), 5000):
        rows = []
        for document in batch:
            vector = base[document.title.split("（")[0]] + noise.normal(0, 0.02, 512).astype(numpy.float32)
            vector /= numpy.linalg.norm(vector)
            rows.append(SearchVector(key=document.key, digest="bench", vector=vector.astype("<f2").tobytes()))
        SearchVector.objects.bulk_create(rows)
    vectors.changed()
    return True


def measure(engine, texts, warmup):
    from search import semantic
    from search.query import build_query

    def search(text):
        semantic.query_vector.cache_clear()  # every query embedded afresh, as new questions are
        query = build_query({"q": text, "scope": "county"})
        query.semantic_text = text
        engine.search(query)

    for text in warmup:  # other queries first: connections, caches, the node's JIT, the vectors loaded
        search(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        search(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--engines", nargs="+", default=["database", "opensearch"])
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench.stats import percentile
    from search.engines import database_engine
    from search.engines.opensearch import OpenSearchEngine

    call_command("migrate", verbosity=0)
    rng = random.Random(6)
    texts = queries(args.queries, rng)
    warmup = queries(WARMUP_QUERIES, random.Random(7))
    print(f"database: {connection.vendor}; {args.queries} queries; page size 10 with six facets")
    for size in args.sizes:
        started = time.perf_counter()
        if store_vectors(size):
            print(f"semantic: {size} vectors stored in {time.perf_counter() - started:.0f} s")
        else:
            print("semantic: off (SEARCH_SEMANTIC=0 or no model); lexical only")
        for name in args.engines:
            if name == "database":
                engine = database_engine()
            else:
                engine = OpenSearchEngine(
                    os.environ.get("SEARCH_URL", settings.SEARCH_URL), f"bench-{uuid.uuid4().hex[:8]}", timeout=30
                )
                if not engine.ping():
                    print(f"{name}: no node at {engine.url}; skipped")
                    continue
            started = time.perf_counter()
            engine.rebuild(_batches(corpus(size, random.Random(size)), 2000))
            load = time.perf_counter() - started
            times = measure(engine, texts, warmup)
            label = f"{name} ({connection.vendor})" if name == "database" else name
            print(
                f"{label:<22} {size:>7} docs: p50 {statistics.median(times):6.1f} ms  "
                f"p95 {percentile(times, 0.95):6.1f} ms  max {max(times):6.1f} ms  "
                f"(loaded in {load:.0f} s, {size / load:.0f} docs/s; "
                f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
            )
            if name != "database":
                engine.drop()


def _batches(documents, size):
    batch = []
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


if __name__ == "__main__":
    main()
