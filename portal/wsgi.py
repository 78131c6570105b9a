import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Load the Chinese dictionary before the first request rather than during it (about a second).
from search.analysis import tokenizer  # noqa: E402

tokenizer()
