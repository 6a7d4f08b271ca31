"""Dashboard panels: "待我处理" (what waits for a reviewer or leader, with counts) and "写信息" (one
button per column the user writes in)."""
from wagtail.admin.ui.components import Component

from .waiting import waiting_for
from .writing import writable_columns


class WaitingPanel(Component):
    name = "waiting_for_you"
    order = 5
    template_name = "backoffice/waiting_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"waiting": waiting_for(self.user)}


class WritePanel(Component):
    name = "write_item"
    order = 10
    template_name = "backoffice/write_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"columns": writable_columns(self.user)}
