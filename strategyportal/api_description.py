"""The API's description and its tags (the groups of operations), translated.

Imported by the settings (SPECTACULAR_SETTINGS), so it imports nothing but gettext_lazy.
"""

from django.utils.translation import gettext_lazy as _

API_DESCRIPTION = _(
    "The portfolio, the forums and the endorsements of the ministries' joint strategy "
    "«Gode hver for oss. Best sammen.»\n\n"
    "**Authentication.** Get a token from `POST /api/v1/auth/token/` and send it as "
    "`Authorization: Token <key>`; the session of a user logged in to the portal works too "
    "(writes then need the CSRF token). A request with neither gets 401.\n\n"
    "**Permissions.** What a user may do follows their roles in the portal: admin head of "
    "a ministry (who holds the ministry's sign permission), coordinator (in the "
    "coordinating ministry), secretariat (DSS), measure lead and observer. Each "
    "operation's description ends with who may call it. A refused write gets 403; an "
    "object the user may not see gets 404, as one that does not exist does; lists show "
    "what the user may see rather than refusing.\n\n"
    '**Errors.** Error bodies are JSON: `{"detail": "…"}`, or for 400 each rejected '
    "field with its messages. 409 means that the object is not in a state that allows "
    "the action, e.g. a closed reporting period.\n\n"
    "**Language.** Names and messages follow the request's language (Accept-Language: nb, "
    "nn or en). This description is served as /api/v1/schema/?lang=nb, ?lang=nn and ?lang=en."
)

API_TAGS = [
    {"name": "auth", "description": _("API tokens.")},
    {
        "name": "me",
        "description": _(
            "The settings of the user who asks: notification e-mails and the calendar address."
        ),
    },
    {"name": "ministries", "description": _("The ministries, SMK and DSS.")},
    {"name": "measures", "description": _("The measures of the strategy's portfolio.")},
    {
        "name": "reporting-periods",
        "description": _("Rounds of status reporting, opened and closed by the coordinator."),
    },
    {
        "name": "status-reports",
        "description": _("Status reports of measures and core groups."),
    },
    {
        "name": "assessments",
        "description": _("The ministries' assessments of measures against the criteria."),
    },
    {"name": "risks", "description": _("Risks of the measures.")},
    {"name": "milestones", "description": _("Milestones of the measures.")},
    {
        "name": "benefits",
        "description": _("Expected benefits of the measures and their measured values."),
    },
    {"name": "dependencies", "description": _("Dependencies between the measures.")},
    {
        "name": "core-groups",
        "description": _("The core groups: mandate, status and status reports."),
    },
    {
        "name": "forums",
        "description": _("Strategisk forum, the service forums and the core groups."),
    },
    {"name": "forum-seats", "description": _("The ministries with a seat in each forum.")},
    {"name": "forum-members", "description": _("The people named in each forum, and their role.")},
    {"name": "wheels", "description": _("The forums' annual wheels and their deadlines.")},
    {"name": "wheel-slots", "description": _("The meetings each annual wheel repeats.")},
    {"name": "meetings", "description": _("Meetings of the forums.")},
    {"name": "agenda-items", "description": _("Items on the agendas of the meetings.")},
    {"name": "attendance", "description": _("Which ministries attended the meetings.")},
    {"name": "minutes", "description": _("Minutes of meetings and their review.")},
    {
        "name": "follow-up-actions",
        "description": _("What the decisions put on the ministries, followed until done."),
    },
    {
        "name": "proposals",
        "description": _(
            "Proposals put to a forum for endorsement by consensus, and the ministries' positions."
        ),
    },
    {
        "name": "delegations",
        "description": _("Deputies allowed by an admin head to sign for the ministry."),
    },
    {"name": "search", "description": _("Search across the portal.")},
    {
        "name": "journal",
        "description": _(
            "The journal of registered documents with their public-access marking, and the "
            "public journal in the Noark 5 format."
        ),
    },
    {"name": "audit-events", "description": _("The global audit log of domain events.")},
    {
        "name": "strategies",
        "description": _("Strategy periods, their figures and the evaluation package."),
    },
]


# The settings of drf-spectacular (SPECTACULAR_SETTINGS).
SPECTACULAR = {
    # Served in the language asked for (?lang=nb or ?lang=en), else the user's language.
    "TITLE": "Strategiportalen API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI is served from our own static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portfolio.api_docs.parameter_descriptions",
    ],
    "TAGS": API_TAGS,
    # One name per choice set shared by several fields (RAG ratings, statuses).
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "forums.models.proposals.Proposal.Status",
        "RagEnum": "measures.models.Rag",
        "MeasureStatusEnum": "measures.models.Measure.Status",
        "OpenClosedEnum": "measures.models.Risk.Status",
        "MinutesEntryKindEnum": "forums.models.MinutesEntry.Kind",
        "ReviewCommentKindEnum": "forums.models.ReviewComment.Kind",
        # Two choice sets under one field name: the change request's keeps its earlier name.
        "ResolutionEnum": "forums.models.ReviewComment.Resolution",
        "ObjectionResolutionEnum": "forums.models.proposals.Resolution",
        "NotificationDeliveryEnum": "portfolio.notification_kinds.Delivery",
        "MarkingChangeKindEnum": "forums.api_journal_records.CHANGE_CHOICES",
        "JournalEntryKindEnum": "forums.models.Record.Kind",
    },
}
