"""The site package from the window (issue 19): the File menu's export (SP_UI_ACT_EXPORT) at
a site, its import (SP_UI_ACT_IMPORT, also a button on the head office's overview tab) at head
office.

Both run on the window's TaskRunner. Export asks for the file (``<code>-<YYYYMMDD>.odpkg`` in
the documents folder, or the folder used last) and whether the package is incremental (the
default; the first is full anyway) or full, then shows what ``project export`` prints: the
package written and the site key's fingerprint, which head office compares on its first import.
Import takes several files at once, imports each in its own transaction (the service's), a
project's packages in the order of their ``seq``, so a site's backlog goes in with one choice;
a refused file does not stop the others. One summary says per file what happened (the same
messages as ``project import``), then the project picker and the overview are refreshed.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import strings
from app.errors import AppError
from ui import messages
from ui.common import palette

if TYPE_CHECKING:
    from app.services import Services
    from app.services.sitepkg import ExportResult, ImportResult, LastExport
    from ui.main_window import MainWindow

DIR_KEY = "dirs/sitepkg"  # the folder a package was last written to or read from
SUFFIX = ".odpkg"
IMPORTED, UNCHANGED, REFUSED = "imported", "unchanged", "refused"


def start_folder() -> Path:
    """The folder used last, else the user's documents (the home folder if there is none)."""
    last = QSettings().value(DIR_KEY)
    if last:
        return Path(str(last))
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


def remember_folder(path: Path) -> None:
    QSettings().setValue(DIR_KEY, str(path.parent))


