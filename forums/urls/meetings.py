from django.urls import path

from forums.views import (
    calendar,
    forum_admin,
    forums,
    history,
    meeting_advice_post,
    meetings,
    minutes,
    references,
)

app_name = "forums"
urlpatterns = [
    path("forums/", forums.ForumListView.as_view(), name="forum-list"),
    path("forums/<slug:slug>/", forums.ForumDetailView.as_view(), name="forum-detail"),
    path("forums/<slug:slug>/historikk/", history.ForumHistoryView.as_view(), name="forum-history"),
    path(
        "forums/<slug:slug>/materialise/",
        forums.ForumMaterialiseView.as_view(),
        name="forum-materialise",
    ),
    path(
        "forums/<slug:slug>/administrer/",
        forum_admin.ForumManageView.as_view(),
        name="forum-manage",
    ),
    path(
        "forums/<slug:slug>/administrer/<slug:action>/",
        forum_admin.ForumManageActionView.as_view(),
        name="forum-manage-action",
    ),
    path(
        "forums/<slug:slug>/seter/<int:pk>/fjern/",
        forum_admin.SeatRemoveView.as_view(),
        name="forum-seat-remove",
    ),
    path(
        "forums/<slug:slug>/medlemmer/<int:pk>/",
        forum_admin.MemberEditView.as_view(),
        name="forum-member-edit",
    ),
    path(
        "forums/<slug:slug>/medlemmer/<int:pk>/fjern/",
        forum_admin.MemberRemoveView.as_view(),
        name="forum-member-remove",
    ),
    path("forums/<slug:slug>/arshjul/", forum_admin.WheelEditView.as_view(), name="wheel-edit"),
    path(
        "forums/<slug:slug>/arshjul/<slug:action>/",
        forum_admin.WheelActionView.as_view(),
        name="wheel-action",
    ),
    path(
        "forums/<slug:slug>/arshjul/moter/<int:pk>/",
        forum_admin.SlotEditView.as_view(),
        name="wheel-slot-edit",
    ),
    path(
        "forums/<slug:slug>/arshjul/moter/<int:pk>/fjern/",
        forum_admin.SlotRemoveView.as_view(),
        name="wheel-slot-remove",
    ),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(
        "meetings/<int:pk>/historikk/", history.MeetingHistoryView.as_view(), name="meeting-history"
    ),
    path(
        "meetings/<int:pk>/rad/",
        meeting_advice_post.MeetingAdviceView.as_view(),
        name="meeting-advice",
    ),
    path("meetings/<int:pk>/agenda.pdf", meetings.AgendaPdfView.as_view(), name="agenda-pdf"),
    path("meetings/<int:pk>/minutes/", minutes.MinutesView.as_view(), name="minutes"),
    path("meetings/<int:pk>/minutes.pdf", minutes.MinutesPdfView.as_view(), name="minutes-pdf"),
    path(
        "meetings/<int:pk>/<slug:action>/",
        meetings.MeetingActionView.as_view(),
        name="meeting-action",
    ),
    path(
        "agenda-items/<int:pk>/attachments/",
        meetings.AttachmentUploadView.as_view(),
        name="attachment-upload",
    ),
    path(
        "attachments/<int:pk>/",
        meetings.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path(
        "minutes/<int:pk>/egen-referanse/",
        references.MinutesReferenceView.as_view(),
        name="minutes-reference",
    ),
    path(
        "minutes/<int:pk>/<slug:action>/",
        minutes.MinutesActionView.as_view(),
        name="minutes-action",
    ),
    path(
        "minutes-entries/<int:pk>/delete/", minutes.EntryDeleteView.as_view(), name="entry-delete"
    ),
    path("minutes-entries/<int:pk>/edit/", minutes.EntryEditView.as_view(), name="entry-edit"),
    path("review-comments/<int:pk>/answer/", minutes.CommentAnswerView.as_view(), name="answer"),
    path(
        "calendar/forums/<slug:slug>.ics",
        calendar.ForumCalendarView.as_view(),
        name="forum-calendar",
    ),
    path("konto/kalender/ny/", calendar.calendar_token_rotate_view, name="calendar-rotate"),
    path(
        "konto/kalender/trekk-tilbake/",
        calendar.calendar_token_revoke_view,
        name="calendar-revoke",
    ),
    path(
        "calendar/me/<str:token>.ics",
        calendar.PersonalCalendarView.as_view(),
        name="personal-calendar",
    ),
]
