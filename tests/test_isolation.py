"""Cross-unit isolation: unit A's editor and reviewer reach nothing of unit B in the admin.

Each test first tries actions on unit B through the admin's HTTP views and checks that
they are refused and changed nothing in the database, then does the same on unit A as a
positive control, so that no test can pass vacuously.
"""

import json
from contextlib import contextmanager
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import rich_text

from content.models import ArticlePage, ColumnPage
from subsites.models import Unit, UnitLink
from tests.factories import make_role_users, make_unit, make_user

Image, Document = get_image_model(), get_document_model()
REFUSED = (302, 403, 404)
PUBLISH = {"action-publish": "action-publish"}


def url(name, *args, **query):
    return reverse(name, args=args) + (f"?{urlencode(query, doseq=True)}" if query else "")


def page_url(name, page, *args, **query):
    return url(f"wagtailadmin_pages:{name}", page.pk, *args, **query)


def bulk_url(app, model, action, *objects):
    ids = [obj.pk for obj in objects] or "all"
    return url("wagtail_bulk_action", app, model, action, id=ids)


def article(parent, title, publish=False, owner=None, draft_title=None):
    """An article under `parent`; with `draft_title`, a later unpublished revision retitles it."""
    page = parent.add_child(instance=ArticlePage(title=title, body="<p>text</p>", owner=owner, live=False))
    revision = page.save_revision(user=owner)
    if publish:
        revision.publish()
    if draft_title:
        page = ArticlePage.objects.get(pk=page.pk)
        page.title = draft_title
        page.save_revision(user=owner)
    return ArticlePage.objects.get(pk=page.pk)


def article_data(page, **changes):
    """POST data of the article edit form."""
    return {
        "title": page.draft_title,
        "slug": page.slug,
        "source": "",
        "body": rich_text("<p>text</p>"),
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **changes,
    }


def db_state():
    """Everything an isolation breach could change."""

    def rows(model, *fields):
        return list(model.objects.order_by("pk").values_list("pk", *fields))

    return {
        "pages": rows(
            Page,
            "path",
            "title",
            "draft_title",
            "slug",
            "live",
            "has_unpublished_changes",
            "locked",
            "latest_revision_id",
            "owner_id",
        ),
        "images": rows(Image, "title", "collection_id"),
        "documents": rows(Document, "title", "collection_id"),
        "links": rows(UnitLink, "title", "url", "unit_id"),
        "units": rows(Unit, "name", "active", "site_id"),
        "groups": rows(Group, "name"),
        "counts": [model.objects.count() for model in (Revision, PageLogEntry, ModelLogEntry, EditingSession)],
    }


def body(response):
    """The response text; JSON (modal) responses decoded so non-ASCII text is searchable too."""
    content = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(content), ensure_ascii=False)
    return content


class TwoUnitsTestCase(TestCase):
    """Units A and B, their role users, and the same kinds of content in both."""

    @classmethod
    def setUpTestData(cls):
        cls.admin = make_user("portal-admin", superuser=True)
        cls.unit_a = make_unit("alpha", name="Alpha County Bureau")
        cls.unit_b = make_unit("beta", name="Beta County Bureau")
        cls.a_editor, cls.a_reviewer, _ = make_role_users(cls.unit_a)
        cls.b_editor, cls.b_reviewer, _ = make_role_users(cls.unit_b)
        for unit, name in ((cls.unit_a, "Alpha"), (cls.unit_b, "Beta")):
            key = name[0].lower()
            # Two columns that take articles (a column offers only its own item types).
            col, col2 = (ColumnPage.objects.child_of(unit.home_page).get(slug=slug) for slug in ("jggk", "jgsz"))
            locked = article(col2, f"{name} locked notice", publish=True)
            Page.objects.filter(pk=locked.pk).update(
                locked=True, locked_by=getattr(cls, f"{key}_reviewer"), locked_at=timezone.now()
            )
            objects = {
                "home": unit.home_page,
                "col": col,
                "col2": col2,
                "locked": locked,
                "draft": article(col, f"{name} draft v1", draft_title=f"{name} draft v2"),
                "live": article(col, f"{name} live news", publish=True),
                "image": Image.objects.create(
                    title=f"{name} image", file=get_test_image_file(), collection=unit.collection
                ),
                "document": Document.objects.create(
                    title=f"{name} document", collection=unit.collection, file=ContentFile(b"report", name=f"{key}.txt")
                ),
                "link": UnitLink.objects.create(unit=unit, title=f"{name} link", url=f"https://{key}.example.com/"),
            }
            for attr, value in objects.items():
                setattr(cls, f"{key}_{attr}", value)
        # B's home is public and named in the sites filter; it is recognised by its admin URL.
        cls.b_titles = [
            "Beta draft v1",
            "Beta draft v2",
            "Beta live news",
            "Beta locked notice",
            "Beta image",
            "Beta document",
            "Beta link",
        ]


