"""Driving the Wagtail page editor and workflow actions over HTTP, as editors and approvers do."""

from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import querydict_from_html


def edit_form_data(client, page):
    """The page editor's form exactly as the browser would submit it unchanged."""
    return page_form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]))


def page_form_data(client, address):
    """The page form at `address` (editor, revert to a revision) as the browser would submit it."""
    response = client.get(address)
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    # A checked checkbox without a value attribute is sent as "on" by browsers.
    form = WagtailTestUtils.get_soup(html).find("form", attrs={"id": "page-edit-form"})
    for box in form.find_all("input", type="checkbox", checked=True):
        if "value" not in box.attrs:
            data[box["name"]] = "on"
    return data


def post_editor_action(client, page, action, **changes):
    """Submit the editor form with one action button (submit, publish, save draft …) and changes."""
    data = edit_form_data(client, page)
    for name, value in changes.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    data[f"action-{action}"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def workflow_action(client, page, action, comment=""):
    """Approve or reject the page's current task through the workflow action view."""
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, follow=True)
