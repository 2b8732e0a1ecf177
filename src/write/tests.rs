//! Tests of the write stage: files in and out of the output and the spare
//! tree, across builds of both editions.

use super::*;

/// Writes `files` as the new contents of `output`, as a build of the
/// public edition does.
fn write_site(output: &Path, files: &[OutputFile]) -> Result<WriteReport, Diagnostic> {
    write_edition(output, files, Edition::Public)
}

/// Writes `files` as the new contents of `output`, as a build of
/// `edition` does.
fn write_edition(output: &Path, files: &[OutputFile], edition: Edition) -> Result<WriteReport, Diagnostic> {
    let staging = Staging::begin(output, "output", edition)?;
    files.iter().try_for_each(|file| staging.write(file))?;
    staging.commit()
}

fn file(path: &str, text: &str) -> OutputFile {
    OutputFile {
        path: path.to_string(),
        bytes: std::sync::Arc::new(text.as_bytes().to_vec()),
    }
}

fn no_leftovers(out: &Path) {
    assert!(!sibling(out, "briefing-parked").exists(), "parked tree left behind");
    assert!(!sibling(out, "briefing-spare").join(DIRTY_MARKER).exists(), "spare left dirty");
    assert!(!out.join(DIRTY_MARKER).exists());
}

#[test]
fn replaces_previous_output_and_drops_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("index.html", "a"), file("old/index.html", "x")]).unwrap();
    write_site(&out, &[file("index.html", "b")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "b");
    assert!(!out.join("old").exists());
    no_leftovers(&out);
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("a.html", "same"), file("b.html", "old")]).unwrap();
    let before = fs::metadata(out.join("a.html")).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = write_site(&out, &[file("a.html", "same"), file("b.html", "new")]).unwrap();
    assert_eq!(report.unchanged, 1);
    assert_eq!(fs::metadata(out.join("a.html")).unwrap().modified().unwrap(), before);
    assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "new");
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert_eq!(manifest.lines().filter(|l| !l.starts_with('#')).count(), 2);
    no_leftovers(&out);
}

#[test]
fn an_identical_site_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let files = [file("a.html", "same"), file("b/index.html", "same too")];
    write_site(&out, &files).unwrap();
    let inode = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
    let before = (inode("a.html"), inode(MANIFEST));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = write_site(&out, &files).unwrap();
    assert_eq!(report.unchanged, 2);
    assert_eq!((inode("a.html"), inode(MANIFEST)), before);
    no_leftovers(&out);
}

#[test]
fn never_deletes_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "mine").unwrap();
    let problem = write_site(&out, &[file("index.html", "a")]).unwrap_err();
    assert!(problem.message.contains("did not write"), "{problem}");
    assert_eq!(fs::read_to_string(out.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn two_files_at_one_path_leave_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("index.html", "a")]).unwrap();
    let problem = write_site(&out, &[file("index.html", "b"), file("feed.xml", "f"), file("index.html", "c")]).unwrap_err();
    assert!(problem.message.contains("two files at `index.html`"), "{problem}");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
    assert!(!out.join("feed.xml").exists());
    no_leftovers(&out);
}

#[test]
fn refuses_paths_that_escape() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    assert!(write_site(&out, &[file("../evil.html", "x")]).is_err());
    assert!(write_site(&out, &[file("/tmp/evil.html", "x")]).is_err());
    assert!(!dir.path().join("evil.html").exists());
    assert!(!out.exists());
    no_leftovers(&out);
}

#[test]
fn a_manifest_edited_to_reach_outside_deletes_nothing_outside() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    write_site(&out, &[file("index.html", "a")]).unwrap();
    let mut manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    manifest.push_str(&format!("{}\n../victim.txt\n", victim.display()));
    fs::write(out.join(MANIFEST), manifest).unwrap();
    let report = write_site(&out, &[file("index.html", "b")]).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        report.warnings.iter().any(|w| w.message.contains("victim.txt")),
        "{:?}",
        report.warnings
    );
}

#[cfg(unix)]
#[test]
fn a_linked_folder_in_the_output_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("index.html"), "precious").unwrap();
    write_site(&out, &[file("index.html", "a"), file("sub/index.html", "s")]).unwrap();
    // The folder `sub` becomes a link to a foreign folder, and the
    // manifest is edited to claim it.
    fs::remove_dir_all(out.join("sub")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("sub")).unwrap();
    let mut manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    manifest.push_str("sub\n");
    fs::write(out.join(MANIFEST), manifest).unwrap();
    let problem = write_site(&out, &[file("index.html", "b"), file("sub/index.html", "t")]).unwrap_err();
    assert!(problem.message.contains("symbolic link"), "{problem}");
    assert_eq!(fs::read_to_string(elsewhere.join("index.html")).unwrap(), "precious");
}

