"""Supervision cannot be gamed by the supervised: a column's type, freshness class and syndication are
set by the portal centre only, and each change is in the audit log."""
from django.test import TestCase
from wagtail.models import PageLogEntry

from content.models import ColumnPage
from tests.factories import make_role_users, make_unit, make_user
from tests.moderation_helpers import post_editor_action


class ColumnClassificationTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.unit = make_unit("jyj", name="云溪县教育局")
        cls.editor, cls.reviewer, cls.leader = make_role_users(cls.unit)
        cls.admin = make_user("portal-admin", superuser=True)
        cls.column = ColumnPage.objects.child_of(cls.unit.home_page).get(slug="gzdt")

    def latest(self):
        return ColumnPage.objects.get(pk=self.column.pk).get_latest_revision_as_object()

    def test_unit_staff_cannot_change_the_classification(self):
        for user in (self.editor, self.reviewer):
            self.client.force_login(user)
            post_editor_action(self.client, self.column, "save", column_type="overview", freshness="static",
                               seo_title="本局动态")
            latest = self.latest()
            self.assertEqual((latest.column_type, latest.freshness), ("news", ""))
            self.assertEqual(latest.seo_title, "本局动态")  # the rest of the edit is kept
        self.assertFalse(PageLogEntry.objects.filter(action="moderation.centre_field_change").exists())

    def test_the_portal_centre_can_and_the_change_is_audited(self):
        self.client.force_login(self.admin)
        post_editor_action(self.client, self.column, "save", freshness="static")
        self.assertEqual(self.latest().freshness, "static")
        entry = PageLogEntry.objects.get(page=self.column, action="moderation.centre_field_change")
        self.assertEqual(entry.data, {"freshness": ["", "static"]})
        self.assertEqual(entry.user, self.admin)
