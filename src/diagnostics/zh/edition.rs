//! The catalogue: messages about the public and internal editions.

pub(super) const ENTRIES: &[super::Entry] = &[
    ("`{}` cannot be kept internal", "`{}` 不能设为内部字段"),
    ("fields that can be internal: {}", "可设为内部的字段：{}"),
    (
        "this project is public but belongs to the internal enterprise `{}`",
        "此项目为公开记录，但所属企业 `{}` 为内部资料",
    ),
    (
        "this problem is public but belongs to the internal enterprise `{}`",
        "此问题为公开记录，但所属企业 `{}` 为内部资料",
    ),
    (
        "this visit is public but belongs to the internal enterprise `{}`",
        "此次入企帮扶为公开记录，但所属企业 `{}` 为内部资料",
    ),
    (
        "this plan is public but belongs to the internal enterprise `{}`",
        "此帮扶方案为公开记录，但所属企业 `{}` 为内部资料",
    ),
    // The test-only data file (load/data/kinds/notes.rs).
    #[cfg(test)]
    (
        "this note is public but belongs to the internal enterprise `{}`",
        "此纪要为公开记录，但所属企业 `{}` 为内部资料",
    ),
    (
        "mark it `internal: true` as well, or make the enterprise public",
        "请同样标记为 `internal: true`，或将该企业改为公开",
    ),
    (
        "`projects(enterprise=\"{}\")` would list the projects of the internal enterprise `{}` in the public edition",
        "`projects(enterprise=\"{}\")` 会在公开版中列出内部企业 `{}` 的项目",
    ),
    (
        "leave the table to the internal edition: mark this briefing `internal: true`",
        "此表只宜出现在内部版：请将本篇标记为 `internal: true`",
    ),
    (
        "link `{}` would reveal the internal briefing `{}` in the public edition",
        "链接 `{}` 会在公开版中泄露内部简报 `{}`",
    ),
    (
        "link `{}` would reveal the internal enterprise `{}` in the public edition",
        "链接 `{}` 会在公开版中泄露内部企业 `{}`",
    ),
    (
        "link `{}` would reveal the internal project `{}` in the public edition",
        "链接 `{}` 会在公开版中泄露内部项目 `{}`",
    ),
    (
        "link `{}` would reveal the internal problem `{}` in the public edition",
        "链接 `{}` 会在公开版中泄露内部问题 `{}`",
    ),
    (
        "remove the link, or mark this page `internal: true` so that only the internal edition (`--internal`) has it",
        "请删除该链接，或将本篇标记为 `internal: true`，只放在内部版（`--internal`）中",
    ),
    ("preview: internal edition (内部资料)", "预览：内部版（内部资料）"),
    ("preview: public edition", "预览：公开版"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn edition_messages_read_in_chinese() {
        for (english, chinese) in [
            (
                "link `/projects/x/` would reveal the internal project `x` in the public edition",
                "链接 `/projects/x/` 会在公开版中泄露内部项目 `x`",
            ),
            (
                "this problem is public but belongs to the internal enterprise `hengli`",
                "此问题为公开记录，但所属企业 `hengli` 为内部资料",
            ),
            ("preview: public edition", "预览：公开版"),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
