"""The admin dashboard tells administrators when the search index must be rebuilt
(``search.W001``, :mod:`search.checks`): the system check speaks only to whoever runs
``migrate`` after a deployment, and the people who notice searches missing entries are the
site's administrators."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import IndexBuild


class StaleIndexPanel(Component):
    template_name = "search/stale_index_panel.html"
    order = 0  # above Wagtail's panels (100 onwards): it is about every search of the site

    def __init__(self, build: IndexBuild):
        self.build = build

    def get_context_data(self, parent_context=None):
        return {"build": self.build}


@hooks.register("construct_homepage_panels")
def warn_of_a_stale_index(request, panels):
    # Only an administrator can have the index rebuilt (it is a command on the server).
    if not request.user.is_superuser:
        return
    build = IndexBuild.objects.stale()
    if build is not None:
        panels.append(StaleIndexPanel(build))
