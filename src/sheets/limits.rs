//! How much a data sheet may hold. Generous for the registers an office
//! keeps (the largest example: 20,000 problems in 10 columns), small enough
//! that a crafted file is refused at its cell, with the limit named, before
//! anything of its size is allocated — never an abort for want of memory.
//! README ("Keeping the data in Excel or WPS") names the same numbers.

/// Rows of a sheet (Excel's row numbers 1 to this); a value below is
/// refused at its cell. Empty (formatted) rows further down are ignored.
pub(crate) const MAX_ROWS: usize = 100_000;

/// Columns of a sheet (A to SR); a value further right is refused at its
/// cell.
pub(crate) const MAX_COLUMNS: usize = 512;

/// Cells of a workbook or CSV file, counting the empty ones between values
/// in a row and those that merged regions fill.
pub(crate) const MAX_CELLS: usize = 5_000_000;

/// Characters of a cell, as in Excel itself: a longer text is refused at
/// its cell (and could not be written back into a workbook).
pub(crate) const MAX_TEXT: usize = 32_767;

/// Merged regions of a sheet.
pub(crate) const MAX_MERGED: usize = 100_000;

/// Bytes of XML of a workbook, uncompressed, over all the parts read (a
/// workbook of 100,000 rows of 20 columns holds about 100 MB).
pub(crate) const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// Bytes of one piece of XML between two `<` or `>` (a text or a tag): a
/// cell's text of 32,767 characters, escaped, is at most 330 KB.
pub(crate) const MAX_XML_RUN: usize = 1024 * 1024;

/// `n` with thousands separated by `,`, as the messages name limits.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_with_separators() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(32_767), "32,767");
        assert_eq!(thousands(512), "512");
        assert_eq!(thousands(5_000_000), "5,000,000");
    }
}
