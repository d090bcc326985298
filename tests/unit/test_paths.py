"""mep_kit.core.paths: no link out of the project is ever followed."""

from __future__ import annotations

import os

from mep_kit.core.paths import display_path, link_out, links_out_under, project_folder


def make_project(tmp_path):
    project = tmp_path / "site"
    (project / "content" / "images").mkdir(parents=True)
    (project / "content" / "extra").mkdir()
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[core]\n")
    (project / "notes.txt").write_text("in the project\n")
    outside = tmp_path / "machine"
    outside.mkdir()
    (outside / "secret.txt").write_text("a file of the machine\n")
    return project, outside


def test_the_project_is_the_folder_that_holds_the_content_folder(tmp_path):
    assert project_folder({"PATH": str(tmp_path / "site" / "content")}) == str(tmp_path / "site")


def test_plain_files_and_links_within_the_project_may_be_read(tmp_path):
    project, _ = make_project(tmp_path)
    plain = project / "content" / "extra" / "plain.txt"
    plain.write_text("x")
    inside = project / "content" / "extra" / "notes.txt"
    inside.symlink_to("../../notes.txt")
    assert link_out(str(plain), str(project)) is None
    assert link_out(str(inside), str(project)) is None
    assert link_out(str(project / "content" / "extra" / "missing.txt"), str(project)) is None


def test_a_link_to_a_file_outside_is_refused_at_the_link(tmp_path):
    project, outside = make_project(tmp_path)
    link = project / "content" / "extra" / "notes.txt"
    link.symlink_to(outside / "secret.txt")
    out = link_out(str(link), str(project), str(project / "content"))
    assert out is not None and out.link == str(link) and not out.folder and out.why == "outside"
    assert out.message() == "a link to a file outside the project; commit the file itself"
    for target in ("/etc/passwd", "/proc/self/environ", "/nonexistent/file"):
        link.unlink()
        link.symlink_to(target)
        assert link_out(str(link), str(project)) is not None, target


def test_a_linked_folder_outside_is_named_for_every_file_under_it(tmp_path):
    project, outside = make_project(tmp_path)
    folder = project / "content" / "images" / "machine"
    folder.symlink_to(outside, target_is_directory=True)
    out = link_out(str(folder / "secret.txt"), str(project))
    assert out is not None and out.link == str(folder) and out.folder
    assert out.message() == "a link to a folder outside the project; commit the files themselves"


def test_links_into_hidden_folders_and_loops_are_refused(tmp_path):
    project, _ = make_project(tmp_path)
    hidden = project / "content" / "extra" / "config.txt"
    hidden.symlink_to("../../.git/config")
    assert link_out(str(hidden), str(project)).why == "hidden"
    loop = project / "content" / "images" / "loop"
    loop.symlink_to(".", target_is_directory=True)
    found = link_out(str(loop / "loop" / "x.png"), str(project))
    assert found is not None and found.why == "loop" and found.link == str(loop)


def test_a_project_behind_a_link_is_still_the_project(tmp_path):
    project, _ = make_project(tmp_path)
    alias = tmp_path / "alias"
    alias.symlink_to(project, target_is_directory=True)
    (project / "content" / "extra" / "a.txt").write_text("x")
    (project / "content" / "extra" / "b.txt").symlink_to("a.txt")
    assert link_out(str(alias / "content" / "extra" / "a.txt"), str(alias)) is None
    assert link_out(str(alias / "content" / "extra" / "b.txt"), str(alias)) is None


def test_a_root_outside_the_project_allows_links_within_itself_only(tmp_path):
    project, outside = make_project(tmp_path)
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "base.html").write_text("x")
    (theme / "templates" / "alias.html").symlink_to("base.html")
    (theme / "templates" / "secret.html").symlink_to(outside / "secret.txt")
    assert link_out(str(theme / "templates" / "alias.html"), str(project), str(theme)) is None
    assert link_out(str(theme / "templates" / "secret.html"), str(project), str(theme)) is not None


def test_links_out_under_a_folder_are_each_found_once(tmp_path):
    project, outside = make_project(tmp_path)
    content = project / "content"
    (content / "extra" / "passwd.txt").symlink_to("/etc/passwd")
    (content / "images" / "machine").symlink_to(outside, target_is_directory=True)
    (content / "images" / "loop").symlink_to(".", target_is_directory=True)
    (content / "extra" / "notes.txt").symlink_to("../../notes.txt")
    found = sorted((os.path.relpath(out.link, project), out.why) for out in links_out_under(str(content), str(project)))
    assert found == [
        ("content/extra/passwd.txt", "outside"),
        ("content/images/loop", "loop"),
        ("content/images/machine", "outside"),
    ]


def test_paths_in_messages_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert display_path(str(tmp_path / "content" / "x.md")) == "content/x.md"
    assert display_path("/elsewhere/x.md") == "/elsewhere/x.md"
