#!/usr/bin/env bash
# The load benchmark (`make load`, see bench/README.md): a fresh PostgreSQL database with 100x
# the real data, gunicorn and a Celery worker on Redis on this machine, then locust with the
# journeys of bench/locustfile.py, headless, for a bounded time. Prints the table of
# requests/s, median and p95 per endpoint and the errors; exits 1 if any request failed.
#
# Environment (defaults in brackets):
#   DATABASE_URL       PostgreSQL server and base name [postgres://postgres@127.0.0.1:5432/strategyportal];
#                      the benchmark's own database is <name>_load, dropped at the end
#   CELERY_BROKER_URL  Redis for the worker [redis://127.0.0.1:6379/0]
#   BENCH_USERS [50], BENCH_SPAWN_RATE [10/s], BENCH_TIME [3m], BENCH_SCALE [100],
#   CACHE_URL          Redis for the cache and sessions [the broker's]
#   BENCH_WORKERS (gunicorn) [3], BENCH_WORKER_CLASS [gthread], BENCH_THREADS [4],
#   BENCH_PORT [8010], BENCH_OUT (CSV files) [bench/out],
#   BENCH_KEEP_DB=1 keeps the database
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
USERS="${BENCH_USERS:-50}"
SPAWN_RATE="${BENCH_SPAWN_RATE:-10}"
RUN_TIME="${BENCH_TIME:-3m}"
SCALE="${BENCH_SCALE:-100}"
WORKERS="${BENCH_WORKERS:-3}"
WORKER_CLASS="${BENCH_WORKER_CLASS:-gthread}"
THREADS="${BENCH_THREADS:-4}"
PORT="${BENCH_PORT:-8010}"
OUT="${BENCH_OUT:-bench/out}"
WORK="$(mktemp -d)"
PIDS=()
LOAD_DB=""

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$LOAD_DB" ] && [ "${BENCH_KEEP_DB:-}" != 1 ]; then
    $PY tools/throwaway_db.py drop "$LOAD_DB" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

LOAD_DB="$($PY tools/throwaway_db.py create \
  "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/strategyportal}" load)"
export DATABASE_URL="$LOAD_DB"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"
# The production settings: pages and sessions cached in Redis, persistent connections.
export CACHE_URL="${CACHE_URL:-$CELERY_BROKER_URL}" CONN_MAX_AGE="${CONN_MAX_AGE:-60}"
export DEBUG=false SECRET_KEY="load-$RANDOM-$RANDOM" ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false LOG_LEVEL=WARNING
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend EMAIL_FILE_PATH="$WORK/mail"
export DEMO_PASSWORD="${BENCH_PASSWORD:-demo}" BENCH_PASSWORD="${BENCH_PASSWORD:-demo}"

started=$SECONDS
echo "load: database ${DATABASE_URL##*/}, broker $CELERY_BROKER_URL"
$PY manage.py migrate --noinput -v 0
$PY manage.py load_reference_data >/dev/null
$PY manage.py seed_demo --force >/dev/null
$PY manage.py generate_portfolio --measures $((7 * SCALE)) --periods 6 --force
$PY manage.py generate_forum_activity --scale "$SCALE" --force
# Planner statistics for the data just loaded, as autovacuum would gather them within minutes.
$PY manage.py shell -v 0 -c "from django.db import connection; connection.cursor().execute('ANALYZE')"
$PY manage.py collectstatic --noinput -v 0
BENCH_ADMIN_HEADS="$($PY manage.py shell -v 0 -c "
from django.contrib.auth import get_user_model
from portfolio import roles
users = get_user_model().objects.filter(groups__name=roles.ADMIN_HEAD, username__startswith='leder-')
print(' '.join(users.order_by('username').values_list('username', flat=True)))")"
export BENCH_ADMIN_HEADS
echo "load: data ready in $((SECONDS - started))s; admin heads: $BENCH_ADMIN_HEADS"

.venv/bin/gunicorn strategyportal.wsgi:application -b "127.0.0.1:$PORT" -w "$WORKERS" \
  -k "$WORKER_CLASS" --threads "$THREADS" --timeout 60 --keep-alive 75 --access-logfile "$WORK/access.log" --error-logfile "$WORK/server.log" &
PIDS+=($!)
.venv/bin/celery -A strategyportal worker --concurrency 1 --loglevel WARNING \
  >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null

mkdir -p "$OUT"
echo "load: locust, $USERS users (spawn $SPAWN_RATE/s) for $RUN_TIME against gunicorn -w $WORKERS"
status=0
.tools/bin/locust -f bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  -u "$USERS" -r "$SPAWN_RATE" -t "$RUN_TIME" --stop-timeout 30 \
  --csv "$OUT/locust" --only-summary --loglevel WARNING || status=1

server_errors="$(awk '$9 ~ /^5/' "$WORK/access.log" | wc -l)"
echo "load: ${server_errors} responses with status 5xx in the access log"
if grep -q "Traceback" "$WORK/server.log" "$WORK/worker.log"; then
  echo "load: tracebacks in the server or worker log:"
  grep -h -A25 "Traceback" "$WORK/server.log" "$WORK/worker.log" | head -100
  status=1
fi
echo "load: $(wc -l <"$WORK/access.log") requests served; mails written by the worker: $(find "$WORK/mail" -type f 2>/dev/null | wc -l)"
echo
.tools/bin/python bench/locust_table.py "$OUT/locust" || status=1
echo "load: $([ $status = 0 ] && echo passed || echo FAILED) in $((SECONDS - started))s"
exit $status
