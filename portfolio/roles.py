"""The roles of the portal. Each is a Django group; the names are a public contract."""

ADMIN_HEAD = "admin-head"  # ekspedisjonssjef: sits in Strategisk forum for the ministry
COORDINATOR = "coordinator"  # staff of the coordinating ministry
SECRETARIAT = "secretariat"  # DSS: files minutes
MEASURE_LEAD = "measure-lead"  # runs a measure and reports its status
OBSERVER = "observer"  # reads only

ALL_ROLES = (ADMIN_HEAD, COORDINATOR, SECRETARIAT, MEASURE_LEAD, OBSERVER)
