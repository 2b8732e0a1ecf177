//! The catalogue: messages about briefings, pages, front matter,
//! Markdown, shortcodes, templates and themes.

pub(super) const ENTRIES: &[super::Entry] = &[
    // Front matter (src/load/front_matter.rs).
    ("the file is empty", "文件为空"),
    (
        "a briefing starts with front matter between `---` lines (title and date), then Markdown",
        "简报应以两行 `---` 之间的前置元数据（标题和日期）开头，其后是 Markdown 正文",
    ),
    ("missing front matter", "缺少前置元数据（front matter）"),
    (
        "start the file with a line `---`, then `title:` and `date:` lines, then another `---`",
        "文件第一行写 `---`，接着写 `title:` 和 `date:` 两行，再写一行 `---`",
    ),
    ("front matter is not closed", "前置元数据没有结束"),
    (
        "end the front matter with a line containing only `---`",
        "请在前置元数据末尾加一行，只写 `---`",
    ),
    ("the front matter is empty", "前置元数据（front matter）为空"),
    (
        "add at least `title:` (and `date:` for a briefing)",
        "至少写上 `title:`（简报还需 `date:`）",
    ),
    // Briefings and pages (src/load/content.rs, src/names.rs).
    ("the slug is empty", "slug 为空"),
    (
        "slug `{}` would leave its folder (no `/`, `\\`, `..` or leading `.`)",
        "slug `{}` 会超出所在的文件夹（不能含 `/`、`\\`、`..`，也不能以 `.` 开头）",
    ),
    (
        "slug `{}` contains `{}`; use letters, digits, `-` and `_`",
        "slug `{}` 含有 `{}`；只能使用字母（可用汉字）、数字、`-` 和 `_`",
    ),
    (
        "`{}` is a device name on Windows and cannot be a folder there",
        "`{}` 是 Windows 的设备名，在 Windows 上不能用作文件夹名",
    ),
    (
        "set `slug:` to a simple name such as `h1-review`",
        "请把 `slug:` 改为简单的名称，如 `h1-review`",
    ),
    (
        "rename the file, or set `slug:` in the front matter",
        "请给文件改名，或在前置元数据中设置 `slug:`",
    ),
    ("the briefing has no text after its front matter", "简报在前置元数据之后没有正文"),
    (
        "write the Markdown text after the closing `---`, or mark it `draft: true` until it is ready",
        "请在结束的 `---` 之后写 Markdown 正文；尚未写好时可先标为 `draft: true`",
    ),
    ("bulletin numbers start at 1", "简报期号从 1 开始"),
    ("a speech has no bulletin number", "讲话稿没有简报期号"),
    ("a notice has no bulletin number", "通知没有简报期号"),
    ("a circular has no bulletin number", "通报没有简报期号"),
    ("a report has no bulletin number", "报告没有简报期号"),
    (
        "remove `issue:`, or set `kind: bulletin`",
        "请删除 `issue:`，或设置 `kind: bulletin`",
    ),
    ("tag {} cannot be part of a URL", "标签 {} 不能用在网址中"),
    (
        "use letters (Chinese is fine), digits, `-` and `_`",
        "只能使用字母（可用汉字）、数字、`-` 和 `_`",
    ),
    // Dates and periods of front matter (src/calendar.rs).
    (
        "`{}` is not a valid date; write it as YYYY-MM-DD, e.g. 2013-07-20",
        "`{}` 不是有效的日期；请按 YYYY-MM-DD 格式填写，如 2013-07-20",
    ),
    (
        "`{}` is not a valid period; write it as YYYY-MM, e.g. 2013-06",
        "`{}` 不是有效的数据期；请按 YYYY-MM 格式填写，如 2013-06",
    ),
    ("`{}` is not a day of the calendar", "日历上没有 `{}` 这一天"),
    ("a date (YYYY-MM-DD) or period (YYYY-MM)", "日期（YYYY-MM-DD）或数据期（YYYY-MM）"),
    // The theme (src/load/theme.rs).
    ("unknown theme {}", "未知的主题 {}"),
    ("themes available: {}", "可用的主题：{}"),
    ("{}default (built in){}", "{}default（内置）{}"),
    // YAML (src/yaml/**): the guard, input-method slips and the
    // explanations of serde_yaml's messages.
    ("the YAML nests deeper than {} levels here", "YAML 在此处的嵌套超过 {} 层"),
    (
        "front matter and data need only a few levels; look for brackets or indentation that keep opening",
        "前置元数据和数据只需要几层嵌套；请检查是否有未闭合的括号或越来越深的缩进",
    ),
    ("{}：` is typed with a full-width colon (：)", "{}：` 用了全角冒号（：）"),
    ("{}:` has no space after its colon", "{}:` 的冒号后面缺少空格"),
    ("type an ASCII colon and a space: `{}`", "请用英文冒号加一个空格：`{}`"),
    (
        "unknown field {} in {} (did you mean {}?)",
        "{2} 中有未知的字段 {1}（是不是 {3}？）",
    ),
    ("unknown field {} (did you mean {}?)", "未知的字段 {}（是不是 {}？）"),
    ("unknown field {} (in {})", "{2} 中有未知的字段 {1}"),
    ("unknown field {}", "未知的字段 {}"),
    ("remove this field", "请删除此字段"),
    ("known fields: {}", "可用的字段：{}"),
    ("unknown value {} in {} (did you mean {}?)", "{2} 的值 {1} 无法识别（是不是 {3}？）"),
    ("unknown value {} (did you mean {}?)", "无法识别的值 {}（是不是 {}？）"),
    ("unknown value {} (in {})", "{2} 的值 {1} 无法识别"),
    ("unknown value {}", "无法识别的值 {}"),
    ("allowed: {}", "可选的值：{}"),
    ("duplicate field {}", "字段 {} 重复"),
    ("duplicate entry with key {}", "键 {} 重复"),
    ("each key may appear only once in a mapping", "同一层中每个键只能出现一次"),
    ("YAML does not allow tabs for indentation", "YAML 不允许用制表符（Tab）缩进"),
    ("indent with spaces (two per level)", "请用空格缩进（每层两个空格）"),
    ("missing field {}", "缺少字段 {}"),
    (" (in {}`)", "（位于 {}`）"),
    ("{} (in {}`)", "{}（位于 {}`）"),
    // "expected …, found …": what was expected, then what was found.
    ("expected {}, found text {}", "应为{}，实际为文本 {}"),
    ("expected {}, found integer `{}`{}", "应为{}，实际为整数 `{}`{}"),
    ("expected {}, found floating point `{}`{}", "应为{}，实际为小数 `{}`{}"),
    ("expected {}, found boolean `{}`{}", "应为{}，实际为布尔值 `{}`{}"),
    ("expected {}, found a mapping{}", "应为{}，实际为映射{}"),
    ("expected {}, found a list{}", "应为{}，实际为列表{}"),
    ("expected {}, found unit value{}", "应为{}，实际为空值{}"),
    ("expected {}, found {}", "应为{}，实际为 {}"),
    ("a number", "数字"),
    ("a whole number, zero or more", "不小于 0 的整数"),
    ("a whole number", "整数"),
    ("true or false", "布尔值（true 或 false）"),
    (
        "a list (`[a, b]` or lines starting with `- `)",
        "列表（`[a, b]`，或以 `- ` 开头的多行）",
    ),
    ("a string", "字符串"),
    ("text", "文本"),
    ("struct {}", "“键: 值”形式的映射"),
    ("a map", "“键: 值”形式的映射"),
    ("another type", "其他类型"),
    ("invalid length {}, expected {}", "长度 {} 不符合要求，应为 {}"),
    // serde_yaml's own messages.
    ("EOF while parsing a value", "读取值时文本意外结束"),
    ("a second YAML document starts here", "此处开始了第二个 YAML 文档"),
    (
        "a data file or a front matter holds one YAML document: remove this `---` or `...` line, or move what follows it into the document above",
        "数据文件或前置元数据（front matter）中只能有一个 YAML 文档：请删除这一行 `---` 或 `...`，或把其后的内容移到上面的文档中",
    ),
    ("recursion limit exceeded", "嵌套层数超过限制"),
    ("repetition limit exceeded", "引用（`*`）展开的次数超过限制"),
    ("unknown anchor", "未知的锚点（`*` 引用了没有定义的 `&`）"),
    ("empty YAML tag is not allowed", "YAML 标签（`!`）不能为空"),
    ("failed to parse YAML number", "无法解析 YAML 中的数字"),
    // libyaml's messages, and where an unclosed construct starts.
    ("{} while {} that starts here", "{1}；{2}从此处开始"),
    ("parsing a flow sequence", "方括号列表"),
    ("parsing a flow mapping", "花括号映射"),
    ("parsing a block mapping", "映射（键: 值）"),
    ("parsing a block collection", "缩进的列表或映射"),
    ("parsing a block node", "值"),
    ("parsing a flow node", "值"),
    ("parsing a node", "值"),
    ("scanning a quoted scalar", "引号中的文本"),
    ("scanning a plain scalar", "文本"),
    ("scanning a block scalar", "`|` 或 `>` 文本块"),
    ("scanning a simple key", "键"),
    ("scanning an alias", "别名（`*`）"),
    ("scanning an anchor", "锚点（`&`）"),
    ("scanning a tag", "标签（`!`）"),
    ("did not find expected key", "缺少预期的键（请检查缩进是否对齐）"),
    ("did not find expected node content", "缺少预期的内容"),
    ("did not find expected ',' or ']'", "缺少预期的 `,` 或 `]`"),
    ("did not find expected ',' or '}'", "缺少预期的 `,` 或 `}`"),
    ("did not find expected '-' indicator", "缺少预期的列表项标记 `-`"),
    ("did not find expected comment or line break", "此处应为注释或换行"),
    ("did not find expected whitespace or line break", "此处应为空格或换行"),
    (
        "did not find expected alphabetic or numeric character",
        "缺少预期的字母或数字（以 `*`、`&` 开头的文本请加引号）",
    ),
    ("did not find expected hexadecimal number", "双引号中的转义缺少十六进制数字"),
    ("did not find expected <document start>", "缺少预期的文档开头"),
    ("could not find expected ':'", "缺少预期的 `:`"),
    (
        "mapping values are not allowed in this context",
        "此处不能出现“键: 值”（请检查缩进；含有冒号加空格的文本请加引号）",
    ),
    ("mapping keys are not allowed in this context", "此处不能出现键"),
    (
        "block sequence entries are not allowed in this context",
        "此处不能出现列表项 `- `（请检查缩进）",
    ),
    (
        "found character that cannot start any token",
        "出现了不能用作开头的字符（以 `@`、`%` 等符号开头的文本请加引号）",
    ),
    ("found unexpected end of stream", "文本意外结束（可能有未闭合的引号或括号）"),
    ("found unknown escape character", "双引号中有无效的转义字符（`\\` 后面的字符无效）"),
    ("found unexpected ':'", "出现了多余的 `:`"),
    ("found undefined tag handle", "出现了未定义的标签（`!`）"),
    ("found unexpected document indicator", "出现了多余的文档分隔行"),
    ("found a tab character that violates indentation", "制表符（Tab）打乱了缩进"),
    (
        "found a tab character where an indentation space is expected",
        "此处应用空格缩进，却出现了制表符（Tab）",
    ),
    ("control characters are not allowed", "不允许出现控制字符"),
    // Shortcodes (src/load/shortcodes.rs, src/render/body.rs).
    ("malformed shortcode: {}", "短代码格式有误：{}"),
    (
        "write it as {{ metric(name=\"problems.close_rate\") }}",
        "应写成 {{ metric(name=\"problems.close_rate\") }}",
    ),
    ("unterminated string", "字符串缺少结束引号"),
    ("{} is not a value; quote text as {}", "{} 不是有效的值；文本请加引号，写成 {}"),
    ("expected a shortcode name after `{{`", "`{{` 之后应为短代码名称"),
    ("expected `(` after {}", "{} 之后应为 `(`"),
    ("expected `,` or `)` between arguments", "参数之间应为 `,` 或 `)`"),
    ("expected an argument name, as in `name=\"…\"`", "此处应为参数名，如 `name=\"…\"`"),
    ("expected `=` after {}", "{} 之后应为 `=`"),
    ("argument {} is given twice", "参数 {} 重复"),
    ("expected `}}` to close the shortcode", "短代码应以 `}}` 结束"),
    ("shortcode typed with full-width punctuation: `{}`", "短代码中用了全角标点：`{}`"),
    (
        "type brackets, quotes and commas half-width (English input): `{}`",
        "括号、引号和逗号请用半角（英文输入法）输入：`{}`",
    ),
    ("unknown shortcode {}", "未知的短代码 {}"),
    // Argument names that are also words of the catalogue stay as written.
    ("shortcodes: {}", "可用的短代码：{}"),
    ("`{}` has no argument {}", "`{}` 没有参数 {}"),
    ("`{}` takes: {}", "`{}` 可用的参数：{}"),
    ("`chart` needs `id`", "`chart` 需要 `id`"),
    ("e.g. {{ chart(id=\"output-growth\") }}", "例如 {{ chart(id=\"output-growth\") }}"),
    (
        "e.g. {{ metric(name=\"problems.close_rate\") }}",
        "例如 {{ metric(name=\"problems.close_rate\") }}",
    ),
    ("{} must be a quoted string, not {}", "{} 必须是带引号的字符串，不能是{}"),
    ("unknown status {}", "未知的状态 {}"),
    ("statuses: {}", "可用的状态：{}"),
    ("unknown chart {}", "未知的图表 {}"),
    ("charts: {}", "可用的图表：{}"),
    ("cannot draw the chart: {}", "无法绘制图表：{}"),
    // The moments (src/derive/moments/).
    (
        "`period=\"{}\"` is not a period of the data ({})",
        "`period=\"{}\"` 不是数据中的期间（{}）",
    ),
    ("`period=\"{}\"` is not a period of the data", "`period=\"{}\"` 不是数据中的期间"),
    (
        "the periods of output.yaml and tallies.yaml run from {} to {}; leave out `period` for the page's own moment",
        "output.yaml 和 tallies.yaml 的期间为 {} 至 {}；不写 `period` 即取本页的数据时点",
    ),
    ("the data has the period {} only", "数据中只有 {} 这一期"),
    (
        "the data has no period: leave out `period` for the page's own moment",
        "数据中没有期间：不写 `period` 即取本页的数据时点",
    ),
    ("no figures were derived for the moment {} ({})", "没有为数据时点 {}（{}）计算数字"),
    (
        "no project table was derived for the moment {} ({})",
        "没有为数据时点 {}（{}）生成项目表",
    ),
    (
        "write `projects(…)` in the text of a briefing or a page",
        "请把 `projects(…)` 写在简报或页面的正文中",
    ),
    (
        "the chart `{}` was not derived for this page's moment",
        "图表 `{}` 没有按本页的数据时点生成",
    ),
    ("`{}` was not derived for this page's moment", "`{}` 没有按本页的数据时点计算"),
    (
        "the units' scorecards were not derived for the moment {} ({})",
        "没有为数据时点 {}（{}）计算各单位的评分",
    ),
    (
        "`metric()` needs the page's moment (`as_of_date`), which this template is not given",
        "`metric()` 需要本页的数据时点（`as_of_date`），但此模板没有",
    ),
    // Markdown (src/render/markdown/**).
    ("raw HTML nests deeper than {} elements here", "内嵌 HTML 在此处的嵌套超过 {} 层"),
    (
        "close the elements you open (`<div>` … `</div>`), or write the text as Markdown",
        "请关闭打开的元素（`<div>` … `</div>`），或改用 Markdown 书写",
    ),
    (
        "`{}` is shown as text: it does not open or close bold text here",
        "`{}` 按原样显示：它在此处不能开始或结束粗体",
    ),
    (
        "put `{}` right against the words to make bold, or write `\\{}` to show the characters",
        "要加粗，请把 `{}` 紧贴文字；要显示这些符号本身，请写成 `\\{}`",
    ),
    ("raw HTML removed: {}", "已删除内嵌 HTML：{}"),
    (
        "raw HTML may not run scripts, handle events or load from other schemes; write the text as Markdown",
        "内嵌 HTML 不得运行脚本、处理事件或从其他协议加载内容；请改用 Markdown 书写",
    ),
    (
        "shortcode `{}` is not evaluated inside raw HTML and is shown as written",
        "短代码 `{}` 写在内嵌 HTML 中，不会计算，按原样显示",
    ),
    (
        "leave a blank line after the opening tag and before the closing one (`<div>`, a blank line, the text, a blank line, `</div>`): the text between is Markdown, and its shortcodes are evaluated",
        "在开始标签之后、结束标签之前各空一行（`<div>`、空行、正文、空行、`</div>`）：中间的正文按 Markdown 处理，其中的短代码会计算",
    ),
    ("`{}` must stand alone in its paragraph", "`{}` 必须单独成段"),
    (
        "put it on a line of its own, with a blank line before and after",
        "请把它单独写一行，前后各空一行",
    ),
    (
        "the id {} of this figure is already used on this page",
        "此图的 id {} 在本页已被使用",
    ),
    (
        "the theme's shortcode template must give each figure its own id (`chart.anchor`)",
        "主题的短代码模板必须给每张图各自的 id（`chart.anchor`）",
    ),
    (
        "heading attributes allow only `{#id .class}`; `{}` is shown as text",
        "标题属性只能写 `{#id .class}`；`{}` 按原样显示",
    ),
    (
        "write `## 标题 {#id}` for an anchor; other attributes are not allowed",
        "锚点请写成 `## 标题 {#id}`；不能写其他属性",
    ),
    ("the id {} is already used on this page", "id {} 在本页已被使用"),
    (
        "choose another `{#id}`: links to it would lead to the wrong place",
        "请另选一个 `{#id}`：否则指向它的链接会跳到错误的位置",
    ),
    (
        "link to `{}` removed: only http, https, mailto and tel links are allowed",
        "已删除指向 `{}` 的链接：只允许 http、https、mailto 和 tel 链接",
    ),
    (
        "image to `{}` removed: only http, https, mailto and tel links are allowed",
        "已删除来自 `{}` 的图片：只允许 http、https、mailto 和 tel 链接",
    ),
    (
        "link to a page of the site (`/projects/`) or to an http(s) address",
        "请链接到本站页面（如 `/projects/`）或 http(s) 网址",
    ),
    // Links between pages (src/render/links.rs).
    ("link `{}` leads outside the site", "链接 `{}` 指向站点以外"),
    (
        "site links start with `/`, e.g. `/projects/`",
        "站内链接以 `/` 开头，如 `/projects/`",
    ),
    (
        "link to `{}`, which is not a page of the site{}",
        "链接指向 `{}`，但本站没有这个页面{}",
    ),
    (
        "site pages are /briefings/<slug>/, /<page slug>/, /industries/<id>/, /projects/<id>/, /enterprises/<id>/, /units/<id>/, /problems/, /tags/<tag>/, /charts/<id>.svg",
        "本站页面的地址有：/briefings/<slug>/、/<page slug>/、/industries/<id>/、/projects/<id>/、/enterprises/<id>/、/units/<id>/、/problems/、/tags/<tag>/、/charts/<id>.svg",
    ),
    ("anchor {} does not exist on `{}`", "`{2}` 上没有锚点 {1}"),
    (
        "heading anchors are the heading text without punctuation, e.g. `#一总体情况`",
        "标题的锚点是去掉标点后的标题文字，如 `#一总体情况`",
    ),
    // The sitemap (src/render/mod.rs).
    (
        "sitemap.xml lists paths, not full addresses: `base_url` has no host",
        "sitemap.xml 中只有路径，没有完整网址：`base_url` 中没有主机名",
    ),
    (
        "search engines read only full addresses: set `base_url: https://host/path/` in site.yaml (or pass `--base-url`)",
        "搜索引擎只读取完整网址：请在 site.yaml 中设置 `base_url: https://host/path/`（或使用 `--base-url`）",
    ),
    // Templates (src/render/templates.rs).
    ("the theme has no interface texts for `{}`", "主题中没有 `{}` 的界面文字"),
    ("the theme `{}` has no template `{}`", "主题 `{}` 缺少模板 `{}`"),
    ("create `{}`", "请创建 `{}`"),
    ("no text {} in i18n/{}.yaml", "i18n/{2}.yaml 中没有文字 {1}"),
    ("extends `{}`, which does not exist", "所继承的模板 `{}` 不存在"),
    ("template `{}` not found", "找不到模板 `{}`"),
    ("template syntax error: {} (themes/{})", "模板语法错误：{}（themes/{}）"),
    ("template error: {} (themes/{})", "模板错误：{}（themes/{}）"),
    ("template syntax error: {}", "模板语法错误：{}"),
    ("template error: {}", "模板错误：{}"),
    (
        "rendering took longer than {} s; stopped at this step (a loop inside a loop, or over `range()`, can run for hours)",
        "渲染用时超过 {} 秒，已在此处停止（循环套循环或遍历 `range()` 可能运行数小时）",
    ),
    ("rendering stopped: another template ran out of time", "渲染已停止：另一个模板超时"),
    (
        "the template writes more than {} MB for one page",
        "模板为一个页面写出的内容超过 {} MB",
    ),
    // Tera's own messages, the common ones.
    ("Unexpected end of input", "模板意外结束（可能缺少结束标签）"),
    ("Unknown tag", "未知的标签"),
    ("Found {} but expected one of: {}", "出现了 {}，此处应为以下之一：{}"),
    (
        "Found {} but was expecting `elif`, `else` or `endif`.",
        "出现了 {}，此处应为 `elif`、`else` 或 `endif`。",
    ),
    ("Found {} but expected {}.", "出现了 {}，此处应为 {}。"),
    ("Variable {} is not defined.{}", "变量 {} 未定义。{}"),
    (" Available variables: {}", "可用的变量：{}"),
    ("Variable {} exists but its value is undefined", "变量 {} 存在，但没有值"),
    ("Field {} is not defined.{}", "字段 {} 未定义。{}"),
    (" Available fields: {}", "可用的字段：{}"),
    ("Field {} is not defined", "字段 {} 未定义"),
    ("Unknown filter {}", "未知的过滤器 {}"),
    ("Unknown function {}", "未知的函数 {}"),
    ("Unknown template {}", "未知的模板 {}"),
    ("Missing keyword argument {}", "缺少参数 {}"),
    ("Iteration not possible on type {}", "类型为 {} 的值不能用于循环"),
    (
        "block was named {} in the opening tag, found {} as name in the end tag",
        "开始标签中的块名是 {}，结束标签中却是 {}",
    ),
    ("Template already contains a block named {}", "模板中已有名为 {} 的块"),
    ("Template is already extending {}", "模板已经继承了 {}"),
    ("Block {} is not defined in any parent template", "上级模板中都没有块 {}"),
    ("Cannot compare {} with {}", "不能比较 {} 与 {}"),
    (
        "{} requires both operands to be numbers, found {} and {}",
        "{} 两边都必须是数字，实际为 {} 和 {}",
    ),
    (
        "Math operations can only be done on numbers, found {}",
        "只能对数字做运算，实际为 {}",
    ),
    (
        "String opened with `{}` is missing its closing `{}`",
        "以 `{}` 开始的字符串缺少结束的 `{}`",
    ),
    (
        "Invalid type for the value, expected `{}` but got `{}`",
        "值的类型不对：应为 `{}`，实际为 `{}`",
    ),
    (
        "Circular extend detected for template '{}'. Inheritance chain: `{}`",
        "模板 '{}' 的继承形成了循环。继承链：`{}`",
    ),
    // Checks across files (src/validate/mod.rs).
    (
        "tag {} differs from tag {} of {} only by case",
        "标签 {1} 与 {3} 中的标签 {2} 只有大小写不同",
    ),
    (
        "write it {}: on Windows and macOS both would be one folder",
        "请写成 {}：在 Windows 和 macOS 上两者会成为同一个文件夹",
    ),
    ("bulletin number {} is used twice", "简报期号 {} 重复使用"),
    ("`{}` already has `issue: {}`", "`{}` 已使用 `issue: {}`"),
    ("the URL `{}` is also produced by `{}`", "网址 `{1}` 与 `{2}` 的网址重复"),
    (
        "give one of them a different file name or `slug:`",
        "请给其中一个改用其他文件名或 `slug:`",
    ),
    (
        "the URL `{}` differs from `{}` of `{}` only by case",
        "网址 `{1}` 与 `{3}` 的网址 `{2}` 只有大小写不同",
    ),
    (
        "on Windows and macOS they would be one folder; give one of them a different file name or `slug:`",
        "在 Windows 和 macOS 上两者会成为同一个文件夹；请给其中一个改用其他文件名或 `slug:`",
    ),
    ("the slug {} is reserved for the site's own pages", "slug {} 已保留给本站自身的页面"),
    ("choose another file name or `slug:`", "请另选文件名或 `slug:`"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn content_messages_read_in_chinese() {
        for (english, chinese) in [
            ("missing front matter", "缺少前置元数据（front matter）"),
            ("a second YAML document starts here", "此处开始了第二个 YAML 文档"),
            ("the front matter is empty", "前置元数据（front matter）为空"),
            ("missing field `date`", "缺少字段 `date`"),
            (
                "unknown value `spech` in `kind` (did you mean `speech`?)",
                "`kind` 的值 `spech` 无法识别（是不是 `speech`？）",
            ),
            (
                "unknown field `unti` (did you mean `unit`?)",
                "未知的字段 `unti`（是不是 `unit`？）",
            ),
            (
                "unknown field `tto` in `distribution` (did you mean `to`?)",
                "`distribution` 中有未知的字段 `tto`（是不是 `to`？）",
            ),
            ("unknown field `foo`", "未知的字段 `foo`"),
            (
                "allowed: bulletin, speech, notice, circular, report",
                "可选的值：bulletin, speech, notice, circular, report",
            ),
            (
                "expected a whole number, zero or more, found text \"三\" (in `issue`)",
                "应为不小于 0 的整数，实际为文本 \"三\"（位于 `issue`）",
            ),
            (
                "expected true or false, found text \"maybe\" (in `draft`)",
                "应为布尔值（true 或 false），实际为文本 \"maybe\"（位于 `draft`）",
            ),
            (
                "expected text, found a mapping (in `summary`)",
                "应为文本，实际为映射（位于 `summary`）",
            ),
            ("expected struct BriefingFront, found a list", "应为“键: 值”形式的映射，实际为列表"),
            (
                "`2013-7-15` is not a valid date; write it as YYYY-MM-DD, e.g. 2013-07-20 (in `date`)",
                "`2013-7-15` 不是有效的日期；请按 YYYY-MM-DD 格式填写，如 2013-07-20（位于 `date`）",
            ),
            (
                "did not find expected ',' or ']' while parsing a flow sequence that starts here",
                "缺少预期的 `,` 或 `]`；方括号列表从此处开始",
            ),
            ("`title：` is typed with a full-width colon (：)", "`title：` 用了全角冒号（：）"),
            (
                "type an ASCII colon and a space: `title: 第四期简报`",
                "请用英文冒号加一个空格：`title: 第四期简报`",
            ),
            (
                "slug `../x` would leave its folder (no `/`, `\\`, `..` or leading `.`)",
                "slug `../x` 会超出所在的文件夹（不能含 `/`、`\\`、`..`，也不能以 `.` 开头）",
            ),
            ("a speech has no bulletin number", "讲话稿没有简报期号"),
            ("malformed shortcode: unterminated string", "短代码格式有误：字符串缺少结束引号"),
            (
                "malformed shortcode: expected `=` after `name`",
                "短代码格式有误：`name` 之后应为 `=`",
            ),
            (
                "write it as {{ metric(name=\"problems.close_rate\") }}",
                "应写成 {{ metric(name=\"problems.close_rate\") }}",
            ),
            (
                "shortcode typed with full-width punctuation: `{{ metric（name=“problems.close_rate”）}}`",
                "短代码中用了全角标点：`{{ metric（name=“problems.close_rate”）}}`",
            ),
            (
                "`industry` must be a quoted string, not a number",
                "`industry` 必须是带引号的字符串，不能是数字",
            ),
            ("`metric` has no argument `industry`", "`metric` 没有参数 `industry`"),
            ("did you mean `industry`?", "是不是 `industry`？"),
            ("unknown chart `nope`", "未知的图表 `nope`"),
            ("`projects` must stand alone in its paragraph", "`projects` 必须单独成段"),
            (
                "shortcode `metric` is not evaluated inside raw HTML and is shown as written",
                "短代码 `metric` 写在内嵌 HTML 中，不会计算，按原样显示",
            ),
            (
                "heading attributes allow only `{#id .class}`; `{x}` is shown as text",
                "标题属性只能写 `{#id .class}`；`{x}` 按原样显示",
            ),
            (
                "heading attributes allow only `{#id .class}`; `{data-x=1}` is shown as text",
                "标题属性只能写 `{#id .class}`；`{data-x=1}` 按原样显示",
            ),
            (
                "put `**` right against the words to make bold, or write `\\*` to show the characters",
                "要加粗，请把 `**` 紧贴文字；要显示这些符号本身，请写成 `\\*`",
            ),
            (
                "link to `/nope/`, which is not a page of the site (did you mean `/about/`?)",
                "链接指向 `/nope/`，但本站没有这个页面（是不是 `/about/`？）",
            ),
            (
                "anchor `#unit` does not exist on `/briefings/2013-07-15-no3/`",
                "`/briefings/2013-07-15-no3/` 上没有锚点 `#unit`",
            ),
            ("template error: Unknown filter `nofilter`", "模板错误：未知的过滤器 `nofilter`"),
            (
                "template error: `period=\"2013-03\"` is not a period of the data (the periods of output.yaml and tallies.yaml run from 2012-05 to 2013-06; leave out `period` for the page's own moment)",
                "模板错误：`period=\"2013-03\"` 不是数据中的期间（output.yaml 和 tallies.yaml 的期间为 2012-05 至 2013-06；不写 `period` 即取本页的数据时点）",
            ),
            (
                "template error: rendering took longer than 30 s; stopped at this step (a loop inside a loop, or over `range()`, can run for hours)",
                "模板错误：渲染用时超过 30 秒，已在此处停止（循环套循环或遍历 `range()` 可能运行数小时）",
            ),
            (
                "template error: the template writes more than 256 MB for one page",
                "模板错误：模板为一个页面写出的内容超过 256 MB",
            ),
            (
                "template error: Variable `project` is not defined. Available variables: site, units",
                "模板错误：变量 `project` 未定义。可用的变量：site, units",
            ),
            (
                "template syntax error: Unexpected end of input",
                "模板语法错误：模板意外结束（可能缺少结束标签）",
            ),
            (
                "tag `project` differs from tag `Project` of `content/briefings/b33.md` only by case",
                "标签 `project` 与 `content/briefings/b33.md` 中的标签 `Project` 只有大小写不同",
            ),
            ("bulletin number 3 is used twice", "简报期号 3 重复使用"),
            ("unknown theme `nosuch`", "未知的主题 `nosuch`"),
            ("themes available: default (built in), mine", "可用的主题：default（内置）, mine"),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