# ---- export (at the site) ------------------------------------------------------------------
class ExportChoiceDialog(QDialog):
    """Where the package goes, and incremental (default) or full."""

    def __init__(self, code: str, path: Path, last: LastExport | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.SP_UI_EXPORT_TITLE)
        where = QLabel(strings.SP_UI_EXPORT_TO.format(code=code, file=path))
        where.setWordWrap(True)
        # what head office should have last: the supervisor sees which number comes next
        self.last = QLabel(last_export_text(last))
        self.last.setWordWrap(True)
        self.incremental = QRadioButton(strings.SP_UI_KIND_INCREMENTAL)
        self.full = QRadioButton(strings.SP_UI_KIND_FULL)
        if last is None:  # the first package is full whatever is chosen: say so
            self.full.setChecked(True)
            self.incremental.setEnabled(False)
        else:
            self.incremental.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.incremental)
        group.addButton(self.full)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(strings.SP_UI_EXPORT_OK)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(strings.CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(where)
        column.addWidget(self.last)
        column.addSpacing(6)
        column.addWidget(self.incremental)
        column.addWidget(self.full)
        column.addSpacing(6)
        column.addWidget(buttons)
        self.setMinimumWidth(480)


def last_export_text(last: LastExport | None) -> str:
    """The site's newest package, and the number this export gets."""
    if last is None:
        return strings.SP_UI_EXPORT_FIRST
    kind = (strings.SP_KIND_FULL if last.full
            else strings.SP_KIND_INCREMENTAL.format(base=last.base_seq))
    return strings.SP_UI_EXPORT_LAST.format(
        seq=last.seq, kind=kind, at=f"{last.created_at:%Y-%m-%d %H:%M}", rows=last.rows,
        file=last.file_name, next=last.seq + 1)


def ask_export_path(parent: QWidget, code: str, today: str) -> Path | None:
    """The file to write (``.odpkg`` added when the name lacks it), or ``None``."""
    name = strings.SP_UI_FILE_NAME.format(code=code, date=today)
    chosen, _ = QFileDialog.getSaveFileName(parent, strings.SP_UI_EXPORT_TITLE,
                                            str(start_folder() / name), strings.SP_UI_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    remember_folder(path)
    return path


def export_message(result: ExportResult) -> str:
    """What ``project export`` prints (SP_EXPORTED, the fingerprint), and what to do next."""
    kind = (strings.SP_KIND_FULL if result.full
            else strings.SP_KIND_INCREMENTAL.format(base=result.base_seq))
    done = strings.SP_EXPORTED.format(code=result.code, seq=result.seq, kind=kind,
                                      rows=result.rows, audit=result.audit_rows,
                                      size=f"{result.size / 1024:.1f}", file=result.path)
    # the fingerprint on a line of its own: read out on the phone, it must not wrap
    return "\n\n".join((done, strings.SP_UI_FINGERPRINT.format(fingerprint=result.fingerprint),
                        strings.SP_UI_EXPORT_NEXT))


def export_package(window: MainWindow) -> None:
    """File > export: the file, the kind, then the export on the TaskRunner."""
    services = window.services
    if services.db.project_refusal:  # a site's copy at head office (the action is greyed)
        messages.error(window, strings.SP_EXPORT_SITE_COPY.format(
            code=services.project.get().code))
        return
    code = services.project.get().code
    path = ask_export_path(window, code, services.clock.today().strftime("%Y%m%d"))
    if path is None:
        return
    from app.services.sitepkg import SitePackageService

    last = SitePackageService(services.db, services.actor).last_export()
    choice = ExportChoiceDialog(code, path, last, window)
    if choice.exec() != QDialog.DialogCode.Accepted:
        return
    full = choice.full.isChecked()

    def work(_progress: Any) -> ExportResult:
        return SitePackageService(services.db, services.actor).export(path, full=full)

    window.tasks.run(strings.SP_UI_EXPORTING, work,
                     lambda result: messages.info(window, export_message(result),
                                                  strings.SP_UI_EXPORT_TITLE),
                     cancellable=False)


# ---- import (at head office) ---------------------------------------------------------------
@dataclass
class Outcome:
    """One file's import: ``status`` IMPORTED, UNCHANGED or REFUSED, the message that says
    so, and notes (a new key's fingerprint, a break in the site's audit chain)."""

    file: str
    status: str
    text: str
    notes: list[str] = field(default_factory=list)
    project: str = ""  # the project's code (imported or unchanged)


def package_order(paths: Sequence[Path]) -> list[Path]:
    """``paths`` in the order to import them: each project's packages (one site uid) by
    ``seq``, a full package before the increments that build on it; projects by the code of
    their first package; a file that cannot be read as a package last, in the order given
    (its import says why)."""
    from app.services import sitepkg_format as fmt

    sites: dict[str, list[tuple[int, int, str, Path]]] = {}
    unreadable: list[Path] = []
    for index, path in enumerate(paths):
        try:
            package = fmt.read(path)
            key = (package.seq, index, package.code, path)
            uid = package.uid
        except Exception:  # any reason: its import says it
            unreadable.append(path)
            continue
        sites.setdefault(uid, []).append(key)
    groups = sorted((sorted(v) for v in sites.values()), key=lambda g: (g[0][2], g[0][0]))
    return [p for group in groups for *_, p in group] + unreadable


def _logged(exc: BaseException, what: str) -> str:
    """Log an unexpected error (with its traceback, redacted by the log's formatter); the
    log file's path, for the message."""
    from ui.errors import log_file

    logging.getLogger("onsitedesk").error(what, exc_info=(type(exc), exc, exc.__traceback__))
    return str(log_file())


def _notes(result: ImportResult, name: str) -> list[str]:
    notes = []
    if result.new_key:
        notes.append(strings.SP_TRUST_NEW.format(code=result.project,
                                                 fingerprint=result.fingerprint))
    if result.chain_break is not None:
        notes.append(strings.SP_CHAIN_BREAK.format(file=name, code=result.project,
                                                   id=result.chain_break))
    return notes


def import_one(services: Services, path: Path) -> Outcome:
    """Import ``path`` in its own transaction; then count its project's overview figures
    (``catch_up``, as ``project import`` does). Never raises for one bad file."""
    from app.services.sitepkg import SitePackageService

    name = path.name
    try:
        result = SitePackageService(services.db, services.actor).import_(path)
    except AppError as exc:
        return Outcome(name, REFUSED, exc.message)
    except OSError:  # gone or unreadable since it was chosen
        return Outcome(name, REFUSED, strings.SP_BAD_FILE.format(
            file=name, why=strings.SP_UI_WHY_UNREADABLE))
    except Exception as exc:  # logged; the other files still go in
        return Outcome(name, REFUSED, strings.SP_UI_UNEXPECTED.format(
            file=name, log=_logged(exc, "site package import failed")))
    notes = _notes(result, name)
    if result.unchanged:
        return Outcome(name, UNCHANGED, strings.SP_ALREADY.format(
            file=name, code=result.project, seq=result.seq), notes, result.project)
    try:
        services.headoffice.catch_up(result.project)
    except Exception as exc:  # imported all the same; recounted when stale
        why = exc.message if isinstance(exc, AppError) else strings.SP_UI_WHY_LOGGED.format(
            log=_logged(exc, "head office catch_up failed"))
        notes.append(strings.SP_UI_CATCH_UP_FAILED.format(code=result.project, why=why))
    text = strings.SP_IMPORTED.format(code=result.project, seq=result.seq,
                                      inserted=result.rows_inserted,
                                      updated=result.rows_updated,
                                      deleted=result.rows_deleted)
    return Outcome(name, IMPORTED, text, notes, result.project)


def import_all(services: Services, paths: Sequence[Path], progress: Any) -> list[Outcome]:
    """Every file, one after another (the worker thread's job); cancelling stops before the
    next file, the rest listed as not imported."""
    ordered = package_order(paths)
    out: list[Outcome] = []
    for n, path in enumerate(ordered, start=1):
        if progress.cancelled():
            out.append(Outcome(path.name, REFUSED, strings.SP_UI_CANCELLED.format(
                file=path.name)))
            continue
        progress.report(n - 1, len(ordered), strings.SP_UI_IMPORTING_FILE.format(
            file=path.name, n=n, total=len(ordered)))
        out.append(import_one(services, path))
    progress.report(len(ordered), len(ordered), "")
    return out


STATUS = {IMPORTED: (strings.SP_UI_STATUS_IMPORTED, palette.OK),
          UNCHANGED: (strings.SP_UI_STATUS_UNCHANGED, palette.MUTED),
          REFUSED: (strings.SP_UI_STATUS_REFUSED, palette.ERROR)}


def summary_head(outcomes: Sequence[Outcome]) -> str:
    count = {s: sum(o.status == s for o in outcomes) for s in STATUS}
    return strings.SP_UI_SUMMARY_HEAD.format(total=len(outcomes), imported=count[IMPORTED],
                                             unchanged=count[UNCHANGED],
                                             refused=count[REFUSED])


def summary_html(outcomes: Sequence[Outcome]) -> str:
    parts = []
    for o in outcomes:
        label, colour = STATUS[o.status]
        tag = html.escape(strings.SP_UI_STATUS_TAG.format(status=label))
        lines = [f'<b style="color:{colour}">{tag}</b> <b>{html.escape(o.file)}</b>',
                 html.escape(o.text)]
        lines += [f'<span style="color:{palette.WARNING}">{html.escape(n)}</span>'
                  for n in o.notes]
        parts.append("<p>" + "<br/>".join(lines) + "</p>")
    return "".join(parts)


class ImportSummaryDialog(QDialog):
    """One line per file (imported, unchanged, refused and why), with the notes."""

    def __init__(self, outcomes: Sequence[Outcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcomes = list(outcomes)
        self.setWindowTitle(strings.SP_UI_IMPORT_TITLE)
        self.head = QLabel(summary_head(outcomes))
        self.head.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setHtml(summary_html(outcomes))
        self.body.setOpenLinks(False)
        self.next = QLabel(strings.SP_UI_SUMMARY_NEXT)
        self.next.setStyleSheet(palette.css(palette.MUTED))
        self.next.setWordWrap(True)
        self.next.setVisible(any(o.status == IMPORTED for o in outcomes))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(strings.SP_UI_CLOSE)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.head)
        column.addWidget(self.body, 1)
        column.addWidget(self.next)
        column.addWidget(buttons)
        document = self.body.document()  # as tall as the lines need, within the screen
        document.setTextWidth(680)
        self.resize(720, max(260, min(int(document.size().height()) + 150, 600)))

    def text(self) -> str:
        """What the dialog says, as plain text (tests, and a user's copy and paste)."""
        return "\n".join((self.head.text(), self.body.toPlainText()))


def ask_import_paths(parent: QWidget) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, strings.SP_UI_IMPORT_TITLE,
                                             str(start_folder()), strings.SP_UI_FILTER)
    paths = [Path(p) for p in chosen]
    if paths:
        remember_folder(paths[0])
    return paths


def import_packages(window: MainWindow) -> None:
    """File > import: the files, every import on the TaskRunner; the window follows
    (``follow_imports``), then one summary."""
    services = window.services
    refusal = window.import_refusal()
    if refusal:
        messages.error(window, refusal)
        return
    paths = ask_import_paths(window)
    if not paths:
        return

    def done(outcomes: list[Outcome]) -> None:
        follow_imports(window, outcomes)
        ImportSummaryDialog(outcomes, window).exec()

    window.tasks.run(strings.SP_UI_IMPORTING,
                     lambda progress: import_all(services, paths, progress), done)


def follow_imports(window: MainWindow, outcomes: Sequence[Outcome]) -> None:
    """After a package changed something: the head office appears when the database has
    just become a company's (its first site), else its picker lists the new site and the
    overview is read again; the site tabs are rebuilt when they show a project that changed."""
    changed = {o.project for o in outcomes if o.status == IMPORTED}
    if not changed:
        return
    from app.services import Changes
    from app.services.project import is_company_database

    services = window.services
    ho = window.headoffice
    if ho is None and is_company_database(services.db):
        from ui.headoffice.panel import HeadOffice

        window.headoffice = HeadOffice(window, services)
    elif ho is not None:
        ho.bar.set_projects(services.headoffice.projects(), services.db.project_id)
        ho.overview.load()
    if services.project.get().code in changed:
        window.reload_tabs()
    else:
        window.apply_changes(Changes(project=True))  # the title: "one of N projects"
