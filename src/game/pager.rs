//! The pager (ROM's `show_string`): a command's answer longer than the
//! player's `scroll` length is shown a page at a time, each page followed by
//! "[Hit Return to continue]".
//!
//! It lives on the connection's session, between the game's output queue
//! and the net layer (`Game::take_output`), so commands never know about it.
//! While a page waits, the next line typed answers the pager and is not a
//! command: Return or `c` shows the next page, `r` shows the same page again,
//! `b` the page before, and `q` (or anything else, as in ROM) stops paging.
//! Text that arrives meanwhile (tells, fights) is sent at once.
//!
//! Departures from ROM: paging is off until a player sets `scroll <lines>`
//! (ROM pages at 22 lines from creation), so scripts and clients that read
//! long answers are not stopped by surprise; `b` (back a page) is ours; all
//! output is paged, not only what a command sends with `page_to_char`, but
//! only the answer to a typed line. A page still waiting at a copyover is
//! dropped (the `scroll` setting itself is in the player file).

/// What the pager shows after each page.
pub const CONTINUE: &str = "\n[Hit Return to continue]\n";

/// A long text being shown a page at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pager {
    text: String,
    /// Byte offsets of the first line of every page.
    starts: Vec<usize>,
    /// The page on screen.
    page: usize,
}

impl Pager {
    /// Split `text` into pages of `lines` lines: `None` when it fits on one.
    pub fn new(text: &str, lines: usize) -> Option<Pager> {
        let lines = lines.max(1);
        let mut starts = vec![0];
        let mut count = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                count += 1;
                if count == lines && i + 1 < text.len() {
                    starts.push(i + 1);
                    count = 0;
                }
            }
        }
        if starts.len() < 2 {
            return None;
        }
        Some(Pager {
            text: text.to_string(),
            starts,
            page: 0,
        })
    }

    /// The page on screen, with the continue line when more follows.
    pub fn current(&self) -> String {
        let start = self.starts.get(self.page).copied().unwrap_or(0);
        let end = self
            .starts
            .get(self.page + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut out = self.text.get(start..end).unwrap_or("").to_string();
        if self.page + 1 < self.starts.len() {
            out.push_str(CONTINUE);
        }
        out
    }

    /// Answer the pager with a typed line: the text to show, and whether
    /// paging goes on.
    pub fn input(&mut self, line: &str) -> (String, bool) {
        let word = line.trim().to_ascii_lowercase();
        match word.as_str() {
            "" | "c" => self.page += 1,
            "r" => {}
            "b" => self.page = self.page.saturating_sub(1),
            _ => return (String::new(), false),
        }
        let more = self.page + 1 < self.starts.len();
        if self.page >= self.starts.len() {
            return (String::new(), false);
        }
        (self.current(), more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: usize) -> String {
        (1..=n).map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn short_text_is_not_paged() {
        assert!(Pager::new(&text(20), 20).is_none());
        assert!(Pager::new(&text(21), 20).is_some());
    }

    #[test]
    fn pages_continue_refresh_go_back_and_quit() {
        let mut p = Pager::new(&text(45), 20).expect("paged");
        let first = p.current();
        assert!(first.starts_with("line 1\n") && first.contains("line 20\n"));
        assert!(!first.contains("line 21\n") && first.ends_with(CONTINUE));
        let (again, more) = p.input("r");
        assert_eq!((again.as_str(), more), (first.as_str(), true));
        let (second, more) = p.input("");
        assert!(more && second.starts_with("line 21\n") && second.contains("line 40\n"));
        let (back, _) = p.input("b");
        assert_eq!(back, first);
        let (_, _) = p.input("c");
        let (last, more) = p.input("c");
        assert!(!more && last.starts_with("line 41\n") && last.ends_with("line 45\n"));
        assert!(!last.contains("Hit Return"));
        let mut q = Pager::new(&text(45), 20).expect("paged");
        assert_eq!(q.input("q"), (String::new(), false));
    }
}
