//! ROM colour codes (`{r`, `{G`, `{x`, ...) rendered as ANSI escapes, or removed.
//!
//! Game text carries colour as a brace and one letter; the descriptor decides
//! how to show it. `{{` is a literal brace; an unknown code (and a brace at the
//! very end of the text) is dropped.

/// The ANSI sequence for one colour code letter, if it is one.
pub fn ansi_code(c: char) -> Option<&'static str> {
    Some(match c {
        'x' => "\x1b[0m",
        'r' => "\x1b[0;31m",
        'g' => "\x1b[0;32m",
        'y' => "\x1b[0;33m",
        'b' => "\x1b[0;34m",
        'm' => "\x1b[0;35m",
        'c' => "\x1b[0;36m",
        'w' => "\x1b[0;37m",
        'D' => "\x1b[1;30m",
        'R' => "\x1b[1;31m",
        'G' => "\x1b[1;32m",
        'Y' => "\x1b[1;33m",
        'B' => "\x1b[1;34m",
        'M' => "\x1b[1;35m",
        'C' => "\x1b[1;36m",
        'W' => "\x1b[1;37m",
        _ => return None,
    })
}

/// Append `text` to `out` with colour codes turned into ANSI escapes
/// (`ansi == true`) or removed (`ansi == false`).
pub fn render_into(text: &str, ansi: bool, out: &mut String) {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '{' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('{') => out.push('{'),
            Some(code) if ansi => {
                if let Some(seq) = ansi_code(code) {
                    out.push_str(seq);
                }
            }
            // Stripped, unknown, or a brace at the very end: nothing shown.
            _ => {}
        }
    }
}

/// `text` with colour codes rendered (see [`render_into`]).
pub fn render(text: &str, ansi: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    render_into(text, ansi, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_renders() {
        let codes = "rgbcmywDRGBCMYWx";
        for c in codes.chars() {
            let s = render(&format!("{{{c}a"), true);
            assert!(s.starts_with("\x1b["), "{c}: {s:?}");
            assert!(s.ends_with("ma"), "{c}: {s:?}");
        }
        assert_eq!(render("{rred{x", true), "\x1b[0;31mred\x1b[0m");
        assert_eq!(render("{Rbright", true), "\x1b[1;31mbright");
        assert_eq!(render("{Ddark", true), "\x1b[1;30mdark");
    }

    #[test]
    fn literal_brace_unknown_code_and_trailing_brace() {
        assert_eq!(render("a {{ b", true), "a { b");
        assert_eq!(render("a {{ b", false), "a { b");
        assert_eq!(render("a{qb", true), "ab");
        assert_eq!(render("end{", true), "end");
        assert_eq!(render("{{{r{{", true), "{\x1b[0;31m{");
        assert_eq!(render("caf\u{e9} {\u{e9}ok", true), "caf\u{e9} ok");
    }

    #[test]
    fn stripped_when_colour_is_off() {
        assert_eq!(render("{gHello{x, {Wworld{x!", false), "Hello, world!");
        assert_eq!(render("no codes\n", false), "no codes\n");
    }
}
