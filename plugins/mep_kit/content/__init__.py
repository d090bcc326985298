"""Reading: front matter, the schema of each content type, the Markdown extension and the figures
registry, the reader and its cache, and which values are HTML."""
