"""Small readings of a parsed page's nodes that the HTML stages share."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from selectolax.lexbor import LexborNode


def children(node: LexborNode) -> Iterator[LexborNode]:
    """The elements right inside ``node``, in page order."""
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


def walk(node: LexborNode, into: Callable[[LexborNode], bool]) -> Iterator[LexborNode]:
    """The nodes inside ``node`` (its text and elements), in page order, going into an
    element only when ``into`` says so. No recursion: a page nested thousands deep is
    walked as any other."""
    stack = [node.child]
    while stack:
        child = stack.pop()
        if child is None:
            continue
        stack.append(child.next)  # (what follows, once what ``child`` holds is walked)
        yield child
        if child.is_element_node and into(child):
            stack.append(child.child)
