"""Cross-unit paths the first isolation suite did not cover: the admin API, workflow views,
reports, autocomplete, choosers' later steps, references between units, the sensitivity mark
on revert, and the public case page.

Like tests/test_isolation.py, every refusal is paired with the same action on unit A that
works, so that no test can pass vacuously.
"""

import json
import uuid
from contextlib import contextmanager
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Workflow
from wagtail.test.utils.form_data import rich_text

from content.models import InterpretationPage, NewsPage, PolicyPage
from content.vocabularies import PolicyKind
from interaction.models import Case
from moderation.models import UnitReviewTask
from tests.moderation_helpers import page_form_data
from tests.test_content_pages import address, column, publish
from tests.test_isolation import (
    RoleTestMixin,
    TwoUnitsTestCase,
    article,
    article_data,
    body,
    page_url,
    url,
)


def start_workflow(page, user):
    Workflow.objects.get(workflow_pages__page=page.get_unit().home_page).start(page, user)
    return type(page).objects.get(pk=page.pk)


class AdminAPIAndChooserMixin(RoleTestMixin):
    def api(self, resource, *path, **query):
        return (
            url(f"wagtailadmin_api:{resource}:listing")
            + "".join(f"{part}/" for part in path)
            + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")
        )

    def test_admin_api_lists_only_the_units_images_and_documents(self):
        for resource, a_item, b_item in (
            ("images", self.a_image, self.b_image),
            ("documents", self.a_document, self.b_document),
        ):
            listing = self.client.get(self.api(resource, fields="title"))
            self.assertLists(listing, a_item.title)
            self.assertEqual([item["id"] for item in listing.json()["items"]], [a_item.pk])
            self.assertLists(self.client.get(self.api(resource, search="Beta")))
            self.assertLists(self.client.get(self.api(resource, title=b_item.title)))
            self.assertRefusedAll(
                ("get", self.api(resource, b_item.pk)), ("get", self.api(resource, "find", id=b_item.pk))
            )
            self.assertLists(self.client.get(self.api(resource, a_item.pk)), a_item.title)

    def test_admin_api_pages_stay_within_reach(self):
        self.assertRefusedAll(
            ("get", self.api("pages", self.b_draft.pk)), ("get", self.api("pages", "find", id=self.b_draft.pk))
        )
        self.assertLists(self.client.get(self.api("pages", child_of=self.a_col.pk)), "Alpha live news")

    def test_image_format_step_refuses_an_image_of_b(self):
        def select_format(image):
            return url("wagtailimages_chooser:select_format", image.pk)

        data = {"image-chooser-insertion-format": "fullwidth", "image-chooser-insertion-image_is_decorative": "on"}
        self.assertRefusedAll(("get", select_format(self.b_image)), ("post", select_format(self.b_image), data))
        self.assertEqual(self.client.get(select_format(self.a_image)).status_code, 200)
        response = self.client.post(select_format(self.a_image), data)
        self.assertEqual(response.json()["step"], "chosen")

    def test_global_dictionaries_have_no_chooser_for_unit_users(self):
        for model in ("moderation/sensitiveterm", "search/synonym"):
            self.assertRefusedAll(
                ("get", f"/admin/snippets/choose/{model}/"), ("get", f"/admin/snippets/choose/{model}/results/")
            )
            self.client.force_login(self.admin)
            self.assertEqual(self.client.get(f"/admin/snippets/choose/{model}/").status_code, 200)
            self.client.force_login(self.user)

    def test_unit_link_chooser_offers_no_creation_step(self):
        create = "/admin/snippets/choose/subsites/unitlink/create/"
        data = {"title": "Chooser link", "url": "https://c.example.cn/", "sort_order": "1"}
        self.assertRefusedAll(
            ("get", create),
            ("post", create, {**data, "unit": self.unit_b.pk}),
            ("post", create, {**data, "unit": self.unit_a.pk}),
        )
        chooser = self.client.get("/admin/snippets/choose/subsites/unitlink/")
        self.assertLists(chooser, "Alpha link")


