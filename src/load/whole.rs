//! What a whole-page translation records of the English it was made from:
//! `source_hash:` in its front matter, the hash of the English page's text
//! ([`source_hash`]), and writing that field into a page file without
//! touching any other byte ([`set_front_matter_field`]).

use sha2::{Digest, Sha256};

/// The front matter key of the recorded English revision.
pub const SOURCE_HASH: &str = "source_hash";

/// The hash a whole-page translation records of its English page: SHA-256
/// of the English title and body, whitespace-insensitive (line breaks,
/// reflowed paragraphs and indentation changes do not count), as
/// `sha256:` and its first 16 hex digits. Other front matter (`ms.date`,
/// `author`) is left out, so editing it does not make translations stale.
pub fn source_hash(title: Option<&str>, body: &str) -> String {
    let mut h = Sha256::new();
    for part in [title.unwrap_or(""), body] {
        for word in part.split_whitespace() {
            h.update(word.as_bytes());
            h.update(b" ");
        }
        h.update(b"\n");
    }
    let digest = h.finalize();
    let mut out = String::with_capacity(7 + 16);
    out.push_str("sha256:");
    for b in &digest[..8] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// True when a recorded hash names the same revision as `current`.
pub fn same_hash(recorded: &str, current: &str) -> bool {
    recorded.trim().eq_ignore_ascii_case(current)
}

/// The lines of `text` from byte `start`: `(start, end of content, end
/// with the line end)`, for `\n`, `\r\n` and lone `\r` line ends.
fn lines(text: &str, start: usize) -> Vec<(usize, usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = start;
    while pos < b.len() {
        let end = memchr::memchr2(b'\n', b'\r', &b[pos..]).map_or(b.len(), |i| pos + i);
        let next = match b.get(end) {
            Some(b'\r') if b.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        out.push((pos, end, next));
        pos = next;
    }
    out
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.strip_prefix(fence)
        .is_some_and(|rest| rest.trim_matches([' ', '\t']).is_empty())
}

/// `raw`, a page file's text as it is on disk (BOM and line ends as they
/// are), with `key: value` in its front matter: the line of `key`
/// rewritten if there is one, else a line added before the closing fence,
/// with the file's own line end. Every other byte stays. `None` when the
/// file has no closed front matter. The result equals `raw` when the field
/// already has the value.
pub fn set_front_matter_field(raw: &str, key: &str, value: &str) -> Option<String> {
    let start = if raw.starts_with('\u{feff}') { 3 } else { 0 };
    let lines = lines(raw, start);
    let &(first, first_end, first_next) = lines.first()?;
    if !is_fence(&raw[first..first_end], "---") {
        return None;
    }
    let eol = match &raw[first_end..first_next] {
        "" => "\n",
        e => e,
    };
    let wanted = format!("{key}: {value}");
    for &(s, e, _) in &lines[1..] {
        let line = &raw[s..e];
        if is_fence(line, "---") || is_fence(line, "...") {
            let mut out = String::with_capacity(raw.len() + wanted.len() + 2);
            out.push_str(&raw[..s]);
            out.push_str(&wanted);
            out.push_str(eol);
            out.push_str(&raw[s..]);
            return Some(out);
        }
        let is_key = line.strip_prefix(key).is_some_and(|rest| {
            rest.starts_with(':') && rest[1..].chars().next().is_none_or(|c| c == ' ' || c == '\t')
        });
        if is_key {
            if line == wanted {
                return Some(raw.to_string());
            }
            return Some(format!("{}{wanted}{}", &raw[..s], &raw[e..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_ignores_whitespace_but_not_words_or_the_title() {
        let h = source_hash(Some("Title"), "# A\n\nOne two\nthree.\n");
        assert!(h.starts_with("sha256:") && h.len() == 7 + 16, "{h}");
        assert_eq!(h, source_hash(Some("Title"), "# A\n\n  One two three.  \n\n"));
        assert_ne!(h, source_hash(Some("Title"), "# A\n\nOne two\nfour.\n"));
        assert_ne!(h, source_hash(Some("Other"), "# A\n\nOne two\nthree.\n"));
        // The title and the body do not run into each other.
        assert_ne!(source_hash(Some("a"), "b"), source_hash(None, "a b"));
        assert!(same_hash(&h.to_uppercase(), &h));
    }

    #[test]
    fn setting_the_field_adds_one_line_before_the_closing_fence() {
        let raw = "---\ntitle: A\n---\n# Body\n";
        assert_eq!(
            set_front_matter_field(raw, SOURCE_HASH, "sha256:ab").unwrap(),
            "---\ntitle: A\nsource_hash: sha256:ab\n---\n# Body\n"
        );
    }

    #[test]
    fn setting_the_field_keeps_bom_crlf_and_every_other_byte() {
        let raw = "\u{feff}---\r\ntitle: A  \r\nsource_hash: sha256:old\r\nx: 'y'\r\n---\r\nBody\r\n";
        let out = set_front_matter_field(raw, SOURCE_HASH, "sha256:new").unwrap();
        assert_eq!(out, raw.replace("sha256:old", "sha256:new"));
        let added = set_front_matter_field("---\r\ntitle: A\r\n---\r\nB", SOURCE_HASH, "h").unwrap();
        assert_eq!(added, "---\r\ntitle: A\r\nsource_hash: h\r\n---\r\nB");
    }

    #[test]
    fn setting_the_same_value_again_changes_nothing() {
        let once = set_front_matter_field("---\ntitle: A\n---\nB\n", SOURCE_HASH, "h").unwrap();
        assert_eq!(set_front_matter_field(&once, SOURCE_HASH, "h").unwrap(), once);
    }

    #[test]
    fn a_longer_key_with_the_same_start_is_not_the_field() {
        let raw = "---\nsource_hashes: x\n---\n";
        assert_eq!(
            set_front_matter_field(raw, SOURCE_HASH, "h").unwrap(),
            "---\nsource_hashes: x\nsource_hash: h\n---\n"
        );
    }

    #[test]
    fn no_front_matter_no_change() {
        assert_eq!(set_front_matter_field("# Title\n", SOURCE_HASH, "h"), None);
        assert_eq!(set_front_matter_field("---\ntitle: A\n", SOURCE_HASH, "h"), None);
        assert_eq!(set_front_matter_field("", SOURCE_HASH, "h"), None);
    }
}
