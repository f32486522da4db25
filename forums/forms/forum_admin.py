"""Forms of the secretariat's forum pages: chair, mandate, members and the annual wheel."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.dates import MONTHS
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forums.forms.meetings import PortalForm
from forums.models import ForumMembership, Proposal, WheelSlot
from forums.models.proposals import TEXT_MAX
from forums.models.wheel import ORDINALS
from forums.services.forum_admin import MANDATE_MAX
from portfolio.models import Ministry
from portfolio.picker import SearchPicker

# What advice from a service forum or a core group may be given on.
ADVISABLE = Q(
    status__in=[Proposal.Status.DRAFT, Proposal.Status.CONSULTATION], forum__advisory_only=False
)


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise forms.ValidationError(_("The text contains a NUL character, which is not allowed."))


class ForumSettingsForm(PortalForm):
    prefix = "settings"

    chair_ministry = forms.ModelChoiceField(
        label=_("Chairing ministry"), queryset=Ministry.objects.all(), required=False
    )
    chair_title_nb = forms.CharField(
        label=_("Chair (bokmål)"),
        max_length=200,
        required=False,
        validators=[_no_nul],
        help_text=_("The post that chairs, e.g. the director general of a department."),
    )
    chair_title_en = forms.CharField(
        label=_("Chair (English)"), max_length=200, required=False, validators=[_no_nul]
    )
    mandate_nb = forms.CharField(
        label=_("Mandate (bokmål)"),
        max_length=MANDATE_MAX,
        validators=[_no_nul],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    mandate_en = forms.CharField(
        label=_("Mandate (English)"),
        max_length=MANDATE_MAX,
        required=False,
        validators=[_no_nul],
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SeatForm(PortalForm):
    prefix = "seat"

    ministry = forms.ModelChoiceField(label=_("Ministry"), queryset=Ministry.objects.all())


class MemberChangeForm(PortalForm):
    """The role a person holds in the forum and the days they hold it."""

    prefix = "member"

    role = forms.ChoiceField(
        label=_("Role"),
        choices=ForumMembership.Role.choices,
        initial=ForumMembership.Role.MEMBER,
    )
    valid_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MemberForm(MemberChangeForm):
    field_order = ["user", "role", "valid_from", "valid_to"]

    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=get_user_model()
        .objects.filter(is_active=True, profile__isnull=False)
        .select_related("profile__ministry")
        .order_by("last_name", "first_name", "username"),
        help_text=_("The person sits in the forum for their own ministry."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.label_from_instance = lambda user: (
            f"{user.get_full_name() or user.get_username()} ({user.profile.ministry.abbreviation})"
        )


class WheelSettingsForm(PortalForm):
    prefix = "wheel"

    notice_days = forms.IntegerField(label=_("Notice, days before"), min_value=0, max_value=365)
    papers_days = forms.IntegerField(label=_("Papers due, days before"), min_value=0, max_value=365)
    minutes_days = forms.IntegerField(
        label=_("Minutes due, days after"), min_value=0, max_value=365
    )
    review_days = forms.IntegerField(
        label=_("Review period of minutes, days"), min_value=0, max_value=365
    )


class SlotForm(PortalForm):
    prefix = "slot"

    title = forms.CharField(label=_("Title"), max_length=200, validators=[_no_nul])
    month = forms.TypedChoiceField(
        label=_("Month"), coerce=int, choices=[(n, name) for n, name in MONTHS.items()]
    )
    week = forms.TypedChoiceField(
        label=_("Week of month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "—"), *ORDINALS.items()],
        help_text=_("Either a week and a weekday, or a fixed day of the month."),
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=WheelSlot.Weekday.choices
    )
    day = forms.IntegerField(label=_("Day of month"), min_value=1, max_value=31, required=False)
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=24 * 60
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False, validators=[_no_nul])
    video_link = forms.URLField(
        label=_("Video link"), max_length=200, required=False, assume_scheme="https"
    )
    standing_topics = forms.CharField(
        label=_("Standing agenda topics"),
        max_length=5000,
        required=False,
        validators=[_no_nul],
        help_text=_("One topic per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("day") is None) == (data.get("week") is None):
            self.add_error("day", _("Give either a day of the month or a week of the month."))
        return data


class MeetingAdviceForm(PortalForm):
    prefix = "advice"

    proposal = forms.ModelChoiceField(
        label=_("Proposal in Strategisk forum"),
        queryset=Proposal.objects.filter(ADVISABLE).select_related("forum"),
        # Hundreds may be open at once: past a few, search as you type.
        widget=SearchPicker(
            format_lazy("{}?scope=advisable", reverse_lazy("proposals:picker")), multiple=False
        ),
    )
    text = forms.CharField(
        label=_("Advice"),
        max_length=TEXT_MAX,
        validators=[_no_nul],
        widget=forms.Textarea(attrs={"rows": 4}),
    )