class WorkflowAndReportMixin(RoleTestMixin):
    def assertRefusedSilently(self, method, address):
        """Refused, and the message flashed for the next page does not name unit B's page."""
        with self.assertNothingChanges():
            self.assertRefused(getattr(self.client, method)(address))
        self.assertHidesUnitB(self.client.get(url("wagtailadmin_home")))

    def test_workflow_views_do_not_answer_for_pages_of_b(self):
        b_page = start_workflow(self.b_draft, self.b_editor)
        a_page = start_workflow(self.a_draft, self.a_editor)
        b_state, a_state = b_page.current_workflow_task_state, a_page.current_workflow_task_state
        a_task = UnitReviewTask.objects.get(groups=self.unit_a.reviewer_group)
        for method, target in (
            ("get", url("wagtailadmin_pages:workflow_preview", b_page.pk, a_task.pk)),
            ("get", url("wagtailadmin_pages:workflow_preview", b_page.pk, b_state.task_id)),
            ("get", url("wagtailadmin_pages:collect_workflow_action_data", b_page.pk, "reject", b_state.pk)),
            ("post", url("wagtailadmin_pages:workflow_action", b_page.pk, "approve", b_state.pk)),
            ("post", url("wagtailadmin_pages:workflow_action", b_page.pk, "approve", a_state.pk)),
            ("get", url("wagtailadmin_pages:confirm_workflow_cancellation", b_page.pk)),
        ):
            self.assertRefusedSilently(method, target)
        response = self.client.get(url("wagtailadmin_pages:confirm_workflow_cancellation", a_page.pk))
        self.assertEqual(response.status_code, 200)

    def test_reports_and_autocomplete_do_not_show_b(self):
        b_news = NewsPage(title="Beta tagged news", body="<p>x</p>", live=False)
        b_news.tags.add("betaonlytag")
        self.b_col.add_child(instance=b_news)
        b_news.save_revision(user=self.b_editor)
        a_news = NewsPage(title="Alpha tagged news", body="<p>x</p>", live=False)
        a_news.tags.add("alphaonlytag")
        self.a_col.add_child(instance=a_news)
        a_news.save_revision(user=self.a_editor)
        start_workflow(self.b_draft, self.b_editor)
        start_workflow(self.a_draft, self.a_editor)
        for term in ("betaonly", "alphaonly"):
            response = self.client.get(url("wagtailadmin_tag_autocomplete", term=term))
            self.assertNotIn("betaonlytag", body(response))
        self.assertIn("alphaonlytag", body(response))
        usage = url("wagtailadmin_reports:page_types_usage")
        for query in ({"site": self.unit_b.site_id}, {}):
            response = self.client.get(usage, query)
            self.assertIn(response.status_code, (200, 302, 403, 404))
            self.assertHidesUnitB(response)
        for report in ("site_history", "workflow", "workflow_tasks"):
            response = self.client.get(url(f"wagtailadmin_reports:{report}"))
            self.assertHidesUnitB(response)
            text = body(response)
            for name in (self.b_editor.get_full_name(), self.b_editor.username):
                self.assertNotIn(name, text, f"{report}: {text[text.find(name) - 300 :][:400]}")
        self.assertIn("Alpha draft", body(self.client.get(url("wagtailadmin_reports:workflow"))))


class SensitivityRevertMixin(RoleTestMixin):
    """An item marked sensitive keeps its mark when reverted by someone who may not clear it."""

    def marked_page(self):
        page = article(self.a_col, "Alpha marked", owner=self.a_editor)
        page.sensitivity = "sensitive"
        page.save_revision(user=self.a_editor)
        return page

    def marks(self, page):
        return type(page).objects.get(pk=page.pk).get_latest_revision_as_object().sensitivity_marks

    def first_revision(self, page):
        return page.revisions.order_by("pk").first()

    def test_revert_in_the_admin_keeps_the_mark(self):
        page = self.marked_page()
        address = page_url("revisions_revert", page, self.first_revision(page).pk)
        data = page_form_data(self.client, address)
        self.assertEqual(data.getlist("sensitivity"), [] if self.role == "reviewer" else ["sensitive"])
        data.setlist("sensitivity", [])
        response = self.client.post(address, {**data.dict(), "action-submit": "1"})
        if self.role == "editor":
            self.assertEqual(response.status_code, 200)
            self.assertIn("sensitivity", response.context["form"].errors)
            self.assertEqual(self.marks(page), ["sensitive"])
            self.assertIsNone(type(page).objects.get(pk=page.pk).current_workflow_state)
        else:
            self.assertEqual(response.status_code, 302)
            self.assertEqual(self.marks(page), [])

    def test_revert_through_the_admin_api_keeps_the_mark(self):
        page = self.marked_page()
        response = self.client.post(
            url("wagtailadmin_api:pages:action", page.pk, "revert_to_page_revision"),
            json.dumps({"revision_id": self.first_revision(page).pk}),
            content_type="application/json",
        )
        if self.role == "editor":
            self.assertEqual(response.status_code, 400)
            self.assertEqual(self.marks(page), ["sensitive"])
        else:
            self.assertEqual(response.status_code, 200)
            self.assertEqual(self.marks(page), [])

    def test_copy_keeps_the_mark(self):
        page = self.marked_page()
        response = self.client.post(
            page_url("copy", page),
            {"new_title": "Alpha marked copy", "new_slug": "marked-copy", "new_parent_page": self.a_col2.pk},
        )
        self.assertEqual(response.status_code, 302)
        copy = type(page).objects.get(slug="marked-copy")
        self.assertEqual(self.marks(copy), ["sensitive"])


