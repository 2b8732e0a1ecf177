//! The catalogue: messages about data files (YAML, workbooks, CSV) and
//! their figures.

pub(super) const ENTRIES: &[super::Entry] = &[
    // The data folder and its files (load/data).
    ("the data file is empty", "数据文件为空"),
    ("add records, or delete the file", "请添加记录，或删除该文件"),
    ("this line is outside every record of the list", "这一行不属于列表中的任何一条记录"),
    (
        "indent it under the record above (as far as that record's other fields), start a new record with `- `, or make it a comment with `#`",
        "请把它缩进到上一条记录之下（与该记录的其他字段对齐），或用 `- ` 开始一条新记录，或在行首加 `#` 改为注释",
    ),
    (
        "save it from Excel or WPS as CSV (UTF-8), or keep it as .xlsx",
        "请用 Excel 或 WPS 另存为 CSV（UTF-8），或保留为 .xlsx",
    ),
    (
        "open it in Excel or WPS and save it again as .xlsx",
        "请用 Excel 或 WPS 打开，重新保存为 .xlsx",
    ),
    ("`{}` cannot be kept as a sheet", "`{}` 不能用表格保存"),
    ("keep it as `{}.yaml`", "请保存为 `{}.yaml`"),
    ("`{}` is kept twice: {} and {}", "`{}` 重复存放：{} 和 {}"),
    ("`{}` is kept twice: {} and {} and {}", "`{}` 重复存放：{}、{} 和 {}"),
    ("`{}` is kept twice: {} and {} and {} and {}", "`{}` 重复存放：{}、{}、{} 和 {}"),
    (
        "keep one form of each data file: delete or rename the other",
        "每个数据文件只保留一种格式：请删除或重命名另一个",
    ),
    // Office files briefing does not read (load/data/files.rs).
    ("a workbook in the `.{}` format cannot be read", "无法读取 `.{}` 格式的工作簿"),
    (
        "a Word or WPS document (`.{}`) cannot be read as data",
        "Word 或 WPS 文档（`.{}`）不能作为数据读取",
    ),
    (
        "open it in Excel or WPS and save it as `{}`: 文件 → 另存为 → Excel 工作簿(*.xlsx)",
        "请用 Excel 或 WPS 打开，另存为 `{}`：文件 → 另存为 → Excel 工作簿(*.xlsx)",
    ),
    (
        "copy its table into Excel or WPS 表格 and save it as `{}` (文件 → 另存为 → Excel 工作簿(*.xlsx)); other documents belong outside content/data/",
        "请把其中的表格复制到 Excel 或 WPS 表格，另存为 `{}`（文件 → 另存为 → Excel 工作簿(*.xlsx)）；其他文档请放在 content/data/ 以外",
    ),
    (
        "open it in Excel or WPS and save it as .xlsx named after its data file (文件 → 另存为 → Excel 工作簿(*.xlsx)); the data files are: {}",
        "请用 Excel 或 WPS 打开，按所属数据文件命名另存为 .xlsx（文件 → 另存为 → Excel 工作簿(*.xlsx)）；数据文件有：{}",
    ),
    (
        "keep documents outside content/data/; a register kept as a Word table is copied into Excel or WPS 表格 and saved as .xlsx named after its data file (文件 → 另存为 → Excel 工作簿(*.xlsx)); the data files are: {}",
        "文档请放在 content/data/ 以外；用 Word 表格登记的台账，请复制到 Excel 或 WPS 表格，按所属数据文件命名另存为 .xlsx（文件 → 另存为 → Excel 工作簿(*.xlsx)）；数据文件有：{}",
    ),
    (
        "only data files are read here; keep documents elsewhere (briefings go in content/briefings/)",
        "此处只读取数据文件，文档请另行存放（简报放在 content/briefings/）",
    ),
    ("the data files are: {}", "数据文件有：{}"),
    ("not a data file: it is not read", "不是数据文件，不予读取"),
    // Sheets: the header row and the rows (load/data/sheet).
    (
        "no header row: none of the first rows names the columns",
        "找不到表头行：前几行都没有列名",
    ),
    ("put the column names in the first row: {}", "请在第一行填写列名：{}"),
    (
        "column `{}` is not a field of {}; it is not read",
        "列 `{}` 不是 {} 的字段，不予读取",
    ),
    ("the columns are: {}", "可用的列：{}"),
    ("a second column for `{}`", "`{}` 列重复"),
    (
        "keep one column per field (only lists, such as 帮扶单位, may span several)",
        "每个字段只保留一列（只有列表类字段，如帮扶单位，可以占多列）",
    ),
    ("no column for `{}`", "缺少 `{}` 列"),
    ("add a column headed `{}` (or `{}`)", "请添加表头为 `{}`（或 `{}`）的列"),
    ("`{}` is empty", "`{}` 为空"),
    (
        "every record needs it; fill the cell or delete the row",
        "每条记录都必须填写：请填写该单元格，或删除该行",
    ),
    ("the workbook has no sheet", "工作簿中没有工作表"),
    ("the row cannot be read: {}", "该行无法读取：{}"),
    ("no project `{}`", "没有项目 `{}`"),
    (
        "an update belongs to a project of the projects sheet, by its id",
        "每条进展须按编号对应项目表中的一个项目",
    ),
    // Cells (load/data/sheet/cells.rs), alone and after their column's label.
    ("the cell holds an error (`{}`)", "单元格中是错误值（`{}`）"),
    ("{}: the cell holds an error (`{}`)", "{}：单元格中是错误值（`{}`）"),
    ("fix the formula or type the value", "请修改公式，或直接填写数值"),
    ("`{}` is not a number", "`{}` 不是数字"),
    ("{}: `{}` is not a number", "{}：`{}` 不是数字"),
    (
        "type the number alone, e.g. 3500: the unit is the column's (in its header)",
        "只填数字，如 3500；单位以表头为准",
    ),
    ("`{}` is not yes or no", "`{}` 不是“是”或“否”"),
    ("{}: `{}` is not yes or no", "{}：`{}` 不是“是”或“否”"),
    ("write 是 or 否 (or leave the cell empty for 否)", "请填写 是 或 否（留空即为 否）"),
    ("`{}` is not a date", "`{}` 不是日期"),
    ("{}: `{}` is not a date", "{}：`{}` 不是日期"),
    (
        "type a date such as 2013-07-20 (or let Excel format the cell as a date)",
        "请填写日期，如 2013-07-20（或在 Excel 中将单元格设为日期格式）",
    ),
    ("`{}` is not a period", "`{}` 不是数据期"),
    ("{}: `{}` is not a period", "{}：`{}` 不是数据期"),
    ("`{}` is a number, not a period", "`{}` 是数字，不是数据期"),
    ("{}: `{}` is a number, not a period", "{}：`{}` 是数字，不是数据期"),
    (
        "type the period as text, e.g. 2013-10 (as a number, 2013.10 is 2013.1)",
        "请以文本格式填写数据期，如 2013-10（按数字填写时，2013.10 会变成 2013.1）",
    ),
    ("`{}` is not a data period", "`{}` 不是数据期"),
    ("{}: `{}` is not a data period", "{}：`{}` 不是数据期"),
    (
        "type the year and month, e.g. 2013-06 or 2013年6月",
        "请填写年月，如 2013-06 或 2013年6月",
    ),
    ("`{}` is not a project status", "`{}` 不是项目状态"),
    ("{}: `{}` is not a project status", "{}：`{}` 不是项目状态"),
    (
        "write 前期, 在建, 建成 or 投产 (planned, started, built, producing)",
        "请填写前期、在建、建成或投产（planned、started、built、producing）",
    ),
    ("`{}` is not a problem status", "`{}` 不是问题状态"),
    ("{}: `{}` is not a problem status", "{}：`{}` 不是问题状态"),
    (
        "write 在办, 已销号 or 延期 (open, closed, extended)",
        "请填写在办、已销号或延期（open、closed、extended）",
    ),
    // Output figures kept as a sheet (load/data/sheet/output.rs).
    ("no header row with a 期间 (period) column", "找不到含“期间”列的表头行"),
    (
        "head the first column 期间 and the others 合计 and the industries (by name or id)",
        "第一列表头写“期间”，其余各列写“合计”和各产业（名称或编号）",
    ),
    ("sheet `{}` names no measure; it is not read", "工作表 `{}` 未注明指标，不予读取"),
    (
        "name the sheet 规模工业总产值 or 工业增加值, or add a 指标 column",
        "请将工作表命名为“规模工业总产值”或“工业增加值”，或添加“指标”列",
    ),
    ("期间: {}", "期间：{}"),
    ("`{}` is not a measure", "`{}` 不是指标"),
    ("write 规模工业总产值 or 工业增加值", "请填写“规模工业总产值”或“工业增加值”"),
    ("no sheet of output figures", "没有产值数据工作表"),
    (
        "name the sheets 规模工业总产值 and 工业增加值, each with 期间, 合计 and the industries as columns",
        "请将工作表命名为“规模工业总产值”和“工业增加值”，每张表以“期间”“合计”和各产业为列",
    ),
    // `briefing data export` (export.rs).
    ("already holds {}", "文件夹中已有 {}"),
    (
        "export into an empty folder: nothing is overwritten",
        "请导出到空文件夹：不会覆盖任何文件",
    ),
    (
        "export into a new or empty folder: nothing is overwritten",
        "请导出到新的或空的文件夹：不会覆盖任何文件",
    ),
    ("the export path exists and is not a folder", "导出路径已存在，但不是文件夹"),
    ("cannot read the folder: {}", "无法读取文件夹：{}"),
    // Ids and references (validate/data.rs).
    ("the id is empty", "编号为空"),
    (
        "id `{}` contains `{}`; use lowercase letters a-z, digits and `-`",
        "编号 `{}` 含有 `{}`；只能使用小写字母 a-z、数字和 `-`",
    ),
    (
        "the id is the URL slug, e.g. `tiande-vehicle`",
        "编号用作网址路径，如 `tiande-vehicle`",
    ),
    ("duplicate id `{}`", "编号 `{}` 重复"),
    ("ids must be unique in their file", "同一文件中的编号不能重复"),
    ("`{}` cannot be an industry id", "`{}` 不能用作产业编号"),
    (
        "`total` is the county's figure and `industries` the sum of the industries; choose another id",
        "`total` 表示全县数据，`industries` 表示各产业之和；请另选编号",
    ),
    ("`{}` defines none", "`{}` 中未定义任何编号"),
    ("it must be an id of `{}`", "必须是 `{}` 中的编号"),
    // Records (validate/data.rs).
    ("`{}` is not a colour", "`{}` 不是颜色值"),
    (
        "write it as \"#2b6cb0\" (quoted, since # starts a comment)",
        "请写成 \"#2b6cb0\"（须加引号，因为 # 表示注释）",
    ),
    ("list the helping units, lead unit included", "请列出帮扶单位，包括牵头单位"),
    (
        "lead unit `{}` is not among the helping `units`",
        "牵头单位 `{}` 不在帮扶单位 `units` 中",
    ),
    ("add `{}` to `units`", "请将 `{}` 加入 `units`"),
    (
        "`investment` must be a number of 万元, zero or more",
        "`investment` 必须是以万元计的数字，且不小于零",
    ),
    ("a project needs at least one update", "项目至少需要一条进展"),
    (
        "add `- {date: 2013-03-01, status: planned}` under `updates:`",
        "请在 `updates:` 下添加 `- {date: 2013-03-01, status: planned}`",
    ),
    ("update of {} comes after one of {}", "{} 的进展排在 {} 的进展之后"),
    ("list the updates in date order, oldest first", "请按日期先后排列进展，最早的在前"),
    ("a closed problem needs its `closed` date", "已销号的问题须填写销号日期 `closed`"),
    (
        "add `closed: YYYY-MM-DD`, the day it was closed (销号)",
        "请添加 `closed: YYYY-MM-DD`，即销号日期",
    ),
    (
        "`closed` is set but the status is not `closed`",
        "已填写 `closed`，但状态不是 `closed`",
    ),
    (
        "set `status: closed`, or remove `closed`",
        "请设置 `status: closed`，或删除 `closed`",
    ),
    ("closed on {}, before it was raised on {}", "销号日期 {} 早于登记日期 {}"),
    // The extension of a problem (validate/problem_dates.rs).
    (
        "the extension has no date: the problem counts as extended from the day it was raised, {}",
        "延期没有填写日期：该问题从登记之日（{}）起按延期计",
    ),
    (
        "add `extended: YYYY-MM-DD`, the day the extension was granted (延期日期), so that a bulletin of an earlier date keeps its figures",
        "请填写 `extended: YYYY-MM-DD`，即批准延期的日期（延期日期），以免此前各期简报的数字随之改变",
    ),
    (
        "`extended` is set but the status is `open`",
        "已填写延期日期 `extended`，但状态是 `open`（在办）",
    ),
    (
        "a problem granted an extension is `extended` until it is closed: set `status: extended`, or remove `extended`",
        "批准延期的问题在销号前状态为 `extended`（延期）：请设置 `status: extended`，或删除 `extended`",
    ),
    ("extended on {}, before it was raised on {}", "延期日期 {} 早于登记日期 {}"),
    ("extended on {}, after it was closed on {}", "延期日期 {} 晚于销号日期 {}"),
    (
        "an extension is granted while the problem is still being handled: check both dates",
        "延期是在问题办理期间批准的：请核对这两个日期",
    ),
    // Output figures (validate/data.rs).
    ("period {} appears twice", "数据期 {} 重复出现"),
    ("`{}` must be a number, zero or more", "`{}` 必须是数字，且不小于零"),
    ("`{}` must be a number", "`{}` 必须是数字"),
    (
        "stated growth {}% of `{}` differs from the computed {}%",
        "`{2}` 的填报增速 {1}% 与计算值 {3}% 不符",
    ),
    (
        "the stated value is shown; check {} and the same period a year earlier",
        "页面显示填报值；请核对 {} 及上年同期的数据",
    ),
    // Briefings against the data (validate/data.rs).
    ("`as_of` {} is after the briefing's date {}", "`as_of` {} 晚于简报日期 {}"),
    (
        "a briefing reports on a period that has begun by its date; check both",
        "简报所报告的数据期应在简报日期之前已经开始：请核对两者",
    ),
    ("`output.yaml` has no period {}", "`output.yaml` 中没有数据期 {}"),
    ("output figures of this page will be unavailable", "本页的产值数据将无法显示"),
    // Implausible figures (validate/figures.rs).
    (
        "`{}` of {} is {}亿元, more than any county's output",
        "{2} 的 `{1}` 为 {3}亿元，超出任何县的产值",
    ),
    (
        "output.yaml is in 亿元: a figure in 万元 is divided by 10000 (750000万元 is 75亿元)",
        "output.yaml 以亿元为单位：万元数须除以 10000（750000万元即 75亿元）",
    ),
    (
        "the industries of `{}` in {} add up to {}, more than the total {}",
        "{2} `{1}` 的各产业合计 {3}，超过总计 {4}",
    ),
    (
        "the total is the whole county, so it is at least the sum of its industries: check the figures and their unit",
        "总计为全县数据，不应小于各产业之和：请核对数据及其单位",
    ),
    ("`{}` falls from {} in {} to {} in {}", "`{1}` 从 {3} 的 {2} 降至 {5} 的 {4}"),
    (
        "a year-to-date figure adds up from January and cannot fall within a year: check the figure and the period",
        "累计数从 1 月起逐月累加，年内不会下降：请核对数据和数据期",
    ),
    (
        "`{}` jumps from {} in {} to {} in {}, more than tenfold",
        "`{1}` 从 {3} 的 {2} 增至 {5} 的 {4}，增长超过十倍",
    ),
    (
        "all figures are in {}: was one typed in another unit (万元 for 亿元)?",
        "所有数据均以{}为单位：是否有数据按其他单位填写（如把亿元填成万元）？",
    ),
    (
        "growth `{}` of {} is {}: a fraction, where {} (percent) was meant?",
        "{2} 的增速 `{1}` 为 {3}，是小数；是否应为 {4}（百分数）？",
    ),
    ("growth is written in percent: type {} for {}%", "增速按百分数填写：{2}% 请填 {1}"),
    // Tallies (validate/figures.rs).
    ("no counts for {}", "{} 没有填写数量"),
    (
        "give `problems: {raised, closed}` (and `key_problems`), or delete the entry",
        "请填写 `problems: {raised, closed}`（及 `key_problems`），或删除该条目",
    ),
    (
        "{} of {}: {} closed and {} extended, but only {} raised",
        "{2} 的 {1}：已销号 {3} 个、延期 {4} 个，但仅登记 {5} 个",
    ),
    (
        "closed and extended problems are among those raised",
        "已销号和延期的问题都应包含在已登记的问题中",
    ),
    (
        "{} of {}: {} closed, but only {} raised",
        "{2} 的 {1}：已销号 {3} 个，但仅登记 {4} 个",
    ),
    (
        "the close rate of {} of {} is {}%, not from 0 to 100",
        "{2} 的 {1} 销号率为 {3}%，不在 0 到 100 之间",
    ),
    (
        "a close rate is closed ÷ raised in percent: type 74 for 74%",
        "销号率为已销号数 ÷ 登记数，按百分数填写：74% 请填 74",
    ),
    (
        "the close rate of {} of {} is {}: a fraction, where {} (percent) was meant?",
        "{2} 的 {1} 销号率为 {3}，是小数；是否应为 {4}（百分数）？",
    ),
    (
        "a close rate is written in percent: type {} for {}%",
        "销号率按百分数填写：{2}% 请填 {1}",
    ),
    (
        "stated close rate {}% of {} of {} differs from the computed {}% ({} closed of {} raised)",
        "{3} 的 {2} 填报销号率 {1}% 与计算值 {4}% 不符（登记 {6} 个，已销号 {5} 个）",
    ),
    (
        "the stated rate is shown; check it against the counts stated beside it",
        "页面显示填报的销号率；请与同一条目填报的数量核对",
    ),
    (
        "`{}` is not a rate: type it in percent, e.g. 74 or 74%",
        "`{}` 不是比率：请按百分数填写，如 74 或 74%",
    ),
    ("more key problems than problems in {}", "{} 的重点问题多于全部问题"),
    ("key problems are counted among all problems", "重点问题应计入全部问题"),
    (
        "{} states {} problems raised by {}, but {} has {}",
        "{1} 填报截至 {3} 已登记问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "{} states {} problems closed by {}, but {} has {}",
        "{1} 填报截至 {3} 已销号问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "{} states {} problems extended by {}, but {} has {}",
        "{1} 填报截至 {3} 延期问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "{} states {} key_problems raised by {}, but {} has {}",
        "{1} 填报截至 {3} 已登记重点问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "{} states {} key_problems closed by {}, but {} has {}",
        "{1} 填报截至 {3} 已销号重点问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "{} states {} key_problems extended by {}, but {} has {}",
        "{1} 填报截至 {3} 延期重点问题 {2} 个，但 {4} 中为 {5} 个",
    ),
    (
        "the stated count is shown; add the missing records to the register, or correct the count",
        "页面显示填报数；请在台账中补录缺少的记录，或更正填报数",
    ),
    // Charts (validate/charts.rs).
    ("`{}` is a built-in chart", "`{}` 是内置图表"),
    ("choose another id", "请另选编号"),
    ("measures: {}", "可用指标：{}"),
    ("unknown measure `{}`", "未知的指标 `{}`"),
    ("series: {}", "可用系列：{}"),
    ("unknown series `{}`", "未知的系列 `{}`"),
    (
        "a `projects` chart is `bar` or `stacked`",
        "`projects` 图表只能是 `bar` 或 `stacked`",
    ),
    ("`show: growth` needs an output measure", "`show: growth` 只适用于产值指标"),
    ("`from` and `to` apply to output measures only", "`from` 和 `to` 只适用于产值指标"),
    (
        "`statuses` apply to `measure: projects` only",
        "`statuses` 只适用于 `measure: projects`",
    ),
    (
        "a `bar+line` chart shows one series (bars) and its growth (line)",
        "`bar+line` 图表只显示一个系列（柱）及其增速（线）",
    ),
    ("`from` {} is after `to` {}", "`from` {} 晚于 `to` {}"),
    // Figures of briefings (derive/figures.rs, derive/briefings.rs).
    ("`digits` must be a whole number from 0 to 4", "`digits` 必须是 0 到 4 的整数"),
    (
        "e.g. {{ metric(name=\"output.gross_output.total\", digits=0) }}",
        "例如 {{ metric(name=\"output.gross_output.total\", digits=0) }}",
    ),
    ("unknown metric `{}`{}", "未知的数据项 `{}`{}"),
    ("unknown metric `{}`", "未知的数据项 `{}`"),
    (
        "`{}` needs output data, but `output.yaml` has no period on or before {}",
        "`{}` 需要产值数据，但 `output.yaml` 中没有 {} 或更早的数据期",
    ),
    ("`{}` has no value for {}: {}", "`{}` 在 {} 没有数值：{}"),
    (
        "`{}` is not known for {}: tallies.yaml states the counts of {} without `extended`",
        "`{1}` 在 {2} 无从得知：tallies.yaml 填报了 {3} 的数量，但没有填写 `extended`（延期数）",
    ),
    (
        "`{}` is not known for {}: tallies.yaml states the counts of {} but not of {}, so the count since 1 January cannot be told from them (add the counts of {}, or use the count to date)",
        "`{1}` 在 {2} 无从得知：tallies.yaml 填报了 {3} 的数量，但没有 {4} 的，无法据此算出 1 月 1 日以来的数量（请补填 {5} 的数量，或改用累计数）",
    ),
    (
        "`{}` is not known for {}: tallies.yaml states fewer problems for {} than for {}",
        "`{1}` 在 {2} 无从得知：tallies.yaml 填报的 {3} 问题数少于 {4}",
    ),
    (
        "`{}` counts the bulletins by their numbers, but no bulletin has an `issue:` number",
        "`{}` 按期数统计简报，但没有一期简报填写了 `issue:`（期数）",
    ),
    // A figure, chart or table whose data file is absent (derive/needs.rs).
    (
        "`{}` needs {}, but there is no content/data/{}.yaml (nor {}.xlsx or {}.csv)",
        "`{1}` 需要{2}，但 content/data/ 中没有 {3}.yaml（也没有 {4}.xlsx 或 {5}.csv）",
    ),
    ("the output figures", "产值数据"),
    ("the project list", "项目清单"),
    ("the problem register", "问题台账"),
    ("the visit log", "入企帮扶记录"),
    ("the plans filed", "帮扶方案登记"),
    ("the enterprise list", "企业名单"),
    (
        "the period or the figure is not in output.yaml",
        "output.yaml 中没有该数据期或该项数据",
    ),
    // Whole: a part that starts with `{}` would match the message around it.
    (
        "`{}` has no value for {}: {} is not in output.yaml and no growth is stated",
        "`{}` 在 {} 没有数值：output.yaml 中没有 {} 的数据，也没有填报增速",
    ),
    ("growth of this or the previous period is unknown", "本期或上期的增速未知"),
    ("`metric` needs `name`", "`metric` 需要 `name`"),
    (
        "only `metric` may stand in `{}`, not `{}`",
        "`{}` 中只能使用 `metric`，不能使用 `{}`",
    ),
    ("put charts and tables in the text of the briefing", "图表和表格请放在简报正文中"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn data_messages_read_in_chinese() {
        for (english, chinese) in [
            ("编号: `Tiande` is not a number", "编号：`Tiande` 不是数字"),
            ("this line is outside every record of the list", "这一行不属于列表中的任何一条记录"),
            ("登记日期: `明天` is not a date", "登记日期：`明天` 不是日期"),
            ("期间: `2013.1` is a number, not a period", "期间：`2013.1` 是数字，不是数据期"),
            ("状态: `完工了` is not a project status", "状态：`完工了` 不是项目状态"),
            ("重点: the cell holds an error (`#DIV/0!`)", "重点：单元格中是错误值（`#DIV/0!`）"),
            ("`3500万元` is not a number", "`3500万元` 不是数字"),
            (
                "type the number alone, e.g. 3500: the unit is the column's (in its header)",
                "只填数字，如 3500；单位以表头为准",
            ),
            (
                "`problems` is kept twice: problems.xlsx and problems.yaml",
                "`problems` 重复存放：problems.xlsx 和 problems.yaml",
            ),
            (
                "`units` is kept twice: units.csv and units.xlsx and units.yaml",
                "`units` 重复存放：units.csv、units.xlsx 和 units.yaml",
            ),
            (
                "column `备用` is not a field of problems; it is not read",
                "列 `备用` 不是 problems 的字段，不予读取",
            ),
            ("`问题` is empty", "`问题` 为空"),
            ("no column for `编号`", "缺少 `编号` 列"),
            ("add a column headed `编号` (or `id`)", "请添加表头为 `编号`（或 `id`）的列"),
            (
                "unknown industry `fod` (did you mean `food`?)",
                "未知的产业 `fod`（是不是 `food`？）",
            ),
            ("it must be an id of `industries.yaml`", "必须是 `industries.yaml` 中的编号"),
            (
                "id `Tiande` contains `T`; use lowercase letters a-z, digits and `-`",
                "编号 `Tiande` 含有 `T`；只能使用小写字母 a-z、数字和 `-`",
            ),
            (
                "update of 2012-05-01 comes after one of 2013-02-01",
                "2012-05-01 的进展排在 2013-02-01 的进展之后",
            ),
            (
                "closed on 2013-02-01, before it was raised on 2013-03-01",
                "销号日期 2013-02-01 早于登记日期 2013-03-01",
            ),
            (
                "extended on 2013-08-01, after it was closed on 2013-07-30",
                "延期日期 2013-08-01 晚于销号日期 2013-07-30",
            ),
            (
                "the extension has no date: the problem counts as extended from the day it was raised, 2013-03-20",
                "延期没有填写日期：该问题从登记之日（2013-03-20）起按延期计",
            ),
            (
                "`gross_output.total` falls from 52 in 2013-05 to 50 in 2013-06",
                "`gross_output.total` 从 2013-05 的 52 降至 2013-06 的 50",
            ),
            (
                "stated growth 21.5% of `gross_output.total` differs from the computed 20.0%",
                "`gross_output.total` 的填报增速 21.5% 与计算值 20.0% 不符",
            ),
            (
                "growth `gross_output_yoy.total` of 2013-06 is 0.2: a fraction, where 20 (percent) was meant?",
                "2013-06 的增速 `gross_output_yoy.total` 为 0.2，是小数；是否应为 20（百分数）？",
            ),
            ("growth is written in percent: type 20 for 20%", "增速按百分数填写：20% 请填 20"),
            (
                "problems of 2013-06: 30 closed and 5 extended, but only 20 raised",
                "2013-06 的 problems：已销号 30 个、延期 5 个，但仅登记 20 个",
            ),
            (
                "content/data/tallies.yaml states 475 key_problems closed by 2013-06, but content/data/problems.yaml has 470",
                "content/data/tallies.yaml 填报截至 2013-06 已销号重点问题 475 个，但 content/data/problems.yaml 中为 470 个",
            ),
            ("unknown series `fod`", "未知的系列 `fod`"),
            (
                "unknown metric `output.gross_output.totl` (did you mean `output.gross_output.total`?)",
                "未知的数据项 `output.gross_output.totl`（是不是 `output.gross_output.total`？）",
            ),
            (
                "`output.gross_output.total.yoy` has no value for 2013-06: 2012-06 is not in output.yaml and no growth is stated",
                "`output.gross_output.total.yoy` 在 2013-06 没有数值：output.yaml 中没有 2012-06 的数据，也没有填报增速",
            ),
            (
                "only `metric` may stand in `title`, not `chart`",
                "`title` 中只能使用 `metric`，不能使用 `chart`",
            ),
            (
                "e.g. {{ metric(name=\"output.gross_output.total\", digits=0) }}",
                "例如 {{ metric(name=\"output.gross_output.total\", digits=0) }}",
            ),
            (
                "add `- {date: 2013-03-01, status: planned}` under `updates:`",
                "请在 `updates:` 下添加 `- {date: 2013-03-01, status: planned}`",
            ),
            ("did you mean `problems.xlsx`?", "是不是 `problems.xlsx`？"),
            (
                "stated close rate 74.0% of key_problems of 2013-06 differs from the computed 75.0% (42 closed of 56 raised)",
                "2013-06 的 key_problems 填报销号率 74.0% 与计算值 75.0% 不符（登记 56 个，已销号 42 个）",
            ),
            (
                "the close rate of key_problems of 2013-06 is 0.74: a fraction, where 74 (percent) was meant?",
                "2013-06 的 key_problems 销号率为 0.74，是小数；是否应为 74（百分数）？",
            ),
            (
                "a close rate is written in percent: type 74 for 74%",
                "销号率按百分数填写：74% 请填 74",
            ),
            (
                "`problems.extended` is not known for 2013-06: tallies.yaml states the counts of 2013-06 without `extended`",
                "`problems.extended` 在 2013-06 无从得知：tallies.yaml 填报了 2013-06 的数量，但没有填写 `extended`（延期数）",
            ),
            (
                "`briefings.bulletins` counts the bulletins by their numbers, but no bulletin has an `issue:` number",
                "`briefings.bulletins` 按期数统计简报，但没有一期简报填写了 `issue:`（期数）",
            ),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
