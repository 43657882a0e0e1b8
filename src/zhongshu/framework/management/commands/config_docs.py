from django.core.management.base import BaseCommand

from zhongshu.conf import render_markdown


class Command(BaseCommand):
    help = "Print docs/configuration.md from the settings registry."

    def handle(self, *args, **options):
        self.stdout.write(render_markdown(), ending="")
