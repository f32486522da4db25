#!/usr/bin/env bash
# API fuzzing: schemathesis against the OpenAPI schema of a throwaway gunicorn server with the
# reference data and the demo users, once per user (the coordinator, an admin head and the
# secretariat, so that both sides of the permission rules are exercised). Part of `make test`;
# alone: `make fuzz`.
#
# Database: with DATABASE_URL set (PostgreSQL), a database of its own beside it, <name>_fuzz,
# created here and dropped at the end; otherwise SQLite in a temporary folder. The Celery broker
# is a folder in the same temporary place (no worker: queued mail is never sent).
#
# Exits non-zero on any server error, undocumented status code or content type, or response
# that does not match the schema, or a traceback in the server's log. Settings (environment):
#   FUZZ_RUNS          user:phases pairs; default: the coordinator through the coverage phase
#                      (every boundary value the schema allows) and the fuzzing phase, then the
#                      admin head and the secretariat (agenda, attendance, minutes) through the
#                      fuzzing phase. No stateful phase (minutes, not seconds).
#   FUZZ_MAX_EXAMPLES  examples per operation in the fuzzing phase (10)
#   FUZZ_SEED          the seed (1): the same requests every run
#   FUZZ_PORT, FUZZ_WORKERS (gunicorn workers and schemathesis workers, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${FUZZ_PORT:-8766}"
EXAMPLES="${FUZZ_MAX_EXAMPLES:-10}"
RUNS="${FUZZ_RUNS:-koordinator:coverage,fuzzing leder-fin:fuzzing sekretariat:fuzzing}"
SEED="${FUZZ_SEED:-1}"
WORKERS="${FUZZ_WORKERS:-2}"
PY=.venv/bin/python
WORK="$(mktemp -d)"
SERVER=""
FUZZ_DB=""

cleanup() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  if [ -n "$FUZZ_DB" ]; then
    $PY tools/throwaway_db.py drop "$FUZZ_DB" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  FUZZ_DB="$($PY tools/throwaway_db.py create "$DATABASE_URL" fuzz)"
  export DATABASE_URL="$FUZZ_DB"
else
  export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
fi
# Production settings (DEBUG off: the API's own error pages, not Django's debug pages) on
# plain http on loopback.
export DEBUG=false SECRET_KEY="fuzz-$RANDOM-$RANDOM" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export CELERY_BROKER_URL=filesystem:// CELERY_DATA_DIR="$WORK/celery" CELERY_TASK_ALWAYS_EAGER=false
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$WORK/mail"
export DEMO_PASSWORD="fuzz-$RANDOM"

started=$SECONDS
$PY manage.py migrate --noinput -v 0
$PY manage.py load_reference_data >/dev/null
$PY manage.py seed_demo --force >/dev/null
# As in production: pages (404s of probes outside the API included) name hashed static files.
$PY manage.py collectstatic --noinput -v 0

# The request-line limit is lifted: a 414 from gunicorn (or the proxy in front of it) is not
# the application's answer, and long query strings should reach the application.
.venv/bin/gunicorn strategyportal.wsgi:application -b "127.0.0.1:$PORT" -w "$WORKERS" \
  --limit-request-line 0 --access-logfile - --error-logfile - >"$WORK/server.log" 2>&1 &
SERVER=$!
echo "fuzz: ${DATABASE_URL%%:*} database ready in $((SECONDS - started))s"

status=0
for run in $RUNS; do
  user="${run%%:*}" phases="${run#*:}"
  token="$($PY manage.py drf_create_token "$user" | awk '{print $3}')"
  echo "fuzz: as $user, phases $phases, at most $EXAMPLES examples per operation, seed $SEED"
  .tools/bin/schemathesis --config-file tools/schemathesis.toml \
    run "http://127.0.0.1:$PORT/api/v1/schema/" \
    --header "Authorization: Token $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases "$phases" \
    --max-examples "$EXAMPLES" \
    --seed "$SEED" \
    --workers "$WORKERS" \
    --wait-for-schema 60 \
    --warnings off \
    --no-color || status=1
done

if grep -q "Traceback" "$WORK/server.log"; then
  echo "fuzz: the server logged errors:"
  grep -B2 -A30 "Traceback" "$WORK/server.log" | head -200
  status=1
fi
echo "fuzz: $([ $status = 0 ] && echo passed || echo FAILED) in $((SECONDS - started))s"
exit $status
