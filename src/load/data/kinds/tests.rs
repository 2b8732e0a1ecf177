//! The registry's promise: a data file declared in one module and one line
//! of the list is taken by every consumer. `notes` (`notes.rs`, in unit
//! tests only) is declared that way; each test below goes through one
//! consumer, and fails if that consumer names the files itself instead of
//! going through [`FILES`]. Then the declarations of the real files are
//! checked against themselves.

use super::*;
use crate::load::data::{parse_named, parse_sheet};

const UNITS: &str = "- {id: water, name: 县水务局}\n";
const INDUSTRIES: &str = "- {id: m, name: 机电}\n";
const ENTERPRISES: &str = "- {id: tiande, name: 天德, industry: m, lead_unit: water, units: [water]}\n\
    - {id: secret, name: 内部企业, industry: m, lead_unit: water, units: [water], internal: true}\n";
const NOTES: &str = "- {id: n1, enterprise: tiande, date: 2013-05-02, text: 现场办公。}\n\
    - {id: n2, enterprise: tiande, date: 2013-06-01, text: 内部讨论。, internal: true}\n";

fn data(notes: &str) -> (Data, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let texts = [
        ("industries", INDUSTRIES),
        ("units", UNITS),
        ("enterprises", ENTERPRISES),
        ("notes", notes),
    ];
    let data = parse_named(&texts, &mut problems);
    (data, problems)
}

fn ids(data: &Data) -> Vec<&str> {
    data.notes.records.iter().map(|n| n.id.as_str()).collect()
}

#[test]
fn the_loader_reads_a_new_file_as_yaml_as_a_workbook_and_as_csv() {
    let (data, problems) = data(NOTES);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ids(&data), ["n1", "n2"]);
    assert_eq!(data.notes.path, "content/data/notes.yaml");
    assert!(data.notes.found());
    assert_eq!(data.record_count(), 1 + 1 + 2 + 2);
    let (without, _) = self::data("");
    assert_ne!(data.print, without.print, "the fingerprint covers the new file");

    // `data export` writes it in its layout, which reads back.
    let books = crate::export::workbooks(&data);
    let (_, sheets) = books.iter().find(|(name, _)| name == "notes.xlsx").expect("notes.xlsx exported");
    assert_eq!(sheets[0].name, "纪要");
    assert_eq!(sheets[0].headers, ["编号", "企业", "日期", "内容", "内部"]);
    let date = crate::calendar::Date::new(2013, 6, 30).expect("a date");
    let bytes = crate::sheets::xlsx_bytes(sheets, date).expect("a workbook");
    let mut problems = Vec::new();
    let back = parse_sheet("notes", true, bytes, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back.notes.records, data.notes.records);
    assert_eq!(back.notes.path, "content/data/notes.xlsx");

    // A CSV file with Chinese headers, a cell named when it is wrong.
    let csv = "编号,企业,日期,纪要\nn3,tiande,2013-07-01,电话回访\nn4,tiande,七月,走访\n";
    let mut problems = Vec::new();
    let read = parse_sheet("notes", false, csv.as_bytes().to_vec(), &mut problems);
    assert_eq!(ids(&read), ["n3"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].location(), "content/data/notes.csv:C3");
}

#[test]
fn the_data_folder_knows_a_new_file_by_name() {
    let site = tempfile::tempdir().expect("a folder");
    let folder = site.path().join("content/data");
    std::fs::create_dir_all(&folder).expect("the data folder");
    std::fs::write(folder.join("notes.yaml"), NOTES).expect("notes.yaml");
    std::fs::write(folder.join("note.csv"), "").expect("note.csv");
    let mut problems = Vec::new();
    let found = crate::load::data::files::find(site.path(), &mut problems);
    let slot = NAMES.iter().position(|n| *n == "notes").expect("registered");
    assert!(found[slot].as_ref().is_some_and(|f| f.path == "content/data/notes.yaml"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].hint.as_deref(), Some("did you mean `notes.csv`?"));
}

#[test]
fn the_checks_of_a_new_file_run_with_the_others() {
    let (data, _) = data(
        "- {id: n1, enterprise: tiandi, date: 2013-05-02, text: 现场办公。}\n- {id: n1, enterprise: tiande, date: 2013-05-03, text: 又一次。}\n",
    );
    let said: Vec<String> = crate::validate::data::validate_data(&data)
        .sorted()
        .iter()
        .map(|d| format!("{}: {}", d.location(), d.message))
        .collect();
    assert_eq!(
        said,
        [
            "content/data/notes.yaml:1:24: unknown enterprise `tiandi` (did you mean `tiande`?)",
            "content/data/notes.yaml:2:8: duplicate id `n1`",
        ]
    );
}

