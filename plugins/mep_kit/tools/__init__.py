"""The invoke side, apart from the Pelican plugin: building and publishing, drafts, the development
server and the check report."""
