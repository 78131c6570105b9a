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
        self._check_grading_eligibility(cleaned)
        return cleaned

    def _check_grading_eligibility(self, cleaned):
        grades = self.formsets.get("grades")
        if grades is None:
            return
        # The inline forms are validated after this form's clean(); validate them now.
        for form in grades.forms:
            if not form.has_changed() or not form.is_valid():
                continue
            data = form.cleaned_data
            if data.get("DELETE") or not data.get("year"):
                continue
            reason = self.instance.grading_ineligibility(
                data["year"], last_updated_on=cleaned.get("last_updated_on")
            )
            if reason:
                form.add_error("year", reason)
                self.add_error(None, reason)