#[test]
fn a_spare_left_half_changed_by_a_killed_build_is_started_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("index.html", "a")]).unwrap();
    write_site(&out, &[file("index.html", "b")]).unwrap();
    let spare = sibling(&out, "briefing-spare");
    assert_eq!(
        fs::read_to_string(spare.join("index.html")).unwrap(),
        "a",
        "the spare holds the previous site"
    );
    // Killed while changing the spare: marked dirty, contents unknown.
    fs::write(spare.join(DIRTY_MARKER), "").unwrap();
    fs::write(spare.join("index.html"), "garbage").unwrap();
    write_site(&out, &[file("index.html", "a"), file("x/index.html", "x")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
    no_leftovers(&out);
}

#[test]
fn the_spare_is_used_and_kept_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let v1 = [file("a.html", "1"), file("b/index.html", "1"), file("c.html", "1")];
    let v2 = [file("a.html", "2"), file("b/index.html", "1"), file("d.html", "2")];
    let v3 = [file("a.html", "1"), file("b/index.html", "1"), file("d.html", "3")];
    for (round, site) in [&v1[..], &v2, &v3, &v1, &v3].iter().enumerate() {
        write_site(&out, site).unwrap();
        let published = super::spare::existing_files(&out).unwrap();
        let mut expected: Vec<String> = site.iter().map(|f| f.path.clone()).collect();
        expected.push(MANIFEST.to_string());
        expected.sort();
        assert_eq!(published, expected, "round {round}");
        for f in site.iter() {
            assert_eq!(fs::read(out.join(&f.path)).unwrap(), *f.bytes, "round {round}: {}", f.path);
        }
        no_leftovers(&out);
    }
}

#[test]
fn new_folders_are_made_in_a_fresh_and_in_a_kept_spare() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let v1 = [file("a/b/c.html", "1"), file("a/d.html", "1"), file("e.html", "1")];
    let v2 = [
        file("a/b/c.html", "2"),
        file("a/x/y/z.html", "2"),
        file("f/g.html", "2"),
        file("f/h.html", "2"),
    ];
    let v3 = [
        file("f/g.html", "3"),
        file("new/deep/one.html", "3"),
        file("new/deep/two.html", "3"),
    ];
    let v4 = [
        file("a/b/c.html", "4"),
        file("new/deep/one.html", "4"),
        file("other/deep/x.html", "4"),
    ];
    for (round, site) in [&v1[..], &v2, &v3, &v4, &v1].iter().enumerate() {
        write_site(&out, site).unwrap();
        let mut expected: Vec<String> = site.iter().map(|f| f.path.clone()).collect();
        expected.push(MANIFEST.to_string());
        expected.sort();
        assert_eq!(super::spare::existing_files(&out).unwrap(), expected, "round {round}");
        for f in site.iter() {
            assert_eq!(fs::read(out.join(&f.path)).unwrap(), *f.bytes, "round {round}: {}", f.path);
        }
        no_leftovers(&out);
    }
}

#[cfg(unix)]
#[test]
fn unchanged_files_share_their_inode_with_the_spare() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("same.html", "s"), file("x.html", "1")]).unwrap();
    let inode = fs::metadata(out.join("same.html")).unwrap().ino();
    for round in 2..6 {
        write_site(&out, &[file("same.html", "s"), file("x.html", &round.to_string())]).unwrap();
        assert_eq!(fs::metadata(out.join("same.html")).unwrap().ino(), inode, "round {round}");
    }
}

#[test]
fn a_failed_build_leaves_the_spare_usable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("a.html", "1"), file("b.html", "1")]).unwrap();
    write_site(&out, &[file("a.html", "2"), file("b.html", "1")]).unwrap();
    // A build that writes a file and then fails.
    let staging = Staging::begin(&out, "output", Edition::Public).unwrap();
    staging.write(&file("a.html", "3")).unwrap();
    drop(staging);
    let spare = sibling(&out, "briefing-spare");
    assert!(!spare.join(DIRTY_MARKER).exists());
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "2", "the output is untouched");
    write_site(&out, &[file("a.html", "3"), file("b.html", "1")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "3");
    assert_eq!(fs::read_to_string(spare.join("a.html")).unwrap(), "2");
}

