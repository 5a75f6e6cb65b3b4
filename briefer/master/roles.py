"""Which of an organisation's layouts plays each of briefer's roles, in any language.

pandoc and Quarto look layouts up by English name only, so a German or Spanish master falls
back to defaults. briefer asks, in order: the layout's `type` attribute (PowerPoint writes it
whatever the language), then its placeholders (a title and one body is a content layout), then
its name in English and the common localised names. A role that still has no layout borrows
the nearest one, and the user is told.
"""

from __future__ import annotations

from briefer.master.model import ROLES, OrgLayout

TYPES = {
    "title": ("title",),
    "content": ("obj", "tx", "objTx"),
    "two-content": ("twoObj", "twoTxTwoObj", "txAndObj", "objAndTx"),
    "section": ("secHead",),
    "title-only": ("titleOnly",),
    "blank": ("blank",),
}
NAMES = {
    "title": ("title slide", "titelfolie", "diapositiva de título", "diapositive de titre",
              "diapositiva titolo", "slide de título", "titeldia", "başlık slaydı",
              "титульный слайд", "slajd tytułowy"),
    "content": ("title and content", "titel und inhalt", "título y objetos", "titre et contenu",
                "titolo e contenuto", "título e conteúdo", "conteúdo", "titel en object",
                "başlık ve içerik", "заголовок и объект", "tytuł i zawartość"),
    "two-content": ("two content", "zwei inhalte", "dos objetos", "deux contenus",
                    "due contenuti", "dois conteúdos", "twee objecten", "iki içerik",
                    "два объекта", "dwa elementy zawartości"),
    "section": ("section header", "abschnittsüberschrift", "encabezado de sección",
                "en-tête de section", "intestazione sezione", "cabeçalho da seção",
                "sectiekop", "bölüm üst bilgisi", "заголовок раздела", "nagłówek sekcji"),
    "title-only": ("title only", "nur titel", "solo el título", "titre seul", "solo titolo",
                   "somente título", "alleen titel", "yalnızca başlık", "только заголовок",
                   "tylko tytuł"),
    "blank": ("blank", "leer", "en blanco", "vide", "vuoto", "em branco", "leeg", "boş",
              "пустой слайд", "pusty"),
}
FALLBACK = {"two-content": "content", "title-only": "content", "section": "title",
            "title": "content", "blank": "title-only", "content": "title-only"}


def _inventory(layout: OrgLayout) -> str | None:
    """A role read from the placeholders alone."""
    kinds = [p.kind for p in layout.placeholders if p.kind not in ("dt", "ftr", "sldNum")]
    titles = sum(k in ("title", "ctrTitle") for k in kinds)
    bodies = sum(k in ("body", "obj") for k in kinds)
    if "ctrTitle" in kinds:
        return "title"
    if titles and bodies == 1:
        return "content"
    if titles and bodies == 2:
        return "two-content"
    if titles and not bodies:
        return "title-only"
    if not kinds:
        return "blank"
    return None


def map_roles(layouts: tuple[OrgLayout, ...], chosen: dict[str, str] | None = None
              ) -> tuple[dict[str, int], list[str], list[str]]:
    """Role → layout index; how each role not known by its type was found (for `briefer
    templates check`); and a warning for each role borrowed from another or wrongly named."""
    found: dict[str, int] = {}
    notes: list[str] = []
    warnings: list[str] = []
    for role, name in (chosen or {}).items():
        index = next((i for i, lay in enumerate(layouts) if lay.name.casefold() == name.casefold()), None)
        if role not in ROLES:
            warnings.append(f"[master.layouts] {role}: not a role ({', '.join(ROLES)})")
        elif index is None:
            warnings.append(f"[master.layouts] {role}: no layout is named '{name}'")
        else:
            found[role] = index
    for how in ("type", "inventory", "name"):
        for role in ROLES:
            if role in found:
                continue
            for i, layout in enumerate(layouts):
                if how == "type" and layout.type in TYPES[role] \
                        or how == "inventory" and layout.type == "cust" and _inventory(layout) == role \
                        or how == "name" and layout.name.strip().casefold() in NAMES[role]:
                    if role in ("title", "section", "content", "two-content", "title-only") \
                            and layout.placeholder("title", "ctrTitle") is None:
                        continue  # a layout without a title cannot take these roles
                    found[role] = i
                    if how != "type":
                        notes.append(f"{role}: '{layout.name}' chosen by its "
                                     f"{'placeholders' if how == 'inventory' else 'name'}")
                    break
    for role in ROLES:  # borrowed: the nearest role that has a layout
        step, visited = role, {role}
        while role not in found:
            step = FALLBACK[step]
            if step in visited:
                break
            visited.add(step)
            if step in found:
                found[role] = found[step]
                warnings.append(f"{role}: the master has no such layout; "
                                f"'{layouts[found[step]].name}' ({step}) is used")
    return found, notes, warnings
