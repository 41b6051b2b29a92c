"""
The apps' URLs, for the reference site (vksnd/site_urls.py) and for a host Wagtail site, which
includes them *before* its admin URLs (they replace two wagtail-localize admin views):

    path("", include("vksnd.urls")),
    path("admin/", include(wagtailadmin_urls)),
"""

from django.urls import path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin.auth import require_admin_access

from content_api.api.app import api as content_api
from content_api.api.app import not_found as content_api_not_found
from translations import guards as translation_guards
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
        require_admin_access(translation_guards.refuse_when_locked(translation_views.upload_po)),
    ),
    # ...and its other views under the page's moderation lock, facts never overridden, no
    # English alias of a Vietnamese page, "Translate" only for sources and places the user
    # has rights on (translations/guards.py).
    path(
        "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        require_admin_access(translation_guards.edit_string_translation),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        require_admin_access(translation_guards.refuse_overrides),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/machine_translate/",
        require_admin_access(translation_guards.machine_translate),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/disable/",
        require_admin_access(translation_guards.stop_translation),
    ),
    path(
        "admin/localize/page/<int:page_id>/convert_to_alias/",
        require_admin_access(translation_guards.refuse_convert_to_alias),
    ),
    path(
        "admin/localize/submit/page/<int:page_id>/",
        require_admin_access(translation_guards.GuardedSubmitPageTranslationView.as_view()),
    ),
    # ...and its "Sync translated pages" without "publish immediately": updates are moderated.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(translation_views.ModeratedUpdateTranslationsView.as_view()),
    ),
    path("api/content/v1/", content_api.urls),
    # Any other address under the content API answers a JSON 404, not an HTML page.
    re_path(r"^api/content/", content_api_not_found),
]
