"""Build the demo county: units, their subsites, demo accounts and a little content. Idempotent.

For local use only: the demo accounts share one printed password.
"""

from datetime import date, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model

from content.models import (
    ColumnPage,
    DisclosureGuidePage,
    InterpretationPage,
    LeaderPage,
    NewMediaAccount,
    NewMediaPage,
    NewsPage,
    NoticePage,
    Organisation,
    PolicyPage,
    QAPage,
    ServiceItemPage,
    SurveyPage,
    SurveyQuestion,
)
from content.vocabularies import PolicyKind, Topic
from home import demo_data
from home.provisioning import ROLE_LABELS, apply_portal_template, apply_template, portal_home
from interaction.surveys import SurveyResponse
from moderation.terms import STARTER_TERMS, import_terms, read_table
from subsites.models import SiteIdentity, Unit

DEMO_PASSWORD = "Demo-County-2026"
ROLES = (("editor", "editor_group"), ("reviewer", "reviewer_group"), ("leader", "leader_group"))


class Command(BaseCommand):
    help = "Create the demo county (portal, 34 units with subsites, demo accounts and content)."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"is_superuser": True, "is_staff": True, "first_name": "门户管理员"}
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        apply_portal_template()
        # The dictionary first: the demo content is published through the same checks as any other.
        import_terms(read_table(STARTER_TERMS))
        import_terms(enumerate(demo_data.leader_name_terms(), start=2))
        self._ensure_identity(portal_home().get_site(), demo_data.PORTAL_IDENTITY)
        self._ensure_guide(
            ColumnPage.objects.child_of(portal_home()).get(slug="zfxxgk"), demo_data.portal_disclosure_guide()
        )
        self._ensure_surveys(ColumnPage.objects.child_of(portal_home()).get(slug="zjdc"))
        for fields in demo_data.units():
            unit, _created = Unit.objects.get_or_create(code=fields["code"], defaults=fields)
            if not unit.active:
                continue
            apply_template(unit)
            self._ensure_identity(unit.site, demo_data.unit_identity(unit))
            self._ensure_accounts(User, unit)
            self._ensure_content(unit)
        self._ensure_new_media()
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo county ready: %(count)d units.") % {"count": Unit.objects.filter(active=True).count()}
            )
        )
        self.stdout.write(_("Demo accounts (local use only), password “%(password)s”:") % {"password": DEMO_PASSWORD})
        self.stdout.write(_("  admin — portal administrator"))
        self.stdout.write(_("  <unit code>-editor, <unit code>-reviewer, <unit code>-leader — e.g. jyj-editor"))

    def _ensure_identity(self, site, values):
        identity = SiteIdentity.for_site(site)
        if not identity.site_code:
            for field, value in values.items():
                setattr(identity, field, value)
            identity.save()

    def _ensure_accounts(self, User, unit):
        for role, group_field in ROLES:
            user, created = User.objects.get_or_create(
                username=f"{unit.code}-{role}",
                defaults={"first_name": f"{unit.short_name}{ROLE_LABELS[role]}"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(getattr(unit, group_field))

    def _ensure_content(self, unit):
        columns = {c.slug: c for c in ColumnPage.objects.child_of(unit.home_page)}
        overview = columns["jggk"]
        if not overview.body:
            overview.body = demo_data.overview_text(unit)
            overview.save_revision().publish()
        organisation_column = columns["jgsz"]
        if not organisation_column.organisations.exists():
            for name, head, phone, duties in demo_data.organisations(unit):
                organisation_column.organisations.add(Organisation(name=name, head=head, phone=phone, duties=duties))
            organisation_column.save_revision().publish()
        if not columns["ldxx"].get_children().exists():
            for name, position, duties in demo_data.leaders(unit):
                self._publish(
                    columns["ldxx"], LeaderPage(title=name, position=position, responsibilities=f"<p>{duties}</p>")
                )
        if not columns["gzdt"].get_children().exists():
            for number, (title, body) in enumerate(demo_data.news_items(unit), start=1):
                self._publish(
                    columns["gzdt"], NewsPage(title=title, slug=f"news-{number}", body=body, source=unit.short_name)
                )
        if not columns["tzgg"].get_children().exists():
            for number, (title, body) in enumerate(demo_data.notice_items(unit), start=1):
                self._publish(
                    columns["tzgg"], NoticePage(title=title, slug=f"notice-{number}", body=body, source=unit.short_name)
                )
        if not columns["zcwj"].get_children().exists():
            self._ensure_policy(unit, columns["zcwj"], columns["zcjd"])
        if not columns["bsfw"].get_children().exists():
            self._publish(
                columns["bsfw"],
                ServiceItemPage(slug="service-1", flowchart=self._flowchart(), **demo_data.service_item(unit)),
            )
        self._ensure_guide(columns["xxgkzn"], demo_data.disclosure_guide(unit))

    def _ensure_guide(self, column, fields):
        """The site's 政府信息公开指南, unless its guide column already holds a page."""
        if not column.get_children().exists():
            self._publish(column, DisclosureGuidePage(slug="guide", reviewed_on=timezone.localdate(), **fields))

    def _ensure_policy(self, unit, policy_column, interpretation_column):
        data = demo_data.policy(unit)
        policy = PolicyPage(
            title=data["title"],
            slug="policy-1",
            policy_kind=PolicyKind.NORMATIVE,
            doc_number=data["doc_number"],
            issuing_authority=unit.name,
            written_date=date(2026, 3, 1),
            topic=Topic.GENERAL,
            body=data["body"],
            source=unit.short_name,
            disclosure_category="c01",
            summary=data["title"],
        )
        policy_column.add_child(instance=policy)
        policy.save_revision()
        self._publish(
            interpretation_column,
            InterpretationPage(
                title=data["interpretation_title"],
                slug="interpretation-1",
                policy=policy,
                body=data["interpretation_body"],
                source=unit.short_name,
            ),
        )
        self._publish(
            interpretation_column,
            QAPage(
                title=data["qa_question"], slug="qa-1", policy=policy, body=data["qa_answer"], source=unit.short_name
            ),
        )
        policy.get_latest_revision().publish()

    def _ensure_surveys(self, column):
        now = timezone.now()
        for fields, questions, answers in demo_data.portal_surveys():
            if SurveyPage.objects.child_of(column).filter(slug=fields["slug"]).exists():
                continue
            page = SurveyPage(
                title=fields["title"],
                slug=fields["slug"],
                source=fields["source"],
                body=fields["body"],
                results=fields.get("results", ""),
                opens_at=now + timedelta(days=fields["opens_days"]),
                closes_at=now + timedelta(days=fields["closes_days"]),
            )
            page.questions = [
                SurveyQuestion(text=text, kind=kind, options=options, required=kind == "single")
                for text, kind, options in questions
            ]
            self._publish(column, page)
            question = page.questions.first()
            SurveyResponse.objects.bulk_create(
                SurveyResponse(page=page, visitor_key=f"demo-{n}", answers={str(question.pk): answer})
                for n, answer in enumerate(answers)
            )

    def _ensure_new_media(self):
        """The portal's 政务新媒体 page and the accounts of demo_data.NEW_MEDIA."""
        home = portal_home()
        if not NewMediaPage.objects.child_of(home).exists():
            self._publish(home, NewMediaPage(title="政务新媒体", slug="zwxmt"))
        for code, name, platform, account_id in demo_data.NEW_MEDIA:
            unit = Unit.objects.filter(code=code, active=True).first()
            if unit is not None:
                NewMediaAccount.objects.get_or_create(
                    unit=unit,
                    name=name,
                    defaults={
                        "platform": platform,
                        "account_id": account_id,
                        "opened_on": date(2020, 3, 1),
                        "last_updated": timezone.localdate(),
                    },
                )

    def _publish(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _flowchart(self):
        """One shared demo flowchart image (a plain generated PNG)."""
        Image = get_image_model()
        image = Image.objects.filter(title="办事流程图（演示）").first()
        if image is None:
            buffer = BytesIO()
            PILImage.new("RGB", (600, 200), "white").save(buffer, "PNG")
            image = Image(
                title="办事流程图（演示）",
                description="办事流程：提交申请、受理、审查、答复、送达",
                file=ImageFile(buffer, name="flowchart.png"),
            )
            image.save()
        return image