/// Every file beside `out` (in its parent folder, outside it) whose
/// contents hold `text`.
fn beside_holding(out: &Path, text: &str) -> Vec<String> {
    let parent = out.parent().unwrap();
    walkdir::WalkDir::new(parent)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(out))
        .filter(|e| fs::read_to_string(e.path()).is_ok_and(|t| t.contains(text)))
        .map(|e| e.path().display().to_string())
        .collect()
}

#[test]
fn no_file_of_another_edition_stays_beside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www/bangfu");
    let internal = |n: &str| [file("index.html", &format!("secret {n}")), file("static/a.css", "same")];
    let public = |n: &str| [file("index.html", &format!("public {n}")), file("static/a.css", "same")];
    write_edition(&out, &internal("1"), Edition::Internal).unwrap();
    write_edition(&out, &internal("2"), Edition::Internal).unwrap();
    assert_eq!(
        beside_holding(&out, "secret").len(),
        1,
        "the spare holds the previous internal site"
    );
    write_edition(&out, &public("1"), Edition::Public).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "public 1");
    assert_eq!(beside_holding(&out, "secret"), Vec::<String>::new());
    assert!(!sibling(&out, "briefing-spare").exists());
    no_leftovers(&out);
    // Public after public keeps the previous public site for reuse.
    write_edition(&out, &public("2"), Edition::Public).unwrap();
    assert_eq!(beside_holding(&out, "public 1").len(), 1);
    // And the other way round.
    write_edition(&out, &internal("3"), Edition::Internal).unwrap();
    assert_eq!(beside_holding(&out, "public"), Vec::<String>::new());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "secret 3");
    assert_eq!(fs::read_to_string(out.join("static/a.css")).unwrap(), "same");
    no_leftovers(&out);
}

#[test]
fn a_failed_build_of_another_edition_leaves_nothing_beside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www/bangfu");
    write_edition(&out, &[file("index.html", "public 1")], Edition::Public).unwrap();
    write_edition(&out, &[file("index.html", "public 2")], Edition::Public).unwrap();
    let staging = Staging::begin(&out, "output", Edition::Internal).unwrap();
    staging.write(&file("index.html", "secret")).unwrap();
    staging.write(&file("enterprises/a/index.html", "secret phone")).unwrap();
    drop(staging);
    assert_eq!(beside_holding(&out, "secret"), Vec::<String>::new());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "public 2");
    // The next build of the output's own edition starts afresh.
    write_edition(&out, &[file("index.html", "public 3")], Edition::Public).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "public 3");
    no_leftovers(&out);
}

#[test]
fn a_spare_that_names_no_edition_is_emptied_before_use() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("index.html", "1"), file("a/b.html", "1")]).unwrap();
    write_site(&out, &[file("index.html", "2"), file("a/b.html", "1")]).unwrap();
    // As an older release left them: manifests without the edition.
    let spare = sibling(&out, "briefing-spare");
    for tree in [&out, &spare] {
        let text = fs::read_to_string(tree.join(MANIFEST)).unwrap();
        let old: String = text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
        fs::write(tree.join(MANIFEST), old).unwrap();
    }
    write_site(&out, &[file("index.html", "3"), file("a/b.html", "1")]).unwrap();
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
    assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "1");
    assert!(!spare.exists(), "the previous output, of an unknown edition, was emptied");
    assert!(fs::read_to_string(out.join(MANIFEST)).unwrap().starts_with("# edition: public\n"));
    no_leftovers(&out);
}

#[test]
fn a_spare_folder_that_is_not_briefings_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let spare = sibling(&out, "briefing-spare");
    fs::create_dir_all(&spare).unwrap();
    fs::write(spare.join("mine.txt"), "mine").unwrap();
    assert!(write_site(&out, &[file("index.html", "b")]).is_err());
    assert_eq!(fs::read_to_string(spare.join("mine.txt")).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn the_dirty_mark_is_never_written_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    write_site(&out, &[file("index.html", "1")]).unwrap();
    write_site(&out, &[file("index.html", "2")]).unwrap();
    // A link to a file that does not exist yet, where the mark goes.
    let victim = dir.path().join("victim");
    std::os::unix::fs::symlink(&victim, sibling(&out, "briefing-spare").join(DIRTY_MARKER)).unwrap();
    assert!(write_site(&out, &[file("index.html", "3")]).is_err());
    assert!(!victim.exists(), "written through the link");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "2");
}
