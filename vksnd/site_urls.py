"""
The reference deployment's URL configuration (ROOT_URLCONF): the apps' URLs, the Wagtail
admin, documents, and the public site — its own views and Wagtail's page serving, Vietnamese
at the root and English under /en/ (public_site/middleware.py activates the language of the
address). A host site keeps its own configuration and includes vksnd.urls.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content_api.api.app import not_found as content_api_not_found

urlpatterns = [
    path("", include("vksnd.urls")),
    # This site has no other API: anything under /api/ answers JSON.
    re_path(r"^api/", content_api_not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("public_site.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "public_site.views.page_not_found"
handler500 = "public_site.views.server_error"