class RoleTestMixin:
    """Logs in as unit A's user of `role`; assertions shared by the isolation tests."""

    role = None

    def setUp(self):
        self.user = getattr(self, f"a_{self.role}")
        perms = self.a_live.permissions_for_user(self.user)
        self.can_publish, self.can_lock = perms.can_publish(), perms.can_lock()
        self.client.force_login(self.user)

    def as_publisher(self, address, data=None):
        """POST as someone who may publish in unit A: the user, else the portal administrator
        (unit roles may have to publish through the approval workflow)."""
        if not self.can_publish:
            self.client.force_login(self.admin)
        response = self.client.post(address, data or {})
        self.client.force_login(self.user)
        return response

    @contextmanager
    def assertNothingChanges(self):
        before = db_state()
        yield
        self.assertEqual(db_state(), before)

    def assertHidesUnitB(self, response):
        text = body(response)
        b_pages = (self.b_home, self.b_col, self.b_col2, self.b_draft, self.b_live)
        markers = self.b_titles + [f"/admin/pages/{page.pk}/" for page in b_pages]
        leaked = [marker for marker in markers if marker in text]
        self.assertFalse(leaked, f"unit B shown by {response.request['PATH_INFO']}")

    def assertRefused(self, response):
        request = response.request
        self.assertIn(
            response.status_code,
            REFUSED,
            " ".join(request[key] for key in ("REQUEST_METHOD", "PATH_INFO", "QUERY_STRING")),
        )
        self.assertHidesUnitB(response)

    def assertRefusedAll(self, *requests):
        """Each (method, url[, data]) request is refused; together they change nothing."""
        with self.assertNothingChanges():
            for method, address, *data in requests:
                self.assertRefused(getattr(self.client, method)(address, *data))

    def assertFormRefused(self, response, field):
        """The form is shown again with an error on `field` (the change is not made)."""
        self.assertEqual(response.status_code, 200)
        self.assertIn(field, response.context["form"].errors)

    def assertLists(self, response, *titles):
        """A listing of unit A's objects: it shows `titles` and nothing of unit B."""
        self.assertEqual(response.status_code, 200)
        for title in titles:
            self.assertIn(title, body(response))
        self.assertHidesUnitB(response)

    def fresh(self, obj):
        return type(obj).objects.get(pk=obj.pk)


