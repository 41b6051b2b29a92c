"""
Video clip admin views that follow collection permissions, as images and documents do.

Snippet views check model-wide permissions only; a unit's clips must stay editable (and
choosable) by that unit and the coordinating roles alone, so the listing, the chooser,
the edit and delete views and the collection field all ask the collection policy.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.snippets.views import chooser, snippets

from .models import VideoClip

permission_policy = CollectionOwnershipPermissionPolicy(
    VideoClip, auth_model=VideoClip, owner_field_name="uploaded_by_user"
)


class CollectionFormMixin:
    """Offer only the collections the user may add clips to; record the uploader."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "collection" in form.fields:
            form.fields["collection"].queryset = permission_policy.collections_user_has_permission_for(
                self.request.user, "add"
            )
        return form

    def save_instance(self):
        if not self.object_is_saved():
            self.form.instance.uploaded_by_user = self.request.user
        return super().save_instance()

    def object_is_saved(self) -> bool:
        return bool(getattr(self.form.instance, "pk", None))


class InstancePermissionMixin:
    """Refuse an instance the user has no permission for through its collection."""

    instance_actions = ("change",)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not permission_policy.user_has_any_permission_for_instance(
            self.request.user, list(self.instance_actions), obj
        ):
            raise PermissionDenied
        return obj


class VideoIndexView(snippets.IndexView):
    def get_base_queryset(self):
        allowed = permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete"]
        )
        return super().get_base_queryset().filter(pk__in=allowed.values("pk"))


class VideoCreateView(CollectionFormMixin, snippets.CreateView):
    pass


class VideoEditView(InstancePermissionMixin, CollectionFormMixin, snippets.EditView):
    pass


class VideoDeleteView(InstancePermissionMixin, snippets.DeleteView):
    instance_actions = ("delete",)


class VideoHistoryView(InstancePermissionMixin, snippets.HistoryView):
    """A clip's history is for who may change or delete it, in its collection."""

    instance_actions = ("change", "delete")


class VideoUsageView(InstancePermissionMixin, snippets.UsageView):
    """Where a clip is used: for who may change, delete or choose it."""

    instance_actions = ("change", "delete", "choose")


class ChoosableMixin:
    def get_object_list(self):
        return permission_policy.instances_user_has_permission_for(self.request.user, "choose")


class VideoChooseView(ChoosableMixin, chooser.ChooseView):
    pass


class VideoChooseResultsView(ChoosableMixin, chooser.ChooseResultsView):
    pass


class VideoChosenView(chooser.SnippetChosenView):
    """The chooser's answer for one clip: only a clip the user may choose."""

    def get_object(self, pk):
        return permission_policy.instances_user_has_permission_for(self.request.user, "choose").get(pk=pk)


class VideoChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return permission_policy.instances_user_has_permission_for(self.request.user, "choose").filter(
            pk__in=pks
        )


class VideoChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView
    chosen_view_class = VideoChosenView
    chosen_multiple_view_class = VideoChosenMultipleView
