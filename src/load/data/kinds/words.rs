//! The messages that name the data files by whether their records can be
//! internal, in English and in Chinese for the catalogue
//! (`diagnostics::zh`): made from the registry, so that a new data file is
//! named in them.

use std::sync::OnceLock;

use super::FILES;

/// `a, b and c`.
fn listed_en(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// `a、b和c`.
fn listed_zh(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{}和{last}", rest.join("、")),
        None => String::new(),
    }
}

/// The message and hint about `internal:` where it cannot be set, in
/// English and Chinese.
struct Messages {
    message: String,
    hint: String,
    message_zh: String,
    hint_zh: String,
}

fn messages() -> &'static Messages {
    static MESSAGES: OnceLock<Messages> = OnceLock::new();
    MESSAGES.get_or_init(|| {
        let (can, cannot): (Vec<_>, Vec<_>) = FILES.iter().map(|f| (f.called(), f.can_be_internal())).partition(|(_, can)| *can);
        let en = |called: &[(super::Called, bool)]| called.iter().map(|(c, _)| c.en).collect::<Vec<_>>();
        let zh = |called: &[(super::Called, bool)]| called.iter().map(|(c, _)| c.zh).collect::<Vec<_>>();
        let can_en = [en(&can), vec!["briefings"]].concat();
        let can_zh = [zh(&can), vec!["简报"]].concat();
        Messages {
            message: format!("`internal` cannot be set here: only {} can be internal", listed_en(&can_en)),
            hint: format!(
                "{} are named by the counts and charts of both editions; to keep a text out of the public edition, list it in `internal_fields` of site.yaml",
                listed_en(&en(&cannot))
            ),
            message_zh: format!("此处不能设置 `internal`：只有{}可以设为内部资料", listed_zh(&can_zh)),
            hint_zh: format!(
                "{}在两个版本的统计和图表中都会出现；如需在公开版中隐去某项文字，请在 site.yaml 的 `internal_fields` 中列出",
                listed_zh(&zh(&cannot))
            ),
        }
    })
}

/// The error about `internal:` in a record that cannot be internal, and
/// its hint: which records can be, and why the others cannot (DESIGN.md,
/// "Public and internal editions").
pub(crate) fn internal_message() -> (&'static str, &'static str) {
    let messages = messages();
    (&messages.message, &messages.hint)
}

/// The Chinese of the messages made here, as catalogue entries.
pub(crate) fn catalogue() -> [(&'static str, &'static str); 2] {
    let messages = messages();
    [(&messages.message, &messages.message_zh), (&messages.hint, &messages.hint_zh)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        assert_eq!(listed_en(&["a", "b", "c"]), "a, b and c");
        assert_eq!(listed_en(&["a"]), "a");
        assert_eq!(listed_zh(&["企业", "项目", "简报"]), "企业、项目和简报");
    }

    /// The names of a list `a, b and c`.
    fn items(list: &str) -> Vec<&str> {
        list.split(", ").flat_map(|part| part.split(" and ")).collect()
    }

    #[test]
    fn the_messages_name_every_file_once() {
        let (message, hint) = internal_message();
        let can = message
            .strip_prefix("`internal` cannot be set here: only ")
            .and_then(|m| m.strip_suffix(" can be internal"))
            .map(items)
            .unwrap_or_default();
        let cannot = hint.split_once(" are named by").map(|(list, _)| items(list)).unwrap_or_default();
        for file in FILES {
            let (named, other) = match file.can_be_internal() {
                true => (&can, &cannot),
                false => (&cannot, &can),
            };
            let en = file.called().en;
            assert!(named.contains(&en) && !other.contains(&en), "{}: {message} / {hint}", file.name());
        }
        assert_eq!(can.len() + cannot.len(), FILES.len() + 1, "{can:?} {cannot:?}");
        assert_eq!(can.last(), Some(&"briefings"));
        // (tests/editions.rs reads the whole message, without the file
        // that only unit tests declare.)
        assert!(message.starts_with("`internal` cannot be set here: only enterprises, projects, problems, visits, plans"));
        let chinese: Vec<String> = [message, hint].map(crate::diagnostics::zh::chinese).into();
        assert!(
            chinese[0].starts_with("此处不能设置 `internal`：只有企业、项目、问题、入企帮扶、帮扶方案"),
            "{}",
            chinese[0]
        );
        assert!(chinese[0].ends_with("和简报可以设为内部资料"), "{}", chinese[0]);
        assert!(
            chinese[1].starts_with("产业、单位、产值数据、图表和台账汇总在两个版本"),
            "{}",
            chinese[1]
        );
    }
}
