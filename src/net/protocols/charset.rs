//! CHARSET (RFC 2066): agreeing on UTF-8, and staying 7-bit safe otherwise.
//!
//! The server offers `IAC WILL CHARSET`; once the client agrees it sends
//! `REQUEST ";UTF-8;US-ASCII"`, and the client answers `ACCEPTED <name>` or
//! `REJECTED`. A client may also ask us (`REQUEST` from its side): we accept
//! UTF-8 when it is listed and reject anything else. Until UTF-8 is agreed
//! (by CHARSET, or by the MTTS UTF-8 bit) output goes through [`to_ascii`]:
//! common letters lose their accents, typographic punctuation becomes its
//! ASCII look-alike, and anything else becomes `?`.

pub const REQUEST: u8 = 1;
pub const ACCEPTED: u8 = 2;
pub const REJECTED: u8 = 3;
pub const TTABLE_IS: u8 = 4;
pub const TTABLE_REJECTED: u8 = 5;
pub const TTABLE_ACK: u8 = 6;
pub const TTABLE_NAK: u8 = 7;

/// The payload of our request.
pub fn request() -> Vec<u8> {
    let mut v = vec![REQUEST];
    v.extend_from_slice(b";UTF-8;US-ASCII");
    v
}

/// What a CHARSET subnegotiation said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// The client accepted one of our charsets.
    Accepted(String),
    /// The client accepted none.
    Rejected,
    /// The client asks us to pick one of these.
    Request(Vec<String>),
    /// Translation tables and anything else: not supported.
    Other,
}

/// Parse a CHARSET payload.
pub fn parse(data: &[u8]) -> Message {
    match data.split_first() {
        Some((&ACCEPTED, name)) => {
            Message::Accepted(String::from_utf8_lossy(name).trim().to_string())
        }
        Some((&REJECTED, _)) => Message::Rejected,
        Some((&REQUEST, rest)) => {
            // An optional "[TTABLE]" and a version byte come first.
            let rest = match rest.strip_prefix(b"[TTABLE]") {
                Some(r) => r.get(1..).unwrap_or(&[]),
                None => rest,
            };
            let Some((&sep, names)) = rest.split_first() else {
                return Message::Request(Vec::new());
            };
            Message::Request(
                names
                    .split(|&b| b == sep)
                    .take(32)
                    .map(|n| String::from_utf8_lossy(n).trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect(),
            )
        }
        _ => Message::Other,
    }
}

/// Is this charset name UTF-8?
pub fn is_utf8(name: &str) -> bool {
    name.eq_ignore_ascii_case("UTF-8") || name.eq_ignore_ascii_case("UTF8")
}

/// Our answer to a client's REQUEST.
pub fn answer(names: &[String]) -> Vec<u8> {
    match names.iter().find(|n| is_utf8(n)) {
        Some(n) => {
            let mut v = vec![ACCEPTED];
            v.extend_from_slice(n.as_bytes());
            v
        }
        None => vec![REJECTED],
    }
}

/// The ASCII look-alike of one character, if there is a good one.
fn ascii_of(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' => "A",
        'Æ' => "AE",
        'Ç' => "C",
        'È'..='Ë' => "E",
        'Ì'..='Ï' => "I",
        'Ð' => "D",
        'Ñ' => "N",
        'Ò'..='Ö' | 'Ø' => "O",
        '×' => "x",
        'Ù'..='Ü' => "U",
        'Ý' => "Y",
        'Þ' => "Th",
        'ß' => "ss",
        'à'..='å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' => "o",
        '÷' => "/",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        'Œ' => "OE",
        'œ' => "oe",
        '\u{a0}' => " ",
        '«' => "<<",
        '»' => ">>",
        '©' => "(c)",
        '®' => "(R)",
        '°' => "o",
        '±' => "+/-",
        '·' | '•' => "*",
        '‘' | '’' | '‚' | '′' => "'",
        '“' | '”' | '„' | '″' => "\"",
        '–' | '—' | '‐' | '‑' | '−' => "-",
        '…' => "...",
        '€' => "EUR",
        '£' => "GBP",
        '™' => "(TM)",
        _ => return None,
    })
}

/// Append `text` made 7-bit safe (see the module docs).
pub fn to_ascii_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(s) = ascii_of(c) {
            out.push_str(s);
        } else {
            out.push('?');
        }
    }
}

/// `text` made 7-bit safe.
pub fn to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    to_ascii_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_answers_and_requests() {
        assert_eq!(parse(b"\x02UTF-8"), Message::Accepted("UTF-8".into()));
        assert_eq!(parse(b"\x03"), Message::Rejected);
        assert_eq!(
            parse(b"\x01;UTF-8;ISO-8859-1"),
            Message::Request(vec!["UTF-8".into(), "ISO-8859-1".into()])
        );
        assert_eq!(
            parse(b"\x01[TTABLE]\x01 latin1 utf-8"),
            Message::Request(vec!["latin1".into(), "utf-8".into()])
        );
        assert_eq!(parse(b"\x01"), Message::Request(vec![]));
        assert_eq!(parse(b""), Message::Other);
        assert_eq!(parse(b"\x04junk"), Message::Other);
        assert_eq!(answer(&["latin1".into(), "utf-8".into()]), b"\x02utf-8");
        assert_eq!(answer(&["latin1".into()]), vec![REJECTED]);
        assert_eq!(request(), b"\x01;UTF-8;US-ASCII");
    }

    #[test]
    fn seven_bit_output() {
        assert_eq!(
            to_ascii("Café “quoted” — naïve… Æther"),
            "Cafe \"quoted\" - naive... AEther"
        );
        assert_eq!(to_ascii("dragon 🐉 and 漢"), "dragon ? and ?");
        assert!(to_ascii("äöü߀\u{a0}").is_ascii());
    }
}
