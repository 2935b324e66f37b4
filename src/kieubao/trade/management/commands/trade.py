"""kieubao trade reindex [--products | --companies] | demo [--if-empty]

Subcommands are added as entries of SUBCOMMANDS (name -> (help, add_arguments, handler)).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand


def _reindex_arguments(parser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--products", action="store_true", help="Only the products index.")
    which.add_argument("--companies", action="store_true", help="Only the companies index.")


def _reindex(command: BaseCommand, options: dict) -> None:
    from ...search import company_index, product_index

    started = time.perf_counter()
    verbose = options.get("verbosity", 1) > 0

    def progress(n: int) -> None:
        if verbose:
            command.stdout.write(f"\r  indexed {n:,} products", ending="")
            command.stdout.flush()

    done = []
    if not options.get("companies"):
        done.append(f"{product_index().rebuild(progress=progress):,} products")
    if not options.get("products"):
        done.append(f"{company_index().rebuild():,} companies")
    if verbose:
        command.stdout.write(
            f"\nIndexed {' and '.join(done)} in {time.perf_counter() - started:.1f} s."
        )


def _demo_arguments(parser) -> None:
    parser.add_argument("--if-empty", action="store_true", help="Skip if already loaded.")


def _demo(command: BaseCommand, options: dict) -> None:
    from ...demo import load_demo

    report = load_demo(if_empty=options.get("if_empty", False))
    if report is None:
        command.stdout.write("Trade portal demo data already loaded.")
        return
    command.stdout.write(
        f"Trade portal demo: {report.exporters} exporters, {report.products} products, "
        f"{report.distributors} distributors, {report.channels} distribution channels, "
        f"{report.deals} confirmed deals, {report.statistics} lines of synthetic trade "
        f"statistics in {report.seconds:.1f} s."
    )


SUBCOMMANDS = {
    "reindex": (
        "Rebuild the catalogue's search indexes (products, companies) from the database.",
        _reindex_arguments,
        _reindex,
    ),
    "demo": (
        "Load the trade portal's demo data (on top of `kieubao demo`).",
        _demo_arguments,
        _demo,
    ),
}


class Command(BaseCommand):
    help = "Trade portal: rebuild the catalogue's search indexes; load the demo data."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, (help_text, arguments, _handler) in SUBCOMMANDS.items():
            arguments(sub.add_parser(name, help=help_text))

    def handle(self, *args, action, **options):
        SUBCOMMANDS[action][2](self, options)
