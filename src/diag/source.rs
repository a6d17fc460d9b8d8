//! A file's text, for turning byte offsets into lines and columns: the
//! location of a diagnostic and the excerpt of its line it shows.

use super::Location;

/// A bounded piece of the line a diagnostic points into: the whole line when
/// it is short, else a window of it around the marked text with `…` where it
/// was cut, so a diagnostic costs the same on a 300 KB line as on a short one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Characters of the line left out before `text` (the `…` not counted).
    pub skipped: u32,
}

/// Characters of a line kept before and after the marked text in an
/// [`Excerpt`]; of a long marked text, its first [`EXCERPT_MARK`] are kept.
const EXCERPT_CONTEXT: usize = 60;
const EXCERPT_MARK: usize = 120;

/// A file's text with an index of its line starts, to turn byte offsets into
/// line and column. `display` is the path shown to users.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub display: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// On lines longer than [`CHECKPOINT`] bytes: `(byte offset, characters
    /// from its line's start)` every `CHECKPOINT` bytes, so a column is found
    /// by counting at most `CHECKPOINT` bytes however long the line is.
    checkpoints: Vec<(u32, u32)>,
}

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 1024;

impl SourceText {
    pub fn new(display: impl Into<String>, text: String) -> SourceText {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let start = start as usize;
            let end = line_starts.get(i + 1).map_or(text.len(), |&e| e as usize);
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut pos, mut chars) = (start, 0u32);
            while pos + CHECKPOINT < end {
                let next = floor_char_boundary(&text, pos + CHECKPOINT);
                chars += count_chars(&text.as_bytes()[pos..next]) as u32;
                pos = next;
                checkpoints.push((pos as u32, chars));
            }
        }
        SourceText {
            display: display.into(),
            text,
            line_starts,
            checkpoints,
        }
    }

    /// The column (0-based, in characters) of byte `offset` on the line that
    /// starts at byte `line_start`.
    fn chars_before(&self, line_start: usize, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(o, _)| o as usize <= offset);
        let (from, chars) = match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((o, c)) if o as usize >= line_start => (o as usize, c as usize),
            _ => (line_start, 0),
        };
        chars + count_chars(&self.text.as_bytes()[from..offset])
    }

    /// The start and length (in bytes) of the longest line.
    pub fn longest_line(&self) -> Option<(usize, usize)> {
        let ends = self
            .line_starts
            .iter()
            .skip(1)
            .map(|&s| s as usize - 1)
            .chain([self.text.len()]);
        self.line_starts
            .iter()
            .zip(ends)
            .map(|(&s, e)| (s as usize, e - s as usize))
            .max_by_key(|&(s, len)| (len, std::cmp::Reverse(s)))
    }

    /// 1-based line number and the byte offset where that line starts.
    pub fn line_of(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len()) as u32;
        let idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (idx + 1, self.line_starts[idx] as usize)
    }

    /// The location of `offset..offset+len` and the text around it (the
    /// marked text ends at the end of its line). Costs the same whatever the
    /// length of the line.
    pub fn locate(&self, offset: usize, len: usize) -> (Location, Excerpt) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (line, start) = self.line_of(offset);
        let line_end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize - 1)
            .max(offset);
        let end = floor_char_boundary(&self.text, (offset + len).min(line_end).max(offset));
        let column = self.chars_before(start, offset);
        let chars = self.chars_before(start, end) - column;
        // The excerpt: the whole line, or a window around the marked text.
        let from = chars_back(&self.text, offset, EXCERPT_CONTEXT, start);
        let to = match chars_ahead(&self.text, offset, EXCERPT_MARK, end) {
            cut if cut < end => cut,
            _ => chars_ahead(&self.text, end, EXCERPT_CONTEXT, line_end),
        };
        let mut text = String::with_capacity(to - from + 6);
        if from > start {
            text.push('…');
        }
        text.push_str(&self.text[from..to]);
        if to < line_end {
            text.push('…');
        }
        let skipped = if from > start {
            self.chars_before(start, from) as u32
        } else {
            0
        };
        (
            Location {
                file: self.display.clone(),
                line: line as u32,
                column: column as u32 + 1,
                len: chars as u32,
            },
            Excerpt { text, skipped },
        )
    }

    pub fn location(&self, offset: usize) -> Location {
        self.locate(offset, 0).0
    }
}

