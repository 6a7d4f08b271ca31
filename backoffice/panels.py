"""Dashboard panel "写信息": one button per column the user writes in."""
from wagtail.admin.ui.components import Component

from .writing import writable_columns


class WritePanel(Component):
    name = "write_item"
    order = 10
    template_name = "backoffice/write_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {"columns": writable_columns(self.user)}