class PageIsolationMixin(RoleTestMixin):
    def test_draft_of_b_cannot_be_viewed_or_previewed(self):
        self.assertRefusedAll(
            *[
                ("get", page_url(view, self.b_draft))
                for view in (
                    "edit",
                    "view_draft",
                    "preview_on_edit",
                    "revisions_index",
                    "history",
                    "usage",
                    "workflow_history",
                )
            ],
            ("post", page_url("preview_on_edit", self.b_draft), article_data(self.b_draft)),
        )
        for view in ("edit", "view_draft"):
            self.assertContains(self.client.get(page_url(view, self.a_draft)), "Alpha draft v2")
        preview = page_url("preview_on_edit", self.a_draft)
        self.assertJSONEqual(
            self.client.post(preview, article_data(self.a_draft)).content, {"is_valid": True, "is_available": True}
        )
        self.assertContains(self.client.get(preview), "Alpha draft v2")

    def test_pages_of_b_cannot_be_edited_published_locked_or_added_to(self):
        def add_in(column):
            return url("wagtailadmin_pages:add", "content", "articlepage", column.pk)

        new = {**article_data(self.b_draft, title="Intruder", slug="intruder"), **PUBLISH}
        edit_b = page_url("edit", self.b_draft)
        self.assertRefusedAll(
            ("post", edit_b, article_data(self.b_draft, title="Hijacked")),
            ("post", edit_b, {**article_data(self.b_draft), **PUBLISH}),
            ("post", edit_b, {**article_data(self.b_draft), "action-submit": "action-submit"}),
            ("post", page_url("edit", self.b_live), {**article_data(self.b_live), **PUBLISH}),
            ("post", page_url("lock", self.b_live)),
            ("post", page_url("unlock", self.b_locked)),
            ("get", add_in(self.b_col)),
            ("post", add_in(self.b_col), new),
        )
        edit_a = page_url("edit", self.a_draft)
        self.assertEqual(self.client.post(edit_a, article_data(self.a_draft, title="Edited")).status_code, 302)
        self.assertEqual(self.fresh(self.a_draft).draft_title, "Edited")
        self.as_publisher(edit_a, {**article_data(self.a_draft, title="Edited"), **PUBLISH})
        self.assertTrue(self.fresh(self.a_draft).live)
        self.client.post(page_url("lock", self.a_live))
        self.assertEqual(self.fresh(self.a_live).locked, self.can_lock)
        self.assertEqual(self.client.post(add_in(self.a_col), new).status_code, 302)
        self.assertTrue(ArticlePage.objects.child_of(self.a_col).filter(slug="intruder").exists())

    def test_live_page_of_b_cannot_be_unpublished(self):
        self.assertRefusedAll(("get", page_url("unpublish", self.b_live)), ("post", page_url("unpublish", self.b_live)))
        self.as_publisher(page_url("unpublish", self.a_live))
        self.assertFalse(self.fresh(self.a_live).live)

    def test_pages_cannot_be_moved_out_of_or_into_b(self):
        own = article(self.a_col, "Alpha own draft", owner=self.user)

        def confirm(page, to):
            return page_url("move_confirm", page, to.pk)

        self.assertRefusedAll(
            ("get", page_url("move", self.b_draft)),
            ("get", confirm(self.b_draft, self.a_col)),
            ("post", confirm(self.b_draft, self.b_col2)),
            ("post", confirm(self.b_draft, self.a_col)),
            ("get", confirm(own, self.b_col)),
            ("post", confirm(own, self.b_col)),
        )
        self.assertEqual(self.client.post(confirm(own, self.a_col2)).status_code, 302)
        self.assertEqual(self.fresh(own).get_parent().pk, self.a_col2.pk)

    def test_pages_cannot_be_copied_into_or_out_of_b(self):
        def copy(page, to, slug):
            return self.client.post(
                page_url("copy", page), {"new_title": "Copied", "new_slug": slug, "new_parent_page": to.pk}
            )

        with self.assertNothingChanges():
            self.assertRefused(self.client.get(page_url("copy", self.b_draft)))
            self.assertRefused(copy(self.b_draft, self.a_col, "leak"))
            self.assertFormRefused(copy(self.a_draft, self.b_col, "planted"), "new_parent_page")
        self.assertEqual(copy(self.a_draft, self.a_col2, "copied").status_code, 302)
        self.assertTrue(Page.objects.child_of(self.a_col2).filter(slug="copied").exists())

    def test_pages_of_b_cannot_be_deleted(self):
        own = article(self.a_col, "Alpha own draft", owner=self.user)
        self.assertRefusedAll(
            ("get", page_url("delete", self.b_draft)),
            ("post", page_url("delete", self.b_draft)),
            ("post", page_url("delete", self.b_live)),
        )
        self.assertEqual(self.client.post(page_url("delete", own)).status_code, 302)
        self.assertFalse(Page.objects.filter(pk=own.pk).exists())

    def test_page_of_b_cannot_be_reverted_to_an_earlier_revision(self):
        def revert(page):
            return page_url("revisions_revert", page, page.revisions.order_by("pk").first().pk)

        self.assertRefusedAll(
            ("get", revert(self.b_draft)),
            ("post", revert(self.b_draft), article_data(self.b_draft, title="Beta draft v1")),
        )
        response = self.client.post(revert(self.a_draft), article_data(self.a_draft, title="Alpha draft v1"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(self.a_draft).draft_title, "Alpha draft v1")

    def test_explorer_and_page_search_do_not_list_b(self):
        for page in (self.b_col, self.b_home):  # redirected to the user's own subtree
            response = self.client.get(url("wagtailadmin_explore", page.pk), follow=True)
            self.assertLists(response)
            self.assertEqual(response.context["parent_page"].pk, self.a_home.pk)
        self.assertLists(
            self.client.get(url("wagtailadmin_explore", self.a_col.pk)), "Alpha draft v2", "Alpha live news"
        )
        self.assertLists(
            self.client.get(url("wagtailadmin_explore", self.a_col.pk, q="news", search_all=1)), "Alpha live news"
        )
        for query, title in (("news", "Alpha live news"), ("draft", "Alpha draft v2")):
            self.assertLists(self.client.get(url("wagtailadmin_pages:search", q=query)), title)

    def test_page_chooser_does_not_show_b(self):
        self.assertRefusedAll(
            ("get", url("wagtailadmin_choose_page_child", self.b_col.pk)),
            ("get", url("wagtailadmin_choose_page_child", self.b_home.pk)),
        )
        self.assertLists(self.client.get(url("wagtailadmin_choose_page")))
        self.assertLists(self.client.get(url("wagtailadmin_choose_page_child", self.a_home.pk)))
        self.assertLists(
            self.client.get(url("wagtailadmin_choose_page_child", self.a_col.pk)), "Alpha live news", "Alpha draft v2"
        )
        for query, title in (("news", "Alpha live news"), ("draft", "Alpha draft v2")):
            self.assertLists(self.client.get(url("wagtailadmin_choose_page_search", q=query)), title)

    def test_page_chooser_chosen_response_does_not_show_b(self):
        ids = [self.a_draft.pk, self.b_draft.pk]
        self.assertLists(self.client.get(url("wagtailadmin_choose_page_chosen_multiple", id=ids)), "Alpha draft v2")

    def test_bulk_actions_on_b_pages_are_refused(self):
        own = article(self.a_col, "Alpha own draft", owner=self.user)

        def bulk(action, *pages):
            return bulk_url("wagtailcore", "page", action, *pages)

        b_pages = (self.b_draft, self.b_live)
        self.assertRefusedAll(
            *[
                request
                for action, data in (
                    ("delete", {}),
                    ("publish", {}),
                    ("unpublish", {}),
                    ("move", {"chooser": self.a_col.pk}),
                )
                for request in (("get", bulk(action, *b_pages)), ("post", bulk(action, *b_pages), data))
            ],
            ("get", bulk("delete", self.a_draft, self.b_draft)),
        )
        with self.assertNothingChanges():  # moving A's page into B is shown as not permitted
            response = self.client.post(bulk("move", own), {"chooser": self.b_col.pk})
            self.assertEqual(response.status_code, 200)
            self.assertTrue(response.context["pages_without_destination_access"])
        self.as_publisher(bulk("publish", self.a_draft))
        self.assertTrue(self.fresh(self.a_draft).live)
        self.assertEqual(self.client.post(bulk("delete", own)).status_code, 302)
        self.assertFalse(Page.objects.filter(pk=own.pk).exists())

    def test_reports_do_not_show_b(self):
        locked = self.client.get(url("wagtailadmin_reports:locked_pages"))
        if self.a_locked.permissions_for_user(self.user).can_unlock():
            self.assertLists(locked, "Alpha locked notice")
        else:
            self.assertRefused(locked)
        aging = self.client.get(url("wagtailadmin_reports:aging_pages"))
        self.assertLists(aging, *(["Alpha live news"] if self.can_publish else []))
        history = self.client.get(url("wagtailadmin_reports:site_history"))
        self.assertLists(history, "Alpha live news")
        self.assertRefused(self.client.get(page_url("history", self.b_live)))
        self.assertLists(self.client.get(page_url("history", self.a_live)), "Alpha live news")
        self.client.force_login(self.admin)  # control: these reports do name unit B's pages
        for report in ("locked_pages", "aging_pages", "site_history"):
            self.assertContains(
                self.client.get(url(f"wagtailadmin_reports:{report}")), "Beta l"
            )  # "Beta locked notice" / "Beta live news"


class MediaAndLinkIsolationMixin(RoleTestMixin):
    def check_collection_media(self, app, b_item, a_item, spare):
        def bulk(action, *items):
            return bulk_url(app, a_item._meta.model_name, action, *items)

        def data(unit, title):
            return {"title": title, "description": title, "collection": unit.collection_id, "tags": ""}

        chooser = f"{app}_chooser"
        self.assertRefusedAll(
            ("get", bulk("delete", b_item)),
            ("post", bulk("delete", b_item)),
            ("post", bulk("add_to_collection", b_item), {"collection": self.unit_a.collection_id}),
            ("post", bulk("add_tags", b_item, a_item), {"tags": "leak"}),
            ("get", url(f"{app}:edit", b_item.pk)),
            ("post", url(f"{app}:edit", b_item.pk), data(self.unit_b, "Hijacked")),
            ("get", url(f"{app}:delete", b_item.pk)),
            ("post", url(f"{app}:delete", b_item.pk)),
            ("get", url(f"{chooser}:chosen", b_item.pk)),
        )
        self.assertLists(self.client.get(url(f"{app}:index")), a_item.title)
        self.assertLists(self.client.get(url(f"{app}:index", q="Beta")))
        self.assertLists(self.client.get(url(f"{chooser}:choose")), a_item.title)
        response = self.client.post(url(f"{app}:edit", a_item.pk), data(self.unit_a, "Renamed"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(a_item).title, "Renamed")
        self.assertEqual(self.client.post(url(f"{app}:delete", spare.pk)).status_code, 302)
        self.assertFalse(type(spare).objects.filter(pk=spare.pk).exists())
        self.assertEqual(self.client.post(bulk("add_tags", a_item), {"tags": "kept"}).status_code, 302)
        self.assertEqual(list(self.fresh(a_item).tags.names()), ["kept"])

    def test_image_of_b_is_out_of_reach(self):
        spare = Image.objects.create(title="Alpha spare", file=get_test_image_file(), collection=self.unit_a.collection)
        self.check_collection_media("wagtailimages", self.b_image, self.a_image, spare)

    def test_document_of_b_is_out_of_reach(self):
        spare = Document.objects.create(
            title="Alpha spare", collection=self.unit_a.collection, file=ContentFile(b"x", name="spare.txt")
        )
        self.check_collection_media("wagtaildocs", self.b_document, self.a_document, spare)

    def test_unit_link_of_b_is_out_of_reach(self):
        ns = "wagtailsnippets_subsites_unitlink"
        chooser = "wagtailsnippetchoosers_subsites_unitlink"
        spare = UnitLink.objects.create(unit=self.unit_a, title="Alpha spare", url="https://x.cn/")

        def bulk_delete(*links):  # no link: "all"
            return bulk_url("subsites", "unitlink", "delete", *links)

        def data(unit, title):
            return {"unit": unit.pk, "title": title, "url": "https://y.cn/", "sort_order": "1"}

        self.assertRefusedAll(
            *[("get", url(f"{ns}:{view}", self.b_link.pk)) for view in ("edit", "delete", "history", "usage", "copy")],
            ("post", url(f"{ns}:edit", self.b_link.pk), data(self.unit_b, "Hijacked")),
            ("post", url(f"{ns}:edit", self.b_link.pk), data(self.unit_a, "Hijacked")),
            ("post", url(f"{ns}:delete", self.b_link.pk)),
            ("get", bulk_delete(self.b_link)),
            ("post", bulk_delete(self.b_link)),
            ("post", bulk_delete()),
            ("get", url(f"{chooser}:chosen", self.b_link.pk)),
        )
        with self.assertNothingChanges():  # creating a link for unit B is refused by the form
            self.assertFormRefused(self.client.post(url(f"{ns}:add"), data(self.unit_b, "Planted")), "unit")
        self.assertLists(self.client.get(url(f"{ns}:list")), "Alpha link")
        self.assertLists(self.client.get(url(f"{chooser}:choose")), "Alpha link")
        self.assertLists(self.client.get(url(f"{chooser}:choose_results", q="link")), "Alpha link")
        self.assertLists(
            self.client.get(url(f"{chooser}:chosen_multiple", id=[self.a_link.pk, self.b_link.pk])), "Alpha link"
        )
        self.assertLists(self.client.get(url(f"{ns}:history", self.a_link.pk)))
        self.assertEqual(self.client.get(url(f"{ns}:usage", self.a_link.pk)).status_code, 200)
        response = self.client.post(url(f"{ns}:edit", self.a_link.pk), data(self.unit_a, "Renamed"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.fresh(self.a_link).title, "Renamed")
        self.assertEqual(self.client.post(url(f"{ns}:delete", spare.pk)).status_code, 302)
        self.assertEqual(self.client.post(bulk_delete(self.a_link)).status_code, 302)
        self.assertFalse(UnitLink.objects.filter(pk__in=[spare.pk, self.a_link.pk]).exists())


class EditorIsolationTest(PageIsolationMixin, MediaAndLinkIsolationMixin, TwoUnitsTestCase):
    role = "editor"


class ReviewerIsolationTest(PageIsolationMixin, MediaAndLinkIsolationMixin, TwoUnitsTestCase):
    role = "reviewer"


class PlatformAdministrationTest(TwoUnitsTestCase):
    """Units, users and groups are managed by the portal administrator only."""

    def admin_urls(self):
        return [
            url("subsites_unit:index"),
            url("subsites_unit:edit", self.unit_b.pk),
            url("subsites_unit:apply_template", self.unit_b.pk),
            url("wagtailusers_users:index"),
            url("wagtailusers_users:edit", self.b_editor.pk),
            url("wagtailusers_groups:index"),
            url("wagtailusers_groups:edit", self.unit_b.editor_group_id),
        ]

    def test_unit_editors_and_reviewers_are_refused(self):
        posts = [
            url("subsites_unit:delete", self.unit_b.pk),
            url("subsites_unit:apply_template", self.unit_b.pk),
            url("wagtailusers_groups:delete", self.unit_b.editor_group_id),
        ]
        for user in (self.a_editor, self.a_reviewer):
            self.client.force_login(user)
            before = db_state()
            for address in self.admin_urls():
                self.assertIn(self.client.get(address).status_code, REFUSED, (user, address))
            for address in posts:
                self.assertIn(self.client.post(address).status_code, REFUSED, (user, address))
            self.assertEqual(db_state(), before)

    def test_portal_administrator_reaches_them(self):
        self.client.force_login(self.admin)
        for address in self.admin_urls():
            self.assertEqual(self.client.get(address).status_code, 200, address)
