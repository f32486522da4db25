#!/bin/sh
# One image, three roles: web (migrates first, then gunicorn), worker and beat.
set -e
case "$1" in
  web)
    python manage.py migrate --noinput
    python manage.py load_reference_data
    exec gunicorn strategyportal.wsgi:application \
      --bind "0.0.0.0:${PORT:-8000}" \
      --workers "${WEB_CONCURRENCY:-3}" \
      --worker-class "${GUNICORN_WORKER_CLASS:-gthread}" \
      --threads "${GUNICORN_THREADS:-4}" \
      --timeout "${GUNICORN_TIMEOUT:-60}" \
      --keep-alive "${GUNICORN_KEEPALIVE:-75}" \
      --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      --access-logfile -
    ;;
  worker)
    exec celery -A strategyportal worker --loglevel "${LOG_LEVEL:-INFO}" \
      --concurrency "${CELERY_CONCURRENCY:-2}"
    ;;
  beat)
    # The pid file lets the health check see that beat runs; start from a clean one.
    rm -f /tmp/celerybeat.pid
    exec celery -A strategyportal beat --loglevel "${LOG_LEVEL:-INFO}" \
      --pidfile /tmp/celerybeat.pid
    ;;
  *)
    exec "$@"
    ;;
esac
