"""Every admin URL that names an object by id refuses unit A's users for unit B's objects.

The test walks the URL configuration: each admin pattern with an object id in its path must
have a case here (which of unit B's objects to put in each id), or the test fails naming it.
For each case, unit A's editor and reviewer are refused by GET and POST and nothing changes;
the portal administrator reaches the same URL (so the case names a real object, and a
refusal is not a 404 from a wrong id). The covered views are listed in the test's output.
"""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import get_resolver
from django.urls.resolvers import URLResolver
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Task, UploadedFile

from base.models import MourningPeriod
from content.models import InterviewPage, NewMediaAccount, SurveyPage
from interaction.interviews import InterviewQuestion, TranscriptEntry
from interaction.models import CalendarDay, Case
from interaction.surveys import SurveyResponse
from moderation.models import SensitiveTerm
from search.models import Synonym
from supervision.models import InspectionReport
from tests.test_isolation import REFUSED, RoleTestMixin, TwoUnitsTestCase
from tests.test_isolation_paths import start_workflow

OBJECT_IDS = {
    "pk",
    "page_id",
    "image_id",
    "parent_page_id",
    "uploaded_file_id",
    "page_to_move_id",
    "revision_id",
    "document_id",
    "task_state_id",
    "task_id",
    "page_pk",
    "session_id",
    "redirect_id",
    "doc_id",
    "destination_id",
    "workflow_state_id",
    "collection_id",
    "workflow_pk",
    "object_id",
}

# Words in paths that are not object ids.
WORDS = {
    "action_name": "approve",
    "content_type_app_name": "content",
    "content_type_model_name": "articlepage",
    "app_name": "subsites",
    "model_name": "siteidentity",
    "filter_spec": "original",
}
VIEW_WORDS = {
    "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
    "wagtailadmin_api:pages:action": {"action_name": "unpublish"},
}

# Which of unit B's objects (or which global object) a "pk" names, by URL namespace.
PK_BY_NAMESPACE = {
    "interaction_calendar": "calendar_day",
    "interaction_case": "b_case",
    "interaction_survey": "b_survey_response",
    "interaction_transcript": "b_transcript_entry",
    "interaction_interview_question": "b_interview_question",
    "subsites_unit": "unit_b",
    "supervision_report": "report",
    "supervision_report_xlsx": "report",
    "wagtailadmin_collections": "b_collection",
    "wagtailadmin_workflows": "b_workflow",
    "wagtaildocs": "b_document",
    "wagtaildocs_chooser": "b_document",
    "wagtailimages": "b_image",
    "wagtailimages_chooser": "b_image",
    "wagtailredirects": "b_redirect",
    "wagtailsettings": "b_site",
    "wagtailsites": "b_site",
    "wagtailusers_groups": "b_group",
    "wagtailusers_users": "b_editor",
    "wagtailadmin_api:documents": "b_document",
    "wagtailadmin_api:images": "b_image",
    "wagtailadmin_api:pages": "b_draft",
    "wagtailsnippets_base_mourningperiod": "mourning",
    "wagtailsnippetchoosers_base_mourningperiod": "mourning",
    "wagtailsnippets_moderation_sensitiveterm": "term",
    "wagtailsnippetchoosers_moderation_sensitiveterm": "term",
    "wagtailsnippets_search_synonym": "synonym",
    "wagtailsnippetchoosers_search_synonym": "synonym",
    "wagtailsnippets_subsites_unitlink": "b_link",
    "wagtailsnippetchoosers_subsites_unitlink": "b_link",
    "wagtailsnippets_content_newmediaaccount": "b_account",
    "wagtailsnippetchoosers_content_newmediaaccount": "b_account",
    "two_factor_reset": "b_editor",
}

