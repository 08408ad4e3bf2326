//! MSSP (option 70): facts for MUD listing crawlers, sent once the client
//! agrees (`IAC DO MSSP`) as `IAC SB MSSP (VAR name VAL value)... IAC SE`.
//!
//! The game supplies the world's facts (name, players, counts); the net
//! layer adds what it knows itself ([`net_vars`]: codebase, port, the
//! protocols it speaks).

/// MSSP_VAR and MSSP_VAL.
pub const VAR: u8 = 1;
pub const VAL: u8 = 2;

/// The codebase as MSSP reports it.
pub fn codebase() -> String {
    format!("GraceMUD {}", env!("CARGO_PKG_VERSION"))
}

/// Encode variables as an MSSP payload. Bytes that would break the framing
/// (NUL, VAR, VAL) are dropped from names and values.
pub fn encode(vars: &[(String, String)]) -> Vec<u8> {
    let mut v = Vec::new();
    let clean = |s: &str, v: &mut Vec<u8>| {
        v.extend(s.bytes().filter(|&b| b > VAL));
    };
    for (name, value) in vars {
        v.push(VAR);
        clean(name, &mut v);
        v.push(VAL);
        clean(value, &mut v);
    }
    v
}

/// Parse an MSSP payload back into (name, values) pairs (tests, tools).
pub fn decode(data: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let marker = data[i];
        i += 1;
        let start = i;
        while i < data.len() && data[i] != VAR && data[i] != VAL {
            i += 1;
        }
        let s = String::from_utf8_lossy(&data[start..i]).into_owned();
        match marker {
            VAR => out.push((s, Vec::new())),
            VAL => {
                if let Some(last) = out.last_mut() {
                    last.1.push(s);
                }
            }
            _ => {}
        }
    }
    out
}

/// The web client, when it is served (`-w PORT`): MSSP has no standard
/// name for it, so `WEB CLIENT` says there is one and `WEB PORT` where.
pub fn web_vars(port: u16) -> Vec<(String, String)> {
    vec![
        ("WEB CLIENT".into(), "1".into()),
        ("WEB PORT".into(), port.to_string()),
    ]
}

/// What the net layer knows: codebase, port, and the protocols it speaks.
pub fn net_vars(port: u16) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("CODEBASE".into(), codebase()),
        ("PORT".into(), port.to_string()),
        ("ANSI".into(), "1".into()),
        ("UTF-8".into(), "1".into()),
        ("GMCP".into(), "1".into()),
        ("MCCP".into(), "1".into()),
        ("MSDP".into(), "0".into()),
        ("MSP".into(), "0".into()),
        ("MXP".into(), "0".into()),
        ("PUEBLO".into(), "0".into()),
        ("VT100".into(), "0".into()),
        ("XTERM 256 COLORS".into(), "1".into()),
        ("XTERM TRUE COLORS".into(), "1".into()),
        ("SSL".into(), "0".into()),
        ("PAY TO PLAY".into(), "0".into()),
        ("PAY FOR PERKS".into(), "0".into()),
        ("HIRING BUILDERS".into(), "0".into()),
        ("HIRING CODERS".into(), "0".into()),
        ("CRAWL DELAY".into(), "-1".into()),
    ];
    let contact = std::env::var("GRACEMUD_CONTACT").unwrap_or_default();
    let contact = contact.trim();
    v.push((
        "CONTACT".into(),
        if contact.is_empty() {
            "admin@localhost".into()
        } else {
            contact.to_string()
        },
    ));
    v
}

/// `game` first, then the net layer's variables the game did not give.
pub fn merge(game: Vec<(String, String)>, net: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut all = game;
    for (k, v) in net {
        if !all.iter().any(|(n, _)| n.eq_ignore_ascii_case(&k)) {
            all.push((k, v));
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode() {
        let vars = vec![
            ("NAME".to_string(), "GraceMUD".to_string()),
            ("PLAYERS".to_string(), "3".to_string()),
            ("BAD\u{1}".to_string(), "x\u{2}y\u{0}".to_string()),
        ];
        let p = encode(&vars);
        assert_eq!(&p[..14], b"\x01NAME\x02GraceMUD");
        let d = decode(&p);
        assert_eq!(d[0], ("NAME".into(), vec!["GraceMUD".into()]));
        assert_eq!(d[1], ("PLAYERS".into(), vec!["3".into()]));
        assert_eq!(d[2], ("BAD".into(), vec!["xy".into()]));
    }

    #[test]
    fn net_vars_and_merge() {
        let n = net_vars(4000);
        assert!(n.contains(&("PORT".into(), "4000".into())));
        assert!(n
            .iter()
            .any(|(k, v)| k == "CODEBASE" && v.starts_with("GraceMUD ")));
        let m = merge(vec![("PORT".into(), "1".into())], n);
        assert_eq!(m.iter().filter(|(k, _)| k == "PORT").count(), 1);
        assert_eq!(m[0].1, "1");
    }
}
