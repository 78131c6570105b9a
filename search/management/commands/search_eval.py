import random

from django.core.management.base import BaseCommand, CommandError

from search import evaluation


class Command(BaseCommand):
    help = (
        "Measure search quality on the evaluation set: precision@10 and recall@100 per kind "
        "of query. --generate rebuilds the set from the current (demo) content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true")
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--show-misses", action="store_true")

    def handle(self, *args, generate, seed, show_misses, **options):
        if generate:
            documents = evaluation.load_documents()
            if not documents:
                raise CommandError("No content to build the set from: run load_demo_data.")
            entries = evaluation.generate(documents, rng=random.Random(seed))  # noqa: S311 - a reproducible sample
            evaluation.write_set(entries)
            self.stdout.write(f"Wrote {len(entries)} queries to {evaluation.EVALUATION_SET}")
        entries = evaluation.read_set()
        per_kind, misses = evaluation.evaluate(entries)

        self.stdout.write(f"{'kind':<18}{'queries':>8}{'P@10':>9}{'R@100':>9}")
        all_scores = []
        for kind in evaluation.KINDS:
            scores = per_kind.get(kind, [])
            all_scores += scores
            if scores:
                p = sum(s[0] for s in scores) / len(scores)
                r = sum(s[1] for s in scores) / len(scores)
                self.stdout.write(f"{kind:<18}{len(scores):>8}{p:>9.3f}{r:>9.3f}")
        p = sum(s[0] for s in all_scores) / len(all_scores)
        r = sum(s[1] for s in all_scores) / len(all_scores)
        self.stdout.write(f"{'overall':<18}{len(all_scores):>8}{p:>9.3f}{r:>9.3f}")
        if show_misses:
            for kind, query, precision, recall in misses:
                self.stdout.write(f"  miss {kind}: {query!r} P@10={precision:.2f} R={recall:.2f}")
