#!/usr/bin/env bash
# API fuzzing: schemathesis against the OpenAPI schema of a throwaway server (SQLite, demo data).
# Run with `make fuzz`; FUZZ_MAX_EXAMPLES bounds the examples per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${FUZZ_PORT:-8766}"
EXAMPLES="${FUZZ_MAX_EXAMPLES:-25}"
WORK="$(mktemp -d)"
export DEBUG=true DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3" CELERY_DATA_DIR="$WORK/celery"
export CELERY_TASK_ALWAYS_EAGER=false

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_reference_data >/dev/null
.venv/bin/python manage.py seed_demo --force >/dev/null
TOKEN="$(.venv/bin/python manage.py drf_create_token "${FUZZ_USER:-koordinator}" | awk '{print $3}')"

.venv/bin/python manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT

.tools/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/schema/" \
  --header "Authorization: Token $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$EXAMPLES" \
  --seed "${FUZZ_SEED:-1}" \
  --wait-for-schema 30 \
  --no-color
