"""URL configuration: the Wagtail admin, documents, and page serving."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from content_api.api.app import api as content_api
from content_api.api.app import not_found as content_api_not_found
from translations import views as translation_views

# The project's apps whose admin scripts have translatable strings (gettext() in their
# static/**/*.js). The catalogue reads their locale/ folders and, as Django always does,
# LOCALE_PATHS: the English is in cms/locale/en/LC_MESSAGES/djangojs.po.
JAVASCRIPT_CATALOGUE_PACKAGES = ["media"]

urlpatterns = [
    # The translations of those scripts in the editor's language (require_admin_access
    # activates the language chosen in their Wagtail profile); loaded before each script by
    # the widget that includes it (media/forms.py).
    path(
        "admin/jsi18n/cms/",
        require_admin_access(
            JavaScriptCatalog.as_view(domain="djangojs", packages=JAVASCRIPT_CATALOGUE_PACKAGES)
        ),
        name="cms_javascript_catalog",
    ),
    # wagtail-localize's PO upload imports what it can and skips the rest silently; this one
    # imports all or nothing and says what was wrong (translations/views.py).
    path(
        "admin/localize/translate/<int:translation_id>/pofile/upload/",
        require_admin_access(translation_views.upload_po),
    ),
    # ...and its "Sync translated pages" without "publish immediately": updates are moderated.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(translation_views.ModeratedUpdateTranslationsView.as_view()),
    ),
    path("api/content/v1/", content_api.urls),
    re_path(r"^api/", content_api_not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
