"""The site check before anything is written: every body as the browser reads it, one page per
address, links, and every static file for what it is."""
