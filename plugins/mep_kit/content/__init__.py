"""Reading: front matter, the schema of each content type (events' fields and times included),
the Markdown extension and the figures registry, the reader and its cache, the sources of
content for messages, and which values are HTML."""
