"""Benchmark: generate 150 subsites, then time portal-home and subsite-home renders with 150 Sites.

Run: `.venv/bin/python bench/subsites.py [--units 150] [--renders 50]`. Uses a throwaway
SQLite database (or DATABASE_URL if set) and prints seconds per subsite and render median/p95.
Target (issue 2): <= 2 s per subsite.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ.setdefault("PORTAL_VAR_DIR", tempfile.mkdtemp(prefix="bench-subsites-"))
os.environ.setdefault("PORTAL_PORT", "80")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--renders", type=int, default=50)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from bench.stats import percentile
    from home.provisioning import apply_template
    from subsites.models import Unit, UnitKind
    from subsites.validators import credit_code_check_char

    call_command("migrate", verbosity=0)
    durations = []
    for index in range(args.units):
        first17 = f"11339901{index:08d}B"
        unit = Unit.objects.create(
            code=f"bench{index}",
            name=f"基准测试单位{index}",
            short_name=f"单位{index}",
            kind=UnitKind.TOWNSHIP if index % 3 == 0 else UnitKind.DEPARTMENT,
            credit_code=first17 + credit_code_check_char(first17),
            responsible_person="张三",
            main_leader="李四",
        )
        started = time.perf_counter()
        apply_template(unit)
        durations.append(time.perf_counter() - started)

    client = Client()
    hosts = {
        "portal home": settings.PORTAL_DOMAIN,
        "subsite home": f"bench{args.units // 2}.{settings.PORTAL_DOMAIN}",
    }
    print(f"database: {settings.DATABASES['default']['ENGINE']}")
    print(
        f"subsites created: {args.units}; seconds per subsite: "
        f"mean {statistics.mean(durations):.3f}, median {statistics.median(durations):.3f}, "
        f"p95 {percentile(durations, 0.95):.3f}, max {max(durations):.3f} (target <= 2 s)"
    )
    for label, host in hosts.items():
        assert client.get("/", HTTP_HOST=host).status_code == 200, label
        timings = []
        for _ in range(args.renders):
            started = time.perf_counter()
            client.get("/", HTTP_HOST=host)
            timings.append((time.perf_counter() - started) * 1000)
        print(
            f"{label} render with {args.units} sites: median {statistics.median(timings):.1f} ms, "
            f"p95 {percentile(timings, 0.95):.1f} ms ({args.renders} renders)"
        )


if __name__ == "__main__":
    main()
