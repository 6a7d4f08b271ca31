"""The units' admin: creating a unit generates its subsite (home/provisioning.py), deactivating
withdraws it, deleting removes what was generated; "apply subsite template" completes a subsite."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from subsites.accounts import ROLES, create_role_account
from subsites.models import SiteIdentity, Unit
from subsites.unit_forms import create_panel

from .provisioning import apply_template, delete_unit, withdraw_subsite


def _report_created(request, unit, created):
    if created:
        messages.success(
            request,
            _("Subsite of “%(unit)s” updated; created: %(items)s.")
            % {"unit": unit.name, "items": "、".join(str(item) for item in created)},
        )
    else:
        messages.info(
            request, _("The subsite of “%(unit)s” already matches the template; nothing changed.") % {"unit": unit.name}
        )


class UnitCreateView(generic.CreateView):
    """Creates the unit, its subsite with the site identity given, and the role accounts asked for;
    the accounts' temporary passwords are shown once."""

    accounts = ()

    def save_instance(self):
        data = self.form.cleaned_data
        with transaction.atomic():
            unit = super().save_instance()
            self.created_items = apply_template(unit)
            identity = SiteIdentity.for_site(unit.site)
            identity.site_code = data["site_code"]
            identity.organizer = data["organizer"] or unit.name
            identity.icp_number, identity.police_number = data["icp_number"], data["police_number"]
            identity.save()
            self.accounts = [
                create_role_account(unit, role, data[f"{role}_username"], data[f"{role}_name"], data[f"{role}_email"])
                for role in ROLES
                if data[f"{role}_username"]
            ]
        return unit

    def get_success_message(self, instance):
        message = super().get_success_message(instance)
        if self.accounts:
            message += " " + _(
                "Accounts created (temporary passwords, shown once; each must be changed at "
                "first sign-in): %(accounts)s"
            ) % {"accounts": "；".join(f"{user.get_username()} {password}" for user, password in self.accounts)}
        return message


class UnitEditView(generic.EditView):
    def save_instance(self):
        was_active = Unit.objects.filter(pk=self.object.pk, active=True).exists()
        with transaction.atomic():
            unit = super().save_instance()
            if not unit.active and was_active:
                withdraw_subsite(unit)
            elif unit.active and unit.home_page_id:
                apply_template(unit)
        return unit

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.active:
            buttons.append(
                HeaderButton(
                    _("Apply subsite template"),
                    url=reverse("subsites_unit:apply_template", args=[self.object.pk]),
                    icon_name="cogs",
                )
            )
        return buttons


class UnitDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            delete_unit(self.object)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("subsites_unit:edit", self.object.pk)
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class ApplyTemplateView(generic.WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and apply (POST) the shared subsite template to one unit."""

    template_name = "home/apply_template_confirm.html"
    page_title = gettext_lazy("Apply subsite template")
    header_icon = "cogs"

    def dispatch(self, request, pk):
        if not request.user.has_perm("subsites.change_unit"):
            return redirect("wagtailadmin_home")
        self.unit = get_object_or_404(Unit, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.unit.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, **kwargs)

    def post(self, request, pk):
        try:
            created = apply_template(self.unit)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            _report_created(request, self.unit, created)
        return redirect("subsites_unit:edit", self.unit.pk)


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 150
    add_to_admin_menu = True
    url_namespace = "subsites_unit"
    url_prefix = "units"
    # A BooleanColumn: a plain column would print True/False.
    list_display = [
        "name",
        "short_name",
        "kind",
        "code",
        "responsible_person",
        BooleanColumn("active", label=Unit._meta.get_field("active").verbose_name),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code"]
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    delete_view_class = UnitDeleteView

    def get_add_view_kwargs(self, **kwargs):
        """The create form also asks for the site identity and the role accounts (subsites/unit_forms.py)."""
        panel = create_panel()
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/apply-template/", ApplyTemplateView.as_view(), name="apply_template"),
        ]
