//! The catalogue's words and phrases used across messages, and the
//! messages of the command line, the build, the output folder and the
//! preview server.

pub(super) const ENTRIES: &[super::Entry] = &[
    // Words that fill other messages.
    ("industry", "产业"),
    ("unit", "单位"),
    ("enterprise", "企业"),
    ("project", "项目"),
    ("problem", "问题"),
    (" (did you mean `{}`?)", "（是不是 `{}`？）"),
    ("did you mean `{}`?", "是不是 `{}`？"),
    ("unknown {} `{}`{}", "未知的{} `{}`{}"),
    ("unknown {} `{}`", "未知的{} `{}`"),
    // The command line (src/main.rs).
    ("build failed with {} error(s) and {} warning(s)", "生成失败：{} 个错误，{} 个警告"),
    (
        "check failed with {} error(s) and {} warning(s)",
        "检查未通过：{} 个错误，{} 个警告",
    ),
    (
        "serve failed with {} error(s) and {} warning(s)",
        "预览启动失败：{} 个错误，{} 个警告",
    ),
    ("export failed with {} error(s) and {} warning(s)", "导出失败：{} 个错误，{} 个警告"),
    ("loading…", "正在读取…"),
    ("rendering…", "正在生成页面…"),
    ("writing {} files…", "正在写入 {} 个文件…"),
    (
        "built {} pages, {} charts, search index {} KB in {} s{}",
        "已生成 {} 个页面、{} 张图表，搜索索引 {} KB，用时 {} 秒{}",
    ),
    (", {} warning(s)", "，{} 个警告"),
    ("the previous output was left as it was", "原有的输出文件夹保持不变"),
    ("ok: no errors, {} warning(s)", "检查通过：没有错误，{} 个警告"),
    ("exported {} workbook(s) to {}", "已导出 {} 个工作簿到 {}"),
    ("created a new site in {}", "已在 {} 创建新站点"),
    (
        "next: briefing serve --root {} (or: cargo run --release -- serve --root {})",
        "下一步：briefing serve --root {}（或：cargo run --release -- serve --root {}）",
    ),
    // `--base-url`: its value parser joins the message and the hint.
    (
        "{}; write `/`, a path such as `/bangfu/`, or a full address such as `https://example.gov.cn/bangfu/`",
        "{}；应写为 `/`、路径（如 `/bangfu/`）或完整网址（如 `https://example.gov.cn/bangfu/`）",
    ),
    // site.yaml (src/load/config.rs, src/load/mod.rs).
    (
        "write `/`, a path such as `/bangfu/`, or a full address such as `https://example.gov.cn/bangfu/`",
        "应写为 `/`、路径（如 `/bangfu/`）或完整网址（如 `https://example.gov.cn/bangfu/`）",
    ),
    (
        "`base_url` must use http or https, not `{}`",
        "`base_url` 只能使用 http 或 https，不能使用 `{}`",
    ),
    ("`base_url` `{}` has no usable host name", "`base_url` `{}` 中没有可用的主机名"),
    (
        "`base_url` `{}` is neither a path nor an address",
        "`base_url` `{}` 既不是路径，也不是网址",
    ),
    ("`base_url` `{}` has an unusable path", "`base_url` `{}` 中的路径不可用"),
    ("`title` is empty", "`title` 为空"),
    ("`paginate` must be at least 1", "`paginate` 不能小于 1"),
    ("theme name `{}` must be a plain folder name", "主题名称 `{}` 必须是普通的文件夹名"),
    (
        "`site.yaml` is a symbolic link; briefing does not follow links out of the site",
        "`site.yaml` 是符号链接；briefing 不会通过链接读取站点以外的文件",
    ),
    ("replace the link by a copy of the file", "请删除链接，换成该文件的副本"),
    ("no `site.yaml` in `{}`", "`{}` 中没有 `site.yaml`"),
    (
        "run the command in a site folder, pass `--root DIR`, or start one with `briefing new site DIR`",
        "请在站点文件夹中运行，或用 `--root DIR` 指定站点文件夹，或用 `briefing new site DIR` 新建站点",
    ),
    (
        "run it in a site folder, pass `--root DIR`, or start one with `briefing new site DIR`",
        "请在站点文件夹中运行，或用 `--root DIR` 指定站点文件夹，或用 `briefing new site DIR` 新建站点",
    ),
    ("the site has no `content/` folder", "站点中没有 `content/` 文件夹"),
    (
        "restore it (briefings, pages and data live there), or start a site with `briefing new site DIR`",
        "请恢复该文件夹（简报、页面和数据都在其中），或用 `briefing new site DIR` 新建站点",
    ),
    // Reading the site's files (src/load/source.rs).
    ("cannot read the file: {}", "无法读取文件：{}"),
    ("cannot read: {}", "无法读取：{}"),
    ("the file is not UTF-8 text", "文件不是 UTF-8 编码的文本"),
    (
        "save it with UTF-8 encoding (it may have been saved as GBK); in Notepad: 另存为 → 编码 → UTF-8",
        "请以 UTF-8 编码保存（可能被存成了 GBK）；在记事本中：另存为 → 编码 → UTF-8",
    ),
    (
        "this folder is a symbolic link; briefing does not follow links out of the site",
        "此文件夹是符号链接；briefing 不会通过链接读取站点以外的文件",
    ),
    (
        "replace the link by a real folder holding a copy of the files",
        "请删除链接，换成存放文件副本的真实文件夹",
    ),
    ("symbolic link skipped", "已跳过符号链接"),
    (
        "links are not followed, so that nothing outside the site is published; copy the file instead",
        "为避免发布站点以外的内容，不读取链接；请改为复制该文件",
    ),
    ("hidden file skipped: its name starts with `.`", "已跳过隐藏文件：文件名以 `.` 开头"),
    (
        "rename it without the leading `.` if it should be published",
        "如需发布，请去掉文件名开头的 `.`",
    ),
    // Paths of the command line (src/write/paths.rs, via src/lib.rs).
    ("cannot read the current folder: {}", "无法读取当前文件夹：{}"),
    ("too many symbolic links in `{}`", "`{}` 中的符号链接过多"),
    ("cannot read the link `{}`: {}", "无法读取链接 `{}`：{}"),
    // `briefing new` (src/scaffold.rs).
    ("the folder is not empty", "文件夹不是空的"),
    (
        "choose a new or empty folder; nothing was written",
        "请选择新的或空的文件夹；未写入任何文件",
    ),
    ("cannot create `{}`: {}", "无法创建 `{}`：{}"),
    ("cannot write `{}`: {}", "无法写入 `{}`：{}"),
    ("the title is empty", "标题为空"),
    ("pass --title 第九期", "请用 --title 指定标题，如 --title 第九期"),
    (
        "the title says issue {}, but the next issue is {}",
        "标题写的是第 {} 期，但下一期应为第 {} 期",
    ),
    (
        "the bulletin is numbered {} as its title says; change `issue:` in the file if that is wrong",
        "已按标题编为第 {} 期；如有误，请修改文件中的 `issue:`",
    ),
    ("the file already exists", "文件已存在"),
    (
        "choose another title, or edit the existing file",
        "请换一个标题，或直接编辑已有的文件",
    ),
    ("cannot create the folder: {}", "无法创建文件夹：{}"),
    ("cannot write: {}", "无法写入：{}"),
    // The output folder (src/write/**).
    ("cannot create the output's parent folder: {}", "无法创建输出文件夹的上级文件夹：{}"),
    ("cannot prepare the staging folder: {}", "无法准备临时文件夹：{}"),
    ("cannot create a folder: {}", "无法创建文件夹：{}"),
    (
        "refusing to write `{}` through a link in the staging folder",
        "拒绝通过临时文件夹中的链接写入 `{}`",
    ),
    ("cannot replace `{}`: {}", "无法替换 `{}`：{}"),
    ("refusing to write `{}` outside the output folder", "拒绝在输出文件夹以外写入 `{}`"),
    (
        "cannot carry `{}` over from the previous output: {}",
        "无法从原有的输出中沿用 `{}`：{}",
    ),
    ("the list of written files is unusable", "已写入文件的清单无法使用"),
    ("cannot write the manifest: {}", "无法写入文件清单：{}"),
    ("cannot finish the staging folder: {}", "无法完成临时文件夹：{}"),
    ("cannot put the new output in place: {}", "无法用新的输出替换原有的输出：{}"),
    ("cannot move the new output into place: {}", "无法把新的输出移到位：{}"),
    ("cannot create the lock file `{}`: {}", "无法创建锁文件 `{}`：{}"),
    (
        "another briefing build is writing to this output folder right now",
        "另一个 briefing 生成任务正在写入此输出文件夹",
    ),
    (
        "wait for it to finish and build again; two builds into one folder would mix their files",
        "请等它完成后再生成；两个任务同时写入一个文件夹，文件会混在一起",
    ),
    ("cannot lock `{}`: {}", "无法锁定 `{}`：{}"),
    (
        "ignored the manifest entry `{}`: not a file inside the output folder",
        "已忽略文件清单中的条目 `{}`：不是输出文件夹内的文件",
    ),
    (
        "briefing writes and removes only files inside the output folder; the manifest was edited by hand",
        "briefing 只写入和删除输出文件夹内的文件；文件清单被手工改动过",
    ),
    (
        "choose a folder of its own, such as the default `output/`",
        "请另选一个专用的文件夹，如默认的 `output/`",
    ),
    (
        "refusing to write the site to the file system root",
        "拒绝把站点写入文件系统的根目录",
    ),
    (
        "the output folder contains the site itself and would be replaced",
        "输出文件夹包含站点本身，会被整个替换",
    ),
    ("the output folder lies inside `{}`", "输出文件夹位于 `{}` 之内"),
    ("refusing to use the home folder as the output", "拒绝把用户主文件夹用作输出文件夹"),
    ("the output path exists and is not a folder", "输出路径已存在，但不是文件夹"),
    ("cannot read the output folder: {}", "无法读取输出文件夹：{}"),
    (
        "`{}` in the output folder is a symbolic link, which briefing did not make",
        "输出文件夹中的 `{}` 是符号链接，不是 briefing 创建的",
    ),
    (
        "remove the link; briefing never follows links in its output",
        "请删除该链接；briefing 不会读取输出文件夹中的链接",
    ),
    (
        "the output folder holds files that briefing did not write",
        "输出文件夹中有不是 briefing 写入的文件",
    ),
    (
        "move them elsewhere or choose another `--output`; briefing never deletes files it did not create",
        "请把这些文件移到别处，或另选 `--output`；briefing 不会删除不是它创建的文件",
    ),
    (
        "`{}` in the output folder was not written by briefing",
        "输出文件夹中的 `{}` 不是 briefing 写入的",
    ),
    (
        "move it into the theme's `static/` folder or elsewhere; briefing never deletes files it did not create",
        "请把它移到主题的 `static/` 文件夹或别处；briefing 不会删除不是它创建的文件",
    ),
    (
        "kept `{}`: it holds {} file(s) that briefing did not write",
        "已保留 `{}`：其中有 {} 个不是 briefing 写入的文件",
    ),
    (
        "look at them and delete the folder yourself; briefing never deletes files it did not create",
        "请查看这些文件后自行删除该文件夹；briefing 不会删除不是它创建的文件",
    ),
    (
        "cannot restore the output of an interrupted build: {}",
        "无法恢复上次中断的生成留下的输出：{}",
    ),
    (
        "cannot restore the spare of an interrupted build: {}",
        "无法恢复上次中断的生成留下的备用文件夹：{}",
    ),
    (
        "cannot clear the spare left by an interrupted build: {}",
        "无法清理上次中断的生成留下的备用文件夹：{}",
    ),
    ("`{}` holds files that briefing did not write", "`{}` 中有不是 briefing 写入的文件"),
    (
        "move them away; briefing keeps the previous version of the site in this folder",
        "请把这些文件移走；briefing 在此文件夹中保存站点的上一版",
    ),
    ("cannot create the staging folder: {}", "无法创建临时文件夹：{}"),
    // The preview server (src/serve/**).
    ("rebuilt {} of {} files in {} s", "已重新生成 {} 个文件（共 {} 个），用时 {} 秒"),
    (
        "{} error(s); still serving the last good build",
        "{} 个错误；仍在提供上一次成功生成的版本",
    ),
    (
        "serving on {}, reachable from other machines; the preview is meant for this computer",
        "正在 {} 上提供预览，其他计算机也能访问；预览只应在本机使用",
    ),
    ("cannot watch the site: {}", "无法监视站点的改动：{}"),
    ("cannot watch: {}", "无法监视改动：{}"),
    ("cannot listen on {}: {}", "无法在 {} 上监听：{}"),
    ("choose another `--port`", "请另选一个 `--port`"),
    // Printed or answered by serve without translation today; here for
    // when they are.
    ("serving http://{}", "预览地址：http://{}"),
    ("cannot accept a connection ({}); waiting", "无法接受连接（{}）；稍后重试"),
    ("cannot start a thread for a connection ({})", "无法为连接启动线程（{}）"),
    (
        "this preview answers only to localhost and its own address",
        "此预览只响应 localhost 和本机地址",
    ),
    ("request line too long", "请求行过长"),
    ("request headers too large", "请求头过大"),
    // Errors of the operating system (Linux), as `std::io::Error` and
    // `walkdir` word them.
    ("IO error for operation on {}: {}", "访问 {} 时出错：{}"),
    (
        "File system loop found: {} points to an ancestor {}",
        "文件系统出现循环：{} 指向其上级 {}",
    ),
    ("No such file or directory (os error {})", "文件或文件夹不存在（系统错误 {}）"),
    ("Permission denied (os error {})", "没有权限（系统错误 {}）"),
    ("Operation not permitted (os error {})", "不允许此操作（系统错误 {}）"),
    ("File exists (os error {})", "文件已存在（系统错误 {}）"),
    ("Not a directory (os error {})", "不是文件夹（系统错误 {}）"),
    ("Is a directory (os error {})", "是文件夹（系统错误 {}）"),
    ("Directory not empty (os error {})", "文件夹不是空的（系统错误 {}）"),
    ("No space left on device (os error {})", "磁盘空间不足（系统错误 {}）"),
    ("Disk quota exceeded (os error {})", "超出磁盘配额（系统错误 {}）"),
    ("Read-only file system (os error {})", "文件系统只读（系统错误 {}）"),
    ("Too many open files (os error {})", "打开的文件过多（系统错误 {}）"),
    ("Too many levels of symbolic links (os error {})", "符号链接层级过多（系统错误 {}）"),
    ("Input/output error (os error {})", "输入输出错误（系统错误 {}）"),
    ("Invalid cross-device link (os error {})", "不能跨设备链接（系统错误 {}）"),
    ("Address already in use (os error {})", "地址已被占用（系统错误 {}）"),
    (
        "Cannot assign requested address (os error {})",
        "无法使用所请求的地址（系统错误 {}）",
    ),
    // Characters no output may carry (src/load/clean.rs).
    ("character {} ({}) removed", "已删除字符 {}（{}）"),
    ("character {} ({}) replaced by a space", "字符 {}（{}）已替换为空格"),
    ("character {} ({}) replaced by a line break", "字符 {}（{}）已替换为换行"),
    ("escape `{}` ({}, {}) removed", "已删除转义 `{}`（{}，{}）"),
    ("escape `{}` ({}, {}) replaced by a line break", "转义 `{}`（{}，{}）已替换为换行"),
    ("a line break from Word", "Word 中的手动换行符"),
    ("a control character", "控制字符"),
    ("a noncharacter", "非字符"),
    ("a text-direction control", "文字方向控制符"),
    ("{} more such characters replaced", "另有 {} 个此类字符已替换"),
    (
        "they come with text pasted from another program; Word files, the feed and charts cannot hold them",
        "这些字符是从其他程序粘贴文字时带入的；Word 文件、订阅源和图表都无法容纳它们",
    ),
    (
        "it comes with text pasted from another program; Word files, the feed and charts cannot hold it",
        "该字符是从其他程序粘贴文字时带入的；Word 文件、订阅源和图表都无法容纳它",
    ),
    (
        "Word files, the feed and charts cannot hold this character",
        "Word 文件、订阅源和图表都无法容纳该字符",
    ),
    (
        "it makes text show in another order than it is written, which can disguise it",
        "它会使文字以不同于书写的顺序显示，可能借此伪装文字",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn command_line_messages_read_in_chinese() {
        for (english, chinese) in [
            ("build failed with 2 error(s) and 1 warning(s)", "生成失败：2 个错误，1 个警告"),
            ("check failed with 1 error(s) and 0 warning(s)", "检查未通过：1 个错误，0 个警告"),
            (
                "built 12 pages, 3 charts, search index 4.2 KB in 0.35 s, 2 warning(s)",
                "已生成 12 个页面、3 张图表，搜索索引 4.2 KB，用时 0.35 秒，2 个警告",
            ),
            (
                "built 12 pages, 3 charts, search index 4.2 KB in 0.35 s",
                "已生成 12 个页面、3 张图表，搜索索引 4.2 KB，用时 0.35 秒",
            ),
            ("ok: no errors, 0 warning(s)", "检查通过：没有错误，0 个警告"),
            (
                "character U+000B (a line break from Word) replaced by a line break",
                "字符 U+000B（Word 中的手动换行符）已替换为换行",
            ),
            (
                "character U+202E (a text-direction control) removed",
                "已删除字符 U+202E（文字方向控制符）",
            ),
            (
                "escape `\\x01` (U+0001, a control character) removed",
                "已删除转义 `\\x01`（U+0001，控制字符）",
            ),
            ("3 more such characters replaced", "另有 3 个此类字符已替换"),
            ("writing 57 files…", "正在写入 57 个文件…"),
            ("the previous output was left as it was", "原有的输出文件夹保持不变"),
            ("exported 6 workbook(s) to /tmp/xlsx", "已导出 6 个工作簿到 /tmp/xlsx"),
            ("created a new site in mysite", "已在 mysite 创建新站点"),
            (
                "next: briefing serve --root mysite (or: cargo run --release -- serve --root mysite)",
                "下一步：briefing serve --root mysite（或：cargo run --release -- serve --root mysite）",
            ),
            (
                "the title says issue 9, but the next issue is 4",
                "标题写的是第 9 期，但下一期应为第 4 期",
            ),
            (
                "the bulletin is numbered 9 as its title says; change `issue:` in the file if that is wrong",
                "已按标题编为第 9 期；如有误，请修改文件中的 `issue:`",
            ),
            ("rebuilt 3 of 40 files in 0.08 s", "已重新生成 3 个文件（共 40 个），用时 0.08 秒"),
            (
                "1 error(s); still serving the last good build",
                "1 个错误；仍在提供上一次成功生成的版本",
            ),
            (
                "cannot listen on 127.0.0.1:1111: Address already in use (os error 98)",
                "无法在 127.0.0.1:1111 上监听：地址已被占用（系统错误 98）",
            ),
            (
                "`base_url` `bangfu` is neither a path nor an address; write `/`, a path such as `/bangfu/`, or a full address such as `https://example.gov.cn/bangfu/`",
                "`base_url` `bangfu` 既不是路径，也不是网址；应写为 `/`、路径（如 `/bangfu/`）或完整网址（如 `https://example.gov.cn/bangfu/`）",
            ),
            (
                "`notes.txt` in the output folder was not written by briefing",
                "输出文件夹中的 `notes.txt` 不是 briefing 写入的",
            ),
            (
                "kept `/srv/.output.briefing-parked`: it holds 2 file(s) that briefing did not write",
                "已保留 `/srv/.output.briefing-parked`：其中有 2 个不是 briefing 写入的文件",
            ),
            (
                "cannot write `index.html`: Permission denied (os error 13)",
                "无法写入 `index.html`：没有权限（系统错误 13）",
            ),
            ("no `site.yaml` in `/tmp/g`", "`/tmp/g` 中没有 `site.yaml`"),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
