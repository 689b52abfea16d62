"""The public face's addresses at the site's root (namespace
``public_root``): /sitemap.xml and /robots.txt (settings.PUBLIC_PATH_PREFIXES).
"""

from django.urls import path

from schemes.public import views_sitemap

app_name = "public_root"

urlpatterns = [
    path("sitemap.xml", views_sitemap.sitemap, name="sitemap"),
    path("robots.txt", views_sitemap.robots, name="robots"),
]
