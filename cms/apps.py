from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Project core: units directory, roles, set-up commands."""

    name = "cms"
    verbose_name = _("Hệ thống")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Models can be imported only once the registry is ready, hence here.
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.admin.views.account import NameEmailSettingsPanel

        from . import choosers, csp, form_errors, formsets, spreadsheets, unit_graph
        from .account import VietnameseNameEmailForm
        from .models import Unit

        # Saving the account page needs no family name (docs/upgrading.md lists this override).
        NameEmailSettingsPanel.form_class = VietnameseNameEmailForm
        # No CSV export of the admin writes a cell a spreadsheet would run as a formula.
        spreadsheets.install()
        # Wagtail's choosers write their inline init script without a nonce, which the
        # Content-Security-Policy (vksnd/csp.py) would block: give it the request's.
        csp.install_chooser_nonce()
        # Forms with garbage (a non-id in a chooser, a forged inline row) answer with errors, not 500.
        choosers.install()
        formsets.install()
        # Every form error in the admin's message names its field by label (cms/form_errors.py).
        form_errors.install()

        # The cached hierarchy and lineage of the units follow every change of the directory.
        for signal in (post_save, post_delete):
            signal.connect(unit_graph.forget, sender=Unit, dispatch_uid="unit-graph")
        m2m_changed.connect(
            unit_graph.forget, sender=Unit.predecessors.through, dispatch_uid="unit-graph-m2m"
        )
