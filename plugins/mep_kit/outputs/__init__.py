"""What the build writes besides Pelican's pages: sitemap, redirects, feeds, headers, figures.json,
JSON-LD, the editor, the fingerprinted assets, the writer and its page cache."""
