"""Public URLs (included in ``portal/urls.py`` inside ``i18n_patterns``: /certificates/ and
/en/certificates/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("certificates/", views.lookup_view, name="certificate_lookup"),
    path("certificates/v/<str:token>/", views.verify_view, name="certificate_verify"),
    path("certificates/v/<str:token>/print/", views.print_view, name="certificate_print"),
    path("certificates/v/<str:token>/pdf/", views.pdf_view, name="certificate_pdf"),
]
