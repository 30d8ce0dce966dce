"""Staff issue a second-factor enrolment link by hand (an account without e-mail, or the
mail did not arrive): `manage.py second_factor_link <username>` prints it."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from moessingen_site.security import enrolment_link


class Command(BaseCommand):
    help = "Print a one-time link with which the account sets up its second factor."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No account {username!r}.") from None
        self.stdout.write(enrolment_link(user))
