"""The apps form a one-way stack (docs/architecture.md, "Layers"), read from the code's own imports.

Every `import` and `from … import` of every project module (also those inside functions) is read
with ast: a module may import its own app, apps of a lower layer, and apps of its own layer as long
as no two apps import each other (directly or round a circle). An app's `documents.py` is a plug-in
of search (it defines how the app's objects are searched, and search imports it at start-up): it
counts as a search module. The settings import no app code. Migrations are left out (Django orders
them by their dependencies). An import that must run the wrong way for a while is listed in
ALLOWED with its reason (none is, today); a new upward import fails here.
"""

import ast
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

PROJECT = Path(settings.PROJECT_DIR)
LAYERS = [
    ("base",),  # shared rules and the abstract page: imports no project app
    ("subsites",),  # units, their sites and groups
    ("content",),  # page types, columns, syndication
    (
        "moderation",
        "interaction",
        "search",
        "pagecache",
        "home",
        "visits",
    ),  # features; home: portal home and site frame
    ("operations",),  # health, uploads, two-factor, backups
    ("supervision",),  # reads every feature
    ("backoffice",),  # the admin's face: reads everything
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
PLUGINS = {"documents.py": "search"}
# (importing module, imported app): upward imports allowed for a while, each with its reason; an
# allowance no import needs any more fails test_every_allowance_is_still_needed.
ALLOWED = set()


def project_modules():
    """(app, path, name relative to the project) of every project module but migrations."""
    for app in RANK:
        for path in sorted((PROJECT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path, str(path.relative_to(PROJECT))


def imported_apps(path):
    """(line, app, module name) of every project module the module at `path` imports."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in RANK or top == "config":
                yield node.lineno, top, name


def import_edges(modules=None):
    """[(module, line, importing app, imported app, imported module name)] across apps; a plug-in module
    (PLUGINS) imports as the app it plugs into."""
    edges = []
    for app, path, module in modules or project_modules():
        importer = PLUGINS.get(path.name, app)
        for line, imported, name in imported_apps(path):
            if imported != importer:
                edges.append((module, line, importer, imported, name))
    return edges


def upward(edges):
    return [edge for edge in edges if edge[3] == "config" or RANK[edge[3]] > RANK[edge[2]]]


def wrong_way(edges, allowed=ALLOWED):
    """The upward imports that no allowance covers."""
    return [edge for edge in upward(edges) if (edge[0], edge[3]) not in allowed]


def stale(edges, allowed=ALLOWED):
    """The allowances that no upward import needs."""
    return allowed - {(module, imported) for module, _line, _importer, imported, _name in upward(edges)}


def cycles(edges, allowed=ALLOWED):
    """Circles between apps (each as a list of apps), ignoring the allowed imports."""
    graph = {}
    for module, _line, importer, imported, _name in edges:
        if (module, imported) not in allowed and imported in RANK:
            graph.setdefault(importer, set()).add(imported)
    found, path = [], []

    def visit(app):
        if app in path:
            found.append(path[path.index(app) :] + [app])
            return
        path.append(app)
        for nxt in sorted(graph.get(app, ())):
            visit(nxt)
        path.pop()

    for app in sorted(graph):
        visit(app)
    return found


class LayerTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.edges = import_edges()

    def test_no_app_imports_an_app_above_it(self):
        wrong = [
            f"{module}:{line} imports {name} ({importer} may not import {imported})"
            for module, line, importer, imported, name in wrong_way(self.edges)
        ]
        self.assertEqual(wrong, [], "upward imports (see docs/architecture.md, Layers)")

    def test_every_project_app_has_a_layer(self):
        """A new app joins the stack explicitly; an app left out would escape every check here."""
        apps = {name.split(".")[0] for name in settings.INSTALLED_APPS if (PROJECT / name.split(".")[0]).is_dir()}
        self.assertEqual(apps - set(RANK), set())

    def test_no_circle_between_apps(self):
        self.assertEqual(cycles(self.edges), [])

    def test_every_allowance_is_still_needed(self):
        self.assertEqual(stale(self.edges), set(), "remove the allowances that no import needs any more")

    def test_an_app_never_imports_its_own_plugin_modules(self):
        """content's own code does not import content.documents: that would make content depend on search."""
        wrong = []
        for app, path, module in project_modules():
            if path.name in PLUGINS:
                continue
            for line, imported, name in imported_apps(path):
                if imported == app and name.split(".")[-1] + ".py" in PLUGINS:
                    wrong.append(f"{module}:{line} imports {name}")
        self.assertEqual(wrong, [])

    def test_settings_import_no_app_code(self):
        wrong = [
            f"{path.relative_to(PROJECT)}:{line} imports {name}"
            for path in sorted((PROJECT / "config" / "settings").glob("*.py"))
            for line, imported, name in imported_apps(path)
            if imported != "config"
        ]
        self.assertEqual(wrong, [])

    def test_the_check_sees_an_upward_import_and_a_circle(self):
        """The reader itself: a base module importing content inside a function is reported, and so is
        the circle it closes (content imports base); an allowance exempts both and is stale without them."""
        with tempfile.TemporaryDirectory() as folder:
            probe = Path(folder) / "probe.py"
            probe.write_text("def probe():\n    from content.models import ColumnPage\n", encoding="utf-8")
            edges = import_edges([*project_modules(), ("base", probe, "base/probe.py")])
        probe_import = ("base/probe.py", 2, "base", "content", "content.models")
        self.assertIn(probe_import, wrong_way(edges))
        self.assertIn(["base", "content", "base"], cycles(edges))
        # An allowance covers the import and its circle, and goes stale once the import is gone.
        allowance = {("base/probe.py", "content")}
        self.assertNotIn(probe_import, wrong_way(edges, allowance))
        self.assertEqual(cycles(edges, allowance), [])
        self.assertEqual(stale(edges, allowance), set())
        self.assertEqual(stale(self.edges, allowance), allowance)
