"""``manage.py import_workbook FILE.xlsx [--publish] [--dry-run] [--user NAME]``

Imports the sheets (服务商, 解决方案, 典型案例, 证书) of an editors' workbook (DESIGN.md §3; the
rules are in ``catalogue/workbook.py``). Prints the result in Chinese; exits with 1 and lists
every problem when the workbook is rejected (then nothing is written), 0 otherwise.
"""

import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from catalogue.workbook import import_workbook


class ProgressBar:
    """A plain text bar on stderr, redrawn at most once per percent."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.current: tuple[str, str] | None = None
        self.last = -1
        self.started = time.monotonic()

    def __call__(self, phase: str, sheet: str, done: int, total: int | None) -> None:
        if (phase, sheet) != self.current:
            self.close()
            self.current, self.last, self.started = (phase, sheet), -1, time.monotonic()
        if total:
            percent = min(100, done * 100 // total)
            if percent == self.last:
                return
            self.last = percent
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            line = f"\r{phase} {sheet} [{bar}] {percent:3d}% {done}/{total}"
        else:
            line = f"\r{phase} {sheet} {done} 行"
        elapsed = time.monotonic() - self.started
        if elapsed > 0.5:
            line += f"  {done / elapsed:.0f} 行/秒"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.current is not None:
            self.stream.write("\n")
            self.stream.flush()
            self.current = None


class Command(BaseCommand):
    help = "导入服务商资源池工作簿（服务商、解决方案、典型案例、证书）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="工作簿文件（.xlsx）")
        parser.add_argument(
            "--publish", action="store_true", help="直接发布（默认保存为待审核的草稿）"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="只校验并报告将产生的结果，不写入任何数据"
        )
        parser.add_argument("--user", help="记为修订作者的用户名（可选）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file, publish, dry_run, user, no_progress, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"找不到用户：{user}")

        show_progress = not no_progress and options.get("verbosity", 1) > 0
        bar = ProgressBar(sys.stderr) if show_progress else None
        started = time.monotonic()
        try:
            result = import_workbook(
                path, publish=publish, dry_run=dry_run, user=author, progress=bar
            )
        finally:
            if bar:
                bar.close()
        elapsed = time.monotonic() - started

        for line in result.summary_lines():
            self.stdout.write(line)
        if result.errors:
            raise CommandError(
                f"导入失败：发现 {result.error_count} 个问题，未写入任何数据。", returncode=1
            )
        rows = sum(counts.total for counts in result.counts.values())
        self.stdout.write(f"共处理 {rows} 行，用时 {elapsed:.1f} 秒。")
