from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # noqa: S105 - the documented development login, refused outside DEBUG


class Command(BaseCommand):
    help = "Create the documented development administrator (admin / admin). DEBUG only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a known-password administrator without DEBUG.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.com"},
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Created administrator {USERNAME}/{PASSWORD}."))
        else:
            self.stdout.write(f"Administrator {USERNAME} already exists.")
