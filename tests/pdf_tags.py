"""Reading a tagged PDF's structure tree back, for tests of what a screen reader is given."""

from __future__ import annotations

from pypdf import PdfReader


def structure(reader: PdfReader) -> list[tuple[str, object]]:
    """(structure type, /Alt) for every element of the tagged structure tree, in tree order."""
    found = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get"):
            if node.get("/S"):
                found.append((str(node["/S"]), node.get("/Alt")))
            if node.get("/K") is not None:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
