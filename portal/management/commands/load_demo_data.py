"""``manage.py load_demo_data``: fill the site with demo content, reproducibly and idempotently.

Each project app may contribute a module ``<app>.demo`` with

* ``generate(*, rng: random.Random, stdout) -> dict[str, int]`` — creates or updates its demo
  objects and returns counts for the summary (e.g. ``{"providers created": 40}``);
* ``ORDER: int`` (optional, default 100) — generators run in ascending order: portal 0,
  catalogue 10, cases 20, training 30.

Apps without a ``demo`` module are skipped; third-party apps are never looked at. All
generators run in one transaction: if one fails, nothing is written. Each generator gets its own
``random.Random`` seeded from ``--seed`` and its app label, so its output does not change when
another generator draws more or fewer numbers. Generators must be idempotent (natural keys,
update in place, publish a revision only when content changed), so that running the command
twice leaves the database as the first run left it.

After the generators, every page still missing its English alias gets one
(``portal.translation.sync_english_aliases``).
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from portal.translation import sync_english_aliases

DEFAULT_SEED = 2025
DEFAULT_ORDER = 100
DEMO_MODULE = "demo"


@dataclass
class Generator:
    app_label: str
    order: int
    module: ModuleType

    def run(self, *, seed: int, stdout) -> dict[str, int]:
        # Demo data, not security: a seeded, reproducible generator is the point.
        rng = random.Random(f"{seed}:{self.app_label}")  # noqa: S311
        counts = self.module.generate(rng=rng, stdout=stdout)
        return dict(counts or {})


def is_project_app(app_config: AppConfig) -> bool:
    """An app of this repository (portal, catalogue, …), not one installed from a package."""
    path = Path(app_config.path).resolve()
    base_dir = Path(settings.BASE_DIR).resolve()
    installed = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    return path.is_relative_to(base_dir) and not any(path.is_relative_to(p) for p in installed)


def discover_generators() -> list[Generator]:
    generators = []
    for index, app_config in enumerate(apps.get_app_configs()):
        if not is_project_app(app_config):
            continue
        if not module_has_submodule(app_config.module, DEMO_MODULE):
            continue
        module = import_module(f"{app_config.name}.{DEMO_MODULE}")
        if not callable(getattr(module, "generate", None)):
            raise CommandError(f"{module.__name__} has no generate(*, rng, stdout) function.")
        order = getattr(module, "ORDER", DEFAULT_ORDER)
        generators.append((order, index, Generator(app_config.label, order, module)))
    return [generator for *_, generator in sorted(generators, key=lambda g: g[:2])]


class Command(BaseCommand):
    help = (
        "Load demo content (home page texts, standard pages and, as apps provide them, "
        "providers, cases, certificates). Reproducible (--seed) and idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed for the random choices of the generators (default {DEFAULT_SEED}).",
        )

    def handle(self, *args, seed: int, **options):
        generators = discover_generators()
        if not generators:
            raise CommandError("No app provides a demo module.")

        results: list[tuple[str, dict[str, int]]] = []
        with transaction.atomic():
            for generator in generators:
                self.stdout.write(f"{generator.app_label} (order {generator.order}) …")
                results.append((generator.app_label, generator.run(seed=seed, stdout=self.stdout)))
            results.append(("(all pages)", {"english aliases": sync_english_aliases()}))

        self._print_summary(seed, results)

    def _print_summary(self, seed: int, results) -> None:
        rows = [("generator", "item", "count")]
        for label, counts in results:
            if not counts:
                rows.append((label, "—", ""))
            for i, (item, count) in enumerate(counts.items()):
                rows.append((label if i == 0 else "", str(item), str(count)))
        widths = [max(len(row[col]) for row in rows) for col in range(3)]

        def line(row) -> str:
            return "  ".join(
                cell.rjust(width) if col >= 2 else cell.ljust(width)
                for col, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()

        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo data loaded (seed {seed})"))
        self.stdout.write(line(rows[0]))
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows[1:]:
            self.stdout.write(line(row))
