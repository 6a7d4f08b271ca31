"""写信息: the one-step way to write an item — straight to the editor of the column's own item type."""

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button
from wagtail.models import GroupPagePermission

from content.models import ColumnPage
from content.models.columns import item_types

# Columns offered on the dashboard at most (a unit has about fifteen).
DASHBOARD_COLUMNS = 24


def item_model(column, user):
    """The item type an editor writes in `column` (its first own item type they may create), or None."""
    if not column.permissions_for_user(user).can_add_subpage():
        return None
    for label in item_types().get(column.column_type, []):
        model = _model(label)
        if model is not None and model.can_create_at(column):
            return model
    return None


def write_url(column, model):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, column.pk])


def writable_columns(user):
    """(column, url) of the columns the user writes items in: their units' columns (the portal's for an
    administrator without unit groups)."""
    roots = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    columns = ColumnPage.objects.live().filter(column_type__in=list(item_types())).order_by("path")
    if roots:
        scope = Q()
        for path in set(roots):
            scope |= Q(path__startswith=path)
        columns = columns.filter(scope)
    elif user.is_superuser:
        columns = columns.filter(depth=3)
    else:
        return []
    found = []
    for column in columns.exclude(syndication__gt="")[: DASHBOARD_COLUMNS * 2]:
        model = item_model(column, user)
        if model is not None:
            found.append((column, write_url(column, model)))
    return found[:DASHBOARD_COLUMNS]


def write_button(page, user, priority=1):
    """The "写信息" button of a column the user may write in (None otherwise)."""
    column = page.specific
    if not isinstance(column, ColumnPage):
        return None
    model = item_model(column, user)
    if model is None:
        return None
    return Button(
        _("Write an item"),
        write_url(column, model),
        icon_name="edit",
        priority=priority,
        attrs={"aria-label": _("Write an item in %(column)s") % {"column": column.title}},
    )


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None
