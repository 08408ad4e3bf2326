//! The token layer of ROM area files (format document, section 1).
//!
//! ROM has no independent lexer: each section loader asks for the next token
//! *of the kind it expects*, so the same bytes read differently depending on
//! the field. [`Reader`] mirrors that: a cursor over the file's bytes with one
//! method per token kind (`letter`, `word`, `string`, `string_eol`, `number`,
//! `flag`, `flag_value`, `dice`, `to_eol`). Every method skips leading
//! whitespace (C `isspace`), records where its token started
//! ([`Reader::token_start`]) and fails with a [`SyntaxError`] that names the
//! line and column and what was expected.
//!
//! The rules are ROM's, made strict where ROM silently misreads (the
//! "recommended" rules of the document): a number or flag glued to other text
//! (`12x`) is an error, flag letters `g`..`z` and letters followed by digits
//! are errors, a repeated flag letter is a warning, dice must be `NdS+B`
//! (`+-B` for a negative bonus). Bytes are decoded as Latin-1, never as UTF-8;
//! CR bytes are dropped inside strings and count as line ends elsewhere.
//!
//! This module knows nothing about sections or records (see `sections`),
//! except the section names it needs to resynchronise after an error.

use crate::world::flags::Flags;
use crate::world::proto::Dice;

use super::tables::letter_bit;

/// Longest word ROM accepts (`MAX_INPUT_LENGTH` - 1).
pub const MAX_WORD: usize = 255;

/// Every section name `#NAME` a file may contain (2.2).
pub const SECTION_NAMES: [&str; 13] = [
    "AREA", "AREADATA", "HELPS", "MOBILES", "MOBOLD", "OBJECTS", "OBJOLD", "ROOMS", "RESETS",
    "SHOPS", "SPECIALS", "SOCIALS", "MOBPROGS",
];

/// A place in a file: 1-based line and 1-based byte column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// A token that could not be read: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

impl SyntaxError {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        SyntaxError {
            pos,
            message: message.into(),
        }
    }
}

/// Adds the name of the field being read to a token error.
pub trait FieldExt<T> {
    fn field(self, name: &str) -> Result<T>;
}

impl<T> FieldExt<T> for Result<T> {
    fn field(self, name: &str) -> Result<T> {
        self.map_err(|mut e| {
            e.message = format!("{name}: {}", e.message);
            e
        })
    }
}

pub type Result<T> = std::result::Result<T, SyntaxError>;

/// A saved reader position, to come back to or resynchronise from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    at: usize,
    line: u32,
    line_start: usize,
}

/// C `isspace` in the "C" locale.
pub const fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Latin-1 bytes to a `String` (every byte is one char).
pub fn latin1(bytes: &[u8]) -> String {
    if bytes.is_ascii() {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_owned();
        }
    }
    bytes.iter().map(|&c| char::from(c)).collect()
}

/// Like [`latin1`], dropping every CR byte (the rule inside `~` strings).
fn latin1_without_cr(bytes: &[u8]) -> String {
    if memchr::memchr(b'\r', bytes).is_some() {
        bytes
            .iter()
            .filter(|&&c| c != b'\r')
            .map(|&c| char::from(c))
            .collect()
    } else {
        latin1(bytes)
    }
}

/// Whether `line` (one line of the file, without its LF) is something that
/// can only start a record or section: `#<digits>`, `#$...` or `#SECTION`.
/// Used to notice a string whose `~` is missing before it swallows the next
/// record.
fn is_marker_line(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"#") else {
        return false;
    };
    let end = rest
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(0, |i| i + 1);
    let rest = &rest[..end];
    if rest.first() == Some(&b'$') {
        return true;
    }
    if !rest.is_empty() && rest.iter().all(u8::is_ascii_digit) {
        return true;
    }
    SECTION_NAMES
        .iter()
        .any(|s| s.as_bytes().eq_ignore_ascii_case(rest))
}

