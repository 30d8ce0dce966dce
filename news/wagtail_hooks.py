"""News plugs into the site through Wagtail hooks: its part of the demo content."""

from wagtail import hooks


# After the concept (10), before the committee (20): the menu lists „Aktuelles" second.
@hooks.register("load_demo_content", order=15)
def load_demo_content(home):
    from . import demo

    demo.load(home)
