"""The generated site in a real browser: Debian's chromium, headless.

`chromium --headless --dump-dom URL` loads a page over file://, runs its script and prints
the DOM as it stands after the load, which is all these checks need:

- the index's search: the page reads `?q=` and applies it exactly as typing into the search
  box does (the same input handler), so `index.html?q=出生` is a query typed into the box;
- a bundle page's process diagram: an inline SVG with one `g.node` per item of the bundle;
- escaping: a catalog whose item name holds `<script>alert(1)</script>` and
  `](javascript:alert(1))` shows it as text and runs no script of it.

`make python-test` installs chromium first (`make browser-deps`).
"""

import html.parser
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "generated" / "site"
CATALOG = REPO / "catalog"
MINI = REPO / "Tests" / "JimuCoreTests" / "Fixtures" / "mini"
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1))"


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("no chromium on PATH: run `make browser-deps` (apt-get install chromium)")


def jimu_binary() -> Path:
    if os.environ.get("JIMU"):
        return Path(os.environ["JIMU"])
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary under .build/: run `make` (or `swift build`) first")


def dump_dom(page: Path, query: str = "") -> str:
    url = page.resolve().as_uri() + query
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "<html" in result.stdout, f"chromium printed no DOM for {url}: {result.stderr[-2000:]}"
    return result.stdout


class Element:
    def __init__(self, tag: str, attrs: dict, parent: "Element | None"):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element] = []
        self.text: list[str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def all_text(self) -> str:
        return "".join(self.text) + "".join(child.all_text() for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find_all(self, tag: str, cls: str | None = None, **attrs) -> list["Element"]:
        return [
            e for e in self.walk()
            if e.tag == tag and (cls is None or cls in e.classes) and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeBuilder(html.parser.HTMLParser):
    """A DOM tree from the serialised DOM chromium prints (well-formed, so a stack will do)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


def parse(dom: str) -> Element:
    builder = TreeBuilder()
    builder.feed(dom)
    return builder.root


def site() -> Path:
    index = SITE / "index.html"
    if not index.exists():
        pytest.fail("generated/site/index.html is missing: run `make` first")
    return SITE


def test_search_for_birth_shows_the_newborn_bundle() -> None:
    dom = parse(dump_dom(site() / "index.html", "?q=" + urllib.parse.quote("出生")))
    results = dom.find_all("ul", id="search-results")
    assert len(results) == 1, "the index has no search results list"
    hits = results[0].find_all("li")
    keys = [hit.attrs.get("data-key") for hit in hits]
    assert "newborn" in keys, f"searching 出生 did not find the newborn bundle: {keys}"
    newborn = hits[keys.index("newborn")]
    assert "bundle" in newborn.classes
    assert "新生儿出生一件事" in newborn.all_text()
    assert newborn.find_all("a")[0].attrs["href"] == "bundles/newborn.html"
    # Every hit matches the query in a name or a material, and the status line counts them.
    assert all(hit.find_all("a") for hit in hits)
    status = dom.find_all("p", id="search-status")[0].all_text()
    assert status.startswith(f"{len(hits)} "), status


def test_search_matches_english_names_and_materials() -> None:
    dom = parse(dump_dom(site() / "index.html", "?q=" + urllib.parse.quote("newborn")))
    keys = [hit.attrs.get("data-key") for hit in dom.find_all("ul", id="search-results")[0].find_all("li")]
    assert "newborn" in keys, keys
    dom = parse(dump_dom(site() / "index.html", "?q=" + urllib.parse.quote("出生医学证明")))
    keys = [hit.attrs.get("data-key") for hit in dom.find_all("ul", id="search-results")[0].find_all("li")]
    # The material 出生医学证明 is asked for by the household registration item.
    assert "household-registration-newborn" in keys, keys


def test_empty_search_shows_nothing() -> None:
    dom = parse(dump_dom(site() / "index.html"))
    assert dom.find_all("ul", id="search-results")[0].find_all("li") == []


def test_bundle_page_diagram_has_one_node_per_item() -> None:
    bundle = yaml.safe_load((CATALOG / "bundles" / "newborn.yaml").read_text(encoding="utf-8"))
    dom = parse(dump_dom(site() / "bundles" / "newborn.html"))
    svgs = [svg for svg in dom.find_all("svg") if "process" in svg.classes]
    assert len(svgs) == 1, "the bundle page has no process diagram"
    svg = svgs[0]
    assert svg.attrs.get("role") == "img"
    assert svg.find_all("title"), "the diagram has no title"
    nodes = svg.find_all("g", cls="node")
    assert sorted(node.attrs["data-key"] for node in nodes) == sorted(bundle["items"])
    for node in nodes:
        assert node.find_all("rect"), f"node {node.attrs['data-key']} draws nothing"
        assert node.find_all("a")[0].attrs["href"] == f"../items/{node.attrs['data-key']}.html"
    # One edge per precondition between the bundle's items.
    members = set(bundle["items"])
    preconditions = sum(
        len(members & set(yaml.safe_load((CATALOG / "items" / f"{key}.yaml").read_text(encoding="utf-8")).get("preconditions", [])))
        for key in bundle["items"]
    )
    assert len(svg.find_all("path", cls="edge")) == preconditions


def test_hostile_names_show_as_text(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    item = catalog / "items" / "household-registration-newborn.yaml"
    text = item.read_text(encoding="utf-8")
    quoted = '"' + HOSTILE.replace("\\", "\\\\").replace('"', '\\"') + '"'
    item.write_text(text.replace("{zh: 出生登记,", "{zh: " + quoted + ",", 1), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run(
        [str(jimu_binary()), "build", str(catalog), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr

    page = parse(dump_dom(out / "site" / "items" / "household-registration-newborn.html"))
    heading = page.find_all("h1")[0].all_text()
    assert HOSTILE in heading, heading
    assert all("alert(1)" not in script.all_text() for script in page.find_all("script"))
    assert not [a for a in page.find_all("a") if a.attrs.get("href", "").startswith("javascript:")]

    index = parse(dump_dom(out / "site" / "index.html", "?q=" + urllib.parse.quote("alert(1)")))
    hits = index.find_all("ul", id="search-results")[0].find_all("li")
    # The item, and the bundle, which is searched by its items' names too.
    keys = [hit.attrs["data-key"] for hit in hits]
    assert keys == ["newborn", "household-registration-newborn"], keys
    assert HOSTILE in hits[1].all_text()
    assert len(index.find_all("script")) == 2, "the index holds a script it did not ship"

    bundle = parse(dump_dom(out / "site" / "bundles" / "newborn.html"))
    node = [n for n in bundle.find_all("g", cls="node") if n.attrs["data-key"] == "household-registration-newborn"][0]
    assert "<script>" in node.find_all("title")[0].all_text()

    markdown = (out / "guides" / "zh" / "items" / "household-registration-newborn.md").read_text(encoding="utf-8")
    assert "<script" not in markdown
    assert "&lt;script>alert(1)&lt;/script> \\[x\\](javascript:alert(1))" in markdown