/// A cursor over the bytes of one area file.
pub struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    start: Pos,
    warnings: Vec<(Pos, String)>,
    /// Where the last `~` of the file is, so [`Reader::string`] knows
    /// without a scan to the end whether any `~` is left.
    last_tilde: Option<usize>,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Reader {
            buf,
            at: 0,
            line: 1,
            line_start: 0,
            start: Pos { line: 1, col: 1 },
            warnings: Vec::new(),
            last_tilde: memchr::memrchr(b'~', buf),
        }
    }

    /// The current position (after the last token read).
    pub fn pos(&self) -> Pos {
        self.pos_of(self.at)
    }

    /// Where the last token read (or attempted) started.
    pub fn token_start(&self) -> Pos {
        self.start
    }

    /// Warnings the token readers raised since the last call (repeated flag
    /// letters).
    pub fn take_warnings(&mut self) -> Vec<(Pos, String)> {
        std::mem::take(&mut self.warnings)
    }

    /// Skips whitespace and remembers where the next token starts (a
    /// resynchronisation then never comes back to the same line).
    pub fn mark(&mut self) -> Mark {
        self.skip_ws();
        Mark {
            at: self.at,
            line: self.line,
            line_start: self.line_start,
        }
    }

    pub fn reset(&mut self, mark: Mark) {
        self.at = mark.at;
        self.line = mark.line;
        self.line_start = mark.line_start;
    }

    /// Position of byte `at`, which must be on the current line or later
    /// lines already counted; only used for bytes of the current line.
    fn pos_of(&self, at: usize) -> Pos {
        let col = at.saturating_sub(self.line_start) + 1;
        Pos {
            line: self.line,
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    fn peek_byte(&self) -> Option<u8> {
        self.buf.get(self.at).copied()
    }

    /// Moves to `end`, counting the line breaks passed.
    fn advance_to(&mut self, end: usize) {
        let end = end.min(self.buf.len());
        if end <= self.at {
            return;
        }
        for (i, &c) in self.buf[self.at..end].iter().enumerate() {
            if c == b'\n' {
                self.line += 1;
                self.line_start = self.at + i + 1;
            }
        }
        self.at = end;
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek_byte() {
            if !is_space(c) {
                break;
            }
            self.at += 1;
            if c == b'\n' {
                self.line += 1;
                self.line_start = self.at;
            }
        }
    }

    /// Skips whitespace and records the start of the next token.
    fn begin(&mut self) -> usize {
        self.skip_ws();
        self.start = self.pos();
        self.at
    }

    /// A short quotation of the text at byte `at`, for messages.
    fn describe(&self, at: usize) -> String {
        let Some(rest) = self.buf.get(at..).filter(|r| !r.is_empty()) else {
            return "end of file".to_owned();
        };
        // Never look further than the quotation needs (a long run without
        // blanks must not make every message cost its length).
        let len = rest
            .iter()
            .take(25)
            .position(|&c| is_space(c))
            .unwrap_or(rest.len().min(25));
        let shown = &rest[..len.min(24)];
        let more = if len > 24 { "..." } else { "" };
        format!("'{}{more}'", latin1(shown))
    }

    fn eof_error(&self, expected: &str) -> SyntaxError {
        SyntaxError::new(
            self.pos(),
            format!("unexpected end of file, expected {expected}"),
        )
    }

    /// Whether the next byte ends a token (whitespace or end of file).
    fn at_token_end(&self) -> bool {
        self.peek_byte().is_none_or(is_space)
    }

    /// Skips whitespace; true when nothing but whitespace is left.
    pub fn at_eof(&mut self) -> bool {
        self.skip_ws();
        self.at >= self.buf.len()
    }

    /// Skips whitespace and returns the next byte without consuming it.
    pub fn peek_letter(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek_byte()
    }

    /// Skips whitespace and tells whether the next token starts in column 1.
    pub fn at_line_start(&mut self) -> bool {
        self.skip_ws();
        self.at == self.line_start
    }

    /// The line the next token starts on (after skipping whitespace), or
    /// `None` at end of file.
    pub fn next_token_line(&mut self) -> Option<u32> {
        self.skip_ws();
        (self.at < self.buf.len()).then_some(self.line)
    }

    /// `letter` (1.2): the next non-blank byte. `expected` names what the
    /// caller wanted, for the end-of-file message.
    pub fn letter(&mut self, expected: &str) -> Result<u8> {
        self.begin();
        match self.peek_byte() {
            Some(c) => {
                self.advance_to(self.at + 1);
                Ok(c)
            }
            None => Err(self.eof_error(expected)),
        }
    }

    /// `word` (1.3): a quoted word (`'...'` or `"..."`, same quote closes) or
    /// a run of non-blank bytes. Borrowed from the file, not decoded.
    pub fn word(&mut self) -> Result<&'a [u8]> {
        let s = self.begin();
        let buf = self.buf;
        let Some(q) = self.peek_byte() else {
            return Err(self.eof_error("a word"));
        };
        if q == b'\'' || q == b'"' {
            let body = s + 1;
            let limit = (body + MAX_WORD + 1).min(buf.len());
            match buf[body..limit].iter().position(|&c| c == q) {
                Some(n) => {
                    self.advance_to(body + n + 1);
                    Ok(&buf[body..body + n])
                }
                None => Err(SyntaxError::new(
                    self.start,
                    format!(
                        "unterminated quoted word: no closing {} within {MAX_WORD} bytes",
                        char::from(q)
                    ),
                )),
            }
        } else {
            let len = buf[s..]
                .iter()
                .position(|&c| is_space(c))
                .unwrap_or(buf.len() - s);
            if len > MAX_WORD {
                return Err(SyntaxError::new(
                    self.start,
                    format!("word longer than {MAX_WORD} bytes"),
                ));
            }
            self.at = s + len;
            Ok(&buf[s..s + len])
        }
    }

    /// `string` (1.4): everything up to the next `~`, after skipping leading
    /// whitespace (newlines included). CR bytes are dropped, LF kept.
    ///
    /// A missing `~` is reported at the line where the string started: at end
    /// of file, or when the string would run into a line that can only start
    /// a record or section (`#3001`, `#ROOMS`, `#$`).
    pub fn string(&mut self) -> Result<String> {
        let s = self.begin();
        let buf = self.buf;
        let at_eof = |me: &Self| {
            SyntaxError::new(
                me.start,
                "unterminated string: end of file before its closing '~'",
            )
        };
        if self.last_tilde.is_none_or(|t| t < s) {
            return Err(at_eof(self));
        }
        // Line by line, so a missing '~' costs the distance to the next
        // marker line, not a scan to the end of the file for every record.
        // Each byte is looked at once (memchr2), and the line count is kept
        // on the way instead of a second pass.
        let mut line = self.line;
        let mut line_start = self.line_start;
        let mut end = None;
        for k in memchr::memchr2_iter(b'~', b'\n', &buf[s..]) {
            let at = s + k;
            if buf[at] == b'~' {
                end = Some(at);
                break;
            }
            let line_begin = at + 1;
            line += 1;
            line_start = line_begin;
            if buf.get(line_begin) != Some(&b'#') {
                continue;
            }
            let line_end =
                memchr::memchr(b'\n', &buf[line_begin..]).map_or(buf.len(), |m| line_begin + m);
            if is_marker_line(&buf[line_begin..line_end]) {
                return Err(SyntaxError::new(
                    self.start,
                    format!(
                        "unterminated string: no '~' before line {line}, which starts {}",
                        self.describe(line_begin)
                    ),
                ));
            }
        }
        let Some(end) = end else {
            return Err(at_eof(self));
        };
        let text = latin1_without_cr(&buf[s..end]);
        self.at = end + 1;
        self.line = line;
        self.line_start = line_start;
        Ok(text)
    }

    /// `string_eol` (1.5): skip whitespace (blank lines too), then the rest
    /// of the line; the LF or CR that ends it is consumed, not returned.
    pub fn string_eol(&mut self) -> Result<String> {
        let s = self.begin();
        if s >= self.buf.len() {
            return Err(self.eof_error("a line of text"));
        }
        let len = self.buf[s..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .unwrap_or(self.buf.len() - s);
        let text = latin1(&self.buf[s..s + len]);
        self.advance_to(s + len + 1);
        Ok(text)
    }

    /// One signed decimal term (no whitespace skip); the reader is left
    /// where it was on failure.
    fn number_term(&mut self) -> Result<i32> {
        let s = self.at;
        let start = self.pos();
        let neg = match self.peek_byte() {
            Some(b'-') => {
                self.at += 1;
                true
            }
            Some(b'+') => {
                self.at += 1;
                false
            }
            _ => false,
        };
        let digits = self.at;
        let mut value: i64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek_byte() {
            value = value * 10 + i64::from(c - b'0');
            self.at += 1;
            if value > i64::from(i32::MAX) + 1 {
                let shown = self.describe(s);
                self.at = s;
                return Err(SyntaxError::new(
                    start,
                    format!("number {shown} does not fit in 32 bits"),
                ));
            }
        }
        if self.at == digits {
            self.at = s;
            return Err(SyntaxError::new(
                start,
                format!("expected a number, found {}", self.describe(s)),
            ));
        }
        let value = if neg { -value } else { value };
        i32::try_from(value).map_err(|_| {
            let e = SyntaxError::new(
                start,
                format!("number {} does not fit in 32 bits", self.describe(s)),
            );
            self.at = s;
            e
        })
    }

    /// `number` (1.6): optional sign, digits, and `|`-joined terms that are
    /// added. Must be followed by whitespace or end of file.
    pub fn number(&mut self) -> Result<i32> {
        let s = self.begin();
        let mut total = self.number_term()?;
        while self.peek_byte() == Some(b'|') {
            self.at += 1;
            self.skip_ws();
            let term = self.number_term()?;
            total = total.checked_add(term).ok_or_else(|| {
                SyntaxError::new(self.start, "sum of '|' terms does not fit in 32 bits")
            })?;
        }
        if !self.at_token_end() {
            return Err(SyntaxError::new(
                self.start,
                format!("expected a number, found {}", self.describe(s)),
            ));
        }
        Ok(total)
    }

    /// The common part of `flag` and `flag_value`: returns the OR of the
    /// parts and whether a leading `-` was present.
    fn flag_parts(&mut self, allow_negative: bool) -> Result<(u32, bool)> {
        let s = self.begin();
        let expected = |me: &Self| {
            SyntaxError::new(
                me.start,
                format!(
                    "expected a flag set (letters A-Z, a-f or a number), found {}",
                    me.describe(s)
                ),
            )
        };
        let negative = self.peek_byte() == Some(b'-');
        if negative {
            if !allow_negative {
                return Err(SyntaxError::new(
                    self.start,
                    format!("a flag set cannot be negative, found {}", self.describe(s)),
                ));
            }
            self.at += 1;
        }
        let mut total: u32 = 0;
        loop {
            let part = self.at;
            match self.peek_byte() {
                Some(b'0'..=b'9') => {
                    let mut v: u64 = 0;
                    while let Some(c @ b'0'..=b'9') = self.peek_byte() {
                        v = v * 10 + u64::from(c - b'0');
                        self.at += 1;
                        if v > u64::from(u32::MAX) {
                            return Err(SyntaxError::new(
                                self.start,
                                format!("flag mask {} does not fit in 32 bits", self.describe(s)),
                            ));
                        }
                    }
                    total |= u32::try_from(v).unwrap_or(u32::MAX);
                    if self.peek_byte().is_some_and(|c| c.is_ascii_alphabetic()) {
                        return Err(expected(self));
                    }
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    while let Some(c) = self.peek_byte().filter(u8::is_ascii_alphabetic) {
                        let bit = letter_bit(c);
                        if bit == 0 {
                            return Err(SyntaxError::new(
                                self.pos(),
                                format!(
                                    "'{}' is not a flag letter (only A-Z and a-f, bits 0..31, exist)",
                                    char::from(c)
                                ),
                            ));
                        }
                        let bit = u32::try_from(bit).unwrap_or(0);
                        if total & bit != 0 {
                            let pos = self.pos();
                            self.warnings.push((
                                pos,
                                format!(
                                    "flag letter '{}' repeated (ROM would add its value twice)",
                                    char::from(c)
                                ),
                            ));
                        }
                        total |= bit;
                        self.at += 1;
                    }
                    if self.peek_byte().is_some_and(|c| c.is_ascii_digit()) {
                        return Err(SyntaxError::new(
                            self.start,
                            format!(
                                "flag letters followed by digits in {}; write letters or a number",
                                self.describe(part)
                            ),
                        ));
                    }
                }
                _ => return Err(expected(self)),
            }
            if self.peek_byte() == Some(b'|') {
                self.at += 1;
                self.skip_ws();
                continue;
            }
            break;
        }
        if !self.at_token_end() {
            return Err(expected(self));
        }
        Ok((total, negative))
    }

    /// `flag` (1.7) for a bit-set field: `0`, a decimal mask, or letters
    /// (`A`..`Z` = bits 0..25, `a`..`f` = 26..31), parts joined by `|` are
    /// OR-ed. Never negative.
    pub fn flag(&mut self) -> Result<Flags> {
        self.flag_parts(false).map(|(v, _)| Flags::from(v))
    }

    /// `flag` (1.7) for an object value field: like [`Reader::flag`] but a
    /// leading `-` negates, and the 32-bit result is read as two's
    /// complement (so `ABC...Zabcdef` is -1, as in ROM).
    pub fn flag_value(&mut self) -> Result<i32> {
        let (v, negative) = self.flag_parts(true)?;
        let v = i32::from_ne_bytes(v.to_ne_bytes());
        Ok(if negative { v.wrapping_neg() } else { v })
    }

    /// Dice `NdS+B` (1.9); a negative bonus is written `NdS+-B`. Blanks
    /// between the parts are allowed, as in ROM.
    pub fn dice(&mut self) -> Result<Dice> {
        let s = self.begin();
        let start = self.start;
        let bad = |me: &Self| {
            SyntaxError::new(
                start,
                format!("expected dice 'NdS+B', found {}", me.describe(s)),
            )
        };
        let number = self.number_term().map_err(|_| bad(self))?;
        self.skip_ws();
        if !matches!(self.peek_byte(), Some(b'd' | b'D')) {
            return Err(bad(self));
        }
        self.at += 1;
        self.skip_ws();
        let size = self.number_term().map_err(|_| bad(self))?;
        self.skip_ws();
        match self.peek_byte() {
            Some(b'+') => self.at += 1,
            Some(b'-') => {
                return Err(SyntaxError::new(
                    start,
                    format!(
                        "dice {}: write a negative bonus as 'NdS+-B' (ROM reads 'NdS-B' as +B)",
                        self.describe(s)
                    ),
                ))
            }
            _ => return Err(bad(self)),
        }
        self.skip_ws();
        let bonus = self.number_term().map_err(|_| bad(self))?;
        if !self.at_token_end() {
            return Err(bad(self));
        }
        Ok(Dice {
            number,
            size,
            bonus,
        })
    }

    /// `to_eol` (1.8): up to and including the first LF or CR, plus any run
    /// of LF/CR right after it. End of file counts as end of line.
    pub fn to_eol(&mut self) {
        let buf = self.buf;
        let mut end = buf[self.at..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(buf.len(), |n| self.at + n);
        while end < buf.len() && (buf[end] == b'\n' || buf[end] == b'\r') {
            end += 1;
        }
        self.advance_to(end);
    }

    /// The position of the first non-blank byte left, if any (for text after
    /// `#$`).
    pub fn trailing_text(&mut self) -> Option<Pos> {
        (!self.at_eof()).then(|| self.pos())
    }

    /// Goes back to `mark` and then to the start of the line after it.
    pub fn skip_line_after(&mut self, mark: Mark) {
        self.reset(mark);
        let buf = self.buf;
        let end = buf[self.at..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(buf.len(), |n| self.at + n + 1);
        self.advance_to(end);
    }

    /// Resynchronises after an error: moves to the first line after `mark`'s
    /// line whose first byte is `#` and for which `accept` holds (given the
    /// line's bytes). Returns false (at end of file) when there is none.
    fn resync_to(&mut self, mark: Mark, accept: impl Fn(&[u8]) -> bool) -> bool {
        self.reset(mark);
        let buf = self.buf;
        while let Some(line_end) = self.next_line() {
            let line = &buf[self.at..line_end];
            if line.first() == Some(&b'#') && accept(line) {
                return true;
            }
        }
        false
    }

    /// Moves to the start of the next line and returns where that line ends
    /// (its `\n` or the end of the buffer); at the last line, moves to the
    /// end of the buffer and returns `None`.
    fn next_line(&mut self) -> Option<usize> {
        let buf = self.buf;
        let Some(n) = buf[self.at..].iter().position(|&c| c == b'\n') else {
            self.advance_to(buf.len());
            return None;
        };
        self.advance_to(self.at + n + 1);
        let line_end = buf[self.at..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(buf.len(), |m| self.at + m);
        Some(line_end)
    }

    /// Resynchronises at the next line starting with `#` after `mark`.
    pub fn resync_record(&mut self, mark: Mark) -> bool {
        self.resync_to(mark, |_| true)
    }

    /// Resynchronises at the next section header (`#NAME` with a known name,
    /// or `#$`) after `mark`.
    pub fn resync_section(&mut self, mark: Mark) -> bool {
        self.resync_to(mark, |line| {
            let name: Vec<u8> = line[1..]
                .iter()
                .copied()
                .skip_while(|&c| is_space(c))
                .take_while(|&c| !is_space(c))
                .collect();
            name.first() == Some(&b'$')
                || SECTION_NAMES
                    .iter()
                    .any(|s| s.as_bytes().eq_ignore_ascii_case(&name))
        })
    }

    /// Resynchronises inside `#HELPS`: moves past the next line after `mark`
    /// that holds only `~` (the usual end of a help text) and returns true,
    /// or stops at a line starting with `#` and returns false.
    pub fn resync_help(&mut self, mark: Mark) -> bool {
        self.reset(mark);
        let buf = self.buf;
        while let Some(line_end) = self.next_line() {
            let line = &buf[self.at..line_end];
            if line.first() == Some(&b'#') {
                return false;
            }
            let trimmed_len = line
                .iter()
                .rposition(|&c| !is_space(c))
                .map_or(0, |i| i + 1);
            if &line[..trimmed_len] == b"~" {
                self.advance_to(line_end);
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    #[test]
    fn letter_skips_whitespace_and_records_start() {
        let mut r = Reader::new(b"  \n\t X");
        assert_eq!(r.letter("x"), Ok(b'X'));
        assert_eq!(r.token_start(), p(2, 3));
        let e = r.letter("'S'").unwrap_err();
        assert_eq!(e.pos, p(2, 4));
        assert_eq!(e.message, "unexpected end of file, expected 'S'");
    }

    #[test]
    fn word_bare_and_quoted() {
        let mut r = Reader::new(b"stand  'detect invis' ''\n\"a'b\"\n'two\nlines' x~|y");
        assert_eq!(r.word().unwrap(), b"stand");
        assert_eq!(r.word().unwrap(), b"detect invis");
        assert_eq!(r.token_start(), p(1, 8));
        assert_eq!(r.word().unwrap(), b"");
        assert_eq!(r.word().unwrap(), b"a'b");
        assert_eq!(r.token_start(), p(2, 1));
        assert_eq!(r.word().unwrap(), b"two\nlines");
        assert_eq!(r.word().unwrap(), b"x~|y");
        assert_eq!(r.token_start(), p(4, 8));
    }

    #[test]
    fn word_errors() {
        let mut r = Reader::new(b"\n  'open ended");
        let e = r.word().unwrap_err();
        assert_eq!(e.pos, p(2, 3));
        assert!(
            e.message.contains("unterminated quoted word"),
            "{}",
            e.message
        );
        let long = vec![b'x'; 300];
        let e = Reader::new(&long).word().unwrap_err();
        assert!(e.message.contains("longer than 255"));
        assert!(Reader::new(b"   ").word().is_err());
    }

    #[test]
    fn string_strips_leading_blanks_keeps_trailing_and_drops_cr() {
        let mut r = Reader::new(b"  \n  Hello \r\nworld \n~ next~~");
        assert_eq!(r.string().unwrap(), "Hello \nworld \n");
        assert_eq!(r.token_start(), p(2, 3));
        assert_eq!(r.string().unwrap(), "next");
        assert_eq!(r.string().unwrap(), "");
        assert_eq!(r.pos(), p(4, 9));
    }

    #[test]
    fn string_is_latin1() {
        let mut r = Reader::new(b"caf\xe9 \xff~");
        assert_eq!(r.string().unwrap(), "caf\u{e9} \u{ff}");
    }

    #[test]
    fn missing_tilde_reports_the_line_where_the_string_started() {
        let mut r = Reader::new(b"name~\n\nA room with no end\nand more text\n");
        r.string().unwrap();
        let e = r.string().unwrap_err();
        assert_eq!(e.pos, p(3, 1));
        assert!(e.message.contains("end of file before its closing '~'"));
    }

    #[test]
    fn missing_tilde_before_next_record_is_caught() {
        let mut r = Reader::new(b"Short name\n0 0 0\n#3002\nNext room~\n");
        let e = r.string().unwrap_err();
        assert_eq!(e.pos, p(1, 1));
        assert_eq!(
            e.message,
            "unterminated string: no '~' before line 3, which starts '#3002'"
        );
        // A '#' inside ordinary text is fine.
        let mut r = Reader::new(b"Sign #1 rule\n#1 rule\n~");
        assert_eq!(r.string().unwrap(), "Sign #1 rule\n#1 rule\n");
    }

    #[test]
    fn unterminated_strings_cost_only_their_own_length() {
        // Found with the fuzz harness (a large input run through `replay`):
        // every record whose string ran into the next '#<vnum>' line scanned
        // the rest of the file for a '~' first, so a file of such records
        // took quadratic time (230 KB: 0.75 s).
        let n = 40_000;
        let mut text = Vec::new();
        for i in 0..n {
            text.extend(format!("#{i}\nname\n").bytes());
        }
        text.extend(b"last~");
        let started = std::time::Instant::now();
        let mut r = Reader::new(&text);
        let mut errors = Vec::new();
        while !r.at_eof() {
            let m = r.mark();
            r.word().unwrap();
            match r.string() {
                Ok(s) => assert_eq!(s, "name\nlast"),
                Err(e) => {
                    errors.push(e);
                    assert!(r.resync_record(m));
                }
            }
        }
        assert_eq!(errors.len(), n - 1);
        assert_eq!(errors[0].pos, p(2, 1));
        assert_eq!(
            errors[0].message,
            "unterminated string: no '~' before line 3, which starts '#1'"
        );
        let took = started.elapsed();
        assert!(took.as_secs() < 5, "took {took:?}");
        // No '~' left at all: the end-of-file message, markers or not.
        let mut r = Reader::new(b"a~ b\n#2\n");
        assert_eq!(r.string().unwrap(), "a");
        let e = r.string().unwrap_err();
        assert!(e.message.contains("end of file before its closing '~'"));
    }

    #[test]
    fn messages_quote_a_long_run_without_blanks_briefly() {
        let mut text = b"12".to_vec();
        text.extend(std::iter::repeat_n(b'x', 100_000));
        let e = Reader::new(&text).number().unwrap_err();
        assert_eq!(
            e.message,
            format!("expected a number, found '12{}...'", "x".repeat(22))
        );
    }

    #[test]
    fn string_eol_skips_blank_lines_keeps_trailing_spaces() {
        let mut r = Reader::new(b"\n   \n  hello there  \r\n$\nlast");
        assert_eq!(r.string_eol().unwrap(), "hello there  ");
        assert_eq!(r.token_start(), p(3, 3));
        assert_eq!(r.string_eol().unwrap(), "$");
        assert_eq!(r.string_eol().unwrap(), "last");
        assert!(r.string_eol().is_err());
    }

    #[test]
    fn numbers() {
        let mut r = Reader::new(b"0 -15 +7 1|2|4 -1|5\n 2147483647 -2147483648");
        assert_eq!(r.number(), Ok(0));
        assert_eq!(r.number(), Ok(-15));
        assert_eq!(r.number(), Ok(7));
        assert_eq!(r.number(), Ok(7));
        assert_eq!(r.number(), Ok(4));
        assert_eq!(r.number(), Ok(i32::MAX));
        assert_eq!(r.token_start(), p(2, 2));
        assert_eq!(r.number(), Ok(i32::MIN));
    }

    #[test]
    fn bad_numbers() {
        let e = Reader::new(b"\n  XX00 XX99").number().unwrap_err();
        assert_eq!(e.pos, p(2, 3));
        assert_eq!(e.message, "expected a number, found 'XX00'");
        let e = Reader::new(b"12x").number().unwrap_err();
        assert_eq!(e.message, "expected a number, found '12x'");
        let e = Reader::new(b"- 5").number().unwrap_err();
        assert_eq!(e.pos, p(1, 1));
        let e = Reader::new(b"99999999999").number().unwrap_err();
        assert!(e.message.contains("does not fit"), "{}", e.message);
        let e = Reader::new(b"").number().unwrap_err();
        assert_eq!(e.message, "expected a number, found end of file");
    }

    #[test]
    fn flags() {
        let mut r = Reader::new(b"0 ABJKRVb 24 A|B C|\n D f");
        assert_eq!(r.flag(), Ok(0));
        assert_eq!(
            r.flag(),
            Ok(1 | 2 | 1 << 9 | 1 << 10 | 1 << 17 | 1 << 21 | 1 << 27)
        );
        assert_eq!(r.flag(), Ok(24));
        assert_eq!(r.flag(), Ok(3));
        assert_eq!(r.flag(), Ok(12));
        assert_eq!(r.flag(), Ok(1 << 31));
        assert!(r.take_warnings().is_empty());
    }

    #[test]
    fn flag_errors_and_warnings() {
        let e = Reader::new(b"ABg").flag().unwrap_err();
        assert_eq!(e.pos, p(1, 3));
        assert!(e.message.starts_with("'g' is not a flag letter"));
        let e = Reader::new(b" A1").flag().unwrap_err();
        assert_eq!(e.pos, p(1, 2));
        assert!(e.message.contains("letters followed by digits"));
        let e = Reader::new(b"\n~").flag().unwrap_err();
        assert_eq!(e.pos, p(2, 1));
        assert!(e.message.starts_with("expected a flag set"));
        let e = Reader::new(b"-1").flag().unwrap_err();
        assert!(e.message.contains("cannot be negative"));
        let mut r = Reader::new(b"AAB");
        assert_eq!(r.flag(), Ok(3));
        let w = r.take_warnings();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, p(1, 2));
    }

    #[test]
    fn flag_values_allow_negatives_and_wrap() {
        let mut r = Reader::new(b"-2 -1|2 ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef AC 100000");
        assert_eq!(r.flag_value(), Ok(-2));
        assert_eq!(r.flag_value(), Ok(-3));
        assert_eq!(r.flag_value(), Ok(-1));
        assert_eq!(r.flag_value(), Ok(5));
        assert_eq!(r.flag_value(), Ok(100_000));
    }

    #[test]
    fn dice() {
        let mut r = Reader::new(b"1d8+32 2d6+-1 3 d 4 + 5");
        assert_eq!(
            r.dice().unwrap(),
            Dice {
                number: 1,
                size: 8,
                bonus: 32
            }
        );
        assert_eq!(
            r.dice().unwrap(),
            Dice {
                number: 2,
                size: 6,
                bonus: -1
            }
        );
        assert_eq!(
            r.dice().unwrap(),
            Dice {
                number: 3,
                size: 4,
                bonus: 5
            }
        );
        let e = Reader::new(b"  2d6-1").dice().unwrap_err();
        assert_eq!(e.pos, p(1, 3));
        assert!(e.message.contains("'NdS+-B'"), "{}", e.message);
        let e = Reader::new(b"2x6+1").dice().unwrap_err();
        assert_eq!(e.message, "expected dice 'NdS+B', found '2x6+1'");
        let e = Reader::new(b"2d6+1x").dice().unwrap_err();
        assert_eq!(e.message, "expected dice 'NdS+B', found '2d6+1x'");
    }

    #[test]
    fn to_eol_eats_the_line_and_following_line_breaks() {
        let mut r = Reader::new(b"* comment\r\n\n\n  next\n");
        r.letter("x").unwrap();
        r.to_eol();
        assert_eq!(r.pos(), p(4, 1));
        assert_eq!(r.word().unwrap(), b"next");
        r.to_eol();
        r.to_eol();
        assert!(r.at_eof());
    }

    #[test]
    fn crlf_counts_lines_once() {
        let mut r = Reader::new(b"a\r\nb\r\n c");
        r.word().unwrap();
        r.word().unwrap();
        r.word().unwrap();
        assert_eq!(r.token_start(), p(3, 2));
    }

    #[test]
    fn resync_moves_to_the_next_hash_line() {
        let text = b"#3001\nbad stuff\n  #not at col 1\n#3002\n";
        let mut r = Reader::new(text);
        let m = r.mark();
        r.word().unwrap();
        r.word().unwrap();
        assert!(r.resync_record(m));
        assert_eq!(r.pos(), p(4, 1));
        assert_eq!(r.word().unwrap(), b"#3002");
        let mut r = Reader::new(b"#FOO\n#3001\n#ROOMS\n");
        let m = r.mark();
        assert!(r.resync_section(m));
        assert_eq!(r.pos(), p(3, 1));
    }

    #[test]
    fn resync_help_skips_past_lone_tilde() {
        let mut r = Reader::new(b"x\ntext\n~ \n0 next~\n");
        let m = r.mark();
        assert!(r.resync_help(m));
        assert_eq!(r.number(), Ok(0));
    }
}
