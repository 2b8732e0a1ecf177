//! The catalogue: outputs claimed twice (src/render/claims.rs, the writer)
//! and the names of what makes each output.

pub(super) const ENTRIES: &[super::Entry] = &[
    ("two outputs at `{}`: {} and {}", "输出文件 `{1}` 有两个来源：{2}、{3}"),
    (
        "the file `{}` of {} would be the folder of `{}` of {}",
        "文件 `{1}`（来自{2}）与 `{3}`（来自{4}）所需的文件夹同名",
    ),
    (
        "each file of the output has one source: rename or remove one of them",
        "输出中的每个文件只能有一个来源：请将其中一个改名或删除",
    ),
    (
        "two files at `{}`: the output was left as it was",
        "`{}` 处有两个文件：输出保持原样",
    ),
    // What made an output (filling the messages above).
    ("the generated `{}`", "自动生成的 `{}`"),
    ("the Word edition of `{}`", "`{}` 的 Word 版"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn clashes_read_in_chinese() {
        for (english, chinese) in [
            (
                "two outputs at `feed.xml`: `content/pages/about.md` and the generated `feed`",
                "输出文件 `feed.xml` 有两个来源：`content/pages/about.md`、自动生成的 `feed`",
            ),
            (
                "two outputs at `briefings/a/a.docx`: the Word edition of `content/briefings/a.md` and `themes/x/static/a.docx`",
                "输出文件 `briefings/a/a.docx` 有两个来源：`content/briefings/a.md` 的 Word 版、`themes/x/static/a.docx`",
            ),
            (
                "the file `search-index.js` of the generated `search-index` would be the folder of `search-index.js/index.html` of `content/pages/x.md`",
                "文件 `search-index.js`（来自自动生成的 `search-index`）与 `search-index.js/index.html`（来自`content/pages/x.md`）所需的文件夹同名",
            ),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
