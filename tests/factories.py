"""Factories for the project's models."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from cms.models import Unit, UnitLevel


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"VKS-TEST{n}")
    name = factory.Sequence(lambda n: f"Viện kiểm sát nhân dân tỉnh Thử Nghiệm {n}")
    short_name = factory.Sequence(lambda n: f"VKSND tỉnh Thử Nghiệm {n}")
    level = UnitLevel.PROVINCIAL
    province = "Thử Nghiệm"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


def prefer_language(user, language: str):
    """Set the admin language the user chose in their Wagtail profile; returns the user."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user
