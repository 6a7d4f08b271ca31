"""Import files of pages (import_content) into one unit, each line published without rejection."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page

from tests.factories import make_unit


def import_all_published(test, files, reason):
    """Import each (label, path) of `files` into one unit, publishing, and assert no line is rejected;
    returns the slugs live under the unit. One unit receives every file: slugs are unique across the
    files, and acceptance of a line does not depend on the unit (bench/search_eval.py imports each file
    into its own unit)."""
    unit = make_unit("eval", name="云溪县评测单位")
    for label, path in files:
        with test.subTest(file=label):
            output = StringIO()
            call_command(
                "import_content",
                str(path),
                unit=unit.code,
                publish=True,
                reason=reason,
                stdout=output,
                stderr=StringIO(),
            )
            test.assertIn("拒绝 0 行", output.getvalue(), output.getvalue())
    return set(Page.objects.descendant_of(unit.home_page).live().values_list("slug", flat=True))
