"""
Bring the English catalogue up to date with the code, without GNU gettext.

`manage.py extract_messages` finds every msgid of the project's Python code and templates
(cms.i18n_extract, the same messages as `makemessages`), adds the new ones to
locale/en/LC_MESSAGES/django.po with an empty translation, drops the ones gone from the code,
and lists what still needs translating. `--check` writes nothing and fails while a message lacks
its translation (what tests/i18n/test_english_catalogue.py enforces).
"""

from django.core.management.base import BaseCommand, CommandError

from cms.i18n_extract import TARGET_LANGUAGES, missing_translations, update_catalogue


class Command(BaseCommand):
    help = "Update locale/<lang>/LC_MESSAGES/django.po from the project's msgids (pure Python)."

    def add_arguments(self, parser):
        parser.add_argument(
            "-l",
            "--locale",
            action="append",
            choices=TARGET_LANGUAGES,
            help="The language to update (default: every admin language but Vietnamese).",
        )
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail if a message lacks its translation."
        )

    def handle(self, *args, **options):
        missing_total = 0
        for language in options["locale"] or TARGET_LANGUAGES:
            if not options["check"]:
                catalogue, added, removed = update_catalogue(language)
                self.stdout.write(
                    f"{language}: {len(catalogue)} messages, {len(added)} new, {len(removed)} removed."
                )
            missing = missing_translations(language)
            for message in missing:
                self.stdout.write(f"  {language}: {message.msgid!r}  ({message.where()})")
            missing_total += len(missing)
        if missing_total:
            raise CommandError(f"{missing_total} message(s) without a translation; see the list above.")
        self.stdout.write(self.style.SUCCESS("Every message has its translation."))
