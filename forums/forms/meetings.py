"""Forms of the forums pages; they only parse input, the services decide."""

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from forums.models import (
    AgendaItem,
    Attendance,
    MinutesApproval,
    MinutesEntry,
    Proposal,
    ReviewComment,
)
from measures.models import Measure
from portfolio.i18n import NamedMultipleChoiceField
from portfolio.models import Ministry
from portfolio.picker import SearchPicker


class PortalForm(forms.Form):
    """Designsystemet classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class AgendaItemForm(PortalForm):
    prefix = "agenda"

    title = forms.CharField(label=_("Title"), max_length=200)
    presenter = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measures = NamedMultipleChoiceField(
        label=_("Measures"),
        queryset=Measure.objects.all(),
        required=False,
        widget=SearchPicker(reverse_lazy("measures:picker")),
    )
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals"),
        queryset=Proposal.objects.exclude(status=Proposal.Status.WITHDRAWN).select_related("forum"),
        required=False,
        widget=SearchPicker(format_lazy("{}?scope=current", reverse_lazy("proposals:picker"))),
    )


class RescheduleForm(PortalForm):
    prefix = "move"

    starts_at = forms.DateTimeField(
        label=_("New start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class AttendanceForm(PortalForm):
    prefix = "attendance"

    ministry = forms.ModelChoiceField(label=_("Ministry"), queryset=Ministry.objects.none())
    status = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Status.choices)
    person = forms.CharField(label=_("Attended by"), max_length=200, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # A ministry that had ceased to exist by the meeting's day cannot have attended.
        on = timezone.localdate(meeting.starts_at)
        self.fields["ministry"].queryset = Ministry.objects.filter(
            forum_seats__forum=meeting.forum
        ).active_on(on)


class AttachmentForm(PortalForm):
    prefix = "attachment"

    file = forms.FileField(label=_("Paper (PDF, DOCX, XLSX, PPTX or ODF, at most 20 MB)"))


class EntryForm(PortalForm):
    prefix = "entry"

    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=MinutesEntry.Kind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_ministry = forms.ModelChoiceField(
        label=_("Owner ministry (follow-up)"), queryset=Ministry.objects.owners(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date (follow-up)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    proposal = forms.ModelChoiceField(
        label=_("Concludes proposal (conclusion)"), queryset=Proposal.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = Proposal.objects.filter(
            agenda_items__meeting=meeting
        ).distinct()
        self.fields["proposal"].label_from_instance = lambda p: f"{p.register_number} {p.title}"
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("number")
        # Follow-up is owned by ministries that exist on the meeting's day.
        on = timezone.localdate(meeting.starts_at)
        self.fields["owner_ministry"].queryset = Ministry.objects.owners().active_on(on)
        self.fields["agenda_item"].label_from_instance = lambda item: f"{item.label} {item.title}"


class EntryEditForm(PortalForm):
    prefix = "edit"

    text = forms.CharField(
        label=_("Text"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner_ministry = forms.ModelChoiceField(
        label=_("Owner ministry (follow-up)"), queryset=Ministry.objects.owners(), required=False
    )
    due_date = forms.DateField(
        label=_("Due date (follow-up)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class CommentForm(PortalForm):
    prefix = "comment"

    kind = forms.ChoiceField(label=_("Kind"), choices=ReviewComment.Kind.choices)
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(PortalForm):
    prefix = "answer"

    answer = forms.CharField(
        label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    resolution = forms.ChoiceField(
        label=_("Resolution"),
        choices=[("", "–"), *ReviewComment.Resolution.choices],
        required=False,
    )


class ApprovalForm(PortalForm):
    prefix = "approval"

    decision = forms.ChoiceField(
        label=_("Your answer"), choices=MinutesApproval.Decision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (required when requesting changes)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
