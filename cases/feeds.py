"""The Atom feed of published cases, with the case listing's filters (``/cases/feed/?year=…``)."""

from catalogue.feeds import ListingFeed

from .listing import CaseListing


class CaseListingFeed(ListingFeed):
    listing_class = CaseListing

    def item_description(self, case):
        return f"{case.client_name}：{case.outcome or case.approach}"[:200]

    def item_categories(self, case):
        return [str(case.year), *(t.name for t in (case.scenario, case.client_industry) if t)]
