# Production image: gunicorn behind any reverse proxy, static files by whitenoise,
# PostgreSQL through DATABASE_URL. Runs as an unprivileged user.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=moessingen_site.settings.production \
    MEDIA_ROOT=/data/media \
    PORT=8000

RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo libwebp7 zlib1g postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 wagtail \
    && mkdir -p /data/media && chown wagtail:wagtail /data/media

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=wagtail:wagtail . .

# collectstatic needs a key but no database; the real key comes from the environment at run time.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

USER wagtail
VOLUME ["/data/media"]
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn moessingen_site.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
