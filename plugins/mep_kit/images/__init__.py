"""Images: the pipeline (decode, resize, encode), its cache, the <picture> markup, the build step that
processes every image of the site, SVG checks and share cards."""
