/// The templates Jimu ships, compiled into the binary: one Swift string literal each, in
/// `DefaultTemplates+Markdown.swift` and `DefaultTemplates+Site.swift`. A catalog overrides
/// one with `templates/<name>.mustache`.
enum DefaultTemplates {
    /// Every template by name: `<page>.<language>.md` for the Markdown guides, `<page>.html`
    /// for the site's pages, and the site's shared parts (`head.html`, `header.html`,
    /// `footer.html`, `style.css`, `search.js`), which the pages include as partials.
    static let all: [String: String] = [
        "item.zh.md": itemZH,
        "item.en.md": itemEN,
        "bundle.zh.md": bundleZH,
        "bundle.en.md": bundleEN,
        "index.zh.md": indexZH,
        "index.en.md": indexEN,
        "index.html": indexPage,
        "item.html": itemPage,
        "bundle.html": bundlePage,
        "figures.html": figuresPage,
        "head.html": head,
        "header.html": header,
        "footer.html": footer,
        "style.css": style,
        "search.js": search,
    ]
}
