"""The roles of the portal. Each is a Django group; the names are a public contract."""

from django.utils.translation import gettext_lazy as _

ADMIN_HEAD = "admin-head"  # ekspedisjonssjef: sits in Strategisk forum for the ministry
COORDINATOR = "coordinator"  # staff of the coordinating ministry
SECRETARIAT = "secretariat"  # DSS: files minutes
MEASURE_LEAD = "measure-lead"  # runs a measure and reports its status
OBSERVER = "observer"  # reads only

ALL_ROLES = (ADMIN_HEAD, COORDINATOR, SECRETARIAT, MEASURE_LEAD, OBSERVER)

# What people read: a group name is a code and is never shown.
LABELS = {
    ADMIN_HEAD: _("Admin head (member of Strategisk forum)"),
    COORDINATOR: _("Coordinator"),
    SECRETARIAT: _("Secretariat"),
    MEASURE_LEAD: _("Measure lead"),
    OBSERVER: _("Reader"),
}
