# syntax=docker/dockerfile:1
# The portal image: one image for web (gunicorn), Celery worker and beat.

# Front-end assets: the same self-hosted files as the Makefile's static/vendor target.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
RUN mkdir -p vendor/inter \
    && cp node_modules/@digdir/designsystemet-css/dist/src/index.css vendor/designsystemet.css \
    && cp node_modules/@digdir/designsystemet-theme/src/themes/designsystemet.css vendor/designsystemet-theme.css \
    && cp node_modules/htmx.org/dist/htmx.min.js vendor/htmx.min.js \
    && cp node_modules/@fontsource/inter/files/inter-latin-[456]00-normal.woff2 vendor/inter/

FROM python:3.11-slim AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=false \
    LOG_FORMAT=json
# WeasyPrint's libraries and a font with æøå; gettext for compilemessages; LibreOffice (no GUI)
# for the archive extraction's PDF/A copies of office documents.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
        libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 --user-group portal
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --chown=portal:portal . .
COPY --from=assets --chown=portal:portal /build/vendor static/vendor
# Build-time only values: the settings refuse to start without a secret when DEBUG is off.
RUN SECRET_KEY=build-only-not-secret CELERY_DATA_DIR=/tmp/celery-build \
        python manage.py compilemessages --ignore=node_modules -v 0 \
    && SECRET_KEY=build-only-not-secret CELERY_DATA_DIR=/tmp/celery-build \
        python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/media \
    && chown -R portal:portal /app/media /app/staticfiles /app/locale
USER portal
EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