class ReferenceMixin(RoleTestMixin):
    """A page references only what its author may choose: the unit's media, and other units' live pages."""

    @contextmanager
    def assertNoNewRevision(self, page):
        """The form is shown again (an editing session may start) and no revision is saved."""
        before = self.fresh(page).latest_revision_id
        yield
        self.assertEqual(self.fresh(page).latest_revision_id, before)

    def post_edit(self, **changes):
        return self.client.post(page_url("edit", self.a_draft), article_data(self.a_draft, **changes))

    def assertRejected(self, response, field):
        self.assertEqual(response.status_code, 200, field)
        self.assertIn(field, response.context["form"].errors)
        self.assertNotIn("Beta draft", self.fresh(self.a_draft).get_latest_revision_as_object().body)

    def test_rich_text_cannot_embed_media_of_b_or_link_drafts_of_b(self):
        def embed(image):
            return f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'

        def link(model, obj):
            return f'<p><a linktype="{model}" id="{obj.pk}">Beta draft link</a></p>'

        with self.assertNoNewRevision(self.a_draft):
            for html in (embed(self.b_image), link("document", self.b_document), link("page", self.b_draft)):
                self.assertRejected(self.post_edit(body=rich_text(html)), "body")
        for html in (
            embed(self.a_image),
            link("document", self.a_document),
            link("page", self.a_draft),
            link("page", self.b_live),
        ):
            self.assertEqual(self.post_edit(body=rich_text(html)).status_code, 302, html)

    def test_news_fields_cannot_reference_media_of_b(self):
        news = NewsPage(title="Alpha news", body="<p>x</p>", live=False)
        self.a_col.add_child(instance=news)
        news.save_revision(user=self.a_editor)
        address = page_url("edit", news)
        data = page_form_data(self.client, address)
        with self.assertNoNewRevision(news):
            for field, value in (("cover", self.b_image.pk), ("video_file", self.b_document.pk)):
                response = self.client.post(address, {**data.dict(), field: value})
                self.assertEqual(response.status_code, 200, field)
                self.assertIn(field, response.context["form"].errors)
            gallery = {
                **data.dict(),
                "gallery_images-TOTAL_FORMS": "1",
                "gallery_images-0-image": self.b_image.pk,
                "gallery_images-0-caption": "",
                "gallery_images-0-ORDER": "1",
                "gallery_images-0-id": "",
            }
            response = self.client.post(address, gallery)
            self.assertEqual(response.status_code, 200)
        response = self.client.post(
            address,
            {
                **gallery,
                "gallery_images-0-image": self.a_image.pk,
                "cover": self.a_image.pk,
                "video_file": self.a_document.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        saved = self.fresh(news).get_latest_revision_as_object()
        self.assertEqual((saved.cover_id, saved.video_file_id), (self.a_image.pk, self.a_document.pk))


class EditorPathsTest(
    AdminAPIAndChooserMixin, WorkflowAndReportMixin, SensitivityRevertMixin, ReferenceMixin, TwoUnitsTestCase
):
    role = "editor"


class ReviewerPathsTest(
    AdminAPIAndChooserMixin, WorkflowAndReportMixin, SensitivityRevertMixin, ReferenceMixin, TwoUnitsTestCase
):
    role = "reviewer"


class CaseCodeOracleTest(TestCase):
    """The public case page answers alike for an existing and an unknown tracking code."""

    def test_existing_and_unknown_codes_look_the_same(self):
        from interaction.workflow import submit
        from tests.factories import make_unit

        unit = make_unit("gamma")
        code, password = Case.new_credentials()
        case = submit(
            Case(
                kind="consultation",
                unit=unit,
                tracking_code=code,
                title="问题",
                body="内容",
                submission_token=uuid.uuid4(),
                name="王五",
                phone="13800000000",
            ),
            password,
        )
        known = self.client.get(reverse("interaction:case", args=[case.tracking_code]))
        unknown = self.client.get(reverse("interaction:case", args=["ZZZZZZZZZZ"]))
        self.assertEqual((known.status_code, known.get("Location")), (unknown.status_code, unknown.get("Location")))
        for view in ("interaction:correct",):
            known = self.client.get(reverse(view, args=[case.tracking_code]))
            unknown = self.client.get(reverse(view, args=["ZZZZZZZZZZ"]))
            self.assertEqual(known.status_code, unknown.status_code)


class CrossUnitInterpretationTest(TwoUnitsTestCase):
    """Unit A's interpretation of unit B's policy shows on B's policy page only once B accepts it."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.policy = publish(
            column(cls.unit_b, "zcwj"),
            PolicyPage(
                title="Beta policy",
                slug="beta-policy",
                policy_kind=PolicyKind.OTHER,
                issuing_authority="Beta",
                written_date=date(2026, 1, 5),
                body="<p>x</p>",
            ),
        )
        cls.interpretation = publish(
            column(cls.unit_a, "zcjd"),
            InterpretationPage(title="Alpha reading of the Beta policy", slug="reading", policy=cls.policy),
        )

    def listed(self):
        self.client.logout()
        host, path = address(self.policy)
        response = self.client.get(path, HTTP_HOST=host)
        self.assertEqual(response.status_code, 200)
        return "Alpha reading" in response.content.decode()

    def decide(self, user, action="accept"):
        self.client.force_login(user)
        return self.client.post(reverse("moderation_policy_links"), {"page": self.interpretation.pk, "action": action})

    def test_the_policy_unit_accepts_before_it_is_listed(self):
        self.assertFalse(self.listed())
        for user in (self.a_editor, self.a_reviewer, self.b_editor):
            self.assertEqual(self.decide(user).status_code, 404)
        self.assertFalse(self.listed())
        self.client.force_login(self.b_reviewer)
        self.assertContains(self.client.get(reverse("moderation_policy_links")), "Alpha reading")
        self.assertEqual(self.decide(self.b_reviewer).status_code, 302)
        self.assertTrue(self.listed())
        self.decide(self.b_reviewer, "withdraw")
        self.assertFalse(self.listed())

    def test_the_policy_carries_the_interpretations_text_in_search_only_once_accepted(self):
        with self.captureOnCommitCallbacks(execute=True):
            publish(
                column(self.unit_a, "zcjd"),
                InterpretationPage(
                    title="Alpha second reading",
                    slug="second-reading",
                    policy=self.policy,
                    body="<p>梧桐树苗补贴按株发放。</p>",
                ),
            )

        def found():
            call_command("process_search_queue", stdout=StringIO())
            self.client.logout()
            # searched on B's site: only B's pages answer, by their own text (a family joins no page here)
            data = self.client.get("/api/search/", {"q": "梧桐树苗"}, HTTP_HOST=address(self.policy)[0]).json()
            return [result["slug"] for result in data["results"]]

        self.assertEqual(found(), [])
        second = InterpretationPage.objects.get(slug="second-reading")
        self.client.force_login(self.b_reviewer)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("moderation_policy_links"), {"page": second.pk, "action": "accept"})
        self.assertIn("beta-policy", found())

    def test_own_units_interpretation_needs_no_acceptance(self):
        own = publish(
            column(self.unit_b, "zcjd"),
            InterpretationPage(title="Beta own reading", slug="own-reading", policy=self.policy),
        )
        self.assertIn(own, self.policy.interpretations())
        self.assertNotIn(self.interpretation, self.policy.interpretations())
