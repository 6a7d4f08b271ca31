"""Screenshots of the public side at 1366 px and 390 px wide, for reviewers (docs/screenshots.md).

Run against a running site with the demo county (`make run`, or any server on its database):
`.venv/bin/python bench/screenshots.py [--base http://localhost:8000] [--out docs/screenshots]`.
It reads the database the server uses (same settings and PORTAL_VAR_DIR) to pick a unit, a policy
and the directory, takes full-page PNGs with Chromium (bench/screenshots.mjs) and compresses them
to 128-colour PNGs.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

DESKTOP, PHONE = (1366, 900), (390, 844)


def pages(base):
    """(name, URL) of the pages reviewers look at, on the hosts a visitor uses."""
    import django

    django.setup()
    from content.models import PolicyPage, SurveyPage
    from subsites.models import Unit

    scheme, netloc = urlsplit(base).scheme, urlsplit(base).netloc
    port = f":{netloc.split(':')[1]}" if ":" in netloc else ""
    unit = Unit.objects.filter(active=True, kind="department", home_page__isnull=False).first()
    policy = PolicyPage.objects.live().filter(owner_unit=unit).first() or PolicyPage.objects.live().first()
    unit_base = f"{scheme}://{unit.host}{port}"
    result = [
        ("portal-home", base + "/"),
        ("unit-home", unit_base + "/"),
        ("disclosure-directory", base + "/xxgkml/"),
        ("consultation-form", unit_base + "/interaction/new/consultation/"),
    ]
    for page in SurveyPage.objects.live().order_by("-closes_at")[:2]:
        name = "survey-open" if page.is_open else "survey-results"
        result.append((name, base + page.get_url_parts()[2]))
        if page.is_open:
            result.append(("survey-form", f"{base}/interaction/survey/{page.pk}/"))
    if policy is not None:
        _site_id, _root, path = policy.get_url_parts()
        result.insert(2, ("policy", f"{scheme}://{policy.owner_unit.host}{port}{path}"))
    return result


def compress(path):
    from PIL import Image

    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://localhost:8000", help="the portal's URL")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, url in pages(args.base.rstrip("/")):
        for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
            shots.append({"url": url, "file": str(out / f"{name}-{label}.png"), "width": width, "height": height})
    shots.append(
        {
            "url": args.base.rstrip("/") + "/",
            "file": str(out / "portal-home-elder-phone.png"),
            "width": PHONE[0],
            "height": PHONE[1],
            "elder": True,
        }
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump(shots, file)
        file.flush()
        subprocess.run(["node", str(ROOT / "bench" / "screenshots.mjs"), file.name], cwd=ROOT, check=True)
    for shot in shots:
        compress(shot["file"])
    print(f"{len(shots)} screenshots in {out}")


if __name__ == "__main__":
    main()
