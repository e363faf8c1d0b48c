"""Vietnamese-capable PDF fonts for every official output (minutes, reports, certificates).

System requirement: Debian package ``fonts-liberation2`` (Liberation 2.x covers Vietnamese;
Liberation 1.x in ``fonts-liberation`` does not). Override the directory with the setting
``NGHITRUONG_PDF_FONT_DIR`` (then only that directory is searched). A missing or non-Vietnamese
font raises ``PdfFontError`` with a clear Vietnamese/English message.
"""

from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from nghitruong.core.exceptions import ApplicationError

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")
FACES = {
    "NTSerif": "LiberationSerif-Regular.ttf",
    "NTSerif-Bold": "LiberationSerif-Bold.ttf",
    "NTSerif-Italic": "LiberationSerif-Italic.ttf",
    "NTSerif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
# Every precomposed Vietnamese letter must have a glyph (NFC text is printed as is).
VIETNAMESE_SAMPLE = "ĂÂĐÊÔƠƯăâđêôơưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"


class PdfFontError(ApplicationError):
    status_code = 500
    default_code = "pdf_font_missing"


def _candidates() -> list[Path]:
    configured = getattr(settings, "NGHITRUONG_PDF_FONT_DIR", "")
    return [Path(configured)] if configured else [Path(d) for d in FONT_DIRS]


def font_paths() -> dict[str, Path]:
    """The four faces from the first directory that has them all AND covers Vietnamese."""
    for directory in _candidates():
        paths = {name: directory / file for name, file in FACES.items()}
        if not all(path.is_file() for path in paths.values()):
            continue
        cmap = TTFont("probe", str(paths["NTSerif"])).face.charToGlyph
        if all(ord(char) in cmap for char in VIETNAMESE_SAMPLE):
            return paths  # Liberation 1.x (no Vietnamese) is skipped
    raise PdfFontError(
        "Thiếu phông chữ tiếng Việt để xuất PDF: cài gói Debian fonts-liberation2 / "
        "No Vietnamese font for PDF export: install the Debian package fonts-liberation2",
        detail={"searched": [str(d) for d in _candidates()]},
    )


def register_fonts() -> str:
    """Register the serif family once per process; return its regular face name."""
    if "NTSerif" in pdfmetrics.getRegisteredFontNames():
        return "NTSerif"
    for name, path in font_paths().items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        "NTSerif",
        normal="NTSerif",
        bold="NTSerif-Bold",
        italic="NTSerif-Italic",
        boldItalic="NTSerif-BoldItalic",
    )
    return "NTSerif"
