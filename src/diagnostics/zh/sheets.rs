//! The catalogue: messages about registers kept as workbooks and CSV
//! files — reading them within the limits (sheets/), their quotes, cells
//! that cannot be read, columns that look like a mark of confidentiality,
//! projects kept one row per update — and texts too long for a workbook
//! cell (load/data/long_text.rs).

pub(super) const ENTRIES: &[super::Entry] = &[
    // Reading workbooks and CSV files (sheets).
    ("not a readable .xlsx workbook: {}", "不是可读取的 .xlsx 工作簿：{}"),
    ("it has no {}", "缺少 {}"),
    ("the XML of {} ends too early", "{} 的 XML 提前结束"),
    ("the file is not valid {} text", "文件不是有效的 {} 文本"),
    ("the file is neither UTF-8 nor GBK text", "文件既不是 UTF-8 文本，也不是 GBK 文本"),
    ("the file is not text", "文件不是文本文件"),
    ("not a readable CSV file: {}", "不是可读取的 CSV 文件：{}"),
    ("cannot write the workbook: {}", "无法写入工作簿：{}"),
    (
        "cell {} of sheet `{}` would hold {} characters, more than the {} a cell holds",
        "工作表 `{2}` 的单元格 {1} 将有 {3} 个字符，超过单元格最多 {4} 个字符的限制",
    ),
    (
        "the workbook is protected by a password, or is an old .xls file",
        "工作簿设有密码保护，或是旧版 .xls 文件",
    ),
    (
        "open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿) and save it as .xlsx",
        "请用 Excel 或 WPS 打开，取消密码（文件 → 信息 → 保护工作簿）后另存为 .xlsx",
    ),
    (
        "the workbook was not written by Excel or WPS; open it in one of them and save it again",
        "该工作簿不是由 Excel 或 WPS 保存的；请用其中之一打开后重新保存",
    ),
    // The limits (sheets/limits.rs).
    ("the workbook holds more than {} MB of XML (in {})", "工作簿的 XML 超过 {} MB（{}）"),
    (
        "a data workbook holds at most {} MB of XML uncompressed (about 100,000 rows of 20 columns); split it",
        "数据工作簿解压后的 XML 不能超过 {} MB（约 100,000 行 × 20 列）；请拆分",
    ),
    ("a text or tag of more than {} MB (in {})", "有超过 {} MB 的文本或标记（{}）"),
    ("more than {} shared strings", "共享字符串超过 {} 个"),
    ("more than {} rows", "超过 {} 行"),
    ("a data sheet holds at most {} rows; split the file", "数据表最多 {} 行；请拆分文件"),
    ("more than {} columns", "超过 {} 列"),
    (
        "a data sheet holds at most {} columns; delete those that are not needed",
        "数据表最多 {} 列；请删除不需要的列",
    ),
    ("more than {} cells", "超过 {} 个单元格"),
    (
        "a data file holds at most {} cells (rows × columns); split it",
        "数据文件最多 {} 个单元格（行数 × 列数）；请拆分",
    ),
    (
        "a value in column {}, past the {} columns (A to {}) a data sheet may have",
        "{} 列有数据，超出数据表最多 {} 列（A 至 {}）的范围",
    ),
    (
        "a value in row {}, past the {} rows a data sheet may have",
        "第 {} 行有数据，超出数据表最多 {} 行的范围",
    ),
    (
        "merged region {} ends in column {}, past the {} columns (A to {}) a data sheet may have",
        "合并区域 {} 延伸到 {} 列，超出数据表最多 {} 列（A 至 {}）的范围",
    ),
    (
        "merged region {} ends in row {}, past the {} rows a data sheet may have",
        "合并区域 {} 延伸到第 {} 行，超出数据表最多 {} 行的范围",
    ),
    (
        "a data sheet holds at most {} rows and {} columns; delete what lies beyond them, or split the sheet",
        "数据表最多 {} 行、{} 列；请删除超出部分，或拆分工作表",
    ),
    ("more than {} merged regions", "合并区域超过 {} 个"),
    (
        "unmerge the cells: a data sheet needs few merged regions (a title, a list spread over columns)",
        "请取消合并单元格：数据表只需少量合并区域（标题、跨列填写的列表）",
    ),
    ("sheet `{}`: `{}` is not a cell", "工作表 `{}`：`{}` 不是单元格"),
    ("sheet `{}`: `{}` is not a merged region", "工作表 `{}`：`{}` 不是合并区域"),
    // Quotes in CSV files (sheets/csv.rs).
    (
        "the quote opened here is not closed; the cell is read to the end of the file",
        "此处的引号没有闭合；该单元格读到文件末尾",
    ),
    (
        "the quote opened here is never closed: the {} lines after it would be read into one cell",
        "此处的引号没有闭合：其后 {} 行会被读进同一个单元格",
    ),
    (
        "the quote opened here is closed only on line {}, by a quote inside the text: the {} lines after it would be read into one cell",
        "此处的引号直到第 {} 行才被文字中的引号闭合：其后 {} 行会被读进同一个单元格",
    ),
    (
        "a quote inside the quoted cell opened here ends it early; the rest is read as text",
        "此处加引号的单元格中的引号提前结束了该单元格；其余部分按文字读取",
    ),
    (
        "end a quoted cell with a quote (`\"`) and write a quote inside it twice (`\"\"`)",
        "加引号的单元格请以引号（`\"`）结束，其中的引号请连写两个（`\"\"`）",
    ),
    // Cells that cannot be read (load/data/sheet/cells.rs), alone and
    // after their column's label.
    (
        "the cell holds the formula `={}` without its value",
        "单元格中的公式 `={}` 没有保存计算结果",
    ),
    (
        "{}: the cell holds the formula `={}` without its value",
        "{}：单元格中的公式 `={}` 没有保存计算结果",
    ),
    (
        "the workbook was saved by a program that does not compute formulas: open it in Excel or WPS and save it, or type the value",
        "保存该工作簿的程序不计算公式：请用 Excel 或 WPS 打开后保存，或直接填写数值",
    ),
    (
        "the cell holds {} characters, more than the {} a cell may hold",
        "单元格有 {} 个字符，超过单元格最多 {} 个字符的限制",
    ),
    (
        "{}: the cell holds {} characters, more than the {} a cell may hold",
        "{}：单元格有 {} 个字符，超过单元格最多 {} 个字符的限制",
    ),
    (
        "shorten the text (Excel and WPS cannot hold it either)",
        "请缩短文字（Excel 和 WPS 也容纳不下）",
    ),
    // Columns and rows (load/data/sheet).
    (
        "column `{}` looks like a mark of confidentiality, but is not read as one: the rows it marks would be published",
        "列 `{}` 像是保密标记，但不会被当作保密标记读取：其中标记的行会被公开",
    ),
    (
        "head the column 内部 and write 是 in it for each record only the internal edition shows (a column about something else needs another name)",
        "请将该列表头写为“内部”，只在内部版显示的记录填“是”（与保密无关的列请换个名称）",
    ),
    (
        "column `{}` looks like a mark of confidentiality, but {} records cannot be internal",
        "列 `{}` 像是保密标记，但 {} 的记录不能设为内部",
    ),
    (
        "both editions show and count every record of {}: delete the column (a column about something else needs another name)",
        "{} 的每条记录在两个版本中都会显示和计数：请删除该列（与保密无关的列请换个名称）",
    ),
    (
        "`{}` of project `{}` is `{}` here but empty on its first row ({})",
        "项目 `{2}` 的 `{1}` 此处为 `{3}`，但在其第一行（{4}）为空",
    ),
    (
        "`{}` of project `{}` is `{}` here but `{}` on its first row ({})",
        "项目 `{2}` 的 `{1}` 此处为 `{3}`，但在其第一行（{5}）为 `{4}`",
    ),
    (
        "a project kept one row per update is named on its first row: leave these cells empty on the rows after it, or the same",
        "每次进展一行的项目以其第一行为准：之后各行的这些单元格请留空，或与第一行相同",
    ),
    // Texts too long for a workbook cell (load/data/long_text.rs).
    (
        "`{}` holds {} characters, more than the {} a workbook cell holds",
        "`{}` 有 {} 个字符，超过工作簿单元格最多 {} 个字符的限制",
    ),
    (
        "shorten it: the registers are offered as workbooks, and Excel and WPS cannot hold it either",
        "请缩短：台账以工作簿形式提供下载，Excel 和 WPS 也容纳不下",
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn sheet_messages_read_in_chinese() {
        for (english, chinese) in [
            (
                "not a readable .xlsx workbook: it has no xl/workbook.xml",
                "不是可读取的 .xlsx 工作簿：缺少 xl/workbook.xml",
            ),
            (
                "a text or tag of more than 1 MB (in xl/sharedStrings.xml)",
                "有超过 1 MB 的文本或标记（xl/sharedStrings.xml）",
            ),
            (
                "a value in column XFD, past the 512 columns (A to SR) a data sheet may have",
                "XFD 列有数据，超出数据表最多 512 列（A 至 SR）的范围",
            ),
            (
                "a value in row 100001, past the 100,000 rows a data sheet may have",
                "第 100001 行有数据，超出数据表最多 100,000 行的范围",
            ),
            (
                "merged region C1:XFD200000 ends in column XFD, past the 512 columns (A to SR) a data sheet may have",
                "合并区域 C1:XFD200000 延伸到 XFD 列，超出数据表最多 512 列（A 至 SR）的范围",
            ),
            ("more than 100,000 merged regions", "合并区域超过 100,000 个"),
            (
                "cannot write the workbook: cell B2 of sheet `问题台账` would hold 32,768 characters, more than the 32,767 a cell holds",
                "无法写入工作簿：工作表 `问题台账` 的单元格 B2 将有 32,768 个字符，超过单元格最多 32,767 个字符的限制",
            ),
            (
                "the quote opened here is never closed: the 2 lines after it would be read into one cell",
                "此处的引号没有闭合：其后 2 行会被读进同一个单元格",
            ),
            (
                "内部: the cell holds the formula `=IF(F2=\"在办\",\"是\",\"否\")` without its value",
                "内部：单元格中的公式 `=IF(F2=\"在办\",\"是\",\"否\")` 没有保存计算结果",
            ),
            (
                "问题: the cell holds 40,000 characters, more than the 32,767 a cell may hold",
                "问题：单元格有 40,000 个字符，超过单元格最多 32,767 个字符的限制",
            ),
            (
                "column `密级` looks like a mark of confidentiality, but is not read as one: the rows it marks would be published",
                "列 `密级` 像是保密标记，但不会被当作保密标记读取：其中标记的行会被公开",
            ),
            (
                "column `内部` looks like a mark of confidentiality, but units records cannot be internal",
                "列 `内部` 像是保密标记，但 units 的记录不能设为内部",
            ),
            (
                "`内部` of project `tiande-vehicle` is `是` here but empty on its first row (G2)",
                "项目 `tiande-vehicle` 的 `内部` 此处为 `是`，但在其第一行（G2）为空",
            ),
            (
                "`名称` of project `haoshi-park` is `好食工贸食品园二期` here but `好食工贸食品园` on its first row (B4)",
                "项目 `haoshi-park` 的 `名称` 此处为 `好食工贸食品园二期`，但在其第一行（B4）为 `好食工贸食品园`",
            ),
            (
                "`summary` holds 40,000 characters, more than the 32,767 a workbook cell holds",
                "`summary` 有 40,000 个字符，超过工作簿单元格最多 32,767 个字符的限制",
            ),
        ] {
            assert_eq!(super::super::chinese(english), chinese);
        }
    }
}
