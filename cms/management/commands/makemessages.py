"""
Django's `makemessages` with the project's defaults, so `make messages`, CI and a developer
typing the command all extract the same catalogue: the project's own code only (not its
tests, benchmark, documentation or migrations), without obsolete entries, without fuzzy
guesses, and with file names but no line numbers in the references (so an edit elsewhere in
a file does not rewrite the catalogue). Every app's msgids go to cms/locale (the first of LOCALE_PATHS).
https://docs.djangoproject.com/en/5.2/topics/i18n/translation/#customizing-the-makemessages-command
"""

from django.core.management.commands import makemessages

# Folders that hold no message of the product (Django matches each by its name at any depth).
PROJECT_IGNORES = ["tests/*", "bench/*", "var/*", "docs/*", "deploy/*", "build/*", "dist/*", "*/migrations/*"]


class Command(makemessages.Command):
    # A new msgid starts untranslated rather than with a guess from a similar one ("fuzzy"),
    # which reads as translated in a review and is silently left out of the compiled catalogue.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options.get("ignore_patterns", []), *PROJECT_IGNORES]
        options["no_obsolete"] = True
        if not options.get("add_location"):
            options["add_location"] = "file"
        return super().handle(*args, **options)