/// The byte offset `n` characters before `pos` in `s`, but not before `floor`.
fn chars_back(s: &str, pos: usize, n: usize, floor: usize) -> usize {
    s[floor..pos]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `pos` in `s`, but not after `limit`.
fn chars_ahead(s: &str, pos: usize, n: usize, limit: usize) -> usize {
    s[pos..limit].char_indices().nth(n).map_or(limit, |(i, _)| pos + i)
}

/// The number of characters in UTF-8 `bytes` (its bytes that do not
/// continue a character).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Where a parser error found at `offset` belongs when only whitespace and
/// a line break stand between it and the text before: just after that
/// text. A parser that expected more (`}`, a closing quote)
/// notices only at the next line, or at the blank line after the entry;
/// the caret goes where the text stopped. Any other offset is kept.
pub fn end_of_text_before(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let gap = before.trim_end();
    if !gap.is_empty() && before[gap.len()..].contains('\n') {
        gap.len()
    } else {
        offset
    }
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn locate_counts_columns_in_characters() {
        let src = SourceText::new("a.md", "first\nčeský |x|\nlast".to_string());
        let off = src.text.find("|x").unwrap();
        let (loc, ex) = src.locate(off, 2);
        assert_eq!((loc.line, loc.column, loc.len), (2, 7, 2));
        assert_eq!(
            ex,
            Excerpt {
                text: "český |x|".into(),
                skipped: 0
            }
        );
    }

    #[test]
    fn columns_and_excerpts_on_a_long_line_are_exact_and_bounded() {
        // 3,000 wide characters, a mark, 3,000 more: columns count characters
        // across the checkpoints, and the excerpt is a window with `…`.
        let line = format!("{}<MARK>{}", "ž".repeat(3000), "š".repeat(3000));
        let src = SourceText::new("a.md", format!("first\n{line}\nlast\n"));
        let off = src.text.find("<MARK>").unwrap();
        let (loc, ex) = src.locate(off, 6);
        assert_eq!((loc.line, loc.column, loc.len), (2, 3001, 6));
        assert!(ex.text.starts_with('…') && ex.text.ends_with('…'), "{}", ex.text);
        assert_eq!(ex.text.chars().count(), 2 * EXCERPT_CONTEXT + 6 + 2, "{}", ex.text);
        assert_eq!(ex.skipped, (3000 - EXCERPT_CONTEXT) as u32);
        let out = Diagnostic::warning("malformed", "m")
            .at_offset(&src, off, 6)
            .render(false);
        assert!(out.contains(" --> a.md:2:3001\n"), "{out}");
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        let text_line = out.lines().find(|l| l.contains("<MARK>")).unwrap();
        let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count();
        assert_eq!(col(caret_line, "^^^^^^"), col(text_line, "<MARK>"), "{out}");
        // Every offset of the line agrees with counting from its start.
        for off in (0..src.text.len()).step_by(997) {
            let off = floor_char_boundary(&src.text, off);
            let (line_no, start) = src.line_of(off);
            let want = src.text[start..off].chars().count() as u32 + 1;
            assert_eq!(src.location(off).column, want, "line {line_no} offset {off}");
        }
    }

    #[test]
    fn an_error_noticed_on_the_next_line_belongs_where_the_text_stopped() {
        let text = "a = { $x\n\nb = ok\n";
        // At the start of the next message, and on the blank line.
        assert_eq!(end_of_text_before(text, text.find("b =").unwrap()), "a = { $x".len());
        assert_eq!(end_of_text_before(text, "a = { $x\n".len()), "a = { $x".len());
        // An offset inside a line stays.
        assert_eq!(end_of_text_before(text, 4), 4);
        assert_eq!(end_of_text_before(text, 0), 0);
    }

    #[test]
    fn locate_handles_offsets_at_and_past_the_end() {
        let src = SourceText::new("a.md", "ab\n".to_string());
        assert_eq!(src.location(3).line, 2);
        assert_eq!(src.location(99).line, 2);
    }
}
