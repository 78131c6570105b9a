import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Load the Chinese dictionary before the first request rather than during it (about a second),
# and the loose words a sentence may be searched without (a tenth of a second more).
from search.analysis import loose_words, tokenizer  # noqa: E402

tokenizer()
loose_words()

# A web worker's collector thresholds (settings.GC_THRESHOLDS), not every process's: an import
# of 100,000 rows keeps more cyclic garbage at them (peak 505 MB against 329).
from django.conf import settings  # noqa: E402

if settings.GC_THRESHOLDS:
    gc.set_threshold(*settings.GC_THRESHOLDS)
