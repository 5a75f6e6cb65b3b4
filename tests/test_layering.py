"""Qt stays in briefer/gui; python-pptx and reportlab stay in their renderers;
python-docx in the Word reader."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import briefer

PACKAGE = Path(briefer.__file__).parent
ALLOWED = {
    "PySide6": ("gui",),
    "pptx": ("render/pptx/", "master/reader.py"),
    "reportlab": ("render/pdf.py",),
    "docx": ("source/word", "render/report_docx.py"),  # the Word reader and the Word report
    "typst": ("render/report_pdf.py",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_heavy_libraries_stay_in_their_modules():
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        for module, homes in ALLOWED.items():
            if module in _imports(path):
                assert relative.startswith(homes), f"{relative} imports {module}"


def test_core_build_runs_without_qt(tmp_path):
    code = (
        "import sys\n"
        "from briefer.cli import main\n"
        f"assert main(['build', '-o', r'{tmp_path / 'x.pdf'}']) == 0\n"
        f"assert main(['build', '-o', r'{tmp_path / 'x.pptx'}']) == 0\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
