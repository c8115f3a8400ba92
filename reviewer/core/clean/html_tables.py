"""What a table on a page is: data (short cells: a pipe table), a posting's facts (rows of
a label and its value: labelled lines), or a page laid out with a table (blocks).

A table's own rows and cells are read, not those of a table inside one of its cells: a
table of facts often sits in a table that lays out the page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

_SECTIONS = ("thead", "tbody", "tfoot")
_BLOCKS = "p, div, ul, ol, dl, table, h1, h2, h3, h4, h5, h6, blockquote, pre"
_DATA_BLOCKS = "p, div, ul, ol, table, h1, h2, h3"  # (what a pipe table's cell cannot show)
_LONGEST_LABEL = 60  # characters: a label names its value, it says nothing itself


def own_rows(table: LexborNode) -> list[list[LexborNode]]:
    """The cells of each row of ``table``, not of a table inside it."""
    rows = []
    for part in _kids(table):
        for tr in _kids(part) if part.tag in _SECTIONS else [part]:
            if tr.tag == "tr":
                rows.append([cell for cell in _kids(tr) if cell.tag in ("td", "th")])
    return rows


def is_data_table(table: LexborNode) -> bool:
    """A table of short cells, none holding a block (a paragraph, a list, a table), in
    two columns or more (a table of one column stacks blocks: a menu, a page's parts)."""
    rows = own_rows(table)
    cells = [cell for row in rows for cell in row]
    if not cells or len(cells) > 400 or max(len(row) for row in rows) < 2:
        return False
    return all(len(c.text(deep=True) or "") < 200 and c.css_first(_DATA_BLOCKS) is None
               for c in cells)


def label_rows(table: LexborNode) -> list[tuple[LexborNode, LexborNode]] | None:
    """The (label, value) cells of a table of facts ("Posting Number | S02841P", "Job
    Description | <p>…</p><ol>…</ol>"), or None for any other table: two or more rows,
    each with text of two cells, the first a short label of plain words (no block),
    not both headers (a row of column headings)."""
    pairs = []
    for row in own_rows(table):
        if not any((cell.text(deep=True) or "").strip() for cell in row):
            continue
        if len(row) != 2:
            return None
        label, value = row
        words = (label.text(deep=True) or "").strip()
        if not words or len(words) > _LONGEST_LABEL or holds_blocks(label) or \
                (label.tag == "th" and value.tag == "th"):
            return None
        pairs.append((label, value))
    return pairs if len(pairs) >= 2 else None


def holds_blocks(cell: LexborNode) -> bool:
    """Does a cell hold a paragraph, a list, a heading, a quote or a table?"""
    return cell.css_first(_BLOCKS) is not None


def _kids(node: LexborNode) -> list[LexborNode]:
    kids = []
    child = node.child
    while child is not None:
        if child.is_element_node:
            kids.append(child)
        child = child.next
    return kids
