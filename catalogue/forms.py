from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class ProviderPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        categories = cleaned.get("categories")
        subtypes = cleaned.get("subtypes")
        if categories is not None and subtypes:
            chosen = {c.translation_key for c in categories}
            stray = [s.name for s in subtypes if s.category.translation_key not in chosen]
            if stray:
                self.add_error(
                    "subtypes",
                    _("细分类型须属于所选类别：%(names)s 不属于任何已选类别。")
                    % {"names": "、".join(stray)},
                )
        return cleaned