/// A site of `data` files (name, YAML) and no briefings.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("a folder");
    std::fs::write(site.path().join("site.yaml"), "title: 测试\n").expect("site.yaml");
    std::fs::create_dir_all(site.path().join("content/briefings")).expect("briefings");
    let folder = site.path().join("content/data");
    std::fs::create_dir_all(&folder).expect("the data folder");
    for (name, text) in files {
        std::fs::write(folder.join(format!("{name}.yaml")), text).expect("a data file");
    }
    site
}

#[test]
fn the_public_edition_leaves_out_the_internal_records_of_a_new_file() {
    // Nothing else is internal: the public edition must look at the new
    // file to know that it has to leave something out.
    let public_enterprises = ENTERPRISES.lines().next().unwrap_or_default();
    let files = [
        ("industries", INDUSTRIES),
        ("units", UNITS),
        ("enterprises", public_enterprises),
        ("notes", NOTES),
    ];
    let site = site(&files);
    let (public, _) = crate::load_edition(site.path(), false, false, None).expect("the public edition");
    assert_eq!(ids(&public.data), ["n1"]);
    assert_eq!(ids(&public.full), ["n1", "n2"]);
    let (internal, _) = crate::load_edition(site.path(), false, true, None).expect("the internal edition");
    assert_eq!(ids(&internal.data), ["n1", "n2"]);
    let records = crate::validate::probe::internal_records(&internal);
    assert!(
        records.iter().any(|r| r.file == "notes" && r.index == 1 && r.name == "n2"),
        "{records:?}"
    );
    let without = crate::validate::probe::without(&internal, &records[records.len() - 1]).expect("a smaller site");
    assert_eq!(ids(&without.full), ["n1"]);

    // A public note of an internal enterprise would reveal it.
    let leaking = "- {id: n1, enterprise: secret, date: 2013-05-02, text: 现场办公。}\n";
    let site = self::site(&[files[0], files[1], ("enterprises", ENTERPRISES), ("notes", leaking)]);
    let errors = crate::load_edition(site.path(), false, false, None).expect_err("a leak");
    let said: Vec<String> = errors.iter().map(|d| format!("{}: {}", d.location(), d.message)).collect();
    assert_eq!(
        said,
        ["content/data/notes.yaml:1:24: this note is public but belongs to the internal enterprise `secret`"]
    );
}

#[test]
fn messages_name_a_new_file_among_those_whose_records_can_be_internal() {
    let (message, _) = internal_message();
    assert!(message.contains(", plans, notes and briefings can be internal"), "{message}");
    assert!(crate::diagnostics::zh::chinese(message).contains("帮扶方案、纪要和简报"));
    // The message a YAML record gets for `internal:` where it cannot be set.
    let mut problems = Vec::new();
    parse_named(&[("units", "- {id: water, name: 县水务局, internal: true}\n")], &mut problems);
    assert_eq!(problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>(), [message]);
}

#[test]
fn each_declaration_agrees_with_itself() {
    let (message, _) = internal_message();
    for file in FILES {
        let name = file.name();
        // A sheet is named as its file.
        if let Some(layout) = file.layout() {
            assert_eq!(layout.file, name);
            // Records that can be internal have the column 内部.
            assert_eq!(layout.has("internal"), file.can_be_internal(), "{name}");
        }
        // … and the field: anywhere else `internal:` is refused.
        let text = match file.layout() {
            Some(_) => "- {internal: true}\n",
            None => "internal: true\n",
        };
        let mut problems = Vec::new();
        parse_named(&[(name, text)], &mut problems);
        let refused = problems.iter().any(|p| p.message == message);
        assert_eq!(refused, !file.can_be_internal(), "{name}: {problems:?}");
        // What the messages call it is English and Chinese.
        let called = file.called();
        assert!(called.en.is_ascii() && called.one.is_ascii() && !called.zh.is_ascii(), "{name}");
    }
    // A public record of an internal enterprise is an error that reads
    // in Chinese, for each file whose records belong to an enterprise.
    let samples: Vec<(&str, &str)> = FILES.iter().map(|f| (f.name(), f.sample())).collect();
    let data = parse_named(&samples, &mut Vec::new());
    for file in FILES {
        let mut belongs = false;
        file.each(&data, &mut |_, record| belongs |= record.enterprise().is_some());
        let message = format!("this {} is public but belongs to the internal enterprise `x`", file.called().one);
        if belongs {
            assert!(crate::diagnostics::zh::translate(&message).is_some(), "no Chinese for {message}");
        }
    }
    // Only `industries` is read before the others: output sheets name
    // them.
    let first: Vec<&str> = FILES.iter().filter(|f| f.read_first()).map(|f| f.name()).collect();
    assert_eq!(first, ["industries"]);
}