BY_KWARG = {
    "page_id": "b_draft",
    "parent_page_id": "b_col",
    "page_to_move_id": "b_draft",
    "page_pk": "b_home",
    "destination_id": "b_col2",
    "image_id": "b_image",
    "document_id": "b_document",
    "doc_id": "b_document",
    "revision_id": "b_revision",
    "task_state_id": "b_task_state",
    "task_id": "b_task",
    "workflow_state_id": "b_workflow_state",
    "workflow_pk": "b_workflow",
    "session_id": "b_session",
    "uploaded_file_id": "b_upload",
    "redirect_id": "b_redirect",
    "collection_id": "b_collection",
    "object_id": "b_draft",
}

TASK_VIEWS = {"edit_task", "disable_task", "enable_task", "task_chosen"}

# Views that answer the portal administrator 404 (or refuse him) for these objects, and why.
ADMIN_NOT_FOUND = {
    "wagtailforms:list_submissions": "B's draft is not a form page",
    "wagtailforms:list_submissions_results": "B's draft is not a form page",
    "wagtailforms:delete_submissions": "B's draft is not a form page",
    "wagtailadmin_pages:convert_alias": "B's draft is not an alias",
    "wagtailadmin_pages:revisions_unschedule": "the revision is not scheduled",
    "wagtailimages:create_multiple_from_uploaded_image": "the upload is a document",
    "wagtaildocs:create_multiple_from_uploaded_document": "an upload only its uploader may use",
    "wagtailimages:delete_upload_multiple": "the upload is a document",
    "wagtaildocs:delete_upload_multiple": "an upload only its uploader may use",
    "wagtailadmin_editing_sessions:ping": "a session only its user may ping",
    "wagtailadmin_editing_sessions:release": "a session only its user may release",
    "wagtailadmin_workflows:remove": "the page is not in that workflow by itself",
    "wagtailsettings:preview_on_edit": "a preview shows only data posted to it first",
    "wagtailimages:url_generator": "no dynamic image serve view is configured",
    "wagtailimages:url_generator_output": "no dynamic image serve view is configured",
    "interaction_case:attachment": "the case has no attachment",
}


# Views that answer alike for any id, and why that reaches nothing (the database is still checked).
ANSWERS_ALIKE = {
    "wagtailadmin_editing_sessions:release": "deletes only the requesting user's own session",
}


def admin_patterns():
    """(view name, route, [path keywords]) of every admin URL pattern with an object id."""
    found = []

    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern,
                    prefix + str(pattern.pattern),
                    namespace + (f"{pattern.namespace}:" if pattern.namespace else ""),
                )
                continue
            route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", prefix + str(pattern.pattern))
            route = route.replace("^", "").replace("$", "")
            keywords = re.findall(r"<(?:\w+:)?(\w+)>", route)
            if route.startswith("admin/") and OBJECT_IDS & set(keywords) and pattern.name:
                found.append((namespace + pattern.name, route, keywords))

    walk(get_resolver(), "", "")
    return found


