"""Permission names read in Chinese: `migrate` renames the English names Django stores ("Can add case"),
also in a database that holds them from before (`backoffice/permission_names.py`)."""

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import TestCase

from tests.factories import make_user


class PermissionNamesTest(TestCase):
    def test_migrate_names_stored_permissions_in_chinese_and_the_group_editor_shows_them(self):
        Permission.objects.filter(codename="add_case").update(name="Can add case")
        Permission.objects.filter(codename="lock_page").update(name="Lock/unlock pages you've locked")
        call_command("migrate", verbosity=0)
        self.assertEqual(Permission.objects.get(codename="add_case").name, "可添加留言")
        self.assertEqual(Permission.objects.get(codename="lock_page").name, "锁定/解锁你已锁定的页面")
        self.client.force_login(make_user("admin", superuser=True))
        html = self.client.get("/admin/groups/new/").content.decode()
        self.assertIn("可添加留言", html)
        self.assertNotIn("Can add", html)
