"""The form that creates a unit: the unit, its site identity (footer) and, optionally, the accounts
of its three roles; the order in lists follows the unit's kind when none is given."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.db.models import Max, Min
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.models import Site

from .accounts import ROLES
from .models import ICP_RE, POLICE_RE, SiteIdentity, Unit, UnitKind
from .validators import validate_site_code

ROLE_HEADINGS = {"editor": _("Editor account"), "reviewer": _("Reviewer account"), "leader": _("Main leader account")}
LOCAL_KINDS = (UnitKind.TOWNSHIP, UnitKind.STREET)  # listed before the county departments
SORT_STEP = 10


def default_sort_order(kind):
    """After the last unit of the same group (townships and streets, or departments), before the next group."""
    local = kind in LOCAL_KINDS
    same = Unit.objects.filter(kind__in=LOCAL_KINDS) if local else Unit.objects.exclude(kind__in=LOCAL_KINDS)
    last = same.aggregate(last=Max("sort_order"))["last"]
    others = Unit.objects.exclude(pk__in=same)
    if last is None:
        edge = others.aggregate(edge=Min("sort_order") if local else Max("sort_order"))["edge"]
        if edge is None:
            return SORT_STEP
        return max(edge - SORT_STEP, 0) if local else edge + SORT_STEP
    following = others.filter(sort_order__gt=last).aggregate(next=Min("sort_order"))["next"]
    if following is not None and last + SORT_STEP >= following:
        return last + 1
    return last + SORT_STEP


def _username():
    return forms.CharField(
        label=_("user name"),
        max_length=150,
        required=False,
        validators=[get_user_model().username_validator],
        help_text=_("Left empty: no account is created now."),
    )


def _full_name():
    return forms.CharField(label=_("full name"), max_length=150, required=False)


def _email():
    return forms.EmailField(label=_("e-mail"), required=False)


class UnitCreateForm(WagtailAdminModelForm):
    site_code = forms.CharField(
        label=_("website identification code"),
        max_length=12,
        validators=[validate_site_code],
        help_text=_("Issued for the subsite by the national government website register; shown in its footer."),
    )
    organizer = forms.CharField(
        label=_("organizer"), max_length=100, required=False, help_text=_("Left empty: the unit's name.")
    )
    icp_number = forms.CharField(
        label=_("ICP filing number"),
        max_length=50,
        required=False,
        validators=[RegexValidator(ICP_RE, _("An ICP filing number reads like 浙ICP备12345678号."))],
    )
    police_number = forms.CharField(
        label=_("public security filing number"),
        max_length=50,
        required=False,
        validators=[
            RegexValidator(POLICE_RE, _("A public security filing number reads like 浙公网安备33010602000001号."))
        ],
    )

    editor_username, editor_name, editor_email = _username(), _full_name(), _email()
    reviewer_username, reviewer_name, reviewer_email = _username(), _full_name(), _email()
    leader_username, leader_name, leader_email = _username(), _full_name(), _email()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort_order"].required = False
        self.fields["sort_order"].help_text = _(
            "Left empty: after the other townships and streets, or after the other county departments."
        )
        self.fields["sort_order"].initial = None
        if not self.is_bound:
            self.initial.pop("sort_order", None)
            portal = SiteIdentity.for_site(Site.objects.filter(is_default_site=True).first())
            self.initial.setdefault("icp_number", portal.icp_number)
            self.initial.setdefault("police_number", portal.police_number)

    def clean_sort_order(self):
        value = self.cleaned_data.get("sort_order")
        return value if value is not None else default_sort_order(self.data.get("kind"))

    def clean(self):
        data = super().clean()
        usernames = [data.get(f"{role}_username") for role in ROLES if data.get(f"{role}_username")]
        taken = set(get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True))
        for role in ROLES:
            username = data.get(f"{role}_username")
            if username and (username in taken or usernames.count(username) > 1):
                self.add_error(f"{role}_username", _("This user name is already taken."))
        return data


def create_panel():
    """The unit's own panels, then its site identity and the accounts of its roles."""
    return ObjectList(
        list(Unit.panels)
        + [
            MultiFieldPanel(
                [FieldPanel(name) for name in ("site_code", "organizer", "icp_number", "police_number")],
                heading=_("Site identity"),
            ),
        ]
        + [
            MultiFieldPanel(
                [FieldPanel(f"{role}_{field}") for field in ("username", "name", "email")], heading=ROLE_HEADINGS[role]
            )
            for role in ROLES
        ],
        base_form_class=UnitCreateForm,
    ).bind_to_model(Unit)
