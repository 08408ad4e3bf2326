//! ROM/Lope colour codes (`{r`, `{G`, `{x`, ...) rendered for one client, and
//! colour-aware word wrapping.
//!
//! Game text carries colour as a brace and one letter; the descriptor decides
//! how to show it, at a [`Level`]: removed (colour off, or a screen reader),
//! ANSI 16 colours (the default), or xterm 256 / truecolour when the client's
//! MTTS bits say it can. `{{` is a literal brace; an unknown code (and a
//! brace at the very end of the text) is dropped.
//!
//! Codes:
//! - `{r {g {y {b {m {c {w` normal colours, `{D` dark grey, `{R {G {Y {B {M
//!   {C {W` bright ones, `{x` reset;
//! - `{=NNN` (three digits, 000-255) an xterm 256 colour;
//! - `{#RRGGBB` a truecolour (hex);
//!
//! and the richer codes fall back to the nearest colour the client has.

/// How much colour a connection gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// No escapes at all.
    None,
    /// The 16 ANSI colours.
    #[default]
    Ansi16,
    /// xterm 256 colours.
    Xterm256,
    /// 24-bit colour.
    TrueColor,
}

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

/// The 16 ANSI colours as RGB (xterm defaults), normal then bright.
const PALETTE16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The RGB of an xterm 256 colour.
fn rgb_of_256(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => PALETTE16[n as usize],
        16..=231 => {
            let i = n - 16;
            let step = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (step(i / 36), step((i / 6) % 6), step(i % 6))
        }
        _ => {
            let g = 8 + (n - 232) * 10;
            (g, g, g)
        }
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (x as i32 - y as i32).unsigned_abs();
    d(a.0, b.0).pow(2) + d(a.1, b.1).pow(2) + d(a.2, b.2).pow(2)
}

/// The nearest xterm 256 colour (cube or grey ramp) to an RGB value.
fn nearest_256(c: (u8, u8, u8)) -> u8 {
    let cube = |v: u8| -> u8 {
        if v < 48 {
            0
        } else if v < 115 {
            1
        } else {
            (v - 35) / 40
        }
    };
    let idx = 16 + 36 * cube(c.0) + 6 * cube(c.1) + cube(c.2);
    let avg = ((c.0 as u32 + c.1 as u32 + c.2 as u32) / 3) as u8;
    let grey = if avg > 238 {
        255
    } else {
        232 + avg.saturating_sub(3) / 10
    };
    if dist(rgb_of_256(grey), c) < dist(rgb_of_256(idx), c) {
        grey
    } else {
        idx
    }
}

/// The nearest of the 16 ANSI colours, as an SGR sequence.
fn nearest_16(c: (u8, u8, u8)) -> String {
    let (i, _) = PALETTE16
        .iter()
        .enumerate()
        .map(|(i, &p)| (i, dist(p, c)))
        .min_by_key(|&(_, d)| d)
        .unwrap_or((7, 0));
    format!("\x1b[{};3{}m", if i >= 8 { 1 } else { 0 }, i % 8)
}

/// Append the sequence for an RGB colour at `level`.
fn push_rgb(c: (u8, u8, u8), level: Level, out: &mut String) {
    match level {
        Level::None => {}
        Level::Ansi16 => out.push_str(&nearest_16(c)),
        Level::Xterm256 => out.push_str(&format!("\x1b[38;5;{}m", nearest_256(c))),
        Level::TrueColor => out.push_str(&format!("\x1b[38;2;{};{};{}m", c.0, c.1, c.2)),
    }
}

/// A colour named by an extended code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rich {
    /// `{=NNN`: an xterm 256 colour index.
    Index(u8),
    /// `{#RRGGBB`.
    Rgb(u8, u8, u8),
}

/// Read the argument of an extended code (`{=NNN`, `{#RRGGBB`) after its
/// code letter: the colour and the bytes it used.
fn extended(code: char, rest: &str) -> Option<(Rich, usize)> {
    match code {
        '=' => {
            let d = rest.get(..3)?;
            if !d.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n = u8::try_from(d.parse::<u16>().ok()?).ok()?;
            Some((Rich::Index(n), 3))
        }
        '#' => {
            let h = rest.get(..6)?;
            if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let v = u32::from_str_radix(h, 16).ok()?;
            Some((Rich::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8), 6))
        }
        _ => None,
    }
}

