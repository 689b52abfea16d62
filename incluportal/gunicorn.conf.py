"""gunicorn's settings for ``make serve`` and for a production host.

Read from the environment, like ``incluportal/settings.py``. Run with
``gunicorn -c incluportal/gunicorn.conf.py``.
https://docs.gunicorn.org/en/stable/settings.html
"""

import os

wsgi_app = "incluportal.wsgi:application"

# Loopback by default: in production a proxy or load balancer (TLS) is in
# front, and GUNICORN_BIND says where it reaches this server.
bind = [
    os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
]

# Processes for the CPU-bound work (templates, PDFs), a few threads in each for
# the time a request waits on PostgreSQL. Each thread keeps its own database
# connection (CONN_MAX_AGE), so workers x threads connections per server.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)
worker_class = "gthread" if threads > 1 else "sync"

# A PDF dossier takes a few seconds; nothing legitimate takes a minute. With
# threads (gthread) this only restarts a worker that stops answering: a slow
# request in one thread is not stopped. Imports stop themselves instead
# (IMPORT_TIME_LIMIT); GUNICORN_THREADS=1 makes it a hard limit on every
# request (docs/deploy.md, "How long a request may take").
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
# On SIGTERM (a deploy, the end of a load run) requests in flight finish.
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that a slow leak cannot grow forever.
max_requests = 2000
max_requests_jitter = 200

# Access log with the time each request took (%(M)s, milliseconds).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Only the proxy on this machine may say which scheme the client used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No runtime control socket (gunicornc): one fixed path per user would clash
# between two servers on one machine, and signals do the same job.
control_socket_disable = True