class AdminURLIsolationTest(RoleTestMixin, TwoUnitsTestCase):
    role = "editor"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.b_draft = start_workflow(cls.b_draft, cls.b_editor)
        cls.b_revision = cls.b_draft.revisions.order_by("pk").first()
        cls.b_task_state = cls.b_draft.current_workflow_task_state
        cls.b_workflow_state = cls.b_task_state.workflow_state
        cls.b_workflow = cls.b_workflow_state.workflow
        cls.b_task = Task.objects.get(pk=cls.b_task_state.task_id)
        cls.b_session = EditingSession.objects.create(
            user=cls.b_editor, content_object=cls.b_draft.page_ptr, last_seen_at=timezone.now()
        )
        cls.b_upload = UploadedFile.objects.create(file=ContentFile(b"x", name="b.txt"), uploaded_by_user=cls.b_editor)
        cls.b_redirect = Redirect.objects.create(
            old_path="/beta-old", site=cls.unit_b.site, redirect_link="https://b.example.cn/"
        )
        cls.b_collection, cls.b_site = cls.unit_b.collection, cls.unit_b.site
        cls.b_group = Group.objects.get(pk=cls.unit_b.editor_group_id)
        code, password = Case.new_credentials()
        from interaction.workflow import submit

        cls.b_case = submit(
            Case(
                kind="consultation",
                unit=cls.unit_b,
                tracking_code=code,
                title="Beta case",
                body="x",
                name="王五",
                phone="13800000000",
                submission_token="6b1f5a0e-0000-4000-8000-000000000001",
            ),
            password,
        )
        cls.calendar_day = CalendarDay.objects.create(date="2026-10-10", is_workday=True)
        cls.report = InspectionReport.objects.create(
            period_kind="month", year=2026, number=1, generated_at=timezone.now()
        )
        cls.term = SensitiveTerm.objects.create(kind="banned", term="禁用词")
        cls.synonym = Synonym.objects.create(terms="低保, 最低生活保障")
        cls.b_account = NewMediaAccount.objects.create(
            unit=cls.unit_b, name="Beta account", platform="wechat", opened_on="2026-01-01", last_updated="2026-01-02"
        )
        now = timezone.now()
        survey = SurveyPage(title="Beta survey", slug="beta-survey", opens_at=now, closes_at=now + timedelta(days=9))
        interview = InterviewPage(
            title="Beta interview", slug="beta-interview", starts_at=now, ends_at=now + timedelta(hours=2)
        )
        for page in (survey, interview):
            cls.b_col.add_child(instance=page)
        cls.b_survey_response = SurveyResponse.objects.create(page=survey, visitor_key="beta", opinion="x")
        cls.b_transcript_entry = TranscriptEntry.objects.create(page=interview, speaker="主持人", text="x")
        cls.b_interview_question = InterviewQuestion.objects.create(page=interview, text="x")
        cls.mourning = MourningPeriod.objects.create(
            reason="悼念", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(days=1)
        )

    def shows_unit_b(self, response):
        try:
            self.assertHidesUnitB(response)
        except AssertionError:
            return True
        return False

    def object_for(self, view_name, keyword):
        namespace, _colon, name = view_name.rpartition(":")
        if keyword == "pk":
            if namespace == "wagtailadmin_workflows" and name in TASK_VIEWS:
                return self.b_task
            attr = PK_BY_NAMESPACE.get(namespace) or PK_BY_NAMESPACE.get(view_name)
        elif view_name == "moderation_correct_publication_time":
            attr = "b_live"  # only a published page has a first publication time
        else:
            attr = BY_KWARG.get(keyword)
        return getattr(self, attr) if attr else None

    def address(self, view_name, route, keywords):
        values, words = {}, {**WORDS, **VIEW_WORDS.get(view_name, {})}
        for keyword in keywords:
            if keyword in words:
                values[keyword] = words[keyword]
                continue
            obj = self.object_for(view_name, keyword)
            if obj is None:
                return None
            values[keyword] = obj.pk
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)

    def test_every_admin_view_with_an_object_id_refuses_other_units_objects(self):
        cases, missing = [], []
        for view_name, route, keywords in admin_patterns():
            address = self.address(view_name, route, keywords)
            (cases if address else missing).append((view_name, address or route))
        self.assertFalse(
            missing,
            "admin views with an object id but no isolation case: "
            + ", ".join(f"{name} ({route})" for name, route in missing),
        )
        answered = []
        for user in (self.a_editor, self.a_reviewer):
            self.client.force_login(user)
            with self.assertNothingChanges():
                for view_name, address in cases:
                    for method in ("get", "post"):
                        response = getattr(self.client, method)(address)
                        refused = response.status_code in REFUSED + (405,) or view_name in ANSWERS_ALIKE
                        if not refused or self.shows_unit_b(response):
                            answered.append(f"{user} {method} {view_name} {address}: {response.status_code}")
        self.assertFalse(answered, "unit B's objects reached:\n" + "\n".join(answered))
        self.client.force_login(self.admin)
        not_found = [
            f"{view_name} {address}"
            for view_name, address in cases
            if view_name not in ADMIN_NOT_FOUND and self.client.get(address).status_code == 404
        ]
        self.assertFalse(not_found, "cases naming no object:\n" + "\n".join(not_found))
        print(f"\nAdmin views with object ids covered ({len(cases)}):")
        for view_name, address in sorted(cases):
            print(f"  {view_name}  {address}")
