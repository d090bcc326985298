"""What the templates are given: the banner, the menu, Recent Posts, related case studies and
the service lines."""
