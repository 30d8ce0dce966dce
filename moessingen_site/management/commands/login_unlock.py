"""Staff lift the address-wide login lock (the town hall's shared address after a prober's
or colleagues' failed logins): `manage.py login_unlock <address>`. It also lifts django-axes'
account locks at that address, as `axes_reset_ip` does (which lifts the address lock too)."""

from django.core.management.base import BaseCommand

from axes.utils import reset


class Command(BaseCommand):
    help = "Lift the login lock of one client address (all login forms and page passwords)."

    def add_arguments(self, parser):
        parser.add_argument("address", help="the client address as the lockout saw it, e.g. 203.0.113.7")

    def handle(self, *args, address, **options):
        count = reset(ip=address)  # AXES_HANDLER lifts the address-wide count as well
        self.stdout.write(f"Login lock of {address} lifted ({count} account locks).")
