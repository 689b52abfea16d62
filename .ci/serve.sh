#!/usr/bin/env bash
# make serve: the portal as in production, on http://127.0.0.1:$PORT.
#   gunicorn (incluportal/gunicorn.conf.py), PostgreSQL, DEBUG off, hashed and
#   compressed static files (collectstatic, STATIC_MANIFEST=1).
# DATABASE_URL defaults to the local PostgreSQL; the database is created if
# missing, migrated, and given the demo data if it holds no programme yet.
# Over plain http on loopback HTTPS stays off; behind TLS set HTTPS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/incluportal}"
export PORT="${PORT:-8000}"
# Links in e-mail: this address unless the environment gives the public one.
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
export DEBUG=0
export STATIC_MANIFEST=1
export HTTPS="${HTTPS:-0}"
if [[ -z "${SECRET_KEY:-}" ]]; then
  # Never a committed key: a throw-away one, so sessions end with this run.
  SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')"
  export SECRET_KEY
  echo "SECRET_KEY is not set: using a throw-away key for this run."
fi

# The local PostgreSQL (127.0.0.1:5432), started if it is down, as .ci/run does.
if [[ "$DATABASE_URL" == postgres*://*@127.0.0.1:5432/* || "$DATABASE_URL" == postgres*://*@localhost:5432/* ]]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "Starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi

# Create the database if it is missing (PostgreSQL only; SQLite creates its file).
"$BIN/python" - <<'EOF'
import os

import dj_database_url
import psycopg2
from psycopg2 import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if "postgresql" in db["ENGINE"]:
    server = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if cursor.fetchone() is None:
            print(f"Creating the database {db['NAME']}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    server.close()
EOF

"$BIN/python" manage.py migrate --noinput -v0
if ! "$BIN/python" manage.py shell --no-imports -c \
    "import sys; from schemes.models import Programme; sys.exit(0 if Programme.objects.exists() else 1)"; then
  "$BIN/python" manage.py load_demo
fi
"$BIN/python" manage.py collectstatic --noinput -v0

echo ""
echo "IncluPortal (gunicorn, DEBUG off) on http://127.0.0.1:$PORT  (Ctrl+C to stop)"
exec "$BIN/gunicorn" -c incluportal/gunicorn.conf.py