/// Append the sequence for a rich colour at `level`.
fn push_rich(c: Rich, level: Level, out: &mut String) {
    match (c, level) {
        (_, Level::None) => {}
        (Rich::Index(n), Level::Xterm256 | Level::TrueColor) => {
            out.push_str(&format!("\x1b[38;5;{n}m"))
        }
        (Rich::Index(n), Level::Ansi16) => out.push_str(&nearest_16(rgb_of_256(n))),
        (Rich::Rgb(r, g, b), l) => push_rgb((r, g, b), l, out),
    }
}

/// Append `text` with colour codes rendered at `level`.
pub fn render_level_into(text: &str, level: Level, out: &mut String) {
    let mut rest = text;
    while let Some(p) = rest.find('{') {
        out.push_str(&rest[..p]);
        rest = &rest[p + 1..];
        let Some(code) = rest.chars().next() else {
            break;
        };
        rest = &rest[code.len_utf8()..];
        if code == '{' {
            out.push('{');
            continue;
        }
        if let Some((rich, used)) = extended(code, rest) {
            rest = &rest[used..];
            push_rich(rich, level, out);
            continue;
        }
        if level != Level::None {
            if let Some(seq) = ansi_code(code) {
                out.push_str(seq);
            }
        }
    }
    out.push_str(rest);
}

/// Append `text` with colour codes turned into ANSI escapes
/// (`ansi == true`) or removed (`ansi == false`).
pub fn render_into(text: &str, ansi: bool, out: &mut String) {
    render_level_into(text, if ansi { Level::Ansi16 } else { Level::None }, out);
}

/// `text` with colour codes rendered (see [`render_into`]).
pub fn render(text: &str, ansi: bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    render_into(text, ansi, &mut out);
    out
}

/// `text` rendered at `level`.
pub fn render_level(text: &str, level: Level) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    render_level_into(text, level, &mut out);
    out
}

/// How many columns `word` takes on screen (colour codes take none).
fn visible_width(word: &str) -> usize {
    let mut n = 0;
    let mut rest = word;
    while let Some(p) = rest.find('{') {
        n += rest[..p].chars().count();
        rest = &rest[p + 1..];
        let Some(code) = rest.chars().next() else {
            return n;
        };
        rest = &rest[code.len_utf8()..];
        if code == '{' {
            n += 1;
        } else if let Some((_, used)) = extended(code, rest) {
            rest = &rest[used..];
        }
    }
    n + rest.chars().count()
}

