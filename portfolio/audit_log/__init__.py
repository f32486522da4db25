"""The global audit log: domain events and field-level changes of every domain model, for the
administrators and the coordinator, in the web UI (/revisjonslogg/) and the API
(/api/v1/audit-events/). Read-only: nothing here writes to the trail."""
