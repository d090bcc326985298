"""What every layer may use: errors and their report, the build's state, paths and files, the one
adapter for other libraries' internals, forking, progress, the brand's palette, and the marker
of translatable words."""