/// Word-wrap every line of `text` that is wider than `width` columns
/// (colour codes count as nothing). Lines are broken at spaces; a word longer
/// than the width is cut. Existing line ends and leading indentation stay.
pub fn wrap(text: &str, width: usize) -> String {
    let width = width.max(10);
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line_cr = line.strip_suffix('\r');
        let (line, cr) = match line_cr {
            Some(l) => (l, "\r"),
            None => (line, ""),
        };
        if visible_width(line) <= width {
            out.push_str(line);
            out.push_str(cr);
            continue;
        }
        let indent_len = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&line[..indent_len]);
        let mut col = indent_len;
        let mut first = true;
        for word in line[indent_len..].split(' ').filter(|w| !w.is_empty()) {
            let mut w = word;
            let mut ww = visible_width(w);
            if !first && col + 1 + ww > width {
                out.push('\n');
                col = 0;
            } else if !first {
                out.push(' ');
                col += 1;
            }
            first = false;
            // A word wider than the line: cut it.
            while ww > width.saturating_sub(col) && col + ww > width {
                if col >= width {
                    // Indentation (or a word) already fills the line.
                    out.push('\n');
                    col = 0;
                    continue;
                }
                let room = width - col;
                let cut = w.char_indices().nth(room).map_or(w.len(), |(i, _)| i);
                if cut == 0 {
                    break;
                }
                out.push_str(&w[..cut]);
                out.push('\n');
                col = 0;
                w = &w[cut..];
                ww = visible_width(w);
            }
            out.push_str(w);
            col += ww;
        }
        out.push_str(cr);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random strings mixing colour codes (`{r`, `{=NNN`, `{#RRGGBB`, cut
    /// short too), multi-byte letters, emoji, combining marks, C1 controls
    /// and newlines, rendered at every level and wrapped at odd widths:
    /// nothing may panic (the `text` fuzz target runs this for longer).
    #[test]
    fn arbitrary_utf8_renders_and_wraps() {
        const POOL: &[&str] = &[
            "a",
            " ",
            "{",
            "{r",
            "{x",
            "{{",
            "{=",
            "{=1",
            "{=255",
            "{=999",
            "{#",
            "{#ff",
            "{#ffffff",
            "{#gg0000",
            "\u{e9}",
            "\u{1f600}",
            "\u{301}",
            "\u{85}",
            "\u{9b}",
            "\n",
            "\r",
            "\t",
            "word",
            "\u{3000}",
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = next(14);
            let text: String = (0..len).map(|_| POOL[next(POOL.len())]).collect();
            for level in [
                Level::None,
                Level::Ansi16,
                Level::Xterm256,
                Level::TrueColor,
            ] {
                let _ = render_level(&text, level);
            }
            let _ = render(&text, false);
            for width in [1, 2, 7, 20] {
                let _ = wrap(&text, width);
            }
        }
    }

    /// Found by the `text` fuzz target: indentation wider than the wrap
    /// width, then a long word (an underflow in the cut).
    #[test]
    fn wrap_survives_indentation_wider_than_the_line() {
        let line = format!("{}{}", " ".repeat(12), "x".repeat(30));
        let out = wrap(&line, 10);
        assert!(out.lines().all(|l| l.chars().count() <= 12), "{out:?}");
        assert_eq!(out.replace(['\n', ' '], ""), "x".repeat(30));
        let fuzzed = String::from_utf8_lossy(&[
            32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 29, 29, 64, 36, 36, 36, 32, 29, 29, 64, 36,
            36, 36,
        ])
        .into_owned();
        let _ = wrap(&fuzzed, 1);
    }

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
        assert_eq!(
            render_level("{=196red{#00ff00green{x", Level::None),
            "redgreen"
        );
    }

    #[test]
    fn rich_codes_fall_back_by_level() {
        let t = "{=196a{#00ff00b";
        assert_eq!(
            render_level(t, Level::TrueColor),
            "\x1b[38;5;196ma\x1b[38;2;0;255;0mb"
        );
        assert_eq!(
            render_level(t, Level::Xterm256),
            "\x1b[38;5;196ma\x1b[38;5;46mb"
        );
        assert_eq!(render_level(t, Level::Ansi16), "\x1b[1;31ma\x1b[1;32mb");
        // Malformed rich codes drop just the code.
        assert_eq!(render_level("{=9x{#12", Level::TrueColor), "9x12");
        assert_eq!(render_level("{=999", Level::Xterm256), "999");
        // Grey maps to the grey ramp.
        assert_eq!(render_level("{#808080", Level::Xterm256), "\x1b[38;5;244m");
    }

    #[test]
    fn wrap_counts_visible_columns_only() {
        let text = "{rThe quick{x brown fox jumps over the lazy dog";
        let w = wrap(text, 20);
        for line in w.split('\n') {
            assert!(visible_width(line) <= 20, "{line:?}");
        }
        assert_eq!(render(&w, false).replace('\n', " "), render(text, false));
        assert_eq!(wrap("short\nlines\n", 20), "short\nlines\n");
        assert_eq!(
            wrap("  indented words that go on and on", 16),
            "  indented words\nthat go on and\non"
        );
        let long = "x".repeat(25);
        assert_eq!(
            wrap(&long, 10),
            format!("{}\n{}\n{}", "x".repeat(10), "x".repeat(10), "x".repeat(5))
        );
        assert_eq!(wrap("a\r\nb", 10), "a\r\nb");
    }
}
