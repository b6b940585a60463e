"""Make a document off the UI thread, save it where the user chooses (the folder is
remembered), then open it in the system viewer to preview and print (DESIGN §9)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices  # noqa: F401 - tests patch its openUrl here
from PySide6.QtWidgets import QFileDialog, QWidget

from app import strings
from app.services import Services
from app.services.documents import collect_warnings
from app.services.leave import LeaveDTO
from ui import messages
from ui.common.system_open import direct_print, open_document, print_document
from ui.tasks import TaskRunner


def safe_file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name).strip() or "document"


def ask_path(parent: QWidget, what: str, default_name: str, pdf: bool = True) -> Path | None:
    settings = QSettings()
    folder = Path(str(settings.value("dirs/documents", str(Path.home()))))
    path, _ = QFileDialog.getSaveFileName(
        parent, strings.PRINT_SAVE_TITLE.format(what=what),
        str(folder / safe_file_name(default_name)),
        strings.PRINT_PDF_FILTER if pdf else strings.PRINT_XLSX_FILTER)
    if not path:
        return None
    suffix = ".pdf" if pdf else ".xlsx"
    if not path.lower().endswith(suffix):
        path += suffix
    settings.setValue("dirs/documents", str(Path(path).parent))
    return Path(path)


def make_and_open(parent: QWidget, tasks: TaskRunner, path: Path,
                  build: Callable[[Path], object], open_after: bool = True) -> None:
    """Build the document off the UI thread and open it (or send it to the default printer
    when direct printing is on); then show its warnings (a character no font has, printed as
    a placeholder), if any."""
    def work(_progress: object) -> list[str]:
        with collect_warnings() as warned:
            build(path)
        return list(warned)

    def done(warned: object) -> None:
        if open_after and not (print_document(path) if direct_print() else open_document(path)):
            messages.info(parent, strings.PRINT_OPEN_FAILED.format(path=path))
        if isinstance(warned, list) and warned:
            messages.info(parent, "\n".join(warned))

    tasks.run(strings.PRINT_MAKING.format(name=path.name), work, done, cancellable=False)


def print_leave_form(parent: QWidget, services: Services, tasks: TaskRunner,
                     leave: LeaveDTO) -> None:
    name = strings.DOC_LEAVE_NAME.format(name=leave.person_name, start=leave.span.start,
                                         id=leave.id)
    path = ask_path(parent, strings.DOC_LEAVE_FORM, name)
    if path is not None:
        docs = services.documents
        make_and_open(parent, tasks, path, lambda p: docs.leave_pdf(leave.id, p))


def print_month(parent: QWidget, services: Services, tasks: TaskRunner, year: int,
                month: int, excel: bool) -> None:
    project = services.project.get().name or strings.APP_NAME
    name = strings.DOC_MONTH_NAME.format(year=year, month=month, project=project,
                                         ext="xlsx" if excel else "pdf")
    path = ask_path(parent, strings.DOC_MONTH_SHEET, name, pdf=not excel)
    if path is None:
        return
    docs = services.documents
    build = (lambda p: docs.month_xlsx(year, month, p)) if excel else \
        (lambda p: docs.month_pdf(year, month, p))
    make_and_open(parent, tasks, path, build)


def print_person_month(parent: QWidget, services: Services, tasks: TaskRunner, year: int,
                       month: int, person_id: int, person_name: str, kind: str) -> None:
    """``kind``: "punches" (raw punch record) or "explanation" (absence explanation)."""
    template, what = ((strings.DOC_PUNCH_NAME, strings.DOC_PUNCH_RECORD) if kind == "punches"
                      else (strings.DOC_EXPLANATION_NAME, strings.DOC_EXPLANATION))
    path = ask_path(parent, what, template.format(year=year, month=month, name=person_name))
    if path is None:
        return
    docs = services.documents
    make = docs.punch_record if kind == "punches" else docs.explanation
    make_and_open(parent, tasks, path, lambda p: make(year, month, person_id, p))


def export_punches_xlsx(parent: QWidget, services: Services, tasks: TaskRunner, year: int,
                        month: int, person_id: int | None, person_name: str = "") -> None:
    """The raw punches of one person (or of everyone on the month's sheet) as Excel."""
    name = (strings.XL_PUNCH_NAME.format(year=year, month=month, name=person_name)
            if person_id is not None else
            strings.XL_PUNCH_NAME_ALL.format(year=year, month=month))
    path = ask_path(parent, strings.XL_PUNCH_WHAT, name, pdf=False)
    if path is not None:
        docs = services.documents
        make_and_open(parent, tasks, path,
                      lambda p: docs.punches_xlsx(year, month, p, person_id))


def print_roster(parent: QWidget, services: Services, tasks: TaskRunner) -> None:
    project = services.project.get().name or strings.APP_NAME
    name = strings.DOC_ROSTER_NAME.format(project=project,
                                          date=services.clock.today().strftime("%Y%m%d"))
    path = ask_path(parent, strings.ROSTER_SHEET_TITLE, name)
    if path is not None:
        docs = services.documents
        make_and_open(parent, tasks, path, docs.roster_pdf)
