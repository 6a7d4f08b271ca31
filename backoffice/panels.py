"""Dashboard panels: "待我处理" (what waits for a reviewer or leader, with counts) and "写信息" (one
button per column the user writes in)."""

from wagtail.admin.ui.components import Component

from .waiting import waiting_for
from .writing import writable_columns


class UserPanel(Component):
    """A dashboard panel showing what `listing(user)` gives, as the template variable `context_name`."""

    def __init__(self, user, name, order, template_name, context_name, listing):
        self.user, self.name, self.order, self.template_name = user, name, order, template_name
        self.context_name, self.listing = context_name, listing

    def get_context_data(self, parent_context):
        return {self.context_name: self.listing(self.user)}


def waiting_panel(user):
    return UserPanel(user, "waiting_for_you", 5, "backoffice/waiting_panel.html", "waiting", waiting_for)


def write_panel(user):
    return UserPanel(user, "write_item", 10, "backoffice/write_panel.html", "columns", writable_columns)
