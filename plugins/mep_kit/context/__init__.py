"""What the templates are given: the brand's palette, the banner, the menu, Recent Posts, related
case studies and the service lines."""
